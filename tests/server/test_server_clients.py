"""Standard SPARQL clients against a real ``kg serve``: SPARQLWrapper in every return format,
rdflib's SPARQLStore on one document graph and as a Dataset, and the protocol's dataset
parameters and FROM / FROM NAMED."""

from __future__ import annotations

import csv
import io
import warnings

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

DOC = "https://w3id.org/newskg/id/graph/doc/doc-"
KGO = "https://w3id.org/newskg/ontology#"
LABELS = "SELECT ?label WHERE { ?a a kgo:Person ; rdfs:label ?label } ORDER BY ?label"
PREDICATES = "SELECT ?did WHERE { ?e kgo:predicate ?did } ORDER BY ?did"
COUNTRIES = "CONSTRUCT { ?a kgo:country ?c } WHERE { ?a kgo:country ?c }"


def _wrapper(server, query: str, fmt, method) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    sw.setTimeout(30)
    return sw


def _converted(sw: SPARQLWrapper):
    """Run and convert, failing on SPARQLWrapper's warning that the endpoint answered another format."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Format requested was")
        return sw.queryAndConvert()


def _select_rows(fmt, converted) -> list[str]:
    if fmt == JSON:
        return [b["label"]["value"] for b in converted["results"]["bindings"]]
    if fmt == XML:
        return [lit.firstChild.data for lit in converted.getElementsByTagName("literal")]
    text = converted.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t" if fmt == TSV else ","))
    header, *values = rows
    assert header == (["?label"] if fmt == TSV else ["label"])
    return [v[0].strip('"') for v in values]


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_every_results_format(server, fmt, method):
    rows = _select_rows(fmt, _converted(_wrapper(server, LABELS, fmt, method)))
    assert rows == ["Jake Sullivan", "Ron Dermer"]


@pytest.mark.parametrize("fmt, expected", [(JSON, True), (XML, "true"), (CSV, "true"), (TSV, "true")])
def test_sparqlwrapper_ask_every_results_format(server, fmt, expected):
    converted = _converted(_wrapper(server, "ASK { ?e kgo:negated true }", fmt, GET))
    if fmt == JSON:
        assert converted["boolean"] is True
    elif fmt == XML:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == expected
    else:
        assert expected in converted.decode("utf-8").lower()


def _graph(fmt, converted) -> rdflib.Graph:
    if isinstance(converted, rdflib.Graph):  # RDF/XML, XML, JSON-LD, JSON: SPARQLWrapper parsed it
        return converted
    parsed = rdflib.Graph()
    parsed.parse(data=converted, format="turtle" if fmt in (TURTLE, N3) else "json-ld")
    return parsed


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD, RDFXML, RDF, XML, JSON])
def test_sparqlwrapper_construct_every_graph_format(server, fmt, method):
    graph = _graph(fmt, _converted(_wrapper(server, COUNTRIES, fmt, method)))
    countries = {str(o) for o in graph.objects(None, rdflib.URIRef(KGO + "country"))}
    assert {"ISR", "QAT", "USA"} <= countries


def test_sparqlwrapper_n3_is_served_as_turtle(server):
    sw = _wrapper(server, f"DESCRIBE <{DOC[:-len('graph/doc/doc-')]}doc/doc-1>", N3, GET)
    result = sw.query()
    assert result.info()["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=result.convert(), format="n3")
    assert (None, rdflib.URIRef("http://purl.org/dc/terms/title"), rdflib.Literal("Sullivan presses Dermer")) in graph


@pytest.mark.parametrize("params", [
    [("query", LABELS), ("query", LABELS)],
    [("query", LABELS), ("format", "csv"), ("format", "csv"), ("output", "csv")],
    [("query", LABELS), ("format", "tsv"), ("format", "text/tab-separated-values"), ("format", "")],
])
def test_repeated_parameters_that_agree_are_accepted(server, params):
    resp = httpx.get(server.sparql, params=params)
    assert resp.status_code == 200, resp.text
    assert "Jake Sullivan" in resp.text


@pytest.mark.parametrize("params, word", [
    ([("query", LABELS), ("query", "ASK {}")], "query"),
    ([("query", LABELS), ("format", "csv"), ("format", "json")], "format"),
    ([("query", LABELS), ("format", "xml"), ("output", "tsv")], "format"),
])
def test_repeated_parameters_that_differ_are_400(server, params, word):
    resp = httpx.get(server.sparql, params=params)
    assert resp.status_code == 400
    assert word in resp.text and "different" in resp.text


def _predicates(server, query: str = PREDICATES, **params) -> list[str]:
    resp = httpx.get(server.sparql, params={"query": query, **params}, headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200, resp.text
    return [b["did"]["value"] for b in resp.json()["results"]["bindings"]]


ALL = ["attack", "meet with", "suspend mediation with", "urge"]


def test_default_graph_is_the_union_without_a_dataset(server):
    assert _predicates(server) == ALL


def test_from_picks_documents(server):
    query = f"SELECT ?did FROM <{DOC}1> FROM <{DOC}2> WHERE {{ ?e kgo:predicate ?did }} ORDER BY ?did"
    assert _predicates(server, query) == ["meet with", "urge"]


def test_from_named_leaves_the_default_graph_empty(server):
    query = f"SELECT ?did WHERE {{ ?e kgo:predicate ?did }}"
    assert _predicates(server, query.replace("WHERE", f"FROM NAMED <{DOC}3> WHERE")) == []
    graph_query = f"SELECT ?did FROM NAMED <{DOC}3> WHERE {{ GRAPH ?g {{ ?e kgo:predicate ?did }} }}"
    assert _predicates(server, graph_query) == ["attack"]


def test_protocol_dataset_parameters(server):
    assert _predicates(server, **{"default-graph-uri": f"{DOC}4"}) == ["suspend mediation with"]
    resp = httpx.get(server.sparql, params=[("query", PREDICATES), ("default-graph-uri", f"{DOC}1"),
                                            ("default-graph-uri", f"{DOC}3")])
    assert [b["did"]["value"] for b in resp.json()["results"]["bindings"]] == ["attack", "urge"]
    graph_query = "SELECT ?did WHERE { GRAPH ?g { ?e kgo:predicate ?did } } ORDER BY ?did"
    assert _predicates(server, graph_query, **{"named-graph-uri": f"{DOC}2"}) == ["meet with"]
    assert _predicates(server, PREDICATES, **{"named-graph-uri": f"{DOC}2"}) == []  # default graph: empty


def test_protocol_dataset_overrides_from(server):
    query = f"SELECT ?did FROM <{DOC}1> WHERE {{ ?e kgo:predicate ?did }}"
    assert _predicates(server, query, **{"default-graph-uri": f"{DOC}2"}) == ["meet with"]


def test_dataset_parameter_must_be_an_iri(server):
    resp = httpx.get(server.sparql, params={"query": PREDICATES, "default-graph-uri": "not an iri"})
    assert resp.status_code == 400
    assert "not an iri" in resp.text


def test_rdflib_sparqlstore_on_one_document_graph(server):
    store = SPARQLStore(server.sparql, returnFormat="json")
    graph = rdflib.Graph(store, identifier=rdflib.URIRef(f"{DOC}1"))
    rows = list(graph.query("SELECT ?did WHERE { ?e <%spredicate> ?did }" % KGO))
    assert [str(r[0]) for r in rows] == ["urge"]
    titles = list(graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/title")))
    assert titles == [rdflib.Literal("Sullivan presses Dermer")]


def test_rdflib_sparqlstore_as_dataset(server):
    store = SPARQLStore(server.sparql, returnFormat="json")
    ds = rdflib.Dataset(store)
    rows = ds.query("SELECT ?did WHERE { ?e <%spredicate> ?did } ORDER BY ?did" % KGO)
    assert [str(r[0]) for r in rows] == ALL  # the union, as without a dataset
    named = {str(g) for g in store.contexts()}
    assert {f"{DOC}{i}" for i in range(1, 5)} <= named
    doc3 = ds.get_context(rdflib.URIRef(f"{DOC}3"))
    assert [str(o) for o in doc3.objects(None, rdflib.URIRef(KGO + "predicate"))] == ["attack"]
    per_graph = ds.query("SELECT ?g ?did WHERE { GRAPH ?g { ?e <%spredicate> ?did } } ORDER BY ?did" % KGO)
    assert [(str(g), str(d)) for g, d in per_graph][0] == (f"{DOC}3", "attack")
