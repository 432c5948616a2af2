"""The dyad roll-up: one ``kgo:Dyad`` node per (agent, relation, patient) with its event count.

The questions asked most ("who acts on whom, how often, cooperating or in
conflict?") would otherwise group every event of the store at query time. The
roll-up answers them from small nodes instead. It lives in its own named graph
(``.../id/graph/dyads``) and is derived data: the event nodes stay the source of
truth, and :func:`rebuild` recounts it from them at any time.

A dyad node::

    <.../id/dyad/<hash>> a kgo:Dyad ;
        rdf:subject <agent> ; rdf:predicate kgr:urge ; rdf:object <patient> ;
        kgo:predicate "urge" ;
        kgo:count 3 ;            # asserted, non-negated events of this triple
        kgo:goldstein 6.0 ;      # sum of the Goldstein values of its CAMEO-coded events (when any is coded)
        kgo:quadClass 3 .        # the highest (most conflictual) quad class among them (when any is coded)

``rdf:subject``/``rdf:predicate``/``rdf:object`` describe the direct edge the dyad
counts; ``kgo:agent``/``kgo:patient`` stay for events, so event queries never
see a dyad.

Maintenance (:class:`DyadUpdater`): a build only adds documents it did not hold,
so counts only grow. The build hands over the asserted, non-negated events it
writes; at its end the touched dyads are read by index lookup, their counts
increased, and written back in one update per chunk: the cost follows the
build, not the store. A marker file in the store directory says "the roll-up
may be behind": a build that finds one (an earlier build was killed), a store
made before the roll-up existed, and re-extraction recount everything with
:func:`rebuild` (one grouped query over the events).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.rdf import iris
from kg.rdf.convert import DIRECT_EVENT, is_direct, mention_iri
from kg.rdf.namespaces import KGO
from kg.rdf.nquads import term

if TYPE_CHECKING:
    from kg.rdf.store import Store
    from kg.records import Relation

__all__ = ["DyadKey", "DyadEvent", "STALE_MARKER", "dyad_events", "dyad_quads", "code_values", "rebuild", "recount_update",
           "DyadUpdater"]

log = logging.getLogger(__name__)

DyadKey = tuple[str, str, str]
"""(agent IRI, relation IRI, patient IRI)."""
DyadEvent = tuple[Any, str, str, str, str, "str | None"]
"""(event key, agent IRI, relation IRI, patient IRI, predicate, CAMEO code) of an asserted, non-negated event."""

STALE_MARKER = "dyads.stale"


def dyad_events(relations: Iterable["Relation"], *, base: str) -> list[DyadEvent]:
    """The distinct events of one document's ``relations`` that count in a dyad (:func:`kg.rdf.convert.is_direct`),
    in order; an event is known by what names its IRI (:func:`kg.rdf.iris.event_iri`)."""
    seen: set[tuple] = set()
    out: list[DyadEvent] = []
    for rel in relations:
        if not is_direct(rel):
            continue
        p = rel.provenance
        event = (p.doc_id, p.start, rel.subject.label, rel.predicate, rel.object.label)
        if event not in seen:
            seen.add(event)
            out.append((event, mention_iri(rel.subject, doc_id=p.doc_id, base=base), iris.relation_iri(rel.predicate),
                        mention_iri(rel.object, doc_id=p.doc_id, base=base), rel.predicate, rel.event_code))
    return out


_CHUNK = 2000

_COUNT = """
SELECT ?a ?r ?b (MIN(?pred) AS ?p) (COUNT(DISTINCT ?e) AS ?n) (SUM(?g) AS ?gs) (COUNT(?g) AS ?coded) (MAX(?q) AS ?qc)
WHERE {
  ?e kgo:relation ?r ; kgo:agent ?a ; kgo:patient ?b ; %(direct)s ;
     kgo:predicate ?pred .
  OPTIONAL { ?e kgo:eventType ?t .
    OPTIONAL { ?t kgo:goldstein ?g0 } OPTIONAL { ?t kgo:quadClass ?q0 }
    OPTIONAL { ?t skos:broader ?t1 . OPTIONAL { ?t1 kgo:goldstein ?g1 } OPTIONAL { ?t1 kgo:quadClass ?q1 } } }
  BIND(COALESCE(?g0, ?g1) AS ?g)
  BIND(COALESCE(?q0, ?q1) AS ?q)
}
GROUP BY ?a ?r ?b
""".replace("%(direct)s", DIRECT_EVENT)

_CODES = """
SELECT ?t ?g ?q WHERE {
  ?t skos:inScheme ?scheme .
  OPTIONAL { ?t kgo:goldstein ?g0 } OPTIONAL { ?t kgo:quadClass ?q0 }
  OPTIONAL { ?t skos:broader ?t1 . OPTIONAL { ?t1 kgo:goldstein ?g1 } OPTIONAL { ?t1 kgo:quadClass ?q1 } }
  BIND(COALESCE(?g0, ?g1) AS ?g)
  BIND(COALESCE(?q0, ?q1) AS ?q)
}
"""


def dyad_quads(key: DyadKey, predicate: str, count: int, goldstein: Decimal | None, quad_class: int | None,
               *, base: str) -> list[tuple]:
    """The quads of one dyad node."""
    a, r, b = key
    node = URIRef(iris.dyad_iri(a, r, b, base=base))
    graph = URIRef(iris.dyads_graph_iri(base=base))
    out = [
        (node, RDF.type, KGO.Dyad, graph),
        (node, RDF.subject, URIRef(a), graph),
        (node, RDF.predicate, URIRef(r), graph),
        (node, RDF.object, URIRef(b), graph),
        (node, KGO.predicate, Literal(predicate), graph),
        (node, KGO.count, Literal(count, datatype=XSD.integer), graph),
    ]
    if goldstein is not None:
        out.append((node, KGO.goldstein, Literal(Decimal(goldstein), datatype=XSD.decimal), graph))
    if quad_class is not None:
        out.append((node, KGO.quadClass, Literal(int(quad_class), datatype=XSD.integer), graph))
    return out


def code_values(store: "Store") -> dict[str, tuple[Decimal | None, int | None]]:
    """CAMEO concept IRI → (Goldstein value, quad class), a code without its own taking its root's."""
    out: dict[str, tuple[Decimal | None, int | None]] = {}
    for t, g, q in store.query(_CODES).rows:
        if g is not None or q is not None:
            out[str(t)] = (Decimal(g) if g is not None else None, int(q) if q is not None else None)
    return out


