"""Store → NetworkX: the actor graph, the full graph with concepts, the country roll-up.

Every projection runs two SPARQL queries, whatever the size of the graph: one
for the events that pass the filters (with their evidence and CAMEO values) and
one for the attributes of the nodes they touch (plus one per name given in
``actors=``, to resolve it). Nothing is fetched per node.

The graphs are :class:`networkx.MultiDiGraph`\\ s keyed by IRI:

* nodes: ``label``, ``type`` (Person, Organization, Country, Group, Location,
  Other), ``country`` (ISO-3 or None), ``code``, ``aliases``, ``roles``,
  ``affiliations`` (tuples);
* edges agent → patient, keyed by relation (``"urge"``, ``"urge [negated]"``)
  when aggregated or by event IRI when not: ``relation``, ``negated``,
  ``modality``, ``count``, ``weight`` (= count), ``cameo``, ``cameo_label``,
  ``quad_class``, ``goldstein`` (value of the code), ``goldstein_sum`` (over the
  events), ``first_date``, ``last_date``, ``kind`` ("event" or "affiliation")
  and ``evidence`` (a tuple of :class:`~kg.analytics.Evidence`, oldest first).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.analytics._common import Evidence, chunks, refuse_pronoun, sparql_iri
from kg.config import ONTOLOGY_IRI
from kg.errors import ActorNotFound, GraphError
from kg.rdf import iris
from kg.rdf.store import Store
from kg.words import counted

__all__ = [
    "DEFAULT_MODALITIES",
    "MODALITIES",
    "actor_graph",
    "country_graph",
    "country_labels",
    "actor_candidates",
    "find_in_store",
    "DateSpan",
    "date_span",
    "full_graph",
    "node_attributes",
    "resolve_actor",
]

MODALITIES = ("asserted", "hypothetical", "planned", "reported")
DEFAULT_MODALITIES: tuple[str, ...] = ("asserted",)
"""Events kept unless asked otherwise: asserted and not negated (as the direct edges)."""

_SEP = "\u001f"
_TYPES = ("Person", "Country", "Organization", "Group", "Location", "Concept")
_KGO = ONTOLOGY_IRI + "#"

_EVENTS = """
SELECT ?e ?a ?p ?pred ?neg ?mod ?code ?t ?date ?doc ?sent ?attr WHERE {
  %(values)s
  ?e a kgo:Event ; kgo:agent ?a ; kgo:patient ?p ; kgo:predicate ?pred ; kgo:document ?doc .
  OPTIONAL { ?e kgo:negated ?neg }
  OPTIONAL { ?e kgo:modality ?mod }
  OPTIONAL { ?e kgo:date ?date }
  OPTIONAL { ?e kgo:sentence ?sent }
  OPTIONAL { ?e kgo:attributedTo ?attr }
  OPTIONAL { ?e kgo:eventCode ?code . OPTIONAL { ?e kgo:eventType ?t } }
  %(filters)s
}
"""
"""The events only: joining documents and CAMEO values to every event made the query
several times slower on large stores; they are asked once per document and per type."""

_DOCS = """
SELECT ?doc ?docid ?title ?pub WHERE {
  VALUES ?doc { %s }
  OPTIONAL { ?doc kgo:docId ?docid }
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:date ?pub }
}
"""

_CAMEO = """
SELECT ?t ?clabel ?gs ?qc WHERE {
  VALUES ?t { %s }
  OPTIONAL { ?t skos:prefLabel ?clabel }
  OPTIONAL { ?t kgo:goldstein ?g0 } OPTIONAL { ?t kgo:quadClass ?q0 }
  OPTIONAL { ?t skos:broader ?t1 . OPTIONAL { ?t1 kgo:goldstein ?g1 } OPTIONAL { ?t1 kgo:quadClass ?q1 } }
  BIND(COALESCE(?g0, ?g1) AS ?gs)
  BIND(COALESCE(?q0, ?q1) AS ?qc)
}
"""

_CONCEPTS = "SELECT ?x WHERE { VALUES ?x { %s } ?x a kgo:Concept }"

_NODES = """
SELECT ?x
  (GROUP_CONCAT(DISTINCT STR(?type); separator="\u001f") AS ?types)
  (GROUP_CONCAT(DISTINCT ?label; separator="\u001f") AS ?labels)
  (GROUP_CONCAT(DISTINCT ?alt; separator="\u001f") AS ?alts)
  (GROUP_CONCAT(DISTINCT ?country; separator="\u001f") AS ?countries)
  (GROUP_CONCAT(DISTINCT ?code; separator="\u001f") AS ?codes)
  (GROUP_CONCAT(DISTINCT ?role; separator="\u001f") AS ?roles)
  (GROUP_CONCAT(DISTINCT STR(?aff); separator="\u001f") AS ?affs)
