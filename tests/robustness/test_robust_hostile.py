"""Issue #8, part 2: hostile text in names, titles and sentences.

Entity names with ``<script>``, quotes, angle brackets, newlines, control characters,
right-to-left marks and very long names must give

- valid IRIs (strict RFC 3987 parser and pyoxigraph's own IRI parser);
- valid Turtle and N-Quads that re-parse (rdflib) to the very graph that was written;
- HTML (``kg.viz`` pages, ``kg serve`` pages and the data in their tooltips) where the
  text is data, never markup.

Property-based (Hypothesis) over the minting, the round trip and the rendering.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rfc3987
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.rdf import iris
from kg.rdf.convert import document_quads, mention_iri, to_graph
from kg.rdf.store import ExportFormat, Store
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(2)</script>",
    "<svg/onload=alert(3)>",
    "<iframe src=javascript:alert(4)>",
    "javascript:alert(5)",
    "'; DROP GRAPH <urn:x> ; #",
    '" . <http://evil/s> <http://evil/p> "x',
    "> <http://evil/> .",
    "@prefix evil: <http://evil/> .",
    "\\u003cscript\\u003e",
    "{{ 7*7 }} {% raw %}",
    "<!-- --> ]]> <![CDATA[",
    "\u202egnp.exe\u202c",
    "Ahmed \u200fal\u200e-Sharaa",
    "\x00\x01\x02\x1b[31m\x7f",
    "line one\nline two\r\nline\u2028three\u2029",
    "O'Brien & \"Sons\" <Ltd>",
]
NASTY_CHARS = list("<>\"'&\\`{}|^%#?/= \t\n\r") + ["\x00", "\x01", "\x1f", "\x7f", "\u200e", "\u200f", "\u202e",
                                                   "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0001f4a3", "\u0301"]

hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    # no lone surrogates: no decoded input holds one (ingest replaces them with U+FFFD)
    st.lists(st.one_of(st.sampled_from(NASTY_CHARS), st.sampled_from(PAYLOADS), st.characters(exclude_categories=("Cs",))),
             min_size=1, max_size=16).map("".join),
    st.text(min_size=1, max_size=80),
    st.builds(lambda p, n: p * n, st.sampled_from(PAYLOADS), st.integers(50, 400)),  # very long names
).filter(lambda s: s.strip())

FORBIDDEN_IN_IRI = set('<>"{}|^`\\ ') | {chr(c) for c in range(0x21)} | {"\x7f"}


def assert_strict_iri(iri: str) -> None:
    assert rfc3987.match(iri, rule="IRI"), iri
    parts = rfc3987.parse(iri, rule="IRI")  # raises ValueError when not an IRI
    assert parts["scheme"] in ("http", "https", "urn") and (parts["authority"] or parts["scheme"] == "urn"), iri
    ox.NamedNode(iri)  # pyoxigraph's IRI parser (ValueError when invalid)
    assert not FORBIDDEN_IN_IRI & set(iri), iri
    assert iri.isascii() and iri.isprintable(), iri  # no RTL marks, controls or lookalikes
    assert len(iri) < 200, len(iri)


# ----------------------------------------------------------------- IRIs


@given(hostile)
@settings(max_examples=250, deadline=None)
def test_robust_hostile_names_give_strict_iris(name):
    minted = [iris.actor_iri(name), iris.concept_iri(name), iris.doc_iri(name), iris.graph_iri(name),
              iris.relation_iri(name), iris.event_iri(name, 0, name, name, name)]
    for kind in ActorType:
        minted.append(mention_iri(Mention(name, name, kind, 0, len(name)), base=iris.DEFAULT_BASE_IRI))
    for iri in minted:
        assert_strict_iri(iri)
    assert iris.actor_iri(name) == iris.actor_iri(name)  # deterministic


@given(hostile, hostile)
@settings(max_examples=150, deadline=None)
def test_robust_different_names_keep_different_iris(a, b):
    assume(iris.actor_key(a) != iris.actor_key(b))
    assert iris.actor_iri(a) != iris.actor_iri(b)
    assert iris.doc_iri(a) != iris.doc_iri(b) or a == b


# ----------------------------------------------------------------- RDF round trips


def _mention(text: str, label: str, kind: ActorType, **kw) -> Mention:
    return Mention(text, label, kind, 0, len(text), **kw)


@st.composite
def hostile_documents(draw) -> tuple[Document, list[Relation]]:
    doc_id = draw(st.one_of(hostile, st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True)))
    text = draw(hostile)
    document = Document(id=doc_id, text=text, title=draw(st.none() | hostile), url=draw(st.none() | hostile),
                        published=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
                        source=draw(st.none() | hostile))
    relations = []
    for _ in range(draw(st.integers(1, 3))):
        def mention(kind=None):
            return _mention(draw(hostile), draw(hostile), kind or draw(st.sampled_from(list(ActorType))),
                            country=draw(st.none() | hostile), role=draw(st.none() | hostile),
                            affiliation=draw(st.none() | hostile), aliases=tuple(draw(st.lists(hostile, max_size=3))),
                            code=draw(st.none() | hostile))
        start = draw(st.integers(0, 10_000))
        relations.append(Relation(
            mention(), draw(hostile), mention(),
            Provenance(doc_id, draw(hostile), start, start + draw(st.integers(0, 500))),
            negated=draw(st.booleans()), modality=draw(st.sampled_from(list(Modality))),
            attributed_to=draw(st.none() | st.builds(lambda: mention(ActorType.ORGANIZATION))),
            event_code=draw(st.none() | st.sampled_from(["010", "0213", "190", "1823"])),
            date=draw(st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))),
            confidence=draw(st.floats(0, 1)), predicate_text=draw(st.none() | hostile),
        ))
    return document, relations


@given(hostile_documents())
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_robust_hostile_records_round_trip_through_store_nquads_and_turtle(record):
    """records → quads → store → N-Quads / TriG / Turtle export → rdflib: the very graph that was written."""
    document, relations = record
    quads = list(document_quads(document, relations))
    for s, p, o, g in quads:
        for term in (s, p, g) + ((o,) if not hasattr(o, "language") else ()):
            assert_strict_iri(str(term))
    want = set(quads)
    with Store(ox.Store(), None, read_only=False, base_iri=iris.DEFAULT_BASE_IRI) as st:  # no ontology: faster
        st.add_documents([quads])
        nq, ttl, trig = io.BytesIO(), io.BytesIO(), io.BytesIO()
        st.export(nq, ExportFormat.NQUADS)
        st.export(ttl, ExportFormat.TURTLE)
        st.export(trig, ExportFormat.TRIG)

    # N-Quads and TriG: the very quads written, graph by graph
    for data, fmt in ((nq, "nquads"), (trig, "trig")):
        back = Dataset()
        back.parse(data=data.getvalue(), format=fmt)
        got = set(back.quads())
        assert got == want, (fmt, got ^ want)

    # Turtle: the union graph, isomorphic to the rdflib graph of the quads
    union = Graph().parse(data=ttl.getvalue(), format="turtle")
    assert isomorphic(union, to_graph(quads))

    # and pyoxigraph reads its own N-Quads back to the same dataset
    reread = ox.Store()
    reread.load(nq.getvalue(), format=ox.RdfFormat.N_QUADS)
    assert len(reread) == len(want)


@given(hostile_documents())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_robust_extract_outputs_reparse(record):
    """``kg extract --format ttl`` and ``--format jsonl`` writers: Turtle re-parses, JSON keeps the text exactly."""
    from kg.cli import output

    document, relations = record
    ttl = output.relations_turtle([(document, relations)])
    assert isomorphic(Graph().parse(data=ttl, format="turtle"), to_graph(document_quads(document, relations)))
    for rel in relations:
        line = output.relation_jsonl(rel)
        assert "\n" not in line and "\r" not in line
        back = json.loads(line)
        assert back["subject"]["label"] == rel.subject.label and back["sentence"] == rel.provenance.sentence
        assert_strict_iri(back["subject"]["iri"])


# ----------------------------------------------------------------- HTML


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.text: list[str] = []
        self.raw_script: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))
        self._in = tag

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        (self.raw_script if self._in in ("script", "style") else self.text).append(data)


def tags_of(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "object", "embed", "base", "link", "meta", "form", "style"}


def assert_text_is_not_markup(page: str, benign: str | tuple[str, ...] | None) -> None:
    """``page`` (made from hostile text) has no tag or attribute kind that ``benign`` (same view, plain text) lacks.

    ``benign`` may be several pages of the view (its branches: results, no results, error).
    Without ``benign``: no tag that runs or loads anything at all.
    """
    pages = (benign,) if isinstance(benign, str) else benign
    benign = None if benign is None else "".join(pages)
    got = tags_of(page)
    for tag, attrs in got.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction", "data", "xlink:href", "srcdoc"):
                assert not (value or "").strip().lower().startswith(("javascript:", "data:text/html")), (tag, name, value)
    if benign is None:
        runnable = {"script", "img", "svg", "iframe", "object", "embed", "base", "frame", "audio", "video", "math"}
        assert not {t for t, _ in got.tags} & runnable, {t for t, _ in got.tags} & runnable
        assert "</script" not in page.lower()
        return
    ref = tags_of(benign)
    kinds = lambda p: {(t, name) for t, attrs in p.tags for name, _ in attrs} | {(t, None) for t, _ in p.tags}  # noqa: E731
    extra = kinds(got) - kinds(ref)
    assert not extra, extra
    for tag in DANGEROUS_TAGS:
        assert sum(t == tag for t, _ in got.tags) <= sum(t == tag for t, _ in ref.tags), tag
    # a script element can only be closed by "</script": none may come from the data
    assert page.lower().count("</script") <= max(p.lower().count("</script") for p in pages)


def _viz_graph(labels: list[str], title: str, sentence: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i, label in enumerate(labels):
        G.add_node(f"urn:x:{i}", label=label, type="Person" if i % 2 else "Group", country=label[:3],
                   aliases=[label[::-1]], roles=[label])
    for i in range(len(labels) - 1):
        G.add_edge(f"urn:x:{i}", f"urn:x:{i + 1}", key=labels[i], relation=labels[i + 1], count=1, cameo="190",
                   cameo_label=labels[i], quad_class=4, goldstein=-10.0, negated=bool(i % 2),
                   evidence=[{"date": "2024-10-11", "title": title, "sentence": sentence, "doc_id": labels[i]}])
    return G


@given(st.lists(hostile, min_size=2, max_size=5), hostile, hostile)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_robust_viz_page_escapes_labels_titles_and_tooltips(labels, title, sentence):
    from kg.viz import render_html

    page = render_html(_viz_graph(labels, title, sentence), title=title, max_nodes=None)
    benign = render_html(_viz_graph([f"actor {i}" for i in range(len(labels))], "A title", "A sentence."),
                         title="A title", max_nodes=None)
    assert_text_is_not_markup(page, benign)
    shown = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert html.unescape(shown) == title  # the page title is the text, escaped
    blob = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S).group(1)
    data = json.loads(blob)  # the tooltips' data: valid JSON, every string exactly the input
    assert [n["label"] for n in data["nodes"]] == labels
    evidence = [ev for e in data["edges"] for ev in e["ev"]]
    assert all(ev[1] == title and ev[2] == sentence for ev in evidence)
    assert not re.search(r"[<>&]", blob)


# ----------------------------------------------------------------- the explorer (kg serve pages)


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """A TestClient on ``kg serve``'s app over a store of documents full of hostile names."""
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from kg.server import ServerSettings, make_app

    store = tmp_path_factory.mktemp("hostile") / "store"
    benign = ("Plain Actor", "Other Actor")
    docs = []
    for i, name in enumerate([*PAYLOADS, *benign]):
        other = PAYLOADS[(i + 1) % len(PAYLOADS)] if name not in benign else benign[1 - benign.index(name)]
        text = f"{name} met {other}."
        doc = Document(id=f"doc-{i}", text=text, title=f"Title {name}", source=name)
        rel = Relation(_mention(name, name, ActorType.GROUP, role=name, country="XSS", aliases=(name + "!",)), "meet with",
                       _mention(other, other, ActorType.PERSON), Provenance(doc.id, text, 0, len(text)),
                       attributed_to=_mention(name, name + " Agency", ActorType.ORGANIZATION))
        docs.append(list(document_quads(doc, [rel])))
    with Store.create(store) as st:
        st.add_documents(docs)
    app = make_app(store, ServerSettings(workers=2, query_time_limit=10))
    with TestClient(app, base_url="http://127.0.0.1") as client:  # a name the server answers to
        yield client


