"""Predicate–argument frames from a dependency parse.

:mod:`kg.extract.clauses` finds, for each predicate of a sentence, who does it
and to whom, as :class:`Frame` records of head tokens (mentions are built
later, in :mod:`kg.extract.relations`). Covered:

- active subject–verb–object, and dative objects ("told Netanyahu");
- passives with a by-agent, turned to active voice (agent = subject);
- prepositional and phrasal predicates: particles and prepositions join the
  lemma ("meet with", "withdraw from", "call on", "pull out of");
- light-verb objects in a prepositional phrase ("expressed concern over Iran"
  → "express concern over"; "imposed duties on European brandy"), and the
  goal of a transfer verb, its theme only when specific ("will send 100 troops
  to Israel" → "send to" Israel), "in favour of" as one preposition;
- subjects inherited through control ("plans to attack" → the planner
  attacks; "is scheduled to meet"), conjoined verbs, participles ("the
  occupation attacking Iran") and adverbial clauses; the complements of
  object-control verbs and demands give no frame unless asked for
  (:mod:`kg.extract.control`), a demand's addressee is its object ("demanded
  that Israel stop" → demand Israel);
- reciprocals: a symmetric verb with conjoined subjects and no object holds
  both ways ("Modi and Xi met");
- denials parsed as a modifier ("denied attacking UNIFIL");
- adjectival predicates after a copula ("is opposed to");
- with ``copula=True``, "X is Y" frames.

Frames keep spaCy tokens and never leave :mod:`kg.extract`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.extract.control import demanded, denied_gerund
from kg.extract.phrases import numbered_name

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "Frame", "verb_frames", "predicates", "subjects_of", "is_passive", "copula_of", "has_agent", "modifier_agent",
    # parse-tree helpers the sibling readers (nominal, periphrases) share
    "kids", "with_conjuncts", "usable", "prep_phrases", "passive_agents", "patients_of", "content_of", "verb_lemma",
    "in_order", "predicate_phrase", "aux_tokens", "noun_partners",
]

SVO, PASSIVE, PREP, DATIVE, LIGHT, COPULA = "svo", "passive", "prep", "dative", "light", "copula"
RECIPROCAL = "reciprocal"
IMPLICIT = "implicit"
"""``Frame.how`` of a relation whose agent the sentence implies rather than states (:func:`late_notice_frames`)."""

_OBJECT_GERUND_PREPS = frozenset({"of", "from", "for", "into"})
_PARTICLE_ADVERBS = frozenset({"back", "out", "off", "away"})
_ADVCL_MARKS = frozenset({"after", "before", "while", "when", "since", "by", "upon", "in", "on", "without"})
_CONTROL_PREPS = frozenset({"on", "upon"})
_TOPIC_PREPS = frozenset({"about", "of", "on"})
_GOALS = frozenset({"to", "into", "from", "toward", "towards", "onto"})


@dataclass(frozen=True, slots=True)
class Frame:
    """One predicate with its subject and object heads (each with its conjuncts)."""

    verb: "Token"
    subjects: "tuple[Token, ...]"
    objects: "tuple[Token, ...]"
    predicate: str
    tokens: "tuple[Token, ...]" = field(default=())
    how: str = SVO
    inherited: bool = False
    speech: "Token | None" = None
    """The reporting verb whose content the frame is, when the parse hides it ("denied attacking X")."""


def kids(token: "Token", deps: frozenset[str] | set[str]) -> "list[Token]":
    return [c for c in token.children if c.dep_ in deps]


def with_conjuncts(token: "Token") -> "tuple[Token, ...]":
    return (token, *sorted((c for c in token.conjuncts if c.i > token.i), key=lambda c: c.i))


def copula_of(token: "Token") -> "Token | None":
    """The copula a predicate adjective or participle hangs from ("is" of "is opposed")."""
    if token.dep_ in ("acomp", "oprd") and token.head.lemma_ == "be":
        return token.head
    return None


def is_passive(verb: "Token") -> bool:
    """True for passive verbs and passive participles ("the weapons supplied by Iran")."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children):
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.pos_ in P.PREDICATE_POS:
        # "are selected and purchased by X": a participle sharing a passive conjunct's auxiliary
        if not any(c.dep_ in ("aux", "nsubj") for c in verb.children) and is_passive(verb.head):
            return True
    return verb.tag_ == "VBN" and verb.dep_ == "acl"


