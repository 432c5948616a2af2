"""Records → RDF quads: one named graph per document, actors in a shared graph.

A document's graph holds the document node, its events (the source of truth,
with provenance) and the direct edges projected from its asserted, non-negated
events. Actor descriptions (label, type, aliases, country) go to the shared
actors graph, so the union of all graphs states each fact once. Nothing here
knows about spaCy: records in, rdflib terms out.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as _rdflib_ns

from kg.config import DEFAULT_BASE_IRI
from kg.names import is_name
from kg.rdf import iris
from kg.rdf import namespaces as _kg_ns
from kg.rdf.namespaces import Terms, bind_prefixes
from kg.records import ActorType, Document, Mention, Modality, Relation

__all__ = ["Quad", "ACTOR_CLASSES", "document_quads", "to_dataset", "to_graph", "mention_iri", "is_direct", "DIRECT_EVENT"]


# The vocabulary as fast views (see Terms): every KGO.x below is a plain attribute read.
KGO = Terms(_kg_ns.KGO)
RDF, RDFS, SKOS, DCTERMS, SDO, XSD = (
    Terms(getattr(_rdflib_ns, name)) for name in ("RDF", "RDFS", "SKOS", "DCTERMS", "SDO", "XSD")
)


Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]

ACTOR_CLASSES: dict[ActorType, URIRef] = {
    ActorType.PERSON: KGO.Person,
    ActorType.ORGANIZATION: KGO.Organization,
    ActorType.COUNTRY: KGO.Country,
    ActorType.GROUP: KGO.Group,
    ActorType.LOCATION: KGO.Location,
    ActorType.OTHER: KGO.Concept,
}


def mention_iri(mention: Mention, *, doc_id: str | None = None, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI a mention resolves to: an actor, or a concept for type Other.

    A concept is scoped to its document ``doc_id`` unless its label is a proper
    name ("the proposal" of two articles: two nodes; "Abraham Accords": one).
    """
    if mention.type is ActorType.OTHER:
        scope = None if doc_id is None or is_name(mention.label) else doc_id
        return iris.concept_iri(mention.label, doc_id=scope, base=base)
    return iris.actor_iri(mention.label, base=base)


def _mention_quads(m: Mention, node: URIRef, doc: URIRef, actors: URIRef, base: str) -> Iterator[Quad]:
    yield node, RDF.type, ACTOR_CLASSES[m.type], actors
    yield node, RDFS.label, _lit(m.label), actors
    for alias in sorted(_names(m)):
        yield node, SKOS.altLabel, _lit(alias), actors
    if m.type is ActorType.OTHER:
        return
    yield node, KGO.mentionedIn, doc, actors
    if m.country:
        yield node, KGO.country, _lit(m.country), actors
    if m.code:
        yield node, KGO.cameoCode, _lit(m.code), actors
    if m.role:
        yield node, KGO.role, _lit(m.role), actors
    if m.affiliation and iris.actor_key(m.affiliation) != iris.actor_key(m.label):
        yield node, KGO.affiliatedWith, URIRef(iris.actor_iri(m.affiliation, base=base)), actors


def _names(m: Mention) -> set[str]:
    """The other names of a mention's actor: its text and aliases that are names ("Netanyahu"), never a
    pronoun or a description ("he", "both sides", "the company"), nor the label in another case.
    An actor without a name ("anonymous source", "gunmen") has no other names."""
    if not is_name(m.label):
        return set()
    key = iris.actor_key(m.label)
    return {a for a in (m.text, *m.aliases) if is_name(a) and iris.actor_key(a) != key}


def _document_node_quads(document: Document, doc: URIRef, graph: URIRef) -> Iterator[Quad]:
    yield doc, RDF.type, KGO.Document, graph
    yield doc, KGO.docId, _lit(document.id), graph
    yield doc, KGO.contentHash, _lit(iris.content_hash(document.text, length=64)), graph
    if document.title:
        yield doc, DCTERMS.title, _lit(document.title), graph
    if document.url:
        yield doc, SDO.url, Literal(document.url, datatype=XSD.anyURI), graph
    if document.published:
        yield doc, DCTERMS.date, Literal(document.published, datatype=XSD.date), graph
    if document.source:
        yield doc, KGO.source, _lit(document.source), graph


