"""Wire the stages together: ingest → parse → extract → resolve → RDF → store.

The only module that imports every stage. ``extract`` yields relations per
document without a store; ``build`` writes them into one, skipping documents it
already holds, and reports per-document failures instead of stopping.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import Settings, load_settings
from kg.dictionaries import ActorDictionary, default_dictionary
from kg.extract import extract_relations
from kg.ingest import IngestFailure, read_documents
from kg.nlp import load_pipeline, parse, pieces_of
from kg.rdf.convert import document_quads, mention_iri
from kg.rdf.store import Store
from kg.records import Document, Mention, Relation
from kg.resolve import resolve_document

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Failure", "BuildReport", "extract", "extract_documents", "extract_text", "build"]

log = logging.getLogger(__name__)

Progress = Callable[[Document], None]


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input) that could not be processed; the rest went on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(slots=True)
class BuildReport:
    """What a build did."""

    store: str
    documents: int = 0
    added: int = 0
    skipped: int = 0
    relations: int = 0
    events: int = 0
    actors: int = 0
    quads: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        """One paragraph for people."""
        text = (
            f"{self.documents} documents read, {self.added} added, {self.skipped} already in the store; "
            f"{self.relations} relations, {self.events} events, {self.actors} actors; "
            f"{self.quads} quads written to {self.store} in {self.seconds:.1f}s; "
            f"{len(self.failures)} failures"
        )
        return text + "".join(f"\n  failed: {f}" for f in self.failures)


def _nlp(settings: Settings) -> "Language":
    return load_pipeline(settings.model)


def actor_dictionary(settings: Settings) -> ActorDictionary:
    """The Phoenix-based default dictionary extended by the user's ``--actors`` files."""
    book = default_dictionary()
    for path in settings.actors_files:
        book = book.extend(path)
    return book


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
    nlp = _nlp(settings)
    book = actor_dictionary(settings)
    current: Document | None = None
    found: list[Relation] = []
    broken = False

    def finish() -> Iterator[tuple[Document, list[Relation]]]:
        if current is not None and not broken:
            yield current, resolve_document(found, dictionary=book, on=current.published)
        if current is not None and progress:
            progress(current)

    for spacy_doc, piece in parse(
        pieces_of(itertools.chain([first], stream), settings.max_doc_chars), nlp,
        batch_size=settings.batch_size, processes=settings.processes,
    ):
        if piece.document is not current:
            yield from finish()
            current, found, broken = piece.document, [], False
        if broken:
            continue
        try:
            found.extend(extract_relations(
                spacy_doc, doc_id=piece.document.id, offset=piece.offset,
                published=piece.document.published, mode=mode,
            ))
        except Exception as exc:  # one bad document must not stop a corpus
            log.debug("extraction failed on %s", piece.document.id, exc_info=True)
            broken = True
            if failures is not None:
                failures.append(Failure(piece.document.source or piece.document.id, f"extraction failed: {exc}"))
    yield from finish()


def _keep_stored_labels(rels: list[Relation], store: Store, cache: dict[str, str]) -> list[Relation]:
    """Give each actor the label the store already has for its IRI, so every node keeps one label.

    Names that differ only in case or punctuation share an IRI; the first one stored wins.
    """

    def fix(m: Mention | None) -> Mention | None:
        if m is None:
            return None
        iri = mention_iri(m, base=store.base_iri)
        if iri not in cache:
            cache[iri] = store.label_of(iri) or m.label
        label = cache[iri]
        if label == m.label:
            return m
        return replace(m, label=label, aliases=tuple(sorted({*m.aliases, m.label})))

    return [replace(r, subject=fix(r.subject), object=fix(r.object), attributed_to=fix(r.attributed_to)) for r in rels]


def _ingest(inputs: Iterable[str | Path], settings: Settings, failures: list[Failure]) -> Iterator[Document]:
    def on_error(failure: IngestFailure) -> None:
        failures.append(Failure(f"{failure.source}:{failure.line}" if failure.line else failure.source, failure.message))

    return read_documents(inputs, max_input_bytes=settings.max_input_bytes, on_error=on_error)


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
    yield from extract_documents(_ingest(inputs, settings, failures), settings=settings, failures=failures, mode=mode)


def extract_text(text: str, *, doc_id: str = "text", published=None, settings: Settings | None = None) -> list[Relation]:
    """The relations in one text.

    >>> rels = extract_text("France and Germany condemned Russia.")  # doctest: +SKIP
    >>> [(r.subject.label, r.predicate, r.object.label) for r in rels]  # doctest: +SKIP
    [('France', 'condemn', 'Russia'), ('Germany', 'condemn', 'Russia')]
    """
    doc = Document(id=doc_id, text=text, published=published)
    return [rel for _, rels in extract_documents([doc], settings=settings) for rel in rels]


def build(
    inputs: Iterable[str | Path],
    *,
    store: Path | str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    batch_documents: int = 32,
) -> BuildReport:
    """Build (or extend) the store from ``inputs``; documents already stored are skipped unparsed.

    Each batch of whole documents is written in one transaction.
    """
    settings = settings or load_settings()
    path = Path(store) if store is not None else settings.store
    started = time.perf_counter()
    report = BuildReport(store=str(path))
    actors: set[str] = set()
    with Store.create(path, base_iri=settings.base_iri) as st:
        seen: set[str] = set()

        def new_documents() -> Iterator[Document]:
            for doc in _ingest(inputs, settings, report.failures):
                report.documents += 1
                if doc.id in seen or st.has_document(doc.id):
                    report.skipped += 1
                    if progress:
                        progress(doc)
                    continue
                seen.add(doc.id)
                yield doc

        pending: list[list] = []
        labels: dict[str, str] = {}
        for doc, rels in extract_documents(new_documents(), settings=settings, failures=report.failures, progress=progress):
            rels = _keep_stored_labels(rels, st, labels)
            pending.append(list(document_quads(doc, rels, base=st.base_iri)))
            report.added += 1
            report.relations += len(rels)
            report.events += len(rels)
            for rel in rels:
                for m in (rel.subject, rel.object, rel.attributed_to):
                    if m is not None and m.is_actor:
                        actors.add(mention_iri(m, base=st.base_iri))
            if len(pending) >= batch_documents:
                report.quads += st.add_documents(pending)
                pending = []
        if pending:
            report.quads += st.add_documents(pending)
    report.actors = len(actors)
    report.seconds = time.perf_counter() - started
    return report