WHERE {
  VALUES ?x { %s }
  OPTIONAL { ?x a ?type }
  OPTIONAL { ?x rdfs:label ?label }
  OPTIONAL { ?x skos:altLabel ?alt }
  OPTIONAL { ?x kgo:country ?country }
  OPTIONAL { ?x kgo:cameoCode ?code }
  OPTIONAL { ?x kgo:role ?role }
  OPTIONAL { ?x kgo:affiliatedWith ?aff }
}
GROUP BY ?x
"""

_NAMES = """
SELECT ?x ?n ?lab WHERE {
  ?x a ?t . FILTER(?t IN (kgo:Person, kgo:Organization, kgo:Country, kgo:Group, kgo:Location, kgo:Concept))
  { ?x rdfs:label ?n BIND(1 AS ?lab) } UNION { ?x skos:altLabel ?n BIND(0 AS ?lab) }
}
"""
"""Every name of every actor and concept: matching folds accents and reads initials, which SPARQL cannot."""

_EVENT_COUNTS = """
SELECT ?x (COUNT(DISTINCT ?e) AS ?events) WHERE {
  VALUES ?x { %s }
  { ?e kgo:agent ?x } UNION { ?e kgo:patient ?x }
}
GROUP BY ?x
"""


def actor_candidates(store: Store) -> dict[str, tuple[str, tuple[str, ...]]]:
    """IRI → (label, aliases) of every actor and concept in ``store`` (one query), for :func:`kg.search.rank`."""
    labels: dict[str, str] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for r in store.query(_NAMES).dicts():
        if r["lab"] == 1:
            labels.setdefault(str(r["x"]), str(r["n"]))
        else:
            aliases[str(r["x"])].append(str(r["n"]))
    return {x: (label, tuple(sorted(aliases.get(x, ())))) for x, label in labels.items()}


def find_in_store(store: Store, name: str, limit: int = 50) -> list[str]:
    """IRIs of the actors and concepts whose names match ``name``, best first (:func:`kg.search.rank`).

    Ties within a tier go to the actor with more events (asked for the matches only).
    """
    from kg.search import match_tier, rank

    found = [(x, label, aliases) for x, (label, aliases) in actor_candidates(store).items()
             if match_tier(name, label, aliases) is not None]
    events: dict[str, int] = {}
    for start in range(0, len(found), 500):
        part = " ".join(sparql_iri(x) for x, *_ in found[start:start + 500])
        events.update({str(r["x"]): int(r["events"]) for r in store.query(_EVENT_COUNTS % part).dicts()})
    return rank(name, ((x, label, aliases, events.get(x, 0)) for x, label, aliases in found))[:limit]


def _lit(text: str) -> str:
    """A SPARQL string literal.

    >>> _lit('say "no"\\n')
    '"say \\\\"no\\\\"\\\\n"'
    """
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def _date(value: dt.date | str | None, what: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise GraphError(f"{what}: not a date (YYYY-MM-DD): {value!r}") from None


def resolve_actor(store: Store, name: str) -> str:
    """The IRI of the actor (or concept) whose label or alias best matches ``name``.

    An IRI is returned as is. Otherwise the names are ranked by
    :func:`kg.search.rank` (accents ignored; exact label, alias, initials, start
    of the label, start of words, anywhere); ties go to the actor with more
    events. Two queries.

    Raises:
        ActorNotFound: nothing matches.
    """
    if re.match(r"https?://", name):
        return name
    want = " ".join(name.split()).casefold()
    if not want:
        raise ActorNotFound("give an actor name")
    refuse_pronoun(name)
    found = find_in_store(store, name, limit=1)
    if not found:
        raise ActorNotFound(f"no actor matches {name!r}; try `kg analyze` to list actors, or a shorter name")
    return found[0]


def _filters(store: Store, *, start, end, documents, event_types, quad_classes, actors,
             include_negated, modalities, concepts) -> tuple[str, str, dict[str, Any]]:
    """(VALUES, SPARQL filters, filters applied to the assembled rows: concepts, dates, quad classes)."""
    parts = []
    values = ""
    after: dict[str, Any] = {"concepts": concepts, "start": None, "end": None, "quad_classes": None}
    if not include_negated:
        parts.append("FILTER(!COALESCE(?neg, false))")
    if modalities is not None:
        mods = tuple(modalities)
        bad = [m for m in mods if m not in MODALITIES]
        if bad or not mods:
            raise GraphError(f"modalities must be some of {', '.join(MODALITIES)}; got {bad or 'none'}")
        parts.append(f'FILTER(COALESCE(?mod, "asserted") IN ({", ".join(_lit(m) for m in mods)}))')
    start, end = _date(start, "start"), _date(end, "end")
    if start and end and start > end:
        raise GraphError(f"the time window is empty: {start} is after {end}")
    after["start"], after["end"] = start, end
    if documents is not None:
        docs = [d if re.match(r"https?://", d) else iris.doc_iri(d, base=store.base_iri) for d in documents]
        values = f"VALUES ?doc {{ {' '.join(sparql_iri(d) for d in docs)} }}"
    if event_types is not None:
        codes = [str(c).strip() for c in event_types]
        if not codes or any(not re.fullmatch(r"\d{2,4}", c) for c in codes):
            raise GraphError(f"event types are CAMEO codes of 2 to 4 digits, got {codes}")
        starts = " || ".join(f"STRSTARTS(?code, {_lit(c)})" for c in codes)
        parts.append(f"FILTER(BOUND(?code) && ({starts}))")
    if quad_classes is not None:
        qcs = sorted({int(q) for q in quad_classes})
        if not qcs or any(q not in (1, 2, 3, 4) for q in qcs):
            raise GraphError(f"quad classes are 1 to 4, got {qcs}")
        after["quad_classes"] = frozenset(qcs)
    if actors is not None:
        wanted = [resolve_actor(store, a) for a in actors]
        if not wanted:
            raise GraphError("the actor filter is empty")
        listed = ", ".join(sparql_iri(a) for a in wanted)
        parts.append(f"FILTER(?a IN ({listed}) || ?p IN ({listed}))")
    return values, "\n  ".join(parts), after


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _edge_key(relation: str, negated: bool, modality: str) -> str:
    flags = (["negated"] if negated else []) + ([modality] if modality != "asserted" else [])
    return f"{relation} [{', '.join(flags)}]" if flags else relation


def _event_rows(store: Store, values: str, filters: str, after: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The events passing the filters, each with its document's and its CAMEO type's values."""
    seen: dict[str, dict[str, Any]] = {}
    for r in store.query(_EVENTS % {"values": values, "filters": filters}).dicts():
        seen.setdefault(r["e"], r)  # several values of a property would repeat a row
    rows = list(seen.values())
    docs: dict[str, dict[str, Any]] = {}
    for part in chunks(sorted({r["doc"] for r in rows})):
        for d in store.query(_DOCS % " ".join(sparql_iri(x) for x in part)).dicts():
            docs.setdefault(d["doc"], d)
    types: dict[str, dict[str, Any]] = {}
    wanted = sorted({r["t"] for r in rows if r["t"] is not None})
    for part in chunks(wanted):
        for t in store.query(_CAMEO % " ".join(sparql_iri(x) for x in part)).dicts():
            types.setdefault(t["t"], t)
    concepts: set[str] = set()
    if not after["concepts"]:
        for part in chunks(sorted({r[k] for r in rows for k in ("a", "p")})):
            concepts.update(str(c[0]) for c in store.query(_CONCEPTS % " ".join(sparql_iri(x) for x in part)).rows)
    start, end, qcs = after["start"], after["end"], after["quad_classes"]
    out = []
    for r in rows:
        if r["a"] in concepts or r["p"] in concepts:
            continue
        d = docs.get(r["doc"], {})
        t = types.get(r["t"], {}) if r["t"] is not None else {}
        r["docid"], r["title"] = d.get("docid"), d.get("title")
        r["clabel"], r["gs"], r["qc"] = t.get("clabel"), t.get("gs"), t.get("qc")
        when = r["date"] if r["date"] is not None else d.get("pub")
        r["when"] = when if isinstance(when, dt.date) else None
        if start and (r["when"] is None or r["when"] < start):
            continue
        if end and (r["when"] is None or r["when"] > end):
            continue
        if qcs is not None and int(r["qc"] or 0) not in qcs:
            continue
        out.append(r)
    return out


