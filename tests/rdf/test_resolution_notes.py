"""Explainable merges in RDF: one kgo:Resolution per resolved mention, in the document's graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.rdf import iris
from kg.rdf.convert import document_quads, mention_iri, to_dataset, to_graph
from kg.rdf.namespaces import KGO
from kg.records import ActorType, Document, Mention, Provenance, Relation

ROOT = Path(__file__).resolve().parents[2]
DOC = Document(id="d1", text="Netanyahu met Biden. He thanked Biden.")
PROV = Provenance(doc_id="d1", sentence="Netanyahu met Biden.", start=0, end=20)


def _m(text: str, label: str, kind: ActorType = ActorType.PERSON, rule: str | None = None) -> Mention:
    return Mention(text=text, label=label, type=kind, start=0, end=len(text), resolved_by=rule)


def _quads():
    rels = [
        Relation(_m("Netanyahu", "Benjamin Netanyahu", rule="dictionary"), "meet", _m("Biden", "Biden"), PROV),
        Relation(_m("He", "Benjamin Netanyahu", rule="coref+dictionary"), "thank", _m("Biden", "Biden"), PROV),
        Relation(_m("it", "plan", ActorType.OTHER, rule="coref"), "fail", _m("Biden", "Biden"), PROV),
    ]
    return list(document_quads(DOC, rels))


def test_resolution_notes_name_rule_text_actor_and_document():
    quads = _quads()
    graph = URIRef(iris.graph_iri("d1"))
    notes = {s for s, p, o, g in quads if p == RDF.type and o == KGO.Resolution}
    assert len(notes) == 2  # Netanyahu (dictionary), He (coref+dictionary); no note for concepts or unresolved names
    g = to_graph(quads)
    actor = URIRef(mention_iri(_m("x", "Benjamin Netanyahu")))
    rules = {(str(g.value(n, KGO.resolvedText)), str(g.value(n, KGO.resolvedBy))) for n in notes}
    assert rules == {("Netanyahu", "dictionary"), ("He", "coref+dictionary")}
    assert all(g.value(n, KGO.resolvedActor) == actor for n in notes)
    assert all(g.value(n, KGO.document) == URIRef(iris.doc_iri("d1")) for n in notes)
    assert all(q[3] == graph for q in quads if q[0] in notes)  # in the document's own graph


def test_resolution_notes_are_deterministic():
    assert _quads() == _quads()
    ds = to_dataset(_quads())
    assert (None, KGO.resolvedBy, Literal("dictionary")) in ds.graph(URIRef(iris.graph_iri("d1")))


def test_resolution_notes_conform_to_shapes():
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(
        to_graph(_quads()),
        shacl_graph=str(ROOT / "ontologies" / "shapes.ttl"),
        ont_graph=str(ROOT / "ontologies" / "kg.ttl"),
        inference="rdfs",
    )
    assert conforms, text[:2000]
