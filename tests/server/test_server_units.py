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
