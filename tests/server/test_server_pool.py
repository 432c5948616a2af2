"""The query worker pool in-process: time limit, busy workers, cancelled requests, shutdown."""

from __future__ import annotations

import asyncio

import pytest

from kg.errors import QueryError
from kg.rdf.results import QueryResult
from kg.server.pool import QueryPool
from kg.errors import QueryTimeoutError, ServerBusyError
from kg.server.worker import Job, Reply, Table

SLOW = Job("values", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
FAST = Job("values", "SELECT ?l WHERE { ?a a kgo:Person ; rdfs:label ?l } ORDER BY ?l")


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
