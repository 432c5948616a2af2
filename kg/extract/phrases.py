"""Noun phrases: spans, offsets, concept mentions.

:mod:`kg.extract.phrases` holds the span helpers every argument builder uses
(text and document offsets of a token run, kept on one line), and builds
concept mentions (type Other) for arguments that are not actors: the label is
the head phrase without determiners, lower-cased except proper words
("ceasefire initiative", "Israeli occupation", "clarity and transparency").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.names import normalize_name
from kg.records import ActorType, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "Arg",
    "ENTITY",
    "ROLE",
    "GROUP",
    "CONCEPT",
    "PRONOUN",
    "span_text",
    "offsets",
    "clip",
    "build_mention",
    "entity_of",
    "trim",
    "under",
    "phrase_of",
    "label_words",
    "concept_of",
]

ENTITY, ROLE, GROUP, CONCEPT, PRONOUN = "entity", "role", "group", "concept", "pronoun"
"""How an argument was found (its ``kind``); confidence depends on it."""


@dataclass(frozen=True, slots=True)
class Arg:
    """One argument found in the parse: its mention, how it was found, its head index."""

    mention: Mention
    kind: str
    head: int

    @property
    def is_actor(self) -> bool:
        return self.mention.is_actor


def span_text(tokens: "list[Token]") -> str:
    """The document text from the first to the last token (tokens in order)."""
    if not tokens:
        return ""
    span = tokens[0].doc[tokens[0].i : tokens[-1].i + 1]
    return span.text  # Doc.text would rebuild the whole text on every call


def offsets(tokens: "list[Token]", offset: int) -> tuple[int, int]:
    return tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1]) + offset


def newline(token: "Token") -> bool:
    return token.is_space and "\n" in token.text


def clip(tokens: "list[Token]", head: "Token") -> "list[Token]":
    """The tokens on the same line as ``head`` (a parse may reach across a headline's line break)."""
    if not tokens:
        return tokens
    doc, first, last = head.doc, tokens[0].i, tokens[-1].i
    for i in range(head.i - 1, first - 1, -1):
        if newline(doc[i]):
            first = i + 1
            break
    for i in range(head.i + 1, last + 1):
        if newline(doc[i]):
            last = i - 1
            break
    return [t for t in tokens if first <= t.i <= last]


def build_mention(tokens: "list[Token]", head: "Token", offset: int, **fields: object) -> Mention:
    """A Mention written as ``tokens`` (kept on the head's line), with document offsets."""
    tokens = clip(sorted(tokens, key=lambda t: t.i), head) or [head]
    start, end = offsets(tokens, offset)
    return Mention(text=span_text(tokens), start=start, end=end, **fields)  # type: ignore[arg-type]


def entity_of(token: "Token") -> "Span | None":
    """The named entity that contains ``token`` (argument-worthy labels only), else None."""
    if not token.ent_type_ or token.ent_type_ in P.NON_ARG_ENTS:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ != "B" and doc[start - 1].ent_type_ == token.ent_type_:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    while start > 0 and _name_part(doc[start - 1], doc[start:end]):
        start -= 1  # "PT Cruiser": the recogniser left a word of the name outside
    while start < token.i and (doc[start].is_punct or doc[start].is_quote):
        start += 1  # "``Vantor Airways": the model puts an opening quote into the name
    while end - 1 > token.i and (doc[end - 1].is_punct or doc[end - 1].is_quote):
        end -= 1
    return doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), label=token.ent_type_) or doc[start:end]


def _name_part(word: "Token", name: "Span") -> bool:
    """A capitalised word with no entity type right before a name, in the name's compound ("PT" of
    "PT Cruiser"): part of the name the recogniser missed."""
    return (word.pos_ == "PROPN" and not word.ent_type_ and word.dep_ == "compound"
            and word.head.i in range(name.start, name.end) and word.text[:1].isupper()
            and name[-1].ent_type_ not in ("PERSON", "GPE") and word.lower_ not in L.PERSON_DESCRIPTIONS)


