"""The work on documents, without a store: inputs → parse → extract → resolve, one document at a time.

Each document is parsed once (in pieces of at most ``settings.max_doc_chars``);
what extraction reads is its body text (non-body regions blanked, normalised),
and every offset found there is moved back to ``Document.text`` as given. A
document whose extraction fails is reported and skipped; the others go on.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import Settings, load_settings
from kg.dictionaries import ActorDictionary, default_dictionary
from kg.extract import extract_relations
from kg.extract.occurrences import extract_mentions as mentions_of
from kg.ingest import IngestFailure, read_documents
from kg.ingest.layout import blank_regions
from kg.ingest.view import TextView, text_view
from kg.nlp import Piece, load_pipeline, parse, pieces_of
from kg.pipeline.report import Failure, Progress
from kg.records import Document, Mention, Occurrence, Relation
from kg.resolve import resolve_document, resolve_occurrences
from kg.verbdict import read_verb_files, using_verbs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["spacy_pipeline", "actor_dictionary", "read_inputs", "extract", "extract_text", "extract_mentions",
           "extract_documents", "extract_parsed", "body_text", "body_view", "document_pieces", "TITLE_CONFIDENCE"]

log = logging.getLogger(__name__)


def spacy_pipeline(settings: Settings) -> "Language":
    """The spaCy pipeline ``settings`` names (loaded once per process)."""
    return load_pipeline(settings.model)


def actor_dictionary(settings: Settings) -> ActorDictionary:
    """The Phoenix-based default dictionary extended by the user's ``--actors`` files."""
    book = default_dictionary()
    for path in settings.actors_files:
        book = book.extend(path)
    return book


TITLE_CONFIDENCE = 0.75
"""Relations read in a title or heading written as a sentence have their confidence multiplied by this."""


def body_view(document: Document) -> "TextView":
    """What extraction reads: ``Document.text`` with its non-body regions blanked, normalised (NFC, LF),
    with the map of its offsets back to ``Document.text``."""
    return text_view(blank_regions(document.text, document.regions))


def body_text(document: Document) -> str:
    """The text spaCy parses for ``document`` (see :func:`body_view`)."""
    return body_view(document).text


def _given_mention(m: Mention | None, view: "TextView") -> Mention | None:
    if m is None:
        return None
    return replace(m, start=view.to_given(m.start), end=view.to_given(m.end, end=True))


def _given_offsets(rels: list[Relation], view: "TextView") -> list[Relation]:
    """Offsets found in the normalised text, moved to the document text as given."""
    if view.identical:
        return rels
    out = []
    for r in rels:
        p = r.provenance
        out.append(replace(
            r, subject=_given_mention(r.subject, view), object=_given_mention(r.object, view),
            attributed_to=_given_mention(r.attributed_to, view), reported_by=_given_mention(r.reported_by, view),
            provenance=replace(p, start=view.to_given(p.start), end=view.to_given(p.end, end=True))))
    return out


def _given_occurrences(found: list[Occurrence], view: "TextView") -> list[Occurrence]:
    if view.identical:
        return found
    return [replace(o, start=view.to_given(o.start), end=view.to_given(o.end, end=True),
                    mention=_given_mention(o.mention, view)) for o in found]


def document_pieces(documents: Iterable[Document], max_chars: int) -> Iterator[Piece]:
    """The pieces to parse: each document's :func:`body_text`, cut at ``max_chars``."""
    return pieces_of(documents, max_chars, text_of=body_text)


def _in_titles(rels: list[Relation], document: Document) -> list[Relation]:
    """Lower the confidence of relations read in an (extracted) title or heading."""
    titles = [r for r in document.regions if r.extracted and r.kind in ("title", "heading")]
    if not titles or not rels:
        return rels
    out = []
    for rel in rels:
        p = rel.provenance
        if any(r.start <= p.start < r.end for r in titles):
            rel = replace(rel, confidence=round(rel.confidence * TITLE_CONFIDENCE, 2))
        out.append(rel)
    return out


def extract_documents(
    documents: Iterable[Document],
    *,
    settings: Settings | None = None,
    failures: list[Failure] | None = None,
    progress: Progress | None = None,
    mode: str = "actors",
) -> Iterator[tuple[Document, list[Relation]]]:
    """Parse and extract each document (one parse, batched), resolved within the document.

    A document whose extraction fails is reported in ``failures`` and skipped.
    """
    settings = settings or load_settings()
    stream = iter(documents)
    first = next(stream, None)
    if first is None:  # nothing to parse: do not even load the model
        return
    nlp = spacy_pipeline(settings)
    parsed = parse(
        document_pieces(itertools.chain([first], stream), settings.max_doc_chars), nlp,
        batch_size=settings.batch_size, processes=settings.processes,
    )
    yield from extract_parsed(parsed, settings=settings, failures=failures, progress=progress, mode=mode)


