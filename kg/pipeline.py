"""Wire the stages together: ingest → parse → extract → resolve → RDF → store.

The only module that imports every stage. ``extract`` yields relations per
document without a store; ``build`` writes them into one, skipping documents it
already holds, and reports per-document failures instead of stopping.
"""

from __future__ import annotations

import itertools
import logging
import re
import time
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.config import Settings, load_settings
from kg.dictionaries import ActorDictionary, default_dictionary
from kg.errors import BuildInterrupted
from kg.extract import extract_relations
from kg.ingest import IngestFailure, read_documents
from kg.nlp import Piece, load_pipeline, parse, pieces_of
from kg.rdf.convert import mention_iri
from kg.rdf.store import Store
from kg.writer import TIDY_QUADS, StoreWriter
from kg.records import Document, Mention, Occurrence, Relation
from kg.resolve import resolve_document
from kg.words import counted

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.ingest.view import TextView


__all__ = ["Failure", "BuildReport", "extract", "extract_mentions", "extract_documents", "extract_parsed", "extract_text", "build",
           "remove", "reextract", "keep_labels", "body_text", "body_view", "document_pieces", "TITLE_CONFIDENCE"]

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
    replaced: int = 0
    relations: int = 0
    events: int = 0
    actors: int = 0
    quads: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        """One paragraph for people."""
        replaced = f", {counted(self.replaced, 'earlier version')} replaced" if self.replaced else ""
        text = (
            f"{counted(self.documents, 'document')} read, {self.added:,} added{replaced}, {self.skipped:,} already in the store; "
            f"{counted(self.relations, 'relation')}, {counted(self.events, 'event')}, {counted(self.actors, 'actor')}; "
            f"{counted(self.quads, 'quad')} written to {self.store} in {self.seconds:.1f}s; "
            f"{counted(len(self.failures), 'failure')}"
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


TITLE_CONFIDENCE = 0.75
"""Relations read in a title or heading written as a sentence have their confidence multiplied by this."""


def body_view(document: Document) -> "TextView":
    """What extraction reads: ``Document.text`` with its non-body regions blanked, normalised (NFC, LF),
    with the map of its offsets back to ``Document.text``."""
    from kg.ingest.layout import blank_regions
    from kg.ingest.view import text_view

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
            attributed_to=_given_mention(r.attributed_to, view),
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
    nlp = _nlp(settings)
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
    from kg.extract.occurrences import extract_mentions as mentions_of
    from kg.resolve import resolve_occurrences

    settings = settings or load_settings()
    failures = failures if failures is not None else []
    stream = iter(_ingest(inputs, settings, failures))
    first = next(stream, None)
    if first is None:
        return
    book = actor_dictionary(settings)
    parsed = parse(document_pieces(itertools.chain([first], stream), settings.max_doc_chars), _nlp(settings),
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


def _keep_stored_labels(rels: list[Relation], store: Store, cache: dict[str, str]) -> list[Relation]:
    """Give each actor the label the store already has for its IRI, so every node keeps one label.

    Names that differ only in case or punctuation share an IRI; the first one stored wins.
    """
    return keep_labels(rels, cache, base=store.base_iri, lookup=store.label_of)


def keep_labels(
    rels: list[Relation],
    cache: dict[str, str],
    *,
    base: str,
    lookup: Callable[[str], str | None] | None = None,
    on_new: Callable[[str, str], None] | None = None,
) -> list[Relation]:
    """Give each mention the first label seen for its IRI (``cache``, else ``lookup``, else its own).

    ``on_new(iri, label)`` is told each IRI met for the first time, in order.
    """

    def fix(m: Mention | None, doc_id: str) -> Mention | None:
        if m is None:
            return None
        iri = mention_iri(m, doc_id=doc_id, base=base)
        if iri not in cache:
            cache[iri] = (lookup(iri) if lookup else None) or m.label
            if on_new is not None:
                on_new(iri, cache[iri])
        label = cache[iri]
        if label == m.label:
            return m
        return replace(m, label=label, aliases=tuple(sorted({*m.aliases, m.label})))

    out = []
    for r in rels:
        d = r.provenance.doc_id
        s, o, a = fix(r.subject, d), fix(r.object, d), fix(r.attributed_to, d)
        same = s is r.subject and o is r.object and a is r.attributed_to
        out.append(r if same else replace(r, subject=s, object=o, attributed_to=a))
    return out


def _ingest(inputs: Iterable[str | Path], settings: Settings, failures: list[Failure]) -> Iterator[Document]:
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
    yield from extract_documents(_ingest(inputs, settings, failures), settings=settings, failures=failures, mode=mode)


def extract_text(text: str, *, doc_id: str = "text", published=None, settings: Settings | None = None) -> list[Relation]:
    """The relations in one text.

    >>> rels = extract_text("France and Germany condemned Russia.")
    >>> [(r.subject.label, r.predicate, r.object.label) for r in rels]
    [('France', 'condemn', 'Russia'), ('Germany', 'condemn', 'Russia')]
    """
    doc = Document(id=doc_id, text=text, published=published)
    return [rel for _, rels in extract_documents([doc], settings=settings) for rel in rels]


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def _interruptible(report: BuildReport) -> Iterator[None]:
    """Turn Ctrl-C into :class:`BuildInterrupted` once the pending batch is committed (the writer's close).

    Every batch committed before stays, so running the same build again resumes it.
    """
    try:
        yield
    except KeyboardInterrupt:
        raise BuildInterrupted(report.added) from None


def _model_id(settings: Settings) -> tuple[str | None, str | None]:
    try:
        nlp = _nlp(settings)
    except Exception:  # noqa: BLE001 - only metadata
        return settings.model, None
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '')}", nlp.meta.get("version")