def passive_agents(verb: "Token") -> "tuple[Token, ...]":
    """The agent of a passive: its by-phrase, or a deliberative body in an "in" phrase ("was
    rejected in the Senate": the Senate rejected it, guidelines §3;
    :data:`~kg.extract.lexicon.DELIBERATIVE_BODIES`), never a place ("rejected in Paris")."""
    for agent in kids(verb, {"agent"}):
        for pobj in kids(agent, {"pobj"}):
            return with_conjuncts(pobj)
    for prep in kids(verb, {"prep"}):  # "was rejected in the Senate": a deliberative body decides
        if prep.lower_ == "in":
            for pobj in kids(prep, {"pobj"}):
                if pobj.lemma_.lower() in L.DELIBERATIVE_BODIES and pobj.ent_type_ not in ("GPE", "LOC", "FAC"):
                    return with_conjuncts(pobj)
    for obj in kids(verb, P.OBJ_DEPS):  # "was fined 120 million euros by the Commission"
        for prep in kids(obj, {"prep"}):
            if prep.lower_ == "by":
                for pobj in kids(prep, {"pobj"}):
                    return with_conjuncts(pobj)
    return ()


def subjects_of(verb: "Token", depth: int = 0) -> "tuple[tuple[Token, ...], bool]":
    """The subject heads of ``verb`` (the agents of a passive) and whether they were inherited.

    Subjects are inherited through control (object control when the governor
    has an object or an "on" phrase, else subject control), conjoined verbs
    (and conjoined passives share the by-agent of the last one: "selected and
    bought by X"),
    participles, infinitives of nouns ("the occupation's plan to assassinate")
    and subjectless adverbial clauses.
    """
    if is_passive(verb):
        agents = passive_agents(verb)
        if not agents:  # "are selected and purchased by the state": the agent of the last conjunct
            for conj in kids(verb, {"conj"}):
                if conj.i > verb.i and is_passive(conj) and not kids(conj, P.PASS_SUBJ_DEPS):
                    agents = passive_agents(conj)
                    if agents:
                        break
        return (agents, False) if agents else ((), False)
    own = kids(verb, P.SUBJ_DEPS)
    cop = copula_of(verb)
    if not own and cop is not None:
        own = kids(cop, P.SUBJ_DEPS)
    if own:
        collective = _collective_antecedent(verb, own[0])
        return collective or with_conjuncts(own[0]), False
    if depth > 6 or verb.head.i == verb.i:
        return (), False
    gov, dep = verb.head, verb.dep_
    if dep == "xcomp" or (dep == "ccomp" and any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)):
        return _controller(verb, gov, depth), True
    if dep == "conj" and gov.pos_ in P.PREDICATE_POS:
        if is_passive(gov) and not is_passive(verb):
            return (), False
        subjects, _ = subjects_of(gov, depth + 1)
        return subjects, True
    if dep == "relcl" and _infinitive_relative(verb):
        dep = "acl"  # "has 30 days to respond": an infinitival relative works as a clausal modifier
    if dep == "acl":
        if verb.tag_ == "VBG":
            return with_conjuncts(gov), True
        for poss in kids(gov, {"poss"}):
            return (poss,), True
        for prep in kids(gov, {"prep"}):
            if prep.lower_ == "for" and prep.i < verb.i:
                for pobj in kids(prep, {"pobj"}):
                    return (pobj,), True
        if gov.dep_ in P.OBJ_DEPS and gov.head.lemma_.lower() in P.NOUN_CONTROL_VERBS:
            subjects, _ = subjects_of(gov.head, depth + 1)
            return subjects, True
        topic_of = gov.head.head if gov.dep_ == "pobj" and gov.head.lower_ in _TOPIC_PREPS else None
        if topic_of is not None and verb_lemma(topic_of) in L.NOTIFYING_VERBS and not is_passive(topic_of):
            subjects, _ = subjects_of(topic_of, depth + 1)  # "notified X about an operation to seize Y"
            return subjects, True
        return (), False
    if dep == "advcl" and verb.tag_ in ("VBG", "VBN") and gov.pos_ in P.PREDICATE_POS:
        marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
        if not marks or marks[0] in _ADVCL_MARKS:
            return _adjunct_controller(gov, marks[0] if marks else "", depth), True
    if dep in ("pcomp", "pobj") and verb.tag_ == "VBG" and gov.dep_ == "prep" and gov.head.pos_ in P.PREDICATE_POS:
        # "accused Hamas of rejecting", "stopped X from", "thanked X for": the object does it;
        # "after signaling", "joined X in voting", "by selling": the subject
        objs = [o for o in kids(gov.head, P.OBJ_DEPS) if o.i < gov.i and o.lower_ not in _REFLEXIVES]
        if objs and gov.lower_ in _OBJECT_GERUND_PREPS:
            return with_conjuncts(objs[0]), True
        return _adjunct_controller(gov.head, gov.lower_, depth), True
    return (), False


