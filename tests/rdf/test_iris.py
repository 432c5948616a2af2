"""IRI minting: any text gives a valid, stable IRI (checked by two strict parsers)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rfc3987
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import IRIError
from kg.rdf import iris

HOSTILE = [
    "<script>alert('x')</script>",
    'He said "no" & left',
    "line\nbreak\ttab",
    "\x00\x01\x1f control",
    "\u202eevil\u200f",
    "x" * 5000,
    "Ünïcödé Çafé — “quotes”",
    "../../etc/passwd",
    "a b/c?d#e%20f",
]


def _valid(iri: str) -> None:
    assert rfc3987.match(iri, rule="IRI"), iri
    ox.NamedNode(iri)  # raises ValueError on an invalid IRI
    assert len(iri) < 200


@pytest.mark.parametrize("text", HOSTILE)
def test_iris_hostile_names_give_valid_iris(text):
    for mint in (iris.actor_iri, iris.concept_iri, iris.doc_iri, iris.graph_iri, iris.relation_iri):
        _valid(mint(text))


@given(st.text(min_size=1).filter(lambda s: s.strip()))
@settings(max_examples=300, deadline=None)
def test_iris_any_text_gives_valid_stable_iri(text):
    for mint in (iris.actor_iri, iris.concept_iri, iris.doc_iri, iris.relation_iri):
        first = mint(text)
        _valid(first)
        assert mint(text) == first


@given(st.text(), st.integers(min_value=0), st.text(min_size=1), st.text(min_size=1), st.text(min_size=1), st.booleans())
@settings(max_examples=100, deadline=None)
def test_iris_event_iri_is_valid(doc, start, agent, pred, patient, neg):
    _valid(iris.event_iri(doc or "d", start, agent, pred, patient, negated=neg))


@pytest.mark.parametrize("a, b", [("Benjamin Netanyahu", "benjamin  NETANYAHU"), ("U.S.", "U S")])
def test_iris_actor_iri_folds_case_and_spacing(a, b):
    assert iris.actor_iri(a) == iris.actor_iri(b)


@pytest.mark.parametrize("a, b", [("Benjamin Netanyahu", "Netanyahu"), ("Iran", "Iraq"), ("<b>", "&lt;b&gt;")])
def test_iris_different_names_differ(a, b):
    assert iris.actor_iri(a) != iris.actor_iri(b)


@pytest.mark.parametrize("bad", ["", "   "])
def test_iris_empty_name_is_refused(bad):
    with pytest.raises(IRIError):
        iris.actor_iri(bad)


@pytest.mark.parametrize("doc_id", ["actors", "ontology"])
def test_iris_document_graphs_never_collide_with_shared_graphs(doc_id):
    assert iris.graph_iri(doc_id) not in {iris.actors_graph_iri(), iris.ontology_graph_iri()}


@pytest.mark.parametrize("bad", ["1", "abc", "19x", "12345"])
def test_iris_cameo_iri_refuses_non_codes(bad):
    with pytest.raises(IRIError):
        iris.cameo_iri(bad)