def build(
    inputs: Iterable[str | Path],
    *,
    store: Path | str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    batch_documents: int = 32,
    keep_parses: bool = False,
    cluster: object | None = None,
    shard_dir: Path | str | None = None,
    replace: bool = False,
) -> BuildReport:
    """Build (or extend) the store from ``inputs``; documents already stored are skipped unparsed.

    A document whose given id, or URL, is stored with another text replaces that
    earlier version (:func:`kg.rdf.remove.remove_documents`, then the new one is
    added). With ``replace`` a file also replaces the earlier version read from the
    same source path (an edited article: its content hash, the default id, changed).

    Each batch of whole documents is written in one transaction. With
    ``settings.processes > 1`` a local process pool parses and extracts (only
    records and N-Quads come back); with ``cluster`` (a Dask scheduler address or
    a ``distributed.Client``) the cluster's workers do, writing their N-Quads
    shards into ``shard_dir`` when given (a folder they share with this machine).
    With ``keep_parses`` the parses are kept under ``STORE/parses`` for
    :func:`reextract`. The dyad roll-up (``kgo:Dyad``) is brought up to date at
    the end.
    """
    from kg.distributed import analyse, make_runner
    from kg.nlp.parses import ParseStore

    settings = settings or load_settings()
    path = Path(store) if store is not None else settings.store
    started = time.perf_counter()
    report = BuildReport(store=str(path))
    documents = _ingest(inputs, settings, report.failures)  # a missing input path fails here, before the store is touched
    first = next(documents, None)
    if first is None:  # nothing readable (an empty folder, every input failed): create no store
        report.seconds = time.perf_counter() - started
        return report
    documents = itertools.chain((first,), documents)
    if shard_dir is not None:
        Path(shard_dir).mkdir(parents=True, exist_ok=True)
    # a local pool forks before the store opens: workers must not inherit its threads and locks
    with make_runner(settings, cluster=cluster) as runner, Store.create(path, base_iri=settings.base_iri, upgrade=settings.upgrade_store) as st, \
            _interruptible(report):
        seen: dict[str, str] = {}  # id -> content hash of the documents of this build

        def new_documents() -> Iterator[Document]:
            from kg.rdf.iris import content_hash

            for doc in documents:
                report.documents += 1
                digest = content_hash(doc.text, length=64)
                stored = None if doc.id in seen else st.content_hash_of(doc.id)
                if doc.id in seen or stored == digest:
                    report.skipped += 1
                    if doc.id in seen and seen[doc.id] != digest:  # one id twice in one input, two texts
                        report.failures.append(Failure(
                            doc.source or doc.id,
                            f"id {doc.id!r} was given to another text earlier in this build: not stored "
                            "(give each version its own id)"))
                    if progress:
                        progress(doc)
                    continue
                old = _earlier_versions(st, doc, replace=replace)
                if stored is not None and doc.id not in old:
                    old.append(doc.id)
                old = [d for d in old if d not in seen]  # never a document of this build
                if old:
                    from kg.rdf.remove import remove_documents

                    writer.wait()  # the earlier batches are in the store: the removal sees them
                    remove_documents(st, old)
                    report.replaced += len(old)
                seen[doc.id] = digest
                yield doc

        order: list[list[Document]] = []
        worker_settings = settings.with_(processes=1)
        options = {"keep_parses": keep_parses, "base": st.base_iri,
                   "shard_dir": str(shard_dir) if shard_dir is not None else None}

        def tasks() -> Iterator[tuple[tuple, dict]]:
            for chunk in _chunks(new_documents(), batch_documents):
                order.append(chunk)
                yield (chunk, worker_settings), options

        parses = ParseStore(path) if keep_parses else None
        writer = StoreWriter(st, report, parses=parses, model=_model_id(settings) if keep_parses else (None, None))
        ok = False
        try:
            for result in runner.map(analyse, tasks()):
                chunk = order.pop(0)
                report.failures.extend(result.failures)
                writer.add(result)
                if progress:
                    for doc in chunk:
                        progress(doc)
            ok = True
        finally:
            writer.close(ok=ok)
    if report.quads >= TIDY_QUADS:  # a large build: drop the write-ahead log it leaves (often larger than the data)
        Store.tidy(path)
    report.actors = len(writer.actors)
    report.seconds = time.perf_counter() - started
    return report


