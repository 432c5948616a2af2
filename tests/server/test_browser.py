"""The explorer in headless Chromium: search an actor, open its page, see its events; nothing leaves loopback."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kgtest import need

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


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
    """A page whose every request to another host is aborted (and recorded)."""
    context = browser.new_context()
    origin = urlsplit(server.url).netloc
    blocked: list[str] = []

    def guard(route):
        if urlsplit(route.request.url).netloc == origin:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda dialog: (errors.append("dialog: " + dialog.message), dialog.dismiss()))
    pg.blocked = blocked
    pg.errors = errors
    try:
        yield pg
    finally:
        context.close()


def test_browser_search_actor_and_see_events(page, server):
    page.goto(server.url + "/", wait_until="load")
    assert "Most active actors" in page.inner_text("h1")
    page.fill("input[name=q]", "sullivan")
    page.click("form.search button")
    page.wait_for_url("**/?q=sullivan")
    page.click("a.actor:text('Jake Sullivan')")
    page.wait_for_selector("table.events")
    assert page.inner_text("h1") == "Jake Sullivan"
    events = page.inner_text("table.events")
    assert "urge" in events and "meet with" in events and "Ron Dermer" in events
    assert "accept the ceasefire" in events
    assert page.locator("section.network svg, section.network iframe").count() == 1
    if page.locator("iframe.network").count():  # the kg viz page, drawn by vis-network on a canvas
        page.frame_locator("iframe.network").locator("canvas").first.wait_for(timeout=20_000)
    assert page.blocked == [] and page.errors == []


def test_browser_escaped_actor_runs_no_script(page, server):
    page.goto(server.url + "/?q=" + "%3Cscript%3E", wait_until="load")
    page.click("a.actor")
    page.wait_for_selector("table.events")
    assert page.inner_text("h1") == "<script>alert(1)</script>"
    assert page.errors == [] and page.blocked == []


def test_browser_query_box(browser, server):
    """The plain form, as it works without JavaScript (with it, YASGUI replaces it: test_browser_yasgui.py)."""
    context = browser.new_context(java_script_enabled=False)
    origin = urlsplit(server.url).netloc
    blocked: list[str] = []
    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == origin
                  else (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.blocked, page.errors = blocked, []
    page.goto(server.url + "/query", wait_until="load")
    page.fill("textarea[name=query]", "SELECT ?label WHERE { ?a a kgo:Country ; rdfs:label ?label } ORDER BY ?label")
    page.click("form.query button")
    page.wait_for_selector("table.results")
    assert page.locator("table.results tbody tr").all_inner_texts() == ["Israel", "Qatar"]
    page.click("section.examples a >> nth=0")
    page.wait_for_selector("table.results")
    assert page.locator("table.results tbody tr").count() >= 4
    assert page.blocked == [] and page.errors == []
    context.close()
