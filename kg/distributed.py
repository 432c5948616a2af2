"""Parse and extract in worker processes: inline, a local process pool, or a Dask cluster.

A build cuts its new documents into tasks of whole documents. Each task runs
:func:`analyse` wherever the runner puts it: one parse (``nlp.pipe``), extraction,
resolution and conversion to N-Quads, so only records and N-Quads text cross
process boundaries, never spaCy Docs. The process that owns the store then only
checks labels and loads text into Oxigraph.

Runners, all yielding :class:`TaskResult` in task order:

* :class:`InlineRunner`: in this process (``--processes 1``);
* :class:`PoolRunner`: a local ``multiprocessing`` pool (``--processes N``);
  workers are forked before the store opens and load the model once each;
* :class:`DaskRunner`: an existing Dask distributed cluster (``--cluster
  ADDRESS``); each worker process loads the model once. With ``shard_dir`` (a
  folder the workers and this machine share) workers write their N-Quads shards
  there and only the file names travel; otherwise the shards travel through
  Dask.

Labels: names that differ only in case or punctuation share an actor IRI, and
the first label a build meets wins (see :func:`kg.pipeline.keep_labels`).
Workers label with the first label met within their task and report it; when
the store's (or an earlier task's) label differs, the owner converts that task
again from its records. The graph is therefore the same whatever the runner.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing as mp
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.config import Settings
from kg.procs import die_with_parent
from kg.records import Document, Relation

__all__ = ["TaskResult", "analyse", "reanalyse", "InlineRunner", "PoolRunner", "DaskRunner", "make_runner"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class TaskResult:
    """What one task sends back to the store's owner."""

    results: list[tuple[Document, list[Relation]]] = field(default_factory=list)
    failures: list[Any] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)
    """(IRI, label) for each IRI in the order first met, labelled as the task met it."""
    nquads: str | None = None
    shard: str | None = None
    """Path of the N-Quads shard the worker wrote (instead of ``nquads``)."""
    quads: int = 0
    dyad_events: list[tuple] = field(default_factory=list)
    """The distinct asserted, non-negated events: (event, agent, relation, patient, predicate, CAMEO code)."""
    actors: set[str] = field(default_factory=set)
    parses: bytes | None = None
    documents: int = 0


@functools.lru_cache(maxsize=4)
def _book(actors_files: tuple[Path, ...]) -> Any:
    from kg.pipeline import actor_dictionary
    from kg.config import load_settings

    return actor_dictionary(load_settings(actors_files=actors_files))


def convert(
    results: list[tuple[Document, list[Relation]]],
    *,
    base: str,
    cache: dict[str, str] | None = None,
    lookup: Callable[[str], str | None] | None = None,
) -> TaskResult:
    """Label, convert and serialise the records of whole documents."""
    from kg.pipeline import keep_labels
    from kg.rdf import iris
    from kg.rdf.convert import document_quads, mention_iri
    from kg.rdf.nquads import nquads_batch
    from kg.records import Modality

    cache = {} if cache is None else cache
    out = TaskResult(results=results, documents=len(results))
    batches = []
    for doc, rels in results:
        rels = keep_labels(rels, cache, base=base, lookup=lookup, on_new=lambda i, l: out.labels.append((i, l)))
        batches.append(document_quads(doc, rels, base=base))
        events: set[tuple] = set()
        for rel in rels:
            for m in (rel.subject, rel.object, rel.attributed_to):
                if m is not None and m.is_actor:
                    out.actors.add(mention_iri(m, doc_id=rel.provenance.doc_id, base=base))
            if rel.modality is Modality.ASSERTED and not rel.negated:  # what convert projects as a direct edge
                p = rel.provenance
                event = (p.doc_id, p.start, rel.subject.label, rel.predicate, rel.object.label)  # event_iri's inputs
                if event not in events:
                    events.add(event)
                    out.dyad_events.append((event, mention_iri(rel.subject, doc_id=p.doc_id, base=base),
                                            iris.relation_iri(rel.predicate),
                                            mention_iri(rel.object, doc_id=p.doc_id, base=base), rel.predicate,
                                            rel.event_code))
    out.nquads, out.quads = nquads_batch(batches)
    return out


def _finish(parsed: Iterable, settings: Settings, *, mode: str, keep_parses: bool, base: str,
            shard_dir: str | None) -> TaskResult:
    from kg.nlp import parses
    from kg.pipeline import extract_parsed

    kept: list | None = [] if keep_parses else None

    def tap(stream: Iterable) -> Iterator:
        for item in stream:
            if kept is not None:
                kept.append(item)
            yield item

    failures: list = []
    results = list(extract_parsed(tap(parsed), settings=settings, failures=failures, mode=mode,
                                  book=_book(tuple(settings.actors_files))))
    out = convert(results, base=base)
    out.failures = failures
    if kept:
        out.parses = parses.pack(kept)
    if shard_dir is not None and out.nquads is not None:
        path = Path(shard_dir) / f"shard-{os.getpid()}-{uuid.uuid4().hex[:12]}.nq"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(out.nquads, encoding="utf-8")
        os.replace(tmp, path)
        out.shard, out.nquads = str(path), None
    return out


def analyse(documents: list[Document], settings: Settings, *, mode: str = "actors", keep_parses: bool = False,
            base: str | None = None, shard_dir: str | None = None) -> TaskResult:
    """Parse (one pass), extract, resolve and convert whole documents: the work of one task."""
    from kg.nlp import parse
    from kg.pipeline import _nlp, document_pieces

    if not documents:
        return TaskResult()
    nlp = _nlp(settings)
    parsed = parse(document_pieces(documents, settings.max_doc_chars), nlp, batch_size=settings.batch_size, processes=1)
    return _finish(parsed, settings, mode=mode, keep_parses=keep_parses, base=base or settings.base_iri,
                   shard_dir=shard_dir)