def _add_edges(G: nx.MultiDiGraph, rows: list[dict[str, Any]], aggregate: bool) -> None:
    groups: dict[tuple[str, str, str], list[tuple[dict[str, Any], Evidence]]] = defaultdict(list)
    for r in rows:
        neg, mod = bool(r["neg"]), str(r["mod"] or "asserted")
        ev = Evidence(
            event=r["e"], sentence=r["sent"], date=r["when"],
            document=r["doc"], doc_id=r["docid"], title=r["title"], negated=neg, modality=mod,
            code=r["code"], goldstein=_num(r["gs"]),
            attributed_to=r["attr"],
        )
        key = _edge_key(str(r["pred"]), neg, mod) if aggregate else r["e"]
        groups[(r["a"], r["p"], key)].append((r, ev))
    for (a, p, key), items in sorted(groups.items()):
        items.sort(key=lambda it: (it[1].date is None, it[1].date or dt.date.min, it[1].event))
        evidence = tuple(ev for _, ev in items)
        codes = Counter(ev.code for ev in evidence if ev.code)
        code = min(codes, key=lambda c: (-codes[c], c)) if codes else None
        row = next((r for r, ev in items if ev.code == code), items[0][0])
        quad = row["qc"]
        dates = [ev.date for ev in evidence if ev.date]
        values = [ev.goldstein for ev in evidence if ev.goldstein is not None]
        G.add_edge(
            a, p, key=key, kind="event", relation=str(row["pred"]), negated=evidence[0].negated,
            modality=evidence[0].modality, count=len(evidence), weight=float(len(evidence)),
            cameo=code, cameo_label=row["clabel"] if code else None, quad_class=None if quad is None else int(quad),
            goldstein=_num(row["gs"]) if code else None,
            goldstein_sum=round(sum(values), 6), first_date=min(dates, default=None),
            last_date=max(dates, default=None), evidence=evidence,
        )