def _actor_path(name: str) -> str:
    return "/actor/" + iris.actor_iri(name).rsplit("/", 1)[-1]


@pytest.mark.parametrize("name", PAYLOADS)
def test_robust_explorer_pages_escape_hostile_names(hostile_client, name):
    c = hostile_client
    pages = {
        _actor_path(name): _actor_path("Plain Actor"),
        _actor_path(name) + "/network": _actor_path("Plain Actor") + "/network",
        "/?q=" + _q(name): "/?q=Plain",
        "/doc/doc-" + str(PAYLOADS.index(name)): "/doc/doc-" + str(len(PAYLOADS)),
        "/query?query=" + _q(f"SELECT ?l WHERE {{ ?a rdfs:label ?l . FILTER(?l = {_sparql_literal(name)}) }}"):
            "/query?query=" + _q('SELECT ?l WHERE { ?a rdfs:label ?l . FILTER(?l = "Plain Actor") }'),
    }
    for path, benign_path in pages.items():
        r = c.get(path)
        assert r.status_code == 200, (path, r.status_code)
        benign = c.get(benign_path)
        assert benign.status_code == 200
        assert_text_is_not_markup(r.text, benign.text)
    home = c.get("/")  # lists the most active actors: hostile names, nothing benign to compare with
    assert home.status_code == 200
    assert_text_is_not_markup(home.text, None)


def _q(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def _sparql_literal(text: str) -> str:
    return '"' + "".join(f"\\U{ord(ch):08X}" for ch in text) + '"'


@given(hostile)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.data_too_large])
def test_robust_explorer_echoes_any_text_as_text(hostile_client, text):
    c = hostile_client
    text = text[:300]
    value = "/query?query=" + _q(f"SELECT ?x WHERE {{ BIND({_sparql_literal(text)} AS ?x) }}")
    # each view's benign reference covers its branches (results, no results, error)
    ok_query = c.get("/query?query=" + _q('SELECT ?x WHERE { BIND("plain" AS ?x) }')).text
    bad_query = c.get("/query?query=" + _q("SELECT nonsense")).text
    search = (c.get("/?q=plain").text, c.get("/?q=" + _q("no such actor anywhere")).text)
    for path, benign in ((value, ok_query), ("/?q=" + _q(text), search),
                         ("/query?query=" + _q("SELECT " + text), (ok_query, bad_query))):
        r = c.get(path)
        assert r.status_code in (200, 400), (path, r.status_code)
        assert_text_is_not_markup(r.text, benign)