def reanalyse(data: bytes, settings: Settings, *, mode: str = "actors", base: str | None = None,
              shard_dir: str | None = None, only: Iterable[str] | None = None) -> TaskResult:
    """Extract again from kept parses (DocBin bytes; only the documents ``only`` names, if given): no parse."""
    from kg.nlp import parses
    from kg.pipeline import _nlp

    nlp = _nlp(settings)
    parsed = parses.unpack(data, nlp.vocab)
    if only is not None:
        wanted = set(only)
        parsed = ((d, p) for d, p in parsed if p.document.id in wanted)
    return _finish(parsed, settings, mode=mode, keep_parses=False, base=base or settings.base_iri,
                   shard_dir=shard_dir)


# ---------------------------------------------------------------- runners


class InlineRunner:
    """Runs tasks in this process, one after the other."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def map(self, fn: Callable[..., TaskResult], tasks: Iterable[tuple[tuple, dict]]) -> Iterator[TaskResult]:
        for args, kwargs in tasks:
            yield fn(*args, **kwargs)

    def close(self) -> None:
        pass

    def __enter__(self) -> "InlineRunner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _call(fn: Callable[..., TaskResult], args: tuple, kwargs: dict) -> TaskResult:
    return fn(*args, **kwargs)


def _started(pause: float) -> int:
    time.sleep(pause)
    return os.getpid()


def _windowed(submit: Callable[[tuple, dict], Any], tasks: Iterable[tuple[tuple, dict]], window: int) -> Iterator[Any]:
    """Submit ``tasks`` with at most ``window`` in flight; yield their futures in task order.

    Futures still in flight when the caller stops are cancelled.
    """
    inflight: deque = deque()
    try:
        for args, kwargs in tasks:
            inflight.append(submit(args, kwargs))
            if len(inflight) >= window:
                yield inflight.popleft()
        while inflight:
            yield inflight.popleft()
    finally:
        for fut in inflight:
            fut.cancel()


class PoolRunner(InlineRunner):
    """A local pool of ``processes`` worker processes; at most ``window`` tasks in flight.

    Create it before opening the store: its workers start at once (forked where
    the platform allows, so they share the parent's loaded modules) and must not
    inherit the store's threads and locks. A worker that dies (killed, out of
    memory) stops the build with an error instead of hanging it; workers die
    with this process (:func:`kg.procs.die_with_parent`) and ignore Ctrl-C's
    SIGINT, which this process turns into :class:`kg.errors.BuildInterrupted`.
    """

    def __init__(self, settings: Settings, processes: int, *, window: int | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        super().__init__(settings)
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self.window = window or 2 * processes
        self._pool = ProcessPoolExecutor(processes, mp_context=mp.get_context(method),
                                         initializer=die_with_parent, initargs=(os.getpid(),))
        # each submit starts one more worker while none is idle: all of them start now, before the store opens
        list(self._pool.map(_started, [0.05] * processes))
        self._closed = False

    def map(self, fn: Callable[..., TaskResult], tasks: Iterable[tuple[tuple, dict]]) -> Iterator[TaskResult]:
        from concurrent.futures.process import BrokenProcessPool

        for fut in _windowed(lambda args, kwargs: self._pool.submit(_call, fn, args, kwargs), tasks, self.window):
            try:
                result = fut.result()
            except BrokenProcessPool as exc:
                from kg.errors import KgError

                raise KgError("a worker process died (killed, or out of memory?); what was written so far "
                              "stays in the store: run the build again, perhaps with fewer --processes") from exc
            yield result

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._pool.shutdown(wait=True)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if exc_type is not None and not self._closed:
            self._closed = True
            processes = list(getattr(self._pool, "_processes", {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for proc in processes:  # do not wait for tasks nobody will read
                proc.terminate()
            for proc in processes:
                proc.join(timeout=10)
        self.close()


class DaskRunner(InlineRunner):
    """Tasks on an existing Dask distributed cluster (``address``, or a ``distributed.Client``)."""

    def __init__(self, settings: Settings, address: Any, *, window: int | None = None) -> None:
        super().__init__(settings)
        from kg.extras import require

        Client = require("distributed", "--cluster").Client
        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client, self._own = Client(address, timeout="20s"), True
            except (OSError, TimeoutError) as exc:
                from kg.errors import ConfigError

                raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        workers = len(self.client.scheduler_info().get("workers", {})) or 1
        self.window = window or 2 * workers
        self.settings = settings.with_(processes=1)

    def map(self, fn: Callable[..., TaskResult], tasks: Iterable[tuple[tuple, dict]]) -> Iterator[TaskResult]:
        submit = lambda args, kwargs: self.client.submit(fn, *args, pure=False, **kwargs)  # noqa: E731
        for fut in _windowed(submit, tasks, self.window):
            try:
                yield fut.result()
            finally:
                fut.release()

    def close(self) -> None:
        if self._own:
            self.client.close()
            self._own = False


def make_runner(settings: Settings, *, cluster: Any = None) -> InlineRunner:
    """The runner for ``settings.processes`` or ``cluster``."""
    if cluster is not None:
        return DaskRunner(settings, cluster)
    if settings.processes > 1:
        return PoolRunner(settings, settings.processes)
    return InlineRunner(settings)
