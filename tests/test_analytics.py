"""Measures, questions and exports, each checked against values worked out by hand.

Hand-built NetworkX graphs for the measures themselves; the sample store of
``test_analytics_store`` (a tree, see its docstring) for the same measures on a
projection.
"""

from __future__ import annotations

import csv
import datetime as dt

import networkx as nx
import pytest
from test_analytics_store import (
    EGY,
    HAM,
    HEZ,
    ISR,
    NET,
    QAT,
    XS,
    XSS,
    build_sample_store,
)

from kg.analytics import (
    actor_graph,
    actor_profile,
    centrality,
    collapse,
    communities,
    country_graph,
    dyads,
    edges_frame,
    ego_network,
    export_graph,
    find_actor,
    nodes_frame,
    shortest_paths,
    timeline,
    to_frame,
    top_actors,
)
from kg.errors import ActorNotFound, GraphError


@pytest.fixture(scope="module")
def store():
    st = build_sample_store()
    yield st
    st.close()


@pytest.fixture(scope="module")
def G(store):
    return actor_graph(store)


# ---------------------------------------------------------------- hand-built graphs


@pytest.mark.parametrize("weights, expected", [
    # a→c, b→c, c→a, c→b: pr(c) = .05 + .85(pr(a)+pr(b)), pr(a) = pr(b) = .05 + .425 pr(c)
    ((1, 1), {"a": 0.256757, "b": 0.256757, "c": 0.486486}),
    # c→a three events, c→b one: pr(a) = .05 + .85·.75·pr(c), pr(b) = .05 + .85·.25·pr(c)
    ((3, 1), {"a": 0.360135, "b": 0.153378, "c": 0.486486}),
])
def test_analytics_pagerank_weighted_by_counts(weights, expected):
    M = nx.MultiDiGraph()
    M.add_edge("a", "c", count=1)
    M.add_edge("b", "c", count=1)
    for _ in range(weights[0]):  # parallel per-event edges count like one aggregated edge
        M.add_edge("c", "a", count=1)
    M.add_edge("c", "b", count=weights[1])
    assert centrality(M, "pagerank") == pytest.approx(expected, abs=1e-5)


def test_analytics_collapse_sums_counts_and_drops_loops():
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", count=2)
    M.add_edge("a", "b", count=3)
    M.add_edge("b", "a")
    M.add_edge("a", "a", count=9)
    assert sorted(collapse(M).edges(data="weight")) == [("a", "b", 5), ("b", "a", 1)]
    assert sorted(collapse(M, directed=False).edges(data="weight")) == [("a", "b", 6)]


@pytest.mark.parametrize("measure", ["degree", "pagerank", "betweenness"])
def test_analytics_centrality_empty_graph(measure):
    assert centrality(nx.MultiDiGraph(), measure) == {}


def test_analytics_unknown_measure():
    with pytest.raises(GraphError, match="unknown measure"):
        centrality(nx.MultiDiGraph([(1, 2)]), "closeness")


def test_analytics_communities_two_triangles():
    M = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"), ("c", "d")])
    assert communities(M) == [frozenset("abc"), frozenset("def")]
    assert communities(M) == communities(M)  # fixed seed: deterministic


def test_analytics_find_actor():
    M = nx.MultiDiGraph()
    M.add_node("i:1", label="Benjamin Netanyahu", aliases=("Netanyahu", "Bibi"))
    M.add_node("i:2", label="Netanyahu government")
    assert find_actor(M, "bibi") == "i:1"
    assert find_actor(M, "Netanyahu government") == "i:2"
    with pytest.raises(ActorNotFound):
        find_actor(M, "Gantz")


# ---------------------------------------------------------------- the sample store (a tree of 7 actors)


def test_analytics_degree_centrality(G):
    # degree / (n - 1): Qatar has 4 neighbours of 6, Israel and Netanyahu 2, the leaves 1
    assert centrality(G, "degree") == pytest.approx(
        {QAT: 4 / 6, ISR: 2 / 6, NET: 2 / 6, HAM: 1 / 6, HEZ: 1 / 6, XS: 1 / 6, EGY: 1 / 6})


