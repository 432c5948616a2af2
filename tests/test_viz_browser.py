"""The view of the sample corpus in headless Chromium, with the network blocked.

The store is the sample corpus (``examples/articles``) built by the pipeline, plus
the three hand-made documents of ``test_analytics_store`` (one of them names an
organisation ``<script>alert(1)</script>``). If the pipeline cannot run here (no
spaCy model), the hand-made documents alone are drawn.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from kgtest import EXAMPLES, need
from test_analytics_store import XSS, sample_documents

from kg.analytics import actor_graph
from kg.rdf.convert import document_quads
from kg.rdf.store import Store
from kg.viz import render_html

pytestmark = pytest.mark.browser
log = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
URL = "http://kg.invalid/graph.html"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "store"
    try:
        from kg.pipeline import build

        report = build([EXAMPLES / "articles"], store=path)
        source = f"sample corpus ({report.added} documents) + hand-made documents"
    except Exception as exc:  # no model or an unfinished pipeline: fall back to the hand-made store
        log.warning("pipeline build failed, drawing the hand-made store only: %s", exc)
        shutil.rmtree(path, ignore_errors=True)
        source = "hand-made documents"
    with Store.create(path) as st:
        st.add_documents([list(document_quads(doc, rels)) for doc, rels in sample_documents()])
    with Store.open(path) as st:
        G = actor_graph(st)
    G.graph["source"] = source
    return G


@pytest.fixture(scope="module")
def browser():
    need(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Loaded:
    """A page loaded from memory with every other request aborted and recorded."""

    def __init__(self, browser, html: str) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.html = html
        self.page.goto(URL)
        self.page.wait_for_selector('body[data-state="still"]', state="attached", timeout=20_000)

    def _route(self, route) -> None:
        if route.request.url == URL:
            route.fulfill(body=self.html, content_type="text/html; charset=utf-8")
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def node_id(self, label: str) -> int:
        return self.page.evaluate("(l) => kg.data.nodes.find((n) => n.label === l).id", label)

    def hover_node(self, label: str) -> str:
        """Centre the node, move the mouse onto it and return the tooltip's text."""
        point = self.page.evaluate(
            """(id) => {
                 kg.network.focus(id, {scale: 1.5, animation: false});
                 kg.network.redraw();
                 const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                 const r = document.getElementById("kg-network").getBoundingClientRect();
                 return [r.left + p.x, r.top + p.y];
               }""", self.node_id(label))
        self.page.mouse.move(point[0] - 40, point[1] - 40)
        self.page.mouse.move(point[0], point[1], steps=4)
        self.page.wait_for_selector("#kg-tip:not([hidden])", timeout=5_000)
        return self.page.inner_text("#kg-tip")

    def hover_edge(self, source: str, target: str) -> str:
        """Move the mouse onto the straight edge source → target (a third of the way) and return the tooltip."""
        point = self.page.evaluate(
            """([a, b]) => {
                 kg.network.fit({nodes: [a, b], animation: false});
                 kg.network.redraw();
                 const pa = kg.network.canvasToDOM(kg.network.getPosition(a));
                 const pb = kg.network.canvasToDOM(kg.network.getPosition(b));
                 const r = document.getElementById("kg-network").getBoundingClientRect();
                 return [r.left + pa.x + (pb.x - pa.x) / 3, r.top + pa.y + (pb.y - pa.y) / 3];
               }""", [self.node_id(source), self.node_id(target)])
        self.page.mouse.move(5, 300)
        self.page.mouse.move(point[0], point[1], steps=4)
        self.page.wait_for_selector("#kg-tip:not([hidden])", timeout=5_000)
        return self.page.inner_text("#kg-tip")


@pytest.fixture(scope="module")
def loaded(browser, graph):
    view = Loaded(browser, render_html(graph, title=f"newskg: {graph.graph['source']}"))
    yield view
    view.page.close()


