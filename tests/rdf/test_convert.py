"""Records → RDF: compared by graph isomorphism, never by Turtle strings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.rdf import iris
from kg.rdf.convert import document_quads, to_graph
from kg.rdf.namespaces import KGO
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation

DATA = Path(__file__).resolve().parents[1] / "data"
SENTENCE = "In a call, Jake Sullivan urged Israeli minister Ron Dermer to act."


def _doc() -> Document:
    return Document(id="d1", text="x" * 10 + SENTENCE, title="Call", published=dt.date(2024, 10, 14))


def _relation(**changes) -> Relation:
    fields = dict(
        subject=Mention("Jake Sullivan", "Jake Sullivan", ActorType.PERSON, 21, 34),
        predicate="urge",
        object=Mention("Israeli minister Ron Dermer", "Ron Dermer", ActorType.PERSON, 41, 68,
                       country="ISR", role="minister", affiliation="Israel"),
        provenance=Provenance("d1", SENTENCE, 10, 75, 0, "test"),
        attributed_to=Mention("Axios", "Axios", ActorType.ORGANIZATION, 0, 5),
        event_code="0211",
        date=dt.date(2024, 10, 11),
        confidence=0.9,
        predicate_text="urged",
    )
    fields.update(changes)
    return Relation(**fields)


def test_convert_matches_expected_graph():
    doc = _doc()
    got = to_graph(document_quads(doc, [_relation()]))
    expected = Graph().parse(
        data=(DATA / "expected_urge.ttl").read_text().replace("HASH", iris.content_hash(doc.text, length=64)),
        format="turtle",
    )
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        pytest.fail(f"only in output:\n{only_got.serialize(format='nt')}\nonly expected:\n{only_expected.serialize(format='nt')}")


def test_convert_is_deterministic():
    a = to_graph(document_quads(_doc(), [_relation()]))
    b = to_graph(document_quads(_doc(), [_relation()]))
    assert isomorphic(a, b)


@pytest.mark.parametrize("changes", [{"negated": True}, {"modality": Modality.HYPOTHETICAL}, {"modality": Modality.REPORTED}])
def test_convert_unasserted_events_get_no_direct_edge(changes):
    g = to_graph(document_quads(_doc(), [_relation(**changes)]))
    assert (None, URIRef(iris.relation_iri("urge")), None) not in g
    event = next(g.subjects(KGO.predicate, Literal("urge")))
    assert g.value(event, KGO.negated).toPython() is changes.get("negated", False)


def test_convert_one_named_graph_per_document():
    quads = list(document_quads(_doc(), [_relation()]))
    graphs = {str(q[3]) for q in quads}
    assert graphs == {iris.graph_iri("d1"), iris.actors_graph_iri()}
    events_graphs = {str(g) for s, p, o, g in quads if p == KGO.sentence}
    assert events_graphs == {iris.graph_iri("d1")}


def test_convert_concept_object_is_a_concept_node():
    rel = _relation(object=Mention("the ceasefire initiative", "ceasefire initiative", ActorType.OTHER, 41, 60))
    g = to_graph(document_quads(_doc(), [rel]))
    node = URIRef(iris.concept_iri("ceasefire initiative", doc_id="d1"))  # a description: the document's own
    assert (node, None, KGO.Concept) in g or (node, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), KGO.Concept) in g


def test_convert_concepts_are_scoped_to_their_document_unless_named():
    """Issue 12: every "proposal" of a corpus was one node, whoever made it."""
    def graph(doc_id: str, label: str):
        doc = Document(id=doc_id, text="Oslo rejected the proposal.")
        rel = Relation(Mention("Oslo", "Norway", ActorType.COUNTRY, 0, 4), "reject",
                       Mention("the proposal", label, ActorType.OTHER, 14, 26),
                       Provenance(doc_id, "Oslo rejected the proposal.", 0, 27))
        return to_graph(document_quads(doc, [rel]))

    def concepts(g):
        return set(g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), KGO.Concept))

    a, b = concepts(graph("a", "proposal")), concepts(graph("b", "proposal"))
    assert len(a) == len(b) == 1 and a != b
    assert concepts(graph("a", "Svalbard Treaty")) == concepts(graph("b", "Svalbard Treaty"))  # a proper name


def test_convert_says_where_the_date_comes_from():
    """A publication-date fallback is marked in the graph, so it never reads as a stated date."""
    got = to_graph(document_quads(_doc(), [_relation(date=dt.date(2024, 10, 14), date_source="published")]))
    sources = {str(o) for o in got.objects(None, KGO.dateSource)}
    assert sources == {"published"}
    plain = to_graph(document_quads(_doc(), [_relation(date=None)]))
    assert not list(plain.objects(None, KGO.dateSource))


def test_convert_a_span_as_start_and_end():
    got = to_graph(document_quads(_doc(), [_relation(date=None, date_start=dt.date(2024, 3, 1), date_end=dt.date(2024, 5, 31))]))
    assert [o.toPython() for o in got.objects(None, KGO.dateStart)] == [dt.date(2024, 3, 1)]
    assert [o.toPython() for o in got.objects(None, KGO.dateEnd)] == [dt.date(2024, 5, 31)]
    assert not list(got.objects(None, KGO.date))
    assert {str(o) for o in got.objects(None, KGO.dateSource)} == {"text"}


def test_convert_event_carries_its_mentions_codes():
    """The agent's code in this event, not the node's several: GDELT rows count dyads by it."""
    dermer = Mention("Israeli minister Ron Dermer", "Ron Dermer", ActorType.PERSON, 41, 68, country="ISR", code="ISRGOV")
    got = to_graph(document_quads(_doc(), [_relation(subject=dermer, object=_relation().subject)]))
    event = next(got.subjects(KGO.agentCode, None))
    assert [str(o) for o in got.objects(event, KGO.agentCode)] == ["ISRGOV"]
    assert not list(got.objects(None, KGO.patientCode))  # no code on the patient mention: none stated
