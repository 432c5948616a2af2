"""Ego networks for the explorer: an actor's as the ``kg viz`` page, a concept's as an SVG.

:func:`ego_page` (run in a query worker, next to the store) draws an actor's ego
graph with the same offline vis-network page as ``kg viz``; the explorer shows it
in a same-origin frame. A concept is no node of the actor graph: :func:`ego_svg`
lays the actors linked to it out on a circle, drawn as inline SVG by the concept
page (no script, nothing fetched, every label escaped by the template).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

__all__ = ["EgoNode", "EgoEdge", "EgoDrawing", "ego_svg", "ego_page", "EGO_QUERY"]

EGO_QUERY = """
SELECT ?other (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) ?dir ?pred (COUNT(DISTINCT ?e) AS ?n) WHERE {
  { ?e kgo:agent %(iri)s ; kgo:patient ?other . BIND("out" AS ?dir) }
  UNION
  { ?e kgo:patient %(iri)s ; kgo:agent ?other . BIND("in" AS ?dir) }
  ?e kgo:predicate ?pred .
  OPTIONAL { ?other rdfs:label ?l }
  OPTIONAL { ?other a ?t }
}
GROUP BY ?other ?dir ?pred
ORDER BY DESC(?n) ?pred
LIMIT 400
"""
"""Neighbours of an actor (``%(iri)s`` is a SPARQL IRI term) with predicates and counts."""


def ego_page(store: Any, iri: str, *, max_nodes: int = 60) -> str:
    """The standalone offline ``kg viz`` page of the ego network of ``iri`` (runs in a worker).

    Every event of the actor is drawn, negated and hedged ones too, as in the events
    table beside it; above ``max_nodes`` the view keeps the most central (and says so).
    """
    from kg import analytics, viz

    graph = analytics.actor_graph(store, actors=[iri], include_negated=True, modalities=None)
    label = graph.nodes[iri].get("label", iri) if iri in graph else iri
    html: str = viz.render_html(graph, title=f"Ego network of {label}", focus=iri, depth=1, max_nodes=max_nodes)
    return html


@dataclass(frozen=True, slots=True)
class EgoNode:
    iri: str
    label: str
    type: str
    x: float
    y: float
    center: bool = False


@dataclass(frozen=True, slots=True)
class EgoEdge:
    source: EgoNode
    target: EgoNode
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class EgoDrawing:
    width: int
    height: int
    nodes: tuple[EgoNode, ...]
    edges: tuple[EgoEdge, ...]
    hidden: int = 0


def ego_svg(iri: str, label: str, rows: list[dict[str, Any]], *, max_nodes: int = 24, size: int = 560) -> EgoDrawing:
    """Positions for an SVG drawing of an actor and its neighbours (rows of :data:`EGO_QUERY`).

    >>> d = ego_svg("urn:a", "A", [{"other": "urn:b", "label": "B", "type": "x#Person", "dir": "out", "pred": "meet", "n": 2}])
    >>> [(n.label, n.center) for n in d.nodes], [(e.source.label, e.label, e.target.label) for e in d.edges]
    ([('A', True), ('B', False)], [('A', 'meet', 'B')])
    """
    weight: dict[str, int] = {}
    info: dict[str, tuple[str, str]] = {}
    for row in rows:
        other = row["other"]
        if other == iri:
            continue
        weight[other] = weight.get(other, 0) + int(row.get("n") or 1)
        info.setdefault(other, (str(row.get("label") or other.rsplit("/", 1)[-1]), str(row.get("type") or "").rsplit("#", 1)[-1]))
    kept = sorted(weight, key=lambda o: (-weight[o], info[o][0]))[:max_nodes]
    half = size / 2
    center = EgoNode(iri, label, "", half, half, center=True)
    nodes = {iri: center}
    radius = half - 60
    for i, other in enumerate(kept):
        angle = 2 * math.pi * i / max(1, len(kept)) - math.pi / 2
        nodes[other] = EgoNode(other, info[other][0], info[other][1],
                               round(half + radius * math.cos(angle), 1), round(half + radius * math.sin(angle), 1))
    preds: dict[tuple[str, str], set[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        other = row["other"]
        if other in nodes and other != iri:
            key = (other, str(row["dir"]))
            preds.setdefault(key, set()).add(str(row["pred"]))
            counts[key] = counts.get(key, 0) + int(row.get("n") or 1)
    edges = []
    for (other, direction), names in preds.items():
        text = ", ".join(sorted(names))
        source, target = (center, nodes[other]) if direction == "out" else (nodes[other], center)
        edges.append(EgoEdge(source, target, text if len(text) <= 40 else text[:39] + "…", counts[(other, direction)]))
    return EgoDrawing(size, size, tuple(nodes.values()), tuple(edges), hidden=len(weight) - len(kept))
