"""Event-coding targets (``mode="events"``): the first actor in a coded verb's phrase.

An event coder such as PETRARCH counts dyads, not statements: the target of an event is the
first actor the verb's phrase names, however deep ("welcomed the resumption of trade links with
X" → X, "conceded that X is a difficult neighbour" → X, "criticized the closing of schools in X"
→ X). The
relation extractor proper (``mode="actors"``) keeps only the actors a verb acts on (guidelines
§1: "approved the truce with X" is no act on X), so these targets are an opt-in mode for
event data (GDELT-style rows), never part of the default graph.

Pure functions over the parse; :mod:`kg.extract.relations` builds the relations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import patterns as P

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ARGUMENT_DEPS", "bond_predicate", "reciprocal_partners", "target_heads", "target_predicate"]

ARGUMENT_DEPS = frozenset({"dobj", "obj", "pobj", "nsubj", "nsubjpass", "attr", "dative", "appos", "oprd", "conj"})
"""Dependencies of a noun phrase's head that can name a target (not a compound or modifier word)."""

_LEFT_OUT = frozenset({
    "nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "aux", "auxpass", "neg", "punct", "advcl", "parataxis",
    "mark", "cc", "intj", "advmod", "npadvmod", "prt", "det", "dep", "meta",
})
"""Children of the coded verb outside its phrase: its subject, auxiliaries, adverbial clauses
("after rebels seized the port" says when), asides."""


_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
"""A name modifying a noun that is no actor names the target ("a pact with Chad's", "an
anti-X rally"); modifying an actor noun, it is part of that actor's phrase ("Chad's main
opposition party")."""

_COMPLEMENTS = frozenset({"xcomp", "ccomp", "pcomp"})


def _adverb_phrase(token: "Token") -> bool:
    """An adverb heading a prepositional phrase ("marched close to the border with X", "far from
    X"): the phrase is the verb's, as if the preposition hung on the verb."""
    return token.dep_ == "advmod" and any(c.dep_ == "prep" for c in token.children)


def reciprocal_partners(verb: "Token", subjects: "tuple[Token, ...]") -> "tuple[Token, ...]":
    """The conjoined subjects when the verb's object is their joint affair; () otherwise.

    Generalisation: conjoined subjects acting on an object they own together ("X and Y
    postponed their summit") or on the bond between them ("X and Y restored diplomatic
    relations": ties, relations, pacts, talks) act towards each other, as an event coder
    counts it: X → Y and Y → X. Called only when the phrase names no other party. Must fire:
    "Chile and Peru postponed their summit", "Chile and Peru restored diplomatic relations".
    Must not fire: "Chile and Peru postponed the summit" (no owner, no bond), "Chile
    postponed their summit" (one subject).
    """
    if len(subjects) < 2:
        return ()
    owned = any(child.dep_ in P.OBJ_DEPS and any(c.dep_ == "poss" and c.lower_ == "their" for c in child.children)
                for child in verb.children)
    return subjects if owned or _bond(verb) is not None else ()


_BOND_NOUNS = L.JOINT_NOUNS | {"tie", "relation", "relationship"}
"""Objects naming a bond between the subjects themselves ("restored relations")."""


def _bond(verb: "Token") -> "Token | None":
    """The verb's first object naming a bond ("restored diplomatic relations"), else None."""
    return next((c for c in verb.children
                 if c.dep_ in P.OBJ_DEPS and c.pos_ == "NOUN" and c.lemma_.lower() in _BOND_NOUNS), None)


def bond_predicate(verb: "Token", base: str) -> str:
    """The predicate of a reciprocal act on a bond: ``base`` + its noun + "with" ("restore
    relation with", coded as such), else ``base``."""
    bond = _bond(verb)
    return f"{base.split()[0]} {bond.lemma_.lower()} with" if bond is not None else base


def _clausal(token: "Token") -> bool:
    return token.pos_ in P.PREDICATE_POS


def target_heads(verb: "Token", *, is_actor: Callable[["Token"], bool],
                 coded: Callable[["Token"], bool]) -> "tuple[Token, ...]":
    """The heads of the first actor phrase in ``verb``'s phrase, with its conjuncts; () if none.

    Generalisation: the target of a coded event is the first actor named after the verb inside
    its phrase: in its object, in phrases stacked on the object ("welcomed the resumption of
    trade links with X and Y" → X, Y; "links between X and Y" → both), in a complement clause,
    its subject included ("conceded that X is a difficult neighbour" → X), or in a participle on
    the object ("closed the roads running into X"). Left out: the verb's own subject, an
    adverbial clause ("... after X shelled Y" says when), asides, pronouns (no coder resolves
    "it" to a target), and a complement clause coded on its own (``coded``: it relates its
    actors itself; "agreed to meet X" is the meeting's). A name modifying a noun that is no
    actor stands for its phrase ("a pact with Chad's" as the parser reads it, "an anti-X rally").

    Must fire: "Ruritania welcomed the resumption of trade links with Freedonia" (Freedonia);
    "Ruritania conceded that Freedonia is a difficult neighbour" (Freedonia).
    Must not fire: "Ruritania welcomed the resumption of trade links after a storm" (no actor);
    "Ruritania left after Freedonia closed the border" (an adverbial clause).
    """
    found: list["Token"] = []
    stack = [verb]
    while stack:  # iterative: a long flat parse must not hit the recursion limit
        token = stack.pop()
        for child in token.children:
            if child.i < verb.i:
                continue  # the subject, a fronted phrase ("In Paris, X met ...")
            if token.i == verb.i and child.dep_ in _LEFT_OUT and not _adverb_phrase(child):
                continue
            if child.dep_ in ("advcl", "parataxis", "punct", "appos") and token.i != verb.i:
                continue
            if _clausal(child) and child.dep_ == "conj":
                continue  # a conjoined verb is a clause of its own
            if _clausal(child) and child.dep_ in _COMPLEMENTS and coded(child):
                continue
            found.append(child)
            stack.append(child)
    inside = {t.i for t in found}
    for token in sorted(found, key=lambda t: t.i):
        if token.pos_ not in ("PROPN", "NOUN") or not is_actor(token):
            continue
        if token.dep_ in _MODIFIER_DEPS and token.head.i in inside and is_actor(token.head):
            continue  # "Chad's main opposition party": the whole phrase is the target
        if token.dep_ in ARGUMENT_DEPS or token.dep_ in _MODIFIER_DEPS:
            first = token
            while first.dep_ == "conj" and first.head.i in inside and is_actor(first.head):
                first = first.head
            conjuncts = sorted((c for c in first.conjuncts if c.i > first.i and is_actor(c)), key=lambda c: c.i)
            return (first, *conjuncts)
    return ()


def target_predicate(verb: "Token", target: "Token", base: str) -> str:
    """The predicate spelled along the path from the verb to the target: ``base`` (the verb's
    lemma phrase) with the nouns and prepositions in between ("welcome resumption of link with"),
    at most six words after the verb; a clause in between adds nothing ("allow")."""
    path: list["Token"] = []
    token = target.head
    while token.i != verb.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    if token.i != verb.i:
        return base
    words = [t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in reversed(path)
             if t.pos_ == "NOUN" or (t.dep_ == "prep" and t.pos_ == "ADP")]
    if any(_clausal(t) for t in path):
        return base
    extra = [w for w in words if w not in base.split()]
    if not extra or len(extra) > 6 or base.split()[0] in L.SAYING_VERBS:
        return base
    return " ".join([base.split()[0], *words])
