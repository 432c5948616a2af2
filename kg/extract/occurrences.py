"""Every actor mention of a Doc, pronouns and descriptions included: the coreference layer made visible.

:func:`extract_mentions` walks a parsed Doc and returns one
:class:`~kg.records.Occurrence` per actor mention: names ("Olga Petrenko"),
role phrases ("Danish officials"), definite descriptions ("the company") and
third-person pronouns ("she", "his", "them") with the actor they were resolved
to, or without one (``mention`` None) when no antecedent fits. It uses the
same rules as relation extraction (:mod:`kg.extract.arguments`,
:mod:`kg.extract.coref`), so what it shows is what relations get.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import patterns as P
from kg.extract.arguments import Arguments
from kg.extract.gazetteer import using
from kg.extract.relations import sentences
from kg.records import Occurrence

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_mentions"]

_PRONOUNS = P.PERSON_PRONOUNS | P.THING_PRONOUNS | P.PLURAL_PRONOUNS
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nummod", "det", "case"})


def extract_mentions(doc: "Doc", *, doc_id: str, offset: int = 0, dictionary: object | None = None) -> list[Occurrence]:
    """The actor mentions of a parsed Doc (one piece of document ``doc_id``), in text order.

    Offsets are ``token.idx + offset``, as for relations. Concepts are left out.
    """
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    with using(dictionary):
        index = [0] * len(doc)
        for number, seg in enumerate(sentences(doc)):
            for i in range(seg.start, seg.end):
                index[i] = number
        args = Arguments(doc, offset=offset, sentence_of=lambda i: index[i], coref=True)
        found: dict[tuple[int, int], Occurrence] = {}
        for token in doc:
            if token.pos_ == "PRON":
                if token.lower_ not in _PRONOUNS:
                    continue
                arg = args.actor(token)
                start = token.idx + offset
                mention = arg.mention if arg is not None else None
                found.setdefault((start, start + len(token.text)),
                                 Occurrence(doc_id, token.text, start, start + len(token.text), mention))
                continue
            if token.dep_ in _MODIFIER_DEPS or token.pos_ not in ("NOUN", "PROPN"):
                continue
            arg = args.actor(token)
            if arg is None or not arg.mention.is_actor:
                continue
            m = arg.mention
            found.setdefault((m.start, m.end), Occurrence(doc_id, m.text, m.start, m.end, m))
    return [found[k] for k in sorted(found)]
