"""NetworkX actor graph → one self-contained, offline HTML page drawn by vis-network.

The page inlines vis-network (the copy PyVis ships), our script and our style
sheet; it loads nothing from the network. Graph data goes in as JSON inside a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
and the page's script puts every text from an article into the DOM with
``textContent`` only, so a label like ``<script>`` is shown, never run.

Positions are computed here (:func:`kg.viz.layout.force_layout`) and physics is
off, so a 2,000-node page is drawn at once instead of after minutes of settling.
Above ``max_nodes`` the page keeps the most central actors and says so.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import jinja2
import networkx as nx
from markupsafe import Markup

from kg.config import VIZ_MAX_NODES
from kg.errors import VizError
from kg.words import counted
from kg.viz.layout import force_layout, separate

__all__ = ["NODE_COLORS", "QUAD_COLORS", "RankBy", "View", "render_html", "view", "write_html"]

RankBy = Literal["pagerank", "degree", "betweenness"]

NODE_COLORS = {
    "Person": "#4e79a7", "Organization": "#b07aa1", "Country": "#edc948",
    "Group": "#76b7b2", "Location": "#9c755f", "Other": "#bab0ac",
}
QUAD_COLORS = {1: "#7bc96f", 2: "#1a9641", 3: "#f59e42", 4: "#d7191c", 0: "#a0a0a0"}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict", 0: "no CAMEO code"}
_RANK_NAMES = {"pagerank": "PageRank", "degree": "degree centrality", "betweenness": "betweenness centrality"}
_VIS = ("pyvis", "lib/vis-9.1.2/vis-network.min.js")


@cache
def _asset(package: str, name: str, *, inline: bool = True) -> str:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)  # devtools would fetch it
    if inline and re.search(r"</(script|style)|<!--", text, flags=re.IGNORECASE):
        raise VizError(f"{package}/{name} cannot be inlined: it contains a closing script or style tag")
    return text


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["counted"] = counted
    return env.from_string(_asset("kg.viz", "template.html", inline=False))


def _json(data: Any) -> Markup:
    """JSON that is safe inside a script element: no ``<``, ``>`` or ``&`` left to the HTML parser."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str, allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return Markup(text)


def _label(G: nx.Graph, node: Hashable) -> str:
    return str(G.nodes[node].get("label") or node)


def _find(G: nx.Graph, name: Hashable) -> Hashable:
    if name in G:
        return name
    want = " ".join(str(name).split()).casefold()
    tiers: list[list[Hashable]] = [[], [], []]
    for node, data in G.nodes(data=True):
        label = str(data.get("label") or node).casefold()
        aliases = [str(a).casefold() for a in data.get("aliases") or ()]
        if label == want:
            tiers[0].append(node)
        elif want in aliases:
            tiers[1].append(node)
        elif want and (want in label or any(want in a for a in aliases)):
            tiers[2].append(node)
    for tier in tiers:
        if tier:
            return max(tier, key=lambda n: (G.degree(n), -len(_label(G, n))))
    raise VizError(f"no actor in the graph matches {name!r}")


def _simple(G: nx.Graph, directed: bool) -> nx.Graph:
    H: nx.Graph = nx.DiGraph() if directed and G.is_directed() else nx.Graph()
    H.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        if u != v:
            w = int(data.get("count", 1))
            H.add_edge(u, v, weight=H[u][v]["weight"] + w if H.has_edge(u, v) else w)
    return H


