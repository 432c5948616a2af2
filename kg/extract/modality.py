"""Negation, modality and attribution of a predicate.

:mod:`kg.extract.modality` reads how firmly a clause states its relation:

- :func:`is_negated`: a ``neg`` dependent on the verb, its auxiliaries or its
  copula ("not", "n't", "never", "no longer"), inherited by infinitives of a
  negated or negating governor ("did not plan to", "refused to");
- :func:`modality_of`: hypothetical (would/could/might/may, hedges such as
  "likely", conditionals, "is expected to", wishes and requests), planned
  (will, "plans/intends/threatens to", "is set to", "the planned attack"),
  reported ("reportedly"), else asserted; a planned event the sentence says
  took place is asserted (:func:`carried_out`: "a plan to X, which took place");
- :func:`attribution_of`: who the clause is attributed to — the subject of a
  reporting verb the clause is the complement of ("X said (that) ...",
  "X told Y ..."), "according to X", "as reported by X", "as X put it".

Attribution policy: when attributions nest, the **outermost** source wins (the
one the text itself vouches for), and a source "speaking to"/"telling" an
outlet, or an outlet's reporter ("Axios's Barak Ravid"), is replaced by the
outlet: "According to four US officials speaking to Axios, ..." is attributed
to Axios.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.extract.clauses import copula_of, subjects_of
from kg.records import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "Attribution",
    "is_negated",
    "negated_argument",
    "modality_of",
    "noun_modality",
    "attribution_of",
    "strongest",
    "carried_out",
]

_ORDER = (Modality.HYPOTHETICAL, Modality.PLANNED, Modality.REPORTED, Modality.ASSERTED)
_NEGATING = P.NEGATING_CONTROL | {"unable", "unwilling", "reluctant"}
_MAX_DEPTH = 12


def strongest(*found: Modality) -> Modality:
    """The modality that wins: hypothetical > planned > reported > asserted.

    >>> strongest(Modality.REPORTED, Modality.PLANNED)
    <Modality.PLANNED: 'planned'>
    """
    for modality in _ORDER:
        if modality in found:
            return modality
    return Modality.ASSERTED


def _group(verb: "Token") -> "list[Token]":
    """The verb with its copula (for "is opposed to")."""
    cop = copula_of(verb)
    return [verb, cop] if cop is not None else [verb]


def _negators(token: "Token") -> bool:
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (
            child.dep_ in ("advmod", "preconj") and word in ("never", "neither", "nor", "nowhere")
        ):
            return True
        if child.dep_ == "advmod" and word in ("longer", "more", "yet"):
            if any(g.lower_ in ("no", "not") for g in child.children) or (
                child.i > 0 and child.nbor(-1).lower_ in ("no", "not")
            ):
                return True
    return False


def _own_aux(verb: "Token") -> bool:
    return any(c.dep_ in ("aux", "auxpass") for t in _group(verb) for c in t.children)


def is_negated(verb: "Token", _depth: int = 0) -> bool:
    """True when the predicate is negated (directly, or through its governor)."""
    if any(_negators(t) for t in _group(verb)):
        return True
    if _depth > _MAX_DEPTH or verb.head.i == verb.i:
        return False
    gov = verb.head
    if verb.dep_ == "xcomp" or (
        verb.dep_ == "ccomp" and any(c.lower_ == "to" for c in verb.children if c.dep_ == "aux")
    ):
        flip = gov.lemma_.lower() in _NEGATING or gov.lower_ in _NEGATING
        flip = flip or (gov.lemma_ in ("have", "be") and any(c.lower_ == "yet" for c in gov.children))  # "has yet to"
        return is_negated(gov, _depth + 1) != flip
    if verb.dep_ == "conj" and gov.pos_ in P.PREDICATE_POS and any(
        c.dep_ == "cc" and c.lower_ == "nor" and gov.i < c.i < verb.i for c in gov.children
    ):
        return True  # "neither confirmed nor denied X", "did not confirm nor deny X": the second is denied too
    if verb.dep_ == "conj" and verb.tag_ in ("VB", "VBG", "VBN") and not _own_aux(verb) and gov.pos_ in P.PREDICATE_POS:
        return is_negated(gov, _depth + 1)
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)
    if verb.dep_ == "acl" and gov.pos_ == "NOUN" and infinitive:
        # "no plans to attack"; "did not have plans to attack"
        if any(c.lower_ == "no" and c.dep_ in ("det", "neg") for c in gov.children):
            return True
        if gov.dep_ in P.OBJ_DEPS and gov.head.lemma_.lower() in P.NOUN_CONTROL_VERBS:
            return is_negated(gov.head, _depth + 1) != (gov.head.lemma_.lower() == "lack")
    return False


def negated_argument(heads: "tuple[Token, ...]") -> bool:
    """True when an argument is negated: "Neither France nor Germany", "no country"."""
    for head in heads:
        for child in head.children:
            if child.lower_ in ("neither", "no") and child.dep_ in ("preconj", "det", "neg"):
                return True
    return False


def _markers(verb: "Token", *, own: bool = True, reported: bool = False) -> set[Modality]:
    """Modality cues on the predicate itself: modals, hedges, conditionals.

    With ``own=False`` (cues of a governor) a conditional clause on the
    governor is not counted ("threatened to strike unless ..." is planned);
    with ``reported`` the future-in-the-past "would" is planned ("said he would meet").
    """
    found: set[Modality] = set()
    for token in _group(verb):
        for child in token.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass"):
                if reported and word in ("would", "'d"):
                    found.add(Modality.PLANNED)
                elif word in P.HYPOTHETICAL_MODALS:
                    found.add(Modality.HYPOTHETICAL)
                elif word in P.PLANNED_MODALS or child.lemma_ == "will" and child.tag_ == "MD":
                    found.add(Modality.PLANNED)
            elif child.dep_ == "advmod":
                if word in P.HEDGE_ADVERBS:
                    found.add(Modality.HYPOTHETICAL)
                elif word in P.REPORTED_ADVERBS:
                    found.add(Modality.REPORTED)
            elif child.dep_ == "mark" and word in P.CONDITIONAL_MARKS:
                found.add(Modality.HYPOTHETICAL)
            elif own and child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children
            ):
                found.add(Modality.HYPOTHETICAL)
    return found


def _governor_cue(gov: "Token") -> Modality | None:
    lemma = gov.lemma_.lower()
    if lemma == "go":
        going = gov.tag_ == "VBG" and any(c.lemma_ == "be" for c in gov.children if c.dep_ == "aux")
        return Modality.PLANNED if going else None
    if lemma in P.PLAN_CONTROL or gov.lower_ in P.PLAN_CONTROL:
        return Modality.PLANNED
    if lemma in P.HYPOTHETICAL_CONTROL or gov.lower_ in P.HYPOTHETICAL_CONTROL:
        return Modality.HYPOTHETICAL
    return None


def _stance_over(noun: "Token") -> Modality | None:
    """The cue of a stance verb over a noun ("opposed to the occupation attacking Iran")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    if noun.dep_ in ("pobj", "dobj") and head.pos_ in ("VERB", "ADJ", "AUX"):
        return _governor_cue(head)
    return None


