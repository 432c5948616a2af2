"""Where tasks run: in this process, a local process pool, or a Dask cluster.

All runners yield each task's :class:`~kg.pipeline.task.TaskResult` in task order:

* :class:`InlineRunner`: in this process (``--processes 1`` on one core, or
  ``parse_ahead`` off);
* :class:`ParseAheadRunner`: ``--processes 1`` on two or more cores: one worker
  process parses the next task while this process extracts, converts and writes
  the one before (the parse is the floor of a build: the rest hides behind it);
* :class:`PoolRunner`: a local ``multiprocessing`` pool (``--processes N``);
  workers are forked before the store opens and load the model once each;
* :class:`DaskRunner`: an existing Dask distributed cluster (``--cluster
  ADDRESS``); each worker process loads the model once. With ``shard_dir`` (a
  folder the workers and this machine share) workers write their N-Quads shards
  there and only the file names travel; otherwise the shards travel through
  Dask.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from kg.config import Settings
from kg.errors import ConfigError, KgError
from kg.extras import require
from kg.pipeline.procs import die_with_parent
from kg.pipeline.documents import document_pieces, spacy_pipeline
from kg.pipeline.task import TaskResult, analyse, finish_stage, parse_stage

__all__ = ["InlineRunner", "PoolRunner", "ParseAheadRunner", "DaskRunner", "make_runner"]


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
    with this process (:func:`kg.pipeline.procs.die_with_parent`) and ignore Ctrl-C's
    SIGINT, which this process turns into :class:`kg.errors.BuildInterrupted`.
    """

    def __init__(self, settings: Settings, processes: int, *, window: int | None = None) -> None:
        super().__init__(settings)
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self.window = window or 2 * processes
        self._pool = ProcessPoolExecutor(processes, mp_context=mp.get_context(method),
                                         initializer=die_with_parent, initargs=(os.getpid(),))
        # each submit starts one more worker while none is idle: all of them start now, before the store opens
        list(self._pool.map(_started, [0.05 if processes > 1 else 0.0] * processes))
        self._closed = False

    def map(self, fn: Callable[..., TaskResult], tasks: Iterable[tuple[tuple, dict]]) -> Iterator[TaskResult]:
        for fut in _windowed(lambda args, kwargs: self._pool.submit(_call, fn, args, kwargs), tasks, self.window):
            try:
                result = fut.result()
            except BrokenProcessPool as exc:
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


class ParseAheadRunner(PoolRunner):
    """One worker process parses (:func:`~kg.pipeline.task.parse_stage`, one ``nlp.pipe`` batch
    of pieces per call) up to ``window`` tasks ahead, while this process runs
    :func:`~kg.pipeline.task.finish_stage` on each task in turn, batch by batch as they come.

    Only :func:`~kg.pipeline.task.analyse` is split so; any other task runs here.
    The pieces are batched as :func:`analyse` batches them, so the parses are the
    same. The model is loaded here before the worker is forked (both need it: the
    worker to parse, this process for the Docs' vocabulary), so it is loaded once.
    The parses cross as :func:`kg.nlp.parses.pack_docs` bytes (array columns, no DocBin).
    """

    def __init__(self, settings: Settings, *, window: int = 2) -> None:
        spacy_pipeline(settings)
        super().__init__(settings, 1, window=window)

    def map(self, fn: Callable[..., TaskResult], tasks: Iterable[tuple[tuple, dict]]) -> Iterator[TaskResult]:
        if fn is not analyse:
            yield from InlineRunner.map(self, fn, tasks)
            return
        inflight: deque = deque()

        def submit(documents: list, settings: Settings) -> list:
            pieces = list(document_pieces(documents, settings.max_doc_chars))
            size = settings.batch_size
            return [(self._pool.submit(parse_stage, [p.text for p in pieces[i:i + size]], settings), pieces[i:i + size])
                    for i in range(0, len(pieces), size)]

        def parsed(batches: list) -> Iterator[bytes]:
            for fut, _ in batches:
                try:
                    yield fut.result()
                except BrokenProcessPool as exc:
                    raise KgError("the parse worker process died (killed, or out of memory?); what was written "
                                  "so far stays in the store: run the build again") from exc

        def finish(batches: list, settings: Settings, kwargs: dict) -> TaskResult:
            pieces = [p for _, chunk in batches for p in chunk]
            return finish_stage(parsed(batches), pieces, settings, **kwargs)

        try:
            for (documents, settings), kwargs in tasks:
                inflight.append((submit(documents, settings), settings, kwargs))
                if len(inflight) >= self.window:
                    yield finish(*inflight.popleft())
            while inflight:
                yield finish(*inflight.popleft())
        finally:
            for batches, _, _ in inflight:
                for fut, _ in batches:
                    fut.cancel()


class DaskRunner(InlineRunner):
    """Tasks on an existing Dask distributed cluster (``address``, or a ``distributed.Client``)."""

    def __init__(self, settings: Settings, address: Any, *, window: int | None = None) -> None:
        super().__init__(settings)
        Client = require("distributed", "--cluster").Client
        if isinstance(address, Client):
            self.client, self._own = address, False
        else:
            try:
                self.client, self._own = Client(address, timeout="20s"), True
            except (OSError, TimeoutError) as exc:
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
    if settings.parse_ahead and _cores() > 1:
        return ParseAheadRunner(settings)
    return InlineRunner(settings)


def _cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