@functools.lru_cache(maxsize=1 << 15, typed=True)  # typed: True and 1 are different literals
def _lit(value: str | int | bool) -> Literal:
    """A plain or typed literal, shared: labels, predicates and flags repeat across events and documents."""
    return Literal(value)


@functools.lru_cache(maxsize=1 << 12)
def _decimal(value: float, places: int = 3) -> Literal:
    """An xsd:decimal in its canonical form ("1", not "1.0"), as Oxigraph stores it.

    Graphs written by rdflib (``kg extract --format ttl``) and exported from the store
    then hold the same literal term, not just the same value.

    >>> str(_decimal(1.0)), str(_decimal(0.8)), str(_decimal(0.00001))
    ('1', '0.8', '0')
    """
    text = format(Decimal(str(round(value, places))).normalize(), "f")
    return Literal(text, datatype=XSD.decimal)


def is_direct(rel: Relation) -> bool:
    """Whether ``rel``'s event is also a direct edge (agent → relation → patient) and counts in its dyad:
    asserted and not negated. The one statement of the rule; :data:`DIRECT_EVENT` says it in SPARQL
    (:mod:`kg.rdf.dyads` counts by both)."""
    return rel.modality is Modality.ASSERTED and not rel.negated


DIRECT_EVENT = f'kgo:modality "{Modality.ASSERTED.value}" ; kgo:negated false'
""":func:`is_direct` as a SPARQL property list of an event (``?e kgo:agent ?a ; {DIRECT_EVENT}``)."""


def _event_quads(rel: Relation, doc: URIRef, graph: URIRef, base: str) -> Iterator[Quad]:
    p = rel.provenance
    agent = URIRef(mention_iri(rel.subject, doc_id=p.doc_id, base=base))
    patient = URIRef(mention_iri(rel.object, doc_id=p.doc_id, base=base))
    event = URIRef(
        iris.event_iri(p.doc_id, p.start, rel.subject.label, rel.predicate, rel.object.label,
                       negated=rel.negated, base=base)
    )
    yield event, RDF.type, KGO.Event, graph
    yield event, KGO.agent, agent, graph
    yield event, KGO.patient, patient, graph
    yield event, KGO.predicate, _lit(rel.predicate), graph
    yield event, KGO.relation, URIRef(iris.relation_iri(rel.predicate)), graph
    if rel.predicate_text:
        yield event, KGO.predicateText, _lit(rel.predicate_text), graph
    yield event, KGO.negated, _lit(rel.negated), graph
    if rel.nominal:
        yield event, KGO.nominal, _lit(True), graph
    yield event, KGO.modality, _lit(rel.modality.value), graph
    yield event, KGO.confidence, _decimal(rel.confidence), graph
    if rel.attributed_to is not None:
        yield event, KGO.attributedTo, URIRef(mention_iri(rel.attributed_to, doc_id=p.doc_id, base=base)), graph
    if rel.reported_by is not None:
        yield event, KGO.reportedBy, URIRef(mention_iri(rel.reported_by, doc_id=p.doc_id, base=base)), graph
    if rel.event_code:
        yield event, KGO.eventCode, _lit(rel.event_code), graph
        if iris.is_cameo_code(rel.event_code):  # a user verb file's own code ('174L') has no CAMEO concept
            yield event, KGO.eventRoot, _lit(rel.event_code[:2]), graph
            yield event, KGO.eventType, URIRef(iris.cameo_iri(rel.event_code)), graph
    if rel.date:
        yield event, KGO.date, Literal(rel.date, datatype=XSD.date), graph
    elif rel.date_start and rel.date_end:
        yield event, KGO.dateStart, Literal(rel.date_start, datatype=XSD.date), graph
        yield event, KGO.dateEnd, Literal(rel.date_end, datatype=XSD.date), graph
    if rel.date_source:  # set exactly when there is a date or a span (Relation checks it)
        yield event, KGO.dateSource, _lit(rel.date_source), graph
    yield event, KGO.document, doc, graph
    yield event, KGO.sentence, _lit(p.sentence), graph
    yield event, KGO.start, _lit(p.start), graph
    yield event, KGO.end, _lit(p.end), graph
    yield event, KGO.agentText, _lit(rel.subject.text), graph
    yield event, KGO.patientText, _lit(rel.object.text), graph
    # the codes of these two mentions (a node may carry several: Israel is ISR, ISRMIL, ISRGOV)
    if rel.subject.code:
        yield event, KGO.agentCode, _lit(rel.subject.code), graph
    if rel.object.code:
        yield event, KGO.patientCode, _lit(rel.object.code), graph
    yield event, KGO.extractor, _lit(p.extractor), graph
    if is_direct(rel):
        yield agent, URIRef(iris.relation_iri(rel.predicate)), patient, graph


