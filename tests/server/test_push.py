"""``kg push`` into a real Oxigraph server (the ``oxigraph`` package's binary) on loopback."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.rdf.namespaces import PREFIXES
from kg.rdf.store import Store
from kg.records import ActorType, Document, Mention, Provenance, Relation
from kg.rdf.push import STATE_FILE, _batches, push_store
from kg.errors import PushError
from kgtest import need

PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
QUERIES = [
    "SELECT ?label WHERE { ?a a kgo:Person ; rdfs:label ?label } ORDER BY ?label",
    """SELECT ?agent ?predicate ?patient ?negated ?modality ?date ?sentence WHERE {
         ?e kgo:agent/rdfs:label ?agent ; kgo:predicate ?predicate ; kgo:patient/rdfs:label ?patient ;
            kgo:negated ?negated ; kgo:modality ?modality ; kgo:sentence ?sentence .
         OPTIONAL { ?e kgo:date ?date } } ORDER BY ?sentence ?agent""",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "SELECT ?alias WHERE { ?a skos:altLabel ?alias } ORDER BY ?alias",
]


@dataclass
class Oxigraph:
    url: str
    proc: subprocess.Popen

    def select(self, query: str) -> list[tuple]:
        resp = httpx.post(self.url + "/query", data={"query": PROLOGUE + query},
                          headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert resp.status_code == 200, resp.text
        return _rows(ox.parse_query_results(resp.content, ox.QueryResultsFormat.JSON))


def _rows(solutions) -> list[tuple]:
    names = [v.value for v in solutions.variables]
    return [tuple(None if s[n] is None else str(s[n]) for n in names) for s in solutions]


def _same(remote: list[tuple], local: list[tuple]) -> bool:
    """Same rows (as multisets: ORDER BY may leave ties in either order)."""
    key = lambda row: tuple("" if v is None else v for v in row)  # noqa: E731
    return sorted(remote, key=key) == sorted(local, key=key)


def _local(store_path: Path, query: str) -> list[tuple]:
    with Store.open(store_path) as st:
        return _rows(st.raw_query(query))


@pytest.fixture
def oxigraph(tmp_path, helpers) -> Iterator[Oxigraph]:
    """A fresh Oxigraph server (union default graph, like kg's store) on a free loopback port."""
    beside = Path(sys.executable).with_name("oxigraph")  # a venv's bin/ need not be on PATH
    binary = str(beside) if beside.is_file() else shutil.which("oxigraph")
    need(binary is not None, "the oxigraph server binary (pip install oxigraph) is not installed")
    port = helpers.free_port()
    log = (tmp_path / "oxigraph.log").open("wb")
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "oxigraph-db"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Oxigraph(f"http://127.0.0.1:{port}", proc)
    try:
        helpers.wait_http(server.url + "/query?query=ASK%7B%7D", proc, timeout=30)
        yield server
    finally:
        helpers.stop(proc)
        log.close()


@pytest.fixture
def store(tmp_path, helpers) -> Path:
    return helpers.make_store(tmp_path / "store")


def _graph_count(path: Path) -> int:
    with Store.open(path) as st:
        return sum(1 for _ in st.named_graphs())


@pytest.mark.parametrize("query", QUERIES, ids=["persons", "events", "graphs", "aliases"])
def test_push_same_rows_from_server_as_from_store(oxigraph, store, query):
    report = push_store(store, oxigraph.url + "/store")
    assert report.protocol == "gsp" and report.pushed == report.graphs == _graph_count(store)
    local = _local(store, query)
    assert local, "the query should find something"
    assert _same(oxigraph.select(query), local)


def test_push_is_resumable(oxigraph, store, helpers):
    endpoint = oxigraph.url + "/store"
    first = push_store(store, endpoint)
    again = push_store(store, endpoint)
    assert (again.pushed, again.skipped, again.requests) == (0, first.graphs, 0)
    t = "Egypt welcomed the proposal."
    doc = Document(id="doc-5", text=t, published=dt.date(2024, 10, 13))
    rel = Relation(Mention("Egypt", "Egypt", ActorType.COUNTRY, 0, 5), "welcome",
                   Mention("the proposal", "proposal", ActorType.OTHER, 15, 27), Provenance("doc-5", t, 0, len(t)))
    helpers.make_store(store, [(doc, [rel])])
    third = push_store(store, endpoint)
    assert third.pushed == 2  # the new document's graph and the grown actors graph
    assert third.skipped == first.graphs - 1
    assert _same(oxigraph.select(QUERIES[2]), _local(store, QUERIES[2]))
    lines = [json.loads(line) for line in (store / STATE_FILE).read_text().splitlines()]
    assert {line["endpoint"] for line in lines} == {endpoint}
    assert len(lines) == first.graphs + 2  # one line appended per graph sent, never rewritten


def test_push_verify_resends_what_the_remote_lost(oxigraph, store):
    """Issue 16 item 12: after the remote is emptied, --verify finds every graph missing and sends it again."""
    endpoint = oxigraph.url + "/store"
    first = push_store(store, endpoint)
    resp = httpx.post(oxigraph.url + "/update", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert resp.status_code in (200, 204), resp.text
    assert push_store(store, endpoint).pushed == 0  # without --verify the state file is trusted
    verified = push_store(store, endpoint, verify=True)
    assert verified.pushed == first.graphs
    assert _same(oxigraph.select(QUERIES[2]), _local(store, QUERIES[2]))
    assert push_store(store, endpoint, verify=True).pushed == 0  # all there now
    with pytest.raises(PushError, match="--verify"):
        push_store(store, oxigraph.url + "/update", protocol="update", verify=True)


def test_push_state_keeps_every_endpoint_when_pushes_overlap(tmp_path):
    """Two pushes to two endpoints running at once: neither loses the other's record."""
    from kg.rdf.push import _State

    path = tmp_path / STATE_FILE
    a, b = _State(path, "http://a/store", fresh=False), _State(path, "http://b/store", fresh=False)
    for i in range(3):
        a.record(f"urn:g{i}", f"{i}:aa")
        b.record(f"urn:g{i}", f"{i}:bb")
    assert _State(path, "http://a/store", fresh=False).done == {f"urn:g{i}": f"{i}:aa" for i in range(3)}
    assert _State(path, "http://b/store", fresh=False).done == {f"urn:g{i}": f"{i}:bb" for i in range(3)}
    assert _State(path, "http://a/store", fresh=True).done == {}
    assert _State(path, "http://a/store", fresh=False).done == {}  # --fresh is recorded too
    assert len(_State(path, "http://b/store", fresh=False).done) == 3


def test_push_fresh_sends_everything_again(oxigraph, store):
    endpoint = oxigraph.url + "/store"
    push_store(store, endpoint)
    assert push_store(store, endpoint, fresh=True).pushed == _graph_count(store)


@pytest.mark.parametrize("path, protocol", [("/update", "update"), ("/update", "auto")])
def test_push_by_sparql_update(oxigraph, store, path, protocol):
    report = push_store(store, oxigraph.url + path, protocol=protocol, batch_size=100)
    assert report.protocol == "update"
    assert report.requests > report.graphs  # batches of 100 triples
    for query in QUERIES:
        assert _same(oxigraph.select(query), _local(store, query))


def test_push_into_one_graph(oxigraph, store):
    target = "https://example.org/graph/news"
    push_store(store, oxigraph.url + "/store", graph=target, batch_size=500)
    rows = oxigraph.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    union = _local(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert rows == [(f"<{target}>", union[0][0])]


def test_push_keeps_credentials_out_of_state(oxigraph, store):
    endpoint = oxigraph.url.replace("http://", "http://someone:s3cret@") + "/store"
    report = push_store(store, endpoint)
    assert "s3cret" not in report.endpoint and "s3cret" not in report.summary()
    assert "s3cret" not in (store / STATE_FILE).read_text()


def test_push_cli(oxigraph, store, helpers):
    cmd = [sys.executable, "-m", "kg", "push", "--store", str(store), "--endpoint", oxigraph.url + "/store"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=helpers.env(), cwd=helpers.ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"{_graph_count(store)} graphs" in proc.stdout and "pushed to" in proc.stdout
    assert _same(oxigraph.select(QUERIES[0]), _local(store, QUERIES[0]))


def test_push_cli_unreachable_endpoint(store, helpers):
    endpoint = f"http://127.0.0.1:{helpers.free_port()}/store"
    cmd = [sys.executable, "-m", "kg", "push", "--store", str(store), "--endpoint", endpoint]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=helpers.env(), cwd=helpers.ROOT, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith("kg: error: ")
    assert "cannot reach" in proc.stderr


@pytest.mark.parametrize("endpoint, graph", [("ftp://example.org/store", None), ("http://127.0.0.1:1/store", "not an iri")])
def test_push_bad_arguments(store, endpoint, graph):
    with pytest.raises(PushError):
        push_store(store, endpoint, graph=graph)


def test_push_batches_keep_blank_nodes_together():
    p = ox.NamedNode("http://ex.org/p")
    plain = [ox.Triple(ox.NamedNode(f"http://ex.org/{i}"), p, ox.Literal(str(i))) for i in range(7)]
    blank = [ox.Triple(ox.BlankNode("b"), p, ox.Literal(str(i))) for i in range(3)]
    batches = list(_batches(plain[:3] + blank + plain[3:], 4))
    assert all(t in batches[0] for t in blank)
    assert [len(b) for b in batches] == [4, 4, 2] and sum(map(len, batches)) == 10


def test_push_sample_corpus_same_rows(oxigraph, tmp_path, helpers, nlp):
    from kg.pipeline import build

    store = tmp_path / "sample"
    report = build([str(helpers.ROOT / "examples" / "articles")], store=store)
    assert report.added >= 10 and not report.failures
    cmd = [sys.executable, "-m", "kg", "push", "--store", str(store), "--endpoint", oxigraph.url + "/store",
           "--batch-size", "1000"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=helpers.env(), cwd=helpers.ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    for query in QUERIES:
        local = _local(store, query)
        assert _same(oxigraph.select(query), local)
    assert len(_local(store, QUERIES[1])) > 50


def test_build_cli_with_endpoint_pushes(oxigraph, tmp_path, helpers, nlp):
    text = tmp_path / "article.txt"
    text.write_text("France condemned Russia on Monday.", encoding="utf-8")
    store = tmp_path / "built"
    cmd = [sys.executable, "-m", "kg", "build", str(text), "--store", str(store), "--endpoint", oxigraph.url + "/store"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=helpers.env(), cwd=helpers.ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "pushed to" in proc.stdout
    assert _same(oxigraph.select(QUERIES[1]), _local(store, QUERIES[1]))