_UNREAL_MARKS = frozenset({"if", "unless", "until", "whether", "lest", "before"})


def _occurrence(verb: "Token") -> bool:
    """True for a clause that says its subject came about: "took place", "happened", "went ahead",
    "was carried out", "was executed"."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    if lemma in L.OCCURRENCE_VERBS:
        return True
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in kids)
    if lemma == "go":
        return any(c.lower_ == "ahead" for c in kids)
    passive = any(c.dep_ == "auxpass" for c in kids)
    return passive and lemma in L.OCCURRENCE_PASSIVES and (lemma != "carry" or any(c.lower_ == "out" for c in kids))


def _event_noun(token: "Token") -> bool:
    """A noun naming an event or an intention (it could be what "it"/"which" takes place refers to)."""
    if token.pos_ != "NOUN":
        return False
    lemma = token.lemma_.lower()
    if lemma in P.PLAN_NOUNS or lemma in P.HYPOTHETICAL_NOUNS or lemma in L.UNDER_NOUNS:
        return True
    return any(c.dep_ == "acl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children) for c in token.children)


def carried_out(noun: "Token") -> bool:
    """True when the sentence says the event ``noun`` names (a plan, an operation, a planned
    attack) took place, so what the plan was for is a fact, not an intention.

    Generalisation: the subject of an occurrence predicate ("took place", "happened", "went ahead",
    "was carried out") that refers back to an event noun asserts that event: a relative "which"/
    "that" inside the noun's phrase (however the parser attached it: "the plan to seize the port in
    Aden, which took place ..."), a later "it" or the same noun again ("... minutes after it was
    carried out", "the operation was executed"), with no other event noun between them. The clause
    must itself be asserted: not negated, no modal ("before it could be carried out"), not
    conditional ("if it goes ahead"); "before" says it happened only with a measure ("minutes
    before it was carried out", not "was foiled before it was carried out").
    """
    sent = noun.sent
    inside = {t.i for t in noun.subtree}
    for verb in sent:
        if verb.i <= noun.i or verb.pos_ not in ("VERB", "AUX") or not _occurrence(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.i <= noun.i:
            continue
        word = subject.lower_
        if word in ("which", "that"):
            if verb.dep_ != "relcl" or verb.head.i not in inside:
                continue
        elif word != "it" and subject.lemma_.lower() != noun.lemma_.lower():
            continue
        if any(_event_noun(t) for t in noun.doc[noun.i + 1 : subject.i]):
            continue  # another event is nearer: "which"/"it" is that one
        if is_negated(verb) or _markers(verb) - {Modality.REPORTED}:
            continue
        marks = [c.lower_ for c in verb.children if c.dep_ == "mark"]
        if marks and marks[0] in _UNREAL_MARKS:
            measured = any(c.dep_ == "npadvmod" and c.lemma_.lower() in L.MEASURE_NOUNS for c in verb.children)
            if not (marks[0] == "before" and measured):
                continue
        return True
    return False


def modality_of(verb: "Token", *, reported: bool = False) -> Modality:
    """The modality of a verbal predicate from its own cues and its governors.

    Reporting is not decided here (see :func:`attribution_of`), except the
    adverbs "reportedly"/"allegedly"; ``reported`` says the clause is reported
    speech, where "would" is a future (planned), not a hedge.
    """
    found = _markers(verb, reported=reported)
    token = verb
    for _ in range(_MAX_DEPTH):
        gov, dep = token.head, token.dep_
        if gov.i == token.i:
            break
        infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
        if dep == "xcomp" or (dep == "ccomp" and infinitive):
            cue = _governor_cue(gov)
            if cue is not None:
                found.add(cue)
            found |= _markers(gov, own=False, reported=reported)
            token = gov
            continue
        if dep == "conj" and gov.pos_ in P.PREDICATE_POS and not _own_aux(token):
            found |= {m for m in _markers(gov, reported=reported) if m is not Modality.REPORTED}
            token = gov
            continue
        if dep == "relcl" and infinitive and not any(c.tag_ in ("WDT", "WP") for c in token.children):
            dep = "acl"  # "an operation to capture X": an infinitival relative, parsed relcl, is the noun's complement
        if dep == "acl" and gov.pos_ in ("NOUN", "PROPN"):
            lemma = gov.lemma_.lower()
            if infinitive and carried_out(gov):
                pass  # "a plan to X, which took place": X happened
            elif infinitive:
                found.add(Modality.PLANNED if lemma in P.PLAN_NOUNS else Modality.HYPOTHETICAL)
            elif lemma in P.SPECULATION_NOUNS or any(c.lower_ == "no" for c in gov.children if c.dep_ == "det"):
                found.add(Modality.HYPOTHETICAL)  # "fears that", "no evidence that"
            elif lemma in P.REPORT_NOUNS:
                found.add(Modality.REPORTED)  # "reports that"
            else:
                cue = _stance_over(gov)
                if cue is not None:
                    found.add(Modality.HYPOTHETICAL)
        if dep == "advcl" and infinitive:
            found.add(Modality.HYPOTHETICAL)  # purpose: "in order to", "to deter"
        break
    return strongest(*found)


def noun_modality(noun: "Token") -> Modality:
    """The modality of an event noun ("the planned attack", "a possible strike")."""
    found: set[Modality] = set()
    for child in noun.children:
        word = child.lower_
        if child.dep_ in ("amod", "compound", "advmod"):
            if word in P.PLANNED_ADJECTIVES:
                found.add(Modality.PLANNED)
            elif word in P.HYPOTHETICAL_ADJECTIVES:
                found.add(Modality.HYPOTHETICAL)
    if found and carried_out(noun):
        return Modality.ASSERTED  # "the planned raid, which took place at dawn"
    return strongest(*found)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a clause is attributed to (a head token, or None) and how it is framed.

    In a nested report ("according to Axios, Sullivan said that ...") ``source`` is the innermost
    source (Sullivan) and ``reporter`` the outermost (Axios); otherwise ``reporter`` is None.
    """

    source: "Token | None" = None
    reported: bool = False
    negating: bool = False
    reporter: "Token | None" = None


def _outlet(source: "Token") -> "Token":
    """The outlet behind a source: "officials speaking to Axios", "Axios's Barak Ravid".

    Only an unnamed source speaks through an outlet, and only a named outlet: "Merkel, speaking to
    a farmers' group, said ..." keeps Merkel as the source.
    """
    for child in source.children:
        if child.dep_ == "acl" and child.lemma_.lower() in P.OUTLET_VERBS and source.pos_ != "PROPN":
            for grand in child.children:
                if grand.dep_ in ("dative", "dobj") and grand.pos_ == "PROPN":
                    return grand
                if grand.dep_ == "prep" and grand.lower_ in ("to", "with"):
                    for pobj in grand.children:
                        if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                            return pobj
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            # "Axios's Barak Ravid", "the Times' reporter"; not "Brightwater's chief executive"
            if child.text in P.NEWS_OUTLETS or (child.ent_type_ == "ORG" and source.lemma_.lower() in L.MEDIA_ROLES):
                return child
    return source


def _scene_sources(token: "Token", skip: "Token | None") -> "list[Token]":
    """Sources attached to ``token``: "according to X", "as reported by X", "as X put it", "..., X said"."""
    found: list[Token] = []
    for child in token.children:
        if skip is not None and child.i == skip.i:
            continue
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                found += [_outlet(p) for p in to.children if p.dep_ == "pobj"]
                # "according to show insiders": a noun read as a verb heads the phrase; its object is the source
                found += [_outlet(o) for p in to.children if p.dep_ == "pcomp" for o in p.children if o.dep_ == "dobj"]
        elif child.dep_ in ("advcl", "parataxis") and child.lemma_.lower() in P.SPEECH_VERBS:
            marks = [m.lower_ for m in child.children if m.dep_ == "mark"]
            if child.dep_ == "advcl" and marks != ["as"]:
                continue
            agents = [p for a in child.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            subjects = [s for s in child.children if s.dep_ == "nsubj"]
            found += [_outlet(s) for s in agents or subjects]
    return found


def _bare_finite_clause(clause: "Token") -> bool:
    """A finite clause with its own subject and no subordinator: after a verb of saying it is the
    complement, whatever the parse ("said after the meeting he would not accept", parsed as an
    adverbial clause because of "after"); "said, as she left, ..." or "said while X ..." have one."""
    children = list(clause.children)
    if any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ in ("WRB",)) for c in children):
        return False
    finite = clause.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in children)
    return finite and any(c.dep_ in ("nsubj", "nsubjpass") for c in children)


