"""The query worker pool in-process: time limit, busy workers, cancelled requests, shutdown."""

from __future__ import annotations

import asyncio

import pytest

from kg.errors import QueryError, QueryTimeoutError, ServerBusyError, WorkerError
from kg.rdf.results import QueryResult
from kg.rdf.store import Store
from kg.server.pool import QueryPool, ResultStream
from kg.server.worker import CHUNK_BYTES, Job, Reply, Table, handle

SLOW = Job("values", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
FAST = Job("values", "SELECT ?l WHERE { ?a a kgo:Person ; rdfs:label ?l } ORDER BY ?l")
# 8 rows of 256 KiB each: a body of 32 chunks or so
BIG = Job("protocol", 'SELECT ?i ?big WHERE { VALUES ?i { 0 1 2 3 4 5 6 7 } BIND("' + "y" * 1024 + '" AS ?a0) '
          + " ".join(f"BIND(CONCAT(?a{k}, ?a{k}) AS ?a{k + 1})" for k in range(8))
          + " BIND(CONCAT(STR(?i), ?a8) AS ?big) } ORDER BY ?i")


def _run(store, body, *, size=1, limit=1.0):
    async def main():
        pool = QueryPool(store, size=size, time_limit=limit)
        await pool.start()
        try:
            return await body(pool)
        finally:
            await pool.close()
            assert all(not w.proc.is_alive() for w in pool._workers)

    return asyncio.run(main())


def test_server_pool_answers_each_job_kind(sample_store):
    async def body(pool):
        values = await pool.run(FAST)
        table = await pool.run(Job("table", "SELECT ?l WHERE { ?a a kgo:Country ; rdfs:label ?l } ORDER BY ?l"))
        reply = await pool.run(Job("protocol", "ASK { ?s ?p ?o }"))
        return values, table, reply

    values, table, reply = _run(sample_store, body)
    assert isinstance(values, QueryResult) and values.rows == (("Jake Sullivan",), ("Ron Dermer",))
    assert isinstance(table, Table) and [r[0][1] for r in table.rows] == ["Israel", "Qatar"]
    assert isinstance(reply, Reply) and reply.form == "ask" and b"true" in reply.body


def test_server_pool_query_errors_come_back_typed(sample_store):
    async def body(pool):
        with pytest.raises(QueryError, match="invalid SPARQL"):
            await pool.run(Job("values", "SELECT ?x WHERE {"))
        return await pool.run(FAST)

    assert _run(sample_store, body).rows


def test_server_pool_timeout_replaces_the_worker(sample_store):
    async def body(pool):
        pid = pool._workers[0].proc.pid
        with pytest.raises(QueryTimeoutError):
            await pool.run(SLOW)
        assert pool._workers[0].proc.pid != pid and pool.timeouts == pool.restarts == 1
        return await pool.run(FAST)

    assert _run(sample_store, body, limit=0.5).rows


def test_server_pool_busy_when_every_worker_is_stuck(sample_store):
    async def body(pool):
        first = asyncio.ensure_future(pool.run(SLOW))  # holds the only worker until ~0.6 s
        await asyncio.sleep(0.3)
        second = asyncio.ensure_future(pool.run(SLOW))  # next in line: holds it until ~1.2 s
        await asyncio.sleep(0.05)
        try:
            with pytest.raises(ServerBusyError):  # gives up at ~0.95 s
                await pool.run(FAST)
        finally:
            outcomes = await asyncio.gather(first, second, return_exceptions=True)
        assert [type(o) for o in outcomes] == [QueryTimeoutError, QueryTimeoutError]
        return await pool.run(FAST)

    assert _run(sample_store, body, limit=0.6).rows


def test_server_pool_cancelled_requests_keep_their_slots(sample_store):
    async def body(pool):
        tasks = [asyncio.ensure_future(pool.run(FAST)) for _ in range(6)]
        await asyncio.sleep(0)
        for task in tasks[::2]:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await asyncio.sleep(0.2)
        assert pool._idle.qsize() == pool.size
        return await asyncio.gather(*(pool.run(FAST) for _ in range(4)))

    assert len(_run(sample_store, body, size=2)) == 4


def _whole_body(store) -> bytes:
    with Store.open(store) as st:
        return handle(st, BIG).body


def test_server_pool_streams_a_large_body_in_chunks(sample_store):
    async def body(pool):
        stream = await pool.run(BIG)
        assert isinstance(stream, ResultStream) and stream.reply.body == b""
        try:
            chunks = [chunk async for chunk in stream.chunks()]
        finally:
            stream.close()
        assert len(chunks) > 8 and all(0 < len(c) <= CHUNK_BYTES for c in chunks)
        assert sum(map(len, chunks)) == stream.reply.streamed
        await asyncio.sleep(0.2)
        assert pool._idle.qsize() == pool.size and pool.restarts == 0
        return b"".join(chunks)

    assert _run(sample_store, body, limit=30) == _whole_body(sample_store)


def test_server_pool_stream_closed_early_frees_the_worker(sample_store):
    async def body(pool):
        for _ in range(3):  # one worker: had a stream kept it, the next run would wait, then fail busy
            stream = await pool.run(BIG)
            async for _chunk in stream.chunks():
                break
            stream.close()
        assert (await pool.run(FAST)).rows and pool.restarts == 0
        stream = await pool.run(BIG)
        stream.close()  # not read at all
        return await pool.run(FAST)

    assert _run(sample_store, body, limit=5).rows


def test_server_pool_worker_killed_mid_stream_is_replaced(sample_store):
    async def body(pool):
        stream = await pool.run(BIG)
        try:
            with pytest.raises(WorkerError, match="failed while sending its answer"):
                async for _chunk in stream.chunks():
                    pool._workers[0].proc.kill()
        finally:
            stream.close()
        assert pool.restarts == 1
        return await pool.run(FAST)

    assert _run(sample_store, body, limit=5).rows


def test_server_pool_cancelled_request_frees_its_stream(sample_store):
    async def body(pool):
        for delay in (0, 0.05, 0.3):  # cancelled before, around and after the worker's answer
            task = asyncio.ensure_future(pool.run(BIG))
            await asyncio.sleep(delay)
            task.cancel()
            outcome = (await asyncio.gather(task, return_exceptions=True))[0]
            if isinstance(outcome, ResultStream):
                outcome.close()  # the answer came before the cancel: its caller closes it
        return await pool.run(FAST)  # one worker: still taken, this would fail busy after the time limit

    assert _run(sample_store, body, limit=5).rows
