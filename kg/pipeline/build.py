"""Build a store: new documents in tasks to a runner, their results to the store writer.

The orchestration only: which documents are new (or new versions of stored
ones), the tasks in order, the runner (:mod:`kg.pipeline.runners`), the writer
(:mod:`kg.pipeline.writer`), the report. Also removing documents and
re-extracting a store from its kept parses.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.config import BATCH_DOCUMENTS, Settings, load_settings
from kg.errors import BuildInterrupted, ConfigError
from kg.nlp.parses import ParseStore
from kg.pipeline.documents import read_inputs, spacy_pipeline
from kg.pipeline.report import BuildReport, Failure, Progress
from kg.pipeline.runners import make_runner
from kg.pipeline.task import analyse, check_dictionaries, reanalyse
from kg.pipeline.writer import TIDY_QUADS, StoreWriter
from kg.rdf import iris
from kg.rdf.remove import Removal, earlier_versions, remove_documents
from kg.rdf.store import Store
from kg.records import Document

__all__ = ["build", "remove", "reextract"]

log = logging.getLogger(__name__)


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
        nlp = spacy_pipeline(settings)
    except Exception:  # noqa: BLE001 - only metadata
        return settings.model, None
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '')}", nlp.meta.get("version")


STORE_MODES = ("actors", "events")
"""Extraction modes a store can be built in (``open`` tuples are no actor graph)."""


def _check_mode(mode: str) -> None:
    if mode not in STORE_MODES:
        raise ConfigError(f"a store is built in mode {' or '.join(STORE_MODES)}, got {mode!r}")


def build(
    inputs: Iterable[str | Path],
    *,
    store: Path | str | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    batch_documents: int = BATCH_DOCUMENTS,
    keep_parses: bool = False,
    cluster: object | None = None,
    shard_dir: Path | str | None = None,
    replace: bool = False,
    mode: str = "actors",
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
    the end. ``mode``: ``"actors"`` (the default) or ``"events"`` (also each coded verb's
    target as an event coder finds it, :mod:`kg.extract.targets`).
    """
    _check_mode(mode)
    settings = settings or load_settings()
    path = Path(store) if store is not None else settings.store
    started = time.perf_counter()
    report = BuildReport(store=str(path))
    documents = read_inputs(inputs, settings, report.failures)  # a missing input path fails here, before the store is touched
    first = next(documents, None)
    if first is None:  # nothing readable (an empty folder, every input failed): create no store
        report.seconds = time.perf_counter() - started
        return report
    documents = itertools.chain((first,), documents)
    check_dictionaries(settings)  # a bad --actors or --verbs file fails here, before a worker or the store
    if shard_dir is not None:
        Path(shard_dir).mkdir(parents=True, exist_ok=True)
    # a local pool forks before the store opens: workers must not inherit its threads and locks
    with make_runner(settings, cluster=cluster) as runner, Store.create(path, base_iri=settings.base_iri, upgrade=settings.upgrade_store) as st, \
            _interruptible(report):
        seen: dict[str, str] = {}  # id -> content hash of the documents of this build

        def new_documents() -> Iterator[Document]:
            for doc in documents:
                report.documents += 1
                digest = iris.content_hash(doc.text, length=64)
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
                old = earlier_versions(st, doc, replace=replace)
                if stored is not None and doc.id not in old:
                    old.append(doc.id)
                old = [d for d in old if d not in seen]  # never a document of this build
                if old:
                    writer.wait()  # the earlier batches are in the store: the removal sees them
                    remove_documents(st, old)
                    report.replaced += len(old)
                seen[doc.id] = digest
                yield doc

        order: list[list[Document]] = []
        worker_settings = settings.with_(processes=1)
        options = {"keep_parses": keep_parses, "base": st.base_iri, "mode": mode,
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


def remove(
    docs: Iterable[str],
    *,
    store: Path | str | None = None,
    settings: Settings | None = None,
) -> Removal:
    """Remove documents (ids, URLs or source paths) and everything only they supported, in one transaction.

    Returns a :class:`kg.rdf.remove.Removal`. Raises NotFoundError when a reference
    names no stored document (nothing is removed), StoreError when there is no store.
    """
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
    mode: str = "actors",
) -> BuildReport:
    """Extract and resolve again from the parses kept by ``build(keep_parses=True)``: no parse.

    Each batch of documents has its graphs dropped and rewritten in one SPARQL
    update, so a reader sees every document either before or after. When every
    document of the store has a kept parse, the actor descriptions are rebuilt
    too (written to a staging graph, moved over the actors graph at the end) and
    the store ends as a fresh build of the same documents in the same order
    would; otherwise the new descriptions are added to the old ones and a
    warning says how many documents have no kept parse. The dyad roll-up is
    recounted at the end. ``mode`` as for :func:`build`.

    Raises:
        ParseError: the store has no kept parses.
    """
    _check_mode(mode)
    settings = settings or load_settings()
    path = Path(store) if store is not None else settings.store
    started = time.perf_counter()
    report = BuildReport(store=str(path))
    Store.open(path).close()  # a clear error when there is no store
    check_dictionaries(settings)
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
                yield (kept.read(part), worker_settings), {"base": st.base_iri, "only": only, "mode": mode}

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
