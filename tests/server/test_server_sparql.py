"""``kg serve`` as a SPARQL 1.1 Protocol endpoint, queried by real clients (SPARQLWrapper, httpx)."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error

import httpx
import pytest
from SPARQLWrapper import CSV, JSON, POST, GET, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

LABELS = "SELECT ?label WHERE { ?a a kgo:Person ; rdfs:label ?label } ORDER BY ?label"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _wrapper(server, query: str, fmt, method=GET) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    sw.setTimeout(30)
    return sw


@pytest.mark.parametrize("method", [GET, POST])
def test_server_sparqlwrapper_json(server, method):
    data = _wrapper(server, LABELS, JSON, method).query().convert()
    assert data["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == ["Jake Sullivan", "Ron Dermer"]


@pytest.mark.parametrize("method", [GET, POST])
def test_server_sparqlwrapper_csv(server, method):
    body = _wrapper(server, LABELS, CSV, method).query().convert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows == [["label"], ["Jake Sullivan"], ["Ron Dermer"]]


@pytest.mark.parametrize("accept, expected_type, marker", [
    ("application/sparql-results+json", "application/sparql-results+json", b'"vars":["label"]'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
    ("text/csv", "text/csv", b"label\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", b"?label\n"),
    ("application/json", "application/sparql-results+json", b'"bindings"'),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "application/sparql-results+json", b'"bindings"'),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
])
def test_server_select_content_negotiation(server, accept, expected_type, marker):
    resp = httpx.get(server.sparql, params={"query": LABELS}, headers={"Accept": accept})
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith(expected_type)
    assert marker in resp.content
    assert "Jake Sullivan" in resp.text


@pytest.mark.parametrize("accept, expected_type, marker", [
    ("text/turtle", "text/turtle", "kgo:country"),
    ("application/n-triples", "application/n-triples", "<https://w3id.org/newskg/ontology#country>"),
    ("application/ld+json", "application/ld+json", '"@id"'),
    ("application/rdf+xml", "application/rdf+xml", "<rdf:RDF"),
    (None, "text/turtle", "kgo:country"),
])
def test_server_construct_formats(server, accept, expected_type, marker):
    headers = {"Accept": accept} if accept else {}
    resp = httpx.post(server.sparql, data={"query": "CONSTRUCT WHERE { ?a kgo:country ?c }"}, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith(expected_type)
    assert marker in resp.text and "ISR" in resp.text


def test_server_post_sparql_query_body_and_ask(server):
    resp = httpx.post(server.sparql, content="ASK { ?e kgo:negated true }",
                      headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert resp.status_code == 200
    assert resp.json() == {"head": {}, "boolean": True}


def test_server_describe_with_format_parameter(server):
    iri = "https://w3id.org/newskg/id/doc/doc-1"
    resp = httpx.get(server.sparql, params={"query": f"DESCRIBE <{iri}>", "format": "json-ld"})
    assert resp.status_code == 200
    assert any(node.get("@id") == iri for node in resp.json())


def test_server_service_description(server):
    resp = httpx.get(server.sparql, headers={"Accept": "text/turtle"})
    assert resp.status_code == 200
    assert "sd:SPARQL11Query" in resp.text and "sd:UnionDefaultGraph" in resp.text
    assert f"<{server.sparql}>" in resp.text


def test_server_rows_are_capped(server):
    resp = httpx.get(server.sparql, params={"query": "SELECT * WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert resp.status_code == 200
    assert resp.headers["x-kg-truncated"] == "true"
    assert len(resp.text.strip().splitlines()) == 1 + 50
    small = httpx.get(server.sparql, params={"query": LABELS})
    assert small.headers["x-kg-truncated"] == "false"


@pytest.mark.parametrize("data, headers", [
    ({"update": "INSERT DATA { <http://ex.org/a> <http://ex.org/b> <http://ex.org/c> }"}, {}),
    ({"query": "INSERT DATA { <http://ex.org/a> <http://ex.org/b> <http://ex.org/c> }"}, {}),
    ({"query": "PREFIX ex: <http://ex.org/> DELETE WHERE { ?s ?p ?o }"}, {}),
    ({"query": "LOAD <http://example.org/data.ttl>"}, {}),
    ({"query": "DROP ALL"}, {}),
])
def test_server_update_is_forbidden(server, data, headers):
    resp = httpx.post(server.sparql, data=data, headers=headers)
    assert resp.status_code == 403
    assert "read-only" in resp.text


def test_server_update_content_type_is_forbidden(server):
    resp = httpx.post(server.sparql, content="CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert resp.status_code == 403


def test_server_update_by_sparqlwrapper_is_refused(server):
    sw = SPARQLWrapper(server.sparql)
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <http://ex.org/a> <http://ex.org/b> <http://ex.org/c> }")
    with pytest.raises(urllib.error.HTTPError) as info:
        sw.query()
    assert info.value.code == 403
    count = httpx.get(server.sparql, params={"query": "ASK { <http://ex.org/a> ?p ?o }"})
    assert count.json()["boolean"] is False


@pytest.mark.parametrize("query, status", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403),
    ("select * where { ?s ?p ?o . service ?x { ?s ?p ?o } }", 400),  # no endpoint to call
    ("PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s ex:a\\# SERVICE <http://example.org/> { ?s ?p ?o } }", 400),
])
def test_server_service_is_forbidden(server, query, status):
    resp = httpx.get(server.sparql, params={"query": query}, headers={"Accept": "application/json"})
    assert resp.status_code == status
    message = resp.json()["error"]["message"]
    assert ("SERVICE (federated query) is not allowed" in message) if status == 403 else ("invalid SPARQL" in message or "service" in message)


def test_server_malformed_query_is_400(server):
    with pytest.raises(QueryBadFormed):
        _wrapper(server, "SELECT ?x WHERE { ?x", JSON).query()


@pytest.mark.parametrize("request_kw, status", [
    ({"method": "POST", "content": b"x" * 30_000, "headers": {"Content-Type": "application/sparql-query"}}, 413),
    ({"method": "POST", "content": b"query=ASK{}", "headers": {"Content-Type": "text/plain"}}, 415),
    ({"method": "GET", "params": {"query": LABELS}, "headers": {"Accept": "text/turtle"}}, 406),
    ({"method": "GET", "params": {"query": LABELS, "default-graph-uri": "not an IRI"}}, 400),
    ({"method": "GET", "params": [("query", LABELS), ("query", "ASK {}")]}, 400),
    ({"method": "POST", "data": {"format": "json"}}, 400),
    ({"method": "DELETE"}, 405),
])
def test_server_protocol_errors(server, request_kw, status):
    resp = httpx.request(url=server.sparql, **request_kw)
    assert resp.status_code == status, resp.text
    assert resp.text.strip()


def test_server_time_limit_stops_query_and_keeps_serving(server):
    resp = httpx.get(server.sparql, params={"query": SLOW}, headers={"Accept": "application/json"}, timeout=30)
    assert resp.status_code == 503
    assert "time limit" in resp.json()["error"]["message"]
    after = httpx.get(server.sparql, params={"query": LABELS})
    assert after.status_code == 200 and "Ron Dermer" in after.text
    health = httpx.get(server.url + "/health").json()
    assert health["timeouts"] >= 1


def test_server_answers_others_while_a_query_runs_away(server):
    results: list[int] = []
    slow = threading.Thread(target=lambda: results.append(
        httpx.get(server.sparql, params={"query": SLOW}, timeout=30).status_code))
    slow.start()
    time.sleep(0.2)
    fast = [httpx.get(server.sparql, params={"query": LABELS}, timeout=30) for _ in range(5)]
    slow.join()
    assert all(r.status_code == 200 for r in fast)
    assert results == [503]


def test_server_error_body_is_json_when_asked(server):
    resp = httpx.get(server.sparql, params={"query": "SELECT"}, headers={"Accept": "application/json"})
    assert resp.status_code == 400
    body = resp.json()
    assert body["error"]["status"] == 400 and "invalid SPARQL" in body["error"]["message"]
    assert json.dumps(body)
