"""Issue #8, part 4: ``kg serve`` under a storm of good and bad requests.

A real ``kg serve`` subprocess on a free loopback port gets 1,000 requests (seeded,
8 at a time): valid queries, updates, SERVICE, bodies over the limit, malformed
SPARQL, traversal paths, protocol errors, runaway queries. Each answer has the status
its kind must get; at the end the server still answers correctly and logged no
traceback. The defaults are checked too: read-only, 127.0.0.1, limits on.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from robustkit import copy_store, popen_kg

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")

TIME_LIMIT = 2.0
MAX_ROWS = 50
MAX_BODY = 20_000
REQUESTS = 1000
SEED = 8


@dataclass
class Server:
    url: str
    proc: object
    log: Path


def _start(store: Path, log: Path, *extra: str) -> Server:
    proc = popen_kg("serve", "--store", store, "--port", "0", *extra, log=log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = re.search(r"read-only at (http://[^ ]+?)/ ", log.read_text(errors="replace"))
        if found:
            url = found.group(1)
            while time.monotonic() < deadline:
                try:
                    if httpx.get(url + "/health", timeout=5).status_code == 200:
                        return Server(url, proc, log)
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"kg serve did not start:\n{log.read_text(errors='replace')}")


def _stop(server: Server) -> None:
    proc = server.proc
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except Exception:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="module")
def served(small_store, tmp_path_factory):
    from kg.rdf.store import Store

    store = copy_store(small_store, tmp_path_factory.mktemp("served") / "store")
    with Store.open(store) as st:
        events = st.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e a kgo:Event }").rows[0][0]
        actor = st.query("SELECT ?a WHERE { ?e kgo:agent ?a . ?a a kgo:Country } ORDER BY ?a LIMIT 1").rows[0][0]
        quads = len(st)
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    server = _start(store, log, "--time-limit", str(TIME_LIMIT), "--max-rows", str(MAX_ROWS),
                    "--max-request-bytes", str(MAX_BODY), "--workers", "3")
    server.expected = {"events": events, "actor": actor, "quads": quads}  # type: ignore[attr-defined]
    yield server
    _stop(server)


# ----------------------------------------------------------------- the request kinds

COUNT = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a kgo:Event }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = {"Accept": "application/sparql-results+json"}


def _raw(server: Server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    """A request sent as is (no client-side path normalisation), via http.client."""
    parts = urlsplit(server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    except (ConnectionError, http.client.RemoteDisconnected):
        return 0, b"", {}  # the server closed the connection on us
    finally:
        conn.close()


def kinds(server: Server) -> dict:
    """Each request kind: (send → (status, body, headers), allowed statuses, check of the body or None)."""
    sparql = server.url + "/sparql"
    exp = server.expected  # type: ignore[attr-defined]
    slug = exp["actor"].rsplit("/", 1)[-1]
    client = server.client  # type: ignore[attr-defined]

    def get(url, **kw):
        r = client.get(url, **kw)
        return r.status_code, r.content, r.headers

    def post(url, **kw):
        r = client.post(url, **kw)
        return r.status_code, r.content, r.headers

    def n_of(body, _headers):
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == exp["events"]

    return {
        "select count (GET)": (lambda: get(sparql, params={"query": COUNT}, headers=JSON), {200}, n_of),
        "select count (form POST)": (lambda: post(sparql, data={"query": COUNT}, headers=JSON), {200}, n_of),
        "select rows capped": (lambda: get(sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers=JSON),
                               {200}, lambda b, h: len(json.loads(b)["results"]["bindings"]) == MAX_ROWS
                               and h.get("x-kg-truncated") == "true"),
        "ask (sparql-query POST)": (lambda: post(sparql, content=b"ASK { ?e a kgo:Event }",
                                                 headers={"Content-Type": "application/sparql-query", **JSON}),
                                    {200}, lambda b, h: json.loads(b)["boolean"] is True),
        "construct as turtle": (lambda: get(sparql, params={"query": "CONSTRUCT WHERE { ?s a kgo:Event } LIMIT 5"},
                                            headers={"Accept": "text/turtle"}),
                                {200}, lambda b, h: h["content-type"].startswith("text/turtle")),
        "csv": (lambda: get(sparql, params={"query": COUNT, "format": "csv"}), {200},
                lambda b, h: b.decode().split()[1] == str(exp["events"])),
        "update parameter": (lambda: post(sparql, data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}), {403}, None),
        "update content type": (lambda: post(sparql, content=b"DROP ALL",
                                             headers={"Content-Type": "application/sparql-update"}), {403}, None),
        "update as query": (lambda: get(sparql, params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}), {403}, None),
        "clear as query": (lambda: post(sparql, data={"query": "PREFIX x: <urn:x#> CLEAR ALL"}), {403}, None),
        "load as query": (lambda: get(sparql, params={"query": "LOAD <http://127.0.0.1:9/evil.ttl>"}), {403}, None),
        "SERVICE": (lambda: get(sparql, params={
            "query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}), {403}, None),
        "SERVICE in lower case": (lambda: get(sparql, params={
            "query": "select * where { service <http://example.org/sparql> { ?s ?p ?o } }"}), {403}, None),
        # the workers have no network: SILENT gives the empty result of a service that could not be reached
        "SERVICE SILENT": (lambda: get(sparql, params={
            "query": "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }"}), {200}, None),
        "SERVICE escaped": (lambda: get(sparql, params={
            "query": "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }"}), {400, 403}, None),
        "huge query body": (lambda: post(sparql, content=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * (3 * MAX_BODY),
                                         headers={"Content-Type": "application/sparql-query"}), {413}, None),
        "huge form body": (lambda: post(sparql, data={"query": "ASK {}", "pad": "y" * (3 * MAX_BODY)}), {413}, None),
        "long query string": (lambda: _raw(server, "GET", "/sparql?query=ASK%20%7B%7D%20%23" + "z" * (2 * MAX_BODY)),
                              {413}, None),
        # over the HTTP parser's own bound: uvicorn answers 400 or drops the connection (status 0 here)
        "huge request line": (lambda: _raw(server, "GET", "/sparql?query=ASK%20%7B%7D%20%23" + "z" * 300_000),
                              {0, 400, 414, 431}, None),
        "malformed SPARQL": (lambda: get(sparql, params={"query": "SELEKT ?x WHERE { ?x ?y }"}), {400}, None),
        "unbalanced braces": (lambda: post(sparql, data={"query": "SELECT * WHERE { { { ?s ?p ?o }"}), {400}, None),
        # a dataset parameter names a graph of the store; it is never fetched from that address
        "default-graph-uri": (lambda: get(sparql, params={"query": "ASK {}", "default-graph-uri": "http://127.0.0.1:9/g"}),
                              {200}, None),
        "wrong content type": (lambda: post(sparql, content=b"ASK {}", headers={"Content-Type": "text/plain"}), {415}, None),
        "unacceptable accept": (lambda: get(sparql, params={"query": COUNT}, headers={"Accept": "image/png"}), {406}, None),
        "wrong method": (lambda: _raw(server, "DELETE", "/sparql"), {405}, None),
        "traversal ../": (lambda: _raw(server, "GET", "/static/../../../../etc/passwd"), {404}, None),
        "traversal %2e%2e": (lambda: _raw(server, "GET", "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd"), {404}, None),
        "traversal to source": (lambda: _raw(server, "GET", "/static/..%2F..%2Fcli.py"), {404}, None),
        "traversal backslash": (lambda: _raw(server, "GET", "/static/..\\..\\..\\etc\\passwd"), {404, 400}, None),
        "traversal in actor": (lambda: _raw(server, "GET", "/actor/..%2F..%2F..%2Fetc%2Fpasswd"), {404}, None),
        "traversal absolute": (lambda: _raw(server, "GET", "/static//etc/passwd"), {404}, None),
        "unknown page": (lambda: get(server.url + "/admin"), {404}, None),
        "home page": (lambda: get(server.url + "/"), {200}, lambda b, h: b"<html" in b.lower()),
        "actor page": (lambda: get(f"{server.url}/actor/{slug}"), {200}, lambda b, h: slug.encode() in b),
        "query page": (lambda: get(server.url + "/query", params={"query": COUNT}), {200},
                       lambda b, h: str(exp["events"]).encode() in b),
        "query page, update": (lambda: get(server.url + "/query", params={"query": "DROP ALL"}), {403}, None),
        "static css": (lambda: get(server.url + "/static/kg.css"), {200}, None),
        "health": (lambda: get(server.url + "/health"), {200}, lambda b, h: json.loads(b)["status"] == "ok"),
    }


FORBIDDEN_CONTENT = (b"root:x:0:0", b"import typer", b"def main(")


def test_robust_server_survives_1000_mixed_requests(served):
    server = served
    server.client = httpx.Client(timeout=60, limits=httpx.Limits(max_connections=8))
    table = kinds(server)
    rng = random.Random(SEED)
    runaway = 5
    plan = [rng.choice(list(table)) for _ in range(REQUESTS - runaway)] + ["runaway query"] * runaway
    rng.shuffle(plan)
    slow_lane = threading.Lock()  # one runaway at a time: it holds one of the three workers for the time limit
    results: list[tuple[str, int, bool]] = []

    def send(kind: str) -> tuple[str, int, bool]:
        if kind == "runaway query":
            with slow_lane:
                r = server.client.get(server.url + "/sparql", params={"query": RUNAWAY})
            return kind, r.status_code, "ran longer than the time limit" in r.text  # stopped, not turned away busy
        request, allowed, check = table[kind]
        status, body, headers = request()
        ok = status in allowed and not any(bad in body for bad in FORBIDDEN_CONTENT)
        if ok and check is not None:
            ok = bool(check(body, headers))
        return kind, status, ok

    started = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(send, plan))
        elapsed = time.monotonic() - started

        wrong = [(k, s) for k, s, ok in results if not ok and k != "runaway query"]
        assert not wrong, Counter(wrong).most_common(10)
        runaways = [(s, ok) for k, s, ok in results if k == "runaway query"]
        assert runaways == [(503, True)] * runaway, runaways
        assert not [s for _, s, _ in results if s >= 500 and s != 503]
        assert len(results) == REQUESTS

        # still answering, and answering right
        assert server.proc.poll() is None
        health = server.client.get(server.url + "/health").json()
        assert health["status"] == "ok" and health["timeouts"] >= runaway
        for kind in ("select count (GET)", "ask (sparql-query POST)", "actor page", "update parameter", "traversal ../"):
            request, allowed, check = table[kind]
            status, body, headers = request()
            assert status in allowed and (check is None or check(body, headers)), kind
        from kg.rdf.store import Store

        with Store.open(_store_of(server)) as st:
            assert len(st) == server.expected["quads"]  # type: ignore[attr-defined]  # read-only: nothing was written
    finally:
        server.client.close()
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
    print(f"{REQUESTS} requests in {elapsed:.1f}s: {Counter(s for _, s, _ in results)}")


def _store_of(server: Server) -> Path:
    found = re.search(r"kg: serving (.+?) read-only at", server.log.read_text(errors="replace"))
    return Path(found.group(1))


def test_robust_server_defaults_are_safe(served):
    """Read-only, loopback only, limits on by default (the options' defaults and the listening socket)."""
    from kg.server import ServerSettings

    defaults = ServerSettings()
    assert defaults.host == "127.0.0.1"
    assert 0 < defaults.query_time_limit <= 60 and 0 < defaults.max_rows <= 100_000
    assert 0 < defaults.max_request_bytes <= 10_000_000
    port = urlsplit(served.url).port
    listening = _listening_addresses(port)
    if listening is None:
        pytest.skip("no /proc/net/tcp here")
    assert listening == {"127.0.0.1"}, listening


def _listening_addresses(port: int) -> set[str] | None:
    """Local addresses in LISTEN state on ``port`` (from /proc/net/tcp and tcp6)."""
    import ipaddress

    found: set[str] = set()
    seen_table = False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        seen_table = True
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) != port or fields[3] != "0A":  # 0A = LISTEN
                continue
            raw = bytes.fromhex(address)
            if len(raw) == 4:
                found.add(str(ipaddress.IPv4Address(raw[::-1])))
            else:
                words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
                found.add(str(ipaddress.IPv6Address(words)))
    return found if seen_table else None
