"""A small pool of query worker processes with a time limit per query.

Each worker (:func:`kg.server.worker.worker_main`) holds a read-only handle on the
store. A query that runs past the limit gets its worker killed and a fresh one
started in its place, so a runaway query costs one worker for ``time_limit``
seconds and never the server. A request that finds every worker busy for as long
as the time limit is turned away (503) instead of queueing without end.

Workers are started with the ``forkserver`` method (preloading the worker module),
so replacing a killed worker takes milliseconds and never forks the threaded
server process itself.

A large result comes back as a :class:`ResultStream`: the worker sends its body in
chunks (:data:`kg.server.worker.CHUNK_BYTES`) and stays taken until the stream is
read to the end or closed; closing early drains what is left (or replaces the
worker), so a client that goes away mid-answer frees its worker.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing as mp
import os
import threading
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from kg.errors import QueryMemoryError, QueryTimeoutError, ServerBusyError, WorkerError
from kg.server.worker import Job, Reply, worker_main

__all__ = ["QueryPool", "ResultStream"]

log = logging.getLogger(__name__)

_STARTUP_SECONDS = 60.0
_WATCH_SECONDS = 0.05  # how often a busy worker's memory is looked at
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident_bytes(pid: int) -> int | None:
    """Resident memory of process ``pid`` (None where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None
_PRELOAD = ["kg.server._preload"]


def _context() -> Any:
    methods = mp.get_all_start_methods()
    if "forkserver" in methods:
        ctx = mp.get_context("forkserver")
        # imported once in the fork server, so each (re)started worker has them at no cost
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return mp.get_context("spawn")


class _Worker:
    """One worker process and the parent's end of its pipe (used by one thread at a time)."""

    def __init__(self, ctx: Any, store_path: str) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=worker_main, args=(child, store_path), name="kg-query-worker", daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            raise WorkerError(f"a query worker did not start within {timeout:g} s")
        msg = self.conn.recv()
        if isinstance(msg, BaseException):
            raise msg
        self.ready = True

    def kill(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)


class QueryPool:
    """Run :class:`Job` s in worker processes, at most ``time_limit`` seconds each.

    Use :meth:`start` before the first :meth:`run` and :meth:`close` at the end.
    """

    def __init__(self, store_path: Path | str, *, size: int, time_limit: float, memory_limit: int | None = None) -> None:
        self.store_path = str(store_path)
        self.size = size
        self.time_limit = time_limit
        self.memory_limit = memory_limit  # megabytes per worker, None: unbounded
        self.memory_stops = 0
        self._ctx = _context()
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[int] | None = None
        # two per worker: a stream closed mid-read queues its drain behind the read in flight
        self._threads = ThreadPoolExecutor(max_workers=2 * size, thread_name_prefix="kg-query")
        self._closing = False
        self.timeouts = 0
        self.restarts = 0

    async def start(self) -> None:
        """Start the workers and wait until each has opened the store.

        Raises:
            StoreError: the store cannot be opened.
        """
        self._workers = [_Worker(self._ctx, self.store_path) for _ in range(self.size)]
        self._idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        try:
            for i, worker in enumerate(self._workers):
                await loop.run_in_executor(self._threads, worker.wait_ready, _STARTUP_SECONDS)
                self._idle.put_nowait(i)
        except BaseException:
            self._kill_all()
            raise

    async def run(self, job: Job) -> Any:
        """The worker's answer to ``job``; a :class:`ResultStream` for a large protocol body (close it).

        Raises:
            ServerBusyError: no worker became free within the time limit.
            QueryTimeoutError: the query ran past the time limit.
            KgError: whatever the worker raised for this query (e.g. ``QueryError``).
        """
        if self._idle is None or self._closing:
            raise WorkerError("the query pool is not running")
        slot = await self._acquire(self._idle)
        loop = asyncio.get_running_loop()
        try:
            future = loop.run_in_executor(self._threads, self._call_and_release, slot, job, loop)
        except BaseException:
            self._release(slot)
            raise
        # shielded: if this request is cancelled, the call still ends (and frees its slot) on its own
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            future.add_done_callback(_discard)  # nobody will read it
            raise

    async def _acquire(self, idle: asyncio.Queue[int]) -> int:
        getter = asyncio.ensure_future(idle.get())
        try:
            done, _ = await asyncio.wait({getter}, timeout=self.time_limit)
        except asyncio.CancelledError:
            self._abandon(getter)
            raise
        if getter in done:
            return getter.result()
        self._abandon(getter)
        raise ServerBusyError(f"all {self.size} query workers stayed busy for {self.time_limit:g} s; try again later")

    def _abandon(self, getter: asyncio.Future[int]) -> None:
        """Give up waiting for a slot; a slot that arrived anyway goes back."""
        if getter.done() and not getter.cancelled():
            self._release(getter.result())
        else:
            getter.cancel()

    def _release(self, slot: int) -> None:
        if self._idle is not None and not self._closing:
            self._idle.put_nowait(slot)

    def _call_and_release(self, slot: int, job: Job, loop: asyncio.AbstractEventLoop) -> Any:
        streaming = False
        try:
            reply = self._call(slot, job)
            if isinstance(reply, Reply) and reply.streamed:
                streaming = True  # the stream holds the worker now, and releases it
                return ResultStream(self, slot, reply, loop)
            return reply
        finally:
            if not streaming:
                self._release_from_thread(slot, loop)

    def _release_from_thread(self, slot: int, loop: asyncio.AbstractEventLoop) -> None:
        try:
            loop.call_soon_threadsafe(self._release, slot)
        except RuntimeError:  # the loop is gone: the server is shutting down
            pass

    def _replace(self, slot: int) -> None:
        self._workers[slot].kill()
        if self._closing:
            return
        self._workers[slot] = _Worker(self._ctx, self.store_path)
        self.restarts += 1

    def _call(self, slot: int, job: Job) -> Any:
        worker = self._workers[slot]
        try:
            worker.wait_ready(_STARTUP_SECONDS)
            worker.conn.send(job)
        except (OSError, EOFError, WorkerError) as exc:
            self._replace(slot)
            raise WorkerError(f"a query worker failed ({exc}); it was restarted, try again") from exc
        started = time.monotonic()
        if not self._wait_reply(worker, job, started):
            self.timeouts += 1
            self._replace(slot)
            log.warning("query stopped after %.1f s: %s", time.monotonic() - started, " ".join(job.sparql.split())[:200])
            raise QueryTimeoutError(
                f"the query ran longer than the time limit of {self.time_limit:g} s and was stopped; "
                "add LIMIT, narrow the patterns, or raise --time-limit"
            )
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(slot)
            raise WorkerError("the query crashed its worker; the worker was restarted") from exc
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def _wait_reply(self, worker: _Worker, job: Job, started: float) -> bool:
        """Wait for the worker's reply up to the time limit (False: none came), watching its memory.

        Raises:
            QueryMemoryError: the worker went over the memory limit (it is killed and replaced).
        """
        if self.memory_limit is None:
            return bool(worker.conn.poll(self.time_limit))
        limit = self.memory_limit * 1024 * 1024
        deadline = started + self.time_limit
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if worker.conn.poll(min(_WATCH_SECONDS, left)):
                return True
            used = _resident_bytes(worker.proc.pid)
            if used is not None and used > limit:
                self.memory_stops += 1
                self._replace(self._workers.index(worker))
                log.warning("query stopped at %d MB of memory: %s", used >> 20, " ".join(job.sparql.split())[:200])
                raise QueryMemoryError(
                    f"the query needed more than the memory limit of {self.memory_limit} MB and was stopped; "
                    "add LIMIT, narrow the patterns, or raise --memory-limit"
                )

    def _replace_after_failure(self, slot: int) -> None:
        try:
            self._replace(slot)
        except Exception:  # a worker that cannot be started is found by the next job that uses the slot
            log.exception("could not restart a query worker")

    def _kill_all(self) -> None:
        for worker in self._workers:
            worker.kill()

    async def close(self) -> None:
        """Stop every worker (closing the pipe ends an idle worker; a busy one is killed)."""
        self._closing = True
        for worker in self._workers:
            try:
                worker.conn.close()
            except OSError:
                pass
        deadline = time.monotonic() + 2.0
        for worker in self._workers:
            worker.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            if worker.proc.is_alive():
                worker.proc.kill()
                worker.proc.join(timeout=5)
        self._workers = []
        self._idle = None
        self._threads.shutdown(wait=False, cancel_futures=True)



def _discard(future: Any) -> None:
    """Done-callback for an answer nobody will read: a stream is closed (freeing its worker)."""
    if future.cancelled() or future.exception() is not None:
        return
    if isinstance(future.result(), ResultStream):
        future.result().close()


class ResultStream:
    """The body of a large protocol reply, read from its worker in chunks; the worker stays taken until closed.

    ``reply`` is the worker's :class:`Reply` (empty body; ``streamed`` is the body's length).
    Read with :meth:`chunks`; always :meth:`close` (idempotent): a body not read to the end is
    drained in a pool thread, or its worker replaced, and then the worker goes back to the pool.
    """

    def __init__(self, pool: QueryPool, slot: int, reply: Reply, loop: asyncio.AbstractEventLoop) -> None:
        self.reply = reply
        self.left = reply.streamed
        self._pool = pool
        self._slot = slot
        self._loop = loop
        self._lock = threading.Lock()  # one pipe, read by one thread at a time
        self._closed = False

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body, chunk by chunk.

        Raises:
            WorkerError: the worker died or went silent mid-body (it is replaced).
        """
        while self.left > 0 and not self._closed:
            yield await self._loop.run_in_executor(self._pool._threads, self._read)

    def _recv(self) -> bytes:
        worker = self._pool._workers[self._slot]
        if not worker.conn.poll(self._pool.time_limit):
            raise WorkerError(f"a query worker sent nothing for {self._pool.time_limit:g} s mid-answer")
        chunk = worker.conn.recv_bytes()
        self.left -= len(chunk)
        return chunk

    def _read(self) -> bytes:
        with self._lock:
            if self.left <= 0:
                return b""
            try:
                return self._recv()
            except (EOFError, OSError, WorkerError) as exc:
                self.left = 0
                self._pool._replace_after_failure(self._slot)
                raise WorkerError("the query worker failed while sending its answer; it was restarted") from exc

    def close(self) -> None:
        """Give the worker back once the rest of the body (if any) is drained; returns at once."""
        if self._closed:
            return
        self._closed = True
        try:
            self._pool._threads.submit(self._finish)
        except RuntimeError:  # the pool is shut down: its workers are gone anyway
            pass

    def _finish(self) -> None:
        with self._lock:
            try:
                while self.left > 0:
                    self._recv()
            except (EOFError, OSError, WorkerError):
                self.left = 0
                self._pool._replace_after_failure(self._slot)
        self._pool._release_from_thread(self._slot, self._loop)