def test_analytics_betweenness_centrality(G):
    # pairs separated by removing the node, over C(6, 2) = 15: Qatar splits {HAM} {ISR, HEZ} {NET, XSS} {EGY}:
    # (6² − (1 + 4 + 4 + 1)) / 2 = 13; Israel and Netanyahu each separate one leaf from 5 others
    assert centrality(G, "betweenness") == pytest.approx(
        {QAT: 13 / 15, ISR: 5 / 15, NET: 5 / 15, HAM: 0, HEZ: 0, XS: 0, EGY: 0})


def test_analytics_pagerank_fixed_point(G):
    # every score satisfies pr(v) = (1 − d)/n + d·(Σ_{u→v} pr(u)·w(u,v)/W(u) + Σ_{u dangling} pr(u)/n)
    pr, d, n = centrality(G, "pagerank"), 0.85, 7
    out = {u: sum(c for *_, c in G.out_edges(u, data="count")) for u in G}
    dangling = sum(pr[u] for u in G if out[u] == 0)
    for v in G:
        inflow = sum(pr[u] * c / out[u] for u, _, c in G.in_edges(v, data="count"))
        assert pr[v] == pytest.approx((1 - d) / n + d * (inflow + dangling / n), abs=1e-5)  # nx stops at tol 1e-6 per node
    assert sum(pr.values()) == pytest.approx(1.0)
    # Israel and Hezbollah strike each other three times: the cycle holds most of the rank
    assert sorted(pr, key=pr.get, reverse=True)[:3] == [ISR, HEZ, QAT]


def test_analytics_top_actors(G):
    top = top_actors(G, 3, measure="degree")
    # ties between Israel and Netanyahu are broken by label
    assert [(r.label, r.events) for r in top] == [("Qatar", 4), ("Benjamin Netanyahu", 2), ("Israel", 4)]
    assert top[0].type == "Country" and top[0].score == pytest.approx(4 / 6)


def test_analytics_communities_partition(G):
    found = communities(G)
    assert set().union(*found) == set(G) and sum(map(len, found)) == len(G)
    assert found == communities(G)


def test_analytics_shortest_path_with_events(G):
    (path,) = shortest_paths(G, HEZ, XS)
    assert path.nodes == (HEZ, ISR, QAT, NET, XS)
    first = path.steps[0]
    assert sorted((e.agent, e.relation, e.patient, e.count) for e in first.edges) == \
        sorted([(HEZ, "strike", ISR, 1), (ISR, "strike", HEZ, 2)])
    assert path.steps[-1].edges[0].evidence[0].sentence == f"{XSS} accuse Benjamin Netanyahu (event 9)."
    assert shortest_paths(G, HEZ, XS, directed=True) == []


def test_analytics_shortest_path_unknown_node(G):
    with pytest.raises(ActorNotFound):
        shortest_paths(G, HEZ, "nobody")


@pytest.mark.parametrize("radius, expected", [
    (0, {QAT}), (1, {QAT, HAM, ISR, NET, EGY}), (2, {QAT, HAM, ISR, NET, EGY, HEZ, XS}),
])
def test_analytics_ego_network(G, radius, expected):
    ego = ego_network(G, QAT, radius=radius)
    assert set(ego) == expected
    assert ego.number_of_edges() == sum(1 for u, v in G.edges() if u in expected and v in expected)


def test_analytics_dyads_directed(G):
    got = {(d.source, d.target): (d.count, d.goldstein, d.quad_counts) for d in dyads(G)}
    assert got == {
        (ISR, HEZ): (2, -20.0, (0, 0, 0, 2)),
        (HEZ, ISR): (1, -10.0, (0, 0, 0, 1)),
        (QAT, HAM): (1, 2.8, (1, 0, 0, 0)),
        (QAT, ISR): (1, 3.0, (1, 0, 0, 0)),
        (EGY, QAT): (1, 3.0, (1, 0, 0, 0)),
        (NET, QAT): (1, -2.0, (0, 0, 1, 0)),
        (XS, NET): (1, -2.0, (0, 0, 1, 0)),
    }
    assert (dyads(G)[0].source, dyads(G)[0].target) == (ISR, HEZ)


def test_analytics_dyads_undirected_balance(G):
    first = dyads(G, directed=False)[0]
    assert {first.source, first.target} == {ISR, HEZ}
    assert (first.count, first.goldstein, first.conflict, first.cooperation) == (3, -30.0, 3, 0)