def _adjunct_controller(gov: "Token", word: str, depth: int) -> "tuple[Token, ...]":
    """Who does a subjectless adverbial clause or gerund of ``gov`` ("after violating X").

    Generalisation: a temporal or circumstantial adjunct is controlled by the grammatical subject
    of its clause, also when that clause is passive ("X was suspended after violating the rules":
    X violated them; "Y was detained by Z while visiting W": Y visited W), for the words of
    :data:`_SUBJECT_ADJUNCT_WORDS` and a finite passive only. An instrumental "by" belongs to the
    doer, the passive's agent ("the plant was saved by cutting costs"); a bare participle
    ("..., reflecting X") and a reduced relative ("a ploy aimed at embarrassing X") are left as
    they were.
    """
    finite = any(c.dep_ == "auxpass" for c in gov.children)  # not a reduced relative ("a plan aimed at")
    if finite and word in _SUBJECT_ADJUNCT_WORDS and is_passive(gov):
        patients = patients_of(gov)
        if patients:
            return patients
    return subjects_of(gov, depth + 1)[0]


_SUBJECT_ADJUNCT_WORDS = frozenset({
    "after", "before", "while", "since", "upon", "without", "despite", "when", "of", "for", "in", "to",
})
"""Words that open an adjunct controlled by the grammatical subject of a passive clause ("was fined
after polluting"); a bare participle ("..., reflecting X") often says something of the whole
clause, and an instrumental "by" belongs to the agent."""


def _collective_antecedent(verb: "Token", subject: "Token") -> "tuple[Token, ...]":
    """The whole coordination a relative pronoun stands for when its verb is symmetric: "X and Y,
    which merged in 1998" → X and Y (the parser hangs the clause on the last conjunct only)."""
    if verb.dep_ != "relcl" or subject.lower_ not in P.RELATIVE_PRONOUNS or verb_lemma(verb) not in L.SYMMETRIC_VERBS:
        return ()
    antecedent = verb.head
    if antecedent.dep_ != "conj" and not any(c.dep_ == "conj" for c in antecedent.children):
        return ()
    first = antecedent
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return with_conjuncts(first)


def _infinitive_relative(verb: "Token") -> bool:
    """True for "to respond" in "30 days to respond": a relative clause with "to" and no relative word."""
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children) and not any(
        c.lower_ in P.RELATIVE_PRONOUNS or c.tag_ in ("WDT", "WP", "WRB") for c in verb.subtree if c.i < verb.i
    )


def _controller(verb: "Token", gov: "Token", depth: int) -> "tuple[Token, ...]":
    """Who does the infinitive ``verb`` governed by ``gov``."""
    if gov.dep_ in ("acomp", "oprd") and copula_of(gov) is None:
        # "left the Pentagon unable to protect": the object of the verb above
        above = gov.head
        objs = kids(above, P.OBJ_DEPS)
        if objs:
            return (objs[0],)
        return subjects_of(above, depth + 1)[0]
    objs = [o for o in kids(gov, P.OBJ_DEPS | P.DATIVE_DEPS) if o.i < verb.i]
    if objs and gov.lemma_.lower() in L.OBJECT_CONTROL:
        return with_conjuncts(objs[0])  # "urged Israel to accept"; "defeated Boeing to win": the subject
    for prep in kids(gov, {"prep"}):
        if prep.lower_ in _CONTROL_PREPS and prep.i < verb.i and gov.lemma_.lower() in L.CONTROL_PREP_VERBS:
            for pobj in kids(prep, {"pobj"}):
                if pobj.ent_type_ not in ("DATE", "TIME"):
                    return with_conjuncts(pobj)
    if is_passive(gov):  # "is scheduled to meet", also in a conjunct ("visited X and is scheduled to")
        patients = patients_of(gov)
        if patients:
            return patients
    return subjects_of(gov, depth + 1)[0]