class _Tally:
    """Count, Goldstein sum, coded count, highest quad class and predicate of one dyad."""

    __slots__ = ("n", "gs", "coded", "qc", "pred")

    def __init__(self, n: int = 0, gs: Decimal = Decimal(0), coded: int = 0, qc: int | None = None,
                 pred: str | None = None) -> None:
        self.n, self.gs, self.coded, self.qc, self.pred = n, gs, coded, qc, pred

    def add(self, pred: str, value: tuple[Decimal | None, int | None] | None) -> None:
        self.n += 1
        self.pred = pred if self.pred is None else min(self.pred, pred)
        if value is not None:
            g, q = value
            if g is not None:
                self.gs += g
                self.coded += 1
            if q is not None:
                self.qc = q if self.qc is None else max(self.qc, q)

    def merge(self, other: "_Tally") -> None:
        self.n += other.n
        self.gs += other.gs
        self.coded += other.coded
        if other.qc is not None:
            self.qc = other.qc if self.qc is None else max(self.qc, other.qc)
        if other.pred is not None:
            self.pred = other.pred if self.pred is None else min(self.pred, other.pred)


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _triples(key: DyadKey, t: _Tally, base: str) -> list[str]:
    """The dyad node as N-Triples lines (the same terms as :func:`dyad_quads`, written directly: no rdflib terms)."""
    a, r, b = key
    node = term(URIRef(iris.dyad_iri(a, r, b, base=base)))
    kgo = str(KGO.count)[: -len("count")]
    out = [
        f"{node} <{_RDF}type> <{kgo}Dyad> .",
        f"{node} <{_RDF}subject> {term(URIRef(a))} .",
        f"{node} <{_RDF}predicate> {term(URIRef(r))} .",
        f"{node} <{_RDF}object> {term(URIRef(b))} .",
        f"{node} <{kgo}predicate> {term(Literal(t.pred or ''))} .",
        f'{node} <{kgo}count> "{int(t.n)}"^^<{_XSD}integer> .',
    ]
    if t.coded:
        out.append(f"{node} <{kgo}goldstein> {term(Literal(Decimal(t.gs), datatype=XSD.decimal))} .")
        if t.qc is not None:
            out.append(f'{node} <{kgo}quadClass> "{int(t.qc)}"^^<{_XSD}integer> .')
    return out