def document_quads(
    document: Document, relations: Iterable[Relation], *, base: str = DEFAULT_BASE_IRI
) -> Iterator[Quad]:
    """Every quad for one document and its relations (document graph + actors graph).

    The same document and relations give the same quads on every run.
    """
    graph = URIRef(iris.graph_iri(document.id, base=base))
    actors = URIRef(iris.actors_graph_iri(base=base))
    doc = URIRef(iris.doc_iri(document.id, base=base))
    yield from _document_node_quads(document, doc, graph)
    described: set[tuple] = set()  # a mention's quads depend on these fields only: state them once
    noted: set[tuple] = set()
    for rel in relations:
        yield from _event_quads(rel, doc, graph, base)
        for m in (rel.subject, rel.object, rel.attributed_to, rel.reported_by):
            if m is None:
                continue
            key = (m.label, m.type, m.text, m.aliases, m.country, m.code, m.role, m.affiliation, m.resolved_by)
            node = URIRef(mention_iri(m, doc_id=rel.provenance.doc_id, base=base))
            if key not in described:
                described.add(key)
                yield from _mention_quads(m, node, doc, actors, base)
            if (key, m.start, m.end) not in noted:
                noted.add((key, m.start, m.end))
                yield from _resolution_quads(m, node, doc, graph)


def _resolution_quads(m: Mention, node: URIRef, doc: URIRef, graph: URIRef) -> Iterator[Quad]:
    """How a mention was resolved to its actor, in the document's graph (explainable merges).

    One ``kgo:Resolution`` per resolved mention (actor, text as written, rules, offsets):
    "Netanyahu" → Benjamin Netanyahu by "dictionary", "he" by "coref", "Brightwater" by
    "short-name". Pronouns and descriptions are kept here, as mentions, never as names.
    """
    if not m.resolved_by or not m.is_actor:
        return
    note = URIRef(iris.resolution_iri(str(doc), str(node), m.text, m.resolved_by, start=m.start))
    yield note, RDF.type, KGO.Resolution, graph
    yield note, KGO.resolvedActor, node, graph
    yield note, KGO.resolvedText, _lit(m.text), graph
    yield note, KGO.resolvedBy, _lit(m.resolved_by), graph
    if m.code:  # the code of this mention, on its document's date ("Bush" in 2008: USAGOV)
        yield note, KGO.cameoCode, _lit(m.code), graph
    yield note, KGO.document, doc, graph
    yield note, KGO.start, _lit(m.start), graph
    yield note, KGO.end, _lit(m.end), graph


def to_dataset(quads: Iterable[Quad]) -> Dataset:
    """An rdflib Dataset holding ``quads`` (for tests, export and small graphs)."""
    ds = Dataset()
    bind_prefixes(ds)
    for s, p, o, g in quads:
        ds.add((s, p, o, g))
    return ds


def to_graph(quads: Iterable[Quad]) -> Graph:
    """The union of ``quads`` as one rdflib Graph (graph names dropped)."""
    g = bind_prefixes(Graph())
    for s, p, o, _ in quads:
        g.add((s, p, o))
    return g