def patients_of(verb: "Token") -> "tuple[Token, ...]":
    own = kids(verb, P.PASS_SUBJ_DEPS)
    if own:
        return with_conjuncts(own[0])
    if verb.dep_ == "acl":
        return (verb.head,)
    if verb.dep_ == "conj" and verb.head.pos_ in P.PREDICATE_POS:
        if is_passive(verb.head):
            return patients_of(verb.head)
        return subjects_of(verb.head)[0]
    if verb.dep_ == "xcomp":
        return _controller(verb, verb.head, 0)
    return ()


def prep_phrases(head: "Token") -> "Iterator[tuple[list[Token], Token]]":
    """(preposition tokens, object) for each prepositional phrase on ``head``."""
    for prep in kids(head, {"prep"}):
        if prep.lower_ in P.CIRCUMSTANTIAL_PREPS:
            continue
        pobjs = kids(prep, {"pobj"})
        if pobjs:
            pobj = pobjs[0]
            for of in kids(pobj, {"prep"}):  # "in favour of X": one preposition
                if (prep.lower_, pobj.lower_, of.lower_) in L.COMPLEX_PREPS:
                    if L.COMPLEX_PREPS[(prep.lower_, pobj.lower_, of.lower_)]:
                        for inner in kids(of, {"pobj"}):
                            yield [prep, pobj, of], content_of(inner)
                    break
            else:
                if prep.lower_ in P.PREDICATE_PREPS and pobj.lemma_.lower() not in L.TIME_NOUNS:
                    yield [prep], content_of(pobj)
            continue
        for inner in kids(prep, {"prep"}):  # "out of", "away from"
            for pobj in kids(inner, {"pobj"}):
                yield [prep, inner], content_of(pobj)


_PREP_SUBORDINATORS = frozenset({"before", "after"})


def _subordinator_phrases(verb: "Token") -> "list[tuple[list[Token], Token]]":
    """A prepositional phrase the parser read as a clause: "pleaded before Congress to be given
    X", parsed as "before [Congress to be given X]".

    Generalisation: an infinitive clause takes no subordinator with a subject of its own ("before
    Congress to be given" is no clause), so a "before"/"after" right before the subject of a "to"
    infinitive is a preposition on the verb above, and that subject its object (the infinitive
    is then the verb's purpose)."""
    found = []
    for clause in kids(verb, {"advcl"}):
        if not any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children):
            continue
        marks = [m for m in clause.children if m.dep_ == "mark" and m.lower_ in _PREP_SUBORDINATORS]
        subjects = kids(clause, P.SUBJ_DEPS | P.PASS_SUBJ_DEPS)
        if marks and subjects and subjects[0].left_edge.i == marks[0].i + 1:
            found.append(([marks[0]], subjects[0]))
    return found


_AMOUNT_ENTS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})


def _gapped_agents(verb: "Token") -> "list[tuple[Token, Token]]":
    """(remnant, agent) of the gapped conjuncts of a passive with an amount: "owned 55 percent by
    X, eight percent by Y, two percent by Z" → Y and Z own it too.

    Generalisation: in gapping, a conjunct repeats the pattern of the first one without its verb
    ("<amount> by <agent>"); the parser hangs such remnants anywhere, so an amount of the same kind
    as the verb's own, after it in the sentence, with a "by" phrase of its own, is one more agent
    of the verb. Only when the verb itself has such an amount and its by-agent ("was owned 55
    percent by X"); an amount "by" elsewhere ("rose 5 percent by May") is no remnant.
    """
    amounts = [c for c in verb.children if c.dep_ in ("npadvmod", "dobj", "advmod") and c.ent_type_ in _AMOUNT_ENTS]
    if not amounts or not kids(verb, {"agent"}):
        return []
    kind = amounts[0].ent_type_
    found = []
    for token in verb.sent:
        if token.i <= verb.i or token.ent_type_ != kind or token.pos_ != "NOUN" or token.head.i == verb.i:
            continue
        for prep in kids(token, {"prep"}):
            if prep.lower_ == "by":
                found += [(token, pobj) for pobj in kids(prep, {"pobj"}) if usable(pobj)]
    return found


