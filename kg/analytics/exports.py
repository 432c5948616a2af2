"""Actor graphs for other tools: GEXF (Gephi), GraphML (Gephi, Cytoscape, yEd), CSV node/edge lists,
and (through :mod:`kg.analytics.interchange`) Neo4j bulk-import CSVs and FollowTheMoney entities.

These formats take scalar attributes only, so :func:`exportable` flattens a
projection first: tuples become ``"; "``-joined text, dates ISO text, the
evidence its document ids and first sentence; ``None`` values are left out.
Article text ends up in the files as data: a spreadsheet may treat a cell that
starts with ``=`` as a formula, so open CSV files from untrusted text with care.
"""

from __future__ import annotations

import csv
import datetime as dt
from enum import StrEnum
from pathlib import Path
from collections.abc import Mapping
from typing import IO, Any

import networkx as nx

from kg.errors import GraphError
from kg.csvsafe import spreadsheet_safe

__all__ = [
    "EDGE_COLUMNS",
    "NODE_COLUMNS",
    "GraphFormat",
    "csv_paths",
    "export_graph",
    "exportable",
    "write_csv",
    "write_gexf",
    "write_graphml",
]

NODE_COLUMNS = ("id", "label", "type", "country", "code", "aliases", "roles")
EDGE_COLUMNS = ("source", "target", "source_label", "target_label", "relation", "weight", "negated", "modality",
                "cameo", "cameo_label", "quad_class", "goldstein", "goldstein_sum", "first_date", "last_date",
                "documents", "sentence", "kind")


class GraphFormat(StrEnum):
    """File formats of :func:`export_graph`, chosen by suffix."""

    GEXF = "gexf"
    GRAPHML = "graphml"
    CSV = "csv"
    NEO4J = "neo4j"
    FTM = "ftm"

    @classmethod
    def from_path(cls, path: str | Path) -> GraphFormat:
        """The format named by the suffix of ``path``.

        >>> GraphFormat.from_path("out/graph.GraphML"), GraphFormat.from_path("entities.ndjson")
        (<GraphFormat.GRAPHML: 'graphml'>, <GraphFormat.FTM: 'ftm'>)
        """
        suffix = Path(path).suffix.lower().lstrip(".")
        suffix = {"ndjson": "ftm", "ijson": "ftm"}.get(suffix, suffix)
        try:
            return cls(suffix)
        except ValueError:
            known = ", ".join("." + f.value for f in cls if f is not cls.NEO4J)
            raise GraphError(f"{path}: unknown graph format {Path(path).suffix!r}; use one of {known} "
                             "(or --format neo4j for a folder of neo4j-admin CSVs)") from None


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return "; ".join(str(v) for v in items) or None
    return str(value)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in ((k, _scalar(v)) for k, v in data.items()) if v is not None}


