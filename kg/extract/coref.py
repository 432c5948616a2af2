"""Rule-based pronoun resolution to the most recent compatible actor.

:mod:`kg.extract.coref` resolves third-person pronouns to an actor mentioned
earlier in the same sentence or the two sentences before:

- *he/she/him/her* → the last Person;
- *it* (as a subject) → the last singular Country or Organization that was a subject;
- *they/them/their* → the last Group, Organization or plural role phrase
  ("US officials").

A subject pronoun prefers an antecedent that was itself a subject (salience);
a pronoun never refers to a co-argument of its own verb ("Biden met him").
First and second person pronouns are not resolved. Deliberately simple: a
later coreference component can replace :class:`Antecedents` wholesale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.extract import patterns as P
from kg.extract.mentions import PRONOUN, Arg, mention_of
from kg.records import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Antecedents", "WINDOW"]

WINDOW = 2
"""How many sentences back an antecedent may be."""

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nummod", "det", "case"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    sentence: int
    arg: Arg
    subject: bool
    plural: bool
    governor: int


def _in_title(token: "Token") -> bool:
    """True inside the title before a person's name ("Secretary of *Defense* Lloyd Austin")."""
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.ent_type_ == "PERSON" and head.i > token.i and token.ent_type_ != "PERSON":
            return True
    return False


def _compatible(pronoun: str, cand: _Candidate) -> bool:
    kind = cand.arg.mention.type
    if pronoun in P.PERSON_PRONOUNS:
        return kind is ActorType.PERSON
    if pronoun in P.THING_PRONOUNS:
        return kind in (ActorType.COUNTRY, ActorType.ORGANIZATION) and not cand.plural
    if pronoun in P.PLURAL_PRONOUNS:
        return kind in (ActorType.GROUP, ActorType.ORGANIZATION) or (kind is ActorType.COUNTRY and cand.plural)
    return False


class Antecedents:
    """The actor mentions of one Doc, in order, for resolving pronouns.

    Args:
        doc: the parsed document piece.
        offset: character offset of ``doc`` in the whole document.
        sentence_of: maps a token index to its sentence number.
    """

    def __init__(self, doc: "Doc", *, offset: int, sentence_of: Callable[[int], int]) -> None:
        self._offset = offset
        self._sentence_of = sentence_of
        self._candidates: list[_Candidate] = []
        seen: set[int] = set()
        for token in doc:
            if token.dep_ in _MODIFIER_DEPS or token.pos_ in ("PRON", "VERB", "AUX", "ADP", "PUNCT", "SPACE"):
                continue
            if _in_title(token):
                continue
            arg = mention_of(token, offset)
            if arg is None or arg.head in seen:
                continue
            seen.add(arg.head)
            self._candidates.append(
                _Candidate(
                    index=token.i,
                    sentence=sentence_of(token.i),
                    arg=arg,
                    subject=token.dep_ in _SUBJECT_DEPS
                    or token.head.dep_ == "appos"
                    and token.head.head.dep_ in _SUBJECT_DEPS,
                    plural=token.tag_ in ("NNS", "NNPS"),
                    governor=token.head.i,
                )
            )

    def resolve(self, token: "Token") -> Arg | None:
        """The actor ``token`` (a pronoun) refers to, as an :class:`Arg` with the pronoun's
        text and offsets, else None."""
        word = token.lower_
        if word not in P.PERSON_PRONOUNS | P.THING_PRONOUNS | P.PLURAL_PRONOUNS:
            return None
        here = self._sentence_of(token.i)
        reflexive = word.endswith(("self", "selves"))
        pool = [
            c
            for c in self._candidates
            if c.index < token.i
            and here - c.sentence <= (1 if word in P.THING_PRONOUNS else WINDOW)
            and _compatible(word, c)
            and (reflexive or c.governor != token.head.i or token.head.i == token.i)
        ]
        if not pool:
            return None
        chosen = pool[-1]
        if word in P.THING_PRONOUNS:
            # "it" names things far more often than states: only a subject "it",
            # and only for an earlier subject ("While the US ..., it is pressing")
            subjects = [c for c in pool if c.subject]
            if token.dep_ not in _SUBJECT_DEPS or not subjects:
                return None
            chosen = subjects[-1]
        elif token.dep_ in _SUBJECT_DEPS:
            subjects = [c for c in pool if c.subject]
            if subjects and subjects[-1].sentence >= here - 1:
                chosen = subjects[-1]
        start = token.idx + self._offset
        mention = replace(chosen.arg.mention, text=token.text, start=start, end=start + len(token.text))
        return Arg(mention, PRONOUN, token.i)
