"""Projections of a hand-built store, checked against values worked out by hand.

The store (also used by the viz, browser and CLI tests through
:func:`build_sample_store`) holds three documents:

d1 2024-10-10 "Talks in Doha"
  e1  Qatar  host (043, +2.8)  Hamas
  e2  Qatar  urge (020, +3.0)  Israel
  e3  Benjamin Netanyahu  criticize (111, -2.0)  Qatar
  e4  Egypt  back  "ceasefire proposal" (a concept)
d2 2024-10-12 "Rockets over the north"
  e5  Hezbollah  strike (195, -10)  Israel
  e6  Israel  strike (195, -10)  Hezbollah
  e7  Israel  strike (195, -10)  Hezbollah      (a second sentence)
  e8  Israel  attack (190) Egypt, negated
d3 2024-10-15 'Leak: <b>"bold"</b> & more'
  e9  <script>alert(1)</script>  accuse (112, -2.0)  Benjamin Netanyahu
  e10 Egypt  meet (036, +4.0)  Hamas, hypothetical
  e11 Egypt  urge (020, +3.0)  Qatar

Default actor graph (asserted, not negated, no concepts): 7 actors, 7 edges, 8
events; as an undirected simple graph it is the tree

  HAM - QAT - ISR - HEZ      QAT - EGY      QAT - NET - XSS
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.analytics import actor_graph, country_graph, full_graph, resolve_actor
from kg.errors import ActorNotFound, GraphError
from kg.rdf import iris
from kg.rdf.convert import document_quads
from kg.rdf.store import Store
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation

XSS = "<script>alert(1)</script>"
DOCS = {
    "d1": ("Talks in Doha", dt.date(2024, 10, 10)),
    "d2": ("Rockets over the north", dt.date(2024, 10, 12)),
    "d3": ('Leak: <b>"bold"</b> & more', dt.date(2024, 10, 15)),
}
_ACTORS = {
    "Qatar": dict(type=ActorType.COUNTRY, country="QAT"),
    "Hamas": dict(type=ActorType.GROUP, country="PSE"),
    "Israel": dict(type=ActorType.COUNTRY, country="ISR"),
    "Benjamin Netanyahu": dict(type=ActorType.PERSON, country="ISR", role="Prime Minister", affiliation="Israel",
                               aliases=("Netanyahu",)),
    "Egypt": dict(type=ActorType.COUNTRY, country="EGY"),
    "Hezbollah": dict(type=ActorType.GROUP, country="LBN"),
    XSS: dict(type=ActorType.ORGANIZATION),
    "ceasefire proposal": dict(type=ActorType.OTHER),
}
# (doc, agent, predicate, patient, code, extra)
EVENTS = [
    ("d1", "Qatar", "host", "Hamas", "043", {}),
    ("d1", "Qatar", "urge", "Israel", "020", {}),
    ("d1", "Benjamin Netanyahu", "criticize", "Qatar", "111", {}),
    ("d1", "Egypt", "back", "ceasefire proposal", None, {}),
    ("d2", "Hezbollah", "strike", "Israel", "195", {}),
    ("d2", "Israel", "strike", "Hezbollah", "195", {}),
    ("d2", "Israel", "strike", "Hezbollah", "195", {}),
    ("d2", "Israel", "attack", "Egypt", "190", {"negated": True}),
    ("d3", XSS, "accuse", "Benjamin Netanyahu", "112", {}),
    ("d3", "Egypt", "meet", "Hamas", "036", {"modality": Modality.HYPOTHETICAL}),
    ("d3", "Egypt", "urge", "Qatar", "020", {}),
]


def _mention(label: str, offset: int) -> Mention:
    spec = dict(_ACTORS[label])
    return Mention(label, label, spec.pop("type"), offset, offset + len(label), **spec)


def sample_documents() -> list[tuple[Document, list[Relation]]]:
    """The three documents and their relations, as the pipeline would make them."""
    out = []
    for doc_id, (title, published) in DOCS.items():
        sentences, relations, offset = [], [], 0
        for i, (d, agent, pred, patient, code, extra) in enumerate(EVENTS):
            if d != doc_id:
                continue
            verb = ("did not " if extra.get("negated") else "may " if extra.get("modality") else "") + pred
            sentence = f"{agent} {verb} {patient} (event {i + 1})."
            relations.append(Relation(
                _mention(agent, offset), pred, _mention(patient, offset + len(agent) + len(verb) + 2),
                Provenance(doc_id, sentence, offset, offset + len(sentence), len(sentences), "test"),
                event_code=code, **extra,
            ))
            sentences.append(sentence)
            offset += len(sentence) + 1
        out.append((Document(id=doc_id, text=" ".join(sentences), title=title, published=published), relations))
    return out


def build_sample_store(path: Path | None = None) -> Store:
    """The sample store, in memory or (given ``path``) on disk; the caller closes it."""
    store = Store.memory() if path is None else Store.create(path)
    store.add_documents([list(document_quads(doc, rels)) for doc, rels in sample_documents()])
    return store


def iri(label: str) -> str:
    if _ACTORS[label]["type"] is ActorType.OTHER:
        return iris.concept_iri(label, doc_id="d1")  # the concept of document d1 (concepts are per document)
    return iris.actor_iri(label)


QAT, HAM, ISR, NET, EGY, HEZ, XS = (iri(x) for x in
                                    ("Qatar", "Hamas", "Israel", "Benjamin Netanyahu", "Egypt", "Hezbollah", XSS))


@pytest.fixture(scope="module")
def store():
    st = build_sample_store()
    yield st
    st.close()


def _edges(G):
    return sorted((G.nodes[u]["label"], k, G.nodes[v]["label"], d["count"]) for u, v, k, d in G.edges(keys=True, data=True))


def test_projection_actor_graph_default(store):
    G = actor_graph(store)
    assert sorted(G) == sorted([QAT, HAM, ISR, NET, EGY, HEZ, XS])
    assert _edges(G) == [
        (XSS, "accuse", "Benjamin Netanyahu", 1),
        ("Benjamin Netanyahu", "criticize", "Qatar", 1),
        ("Egypt", "urge", "Qatar", 1),
        ("Hezbollah", "strike", "Israel", 1),
        ("Israel", "strike", "Hezbollah", 2),
        ("Qatar", "host", "Hamas", 1),
        ("Qatar", "urge", "Israel", 1),
    ]


def test_projection_node_attributes(store):
    G = actor_graph(store)
    net = G.nodes[NET]
    assert (net["label"], net["type"], net["country"], net["roles"]) == \
        ("Benjamin Netanyahu", "Person", "ISR", ("Prime Minister",))
    assert net["affiliations"] == (ISR,)
    assert G.nodes[XS]["label"] == XSS and G.nodes[XS]["country"] is None
    assert G.nodes[HAM]["type"] == "Group"


def test_projection_edge_attributes_and_evidence(store):
    G = actor_graph(store)
    strike = G.edges[ISR, HEZ, "strike"]
    assert (strike["cameo"], strike["quad_class"], strike["goldstein"], strike["goldstein_sum"]) == ("195", 4, -10.0, -20.0)
    assert strike["cameo_label"] == "Employ aerial weapons"
    assert [ev.title for ev in strike["evidence"]] == ["Rockets over the north"] * 2
    assert strike["first_date"] == strike["last_date"] == dt.date(2024, 10, 12)
    assert [ev.sentence for ev in strike["evidence"]] == ["Israel strike Hezbollah (event 6).",
                                                          "Israel strike Hezbollah (event 7)."]


@pytest.mark.parametrize("kwargs, expected", [
    ({"include_negated": True}, {("Israel", "attack [negated]", "Egypt", 1)}),
    ({"modalities": None}, {("Egypt", "meet [hypothetical]", "Hamas", 1)}),
    ({"modalities": None, "include_negated": True},
     {("Israel", "attack [negated]", "Egypt", 1), ("Egypt", "meet [hypothetical]", "Hamas", 1)}),
    ({"concepts": True}, {("Egypt", "back", "ceasefire proposal", 1)}),
])
def test_projection_opt_in_events(store, kwargs, expected):
    assert set(_edges(actor_graph(store, **kwargs))) - set(_edges(actor_graph(store))) == expected


def test_projection_per_event_edges(store):
    G = actor_graph(store, aggregate=False)
    assert G.number_of_edges() == 8
    assert G.number_of_edges(ISR, HEZ) == 2
    assert all(d["count"] == 1 and k == d["evidence"][0].event for *_, k, d in G.edges(keys=True, data=True))


@pytest.mark.parametrize("kwargs, events", [
    ({"start": "2024-10-12"}, 5),                     # d2 (3) + d3 (2)
    ({"end": dt.date(2024, 10, 11)}, 3),              # d1 only
    ({"start": "2024-10-11", "end": "2024-10-13"}, 3),
    ({"documents": ["d3"]}, 2),
    ({"event_types": ["19"]}, 3),
    ({"event_types": ["020", "043"]}, 3),
    ({"quad_classes": [3, 4]}, 5),
    ({"quad_classes": [1]}, 3),
    ({"actors": ["Hezbollah"]}, 3),
    ({"actors": ["netanyahu", XSS]}, 2),
])
def test_projection_filters(store, kwargs, events):
    G = actor_graph(store, **kwargs)
    assert sum(d["count"] for *_, d in G.edges(data=True)) == events


@pytest.mark.parametrize("kwargs, message", [
    ({"start": "yesterday"}, "not a date"),
    ({"start": "2024-10-12", "end": "2024-10-01"}, "empty"),
    ({"event_types": ["x9"]}, "CAMEO"),
    ({"quad_classes": [5]}, "quad classes"),
    ({"modalities": ["sure"]}, "modalities"),
])
def test_projection_bad_filters(store, kwargs, message):
    with pytest.raises(GraphError, match=message):
        actor_graph(store, **kwargs)


def test_projection_unknown_actor(store):
    with pytest.raises(ActorNotFound):
        actor_graph(store, actors=["Atlantis"])


@pytest.mark.parametrize("name, expected", [
    ("Qatar", "Qatar"), ("qatar", "Qatar"), ("Netanyahu", "Benjamin Netanyahu"), ("hezb", "Hezbollah"),
    ("<script>", XSS),
])
def test_projection_resolve_actor(store, name, expected):
    assert resolve_actor(store, name) == iri(expected)


def test_projection_full_graph_has_concepts_and_affiliations(store):
    G = full_graph(store)
    assert G.nodes[iri("ceasefire proposal")]["type"] == "Other"
    assert G.edges[NET, ISR, "affiliated with"]["kind"] == "affiliation"
    assert G.graph["kind"] == "full"


def test_projection_country_rollup(store):
    C = country_graph(actor_graph(store))
    assert sorted(C) == ["EGY", "ISR", "LBN", "PSE", "QAT"]
    assert C.nodes["ISR"]["label"] == "Israel"
    assert sorted(C.nodes["ISR"]["members"]) == sorted([ISR, NET])
    assert sorted((u, k, v, d["count"]) for u, v, k, d in C.edges(keys=True, data=True)) == [
        ("EGY", "urge", "QAT", 1),
        ("ISR", "criticize", "QAT", 1),
        ("ISR", "strike", "LBN", 2),
        ("LBN", "strike", "ISR", 1),
        ("QAT", "host", "PSE", 1),
        ("QAT", "urge", "ISR", 1),
    ]
    assert C.edges["ISR", "LBN", "strike"]["goldstein_sum"] == -20.0


def test_projection_empty_store():
    with Store.memory() as st:
        G = actor_graph(st)
    assert G.number_of_nodes() == G.number_of_edges() == 0


def test_projection_on_disk_store(tmp_path):
    build_sample_store(tmp_path / "st").close()
    with Store.open(tmp_path / "st") as st:
        assert actor_graph(st).number_of_edges() == 7
