"""Render time, page size and time-to-drawn in headless Chromium for 500, 2,000 and 10,000 actors.

Usage: PYTHONPATH=. python benchmarks/viz_render.py [--sizes 500 2000 10000] [--no-browser]

For each size it builds a synthetic actor graph (preferential attachment, two
events per new actor, evidence on every edge), renders the page with every node
kept (max_nodes=None) and, for the largest, also with the default cap of 2,000,
then loads each page in Debian's Chromium with the network blocked and waits
until vis-network has drawn it with physics off ("still"). Goal: under 5 s for
2,000 nodes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.viz import render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TYPES = ["Person", "Organization", "Country", "Group", "Location"]
RELATIONS = [("urge", "020", 1, 3.0), ("meet with", "036", 1, 4.0), ("sign", "057", 2, 8.0),
             ("criticize", "111", 3, -2.0), ("accuse", "112", 3, -2.0), ("strike", "195", 4, -10.0)]


def synthetic_graph(n: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """An actor graph shaped like a projection: labels, types, counts, CAMEO values, evidence."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph()
    for v in base:
        G.add_node(f"urn:actor:{v}", label=f"Actor {v}", type=TYPES[v % len(TYPES)], country=None,
                   aliases=(f"A{v}",), roles=())
    day = dt.date(2024, 1, 1)
    for u, v in base.edges():
        a, b = (u, v) if rng.random() < 0.5 else (v, u)
        rel, code, quad, gs = rng.choice(RELATIONS)
        count = 1 + int(rng.expovariate(1.0))
        evidence = tuple({"date": day + dt.timedelta(days=rng.randrange(300)), "title": f"Story {rng.randrange(5000)}",
                          "sentence": f"Actor {a} {rel} Actor {b} in a sentence of ordinary length, said officials."}
                         for _ in range(count))
        G.add_edge(f"urn:actor:{a}", f"urn:actor:{b}", key=rel, relation=rel, count=count, cameo=code,
                   quad_class=quad, goldstein=gs, goldstein_sum=gs * count, evidence=evidence)
    return G


def _router(url: str, html: str, blocked: list[str]):
    def route(r) -> None:
        if r.request.url == url:
            r.fulfill(body=html, content_type="text/html; charset=utf-8")
        else:
            blocked.append(r.request.url)
            r.abort()

    return route


def time_in_browser(pages: list[tuple[str, str]]) -> dict[str, tuple[float, int, int]]:
    """Seconds from navigation until the page is drawn and still, nodes drawn, blocked requests."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, html in pages:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            url = "http://kg.invalid/graph.html"
            blocked: list[str] = []

            page.route("**/*", _router(url, html, blocked))
            started = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_selector('body[data-state="still"]', state="attached", timeout=300_000)
            seconds = time.perf_counter() - started
            out[name] = (seconds, page.evaluate("kg.network.body.nodeIndices.length"), len(blocked))
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    parser.add_argument("--no-browser", action="store_true", help="only time the rendering in Python")
    args = parser.parse_args()
    rows, pages = [], []
    for n in args.sizes:
        G = synthetic_graph(n)
        variants = [(f"{n:,} nodes", None)] + ([(f"{n:,} nodes, capped at 2,000", 2000)] if n > 2000 else [])
        for name, cap in variants:
            started = time.perf_counter()
            html = render_html(G, title=name, max_nodes=cap)
            render = time.perf_counter() - started
            rows.append((name, G.number_of_edges(), render, len(html.encode("utf-8"))))
            pages.append((name, html))
    browser = {} if args.no_browser or not Path(CHROMIUM).exists() else time_in_browser(pages)
    print(f"{'graph':<28} {'edges':>7} {'render (s)':>11} {'page (MB)':>10} {'drawn+still (s)':>16} {'drawn nodes':>12} {'requests':>9}")
    for name, edges, render, size in rows:
        seconds, drawn, blocked = browser.get(name, (float("nan"), 0, 0))
        print(f"{name:<28} {edges:>7,} {render:>11.2f} {size / 1e6:>10.2f} {seconds:>16.2f} {drawn:>12,} {blocked:>9}")


if __name__ == "__main__":
    main()
