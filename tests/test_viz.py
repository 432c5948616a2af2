"""The HTML view without a browser: offline, escaped, capped, focused, deterministic.

The browser tests (drawing, search, tooltips) are in ``test_viz_browser.py``.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import networkx as nx
import pytest

from kg.viz import View, force_layout, render_html, view, write_html
from kg.errors import VizError
from kg.viz.render import _json

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<!--<script>",
    "\"quotes\" & 'apostrophes' <b>bold</b>",
    "line\u2028separator",
    "{{ jinja }} {% raw %}",
]


def _blocks(page: str) -> dict[str, object]:
    return {m.group(1): json.loads(m.group(2))
            for m in re.finditer(r'<script type="application/json" id="(kg-\w+)">(.*?)</script>', page, flags=re.DOTALL)}


class _ScriptTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "img", "object", "embed", "link"):
            self.found.append((tag, dict(attrs).get("type")))


def _tags(page: str) -> list[tuple[str, str | None]]:
    parser = _ScriptTags()
    parser.feed(page)
    return parser.found


def _hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i, label in enumerate(HOSTILE):
        G.add_node(f"urn:x:{i}", label=label, type="Organization", aliases=(label,))
    G.add_edge("urn:x:0", "urn:x:1", key="say", relation="</script>say", count=2,
               evidence=({"sentence": HOSTILE[0], "title": HOSTILE[2], "date": None},))
    return G


def test_viz_page_is_offline():
    page = render_html(_hostile_graph())
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", page, flags=re.DOTALL | re.IGNORECASE)
    assert not re.search(r"<(link|img|iframe|object|embed|base|audio|video|source)\b", markup, flags=re.IGNORECASE)
    assert not re.search(r"""\b(src|href|action|srcset|poster)\s*=""", markup, flags=re.IGNORECASE)
    styles = "".join(re.findall(r"<style>(.*?)</style>", page, flags=re.DOTALL))
    assert not re.search(r"@import|url\(", styles, flags=re.IGNORECASE)
    ours = page.split("<script>")[-1]
    assert not re.search(r"https?:|fetch\(|XMLHttpRequest|WebSocket|importScripts", ours)
    assert "default-src 'none'" in page  # the page's CSP forbids loading anything, as a second guard


def test_viz_hostile_labels_stay_in_their_script_block():
    page = render_html(_hostile_graph(), title="</title><script>alert(2)</script>")
    # as an HTML parser reads it: two JSON blocks, vis-network and our script, nothing else
    assert _tags(page) == [("script", "application/json"), ("script", "application/json"), ("script", None),
                           ("script", None)]
    assert len(re.findall(r"</script", page, flags=re.IGNORECASE)) == 4
    assert "<!--" not in page
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;</title>" in page
    data = _blocks(page)["kg-data"]
    assert sorted(n["label"] for n in data["nodes"]) == sorted(HOSTILE)
    (edge,) = data["edges"]
    assert edge["rel"] == "</script>say" and edge["ev"][0][1:3] == [HOSTILE[2], HOSTILE[0]]


@pytest.mark.parametrize("text", HOSTILE)
def test_viz_json_escapes_markup(text):
    out = str(_json({"t": text}))
    assert not set("<>&\u2028\u2029") & set(out)
    assert json.loads(out) == {"t": text}


def test_viz_page_uses_dom_text_only():
    page = render_html(nx.path_graph(2))
    script = page.split('<script>')[-1]
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", script)
    assert "textContent" in script


def test_viz_caps_nodes_and_says_so():
    G = nx.star_graph(60)  # node 0 is the hub
    page = render_html(G, max_nodes=10, rank_by="degree")
    data = _blocks(page)["kg-data"]
    assert len(data["nodes"]) == 10 and "0" in {n["label"] for n in data["nodes"]}
    assert "Showing the 10 most central of 61 actors (by degree centrality)" in page


def test_viz_no_cap_note_below_limit():
    assert "most central" not in render_html(nx.path_graph(5), max_nodes=5)


def test_viz_rank_by_scores_sizes_nodes():
    page = render_html(nx.path_graph(["a", "b", "c"]), rank_by={"a": 1.0, "b": 0.25, "c": 0.0})
    size = {n["label"]: n["size"] for n in _blocks(page)["kg-data"]["nodes"]}
    assert size == {"a": 30.0, "b": 19.0, "c": 8.0}  # 8 + 22·sqrt(score / top)


@pytest.mark.parametrize("focus, depth, expected", [
    (2, 1, [1, 2, 3]),
    (2, 2, [0, 1, 2, 3, 4]),
    ("node three", 1, [2, 3, 4]),
    (0, 0, [0]),
])
def test_viz_focus_draws_ego_network(focus, depth, expected):
    G = nx.path_graph(6)
    G.nodes[3]["label"] = "Node Three"
    page = render_html(G, focus=focus, depth=depth)
    data = _blocks(page)
    assert sorted(n["iri"] for n in data["kg-data"]["nodes"]) == [str(n) for n in expected]
    assert data["kg-config"]["focus"] is not None
    assert "Ego network of" in page


@pytest.mark.parametrize("kwargs, message", [
    ({"focus": "nobody"}, "no actor"),
    ({"max_nodes": 0}, "max_nodes"),
    ({"depth": -1}, "depth"),
    ({"rank_by": "closeness"}, "rank_by"),
])
def test_viz_bad_options(kwargs, message):
    with pytest.raises(VizError, match=message):
        render_html(nx.path_graph(3), **kwargs)


def test_viz_is_deterministic():
    G = nx.barabasi_albert_graph(300, 2, seed=3)
    assert render_html(G) == render_html(G)


def test_viz_empty_graph():
    page = render_html(nx.MultiDiGraph())
    assert _blocks(page)["kg-data"] == {"nodes": [], "edges": []}


def test_viz_parallel_and_reverse_edges_are_curved():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="x")
    G.add_edge("a", "b", key="y")
    G.add_edge("b", "a", key="z")
    G.add_edge("b", "c", key="w")
    curves = [e["curve"] for e in _blocks(render_html(G))["kg-data"]["edges"]]
    assert curves == [0.15, 0.3, 0.45, 0]


def test_viz_write_html_and_view(tmp_path):
    G = nx.path_graph(3)
    path = write_html(G, tmp_path / "g.html", title="t")
    page = path.read_text(encoding="utf-8")
    v = view(G, title="t", height=300)
    assert isinstance(v, View) and v.html == page
    frame = v._repr_html_()
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)" sandbox="allow-scripts" [^>]*></iframe>', frame).group(1)
    assert "<" not in srcdoc and html.unescape(srcdoc) == page
    assert "height:300px" in frame
    assert v.save(tmp_path / "v.html").read_text(encoding="utf-8") == page


def test_viz_layout_separates_components_and_is_stable():
    G = nx.disjoint_union_all([nx.complete_graph(5), nx.path_graph(4), nx.empty_graph(3)])
    pos = force_layout(G)
    assert pos == force_layout(G) and set(pos) == set(G)
    assert len({(round(x, 3), round(y, 3)) for x, y in pos.values()}) == len(G)


@pytest.mark.parametrize("module, forbidden", [
    ("kg.viz", ("rdflib", "pyoxigraph", "spacy", "kg.extract", "kg.nlp", "kg.ingest", "kg.rdf")),
    ("kg.analytics", ("spacy", "kg.extract", "kg.nlp", "kg.ingest", "rdflib")),
    ("kg.analytics.projection", ("spacy", "kg.extract", "kg.nlp", "kg.ingest")),
    ("kg.analytics.profile", ("spacy", "kg.extract", "kg.nlp", "kg.ingest")),
])
def test_viz_graph_side_imports(module, forbidden):
    code = f"import sys, {module}; print(sorted(m for m in {forbidden!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