def content_of(token: "Token", depth: int = 0) -> "Token":
    """The counted noun behind a quantity ("dozens of civilians" → civilians, "80% of its stake"
    → stake), or what a sum of money is made of ("$5 billion in loans" → loans)."""
    based = _based_name(token)
    if based is not None:
        return based
    money = token.ent_type_ == "MONEY" and token.pos_ in ("NUM", "NOUN", "SYM")
    share = token.ent_type_ == "PERCENT"  # "80% of its stake in X": the stake
    if depth < 3 and (money or share or token.lower_ in P.QUANTITY_NOUNS or token.ent_type_ in ("CARDINAL", "QUANTITY")):
        for prep in kids(token, {"prep"}):
            if prep.lower_ == "of" or (money and prep.lower_ == "in"):
                for pobj in kids(prep, {"pobj"}):
                    return content_of(pobj, depth + 1)
    return token


def _based_name(place: "Token") -> "Token | None":
    """The name a "<place> based" phrase describes, when the parser made the place the head
    ("selected Los Angeles based Northrop Grumman": Northrop Grumman, guidelines §8)."""
    if place.ent_type_ not in ("GPE", "LOC", "FAC") or place.i + 1 >= len(place.doc):
        return None
    based = place.doc[place.i + 1]
    if based.lower_ == "-" and place.i + 2 < len(place.doc):
        based = place.doc[place.i + 2]
    if based.lower_ != "based":
        return None
    for child in based.children:
        if child.dep_ in ("dobj", "pobj", "npadvmod", "appos") and child.i > based.i and child.ent_type_ in _PARTNER_ENTS:
            return child
    return None


def usable(token: "Token") -> bool:
    if token.is_punct or token.dep_ == "expl":
        return False
    return token.ent_type_ not in P.NON_ARG_ENTS or numbered_name(token)



def verb_lemma(verb: "Token") -> str:
    lemma = verb.lemma_.lower() or verb.lower_
    return L.LEMMA_FIXES.get(verb.lower_, L.LEMMA_FIXES.get(lemma, lemma))


def predicate_phrase(*parts: str) -> str:
    text = " ".join(p for p in parts if p).lower()
    return P.PREDICATE_NORMAL.get(text, text)


def aux_tokens(verb: "Token") -> "list[Token]":
    """Auxiliaries, copula and negators of a predicate, for its text as written."""
    found = kids(verb, P.AUX_DEPS | P.NEG_DEPS)
    for adv in kids(verb, {"advmod"}):
        if adv.lower_ in ("never", "longer"):
            found += [adv, *(c for c in adv.children if c.lower_ in ("no", "not"))]
    cop = copula_of(verb)
    if cop is not None:
        found += [cop, *kids(cop, P.AUX_DEPS | P.NEG_DEPS)]
    return found


def in_order(tokens: "list[Token]") -> "tuple[Token, ...]":
    return tuple(sorted(tokens, key=lambda t: t.i))


def _transfer(verb: "Token") -> "list[tuple[list[Token], Token]]":
    """The goal or source of a transfer verb ("send ... to Israel", "withdraw ... from the talks")."""
    if verb_lemma(verb) not in L.TRANSFER_VERBS:
        return []
    found = [(preps, pobj) for preps, pobj in prep_phrases(verb) if preps[0].lower_ in _GOALS and usable(pobj)]
    if not found:  # "delivered the last jet built to X": the goal hung on the object's participle
        for obj in kids(verb, P.OBJ_DEPS):
            for part in kids(obj, {"acl"}):
                if part.tag_ == "VBN" and not kids(part, P.AUX_DEPS | {"agent"}):
                    found += [(preps, pobj) for preps, pobj in prep_phrases(part)
                              if preps[0].lower_ in ("to", "into") and pobj.ent_type_ in _PARTNER_ENTS | {"GPE"}]
    return found


_PARTNER_ENTS = frozenset({"ORG", "PERSON", "NORP"})