def trim(tokens: "list[Token]") -> "list[Token]":
    """Drop leading determiners, possessors, punctuation and quote marks, trailing 's, punctuation
    and quote marks (the recogniser often takes an opening quote into a name: "``Airbus said")."""
    # a possessor inside the span ("Axios 's Barak Ravid") is not part of the name
    cut = max((i + 1 for i, t in enumerate(tokens) if t.tag_ == "POS" and i < len(tokens) - 1), default=0)
    tokens = tokens[cut:]
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct or tokens[0].is_quote or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct or tokens[-1].is_quote or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def under(token: "Token", top: "Token", deps: tuple[str, ...]) -> bool:
    """True when the path from ``token`` up to ``top`` crosses one of ``deps``."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in deps:
            return True
        token = token.head
    return False


def phrase_of(token: "Token", *, full: bool = False, without: "frozenset[str]" = frozenset()) -> "list[Token]":
    """The tokens of the noun phrase headed by ``token``.

    Without ``full``: left modifiers and the head (no determiners, clauses or
    prepositional phrases). With ``full``: the whole subtree (determiners
    included) minus conjuncts and minus the children whose dependency is in
    ``without``.
    """
    if full:
        skip: set[int] = set()
        conj = any(c.dep_ == "conj" for c in token.children)
        for child in token.children:
            if (
                child.dep_ in ("conj", "cc", "preconj")
                or child.dep_ in without
                or (child.dep_ == "punct" and child.i > token.i and conj)
            ):
                skip.update(t.i for t in child.subtree)
        tokens = [t for t in token.subtree if t.i not in skip]
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        return clip(tokens, token) or [token]
    tokens = [
        t
        for t in token.subtree
        if t.i <= token.i and not under(t, token, ("relcl", "acl", "prep", "appos", "conj", "cc", "punct"))
    ]
    tokens = trim(tokens)
    return [t for t in tokens if tokens and t.i >= tokens[0].i] or [token]


def _model_number(token: "Token") -> bool:
    """A number that is part of a product's name ("Boeing *787* Dreamliners"), not a count ("22 jets")."""
    return token.dep_ == "nummod" and token.ent_type_ == "PRODUCT" and token.head.pos_ == "PROPN"


def label_words(tokens: "list[Token]") -> str:
    """The label of a phrase: its words without determiners, possessives and numbers,
    lower-cased except proper words; a hyphen between two kept words stays ("US-French")."""
    words: list[str] = []
    last = -2
    for t in tokens:
        if t.dep_ in ("det", "poss", "predet", "nummod", "quantmod") or t.tag_ in ("PRP$", "WP$", "POS") or t.is_space:
            if not _model_number(t):
                continue
        proper = t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON", "LOC", "FAC")
        text = t.text if proper or (t.text.isupper() and len(t.text) > 1) else t.lower_
        if words and last == t.i - 2 and t.doc[t.i - 1].text in ("-", "–") and not t.doc[t.i - 1].whitespace_:
            words[-1] = words[-1].rstrip() + "-"
        elif words and t.i != last + 1 and not words[-1].endswith(" "):
            words[-1] += " "
        words.append(text + t.whitespace_)
        last = t.i
    return normalize_name("".join(words))


def numbered_name(token: "Token") -> bool:
    """A capitalised number word ending a name ("the Ford *Five Hundred*", "Air Force *One*"), which
    the recogniser calls a cardinal: a name, hence an argument, when a proper noun of no number
    precedes it in its compound."""
    return token.ent_type_ == "CARDINAL" and token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ != "CARDINAL" for c in token.children
    )


def concept_of(token: "Token", offset: int, *, conjuncts: "list[Token] | None" = None) -> Arg | None:
    """A concept mention (type Other) for a noun phrase, or None for non-nominal tokens.

    The label is the head phrase (compounds and head) without determiners,
    lower-cased except proper nouns; conjoined concepts share one mention
    ("clarity and transparency").
    """
    if token.pos_ not in P.ARG_POS and token.pos_ not in ("ADJ", "VERB"):
        return None
    if not numbered_name(token) and (token.ent_type_ in P.NON_ARG_ENTS or token.like_num or token.is_punct or token.is_space):
        return None
    heads = [token, *(conjuncts or [])]
    labels = []
    for head in heads:
        words = [
            t
            for t in phrase_of(head)
            if t.dep_ in ("compound", "nmod", "flat")
            or t.i == head.i
            or _model_number(t)
            or (t.dep_ == "amod" and (t.ent_type_ in ("NORP", "GPE") or t.pos_ == "PROPN") and t.head.i == head.i)
        ]
        labels.append(label_words([t for t in words if t.i <= head.i]) or head.lower_)
    label = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    first = phrase_of(token)
    last = phrase_of(heads[-1])
    tokens = trim(clip(list(token.doc[first[0].i : last[-1].i + 1]), token)) or [token]
    if not label.strip():
        return None
    return Arg(build_mention(tokens, token, offset, label=label, type=ActorType.OTHER), CONCEPT, token.i)
