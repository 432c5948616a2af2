"""Interactive, offline HTML views of actor graphs (vis-network, inlined).

Takes NetworkX graphs (those of :mod:`kg.analytics`, or any other); imports
neither rdflib nor the store, so it also works on graphs from elsewhere.

>>> import networkx as nx
>>> from kg.viz import render_html
>>> "vis.Network" in render_html(nx.path_graph(3))
True
"""

from __future__ import annotations

from kg.viz.layout import force_layout
from kg.viz.render import (
    NODE_COLORS,
    QUAD_COLORS,
    RankBy,
    View,
    render_html,
    view,
    write_html,
)

__all__ = [
    "NODE_COLORS",
    "QUAD_COLORS",
    "RankBy",
    "View",
    "force_layout",
    "render_html",
    "view",
    "write_html",
]