def incorporated(verb: "Token", obj: "Token") -> "list[tuple[list[Token], Token]]":
    """The partner phrases of a noun-incorporated predicate: verb + common-noun object + preposition.

    Generalisation: when the direct object is a common noun (not a name, nor
    a noun for an actor such as "the company", "officials") of a verb that is
    not a verb of saying ("described the problem with X" reports), a
    prepositional phrase after it, on the noun or on the verb, names the
    participant the act is directed at, and the noun joins the predicate
    ("requested assistance from Airbus" → *request assistance from*, "signed a
    contract with X", "bought a stake in X", "broke off talks with X"). Stacked
    phrases count too: the parser often hangs the partner on the noun of an
    earlier phrase ("assistance for the search from Airbus"). Phrases of place
    ("in Paris", "at the plant") are circumstances unless an organisation or
    person follows ("a stake in Chrysler"). A noun with an agent of its own
    ("condemned the Israeli strikes on Iran", "Germany's plan for X") keeps its
    phrases: they are that event's participants, not the verb's; so do the
    "between"/"among" phrases of relational nouns ("suspended mediation between
    X and Y"). A verb of judgement (:data:`~kg.extract.lexicon.STANCE_VERBS`)
    judges its object, whatever phrase follows ("approved the truce with X"). Whether the partner is an actor is
    decided later (:mod:`kg.extract.relations` keeps only actor partners unless
    the noun names an event, :func:`kg.extract.events.light_event`).
    """
    if obj.pos_ != "NOUN" or _actor_noun(obj) or verb_lemma(verb) in L.SAYING_VERBS | L.STANCE_VERBS:
        return []
    found: list[tuple[list[Token], Token]] = []
    own = [] if has_agent(obj) else [(p, o) for p, o in prep_phrases(obj) if p[0].lower_ not in _RELATIONAL_PREPS]
    candidates = [*own, *prep_phrases(verb)]
    for preps, pobj in own:
        if pobj.pos_ == "NOUN" and preps[0].lower_ in ("for", "of"):
            candidates += [(p, o) for p, o in prep_phrases(pobj) if p[0].lower_ in _STACKED_PREPS]
    for preps, pobj in candidates:
        if not usable(pobj) or pobj.i < obj.i or pobj.head.i != preps[-1].i:
            continue  # the partner is the preposition's own object, not a noun counted by it ("for 60 of its jets")
        first = preps[0].lower_
        if first in P.LOCATIVE_PREPS and first != "at" and not _named_partner(pobj):
            continue
        if first == "at" and verb_lemma(verb) not in L.AIMING_VERBS and pobj.ent_type_ not in _PARTNER_ENTS:
            continue  # "unveiled the jet at its factory": where; "fired rockets at X": the target
        found.append((preps, pobj))
    return found


_REFLEXIVES = frozenset({"itself", "himself", "herself", "themselves", "oneself"})
_PARTNER_PREPS = frozenset({"to", "from"})


def noun_partners(noun: "Token") -> "list[tuple[list[Token], Token]]":
    """The partner phrases on the noun of a "for" phrase, the thing sought or paid for, which
    folds in like a direct object (:func:`incorporated`, same exclusions, phrases on the noun
    only, no "of"): "paid $57 million for a stake in X" → pay for stake in X. Other
    prepositions keep their noun whole ("pulled out of the contract with X": the contract)."""
    if noun.pos_ != "NOUN" or _actor_noun(noun) or has_agent(noun):
        return []
    found = []
    for preps, pobj in prep_phrases(noun):
        first = preps[0].lower_
        if not usable(pobj) or pobj.head.i != preps[-1].i or first in _RELATIONAL_PREPS | {"of"}:
            continue
        if first in P.LOCATIVE_PREPS and first != "at" and not _named_partner(pobj):
            continue
        found.append((preps, pobj))
    return found


def partners(verb: "Token", obj: "Token") -> "list[tuple[list[Token], Token]]":
    """The recipient or source of a ditransitive whose theme is an actor or a pronoun.

    Generalisation: "sold it to Bosch", "bought Osram from Siemens", "bought back
    the carmaker from X": the relation with the recipient (or source) is stated
    besides the one with the theme (guidelines §3: both are required when the
    thing handed over is itself an actor). Only a named organisation or person
    after "to"/"from" is a partner ("welcomed him to Italy" names a place).
    A common-noun theme goes through :func:`incorporated` instead.
    """
    if obj.pos_ == "NOUN" and not _actor_noun(obj):
        return []
    if verb_lemma(verb) in L.SAYING_VERBS | L.TRANSFER_VERBS:
        return []
    return [
        (preps, pobj)
        for preps, pobj in prep_phrases(verb)
        if len(preps) == 1
        and preps[0].lower_ in _PARTNER_PREPS
        and pobj.i > obj.i
        and pobj.head.i == preps[0].i
        and pobj.ent_type_ in _PARTNER_ENTS
    ]


_STACKED_PREPS = frozenset({"from", "with", "against", "to"})
_RELATIONAL_PREPS = frozenset({"between", "among"})


def _named_partner(token: "Token") -> bool:
    """An organisation or person (or a name the model could not type) after a preposition of
    place, which makes it a participant ("a stake in Chrysler"), not a place ("in Paris")."""
    return token.ent_type_ in _PARTNER_ENTS or (token.pos_ == "PROPN" and not token.ent_type_)


