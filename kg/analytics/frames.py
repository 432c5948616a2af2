"""pandas DataFrames of analysis results and graphs (pandas is imported only when called)."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import networkx as nx

from kg.analytics._common import node_label
from kg.analytics.exports import EDGE_COLUMNS, NODE_COLUMNS, _rows

__all__ = ["edges_frame", "nodes_frame", "to_frame"]


def _pandas() -> Any:
    from kg.extras import require

    return require("pandas", "a DataFrame")


def to_frame(data: Mapping[Hashable, float] | Sequence[Any], G: nx.Graph | None = None, *, name: str = "score") -> Any:
    """A DataFrame of an analysis result.

    A mapping node → value (a centrality) becomes columns ``node``, ``label``
    (when ``G`` is given) and ``name``, sorted by value; a list of dataclasses
    (:class:`RankedActor`, :class:`Dyad`, :class:`TimelineEntry`, …) one row per
    item; a list of node sets (communities) one row per node with its community
    number.

    Raises:
        MissingExtraError: pandas is not installed (an ImportError naming ``newskg[notebook]``).

    >>> import networkx as nx
    >>> to_frame({"a": 0.25, "b": 0.75}).to_dict("records")
    [{'node': 'b', 'score': 0.75}, {'node': 'a', 'score': 0.25}]
    >>> to_frame([frozenset({"x", "y"}), frozenset({"z"})]).to_dict("list")
    {'node': ['x', 'y', 'z'], 'community': [0, 0, 1]}
    """
    pd = _pandas()
    if isinstance(data, Mapping):
        rows = [{"node": n, **({"label": node_label(G, n)} if G is not None and n in G else {}), name: v}
                for n, v in data.items()]
        return pd.DataFrame(rows).sort_values(name, ascending=False, kind="stable").reset_index(drop=True)
    items = list(data)
    if items and all(isinstance(c, (set, frozenset)) for c in items):
        rows = [{"node": n, **({"label": node_label(G, n)} if G is not None else {}), "community": i}
                for i, c in enumerate(items) for n in sorted(c, key=str)]
        return pd.DataFrame(rows)
    if items and dataclasses.is_dataclass(items[0]):
        return pd.DataFrame([{f.name: getattr(x, f.name) for f in dataclasses.fields(x)} for x in items])
    return pd.DataFrame(items)


def nodes_frame(G: nx.Graph) -> Any:
    """The nodes of ``G`` with their flattened attributes (the CSV node list)."""
    return _pandas().DataFrame(_rows(G)[0], columns=list(NODE_COLUMNS))


def edges_frame(G: nx.Graph) -> Any:
    """The edges of ``G`` with their flattened attributes (the CSV edge list)."""
    return _pandas().DataFrame(_rows(G)[1], columns=list(EDGE_COLUMNS))
