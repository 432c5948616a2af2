"""The explorer pages of ``kg serve``: search, actor and document pages, query box, escaping, static files."""

from __future__ import annotations

import re
import socket
from urllib.parse import quote

import httpx
import pytest

XSS = "<script>alert(1)</script>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _page(server, path: str, status: int = 200) -> str:
    resp = httpx.get(server.url + path, headers={"Accept": "text/html"})
    assert resp.status_code == status, resp.text[:500]
    assert resp.headers["content-type"].startswith("text/html")
    return resp.text


def _actor_path(server, name: str, shown: str | None = None) -> str:
    html = _page(server, "/?q=" + quote(name))
    match = re.search(r'<a class="actor" href="(/actor/[^"]+)">' + re.escape(shown or name) + "<", html)
    assert match, html
    return match.group(1)


def test_server_home_lists_most_active_actors(server):
    html = _page(server, "/")
    assert "4 documents, 4 events" in html
    for name in ("Jake Sullivan", "Ron Dermer", "Israel", "Qatar"):
        assert f">{name}</a>" in html


@pytest.mark.parametrize("q, found, not_found", [
    ("sullivan", ["Jake Sullivan"], ["Ron Dermer"]),
    ("DERMER", ["Ron Dermer"], ["Jake Sullivan"]),
    ("isr", ["Israel"], ["Qatar"]),
    ("nobody-by-this-name", [], ["Jake Sullivan"]),
    ('" } ; DROP ALL', [], ["Jake Sullivan"]),
])
def test_server_search_actors_by_name_or_alias(server, q, found, not_found):
    html = _page(server, "/?q=" + quote(q))
    for name in found:
        assert f">{name}</a>" in html
    for name in not_found:
        assert f">{name}</a>" not in html


def test_server_search_for_a_pronoun_says_it_is_no_name(server):
    """Issue 12: searching "he" listed every actor once called "he"."""
    html = _page(server, "/?q=he")
    assert "is a pronoun, not a name" in html and 'class="actor"' not in html


def test_server_actor_page_shows_facts_and_events(server):
    html = _page(server, _actor_path(server, "Jake Sullivan"))
    assert '<h1 class="node-title">Jake Sullivan</h1>' in html
    for text in ("Sullivan", "National Security Adviser", "USA", "united states", "Person",
                 "urge", "meet with", "Ron Dermer", "Axios", "2024-10-11",
                 "US National Security Adviser Jake Sullivan urged Israeli minister Ron Dermer to accept the ceasefire.",
                 "Sullivan presses Dermer", "Talks in Washington"):
        assert text in html, text
    assert "Events (2)" in html
    assert "<svg" in html or "<iframe" in html  # the ego network


def test_server_actor_page_as_patient_with_flags(server):
    html = _page(server, _actor_path(server, "Israel"))
    assert '<span class="flag">not</span> attack' in html
    assert '<span class="flag">hypothetical</span>' in html
    assert "Qatar may suspend its mediation with Israel, officials said." in html


def test_server_article_text_is_escaped(server):
    path = _actor_path(server, XSS, XSS_ESCAPED)
    html = _page(server, path)
    assert XSS not in html
    assert XSS_ESCAPED in html
    assert "<b>bold</b>" not in html and "A &lt;b&gt;bold&lt;/b&gt; title &amp; more" in html
    assert "<script" not in _page(server, "/?q=" + quote("script"))


def test_server_document_page(server):
    html = _page(server, "/doc/doc-3")
    assert "A &lt;b&gt;bold&lt;/b&gt; title &amp; more" in html
    assert f"Israel did not attack {XSS_ESCAPED} in Lebanon." in html
    assert XSS not in html


