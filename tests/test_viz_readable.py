"""The ``kg viz`` page is readable at 1400×1000 with 50 to 200 actors (headless Chromium, network blocked).

Checked on what vis-network actually drew (its label boxes and node positions),
not on the page's own placement arithmetic: every drawn label is at least 13 px
high on screen, no drawn label overlaps another label or a node, the most
central actors are named, zooming in names more, and edge labels appear only on
hover and around the selected actor. A screenshot of each view is kept in the
test's temporary folder (and checked to have drawn something).
"""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest
from kgtest import need

from kg.dictionaries import country_names
from kg.viz import render_html

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
URL = "http://kg.invalid/graph.html"
FIRST = ["Ana", "Omar", "Lena", "Tomas", "Mei", "Ravi", "Ines", "Yusuf", "Kofi", "Sara", "Pavel", "Leila", "Jonas",
         "Amara", "Diego", "Hana"]
LAST = ["Kowalski", "Haddad", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Barzani", "Ferreira", "Novak", "Rahimi",
        "Osei", "Castillo"]
BODIES = ["Ministry of Defence", "Central Bank", "Red Crescent", "Port Authority", "Energy Agency", "Supreme Court"]


def synthetic(n: int, seed: int = 5) -> nx.MultiDiGraph:
    """A clustered scale-free graph of ``n`` made-up actors with names of realistic length."""
    rng = random.Random(seed)
    countries = sorted(country_names().values())
    rng.shuffle(countries)
    base = nx.powerlaw_cluster_graph(n, 2, 0.3, seed=seed)
    G, used = nx.MultiDiGraph(), set()
    for node in base:
        kind = rng.choice(["Person", "Person", "Country", "Organization", "Group"])
        label = None
        while label is None or label in used:
            label = (f"{rng.choice(FIRST)} {rng.choice(LAST)}" if kind in ("Person", "Group") else
                     countries.pop() if kind == "Country" else f"{rng.choice(BODIES)} of {rng.choice(countries)}")
        used.add(label)
        G.add_node(node, label=label, type=kind)
    for u, v in base.edges():
        G.add_edge(u, v, key="meet with", relation="meet with", count=rng.randint(1, 4),
                   quad_class=rng.randint(1, 4), evidence=())
    return G