def test_viz_browser_draws_every_node_offline(loaded, graph):
    assert loaded.page.evaluate("kg.network.body.nodeIndices.length") == graph.number_of_nodes()
    assert loaded.page.evaluate("kg.edgeView.length") == graph.number_of_edges()
    assert loaded.requests == []  # nothing but the page itself was asked for
    assert loaded.errors == [] and loaded.dialogs == []
    timing = loaded.page.evaluate("kg.timing")
    assert timing["still"] - timing["start"] < 5_000


def test_viz_browser_search_finds_actor(loaded):
    loaded.page.fill("#kg-search", "netanyahu")
    loaded.page.press("#kg-search", "Enter")
    assert loaded.page.inner_text("#kg-found").startswith("Found: Benjamin Netanyahu")
    assert loaded.page.evaluate("kg.network.getSelectedNodes()") == [loaded.node_id("Benjamin Netanyahu")]
    loaded.page.fill("#kg-search", "Atlantis")
    loaded.page.press("#kg-search", "Enter")
    assert loaded.page.inner_text("#kg-found") == "No actor matches “Atlantis”"


def test_viz_browser_tooltip_shows_script_label_as_text(loaded):
    text = loaded.hover_node(XSS)
    assert text.splitlines()[0] == XSS
    assert "Organization" in text
    assert loaded.page.evaluate("document.querySelectorAll('#kg-tip *:not(div)').length") == 0
    assert loaded.dialogs == [] and loaded.errors == []


def test_viz_browser_edge_tooltip_shows_evidence(loaded):
    text = loaded.hover_edge(XSS, "Benjamin Netanyahu")
    assert f"{XSS} → accuse → Benjamin Netanyahu" in text
    assert "CAMEO 112 Accuse" in text and "Goldstein -2" in text
    assert '2024-10-15 · Leak: <b>"bold"</b> & more' in text  # the title as text, not markup
    assert f"“{XSS} accuse Benjamin Netanyahu (event 9).”" in text
    assert loaded.page.evaluate("document.querySelectorAll('#kg-tip b, #kg-tip script').length") == 0
    assert loaded.dialogs == []


def test_viz_browser_filters_by_type_and_class(loaded, graph):
    organizations = sum(1 for _, t in graph.nodes(data="type") if t == "Organization")
    conflict = sum(1 for *_, q in graph.edges(data="quad_class") if q == 4)
    loaded.page.uncheck('input.kg-type[value="Organization"]')
    assert loaded.page.evaluate("kg.network.body.nodeIndices.length") == graph.number_of_nodes() - organizations
    loaded.page.check('input.kg-type[value="Organization"]')
    loaded.page.uncheck('input.kg-quad[value="4"]')
    assert loaded.page.evaluate("kg.edgeView.length") == graph.number_of_edges() - conflict
    loaded.page.check('input.kg-quad[value="4"]')
    assert loaded.page.evaluate("kg.network.body.nodeIndices.length") == graph.number_of_nodes()


def test_viz_browser_neighbours_only(loaded, graph):
    qatar = next(n for n, label in graph.nodes(data="label") if label == "Qatar")
    neighbours = set(graph.predecessors(qatar)) | set(graph.successors(qatar))
    loaded.page.fill("#kg-search", "Qatar")
    loaded.page.press("#kg-search", "Enter")
    loaded.page.check("#kg-only")
    assert loaded.page.evaluate("kg.nodeView.length") == len(neighbours | {qatar})
    loaded.page.uncheck("#kg-only")
    assert loaded.page.evaluate("kg.nodeView.length") == graph.number_of_nodes()


def test_viz_browser_capped_page_with_physics(browser, graph):
    view = Loaded(browser, render_html(graph, max_nodes=10, physics=True))
    try:
        assert view.page.evaluate("kg.network.body.nodeIndices.length") == 10
        assert "most central of" in view.page.inner_text(".kg-note")
        assert view.requests == [] and view.errors == []
    finally:
        view.page.close()
