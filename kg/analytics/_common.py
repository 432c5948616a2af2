"""Shared pieces of the analytics package: its errors, the evidence record, actor lookup, SPARQL text helpers.

Nothing here touches the store: these work on NetworkX graphs whose nodes carry
``label``/``type``/``aliases`` and whose edges carry ``count`` and ``evidence``
(the schema :mod:`kg.analytics.projection` builds; plain graphs work too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import ActorNotFound, GraphError
from kg.names import is_pronoun

__all__ = ["Evidence", "chunks", "find_actor", "find_actors", "node_label", "sparql_iri"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One event behind an edge: where and when it was read, and how firmly.

    ``date`` is the event's own date, else its document's publication date.
    """

    event: str
    sentence: str | None = None
    date: dt.date | None = None
    document: str | None = None
    doc_id: str | None = None
    title: str | None = None
    negated: bool = False
    modality: str = "asserted"
    code: str | None = None
    goldstein: float | None = None
    attributed_to: str | None = None


def node_label(G: nx.Graph, node: Hashable) -> str:
    """The ``label`` attribute of ``node``, else the node key as text.

    >>> G = nx.Graph([("a", "b")]); G.nodes["a"]["label"] = "Alpha"
    >>> node_label(G, "a"), node_label(G, "b")
    ('Alpha', 'b')
    """
    label = G.nodes[node].get("label")
    return str(label) if label else str(node)


def _strength(G: nx.Graph, node: Hashable) -> int:
    return sum(int(d.get("count", 1)) for *_, d in _incident(G, node))


def _incident(G: nx.Graph, node: Hashable) -> Iterable[tuple[Any, Any, dict]]:
    if G.is_directed():
        yield from G.out_edges(node, data=True)
        yield from (e for e in G.in_edges(node, data=True) if e[0] != e[1])
    else:
        yield from G.edges(node, data=True)


def find_actors(G: nx.Graph, name: str) -> list[Hashable]:
    """Nodes matching ``name``, best first.

    An exact node key first, then the ranking of :func:`kg.search.rank` (accents
    and case ignored: exact label, exact alias, initials, start of the label,
    start of words, anywhere); within a rank, the actor with more events first.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("u:1", label="Benjamin Netanyahu", aliases=("Netanyahu",))
    >>> G.add_node("u:2", label="Netanyahu government")
    >>> find_actors(G, "netanyahu")
    ['u:1', 'u:2']
    >>> find_actors(G, "Hamas")
    []
    """
    from kg.search import rank

    if not " ".join(name.split()):
        return []
    exact = [node for node in G if str(node) == name]
    found = rank(name, ((node, str(data.get("label") or node), [str(a) for a in data.get("aliases") or ()],
                         _strength(G, node)) for node, data in G.nodes(data=True) if str(node) != name))
    return exact + found


def refuse_pronoun(name: str) -> None:
    """Raise :class:`ActorNotFound` when ``name`` is a pronoun ("he", "both sides"): never an actor's name.

    >>> refuse_pronoun("Hezbollah")
    """
    if is_pronoun(name):
        raise ActorNotFound(f"{name.strip()!r} is a pronoun, not a name: give an actor's name "
                            "(`kg analyze` lists them)")


def find_actor(G: nx.Graph, name: str) -> Hashable:
    """The node that best matches ``name`` (see :func:`find_actors`).

    Raises:
        ActorNotFound: nothing matches, or ``name`` is a pronoun ("he"): pronouns are never names.

    >>> G = nx.MultiDiGraph(); G.add_node("u:1", label="Hamas")
    >>> find_actor(G, "hamas")
    'u:1'
    """
    refuse_pronoun(name)
    found = find_actors(G, name)
    if not found:
        raise ActorNotFound(f"no actor matches {name!r}; try `kg analyze` to list actors, or a shorter name")
    return found[0]


def sparql_iri(text: str) -> str:
    """``text`` as a SPARQL IRI term ``<...>``, refusing what is not an IRI (no query injection).

    >>> sparql_iri("urn:x:1")
    '<urn:x:1>'
    """
    if not re.fullmatch(r"[a-z][a-z0-9+.-]*:[^\s<>\"{}|^`\\]*", text, flags=re.IGNORECASE):
        raise GraphError(f"not an IRI: {text!r}")
    return f"<{text}>"


def chunks(items: list[str], size: int = 2000) -> Iterator[list[str]]:
    """``items`` in runs of ``size``: one ``VALUES`` block per query stays a size the store parses fast."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