def _scores(G: nx.Graph, rank_by: RankBy | Mapping[Hashable, float]) -> dict[Hashable, float]:
    if isinstance(rank_by, Mapping):
        return {n: float(rank_by.get(n, 0.0)) for n in G}
    if rank_by not in _RANK_NAMES:
        raise VizError(f"unknown rank_by {rank_by!r}; use one of {', '.join(_RANK_NAMES)} or a dict of scores")
    if G.number_of_nodes() == 0:
        return {}
    if rank_by == "pagerank":
        return nx.pagerank(_simple(G, True), weight="weight")
    H = _simple(G, False)
    if rank_by == "degree":
        return nx.degree_centrality(H) if len(H) > 1 else {n: 1.0 for n in H}
    k = 300 if len(H) > 2000 else None
    return nx.betweenness_centrality(H, k=k, seed=7 if k else None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _evidence(data: dict[str, Any], limit: int) -> list[list[str | None]]:
    out = []
    for ev in list(data.get("evidence") or ())[:limit]:
        get = ev.get if isinstance(ev, Mapping) else lambda k, _e=ev: getattr(_e, k, None)
        out.append([_text(get("date")), _text(get("title") or get("doc_id")), _text(get("sentence")),
                    "negated" if get("negated") else None,
                    _text(get("modality")) if get("modality") not in (None, "asserted") else None])
    return out


def _size(score: float, top: float) -> float:
    """A node's radius: 8 to 30 by the square root of its share of the top score."""
    return round(8 + 22 * math.sqrt(max(score, 0.0) / (top or 1.0)), 1)


VIEW_PX = (1150.0, 900.0)
"""The drawing area of a 1400×1000 window beside the legend: the first view is laid out for it."""


def _room_for_labels(H: nx.Graph, pos: dict, scores: dict[Hashable, float], rounds: int = 3) -> dict:
    """Spread the layout so no dot lies on another and the most central actors' names have room.

    The page draws labels 14 px high at every zoom; at the first view (the whole
    graph in :data:`VIEW_PX`) a name takes about ``7.5 px`` per character. The
    top tenth of the actors (at least 10) count as discs wide enough for their
    name, the others as their dot (above 2,000 actors all count as their dot); a
    few rounds re-estimate the first view's scale.
    """
    if len(pos) < 2:
        return pos
    top = max(scores.values(), default=0.0) or 1.0
    dots = {n: _size(scores.get(n, 0.0), top) for n in H}
    # above 2,000 actors names are legible only zoomed in: keep just the dots apart
    ranked = sorted(H, key=lambda n: -scores.get(n, 0.0))[: max(10, len(pos) // 10)] if len(pos) <= 2000 else []
    for _ in range(rounds):
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        scale = min(VIEW_PX[0] / max(max(xs) - min(xs), 1.0), VIEW_PX[1] / max(max(ys) - min(ys), 1.0)) * 0.9
        radius = dict(dots)
        for n in ranked:
            radius[n] = max(dots[n], (7.5 * len(_label(H, n)) / 2 + 4) / scale * 0.8)
        pos = separate(pos, radius)
    return pos


def _page_data(H: nx.Graph, scores: dict[Hashable, float], pos: dict, evidence_limit: int) -> dict[str, Any]:
    top = max(scores.values(), default=0.0) or 1.0
    ids = {node: i for i, node in enumerate(H)}
    nodes = []
    for node, data in H.nodes(data=True):
        x, y = pos[node]
        kind = str(data.get("type") or "Other")
        nodes.append({
            "id": ids[node], "iri": str(node), "label": _label(H, node),
            "type": kind if kind in NODE_COLORS else "Other",
            "country": _text(data.get("country")), "aliases": [str(a) for a in data.get("aliases") or ()][:12],
            "roles": [str(r) for r in data.get("roles") or ()][:6], "score": round(scores.get(node, 0.0), 6),
            "size": _size(scores.get(node, 0.0), top),
            "x": round(x, 1), "y": round(y, 1),
        })
    edges = []
    items = list(H.edges(keys=True, data=True) if H.is_multigraph() else
                 ((u, v, None, d) for u, v, d in H.edges(data=True)))
    pairs: dict[frozenset, int] = {}
    for u, v, *_ in items:
        pairs[frozenset((u, v))] = pairs.get(frozenset((u, v)), 0) + 1
    seen: dict[frozenset, int] = {}
    for i, (u, v, key, data) in enumerate(items):
        pair = frozenset((u, v))
        rank = seen[pair] = seen.get(pair, -1) + 1
        quad = data.get("quad_class")
        gs = data.get("goldstein")
        edges.append({
            "id": i, "from": ids[u], "to": ids[v],
            "rel": str(data.get("relation") or (key if key is not None else "")), "n": int(data.get("count", 1)),
            "code": _text(data.get("cameo")), "codeLabel": _text(data.get("cameo_label")),
            "gs": None if gs is None else float(gs), "gsSum": data.get("goldstein_sum"),
            "qc": int(quad) if quad in (1, 2, 3, 4) else 0,
            "flag": "negated" if data.get("negated") else (
                str(data["modality"]) if data.get("modality") not in (None, "asserted") else None),
            "kind": str(data.get("kind") or "event"),
            "ev": _evidence(data, evidence_limit),
            "more": max(0, len(data.get("evidence") or ()) - evidence_limit),
            "curve": round(0.15 * (1 + rank), 2) if pairs[pair] > 1 and u != v else 0,
        })
    return {"nodes": nodes, "edges": edges}


def render_html(
    G: nx.Graph,
    *,
    title: str = "newskg graph",
    max_nodes: int | None = VIZ_MAX_NODES,
    rank_by: RankBy | Mapping[Hashable, float] = "pagerank",
    focus: Hashable | None = None,
    depth: int = 1,
    physics: bool = False,
    seed: int = 7,
    evidence_limit: int = 5,
    hidden: Iterable[tuple[str, Sequence[str], str]] = (),
) -> str:
    """A standalone HTML page that draws ``G`` (offline: no network request).

    Node colour shows the actor type, node size the ``rank_by`` score, edge
    colour the CAMEO quad class (cooperation green to conflict red); edge
    labels name the relation. Tooltips show the evidence (relation, date,
    document title, sentence) as text. The page has a search box, type and
    event-class filters and a legend.

    Args:
        G: a graph from :mod:`kg.analytics` (or any NetworkX graph: a missing
            ``label`` is the node key, a missing ``type`` is "Other").
        title: the page title (shown as text).
        max_nodes: above this many nodes keep only the most central ones by
            ``rank_by`` (the page says so); ``None`` keeps all.
        rank_by: "pagerank", "degree", "betweenness", or a dict node → score.
        focus: draw only the ego network of this node (a node key or a name).
        depth: the radius of that ego network, in hops (direction ignored).
        physics: let vis-network move the nodes after the precomputed layout
            (settling capped at 150 iterations).
        seed: layout seed; the same graph and seed give the same page.
        evidence_limit: events listed per edge tooltip.
        hidden: ``(label, aliases, why)`` of actors that exist but are not in
            ``G`` (e.g. filtered out of the projection): searching one says it
            is there and why it is not drawn. Nodes of ``G`` left out by
            ``max_nodes`` or ``focus`` are added with their reason.

    Raises:
        VizError: ``focus`` matches no node, or an option cannot work.

    >>> import networkx as nx
    >>> page = render_html(nx.path_graph(["a", "b", "c"]), title="A & B")
    >>> page.startswith("<!DOCTYPE html>"), "<title>A &amp; B</title>" in page
    (True, True)
    """
    if max_nodes is not None and max_nodes < 1:
        raise VizError(f"max_nodes must be at least 1, got {max_nodes}")
    if depth < 0:
        raise VizError(f"depth must be 0 or more, got {depth}")
    H = G
    notes = []
    center = None
    if focus is not None:
        center = _find(G, focus)
        H = nx.ego_graph(G, center, radius=depth, undirected=True)
        notes.append(f"Ego network of {_label(G, center)} ({counted(depth, 'hop')}).")
    ego = H
    scores = _scores(H, rank_by)
    total = H.number_of_nodes()
    rule = "the given scores" if isinstance(rank_by, Mapping) else _RANK_NAMES[rank_by]
    if max_nodes is not None and total > max_nodes:
        ranked = sorted(H, key=lambda n: (-scores.get(n, 0.0), _label(H, n), str(n)))
        keep = ranked[:max_nodes]
        if center is not None and center not in keep:
            keep = [center, *keep[:-1]]
        H = H.subgraph(keep)
        notes.append(f"Showing the {max_nodes:,} most central of {total:,} actors (by {rule}); "
                     "raise max_nodes (--max-nodes) to see more.")
    absent = [(str(label), [str(a) for a in aliases][:12], str(why)) for label, aliases, why in hidden]
    for node in G:
        if node not in H:
            why = (f"only the {max_nodes:,} most central actors are drawn; raise --max-nodes (max_nodes)"
                   if center is None or node in ego else f"it is more than {counted(depth, 'hop')} from "
                   f"{_label(G, center)}; raise --depth or drop --focus")
            absent.append((_label(G, node), [str(a) for a in G.nodes[node].get("aliases") or ()][:12], why))
    pos = force_layout(H, seed=seed, spacing=110.0, aspect=1.4)  # a landscape window, legend aside
    pos = _room_for_labels(H, pos, scores)
    data = _page_data(H, scores, pos, evidence_limit)
    types = sorted({n["type"] for n in data["nodes"]}, key=list(NODE_COLORS).index)
    quads = sorted({e["qc"] for e in data["edges"]}, key=lambda q: (q == 0, q))
    config = {
        "physics": bool(physics), "nodeColors": NODE_COLORS, "quadColors": {str(k): v for k, v in QUAD_COLORS.items()},
        "quadNames": {str(k): v for k, v in QUAD_NAMES.items()}, "rankBy": rule, "big": H.number_of_nodes() > 1000,
        "focus": None if center is None else list(H).index(center),
        "hidden": absent[:20_000],
    }
    return _template().render(
        title=title, notes=notes, n_nodes=H.number_of_nodes(), n_edges=H.number_of_edges(),
        types=[(t, NODE_COLORS[t]) for t in types], quads=[(q, QUAD_COLORS[q], QUAD_NAMES[q]) for q in quads],
        data=_json(data), config=_json(config),
        vis_js=Markup(_asset(*_VIS)), view_js=Markup(_asset("kg.viz", "static/view.js")),
        view_css=Markup(_asset("kg.viz", "static/view.css")),
    )


def write_html(
    G: nx.Graph,
    path: str | Path,
    *,
    title: str = "newskg graph",
    max_nodes: int | None = VIZ_MAX_NODES,
    rank_by: RankBy | Mapping[Hashable, float] = "pagerank",
    focus: Hashable | None = None,
    depth: int = 1,
    physics: bool = False,
    seed: int = 7,
    hidden: Iterable[tuple[str, Sequence[str], str]] = (),
) -> Path:
    """Write the page of :func:`render_html` (same options) to ``path``; returns the path.

    Raises:
        VizError: as :func:`render_html`.
        OSError: the file cannot be written.
    """
    page = render_html(G, title=title, max_nodes=max_nodes, rank_by=rank_by, focus=focus, depth=depth,
                       physics=physics, seed=seed, hidden=hidden)
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class View:
    """A rendered page that shows itself inline in Jupyter (in an ``<iframe srcdoc>``).

    The page is escaped into the ``srcdoc`` attribute, so it draws in a
    notebook without a server, a file or the network.
    """

    html: str
    height: int = 640

    def __repr__(self) -> str:  # the page is ~0.5 MB: keep it out of text/plain outputs and tracebacks
        return f"<View: {len(self.html):,} characters of HTML, {int(self.height)}px high>"

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                f'style="width:100%;height:{int(self.height)}px;border:1px solid #ddd" '
                f'title="newskg graph view"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the standalone page to ``path``."""
        path = Path(path)
        path.write_text(self.html, encoding="utf-8")
        return path


def view(
    G: nx.Graph,
    *,
    title: str = "newskg graph",
    max_nodes: int | None = VIZ_MAX_NODES,
    rank_by: RankBy | Mapping[Hashable, float] = "pagerank",
    focus: Hashable | None = None,
    depth: int = 1,
    physics: bool = False,
    height: int = 640,
) -> View:
    """The page of :func:`render_html` as a :class:`View` for Jupyter (display it, or ``.save(path)``).

    >>> import networkx as nx
    >>> v = view(nx.path_graph(2))
    >>> v._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """
    page = render_html(G, title=title, max_nodes=max_nodes, rank_by=rank_by, focus=focus, depth=depth,
                       physics=physics)
    return View(page, height)
