"""Ego networks for the explorer: an actor's or a concept's, drawn by the offline ``kg viz`` page.

:func:`ego_page` runs in a query worker, next to the store; the explorer shows
its page in a same-origin, sandboxed frame.
"""

from __future__ import annotations

from typing import Any

from kg.rdf import iris

__all__ = ["ego_page"]


def ego_page(store: Any, iri: str, *, max_nodes: int = 60) -> str:
    """The standalone offline ``kg viz`` page of the ego network of ``iri`` (runs in a worker).

    Every event of the node is drawn, negated and hedged ones too, as in the events
    table beside it; above ``max_nodes`` the view keeps the most central (and says so).
    A concept is no node of the actor graph: its network is drawn from the full graph
    (actors with concept nodes).
    """
    from kg import analytics, viz

    node = iris.node_of(iri, base=store.base_iri)
    project = analytics.full_graph if node is not None and node[0] == "concept" else analytics.actor_graph
    graph = project(store, actors=[iri], include_negated=True, modalities=None)
    label = graph.nodes[iri].get("label", iri) if iri in graph else iri
    html: str = viz.render_html(graph, title=f"Ego network of {label}", focus=iri, depth=1, max_nodes=max_nodes)
    return html