def _actor_noun(noun: "Token") -> bool:
    """True for a noun that names an actor itself ("the car maker", "officials"): an argument, never
    part of the predicate."""
    lemma = noun.lemma_.lower()
    return (
        lemma in L.ORG_DESCRIPTIONS
        or lemma in L.PERSON_DESCRIPTIONS
        or P.ROLE_NOUNS.get(lemma, "MIL") != "MIL"  # military role nouns include weapons ("fire rockets at")
        or lemma in P.GROUP_NOUNS
        or lemma.endswith("maker")
    )


AGENT_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
"""Entity types of a modifier that names a noun's agent ("Israeli strikes", "the Hamas attack")."""


def modifier_agent(noun: "Token", *, any_possessor: bool = False) -> "Token | None":
    """The agent a noun names in its own phrase: a possessor ("Israel's attack"; with
    ``any_possessor`` also "its attack"), else a name or nationality before it ("Israeli strikes")."""
    for c in noun.children:
        if c.dep_ == "poss" and (any_possessor or c.ent_type_ in AGENT_ENTS):
            return c
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and c.ent_type_ in AGENT_ENTS:
            return c
    return None


def has_agent(noun: "Token") -> bool:
    """True when a noun names its own agent: a named possessor or a name or nationality before it."""
    return modifier_agent(noun) is not None


