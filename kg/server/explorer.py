"""The explorer pages: actor search, actor and document pages, the query box.

Every page is a Jinja template with autoescaping on; every query goes through the
worker pool (so the time limit holds here too); user text reaches SPARQL only as
a literal written by pyoxigraph, and IRIs only after pyoxigraph validated them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from kg.errors import KgError, NotFoundError
from kg.names import is_pronoun
from kg.rdf import iris
from kg.rdf.namespaces import PREFIXES
from kg.rdf.results import QueryResult
from kg.server.sparql import inspect_query
from kg.server.worker import Job, Table

__all__ = ["EXAMPLES", "home", "node_page", "network_page", "query_page", "node_path"]

_ACTOR_TYPES = "kgo:Person, kgo:Organization, kgo:Country, kgo:Group, kgo:Location"
_DISPLAY_ROWS = 1000
_DISPLAY_BYTES = 2_000_000  # of cell text on the page without JavaScript (the Download link gives the rest)

_NAMES = f"""
SELECT ?actor ?name ?lab WHERE {{
  ?actor a ?t . FILTER(?t IN ({_ACTOR_TYPES}))
  {{ ?actor rdfs:label ?name BIND(1 AS ?lab) }} UNION {{ ?actor skos:altLabel ?name BIND(0 AS ?lab) }}
}}
"""
"""Every actor name, read once per server (the workers serve a snapshot) and ranked by :func:`kg.search.rank`."""

_SEARCH = f"""
SELECT ?actor (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) (SAMPLE(?c) AS ?country) (COUNT(DISTINCT ?e) AS ?events) WHERE {{
  VALUES ?actor {{ %(actors)s }}
  ?actor a ?t ; rdfs:label ?l .
  FILTER(?t IN ({_ACTOR_TYPES}))
  OPTIONAL {{ ?actor kgo:country ?c }}
  OPTIONAL {{ {{ ?e kgo:agent ?actor }} UNION {{ ?e kgo:patient ?actor }} }}
}}
GROUP BY ?actor
"""
_SEARCH_MAX = 100

_TOP = f"""
SELECT ?actor (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) (SAMPLE(?c) AS ?country) (COUNT(DISTINCT ?e) AS ?events) WHERE {{
  {{ ?e kgo:agent ?actor }} UNION {{ ?e kgo:patient ?actor }}
  ?actor a ?t ; rdfs:label ?l .
  FILTER(?t IN ({_ACTOR_TYPES}))
  OPTIONAL {{ ?actor kgo:country ?c }}
}}
GROUP BY ?actor ORDER BY DESC(?events) LCASE(?label) LIMIT 25
"""

_COUNTS = """
SELECT (COUNT(DISTINCT ?d) AS ?documents) (COUNT(DISTINCT ?e) AS ?events) WHERE {
  { ?d a kgo:Document } UNION { ?e a kgo:Event }
}
"""

_PROPERTIES = """
SELECT ?p ?o (SAMPLE(?l) AS ?label) WHERE {
  %(iri)s ?p ?o .
  OPTIONAL { ?o rdfs:label|dcterms:title ?l }
}
GROUP BY ?p ?o LIMIT 2000
"""

_EVENT_FIELDS = """
  ?e kgo:agent ?a ; kgo:patient ?p ; kgo:predicate ?pred .
  OPTIONAL { ?a rdfs:label ?al } OPTIONAL { ?p rdfs:label ?pl }
  OPTIONAL { ?e kgo:negated ?neg } OPTIONAL { ?e kgo:modality ?mod }
  OPTIONAL { ?e kgo:attributedTo/rdfs:label ?by }
  OPTIONAL { ?e kgo:date ?date } OPTIONAL { ?e kgo:dateSource ?dsrc } OPTIONAL { ?e kgo:eventCode ?code }
  OPTIONAL { ?e kgo:dateStart ?dstart ; kgo:dateEnd ?dend }
  OPTIONAL { ?e kgo:sentence ?sent } OPTIONAL { ?e kgo:start ?start }
  OPTIONAL { ?e kgo:document ?doc OPTIONAL { ?doc dcterms:title ?title } }
