"""Complement clauses that are not events of their own (gold guidelines §6–7).

:mod:`kg.extract.control` decides which embedded predicates give no relation
and which governors take their place:

- :func:`object_controlled`: the infinitive of an object-control verb
  (:data:`~kg.extract.lexicon.OBJECT_CONTROL`: "urged Israel *to accept* a
  truce", "called on Hamas *to release*"; after the object of another verb an
  infinitive is a purpose or result clause: "defeated Boeing *to win*") and the
  subjunctive clause of a demand ("demanded that Israel *stop*"): only the
  matrix relation (X urge Y) is annotated, the complement is not asserted;
- :func:`demanded`: the addressee of a demand ("demanded that *Israel* stop")
  becomes the object of the demand;
- :func:`denied_gerund`: "X denied attacking Y" when the parser attaches the
  gerund to the object ("attacking" as a modifier of "Y"); the gerund is the
  event, the denial its negating attribution;
- :func:`blocked`: every predicate of a sentence that inherits its subject
  from a blocked complement (its infinitives and conjoined verbs).

Pure functions over spaCy tokens; the data lives in :mod:`kg.extract.lexicon`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import patterns as P

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["object_controlled", "demanded", "denied_gerund", "blocked"]

_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten", "agree", "offer", "swear"})
_DENYING = frozenset({"deny", "admit", "acknowledge", "dismiss", "refute"})


def _infinitive(verb: "Token") -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in verb.children)


def demanded(verb: "Token") -> "Token | None":
    """The addressee of a demand whose "that" clause is ``verb``'s complement, else None.

    >>> # "Lebanon demanded that Israel stop firing": demanded(demand) is "Israel"
    """
    if verb.lemma_.lower() not in L.DEMAND_THAT or any(c.dep_ in P.OBJ_DEPS for c in verb.children):
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        subjects = [s for s in clause.children if s.dep_ in ("nsubj", "nsubjpass")]
        # "that Israel stop": a bare verb; the parser often tags it VBP, which agreement with a
        # singular subject shows to be the subjunctive ("that the union accept")
        bare = clause.tag_ == "VB" or (clause.tag_ == "VBP" and subjects and subjects[0].tag_ in ("NN", "NNP"))
        subjunctive = bare or any(a.lower_ == "should" for a in clause.children if a.dep_ == "aux")
        if subjects and subjunctive and not _infinitive(clause):
            return subjects[0]
    return None


def object_controlled(verb: "Token") -> bool:
    """True when ``verb`` is the complement of an object-control verb or of a demand."""
    gov = verb.head
    if gov.i == verb.i or gov.pos_ not in P.PREDICATE_POS:
        return False
    lemma = gov.lemma_.lower()
    if verb.dep_ == "xcomp" or (verb.dep_ == "ccomp" and _infinitive(verb)):
        if lemma in _SUBJECT_CONTROL:
            return False
        if lemma in L.OBJECT_CONTROL and any(o.dep_ in P.OBJ_DEPS | P.DATIVE_DEPS and o.i < verb.i for o in gov.children):
            return True
        if lemma in L.CONTROL_PREP_VERBS:
            return any(p.dep_ == "prep" and p.lower_ in ("on", "upon") and p.i < verb.i for p in gov.children)
        return False
    if verb.dep_ == "ccomp":
        target = demanded(gov)
        return target is not None and target.head.i == verb.i
    return False


def denied_gerund(verb: "Token", obj: "Token") -> "Token | None":
    """The gerund of "X denied attacking Y" parsed as a modifier of the object, else None."""
    if verb.lemma_.lower() not in _DENYING:
        return None
    for child in obj.children:
        if child.dep_ in ("amod", "compound") and child.tag_ == "VBG" and child.i < obj.i and child.i == verb.i + 1:
            return child
    return None


def _inheritors(verb: "Token") -> "set[int]":
    found = {verb.i}
    stack = [verb]
    while stack:
        token = stack.pop()
        for child in token.children:
            own_subject = any(c.dep_ in P.SUBJ_DEPS | P.PASS_SUBJ_DEPS for c in child.children)
            if child.dep_ in ("xcomp", "conj", "pcomp") and child.pos_ in P.PREDICATE_POS and not own_subject:
                if child.i not in found:
                    found.add(child.i)
                    stack.append(child)
            elif child.dep_ == "prep":
                stack.append(child)
    return found


def blocked(sent: "Span") -> "set[int]":
    """Token indices of the predicates in ``sent`` that give no relation (see module doc)."""
    found: set[int] = set()
    for token in sent:
        if token.pos_ in P.PREDICATE_POS and object_controlled(token):
            found |= _inheritors(token)
    return found
