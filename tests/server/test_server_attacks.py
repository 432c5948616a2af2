"""Attacks on ``kg serve`` (issue 16), each against a real server on loopback.

SERVICE must reach no host whatever the query text looks like; nothing the main
process does with a query may be worse than linear; deep nesting is a clean error.
"""

from __future__ import annotations

import select
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import httpx
import pytest

from kg.errors import QueryError
from kg.rdf.querycheck import check_nesting, mentions_service, query_form

# the backslashes are part of the query text: \u escapes elsewhere used to blind the keyword check
ESCAPE_TRICK = (r'SELECT * WHERE {{ OPTIONAL {{ ?s ?p "abc\u0022" }} OPTIONAL {{ <http://x/\u0041#> ?q ?r }} '
                r'SERVICE {silent}<http://127.0.0.1:{port}/sparql> {{ ?a ?b ?c }} FILTER(1 != "z") }}')


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP listener on loopback that no query may ever reach."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield sock


def _connected(sock: socket.socket) -> bool:
    """Whether a connection is waiting on ``sock`` (it would be, had a worker connected)."""
    return bool(select.select([sock], [], [], 0)[0])


def test_attack_service_escape_trick_reaches_no_host(server, listener):
    port = listener.getsockname()[1]
    query = ESCAPE_TRICK.format(port=port, silent="")
    answers = [
        httpx.get(server.sparql, params={"query": query}, headers={"Accept": "application/json"}),
        httpx.post(server.sparql, data={"query": query}, headers={"Accept": "application/json"}),
        httpx.post(server.sparql, content=query, headers={"Content-Type": "application/sparql-query",
                                                          "Accept": "application/json"}),
    ]
    for resp in answers:
        assert resp.status_code == 403, resp.text
        assert "SERVICE (federated query) is not allowed" in resp.json()["error"]["message"]
    page = httpx.get(server.url + "/query", params={"query": query})
    assert page.status_code == 403 and "SERVICE" in page.text
    assert not _connected(listener), "a query worker connected to another port"


def test_attack_service_silent_gives_its_empty_result(server, listener):
    port = listener.getsockname()[1]
    resp = httpx.get(server.sparql, params={"query": ESCAPE_TRICK.format(port=port, silent="SILENT ")},
                     headers={"Accept": "application/json"})
    assert resp.status_code == 200, resp.text
    assert all(not row for row in resp.json()["results"]["bindings"])
    assert not _connected(listener)