"""
_EVENT_SELECT = """
SELECT ?e (SAMPLE(?a) AS ?agent) (SAMPLE(?al) AS ?agentLabel) (SAMPLE(?pred) AS ?predicate)
       (SAMPLE(?p) AS ?patient) (SAMPLE(?pl) AS ?patientLabel) (SAMPLE(?neg) AS ?negated)
       (SAMPLE(?mod) AS ?modality) (SAMPLE(?by) AS ?according) (SAMPLE(?date) AS ?when)
       (SAMPLE(?dsrc) AS ?whenSource) (SAMPLE(?dstart) AS ?whenFrom) (SAMPLE(?dend) AS ?whenUntil)
       (SAMPLE(?code) AS ?cameo) (SAMPLE(?sent) AS ?sentence) (MIN(?start) AS ?offset)
       (SAMPLE(?doc) AS ?document) (SAMPLE(?title) AS ?documentTitle)
"""
_ACTOR_EVENTS = _EVENT_SELECT + """WHERE {
  { ?e kgo:agent %(iri)s } UNION { ?e kgo:patient %(iri)s }
""" + _EVENT_FIELDS + "} GROUP BY ?e ORDER BY ?when ?document ?offset LIMIT 1000"
_DOC_EVENTS = _EVENT_SELECT + """WHERE {
  ?e kgo:document %(iri)s .
""" + _EVENT_FIELDS + "} GROUP BY ?e ORDER BY ?offset ?predicate LIMIT 1000"

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("Most active actors", """SELECT ?actor ?label (COUNT(DISTINCT ?event) AS ?events) WHERE {
  { ?event kgo:agent ?actor } UNION { ?event kgo:patient ?actor }
  ?actor rdfs:label ?label .
  FILTER NOT EXISTS { ?actor a kgo:Concept }
}
GROUP BY ?actor ?label
ORDER BY DESC(?events)
LIMIT 20"""),
    ("Who did what to whom", """SELECT ?agent ?predicate ?patient ?date ?sentence WHERE {
  ?event a kgo:Event ;
         kgo:agent/rdfs:label ?agent ;
         kgo:predicate ?predicate ;
         kgo:patient/rdfs:label ?patient ;
         kgo:negated false ;
         kgo:modality "asserted" .
  OPTIONAL { ?event kgo:date ?date }
  OPTIONAL { ?event kgo:sentence ?sentence }
}
ORDER BY ?date
LIMIT 50"""),
    ("Denied, planned or hypothetical events", """SELECT ?agent ?predicate ?patient ?negated ?modality ?according WHERE {
  ?event kgo:agent/rdfs:label ?agent ;
         kgo:predicate ?predicate ;
         kgo:patient/rdfs:label ?patient ;
         kgo:negated ?negated ;
         kgo:modality ?modality .
  OPTIONAL { ?event kgo:attributedTo/rdfs:label ?according }
  FILTER(?negated || ?modality != "asserted")
}
LIMIT 50"""),
    ("Events per CAMEO root", """SELECT ?root ?name (COUNT(?event) AS ?events) WHERE {
  ?event kgo:eventRoot ?root .
  OPTIONAL { ?event kgo:eventType/skos:broader*/skos:prefLabel ?name .
             ?event kgo:eventType/skos:broader* ?concept .
             FILTER NOT EXISTS { ?concept skos:broader ?up } }
}
GROUP BY ?root ?name
ORDER BY ?root"""),
    ("Documents", """SELECT ?doc ?title ?date (COUNT(?event) AS ?events) WHERE {
  ?doc a kgo:Document .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:date ?date }
  OPTIONAL { ?event kgo:document ?doc }
}
GROUP BY ?doc ?title ?date
ORDER BY ?date"""),
    ("Direct edges of one actor (CONSTRUCT)", """CONSTRUCT { ?a ?rel ?b } WHERE {
  ?a rdfs:label ?name ; ?rel ?b .
  FILTER(STRSTARTS(STR(?rel), STR(kgr:)))
}
LIMIT 100"""),
)
"""(title, query) pairs shown on the query page."""


def node_path(iri: str, base: str) -> str | None:
    """The explorer path of an actor, concept or document IRI, else None.

    >>> node_path("https://w3id.org/newskg/id/actor/ana-12", "https://w3id.org/newskg/id/")
    '/actor/ana-12'
    >>> node_path("https://example.org/actor/x", "https://w3id.org/newskg/id/") is None
    True
    """
    node = iris.node_of(iri, base=base)
    return f"/{node[0]}/{node[1]}" if node else None


def _iri_term(iri: str) -> str:
    return str(ox.NamedNode(iri))


def _literal_term(text: str) -> str:
    return str(ox.Literal(text))


async def _values(request: Request, sparql: str, max_rows: int = _DISPLAY_ROWS) -> QueryResult:
    result: QueryResult = await request.app.state.pool.run(Job("values", sparql, max_rows=max_rows))
    return result


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``templates/`` (autoescaped) with the common context."""
    env = request.app.state.templates
    base = request.app.state.base_iri
    page = env.get_template(template).render(
        link=lambda iri: node_path(iri, base), short=lambda iri: _short(iri), **context
    )
    return HTMLResponse(page, status_code=status)


def _short(iri: Any) -> str:
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


# ----------------------------------------------------------------- pages


async def _search(request: Request, q: str) -> list[dict[str, Any]]:
    """The actors matching ``q``, best first (:func:`kg.search.rank`: accents ignored, initials, aliases)."""
    from kg.search import match_tier, rank

    cache = request.app.state.cache
    if "names" not in cache:
        names: dict[str, tuple[str, list[str]]] = {}
        for row in (await _values(request, _NAMES, max_rows=10_000_000)).dicts():
            label, aliases = names.setdefault(str(row["actor"]), ("", []))
            if row["lab"] == 1 and not label:
                names[str(row["actor"])] = (str(row["name"]), aliases)
            elif row["lab"] != 1:
                aliases.append(str(row["name"]))
        cache["names"] = {x: (label, tuple(aliases)) for x, (label, aliases) in names.items() if label}
    found = [x for x, (label, aliases) in cache["names"].items() if match_tier(q, label, aliases) is not None]
    found = rank(q, ((x, *cache["names"][x], 0) for x in found))[: 5 * _SEARCH_MAX]  # by tier, then by events
    if not found:
        return []
    rows = (await _values(request, _SEARCH % {"actors": " ".join(_iri_term(x) for x in found)})).dicts()
    by_iri = {str(r["actor"]): r for r in rows}
    order = rank(q, ((x, *cache["names"][x], int(by_iri[x]["events"] or 0)) for x in found if x in by_iri))
    return [dict(by_iri[x]) for x in order[:_SEARCH_MAX]]


async def home(request: Request) -> Response:
    """``/``: actor search (``?q=``), else the most active actors."""
    q = request.query_params.get("q", "").strip()[:200]
    pronoun = bool(q) and is_pronoun(q)  # "he" is never a name: say so rather than list every "he" in a name
    if pronoun:
        actors, counts = [], {}
    elif q:
        actors = await _search(request, q)
        counts: dict[str, Any] = {}
    else:
        # the workers read a snapshot of the store, so these stay true for the server's life
        cache = request.app.state.cache
        if "home" not in cache:
            cache["home"] = ((await _values(request, _TOP)).dicts(), (await _values(request, _COUNTS)).dicts()[0])
        actors, counts = [dict(row) for row in cache["home"][0]], cache["home"][1]
    for row in actors:
        row["type"] = _short(row.get("type") or "").removeprefix("kgo:")
    return render(request, "home.html", q=q, actors=actors, counts=counts, pronoun=pronoun)


@dataclass(frozen=True, slots=True)
class _Fact:
    name: str
    value: str
    iri: str | None


_FACT_NAMES = {
    "rdfs:label": "name",
    "dcterms:title": "title",
    "rdf:type": "type",
    "skos:altLabel": "also called",
    "kgo:role": "role",
    "kgo:country": "country",
    "kgo:cameoCode": "CAMEO actor code",
    "kgo:affiliatedWith": "affiliated with",
    "dcterms:date": "published",
    "schema:url": "url",
    "kgo:source": "source",
    "kgo:docId": "document id",
    "kgo:mentionedIn": "mentioned in",
}


def _facts(rows: list[dict[str, Any]]) -> dict[str, list[_Fact]]:
    facts: dict[str, list[_Fact]] = {}
    for row in rows:
        pred = _short(row["p"])
        name = _FACT_NAMES.get(pred)
        if name is None:
            continue
        value, iri = row["o"], None
        if pred in ("rdf:type",):
            value = _short(value).removeprefix("kgo:")
        elif pred in ("kgo:affiliatedWith", "kgo:mentionedIn"):
            label = row.get("label")
            iri, value = (value, label) if label else (None, iris.slug_words(value))
        facts.setdefault(name, []).append(_Fact(name, str(value), iri))
    order = list(_FACT_NAMES.values())
    for values in facts.values():
        values.sort(key=lambda f: f.value.lower())
    return dict(sorted(facts.items(), key=lambda item: order.index(item[0])))


def _slug_iri(request: Request) -> tuple[str, str]:
    kind = request.url.path.split("/")[1]
    iri = iris.node_iri(kind, request.path_params["slug"], base=request.app.state.base_iri)
    if iri is None:
        raise NotFoundError("no such page")
    return kind, iri


async def node_page(request: Request) -> Response:
    """``/actor/{slug}``, ``/concept/{slug}``, ``/doc/{slug}``: what the graph says about one node."""
    kind, iri = _slug_iri(request)
    term = _iri_term(iri)
    facts = _facts((await _values(request, _PROPERTIES % {"iri": term})).dicts())
    if not facts:
        raise NotFoundError(f"nothing in the graph about {iri}")
    query = _DOC_EVENTS if kind == "doc" else _ACTOR_EVENTS
    events = (await _values(request, query % {"iri": term})).dicts()
    names = facts.get("name") or facts.get("title") or [_Fact("name", iri.rsplit("/", 1)[-1], None)]
    frame = request.url.path + "/network" if kind != "doc" and events else None
    return render(request, "node.html", kind=kind, iri=iri, title=names[0].value, facts=facts,
                  events=events, frame=frame,
                  sparql_link="/query?query=" + quote(f"DESCRIBE {term}"))


async def network_page(request: Request) -> Response:
    """``/actor/{slug}/network``, ``/concept/{slug}/network``: the ``kg viz`` page of the node's ego network
    (framed by the node's page)."""
    _, iri = _slug_iri(request)
    html: str = await request.app.state.pool.run(Job("ego", iri, max_rows=60))
    return HTMLResponse(html, headers={"Content-Security-Policy": _VIZ_CSP})


_VIZ_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'")


async def query_page(request: Request) -> Response:
    """``/query``: a SPARQL box; results as a table (at most 1,000 rows and 2 MB of text shown)."""
    sparql = request.query_params.get("query", "")
    table: Table | None = None
    error: str | None = None
    status = 200
    download = None
    if sparql.strip():
        try:
            form = inspect_query(sparql).form
            download = {"SELECT": "csv", "ASK": "json", "CONSTRUCT": "turtle", "DESCRIBE": "turtle"}.get(form or "")
            settings = request.app.state.settings
            table = await request.app.state.pool.run(Job("table", sparql, max_rows=min(settings.max_rows, _DISPLAY_ROWS),
                                                         max_bytes=min(settings.max_response_bytes, _DISPLAY_BYTES)))
        except KgError as exc:
            error, status = " ".join(str(exc).split()), exc.status
    examples = [(title, text, "/query?query=" + quote(text)) for title, text in EXAMPLES]
    page = render(request, "query.html", status=status, sparql=sparql or EXAMPLES[0][1], ran=bool(sparql.strip()),
                  table=table, error=error, examples=examples, download=download, prefixes=json.dumps(PREFIXES),
                  download_link=f"/sparql?format={download}&query={quote(sparql)}" if table is not None and download else None)
    page.headers["content-security-policy"] = QUERY_PAGE_CSP
    return page


QUERY_PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
                  "img-src 'self' data:; font-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'")
"""The query page runs YASGUI (``static/yasgui.min.js``, vendored): scripts from this host only,
and it may fetch from this host only (its queries go to ``/sparql``). Inline styles are allowed
here because YASGUI's table (column-resizer) adds a ``<style>`` element; styles run no code."""
