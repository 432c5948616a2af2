"""The query page's YASGUI (vendored from npm @zazuko/yasgui) in headless Chromium against a
real ``kg serve``: it loads from the server alone, runs queries on /sparql, and breaks no CSP rule."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from kgtest import need

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
STATIC = Path(__file__).resolve().parents[2] / "kg" / "server" / "static"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright is not installed")
    need(CHROMIUM.is_file(), f"no Chromium at {CHROMIUM}")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, server):
    """A page whose requests to any other host are aborted and recorded, with its console errors."""
    context = browser.new_context()
    origin = urlsplit(server.url).netloc
    blocked: list[str] = []
    sparql: list[str] = []

    def guard(route):
        url = urlsplit(route.request.url)
        if url.netloc == origin:
            if url.path == "/sparql":
                sparql.append(route.request.method)
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.blocked, pg.errors, pg.sparql = blocked, errors, sparql
    try:
        yield pg
    finally:
        context.close()


def _results(page) -> list[str]:
    page.wait_for_selector(".yasr table.dataTable tbody tr", timeout=30_000)
    return [t.strip() for t in page.locator(".yasr table.dataTable tbody tr td:not(:first-child)").all_inner_texts()]


def test_yasgui_runs_a_query_offline(page, server):
    query = "SELECT ?label WHERE { ?a a kgo:Country ; rdfs:label ?label } ORDER BY ?label"
    page.goto(server.url + "/query?query=" + quote(query), wait_until="load")
    page.wait_for_selector("#yasgui .CodeMirror", timeout=30_000)
    assert page.locator("form.query").is_hidden()  # YASGUI replaced the plain form
    assert _results(page) == ["Israel", "Qatar"]
    editor = page.evaluate("document.querySelector('#yasgui .CodeMirror').CodeMirror.getValue()")
    assert "PREFIX kgo: <https://w3id.org/newskg/ontology#>" in editor and query in editor
    assert page.sparql and page.blocked == [] and page.errors == []


def test_yasgui_edits_and_runs_again(page, server):
    page.goto(server.url + "/query", wait_until="load")
    page.wait_for_selector("#yasgui .CodeMirror", timeout=30_000)
    page.evaluate("""document.querySelector('#yasgui .CodeMirror').CodeMirror.setValue(
        'PREFIX kgo: <https://w3id.org/newskg/ontology#> SELECT ?did WHERE { ?e kgo:predicate ?did } ORDER BY ?did')""")
    page.click("#yasgui .yasqe_queryButton")
    assert _results(page) == ["attack", "meet with", "suspend mediation with", "urge"]
    assert page.blocked == [] and page.errors == []


def test_query_page_csp_allows_only_this_host(server):
    resp = httpx.get(server.url + "/query")
    csp = resp.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "default-src 'none'" in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"] and "unsafe-eval" not in csp and "http" not in csp
    for name in ("yasgui.min.js", "yasgui.min.css", "query.js", "yasgui.LICENSE.txt"):
        static = httpx.get(server.url + "/static/" + name)
        assert static.status_code == 200 and static.content == (STATIC / name).read_bytes()


def test_yasgui_is_vendored_with_its_licence():
    licence = (STATIC / "yasgui.LICENSE.txt").read_text(encoding="utf-8")
    assert "@zazuko/yasgui" in licence and "MIT" in licence and "==== codemirror" in licence
    assert "sourceMappingURL" not in (STATIC / "yasgui.min.js").read_text(encoding="utf-8")[-300:]
