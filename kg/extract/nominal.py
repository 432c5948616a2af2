"""Nominal events whose actors are explicit: relations read off a noun phrase.

A news sentence often states an act as a noun ("Israel's attack on Iran", "the
assassination of X by Y", "an Israeli order for Palestinians to evacuate") or as
a participle inside a noun phrase ("a US-led initiative", "Iran-backed militias").
When the agent and the patient are both in the phrase, the act is a relation:
:mod:`kg.extract.nominal` finds those as :class:`~kg.extract.clauses.Frame`
records (``how`` :data:`NOMINAL` or :data:`ATTRIBUTIVE`). They become
relations with a lower confidence and the ``nominal`` flag
(:mod:`kg.extract.relations`); the patient of a nominal event is an actor or a
phrase of a named nation ("Russian positions", :func:`national`), and no rule
guesses an agent the phrase does not name ("the planned attack on Iran" gives
nothing).

The nouns and their prepositions are data: ``ontologies/dictionaries/event_nouns.tsv``
(:func:`kg.dictionaries.event_nouns`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.dictionaries import event_nouns, event_type
from kg.extract import patterns as P
from kg.extract.clauses import AGENT_ENTS, Frame, kids, modifier_agent, prep_phrases, usable, with_conjuncts
from kg.extract.modality import noun_modality, strongest
from kg.records import Modality

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["NOMINAL", "ATTRIBUTIVE", "HOWS", "frames", "event_frames", "reciprocal_frames", "directive_frames",
           "participle_frames", "agents_of", "nominal_modality"]

NOMINAL = "nominal"
"""``Frame.how`` of an event or directive noun with its actors ("Russia's invasion of Georgia")."""
ATTRIBUTIVE = "attributive"
"""``Frame.how`` of a hyphenated participle modifier ("a US-led initiative")."""

HOWS = frozenset({NOMINAL, ATTRIBUTIVE})
"""The ``Frame.how`` values this module produces: relations read off a noun phrase."""

def agents_of(noun: "Token") -> "tuple[Token, ...]":
    """The explicit agent of an event noun, or ().

    Generalisation: an event noun names its agent by a by-phrase ("the
    assassination of X by Israel"), a possessor ("Israel's attack", "its
    aggression") or a nationality or organisation modifier ("Israeli strikes",
    "the Hamas attack", "US sanctions"). An event noun in apposition describes
    the noun it is apposed to and takes that noun's possessor or nationality
    ("its Operation Z, itself a strike on X": its author strikes X). A place
    modifier is not an agent ("the Gaza strikes" is where): relations drop
    agents that resolve to a Location.
    """
    for prep in kids(noun, {"prep"}):
        if prep.lower_ == "by":
            for pobj in kids(prep, {"pobj"}):
                if usable(pobj):
                    return with_conjuncts(pobj)
    agent = modifier_agent(noun, any_possessor=True)
    if agent is not None:
        return (agent,)
    described = _apposed_to(noun)
    return _own_agent(described) if described is not None else ()


def _own_agent(noun: "Token") -> "tuple[Token, ...]":
    """The possessor or nationality modifier of ``noun`` or of a name it is in apposition to."""
    while True:
        agent = modifier_agent(noun, any_possessor=True)
        if agent is not None:
            return (agent,)
        if noun.dep_ != "appos" or noun.head.i == noun.i:
            return ()
        noun = noun.head


def _apposed_to(noun: "Token") -> "Token | None":
    """The noun an event noun describes by apposition ("Operation Z, an assault on X"), also after
    an emphatic reflexive, whatever the parser attached the event noun to ("its Operation Z,
    itself a strike on X")."""
    if noun.dep_ == "appos" and noun.head.i != noun.i:
        return noun.head
    left = noun.left_edge.i
    if left > 0:
        before = noun.doc[left - 1]
        if before.lower_ in ("itself", "themselves") and before.dep_ == "appos":
            return before.head
    return None


def event_frames(noun: "Token") -> "Iterator[Frame]":
    """An event noun with an explicit agent and patient: agent `verb` patient.

    Generalisation: a noun that nominalises a transitive act (``event_nouns.tsv``,
    kind ``event``) keeps its verb's arguments inside its noun phrase: the agent
    as in :func:`agents_of`, the patient after the preposition the noun takes
    ("attack on", "assassination of", "sale to", "talks with"). "Israel's attack
    on Iran" → Israel `attack` Iran; "Washington's arms sale to Taiwan" → United
    States `sell to` Taiwan. Nothing without both ("the attack on Iran", "Israel's
    attack").
    """
    entry = event_nouns().get(noun.lemma_.lower())
    if entry is None or entry[2] != "event" or noun.pos_ != "NOUN":
        return
    predicate, preps, _ = entry
    agents = agents_of(noun)
    if not agents:
        return
    for words, pobj in prep_phrases(noun):
        if words[0].lower_ in preps and usable(pobj) and words[0].lower_ != "by":
            yield Frame(noun, agents, with_conjuncts(pobj), predicate, (noun, *words), NOMINAL, False)
            return


_RECIPROCAL_PREPS = frozenset({"between", "among"})


def reciprocal_frames(noun: "Token") -> "Iterator[Frame]":
    """A reciprocal event noun with its parties in a "between" phrase: first party `verb` the others.

    Generalisation: an act done *with* someone (``event_nouns.tsv`` nouns whose patient comes
    after "with": talks, a deal, a dispute, a war) names all its parties, unordered, in a
    "between"/"among" phrase: "the talks between Iran and Oman" → Iran `talk with` Oman, as
    "Iran's talks with Oman" would give. One party alone ("the dispute between the two
    companies") gives nothing, nor does a noun of a one-sided act ("the attack between ...").
    """
    entry = event_nouns().get(noun.lemma_.lower())
    if entry is None or entry[2] != "event" or "with" not in entry[1] or noun.pos_ != "NOUN":
        return
    for prep in kids(noun, {"prep"}):
        if prep.lower_ not in _RECIPROCAL_PREPS:
            continue
        for first in kids(prep, {"pobj"}):
            parties = with_conjuncts(first)
            if len(parties) > 1 and all(usable(p) for p in parties):
                yield Frame(noun, (parties[0],), parties[1:], entry[0], (noun, prep), NOMINAL, False)
            return


def _addressees(noun: "Token", preps: frozenset[str]) -> "tuple[Token, ...]":
    """Who a directive noun tells to act: the subject of its clause ("for X to leave",
    "that X leave"), else the object of its preposition when an infinitive follows
    ("a call on X to withdraw")."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "advcl", "ccomp", "relcl") and c.pos_ in P.PREDICATE_POS]
    gov = noun.head
    if noun.dep_ in P.SUBJ_DEPS and any(c.lower_ == "to" and c.dep_ == "aux" for c in gov.children):
        clauses.append(gov)  # "the call on X to withdraw" parsed as the subject of "to withdraw"
    if noun.dep_ in P.OBJ_DEPS | {"pobj"}:
        # "welcomed the order for X to leave" with the for-clause attached to the verb
        clauses += [c for c in gov.children if c.dep_ == "advcl" and c.i > noun.i
                    and any(m.lower_ == "for" and m.dep_ == "mark" and m.i == noun.right_edge.i + 1 for m in c.children)]
    for clause in clauses:
        if any(c.lower_ in P.RELATIVE_PRONOUNS for c in clause.children if c.dep_ in P.SUBJ_DEPS):
            continue  # "the order that X gave": a relative clause, not the order's content
        subjects = [c for c in kids(clause, P.SUBJ_DEPS) if c.i > noun.i and c.i != noun.i]
        if subjects:
            return with_conjuncts(subjects[0])
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for cl in clauses for c in cl.children)
    for words, pobj in prep_phrases(noun):
        if words[0].lower_ in preps and usable(pobj):
            tail = [c for c in pobj.children if c.dep_ in ("acl", "relcl") and c.pos_ in P.PREDICATE_POS]
            if infinitive or any(c.lower_ == "to" and c.dep_ == "aux" for t in tail for c in t.children):
                return with_conjuncts(pobj)
    return ()


_ISSUING_VERBS = frozenset({"issue", "make", "send", "give", "deliver", "file", "submit", "lodge", "extend", "put", "sign"})


def _issuer(noun: "Token") -> "tuple[Token, ...]":
    """The author of a directive noun that is the object of a verb of issuing ("X issued an order
    that ...", "X made a request for Y to ..."): the subject of that support verb, the way a light
    verb's subject is the agent of its noun. Only from the verb's own subject, never inherited."""
    gov = noun.head
    if noun.dep_ not in P.OBJ_DEPS or gov.lemma_.lower() not in _ISSUING_VERBS:
        return ()
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in gov.children):
        return ()
    subjects = [c for c in gov.children if c.dep_ in P.SUBJ_DEPS]
    return with_conjuncts(subjects[0]) if subjects and usable(subjects[0]) else ()


def directive_frames(noun: "Token") -> "Iterator[Frame]":
    """A directive noun with an explicit author and addressee: author `verb` addressee.

    Generalisation: an order, call, appeal, request, demand or invitation
    (``event_nouns.tsv``, kind ``directive``) with an explicit agent (as in
    :func:`agents_of`) relates it to whoever it tells to act, exactly as the verb
    does under object control ("X ordered Y to leave" → X `order` Y): "Israel's
    order for Palestinians to evacuate" → Israel `order` Palestinians; "the UN's
    call on Israel to withdraw" → UN `call on` Israel. The content (evacuate,
    withdraw) gives no relation, as for the verb. Without a clause or infinitive
    the noun is not a directive ("Qatar's order for 60 jets"). The author may also be the
    subject of a verb of issuing the noun is the object of ("X issued a recommendation that Y
    reopen ..." → X `recommend` Y).
    """
    entry = event_nouns().get(noun.lemma_.lower())
    if entry is None or entry[2] != "directive" or noun.pos_ != "NOUN":
        return
    predicate, preps, _ = entry
    agents = agents_of(noun) or _issuer(noun)
    if not agents:
        return
    addressees = _addressees(noun, preps)
    if addressees:
        yield Frame(noun, agents, addressees, predicate, (noun,), NOMINAL, False)


def participle_frames(participle: "Token") -> "Iterator[Frame]":
    """A hyphenated actor–participle modifier: actor `verb` the modified noun.

    Generalisation: in "<actor>-<past participle> <noun>" the actor is the
    participle's agent and the noun its patient, as in the passive "the noun
    <participle> by <actor>": "a US-led ceasefire initiative" → United States
    `lead` initiative; "Iran-backed militias" → Iran `back` militias. Only for
    participles of acts between actors, those the CAMEO verb dictionary codes
    (lead, back, fund, broker, occupy...), not of place, origin or state
    ("Chicago-based", "Russian-made", "Democrat-aligned"), and only with a hyphen (a plain adjective "led initiative" has no agent). A noun in
    apposition to a name is that name ("Acme, a Paris-backed start-up" → Acme).
    """
    if participle.tag_ != "VBN" or participle.dep_ != "amod" or participle.head.pos_ not in ("NOUN", "PROPN"):
        return
    if event_type(participle.lemma_.lower()) is None:
        return  # a state or an origin ("-based", "-made", "-focused"), not an act on the noun
    doc = participle.doc
    if participle.i == 0 or doc[participle.i - 1].text not in ("-", "\u2010", "\u2011"):
        return
    actor = doc[participle.i - 2] if participle.i >= 2 else None
    if actor is None or actor.ent_type_ not in AGENT_ENTS or actor.head.i not in (participle.i, participle.head.i):
        return
    patient = participle.head
    if patient.dep_ == "appos" and patient.head.pos_ == "PROPN":
        patient = patient.head  # "AirTanker, an EADS-led consortium": the consortium is AirTanker
    yield Frame(participle, (actor,), with_conjuncts(patient), participle.lemma_.lower(),
                (actor, doc[participle.i - 1], participle), ATTRIBUTIVE, False)


def frames(sent: "Span") -> "Iterator[Frame]":
    """Every nominal frame of a sentence, in text order."""
    for token in sent:
        if token.pos_ == "NOUN":
            yield from event_frames(token)
            yield from reciprocal_frames(token)
            yield from directive_frames(token)
        elif token.dep_ == "amod" and token.tag_ == "VBN":
            yield from participle_frames(token)


def nominal_modality(head: "Token") -> Modality:
    """How firmly a nominal event is stated.

    Generalisation: a nominal event is presupposed by the clause it stands in
    ("condemned the strikes on X": the strikes happened), unless a modifier
    ("the planned attack", "a possible strike") or its governor says otherwise:
    the object of a plan or threat ("plans an attack", "the threat of an
    attack") is planned; of a wish, request, stance or denial ("urged a
    ceasefire", "opposes an attack", "denied the raid") hypothetical.
    """
    noun = head.head if head.dep_ == "amod" else head
    found = {noun_modality(noun)}
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    if gov.i != noun.i and noun.dep_ in ("dobj", "pobj", "nsubjpass", "conj"):
        lemma = gov.lemma_.lower()
        if lemma in P.PLAN_CONTROL or lemma in P.PLAN_NOUNS:
            found.add(Modality.PLANNED)
        elif (lemma in P.HYPOTHETICAL_CONTROL or lemma in P.HYPOTHETICAL_NOUNS or lemma in P.SPECULATION_NOUNS
              or lemma in P.NEGATING_SPEECH_VERBS or lemma in P.NEGATING_CONTROL):
            found.add(Modality.HYPOTHETICAL)
    return strongest(*found)


def national(token: "Token") -> bool:
    """True for a noun phrase that belongs to a named nation or organisation ("the Israeli
    occupation", "Russian positions"): a patient of a nominal event even when the phrase is no
    actor itself, as a verb's object would be ("struck Russian positions")."""
    return token.pos_ == "NOUN" and any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in token.children
    )