def _write(store: "Store", rows: Iterable[tuple[DyadKey, _Tally]], *, drop: Iterable[str] = (),
           drop_all: bool = False) -> int:
    """Replace the dyad nodes ``drop`` (or all of them) by those of ``rows``, in one transaction."""
    graph = f"<{iris.dyads_graph_iri(base=store.base_iri)}>"
    lines, written = [], 0
    for key, t in rows:
        if t.n <= 0:
            continue
        written += 1
        lines.extend(_triples(key, t, store.base_iri))
    nodes = " ".join(f"<{d}>" for d in drop)
    if not drop_all and not nodes:  # only new dyads: N-Quads, the fastest write
        if lines:
            store.add_nquads("".join(f"{line[:-1]}{graph} .\n" for line in lines))
        return written
    parts = [f"DROP SILENT GRAPH {graph}" if drop_all else
             f"DELETE {{ GRAPH {graph} {{ ?d ?p ?o }} }} WHERE {{ VALUES ?d {{ {nodes} }} GRAPH {graph} {{ ?d ?p ?o }} }}"]
    if lines:
        parts.append("INSERT DATA { GRAPH %s {\n%s\n} }" % (graph, "\n".join(lines)))
    store.update(" ;\n".join(parts))
    return written


def recount_update(store: "Store", keys: Iterable[DyadKey], *, without: Iterable[str] = ()) -> str:
    """A SPARQL update (text) that recounts the dyads ``keys`` from the events not in the documents
    ``without`` (document IRIs): run it with their removal, in one transaction. Empty when no keys."""
    keys = sorted(set(keys))
    if not keys:
        return ""
    values = " ".join(f"(<{a}> <{r}> <{b}>)" for a, r, b in keys)
    gone = ", ".join(f"<{d}>" for d in without)
    where = f"VALUES (?a ?r ?b) {{ {values} }}\n  ?e kgo:document ?doc .\n" + (
        f"  FILTER(?doc NOT IN ({gone}))\n" if gone else "")
    query = _COUNT.replace("WHERE {\n", "WHERE {\n  " + where, 1)
    rows = []
    for a, r, b, pred, n, gs, coded, qc in store.query(query).rows:
        rows.append(((str(a), str(r), str(b)), _Tally(int(n), Decimal(gs or 0), int(coded), qc, str(pred))))
    graph = f"<{iris.dyads_graph_iri(base=store.base_iri)}>"
    nodes = " ".join(f"<{iris.dyad_iri(*k, base=store.base_iri)}>" for k in keys)
    parts = [f"DELETE {{ GRAPH {graph} {{ ?d ?p ?o }} }} WHERE {{ VALUES ?d {{ {nodes} }} GRAPH {graph} {{ ?d ?p ?o }} }}"]
    lines = [line for key, t in rows if t.n > 0 for line in _triples(key, t, store.base_iri)]
    if lines:
        parts.append("INSERT DATA { GRAPH %s {\n%s\n} }" % (graph, "\n".join(lines)))
    return " ;\n".join(parts)


def rebuild(store: "Store") -> int:
    """Recount every dyad of the store from its events (one query, one update). Returns the number of dyads."""
    rows = []
    for a, r, b, pred, n, gs, coded, qc in store.query(_COUNT).rows:
        rows.append(((str(a), str(r), str(b)), _Tally(int(n), Decimal(gs or 0), int(coded), qc, str(pred))))
    return _write(store, rows, drop_all=True)


