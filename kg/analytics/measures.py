"""Measures and questions over actor graphs: free functions returning plain data.

They take the multigraphs of :mod:`kg.analytics.projection` (edges carry a
``count``; aggregated or per-event) but work on any NetworkX graph: a missing
``count`` counts as 1, a missing ``label`` is the node key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, Literal

import networkx as nx

from kg.analytics._common import node_label
from kg.errors import ActorNotFound, GraphError

__all__ = [
    "ActorPath",
    "Dyad",
    "Measure",
    "PathEdge",
    "PathStep",
    "RankedActor",
    "TimelineEntry",
    "centrality",
    "collapse",
    "communities",
    "dyads",
    "ego_network",
    "shortest_paths",
    "timeline",
    "top_actors",
]

Measure = Literal["degree", "pagerank", "betweenness"]
_MEASURES = ("degree", "pagerank", "betweenness")


@dataclass(frozen=True, slots=True)
class RankedActor:
    """An actor with its centrality score and its number of events."""

    node: Hashable
    label: str
    type: str
    score: float
    events: int


@dataclass(frozen=True, slots=True)
class PathEdge:
    """The events of one relation between two consecutive actors of a path."""

    agent: Hashable
    patient: Hashable
    relation: str
    count: int
    evidence: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class PathStep:
    """One hop of a path: from ``source`` to ``target`` through ``edges`` (either direction)."""

    source: Hashable
    target: Hashable
    edges: tuple[PathEdge, ...]


@dataclass(frozen=True, slots=True)
class ActorPath:
    """A shortest path between two actors and the events along it."""

    nodes: tuple[Hashable, ...]
    steps: tuple[PathStep, ...]

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True, slots=True)
class Dyad:
    """The events from ``source`` to ``target`` (or between them, undirected), GDELT-style.

    ``goldstein`` is the sum of the Goldstein values of the coded events: above
    zero the dyad leans to cooperation, below to conflict. ``quad_counts`` are
    the event counts of quad classes 1 to 4.
    """

    source: Hashable
    target: Hashable
    count: int
    goldstein: float
    coded: int
    quad_counts: tuple[int, int, int, int]
    relations: tuple[str, ...]

    @property
    def cooperation(self) -> int:
        """Events of quad classes 1 and 2."""
        return self.quad_counts[0] + self.quad_counts[1]

    @property
    def conflict(self) -> int:
        """Events of quad classes 3 and 4."""
        return self.quad_counts[2] + self.quad_counts[3]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event of an actor, as agent or patient, with its evidence."""

    date: dt.date | None
    role: Literal["agent", "patient"]
    relation: str
    other: Hashable
    other_label: str
    negated: bool
    modality: str
    code: str | None
    goldstein: float | None
    title: str | None
    sentence: str | None
    event: str | None


def _count(data: dict[str, Any]) -> int:
    return int(data.get("count", 1))


def collapse(G: nx.Graph, *, directed: bool = True) -> nx.Graph:
    """A simple graph with ``weight`` = total event count per pair; self-loops dropped.

    >>> M = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "a"), ("b", "b")])
    >>> sorted(collapse(M).edges(data="weight"))
    [('a', 'b', 2), ('b', 'a', 1)]
    >>> sorted(collapse(M, directed=False).edges(data="weight"))
    [('a', 'b', 3)]
    """
    H: nx.Graph = nx.DiGraph() if directed and G.is_directed() else nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        if H.has_edge(u, v):
            H[u][v]["weight"] += _count(data)
        else:
            H.add_edge(u, v, weight=_count(data))
    return H