def test_attack_service_by_name_needs_no_dns(server):
    resp = httpx.get(server.sparql, params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert resp.status_code == 403 and "never reaches other hosts" in resp.text


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="seccomp is Linux only")
def test_attack_worker_cannot_open_inet_socket(helpers):
    """The sandbox itself, in a fresh process: Unix sockets still work, TCP/UDP ones do not."""
    code = ("import socket, sys\n"
            "from kg.server.sandbox import deny_network\n"
            "assert deny_network()\n"
            "socket.socketpair()\n"
            "for family, kind in ((socket.AF_INET, socket.SOCK_STREAM), (socket.AF_INET6, socket.SOCK_DGRAM)):\n"
            "    try:\n"
            "        socket.socket(family, kind)\n"
            "    except PermissionError:\n"
            "        continue\n"
            "    sys.exit('socket allowed')\n"
            "print('denied')\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env=helpers.env(), cwd=helpers.ROOT)
    assert proc.returncode == 0 and proc.stdout.strip() == "denied", proc.stderr


# ----------------------------------------------------------------- linear checks in the main process

ADVERSARIAL = {
    "unterminated strings": 'ASK { } ' + '"a\\' * 100_000,
    "unterminated long strings": "ASK { } " + "'''a\\'" * 50_000,
    "prefixed names": "SELECT * { " + "a." * 150_000 + "}",
    "open IRIs": "SELECT * { " + "<a/a" * 80_000 + "}",
    "brackets in strings": "SELECT * { " + '"{" ' * 100_000 + "}",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_attack_query_checks_are_linear(name):
    """Each check reads these ~400 kB texts in one pass (the old lexer needed hours): bounded by a thread join."""
    text = ADVERSARIAL[name]
    results: list[object] = []

    def run() -> None:
        results.append((query_form(text), mentions_service(text)))
        try:
            check_nesting(text)
        except QueryError as exc:
            results.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), f"the checks did not finish on {name}"
    assert results[0][0] in ("ASK", "SELECT")


def test_attack_long_query_does_not_stall_the_server(launch, sample_store):
    srv = launch(sample_store, "--max-request-bytes", "2000000", "--workers", "2")
    query = "ASK { } " + '"a\\' * 300_000  # ~900 kB: minutes of rescanning for the old keyword check
    answers: list[httpx.Response] = []
    sender = threading.Thread(target=lambda: answers.append(
        httpx.post(srv.sparql, content=query, headers={"Content-Type": "application/sparql-query"}, timeout=120)))
    sender.start()
    health = httpx.get(srv.url + "/health", timeout=30)
    sender.join(timeout=120)
    assert health.status_code == 200
    assert answers and answers[0].status_code == 400 and "invalid SPARQL" in answers[0].text


# ----------------------------------------------------------------- nesting depth


def test_attack_deep_nesting_is_a_clean_error(server):
    query = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    restarts = httpx.get(server.url + "/health").json()["restarts"]
    resp = httpx.post(server.sparql, content=query, headers={"Accept": "application/json",
                                                             "Content-Type": "application/sparql-query"})
    assert resp.status_code == 400
    assert "more than 256 deep" in resp.json()["error"]["message"]
    assert httpx.get(server.url + "/health").json()["restarts"] == restarts  # no worker crashed
    ok = httpx.get(server.sparql, params={"query": "ASK { {{ ?s ?p ?o }} }"})
    assert ok.status_code == 200


def test_attack_deep_nesting_kg_query_exit_2(sample_store, helpers):
    query = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    proc = subprocess.run([sys.executable, "-m", "kg", "query", "--store", str(sample_store), query],
                          capture_output=True, text=True, env=helpers.env(), cwd=helpers.ROOT, timeout=120)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "more than 256 deep" in lines[0]


def test_attack_nesting_limit_leaves_normal_queries_alone():
    check_nesting("SELECT * { " + "{ " * 200 + "?s ?p '((((' " + "} " * 200 + "}")
    with pytest.raises(QueryError, match="more than 256 deep"):
        check_nesting("ASK { FILTER(" + "(" * 300 + "1" + ")" * 300 + ") }")


# ----------------------------------------------------------------- Host (DNS rebinding) and Origin


@pytest.mark.parametrize("path", ["/health", "/sparql?query=ASK%7B%7D", "/", "/query"])
def test_attack_dns_rebinding_foreign_host_is_421(server, path):
    port = server.url.rsplit(":", 1)[1]
    resp = httpx.get(server.url + path, headers={"Host": f"rebind.attacker.example:{port}", "Accept": "application/json"})
    assert resp.status_code == 421
    assert "rebind.attacker.example" in resp.text and "--allow-host" in resp.text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST."])
def test_attack_own_host_names_are_served(server, host):
    port = server.url.rsplit(":", 1)[1]
    assert httpx.get(server.url + "/health", headers={"Host": f"{host}:{port}"}).status_code == 200


def test_attack_allow_host_adds_a_name(launch, sample_store):
    srv = launch(sample_store, "--allow-host", "kg.internal.example", "--workers", "1")
    port = srv.url.rsplit(":", 1)[1]
    assert httpx.get(srv.url + "/health", headers={"Host": f"kg.internal.example:{port}"}).status_code == 200
    assert httpx.get(srv.url + "/health", headers={"Host": f"other.example:{port}"}).status_code == 421
    post = httpx.post(srv.sparql, data={"query": "ASK {}"}, headers={"Origin": "https://kg.internal.example"})
    assert post.status_code == 200


@pytest.mark.parametrize("origin", ["http://attacker.example", "null", f"http://127.0.0.1:1"])
def test_attack_cross_origin_post_is_403(server, origin):
    resp = httpx.post(server.sparql, data={"query": "ASK {}"}, headers={"Origin": origin, "Accept": "application/json"})
    assert resp.status_code == 403
    assert "cross-origin POST" in resp.json()["error"]["message"]


def test_attack_same_origin_and_originless_posts_work(server):
    for headers in ({"Origin": server.url}, {}):
        resp = httpx.post(server.sparql, data={"query": "ASK {}"}, headers={"Accept": "application/json", **headers})
        assert resp.status_code == 200 and resp.json()["boolean"] is True


# ----------------------------------------------------------------- idle and half-sent connections


def _open(url: str, data: bytes) -> socket.socket:
    host, port = url.rsplit("//", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    if data:
        sock.sendall(data)
    return sock


def _closed_by_server(sock: socket.socket) -> bytes:
    """What the server sent before closing ``sock`` (recv blocks at most the socket's 30 s timeout)."""
    got = b""
    try:
        while chunk := sock.recv(65536):
            got += chunk
    except ConnectionResetError:  # closed with our unread request bytes still in its buffer
        pass
    return got


def test_attack_idle_and_half_sent_connections_do_not_lock_out_clients(launch, sample_store):
    srv = launch(sample_store, "--workers", "1", "--max-connections", "30", "--read-timeout", "3")
    partial = [b"", b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n",
               b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
               b"Content-Length: 1000\r\n\r\nASK"]
    held = [_open(srv.url, partial[i % 3]) for i in range(60)]  # twice the connection limit
    try:
        for _ in range(3):
            resp = httpx.get(srv.url + "/health", timeout=30)
            assert resp.status_code == 200
        # the held connections are dropped: 408 for those without a request, a plain close mid-body
        answers = [_closed_by_server(sock) for sock in held]
        assert any(a.startswith(b"HTTP/1.1 408") for a in answers)
        assert all(a == b"" or a.startswith((b"HTTP/1.1 408", b"HTTP/1.1 503")) for a in answers)
    finally:
        for sock in held:
            sock.close()
    assert httpx.get(srv.url + "/health").status_code == 200
    assert "Traceback" not in srv.output()


def test_attack_client_gone_mid_body_logs_no_traceback(server):
    sock = _open(server.url, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                             b"Content-Length: 5000\r\n\r\nSELECT * WHERE {")
    sock.close()
    assert httpx.get(server.url + "/health").status_code == 200  # the server went on
    assert "Traceback" not in server.output() and "internal error" not in server.output()


# ----------------------------------------------------------------- memory and response size

BIG_CONCAT = ('SELECT (GROUP_CONCAT(?t; separator="") AS ?x) WHERE { { SELECT ?a ?c { ?a ?b ?c } LIMIT 300 } '
              '{ SELECT ?d ?f { ?d ?e ?f } LIMIT 300 } BIND(CONCAT(STR(?a), STR(?c), STR(?d), STR(?f)) AS ?t) }')
# one row of megabytes


def test_attack_memory_hungry_query_is_503_server_unharmed(launch, sample_store):
    srv = launch(sample_store, "--workers", "1", "--memory-limit", "200", "--time-limit", "60")
    before = httpx.get(srv.url + "/health").json()["restarts"]
    # the sample store is small: grow the product by repeating the pattern (the 68-byte query of the issue on a big store)
    query = ("SELECT * WHERE { " + " . ".join(f"?a{i} ?b{i} ?c{i}" for i in range(6)) + " } ORDER BY "
             + " ".join(f"?c{i}" for i in range(6)))
    resp = httpx.get(srv.sparql, params={"query": query}, headers={"Accept": "application/json"}, timeout=120)
    assert resp.status_code == 503, resp.text[:300]
    assert "memory limit of 200 MB" in resp.json()["error"]["message"]
    health = httpx.get(srv.url + "/health").json()
    assert health["status"] == "ok" and health["restarts"] == before + 1
    assert httpx.get(srv.sparql, params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


@pytest.mark.parametrize("fmt", ["json", "csv", "xml", "tsv"])
def test_attack_response_bytes_are_capped(launch, sample_store, fmt):
    srv = launch(sample_store, "--workers", "1", "--max-response-bytes", "20000", "--max-rows", "100000")
    resp = httpx.get(srv.sparql, params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "format": fmt}, timeout=120)
    assert resp.status_code == 200
    assert len(resp.content) <= 20000 and resp.headers["X-KG-Truncated"] == "true"
    assert len(resp.content) > 1000  # cut, not emptied


def test_attack_group_concat_response_is_capped(launch, sample_store):
    srv = launch(sample_store, "--workers", "1", "--max-response-bytes", "100000")
    resp = httpx.get(srv.sparql, params={"query": BIG_CONCAT}, headers={"Accept": "application/json"}, timeout=120)
    assert resp.status_code == 200 and len(resp.content) <= 100000
    assert resp.headers["X-KG-Truncated"] == "true"


def test_attack_construct_response_is_capped(launch, sample_store):
    srv = launch(sample_store, "--workers", "1", "--max-response-bytes", "5000")
    query = "CONSTRUCT { ?a ?b ?c } WHERE { ?a ?b ?c }"
    resp = httpx.get(srv.sparql, params={"query": query, "format": "nt"}, timeout=120)
    assert resp.status_code == 200 and 0 < len(resp.content) <= 5000
    assert resp.headers["X-KG-Truncated"] == "true"


@pytest.mark.parametrize("args, message", [
    (["--workers", "65"], "workers must be at most 64"),
    (["--read-timeout", "0"], "read_timeout"),
    (["--memory-limit", "10"], "memory_limit"),
    (["--max-response-bytes", "0"], "max_response_bytes"),
])
def test_attack_server_bounds_are_checked(sample_store, helpers, args, message):
    proc = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(sample_store), *args],
                          capture_output=True, text=True, env=helpers.env(), cwd=helpers.ROOT, timeout=60)
    assert proc.returncode == 2 and message in proc.stderr


@pytest.mark.parametrize("bind, extra, host, allowed", [
    ("127.0.0.1", (), "127.0.0.1:8000", True),
    ("127.0.0.1", (), "[::1]:8000", True),
    ("127.0.0.1", (), "127.0.0.1.nip.example:8000", False),
    ("127.0.0.1", (), "192.168.1.5:8000", False),
    ("::1", (), "[::1]:8000", True),
    ("0.0.0.0", (), "192.168.1.5:8000", True),
    ("0.0.0.0", (), "[fe80::1]:8000", True),
    ("0.0.0.0", (), "rebind.attacker.example", False),
    ("192.168.1.5", (), "192.168.1.5", True),
    ("192.168.1.5", (), "localhost", False),
    ("192.168.1.5", ("KG.Example.",), "kg.example:443", True),
    ("127.0.0.1", ("*",), "anything.example", True),
])
def test_attack_host_policy(bind, extra, host, allowed):
    from kg.server.guard import host_policy

    assert host_policy(bind, extra).allows(host) is allowed