def _stored(store: "Store", key: DyadKey) -> _Tally | None:
    """The dyad of ``key`` as stored (index lookups), or None."""
    node = iris.dyad_iri(*key, base=store.base_iri)
    found = store.describe(node, graph=iris.dyads_graph_iri(base=store.base_iri))
    if not found:
        return None
    values = dict(found)
    kgo = str(KGO.count)[: -len("count")]
    gs = values.get(kgo + "goldstein")
    return _Tally(int(values.get(kgo + "count", 0)), Decimal(gs) if gs is not None else Decimal(0),
                  1 if gs is not None else 0, values.get(kgo + "quadClass"), values.get(kgo + "predicate"))


class DyadUpdater:
    """Keeps the roll-up in step with a build: :meth:`add` the events written, :meth:`finish` at the end."""

    def __init__(self, store: "Store") -> None:
        self.store = store
        self.tallies: dict[DyadKey, _Tally] = {}
        self._codes: dict[str, tuple[Decimal | None, int | None]] | None = None
        self._marker: Path | None = store.path / STALE_MARKER if store.path is not None else None
        self.full = bool(self._marker and self._marker.exists())
        self._marked = False

    def _mark(self) -> None:
        if self._marked:
            return
        self._marked = True
        if not self.full:
            self.full = self._missing()
        if self._marker is not None:
            try:
                self._marker.touch()
            except OSError as exc:  # a read-only directory: the roll-up gets recounted next time
                log.warning("cannot write %s: %s", self._marker, exc)

    def _missing(self) -> bool:
        graph = iris.dyads_graph_iri(base=self.store.base_iri)
        has_docs = self.store.query("ASK { ?d a kgo:Document }").boolean
        has_dyads = self.store.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").boolean
        return bool(has_docs and not has_dyads)

    def recount_all(self) -> None:
        """Recount every dyad at :meth:`finish` (after a change that is not an addition)."""
        self._mark()
        self.full = True

    def add(self, events: Iterable[DyadEvent]) -> None:
        """Note the asserted, non-negated events about to be written (distinct events of new documents)."""
        self._mark()
        if self.full:
            return
        if self._codes is None:
            self._codes = code_values(self.store)
        codes, tallies = self._codes, self.tallies
        for _event, a, r, b, pred, code in events:
            key = (a, r, b)
            t = tallies.get(key)
            if t is None:
                t = tallies[key] = _Tally()
            t.add(pred, codes.get(iris.CAMEO_BASE + code) if code else None)

    @property
    def pending(self) -> int:
        """Dyads counted but not yet written."""
        return len(self.tallies)

    def take(self) -> dict[DyadKey, _Tally]:
        """The increments counted so far, to :meth:`write` later (e.g. from the writer thread, after their events)."""
        taken, self.tallies = self.tallies, {}
        return taken

    def write(self, tallies: dict[DyadKey, _Tally]) -> int:
        """Add increments to the stored dyads (index lookups, one transaction per chunk); returns dyads written."""
        if self.full or not tallies:
            return 0
        written = 0
        keys = list(tallies)
        for i in range(0, len(keys), _CHUNK):
            rows, drop = [], []
            for key in keys[i : i + _CHUNK]:
                t = tallies[key]
                old = _stored(self.store, key)
                if old is not None:
                    old.merge(t)
                    t = old
                    drop.append(iris.dyad_iri(*key, base=self.store.base_iri))
                rows.append((key, t))
            written += _write(self.store, rows, drop=drop)
        return written

    def flush(self) -> int:
        """Write the increments counted so far (their events must be written); returns dyads written."""
        return self.write(self.take())

    def finish(self) -> int:
        """Bring the roll-up up to date; returns the number of dyads written.

        A stale marker left by a killed build makes even a build that added nothing recount.
        """
        if not self._marked and not self.full:
            return 0
        written = rebuild(self.store) if self.full else self.flush()
        if self._marker is not None:
            try:
                self._marker.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("cannot remove %s: %s", self._marker, exc)
        self.tallies.clear()
        self._marked = False
        self.full = False
        return written