def test_server_a_publication_date_fallback_is_marked_a_stated_date_is_not(server):
    """Issue 14: a date taken from the publication date never passes for one the text states."""
    fallback = re.search(r'<td class="date">(.*?)</td>', _page(server, "/doc/doc-1")).group(1)
    stated = re.search(r'<td class="date">(.*?)</td>', _page(server, "/doc/doc-2")).group(1)
    assert fallback.startswith("2024-10-11 ") and ">published</span>" in fallback
    assert stated == "2024-10-10"


@pytest.mark.parametrize("path", ["/actor/no-such-actor-0000000000", "/doc/nothing", "/concept/x", "/nowhere"])
def test_server_unknown_pages_are_404(server, path):
    html = _page(server, path, 404)
    assert "<h1>404</h1>" in html


def test_server_query_page_runs_sparql(server):
    query = "SELECT ?label ?country WHERE { ?a kgo:country ?country ; rdfs:label ?label } ORDER BY ?label"
    html = _page(server, "/query?query=" + quote(query))
    assert "<th>label</th><th>country</th>" in html
    assert "Jake Sullivan" in html and "QAT" in html
    assert "Download (csv)" in html


def test_server_query_page_examples_all_run(server):
    from kg.server.explorer import EXAMPLES

    html = _page(server, "/query")
    for title, text in EXAMPLES:
        assert title in html
        page = _page(server, "/query?query=" + quote(text))
        assert 'class="error"' not in page, title


@pytest.mark.parametrize("query, status, message", [
    ("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }", 403, "SERVICE"),
    ("INSERT DATA { <http://ex.org/a> <http://ex.org/b> 1 }", 403, "read-only"),
    ("SELECT ?x WHERE {", 400, "invalid SPARQL"),
])
def test_server_query_page_shows_errors(server, query, status, message):
    html = _page(server, "/query?query=" + quote(query), status)
    assert 'class="error"' in html and message in html


def test_server_query_page_escapes_results(server):
    html = _page(server, "/query?query=" + quote("SELECT ?s WHERE { ?e kgo:sentence ?s }"))
    assert XSS not in html and XSS_ESCAPED in html


@pytest.mark.parametrize("path", [
    "/static/../app.py",
    "/static/..%2Fapp.py",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/kg.css/../../app.py",
    "/static/..%5Capp.py",
    "/static/",
    "/static/templates",
    "/static/%2Fetc%2Fpasswd",
    "/actor/..%2F..%2Fetc%2Fpasswd",
    "/doc/..",
    "/static//etc/passwd",
])
def test_server_static_routes_refuse_traversal(server, path):
    status, body = _raw_get(server, path)
    assert status == 404, body[:300]
    assert "def make_app" not in body and "root:" not in body


def _raw_get(server, path: str) -> tuple[int, str]:
    """GET ``path`` exactly as written (no client normalises the dots away)."""
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


def test_server_static_css_is_served(server):
    resp = httpx.get(server.url + "/static/kg.css")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("path", ["/", "/query", "/doc/doc-1", "/?q=israel"])
def test_server_pages_load_nothing_from_other_hosts(server, path):
    resp = httpx.get(server.url + path)
    csp = resp.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "http" not in csp
    assert resp.headers["x-content-type-options"] == "nosniff"
    refs = re.findall(r'(?:src|href|action)="([^"]*)"', resp.text)
    assert refs and all(ref.startswith(("/", "#")) for ref in refs), refs


def test_server_actor_network_is_the_offline_kg_viz_page(server):
    path = _actor_path(server, "Jake Sullivan")
    html = _page(server, path)
    assert f'<iframe class="network" src="{path}/network"' in html and 'sandbox="allow-scripts"' in html
    resp = httpx.get(server.url + path + "/network")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    assert "Ron Dermer" in resp.text
    assert "default-src 'none'" in resp.headers["content-security-policy"]
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', resp.text)
    xss = httpx.get(server.url + _actor_path(server, XSS, XSS_ESCAPED) + "/network")
    assert xss.status_code == 200 and XSS not in xss.text  # inside the page's script, "</script>" is escaped