def test_analytics_country_dyads(G):
    got = {(d.source, d.target): d.goldstein for d in dyads(country_graph(G), directed=False)}
    assert got[("ISR", "LBN")] == -30.0
    assert got[("ISR", "QAT")] == pytest.approx(1.0)  # Qatar urges Israel +3.0, Netanyahu criticizes Qatar −2.0


def test_analytics_timeline(G):
    got = [(e.date, e.role, e.relation, e.other_label) for e in timeline(G, ISR)]
    assert got == [
        (dt.date(2024, 10, 10), "patient", "urge", "Qatar"),
        (dt.date(2024, 10, 12), "agent", "strike", "Hezbollah"),
        (dt.date(2024, 10, 12), "agent", "strike", "Hezbollah"),
        (dt.date(2024, 10, 12), "patient", "strike", "Hezbollah"),
    ]
    assert timeline(G, ISR)[0].title == "Talks in Doha"


def test_analytics_actor_profile(store):
    p = actor_profile(store, "netanyahu")
    assert (p.label, p.type, p.country, p.roles, p.affiliations) == \
        ("Benjamin Netanyahu", "Person", "ISR", ("Prime Minister",), ("Israel",))
    assert "Netanyahu" in p.aliases
    assert [(e.relation, e.other_label) for e in p.as_agent] == [("criticize", "Qatar")]
    assert [(e.relation, e.other_label, e.sentence) for e in p.as_patient] == \
        [("accuse", XSS, f"{XSS} accuse Benjamin Netanyahu (event 9).")]


def test_analytics_actor_profile_includes_negated_and_hypothetical(store):
    p = actor_profile(store, "Egypt")
    assert sorted((e.role, e.relation, e.negated, e.modality) for e in (*p.as_agent, *p.as_patient)) == [
        ("agent", "back", False, "asserted"),
        ("agent", "meet", False, "hypothetical"),
        ("agent", "urge", False, "asserted"),
        ("patient", "attack", True, "asserted"),
    ]


# ---------------------------------------------------------------- exports and frames


@pytest.mark.parametrize("suffix, read", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_analytics_export_round_trip(G, tmp_path, suffix, read):
    (path,) = export_graph(G, tmp_path / f"g.{suffix}")
    back = read(path)
    assert back.number_of_nodes() == 7 and back.number_of_edges() == 7
    labels = {d["label"] for _, d in back.nodes(data=True)}
    assert XSS in labels and "Benjamin Netanyahu" in labels
    strikes = [d for u, v, d in back.edges(data=True) if u == ISR and v == HEZ]
    assert strikes[0]["relation"] == "strike" and float(strikes[0]["weight"]) == 2
    assert strikes[0]["documents"] == "d2"


def test_analytics_export_csv(G, tmp_path):
    nodes_path, edges_path = export_graph(G, tmp_path / "g.csv")
    assert (nodes_path.name, edges_path.name) == ("g.nodes.csv", "g.edges.csv")
    with open(nodes_path, encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with open(edges_path, encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert len(nodes) == 7 and len(edges) == 7
    assert {n["label"] for n in nodes if n["type"] == "Country"} == {"Qatar", "Israel", "Egypt"}
    row = next(e for e in edges if e["relation"] == "accuse")
    assert (row["source_label"], row["weight"], row["cameo"], row["goldstein"], row["first_date"]) == \
        (XSS, "1", "112", "-2.0", "2024-10-15")


def test_analytics_export_unknown_format(G, tmp_path):
    with pytest.raises(GraphError, match="unknown graph format"):
        export_graph(G, tmp_path / "g.dot")


def test_analytics_frames(G):
    pytest.importorskip("pandas")
    df = to_frame(centrality(G, "degree"), G)
    assert list(df.columns) == ["node", "label", "score"] and df.iloc[0]["label"] == "Qatar"
    assert len(to_frame(dyads(G))) == 7 and "goldstein" in to_frame(dyads(G)).columns
    assert len(to_frame(communities(G), G)) == 7
    assert len(nodes_frame(G)) == 7 and len(edges_frame(G)) == 7
