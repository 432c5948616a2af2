"""The server's pure parts: query checks, content negotiation, row cap, settings, docs completeness."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import ConfigError, ForbiddenQueryError, NotAcceptableError, QueryError
from kg.server.settings import SETTING_HELP, ServerSettings
from kg.server.sparql import inspect_query, negotiate
from kg.server import worker
from kg.server.worker import capped_solutions

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("query, form", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"),
    ("PREFIX ex: <http://ex.org/> BASE <http://b/> ask { ?s ex:p ?o }", "ASK"),
    ("# a comment mentioning SERVICE and INSERT\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("DESCRIBE <http://ex.org/service>", "DESCRIBE"),
    ('SELECT ?service WHERE { ?service ?p "SERVICE" }', "SELECT"),
    ("SELECT * WHERE { ?s ?p '''long\nSERVICE <x> {}\nstring''' }", "SELECT"),
    ("PREFIX service: <http://ex.org/> SELECT * WHERE { ?s service:SERVICE ?o }", "SELECT"),
    ("SELECT * WHERE { ?s <http://ex.org/SERVICE#x> ?o }", "SELECT"),
    ("SELECT ?x WHERE { BIND(\"a\\u0022b\" AS ?x) }", "SELECT"),
    ("nonsense", None),
])
def test_server_inspect_query_allows(query, form):
    assert inspect_query(query).form == form


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://ex.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } # comment\nSELECT * { SERVICE <x> {} }",
    "PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:a\\# SERVICE <http://ex.org/> { ?s ?p ?o } }",
    "SELECT * WHERE { FILTER(?o<?x)SERVICE<http://ex.org/>{?a ?b ?c} }",
    "SELECT * WHERE { \\u0053ERVICE <http://ex.org/> { ?s ?p ?o } }",
    'SELECT * WHERE { BIND("a\\u0022" AS ?x) SERVICE <http://ex.org/> { ?s ?p ?o } }',
])
def test_server_worker_without_sandbox_refuses_service(tmp_path, query):
    """FALLBACK (no seccomp): a worker refuses any query that mentions SERVICE, escapes decoded."""
    from kg.rdf.store import Store
    from kg.server.worker import Job, handle

    assert inspect_query(query).form == "SELECT"  # the main process no longer decides
    with Store.create(tmp_path / "store") as store, pytest.raises(ForbiddenQueryError, match="SERVICE"):
        handle(store, Job("protocol", query), sandboxed=False)


@pytest.mark.parametrize("query", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "PREFIX ex: <http://ex.org/> DELETE WHERE { ?s ex:p ?o }",
    "LOAD <http://example.org/x.ttl>",
    "CLEAR ALL", "DROP GRAPH <http://g>", "CREATE GRAPH <http://g>", "COPY DEFAULT TO <http://g>",
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_server_inspect_query_forbids_update(query):
    with pytest.raises(ForbiddenQueryError, match="read-only"):
        inspect_query(query)
    assert ForbiddenQueryError.status == 403


@pytest.mark.parametrize("query", ["", "   \n"])
def test_server_inspect_query_empty(query):
    with pytest.raises(QueryError):
        inspect_query(query)


@pytest.mark.parametrize("accept, fmt, graph, expected", [
    (None, None, False, "application/sparql-results+json"),
    (None, None, True, "text/turtle"),
    ("text/csv", None, False, "text/csv"),
    ("application/sparql-results+json,application/json,text/javascript", None, False, "application/sparql-results+json"),
    ("text/*", None, False, "text/csv"),
    ("application/xml", None, True, "application/rdf+xml"),
    ("text/csv;q=0.1, text/tab-separated-values;q=0.9", None, False, "text/tab-separated-values"),
    ("text/csv", "json", False, "application/sparql-results+json"),
    (None, "application/n-triples", True, "application/n-triples"),
    ("*/*", None, True, "text/turtle"),
])
def test_server_negotiate(accept, fmt, graph, expected):
    assert negotiate(accept, fmt, graph=graph) == expected


@pytest.mark.parametrize("accept, fmt, graph", [
    ("text/turtle", None, False),
    ("text/csv", None, True),
    (None, "csv", True),
    ("text/csv;q=0", None, False),
])
def test_server_negotiate_not_acceptable(accept, fmt, graph):
    with pytest.raises(NotAcceptableError):
        negotiate(accept, fmt, graph=graph)


def test_server_capped_solutions_round_trip_every_term_kind():
    store = ox.Store()
    g = ox.NamedNode("http://ex.org/g")
    store.add(ox.Quad(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/p"), ox.Literal("tab\there\nnew \"q\"", language="en"), g))
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("http://ex.org/p"), ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g))
    query = "SELECT ?s ?o ?unbound WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o"
    direct = store.query(query).serialize(format=ox.QueryResultsFormat.JSON)
    tsv, cut = capped_solutions(store.query(query), 10)
    assert not cut
    again = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=ox.QueryResultsFormat.JSON)
    assert again == direct
    tsv, cut = capped_solutions(store.query(query), 1)
    assert cut and len(tsv.decode().splitlines()) == 2


def _mixed_store() -> ox.Store:
    """Rows of every term kind, some with characters each format escapes, some unbound."""
    store = ox.Store()
    g, p = ox.NamedNode("http://ex.org/g"), ox.NamedNode("http://ex.org/p")
    objects = [ox.Literal("tab\there\nnew \"q\" <x> & é", language="en"),
               ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
               ox.NamedNode("http://ex.org/o?a=1&b=%3C2%3E"), ox.Literal("plain, with comma")]
    for i in range(120):
        subject = ox.BlankNode(f"b{i}") if i % 3 == 0 else ox.NamedNode(f"http://ex.org/s{i}")
        store.add(ox.Quad(subject, p, objects[i % len(objects)], g))
        store.add(ox.Quad(subject, ox.NamedNode("http://ex.org/n"), ox.Literal(str(i)), g))
    return store


MIXED = ("SELECT ?s ?o ?n ?unbound WHERE { GRAPH ?g { ?s <http://ex.org/p> ?o OPTIONAL { ?s <http://ex.org/n> ?n } } } "
         "ORDER BY ?n")


def _whole(store: ox.Store, name: str, rows: int) -> bytes:
    """The first ``rows`` rows written by pyoxigraph in one go."""
    tsv, _ = capped_solutions(store.query(MIXED), rows)
    return ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(format=getattr(ox.QueryResultsFormat, name))


@pytest.mark.parametrize("name", ["JSON", "XML", "CSV"])
def test_server_batched_solutions_equal_the_whole_result_and_cut_exactly(monkeypatch, name):
    monkeypatch.setattr(worker, "_BATCH_BYTES", 500)  # many batches of a few rows
    store = _mixed_store()
    body, cut = worker._batched_solutions(store.query(MIXED), name, 1000, 10**7)
    assert body == _whole(store, name, 1000) and not cut
    body, cut = worker._batched_solutions(store.query(MIXED), name, 50, 10**7)
    assert body == _whole(store, name, 50) and cut
    sizes = [len(_whole(store, name, n)) for n in range(121)]
    for cap in (sizes[0], sizes[1] - 1, sizes[1], sizes[37] + 5, sizes[119], sizes[120] - 1):
        body, cut = worker._batched_solutions(store.query(MIXED), name, 1000, cap)
        kept = max(n for n in range(121) if sizes[n] <= cap)  # the most whole rows that fit
        assert body == _whole(store, name, kept) and cut == (kept < 120), cap


@pytest.mark.parametrize("change", [
    {"query_time_limit": 0}, {"max_rows": 0}, {"max_request_bytes": 0}, {"workers": 0}, {"port": 70000}, {"host": " "},
])
def test_server_settings_are_validated(change):
    with pytest.raises(ConfigError):
        ServerSettings(**change)


def test_server_settings_defaults_are_safe():
    s = ServerSettings()
    assert s.host == "127.0.0.1" and s.query_time_limit <= 30 and s.max_rows <= 100_000


def test_server_every_setting_has_help_and_docs():
    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    names = {f.name for f in fields(ServerSettings)}
    assert names == set(SETTING_HELP)
    options = {"host": "--host", "port": "--port", "query_time_limit": "--time-limit", "max_rows": "--max-rows",
               "max_request_bytes": "--max-request-bytes", "workers": "--workers", "max_connections": "--max-connections",
               "allow_hosts": "--allow-host", "read_timeout": "--read-timeout", "memory_limit": "--memory-limit",
               "max_response_bytes": "--max-response-bytes"}
    assert set(options) == names
    for option in [*options.values(), "--access-log", "kg push", "--endpoint", "--graph", "--protocol", "--fresh",
                   "--batch-size", "kg build", "/sparql", "/query", "/health"]:
        assert option in docs, option


def test_server_graph_side_imports_no_nlp():
    for path in (ROOT / "kg" / "server").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(spacy|kg\.(nlp|extract|ingest|pipeline))\b", text, re.M), path


def test_a_concepts_ego_network_is_drawn_from_the_full_graph():
    from kg.rdf.convert import document_quads, mention_iri
    from kg.rdf.store import Store
    from kg.records import ActorType, Document, Mention, Provenance, Relation
    from kg.server.network import ego_page

    text = "Velandia rejected the truce plan."
    agent = Mention("Velandia", "Velandia", ActorType.COUNTRY, 0, 8)
    plan = Mention("the truce plan", "truce plan", ActorType.OTHER, 18, 32)
    rel = Relation(agent, "reject", plan, Provenance("d1", text, 0, len(text)))
    with Store.memory() as st:
        st.add_documents([list(document_quads(Document(id="d1", text=text), [rel]))])
        concept = mention_iri(plan, doc_id="d1")
        assert "/concept/" in concept
        html = ego_page(st, concept)
    assert "Velandia" in html and "truce plan" in html


CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.parametrize("fmt", [ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE])
def test_server_batched_triples_keep_every_triple_and_cut_exactly(monkeypatch, fmt):
    from kg.rdf.namespaces import PREFIXES

    monkeypatch.setattr(worker, "_BATCH_BYTES", 400)  # many batches of a few triples
    store = _mixed_store()
    prefixes = PREFIXES if fmt == ox.RdfFormat.TURTLE else None
    order = list(store.query(CONSTRUCT))
    assert len(order) == 240

    def parsed(body: bytes) -> list[ox.Triple]:
        return list(ox.parse(body, format=fmt))

    body, cut = worker._batched_triples(store.query(CONSTRUCT), fmt, prefixes, 1000, 10**7)
    assert not cut and sorted(map(str, parsed(body))) == sorted(map(str, order))
    whole = ox.serialize(order, format=fmt, prefixes=prefixes)
    if fmt == ox.RdfFormat.N_TRIPLES:
        assert body == whole
    body, cut = worker._batched_triples(store.query(CONSTRUCT), fmt, prefixes, 100, 10**7)
    assert cut and sorted(map(str, parsed(body))) == sorted(map(str, order[:100]))
    full = len(worker._batched_triples(store.query(CONSTRUCT), fmt, prefixes, 1000, 10**7)[0])
    for cap in (300, 5_000, full // 2, full - 1):
        body, cut = worker._batched_triples(store.query(CONSTRUCT), fmt, prefixes, 1000, cap)
        kept = parsed(body)
        assert cut and len(body) <= cap and sorted(map(str, kept)) == sorted(map(str, order[:len(kept)]))
        assert kept if cap > 300 or fmt == ox.RdfFormat.N_TRIPLES else not kept  # Turtle's prefixes alone are over 300
        if fmt == ox.RdfFormat.N_TRIPLES:  # one line per triple: one more would not have fitted
            assert len(ox.serialize(order[:len(kept) + 1], format=fmt)) > cap


def test_server_protocol_falls_back_when_framing_is_unknown(monkeypatch, sample_store):
    from kg.rdf.store import Store

    job = worker.Job("protocol", "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o", max_rows=40, max_bytes=6000,
                     results_media="application/sparql-results+xml")
    with Store.open(sample_store) as st:
        batched = worker.handle(st, job)
        monkeypatch.setattr(worker, "_rows_splitter", lambda empty, name: 0)  # "rows go first": never the case
        whole = worker.handle(st, job)
    rows = [list(ox.parse_query_results(r.body, ox.QueryResultsFormat.XML)) for r in (batched, whole)]
    assert batched.truncated and whole.truncated and len(batched.body) <= 6000 and len(whole.body) <= 6000
    # the fallback halves its way under the cap: fewer rows, the same first ones; batching cuts at the last row that fits
    assert 0 < len(rows[1]) < len(rows[0]) and [str(r) for r in rows[1]] == [str(r) for r in rows[0][:len(rows[1])]]