def _earlier_versions(st: Store, doc: Document, *, replace: bool) -> list[str]:
    """Ids of stored documents that ``doc`` is a new version of: same URL, or (``replace``) same source file."""
    from kg.rdf.remove import _literal

    tests = []
    if doc.url:
        tests.append(f"STR(?u) = {_literal(doc.url)}")
    if replace and doc.source and not re.search(r":\d+$", doc.source) and doc.source != "<stdin>":
        tests.append(f"?s = {_literal(doc.source)}")  # a file (a JSONL line's number may shift: not that)
    if not tests:
        return []
    rows = st.query("SELECT DISTINCT ?id WHERE { ?d a kgo:Document ; kgo:docId ?id . OPTIONAL { ?d schema:url ?u } "
                    f"OPTIONAL {{ ?d kgo:source ?s }} FILTER(?id != {_literal(doc.id)} && ({' || '.join(tests)})) }}")
    return sorted(str(r[0]) for r in rows.rows)


def remove(
    docs: Iterable[str],
    *,
    store: Path | str | None = None,
    settings: Settings | None = None,
):
    """Remove documents (ids, URLs or source paths) and everything only they supported, in one transaction.

    Returns a :class:`kg.rdf.remove.Removal`. Raises NotFoundError when a reference
    names no stored document (nothing is removed), StoreError when there is no store.
    """
    from kg.rdf.remove import remove_documents

    settings = settings or load_settings()
    path = Path(store) if store is not None else settings.store
    Store.open(path).close()  # a clear error when there is no store (and never create one)
    with Store.create(path, base_iri=settings.base_iri, upgrade=settings.upgrade_store) as st:
        return remove_documents(st, list(docs))


def reextract(
    store: Path | str | None = None,
    *,
    settings: Settings | None = None,
    progress: Progress | None = None,
    cluster: object | None = None,
) -> BuildReport:
    """Extract and resolve again from the parses kept by ``build(keep_parses=True)``: no parse.

    Each batch of documents has its graphs dropped and rewritten in one SPARQL
    update, so a reader sees every document either before or after. When every
    document of the store has a kept parse, the actor descriptions are rebuilt
    too (written to a staging graph, moved over the actors graph at the end) and
    the store ends as a fresh build of the same documents in the same order
    would; otherwise the new descriptions are added to the old ones and a
    warning says how many documents have no kept parse. The dyad roll-up is
    recounted at the end.

    Raises:
        ParseError: the store has no kept parses.
    """
    from kg.distributed import make_runner, reanalyse
    from kg.nlp.parses import ParseStore
    from kg.rdf import iris

    settings = settings or load_settings()
    path = Path(store) if store is not None else settings.store
    started = time.perf_counter()
    report = BuildReport(store=str(path))
    Store.open(path).close()  # a clear error when there is no store
    kept = ParseStore(path)
    parts = kept.parts()
    with make_runner(settings, cluster=cluster) as runner, Store.create(path, base_iri=settings.base_iri, upgrade=settings.upgrade_store) as st, \
            _interruptible(report):
        stored = {str(r[0]) for r in st.query("SELECT ?id WHERE { ?d a kgo:Document ; kgo:docId ?id }").rows}
        have = {d for p in parts for d in p.docs}
        missing = stored - have
        full = not missing
        if missing:
            log.warning("%d documents of %s have no kept parse: they keep their old extraction, and actor "
                        "descriptions are only added to", len(missing), path)
        staging = f"{iris.actors_graph_iri(base=st.base_iri)}-staging" if full else None
        if staging is not None:
            st.update(f"DROP SILENT GRAPH <{staging}>")
        worker_settings = settings.with_(processes=1)
        todo = [p for p in parts if any(d in stored for d in p.docs)]

        def tasks() -> Iterator[tuple[tuple, dict]]:
            for part in todo:
                only = [d for d in part.docs if d in stored]
                yield (kept.read(part), worker_settings), {"base": st.base_iri, "only": only}

        writer = StoreWriter(st, report, replace_graphs=True, fresh_labels=full, staging_graph=staging)
        writer.dyads.recount_all()
        ok = False
        try:
            for result in runner.map(reanalyse, tasks()):
                report.documents += len(result.results)
                report.failures.extend(result.failures)
                writer.add(result)
                if progress:
                    for doc, _ in result.results:
                        progress(doc)
            writer.wait()
            if staging is not None:
                actors = iris.actors_graph_iri(base=st.base_iri)
                st.update(f"DROP SILENT GRAPH <{actors}> ; MOVE SILENT GRAPH <{staging}> TO GRAPH <{actors}>")
            ok = True
        finally:
            writer.close(ok=ok)
    if report.quads >= TIDY_QUADS:
        Store.tidy(path)
    report.actors = len(writer.actors)
    report.seconds = time.perf_counter() - started
    return report
