"""Large SPARQL results are streamed (issue 16, item 8), against a real ``kg serve`` on loopback.

The worker sends a large body in chunks and the main process forwards them, so the
main process's memory does not grow with the result; the byte cap still cuts, and a
client that leaves or stalls mid-answer frees its worker.
"""

from __future__ import annotations

import json
import socket
import sys
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

from kg.server.worker import CHUNK_BYTES

MIB = 1024 * 1024


def big_query(rows: int, doublings: int = 10) -> str:
    """SELECT ``rows`` rows (?i = 0..rows-1), each with ?big = str(?i) followed by 1 KiB × 2**doublings of "x"."""
    binds = " ".join(f"BIND(CONCAT(?a{k}, ?a{k}) AS ?a{k + 1})" for k in range(doublings))  # 10: 1 KiB → 1 MiB
    values = " ".join(map(str, range(rows)))
    return (f'SELECT ?i ?big WHERE {{ VALUES ?i {{ {values} }} BIND("{"x" * 1024}" AS ?a0) {binds} '
            f"BIND(CONCAT(STR(?i), ?a{doublings}) AS ?big) }} ORDER BY ?i")


def _peak_rss_kib(pid: int) -> int:
    """The peak resident memory (VmHWM) of process ``pid`` so far."""
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))


def _rows(body: bytes) -> list[tuple[int, str]]:
    bindings = json.loads(body)["results"]["bindings"]
    return [(int(b["i"]["value"]), b["big"]["value"]) for b in bindings]


def _expected(i: int) -> str:
    return str(i) + "x" * MIB


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the main process's memory from /proc")
def test_streaming_large_result_arrives_whole_without_growing_the_main_process(launch, sample_store):
    srv = launch(sample_store, "--workers", "1", "--max-response-bytes", "100000000", "--time-limit", "60")
    assert httpx.get(srv.sparql, params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True  # warm up
    before = _peak_rss_kib(srv.proc.pid)
    rows = 32
    with httpx.stream("POST", srv.sparql, data={"query": big_query(rows)}, timeout=120,
                      headers={"Accept": "application/sparql-results+json"}) as resp:
        assert resp.status_code == 200
        body = resp.read()
    assert len(body) > 500 * CHUNK_BYTES and int(resp.headers["content-length"]) == len(body)
    assert resp.headers["x-kg-truncated"] == "false"
    assert _rows(body) == [(i, _expected(i)) for i in range(rows)]
    growth = (_peak_rss_kib(srv.proc.pid) - before) * 1024
    # buffered whole, the body cost the main process over twice its size; streamed, a few chunks
    assert growth < len(body) // 4, f"main process peak grew by {growth >> 20} MiB for a {len(body) >> 20} MiB result"


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_streaming_byte_cap_still_cuts(launch, sample_store, fmt):
    cap = 3 * MIB + 1000  # room for three of the 1 MiB rows, not four
    srv = launch(sample_store, "--workers", "1", "--max-response-bytes", str(cap), "--time-limit", "60")
    with httpx.stream("GET", srv.sparql, params={"query": big_query(8), "format": fmt}, timeout=120) as resp:
        assert resp.status_code == 200
        body = resp.read()
    assert CHUNK_BYTES < len(body) <= cap  # streamed, and cut
    assert resp.headers["x-kg-truncated"] == "true" and int(resp.headers["content-length"]) == len(body)
    if fmt == "json":
        assert _rows(body) == [(i, _expected(i)) for i in range(3)]
    else:
        lines = body.decode().splitlines()
        assert lines[0] == "?i\t?big" and len(lines) == 4


def _request(srv, query: str) -> bytes:
    url = urlsplit(srv.sparql)
    return (f"GET {url.path}?{urlencode({'query': query})} HTTP/1.1\r\nHost: {url.netloc}\r\n"
            "Accept: application/sparql-results+json\r\n\r\n").encode()


def _open(srv) -> socket.socket:
    url = urlsplit(srv.sparql)
    sock = socket.create_connection((url.hostname, url.port), timeout=60)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # keep the kernel from soaking up the body
    return sock


def _still_answers(srv) -> None:
    """``/health`` answers, and the only worker is free again: a query gets its whole answer."""
    assert httpx.get(srv.url + "/health", timeout=30).json()["status"] == "ok"
    resp = httpx.post(srv.sparql, data={"query": big_query(2)}, timeout=60,
                      headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200 and _rows(resp.content) == [(0, _expected(0)), (1, _expected(1))]


def test_streaming_client_leaving_mid_answer_frees_the_worker(launch, sample_store):
    # one worker and a long time limit: had the worker stayed taken, the next query would wait 60 s, then 503
    srv = launch(sample_store, "--workers", "1", "--max-response-bytes", "100000000", "--time-limit", "60")
    for _ in range(3):
        with _open(srv) as sock:
            sock.sendall(_request(srv, big_query(24)))
            got = sock.recv(4096)
            assert got.startswith(b"HTTP/1.1 200")
        _still_answers(srv)
    assert "Traceback" not in srv.output() and "internal error" not in srv.output()


def test_streaming_client_that_stops_reading_is_cut_off(launch, sample_store):
    srv = launch(sample_store, "--workers", "1", "--max-response-bytes", "100000000", "--time-limit", "60",
                 "--read-timeout", "1")
    with _open(srv) as sock:
        sock.sendall(_request(srv, big_query(24)))
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        _still_answers(srv)  # while this client still holds its connection, reading nothing
    assert "accepted nothing for 1 s" in srv.output()
    assert "Traceback" not in srv.output() and "ERROR" not in srv.output()


def test_query_page_table_is_bounded_for_display(launch, sample_store):
    # the page without JavaScript renders its table in the server process: long values shortened, 2 MB of text at most
    srv = launch(sample_store, "--workers", "1", "--time-limit", "60")
    page = httpx.get(srv.url + "/query", params={"query": big_query(8)}, timeout=120)
    assert page.status_code == 200 and len(page.content) < 500_000
    assert "8 rows." in page.text and page.text.count("… (1,048,577 characters)") == 8
    page = httpx.get(srv.url + "/query", params={"query": big_query(300, doublings=4)}, timeout=120)
    assert page.status_code == 200 and "rows shown; more were cut" in page.text
    assert 1_000_000 < len(page.content) < 2_500_000
    assert "Download (csv)" in page.text  # the whole result is one link away, from the streaming endpoint