def verb_frames(verb: "Token", *, copula: bool = False) -> "Iterator[Frame]":
    """The frames of one verbal (or adjectival) predicate."""
    subjects, inherited = subjects_of(verb)
    subjects = tuple(s for s in map(content_of, subjects) if usable(s))
    # "bought back": an adverb right after the verb that the parser did not call a particle
    prts = kids(verb, {"prt"}) or [
        a for a in kids(verb, {"advmod"}) if a.i == verb.i + 1 and a.lower_ in _PARTICLE_ADVERBS
    ]
    base = predicate_phrase(verb_lemma(verb), *(p.lower_ for p in prts))
    head = [*aux_tokens(verb), verb, *prts]

    def frame(objects: "tuple[Token, ...]", predicate: str, written: "list[Token]", how: str) -> Frame:
        return Frame(verb, subjects, objects, predicate, in_order(written), how, inherited)

    if is_passive(verb):
        patients = tuple(p for p in map(content_of, patients_of(verb)) if usable(p))
        if subjects and patients:
            yield frame(patients, base, [*head, *kids(verb, {"agent"})], PASSIVE)
            for remnant, agent in _gapped_agents(verb):  # "owned 55% by X, 8% by Y": Y owns it too
                yield Frame(verb, (agent,), patients, base, in_order([*head, remnant]), PASSIVE, inherited)
            # "the share in X held by Y": a common-noun patient folds in with its own phrase, as an
            # object does (the verb's phrases in a passive are circumstances: "greeted at the airport")
            for preps, pobj in incorporated(verb, patients[0]) if patients[0].pos_ == "NOUN" else ():
                if preps[0].head.i == patients[0].i and not (verb.dep_ == "acl" and pobj.i > verb.i):
                    predicate = predicate_phrase(base, patients[0].lemma_, *(p.lower_ for p in preps))
                    yield frame(with_conjuncts(pobj), predicate, [*head, patients[0], *preps], LIGHT)
        return
    if not subjects:
        return
    objs = [o for o in map(content_of, kids(verb, P.OBJ_DEPS)) if usable(o)]
    if not objs:  # "named Jane Doe as chief": the parser calls the named object a predicate (oprd)
        objs = [o for o in kids(verb, {"oprd"}) if o.ent_type_ in _PARTNER_ENTS and o.pos_ == "PROPN"]
    datives = [d for d in kids(verb, P.DATIVE_DEPS) if usable(d)]
    addressee = demanded(verb)
    if addressee is not None:  # "demanded that Israel stop": Lebanon demand Israel
        yield frame(with_conjuncts(addressee), base, head, SVO)
        return
    goals = _transfer(verb)
    if goals and not datives:  # "send troops to Israel": send to Israel
        for preps, pobj in goals[:1]:
            yield frame(with_conjuncts(pobj), predicate_phrase(base, *(p.lower_ for p in preps)), [*head, *preps], PREP)
        for obj in objs[:1]:
            if any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children) or obj.pos_ == "PROPN":
                yield frame(with_conjuncts(obj), base, head, SVO)  # a specific theme ("the last jet")
        return
    if datives and (not objs or verb_lemma(verb) in L.TRANSFER_VERBS):
        dative = datives[0]
        if dative.pos_ == "ADP":  # "sent doses to Uganda" parsed with "to" as the dative: send to
            target = next(iter(kids(dative, {"pobj"})), dative)
            yield frame(with_conjuncts(target), predicate_phrase(base, dative.lower_), [*head, dative], DATIVE)
        else:
            yield frame(with_conjuncts(dative), base, head, DATIVE)
        return
    if objs:
        obj = objs[0]
        if (verb.lemma_.lower(), obj.lemma_.lower()) in P.IDIOMS:
            return
        gerund = denied_gerund(verb, obj)
        if gerund is not None:  # "denied attacking UNIFIL": the attack, denied
            yield Frame(gerund, subjects, with_conjuncts(obj), predicate_phrase(verb_lemma(gerund)), (gerund,), SVO, True, verb)
            return
        if obj.lower_ in _REFLEXIVES:  # "divested itself of Osram": divest Osram
            for preps, pobj in prep_phrases(verb):
                if usable(pobj) and pobj.i > obj.i:
                    words = [p.lower_ for p in preps if p.lower_ != "of"]
                    yield frame(with_conjuncts(pobj), predicate_phrase(base, *words), [*head, *preps], PREP)
                    return
        yield frame(with_conjuncts(obj), base, head, SVO)
        for preps, pobj in partners(verb, obj):
            yield frame(with_conjuncts(pobj), predicate_phrase(base, *(p.lower_ for p in preps)), [*head, *preps], PREP)
        found = incorporated(verb, obj)
        for preps, pobj in found:
            predicate = predicate_phrase(base, obj.lemma_, *(p.lower_ for p in preps))
            yield frame(with_conjuncts(pobj), predicate, [*head, obj, *preps], LIGHT)
        other_party = any(p.lower_ in ("with", "between", "among") for p in kids(obj, {"prep"}))
        if not found and not other_party and len(subjects) > 1 and obj.pos_ == "NOUN" and obj.lemma_.lower() in L.JOINT_NOUNS:
            # "X and Y signed an agreement": each signed it with the other (guidelines §9), unless
            # the pact names its other party ("ratified the treaty with Z")
            yield frame(subjects, predicate_phrase(base, obj.lemma_, "with"), [*head, obj], LIGHT)
        return
    phrases = [(preps, pobj) for preps, pobj in [*prep_phrases(verb), *_subordinator_phrases(verb)] if usable(pobj)]
    if len(phrases) > 1:  # "met with X in Washington": the place is a circumstance
        phrases = [(preps, pobj) for preps, pobj in phrases if preps[-1].lower_ not in P.LOCATIVE_PREPS] or phrases[:1]
    if len(subjects) > 1 and verb_lemma(verb) in L.SYMMETRIC_VERBS:
        if all(preps[-1].lower_ in P.LOCATIVE_PREPS for preps, _ in phrases):
            yield frame(subjects, base, head, RECIPROCAL)  # "Modi and Xi met": both ways
            return
    for preps, pobj in phrases:
        yield frame(with_conjuncts(pobj), predicate_phrase(base, *(p.lower_ for p in preps)), [*head, *preps], PREP)
        if preps[-1].lower_ != "for" or verb_lemma(verb) in L.STANCE_VERBS | L.SAYING_VERBS:
            continue
        for inner, partner in noun_partners(pobj):  # "paid for a stake in X": pay for stake in X
            predicate = predicate_phrase(base, *(p.lower_ for p in preps), pobj.lemma_, *(p.lower_ for p in inner))
            yield frame(with_conjuncts(partner), predicate, [*head, *preps, pobj, *inner], LIGHT)
    if copula and verb.lemma_ == "be":
        for attr in kids(verb, P.ATTR_DEPS | {"acomp"}):
            yield frame(with_conjuncts(attr), "be", head, COPULA)


def predicates(sent: "Span") -> "Iterator[Token]":
    """The tokens of ``sent`` that head a verbal or adjectival predicate."""
    for token in sent:
        if token.dep_ in ("aux", "auxpass", "amod", "compound", "case") or token.is_space:
            continue
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            if token.lower_ in ("according",) or (token.dep_ == "prep" and token.tag_ == "VBG"):
                continue
            yield token
