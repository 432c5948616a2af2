"""Graph analytics: project the store into NetworkX, then measure and ask questions.

* :mod:`~kg.analytics.projection`: store → graphs (actors, full, countries), with filters;
* :mod:`~kg.analytics.measures`: centrality, communities, paths, ego networks,
  dyads, timelines, as free functions over NetworkX graphs;
* :mod:`~kg.analytics.profile`: everything about one actor;
* :mod:`~kg.analytics.exports`: GEXF, GraphML, CSV; :mod:`~kg.analytics.frames`: pandas;
* :mod:`~kg.analytics.gdelt`: GDELT-style event rows (CSV, or GDELT's headerless TSV).

The measures need only NetworkX; the store-side names (``actor_graph``, …) load
rdflib and pyoxigraph on first use.

>>> import networkx as nx
>>> from kg.analytics import top_actors
>>> [r.node for r in top_actors(nx.MultiDiGraph([("a", "b"), ("c", "b")]), 1)]
['b']
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from kg.analytics._common import (
    Evidence,
    find_actor,
    find_actors,
    node_label,
)
from kg.analytics.exports import (
    GraphFormat,
    csv_paths,
    export_graph,
    exportable,
    write_csv,
    write_gexf,
    write_graphml,
)
from kg.analytics.frames import edges_frame, nodes_frame, to_frame
from kg.analytics.measures import (
    ActorPath,
    Dyad,
    Measure,
    PathEdge,
    PathStep,
    RankedActor,
    TimelineEntry,
    centrality,
    collapse,
    communities,
    dyads,
    ego_network,
    shortest_paths,
    timeline,
    top_actors,
)

_LAZY = {
    "actor_graph": "kg.analytics.projection",
    "full_graph": "kg.analytics.projection",
    "country_graph": "kg.analytics.projection",
    "country_labels": "kg.analytics.projection",
    "date_span": "kg.analytics.projection",
    "actor_candidates": "kg.analytics.projection",
    "find_in_store": "kg.analytics.projection",
    "write_neo4j": "kg.analytics.interchange",
    "write_ftm": "kg.analytics.interchange",
    "ftm_entities": "kg.analytics.interchange",
    "DateSpan": "kg.analytics.projection",
    "resolve_actor": "kg.analytics.projection",
    "node_attributes": "kg.analytics.projection",
    "DEFAULT_MODALITIES": "kg.analytics.projection",
    "MODALITIES": "kg.analytics.projection",
    "ActorProfile": "kg.analytics.profile",
    "GDELT_COLUMNS": "kg.analytics.gdelt",
    "GdeltActor": "kg.analytics.gdelt",
    "GdeltEvent": "kg.analytics.gdelt",
    "gdelt_actor": "kg.analytics.gdelt",
    "gdelt_events": "kg.analytics.gdelt",
    "write_gdelt": "kg.analytics.gdelt",
    "actor_profile": "kg.analytics.profile",
}

__all__ = [
    "DEFAULT_MODALITIES",
    "MODALITIES",
    "ActorPath",
    "ActorProfile",
    "Dyad",
    "Evidence",
    "GraphFormat",
    "Measure",
    "PathEdge",
    "PathStep",
    "RankedActor",
    "TimelineEntry",
    "actor_graph",
    "actor_profile",
    "centrality",
    "collapse",
    "communities",
    "country_graph",
    "country_labels",
    "csv_paths",
    "date_span",
    "DateSpan",
    "GDELT_COLUMNS",
    "GdeltActor",
    "GdeltEvent",
    "gdelt_actor",
    "gdelt_events",
    "write_gdelt",
    "actor_candidates",
    "find_in_store",
    "ftm_entities",
    "write_ftm",
    "write_neo4j",
    "dyads",
    "edges_frame",
    "ego_network",
    "export_graph",
    "exportable",
    "find_actor",
    "find_actors",
    "full_graph",
    "node_attributes",
    "node_label",
    "nodes_frame",
    "resolve_actor",
    "shortest_paths",
    "timeline",
    "to_frame",
    "top_actors",
    "write_csv",
    "write_gexf",
    "write_graphml",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg.analytics' has no attribute {name!r}")