def extract_parsed(
    parsed: Iterable[tuple["Doc", Piece]],
    *,
    settings: Settings | None = None,
    failures: list[Failure] | None = None,
    progress: Progress | None = None,
    mode: str = "actors",
    book: ActorDictionary | None = None,
) -> Iterator[tuple[Document, list[Relation]]]:
    """Extract and resolve already parsed pieces (in document order): from ``parse`` or kept parses."""
    settings = settings or load_settings()
    book = book if book is not None else actor_dictionary(settings)
    verbs = read_verb_files(settings.verbs_files)  # a bad file stops here, named, before any document
    current: Document | None = None
    found: list[Relation] = []
    broken = False

    def finish() -> Iterator[tuple[Document, list[Relation]]]:
        if current is not None and not broken:
            rels = _in_titles(_given_offsets(found, body_view(current)), current)
            yield current, resolve_document(rels, dictionary=book, on=current.published)
        if current is not None and progress:
            progress(current)

    for spacy_doc, piece in parsed:
        if piece.document is not current:
            yield from finish()
            current, found, broken = piece.document, [], False
        if broken:
            continue
        try:
            with using_verbs(verbs):
                found.extend(extract_relations(
                    spacy_doc, doc_id=piece.document.id, offset=piece.offset,
                    published=piece.document.published, mode=mode, dictionary=book,
                ))
        except Exception as exc:  # one bad document must not stop a corpus
            log.debug("extraction failed on %s", piece.document.id, exc_info=True)
            broken = True
            if failures is not None:
                failures.append(Failure(piece.document.source or piece.document.id, f"extraction failed: {exc}"))
    yield from finish()


def extract_mentions(
    inputs: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    failures: list[Failure] | None = None,
) -> Iterator[tuple[Document, list[Occurrence]]]:
    """Read inputs and yield each document with every actor mention in it, resolved within the
    document: names, descriptions and pronouns with the actor they refer to (or None)."""
    settings = settings or load_settings()
    failures = failures if failures is not None else []
    stream = iter(read_inputs(inputs, settings, failures))
    first = next(stream, None)
    if first is None:
        return
    book = actor_dictionary(settings)
    parsed = parse(document_pieces(itertools.chain([first], stream), settings.max_doc_chars), spacy_pipeline(settings),
                   batch_size=settings.batch_size, processes=settings.processes)
    current: Document | None = None
    found: list[Occurrence] = []
    broken = False
    for spacy_doc, piece in parsed:
        if piece.document is not current:
            if current is not None and not broken:
                yield current, resolve_occurrences(_given_occurrences(found, body_view(current)), dictionary=book,
                                                   on=current.published)
            current, found, broken = piece.document, [], False
        if broken:
            continue
        try:
            found.extend(mentions_of(spacy_doc, doc_id=piece.document.id, offset=piece.offset, dictionary=book))
        except Exception as exc:  # one bad document must not stop a corpus
            log.debug("mention extraction failed on %s", piece.document.id, exc_info=True)
            broken = True
            failures.append(Failure(piece.document.source or piece.document.id, f"extraction failed: {exc}"))
    if current is not None and not broken:
        yield current, resolve_occurrences(_given_occurrences(found, body_view(current)), dictionary=book,
                                           on=current.published)


def read_inputs(inputs: Iterable[str | Path], settings: Settings, failures: list[Failure]) -> Iterator[Document]:
    """The documents of ``inputs`` (files, folders, ``-``); each input that cannot be read is added to
    ``failures`` and skipped. Documents without a date get ``settings.published``, if set."""

    def on_error(failure: IngestFailure) -> None:
        failures.append(Failure(f"{failure.source}:{failure.line}" if failure.line else failure.source, failure.message))

    documents = read_documents(inputs, max_input_bytes=settings.max_input_bytes, on_error=on_error)
    if settings.published is None:
        return documents
    return (doc if doc.published is not None else replace(doc, published=settings.published) for doc in documents)


def extract(
    inputs: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    failures: list[Failure] | None = None,
    mode: str = "actors",
) -> Iterator[tuple[Document, list[Relation]]]:
    """Read inputs (files, folders, ``-``) and yield each document with its relations."""
    settings = settings or load_settings()
    failures = failures if failures is not None else []
    yield from extract_documents(read_inputs(inputs, settings, failures), settings=settings, failures=failures, mode=mode)


def extract_text(text: str, *, doc_id: str = "text", published=None, settings: Settings | None = None) -> list[Relation]:
    """The relations in one text.

    >>> rels = extract_text("France and Germany condemned Russia.")
    >>> [(r.subject.label, r.predicate, r.object.label) for r in rels]
    [('France', 'condemn', 'Russia'), ('Germany', 'condemn', 'Russia')]
    """
    doc = Document(id=doc_id, text=text, published=published)
    return [rel for _, rels in extract_documents([doc], settings=settings) for rel in rels]