def centrality(G: nx.Graph, measure: Measure = "pagerank", *, seed: int = 7) -> dict[Hashable, float]:
    """A centrality score per node.

    * ``degree``: the share of the other actors an actor has any event with;
    * ``pagerank``: PageRank (damping 0.85) of the directed graph, edges weighted
      by their event counts;
    * ``betweenness``: the share of shortest paths (undirected, unweighted) that
      pass through an actor; sampled from 500 sources above 2,000 nodes.

    Raises:
        GraphError: unknown ``measure``.

    >>> G = nx.MultiDiGraph([("a", "c"), ("b", "c"), ("c", "a"), ("c", "b")])
    >>> {n: round(s, 4) for n, s in centrality(G, "pagerank").items()}
    {'a': 0.2568, 'c': 0.4865, 'b': 0.2568}
    >>> centrality(nx.path_graph(3), "degree")
    {0: 0.5, 1: 1.0, 2: 0.5}
    >>> centrality(nx.path_graph(3), "betweenness")
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    if measure not in _MEASURES:
        raise GraphError(f"unknown measure {measure!r}; use one of {', '.join(_MEASURES)}")
    if G.number_of_nodes() == 0:
        return {}
    if measure == "pagerank":
        return nx.pagerank(collapse(G), weight="weight")
    H = collapse(G, directed=False)
    if measure == "degree":
        return nx.degree_centrality(H)
    k = 500 if H.number_of_nodes() > 2000 else None
    return nx.betweenness_centrality(H, k=k, seed=seed if k else None)


def _events(G: nx.Graph, node: Hashable) -> int:
    edges = list(G.out_edges(node, data=True)) + [e for e in G.in_edges(node, data=True) if e[0] != e[1]] \
        if G.is_directed() else list(G.edges(node, data=True))
    return sum(_count(d) for *_, d in edges)


def top_actors(G: nx.Graph, n: int = 10, *, measure: Measure = "pagerank") -> list[RankedActor]:
    """The ``n`` most central actors, best first (ties by label).

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("b", "d")])
    >>> [(r.node, r.events) for r in top_actors(G, 2, measure="degree")]
    [('b', 3), ('a', 1)]
    """
    scores = centrality(G, measure)
    ranked = sorted(scores, key=lambda v: (-scores[v], node_label(G, v), str(v)))[: max(0, n)]
    return [RankedActor(v, node_label(G, v), str(G.nodes[v].get("type", "Other")), float(scores[v]), _events(G, v))
            for v in ranked]


def communities(G: nx.Graph, *, seed: int = 42, resolution: float = 1.0) -> list[frozenset]:
    """Louvain communities of the undirected graph weighted by event counts.

    Deterministic for a given ``seed``; the largest community comes first (ties
    by their smallest label).

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"), ("c", "d")])
    >>> [sorted(c) for c in communities(G)]
    [['a', 'b', 'c'], ['d', 'e', 'f']]
    """
    H = collapse(G, directed=False)
    if H.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(H, weight="weight", resolution=resolution, seed=seed)
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(node_label(G, v) for v in c)))


def _check(G: nx.Graph, *nodes: Hashable) -> None:
    for node in nodes:
        if node not in G:
            raise ActorNotFound(f"{node!r} is not in the graph (left out by the filters?)")


def _step(G: nx.Graph, u: Hashable, v: Hashable, directed: bool) -> PathStep:
    pairs = [(u, v)] + ([(v, u)] if not directed and G.is_directed() and u != v else [])
    edges = []
    for a, b in pairs:
        if not G.has_edge(a, b):
            continue
        data = G.get_edge_data(a, b)
        items = data.items() if G.is_multigraph() else [(None, data)]
        for key, d in sorted(items, key=lambda kv: str(kv[0])):
            edges.append(PathEdge(a, b, str(d.get("relation", key if key is not None else "")), _count(d),
                                  tuple(d.get("evidence", ()))))
    return PathStep(u, v, tuple(edges))


def shortest_paths(
    G: nx.Graph, source: Hashable, target: Hashable, *, directed: bool = False, limit: int = 5
) -> list[ActorPath]:
    """Up to ``limit`` shortest paths from ``source`` to ``target``, with the events on each hop.

    By default direction is ignored (who acted on whom is shown on each edge);
    ``directed=True`` follows agent → patient only. No path gives ``[]``.

    Raises:
        ActorNotFound: ``source`` or ``target`` is not a node of ``G``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="meet", relation="meet", count=2)
    'meet'
    >>> G.add_edge("c", "b", key="strike", relation="strike", count=1)
    'strike'
    >>> [p.nodes for p in shortest_paths(G, "a", "c")]
    [('a', 'b', 'c')]
    >>> [(e.agent, e.relation, e.patient) for e in shortest_paths(G, "a", "c")[0].steps[1].edges]
    [('c', 'strike', 'b')]
    >>> shortest_paths(G, "a", "c", directed=True)
    []
    """
    _check(G, source, target)
    H = G if directed or not G.is_directed() else G.to_undirected(as_view=True)
    paths = []
    try:
        for nodes in nx.all_shortest_paths(H, source, target):
            paths.append(tuple(nodes))
            if len(paths) >= limit:
                break
    except nx.NetworkXNoPath:
        return []
    paths.sort(key=lambda p: [node_label(G, v) for v in p])
    return [ActorPath(p, tuple(_step(G, a, b, directed) for a, b in pairwise(p))) for p in paths]


def ego_network(G: nx.Graph, center: Hashable, *, radius: int = 1, undirected: bool = True) -> nx.Graph:
    """The actors within ``radius`` hops of ``center`` and every edge among them (a copy).

    Raises:
        ActorNotFound: ``center`` is not a node of ``G``.
        GraphError: ``radius`` is negative.

    >>> sorted(ego_network(nx.path_graph(5), 2, radius=1))
    [1, 2, 3]
    """
    _check(G, center)
    if radius < 0:
        raise GraphError(f"radius must be 0 or more, got {radius}")
    return nx.ego_graph(G, center, radius=radius, undirected=undirected).copy()


def dyads(G: nx.Graph, *, directed: bool = True) -> list[Dyad]:
    """Events per pair of actors with their cooperation/conflict balance (sum of Goldstein values).

    Directed dyads are (agent, patient); undirected ones merge both directions.
    The busiest dyad comes first; ties by the larger absolute balance.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="strike", relation="strike", count=2, goldstein_sum=-20.0, quad_class=4)
    'strike'
    >>> G.add_edge("b", "a", key="urge", relation="urge", count=1, goldstein_sum=3.0, quad_class=1)
    'urge'
    >>> [(d.source, d.target, d.count, d.goldstein, d.conflict) for d in dyads(G, directed=False)]
    [('a', 'b', 3, -17.0, 2)]
    """
    acc: dict[tuple[Hashable, Hashable], dict[str, Any]] = {}
    for u, v, data in G.edges(data=True):
        if data.get("kind") == "affiliation":
            continue
        pair = (u, v) if directed or str(u) <= str(v) else (v, u)
        slot = acc.setdefault(pair, {"count": 0, "gs": 0.0, "coded": 0, "quad": [0, 0, 0, 0], "rel": set()})
        n = _count(data)
        slot["count"] += n
        evidence = data.get("evidence") or ()
        if evidence:
            values = [ev.goldstein for ev in evidence if getattr(ev, "goldstein", None) is not None]
            slot["gs"] += sum(values)
            slot["coded"] += len(values)
        elif data.get("goldstein_sum") is not None or data.get("goldstein") is not None:
            gs = data.get("goldstein_sum")
            slot["gs"] += float(gs) if gs is not None else float(data["goldstein"]) * n
            slot["coded"] += n
        if data.get("quad_class") in (1, 2, 3, 4):
            slot["quad"][int(data["quad_class"]) - 1] += n
        slot["rel"].add(str(data.get("relation", "")))
    out = [Dyad(u, v, s["count"], round(s["gs"], 6), s["coded"], tuple(s["quad"]), tuple(sorted(s["rel"] - {""})))
           for (u, v), s in acc.items()]
    return sorted(out, key=lambda d: (-d.count, -abs(d.goldstein), str(d.source), str(d.target)))


def timeline(G: nx.Graph, actor: Hashable) -> list[TimelineEntry]:
    """The events of ``actor`` as agent and as patient, oldest first (undated last).

    Uses each edge's ``evidence`` (one entry per event); an edge without
    evidence gives one entry.

    Raises:
        ActorNotFound: ``actor`` is not a node of ``G``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="meet", relation="meet", first_date=dt.date(2024, 5, 2))
    'meet'
    >>> [(e.date.isoformat(), e.role, e.relation, e.other) for e in timeline(G, "b")]
    [('2024-05-02', 'patient', 'meet', 'a')]
    """
    _check(G, actor)
    edges = [("agent", v, d) for _, v, d in G.out_edges(actor, data=True)] + \
            [("patient", u, d) for u, _, d in G.in_edges(actor, data=True)] if G.is_directed() \
        else [("agent", v, d) for _, v, d in G.edges(actor, data=True)]
    out = []
    for role, other, data in edges:
        relation = str(data.get("relation", ""))
        for ev in data.get("evidence") or (None,):
            out.append(TimelineEntry(
                date=getattr(ev, "date", None) if ev else data.get("first_date"), role=role, relation=relation,
                other=other, other_label=node_label(G, other),
                negated=getattr(ev, "negated", data.get("negated", False)),
                modality=getattr(ev, "modality", data.get("modality", "asserted")),
                code=getattr(ev, "code", data.get("cameo")), goldstein=getattr(ev, "goldstein", data.get("goldstein")),
                title=getattr(ev, "title", None), sentence=getattr(ev, "sentence", None), event=getattr(ev, "event", None),
            ))
    return sorted(out, key=lambda e: (e.date is None, e.date or dt.date.min, e.role, e.relation, e.other_label,
                                      e.event or ""))