def node_attributes(store: Store, nodes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Label, type, country, code, aliases, roles and affiliations of ``nodes`` (one query).

    A node with several labels gets the one with most capitals (then the first
    in sort order); several types resolve Person > Country > Organization >
    Group > Location > Other.
    """
    wanted = sorted(set(nodes))
    if not wanted:
        return {}
    out = {}
    for r in store.query(_NODES % " ".join(sparql_iri(n) for n in wanted)).dicts():
        split = {k: sorted(filter(None, str(r[k] or "").split(_SEP))) for k in
                 ("types", "labels", "alts", "countries", "codes", "roles", "affs")}
        local = {t.rsplit("#", 1)[-1] for t in split["types"] if t.startswith(_KGO)}
        kind = next((t for t in _TYPES if t in local), "Concept")
        labels = split["labels"]
        label = min(labels, key=lambda s: (-sum(c.isupper() for c in s), s)) if labels else r["x"]
        out[r["x"]] = {
            "label": label,
            "type": "Other" if kind == "Concept" else kind,
            "country": split["countries"][0] if split["countries"] else None,
            "code": split["codes"][0] if split["codes"] else None,
            "aliases": tuple(a for a in [*labels, *split["alts"]] if a != label),
            "roles": tuple(split["roles"]),
            "affiliations": tuple(split["affs"]),
        }
    return out


def actor_graph(
    store: Store,
    *,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
    documents: Iterable[str] | None = None,
    event_types: Iterable[str] | None = None,
    quad_classes: Iterable[int] | None = None,
    actors: Iterable[str] | None = None,
    include_negated: bool = False,
    modalities: Iterable[str] | None = DEFAULT_MODALITIES,
    concepts: bool = False,
    aggregate: bool = True,
    affiliations: bool = False,
) -> nx.MultiDiGraph:
    """The actors and the events between them, as a directed multigraph (agent → patient).

    Args:
        store: an open store.
        start: keep events dated on or after this day (the event's date, else
            its document's); undated events are then left out.
        end: keep events dated on or before this day.
        documents: keep events of these documents (ids or document IRIs).
        event_types: keep events whose CAMEO code starts with one of these
            ("19", "0211").
        quad_classes: keep events of these quad classes (1 verbal cooperation,
            2 material cooperation, 3 verbal conflict, 4 material conflict).
        actors: keep events whose agent or patient is one of these (names or IRIs).
        include_negated: also keep negated events (on their own edges).
        modalities: modalities kept; ``None`` keeps all. Default: asserted only.
        concepts: also keep events whose agent or patient is a concept.
        aggregate: one edge per (agent, patient, relation) with a count; else one
            edge per event, keyed by the event IRI.
        affiliations: add ``kind="affiliation"`` edges (actor → organisation or
            country it belongs to) where both ends are in the graph.

    Raises:
        GraphError: a filter value cannot work.
        ActorNotFound: a name in ``actors`` matches nothing.
    """
    values, filters, after = _filters(store, start=start, end=end, documents=documents, event_types=event_types,
                                      quad_classes=quad_classes, actors=actors, include_negated=include_negated,
                                      modalities=modalities, concepts=concepts)
    rows = _event_rows(store, values, filters, after)
    G = nx.MultiDiGraph(kind="actors" if not concepts else "full")
    attrs = node_attributes(store, {r[k] for r in rows for k in ("a", "p")})
    for node in sorted(attrs):
        G.add_node(node, **attrs[node])
    _add_edges(G, rows, aggregate)
    if affiliations:
        for node, data in list(G.nodes(data=True)):
            for other in data.get("affiliations", ()):
                if other in G and other != node:
                    G.add_edge(node, other, key="affiliated with", kind="affiliation", relation="affiliated with",
                               negated=False, modality="asserted", count=1, weight=1.0, cameo=None,
                               cameo_label=None, quad_class=None, goldstein=None, goldstein_sum=0.0,
                               first_date=None, last_date=None, evidence=())
    return G


def full_graph(store: Store, **filters: Any) -> nx.MultiDiGraph:
    """The actor graph with concept nodes and affiliation edges (see :func:`actor_graph`)."""
    return actor_graph(store, **{"concepts": True, "affiliations": True, **filters})


_COUNTRIES = """
SELECT ?code (MIN(?label) AS ?name) WHERE { ?x a kgo:Country ; kgo:country ?code ; rdfs:label ?label } GROUP BY ?code
"""


_DATE_SPAN = """
SELECT (COUNT(?e) AS ?events) (COUNT(?when) AS ?dated) (MIN(?when) AS ?first) (MAX(?when) AS ?last) WHERE {
  ?e a kgo:Event ; kgo:document ?doc .
  OPTIONAL { ?e kgo:date ?d }
  OPTIONAL { ?doc dcterms:date ?pub }
  BIND(COALESCE(?d, ?pub) AS ?when)
}
"""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """How many events a time window can see: ``dated`` of ``events`` have a date, from ``first`` to ``last``."""

    events: int
    dated: int
    first: dt.date | None
    last: dt.date | None

    def explain(self, start: dt.date | str | None, end: dt.date | str | None) -> str:
        """Why a window from ``start`` to ``end`` kept no event, in one sentence for people."""
        if not self.events:
            return "the store has no events"
        if not self.dated:
            return (f"none of the store's {counted(self.events, 'event')} has a date (from the text or a "
                    "publication date), so --since/--until keep nothing; give documents a publication date "
                    "(JSONL \"published\") and build again")
        undated = self.events - self.dated
        window = f"{start or '…'} to {end or '…'}"
        return (f"no event is dated {window}: the store's dated events run from {self.first} to {self.last}"
                + (f" ({counted(undated, 'event')} without a date {'is' if undated == 1 else 'are'} left out "
                   "by any window)" if undated else ""))


def date_span(store: Store) -> DateSpan:
    """The events of ``store`` a time window can see (the event's date, else its document's; one query)."""
    row = store.query(_DATE_SPAN).dicts()[0]

    def day(value: Any) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else None

    return DateSpan(int(row["events"] or 0), int(row["dated"] or 0), day(row["first"]), day(row["last"]))


def country_labels(store: Store) -> dict[str, str]:
    """ISO-3 code → the label of a Country actor with that code, for every such actor in the store (one query)."""
    return {str(r["code"]): str(r["name"]) for r in store.query(_COUNTRIES).dicts() if r["code"] and r["name"]}


def country_graph(G: nx.MultiDiGraph, *, names: Mapping[str, str] | None = None) -> nx.MultiDiGraph:
    """Roll actors up into their countries: GDELT-style country dyads.

    Nodes become ISO-3 codes (actors without a country are left out, with their
    events), labelled by a Country actor of ``G`` with that code, else by
    ``names`` (e.g. :func:`country_labels`), else by the code; parallel edges of the same relation key are merged, their counts,
    evidence and Goldstein sums added. Domestic events become self-loops.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Israeli army", country="ISR")
    >>> G.add_node("b", label="Israel", type="Country", country="ISR")
    >>> G.add_node("c", label="Hezbollah", country="LBN")
    >>> G.add_edge("a", "c", key="strike", relation="strike", count=2, goldstein_sum=-20.0, evidence=())
    'strike'
    >>> G.add_edge("b", "c", key="strike", relation="strike", count=1, goldstein_sum=-10.0, evidence=())
    'strike'
    >>> C = country_graph(G)
    >>> sorted(C.nodes), C.nodes["ISR"]["label"]
    (['ISR', 'LBN'], 'Israel')
    >>> C.edges["ISR", "LBN", "strike"]["count"], C.edges["ISR", "LBN", "strike"]["goldstein_sum"]
    (3, -30.0)
    """
    C = nx.MultiDiGraph(kind="countries")
    members: dict[str, list[Hashable]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        if data.get("country"):
            members[data["country"]].append(node)
    for code, nodes in sorted(members.items()):
        named = sorted(str(G.nodes[n].get("label") or code) for n in nodes if G.nodes[n].get("type") == "Country")
        label = named[0] if named else (names or {}).get(code, code)
        C.add_node(code, label=label, type="Country", country=code, code=code,
                   aliases=tuple(named[1:]), roles=(), affiliations=(), members=tuple(sorted(map(str, nodes))))
    for u, v, key, data in G.edges(keys=True, data=True):
        cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
        if not cu or not cv:
            continue
        if not C.has_edge(cu, cv, key):
            C.add_edge(cu, cv, key=key, **{**data, "evidence": tuple(data.get("evidence", ()))})
            continue
        edge = C.edges[cu, cv, key]
        edge["count"] = edge.get("count", 1) + data.get("count", 1)
        edge["weight"] = float(edge["count"])
        edge["goldstein_sum"] = round(edge.get("goldstein_sum", 0.0) + data.get("goldstein_sum", 0.0), 6)
        edge["evidence"] = tuple(sorted(
            (*edge.get("evidence", ()), *data.get("evidence", ())),
            key=lambda ev: (ev.date is None, ev.date or dt.date.min, ev.event)))
        dates = [d for d in (edge.get("first_date"), edge.get("last_date"),
                             data.get("first_date"), data.get("last_date")) if d]
        edge["first_date"], edge["last_date"] = min(dates, default=None), max(dates, default=None)
    return C