def attribution_of(verb: "Token") -> Attribution:
    """The attribution of the clause headed by ``verb``: its innermost source, and the outermost one
    as the reporter of a nested report.

    Only a report of a report nests: an inner verb of saying ("according to Axios, Sullivan said
    that ...") or "according to" phrase. An inner verb of cognition or evidence ("Fowler said he
    expects ...", "she said the videos show ...") is part of the outer source's statement.
    """
    sources: list[Token] = []
    saying: list[bool] = []  # whether each source reports through a verb of saying or a scene phrase
    reported = negating = False
    token, came_from = verb, None
    for _ in range(_MAX_DEPTH):
        complement = came_from is not None and (
            came_from.dep_ in ("ccomp", "parataxis", "xcomp")
            or (came_from.dep_ == "advcl" and came_from.i > token.i and _bare_finite_clause(came_from))
            or (came_from.dep_ == "prep" and any(c.dep_ == "pcomp" for c in came_from.children))  # "accused X of Y-ing"
        )
        lemma = L.LEMMA_FIXES.get(token.lower_, token.lemma_.lower())
        if complement and (lemma in P.SPEECH_VERBS or (came_from.dep_ == "ccomp" and lemma in P.CLAUSE_REPORTING_VERBS)):
            if came_from.dep_ != "xcomp" or came_from.tag_ == "VBG" or any(c.dep_ == "auxpass" for c in token.children):
                reported = True
                negating = negating or token.lemma_.lower() in P.NEGATING_SPEECH_VERBS
                speakers = [s for s in token.children if s.dep_ == "nsubj"] or list(subjects_of(token)[0][:1])
                sources += [_outlet(s) for s in speakers]
                saying += [lemma in P.SPEECH_VERBS and lemma not in P.COGNITION_VERBS] * len(speakers)
        scene = _scene_sources(token, came_from)
        if scene:
            reported = True
            sources += scene
            saying += [True] * len(scene)
        if token.head.i == token.i:
            break
        token, came_from = token.head, token
    if not sources:
        return Attribution(None, reported, negating)
    outer = sources[-1]
    inner = next((s for s, said in zip(sources, saying) if said), outer)
    return Attribution(inner, reported, negating, outer if outer.i != inner.i else None)