@pytest.fixture(scope="module")
def browser():
    need(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


def open_page(browser, html: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []

    def route(r) -> None:
        if r.request.url == URL:
            r.fulfill(body=html, content_type="text/html; charset=utf-8")
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(URL)
    page.wait_for_selector('body[data-state="still"]', state="attached", timeout=30_000)
    page.requests = requests
    return page


DRAWN = """() => {
  const net = kg.network, s = net.getScale(), out = {labels: [], dots: [], scale: s};
  const rect = document.getElementById("kg-network").getBoundingClientRect();
  for (const id of net.body.nodeIndices) {
    const node = net.body.nodes[id], p = net.getPosition(id), c = net.canvasToDOM(p);
    out.dots.push({id: id, x: c.x, y: c.y, r: node.options.size * s});
    if (node.options.label && node.options.label.trim()) {
      // what vis-network drew, in canvas units: the label's width and height, and the bottom of the
      // node's bounding box (dot and the label hanging under it)
      const b = node.labelModule.size, box = node.shape.boundingBox;
      const bl = net.canvasToDOM({x: b.left, y: box.bottom});
      out.labels.push({id: id, text: node.options.label, x0: bl.x, y0: bl.y - b.height * s, x1: bl.x + b.width * s,
                       y1: bl.y, px: node.options.font.size * s});
    }
  }
  out.width = rect.width; out.height = rect.height;
  out.edgeLabels = net.body.edgeIndices.filter((id) => (net.body.edges[id].options.label || "").trim()).length;
  return out;
}"""


def check_drawn(d: dict) -> None:
    """Labels at least 13 px, none on another label or on a node other than its own (in the window:
    vis-network does not redraw, so does not measure, what is off screen)."""
    labels = [lab for lab in d["labels"] if lab["x1"] > 0 and lab["x0"] < d["width"] and lab["y1"] > 0
              and lab["y0"] < d["height"]]
    for lab in labels:
        assert lab["px"] >= 13, lab
        assert lab["y1"] - lab["y0"] >= 13, lab
    boxes = [(lab["x0"], lab["y0"], lab["x1"], lab["y1"]) for lab in labels]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            overlap = min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
            assert not overlap, (labels[i], labels[j])
    for lab in labels:
        for dot in d["dots"]:
            if dot["id"] == lab["id"]:
                continue
            nx_ = min(max(dot["x"], lab["x0"]), lab["x1"])
            ny_ = min(max(dot["y"], lab["y0"]), lab["y1"])
            assert (dot["x"] - nx_) ** 2 + (dot["y"] - ny_) ** 2 >= (dot["r"] - 1) ** 2, (lab["text"], dot)


@pytest.mark.parametrize("n", [50, 120, 200])
def test_viz_default_view_is_readable(browser, tmp_path, n):
    G = synthetic(n)
    page = open_page(browser, render_html(G, title=f"{n} actors"))
    try:
        d = page.evaluate(DRAWN)
        check_drawn(d)
        assert len(d["dots"]) == n and d["edgeLabels"] == 0  # edge labels only on hover
        named = {lab["id"] for lab in d["labels"]}
        top = page.evaluate("kg.data.nodes.slice().sort((a, b) => b.score - a.score).slice(0, 10).map((x) => x.id)")
        assert len(named & set(top)) >= 7, (len(named & set(top)), len(named))
        assert len(named) >= 25, len(named)
        shot = tmp_path / f"viz-{n}.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000  # a drawn graph, not a blank page
        # zooming in names more actors, still without overlaps
        page.evaluate("() => { kg.network.moveTo({scale: kg.network.getScale() * 2.25, animation: false}); "
                      "kg.relabel(); kg.network.redraw(); }")
        zoomed = page.evaluate(DRAWN)
        check_drawn(zoomed)
        in_view = [lab for lab in zoomed["labels"] if 0 <= lab["x0"] and lab["x1"] <= zoomed["width"]
                   and 0 <= lab["y0"] and lab["y1"] <= zoomed["height"]]
        before = [lab for lab in d["labels"] if zoomed["width"] * 0.28 <= (lab["x0"] + lab["x1"]) / 2
                  <= zoomed["width"] * 0.72 and zoomed["height"] * 0.28 <= lab["y0"] <= zoomed["height"] * 0.72]
        assert len(in_view) > len(before), (len(in_view), len(before))
        page.screenshot(path=str(tmp_path / f"viz-{n}-zoomed.png"))
        assert page.requests == []
    finally:
        page.close()


def test_viz_edge_labels_on_hover_and_selection(browser):
    G = synthetic(60)
    page = open_page(browser, render_html(G))
    try:
        hub = max(G, key=G.degree)
        hub_id = list(G).index(hub)
        page.evaluate("(id) => { kg.network.selectNodes([id]); kg.selected = id; kg.relabel(); kg.network.redraw(); }",
                      hub_id)
        d = page.evaluate(DRAWN)
        degree = len(set(G.predecessors(hub)) | set(G.successors(hub)))
        assert d["edgeLabels"] == G.degree(hub) and degree > 3
        assert hub_id in {lab["id"] for lab in d["labels"]}
        px = page.evaluate("() => kg.network.body.edges[kg.network.body.edgeIndices[0]].options.font.size "
                           "* kg.network.getScale()")
        assert px >= 12
        page.evaluate("() => { kg.network.unselectAll(); kg.selected = null; kg.relabel(); }")
        assert page.evaluate(DRAWN)["edgeLabels"] == 0
    finally:
        page.close()


def test_viz_search_ranks_like_the_cli_and_names_actors_left_out(browser):
    G = nx.MultiDiGraph()
    for node, label, aliases in (("a", "Unite union", ()), ("b", "United Nations", ()), ("c", "Jean-Noël Barrot", ())):
        G.add_node(node, label=label, type="Organization", aliases=aliases)
    G.add_edge("a", "b", key="meet", relation="meet", count=3, evidence=())
    G.add_edge("c", "b", key="meet", relation="meet", count=1, evidence=())
    hidden = [("Mohammed bin Salman", ("MBS",), "none of its events passes --since; run kg viz without it"),
              ("Jean", (), "none of its events passes --since; run kg viz without it")]
    page = open_page(browser, render_html(G, hidden=hidden))
    try:
        def search(q: str) -> str:
            page.fill("#kg-search", q)
            page.press("#kg-search", "Enter")
            return page.inner_text("#kg-found")

        assert search("UN").startswith("Found: United Nations")
        assert search("noel") == "Found: Jean-Noël Barrot"
        assert search("mbs") == ("“Mohammed bin Salman” is in the store but not drawn here: none of its events "
                                 "passes --since; run kg viz without it")
        assert search("Atlantis") == "No actor matches “Atlantis”"
        # the drawn Jean-Noël Barrot matches "jean" less well than the filtered actor named just Jean: both said
        assert search("jean") == ("Found: Jean-Noël Barrot · “Jean” is in the store but not drawn here: none of "
                                  "its events passes --since; run kg viz without it")
    finally:
        page.close()
