"""The dataset a query sees: FROM / FROM NAMED in the text, graph lists, else the union."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.rdf.dataset import dataset_arguments, has_dataset_clause
from kg.rdf.store import Store

G = "http://example.org/graph/"


@pytest.mark.parametrize("query, expected", [
    ("SELECT * FROM <http://ex/g> WHERE { ?s ?p ?o }", True),
    ("select * from named <http://ex/g> { graph ?g { ?s ?p ?o } }", True),
    ("CONSTRUCT { ?s ?p ?o } FROM<http://x> WHERE { ?s ?p ?o }", True),
    ("PREFIX ex: <http://ex/>\nASK FROM ex:g { }", True),
    ("SELECT ?from WHERE { ?from ex:from 'FROM' }", False),
    ('SELECT * WHERE { ?s ?p """FROM\n FROM""" } # FROM', False),
    ("PREFIX from: <http://x/> SELECT * WHERE { ?s from:x _:from }", False),
    ('SELECT * WHERE { ?s ?p "x"@from }', False),
    ("SELECT * WHERE { ?s ?p <http://from/FROM> }", False),
    ("SELECT * WHERE { ?s ?p 'unterminated FROM", False),
    ("SELECT * WHERE { ?s ?p 'a\\' FROM' }", False),
    ("SELECT ?fromage WHERE { ?s ?p ?fromage }", False),
])
def test_has_dataset_clause(query, expected):
    assert has_dataset_clause(query) is expected


@pytest.mark.parametrize("text", ["a." * 100_000, "'\\" * 100_000, "<a" * 100_000, '"""\\' * 50_000,
                                  "a:\\" * 70_000, "'\\\n" * 70_000, "@a-" * 70_000])
def test_has_dataset_clause_reads_hostile_text_once(text):
    # each of these made an earlier, backtracking scanner re-read the rest of the text at every
    # position (minutes at this size); a linear scan returns at once
    assert has_dataset_clause(text) is False


def test_dataset_arguments():
    assert dataset_arguments("SELECT * { ?s ?p ?o }") == {"use_default_graph_as_union": True}
    assert dataset_arguments("SELECT * FROM <http://x> { ?s ?p ?o }") == {}
    args = dataset_arguments("SELECT * FROM <http://x> { ?s ?p ?o }", [G + "a"], None)
    assert args == {"default_graph": [ox.NamedNode(G + "a")], "named_graphs": []}
    with pytest.raises(QueryError, match="not an absolute IRI"):
        dataset_arguments("ASK {}", None, ["no iri"])


@pytest.fixture
def store(tmp_path):
    st = Store.create(tmp_path / "store")
    p = ox.NamedNode("http://example.org/p")
    st._store.extend([ox.Quad(ox.NamedNode("http://example.org/s"), p, ox.Literal(x), ox.NamedNode(G + x))
                      for x in ("a", "b")])
    yield st
    st.close()


def _values(st: Store, query: str, **kw) -> list[str]:
    query = "PREFIX ex: <http://example.org/> " + query
    return sorted(row[0] for row in st.query(query).rows) if not kw else sorted(
        str(sol[0].value) for sol in st.raw_query(query, **kw))


def test_store_query_sees_from_and_the_union(store):
    assert _values(store, "SELECT ?o { ?s ex:p ?o }") == ["a", "b"]
    assert _values(store, f"SELECT ?o FROM <{G}a> {{ ?s ex:p ?o }}") == ["a"]
    assert _values(store, f"SELECT ?o FROM NAMED <{G}b> {{ ?s ex:p ?o }}") == []
    assert _values(store, f"SELECT ?o FROM NAMED <{G}b> {{ GRAPH ?g {{ ?s ex:p ?o }} }}") == ["b"]
    assert _values(store, f"SELECT ?o FROM <{G}a> {{ ?s ex:p ?o }}", default_graphs=[G + "b"]) == ["b"]
    assert _values(store, "SELECT ?o { GRAPH ?g { ?s ex:p ?o } }", named_graphs=[G + "a"]) == ["a"]