def exportable(G: nx.Graph) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar attributes only and unique edge keys ``e0``, ``e1``, …

    The node ``type`` becomes ``actor_type`` (GEXF reserves ``type``); edges get
    ``label`` = relation, ``weight`` = count, ``documents`` and ``sentence``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="A", type="Person", aliases=("Al", "Ay"))
    >>> G.add_edge("a", "b", key="meet", relation="meet", count=2)
    'meet'
    >>> X = exportable(G)
    >>> X.nodes["a"]
    {'label': 'A', 'aliases': 'Al; Ay', 'actor_type': 'Person'}
    >>> X.edges["a", "b", "e0"]["label"], X.edges["a", "b", "e0"]["weight"]
    ('meet', 2)
    """
    X = nx.MultiDiGraph() if G.is_directed() else nx.MultiGraph()
    for node, data in G.nodes(data=True):
        attrs = dict(data)
        if "type" in attrs:
            attrs["actor_type"] = attrs.pop("type")
        attrs.pop("members", None)
        X.add_node(str(node), **_clean(attrs))
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for i, (u, v, key, data) in enumerate(edges):
        attrs = {k: v for k, v in data.items() if k not in ("evidence", "type", "start", "end", "id")}
        evidence = data.get("evidence") or ()
        attrs["label"] = str(data.get("relation", key if key is not None else ""))
        attrs["weight"] = int(data.get("count", data.get("weight", 1)))
        attrs.pop("count", None)
        if evidence:
            attrs["documents"] = tuple(dict.fromkeys(str(getattr(ev, "doc_id", None) or getattr(ev, "document", ""))
                                                     for ev in evidence))
            attrs["sentence"] = getattr(evidence[0], "sentence", None)
        X.add_edge(str(u), str(v), key=f"e{i}", **_clean(attrs))
    X.graph.update(_clean({k: v for k, v in G.graph.items() if k not in ("node_default", "edge_default")}))
    return X


def write_gexf(G: nx.Graph, path: str | Path | IO[bytes]) -> None:
    """Write ``G`` as GEXF 1.2 (Gephi)."""
    nx.write_gexf(exportable(G), path)


def write_graphml(G: nx.Graph, path: str | Path | IO[bytes]) -> None:
    """Write ``G`` as GraphML (Gephi, Cytoscape, yEd)."""
    nx.write_graphml(exportable(G), path)


def _rows(G: nx.Graph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    X = exportable(G)
    nodes = [{"id": n, **{c: d.get("actor_type" if c == "type" else c) for c in NODE_COLUMNS[1:]}}
             for n, d in X.nodes(data=True)]
    label = {n: d.get("label", n) for n, d in X.nodes(data=True)}
    edges = [{"source": u, "target": v, "source_label": label[u], "target_label": label[v],
              "relation": d.get("relation", d.get("label")),
              **{c: d.get(c) for c in EDGE_COLUMNS[5:] if c != "relation"}}
             for u, v, d in X.edges(data=True)]
    return nodes, edges


def write_csv(G: nx.Graph, nodes_path: str | Path, edges_path: str | Path) -> None:
    """Write a node list and an edge list as CSV (UTF-8, header row; Gephi's spreadsheet import reads both).

    Text cells that a spreadsheet would run as a formula get a leading ``'`` (:func:`spreadsheet_safe`).
    """
    nodes, edges = _rows(G)
    for path, columns, rows in ((nodes_path, NODE_COLUMNS, nodes), (edges_path, EDGE_COLUMNS, edges)):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({k: spreadsheet_safe(v) if isinstance(v, str) else v for k, v in row.items()}
                             for row in rows)


def csv_paths(path: str | Path) -> tuple[Path, Path]:
    """The node and edge files written for ``path``: ``X.nodes.csv`` and ``X.edges.csv``.

    >>> [p.name for p in csv_paths("out/graph.csv")]
    ['graph.nodes.csv', 'graph.edges.csv']
    """
    path = Path(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(stem + ".nodes.csv"), path.with_name(stem + ".edges.csv")


def export_graph(G: nx.Graph, path: str | Path, fmt: GraphFormat | None = None, *,
                 countries: Mapping[str, str] | None = None) -> list[Path]:
    """Write ``G`` in the format named by ``fmt`` or by the suffix of ``path``; the files written.

    A ``.csv`` path gives two files, ``X.nodes.csv`` and ``X.edges.csv``;
    ``neo4j`` a folder with ``nodes.csv`` and ``relationships.csv``; ``ftm``
    (``.ftm``, ``.ndjson``) FollowTheMoney entities, with ``countries`` mapping
    ISO-3 to FtM's ISO-2 codes.

    Raises:
        GraphError: unknown format.
        OSError: the file cannot be written.
    """
    fmt = fmt or GraphFormat.from_path(path)
    path = Path(path)
    if fmt is GraphFormat.NEO4J:
        from kg.analytics.interchange import write_neo4j

        return write_neo4j(G, path)
    if fmt is GraphFormat.FTM:
        from kg.analytics.interchange import write_ftm

        return [write_ftm(G, path, countries)]
    if fmt is GraphFormat.CSV:
        nodes_path, edges_path = csv_paths(path)
        write_csv(G, nodes_path, edges_path)
        return [nodes_path, edges_path]
    (write_gexf if fmt is GraphFormat.GEXF else write_graphml)(G, path)
    return [path]
