"""The ontology's vocabulary in one place, kept in step with ``ontologies/kg.ttl`` by a test (its IRI: :data:`kg.config.ONTOLOGY_IRI`)."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

from kg.config import ONTOLOGY_IRI
from kg.rdf.iris import RELATION_BASE

__all__ = ["KGO", "SEM", "KGR", "PREFIXES", "Terms", "bind_prefixes"]

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
KGR = Namespace(RELATION_BASE)
"""Direct-edge properties, one per predicate lemma (minted in :mod:`kg.rdf.iris`)."""


class KGO(DefinedNamespace):
    """Terms of ``ontologies/kg.ttl``; a typo raises at once (``_fail``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Group: URIRef
    Location: URIRef
    Concept: URIRef
    Event: URIRef
    Document: URIRef
    Dyad: URIRef
    # event
    agent: URIRef
    patient: URIRef
    predicate: URIRef
    predicateText: URIRef
    relation: URIRef
    negated: URIRef
    nominal: URIRef
    modality: URIRef
    attributedTo: URIRef
    reportedBy: URIRef
    eventType: URIRef
    eventCode: URIRef
    eventRoot: URIRef
    date: URIRef
    dateSource: URIRef
    dateStart: URIRef
    dateEnd: URIRef
    confidence: URIRef
    # provenance
    document: URIRef
    sentence: URIRef
    start: URIRef
    end: URIRef
    agentText: URIRef
    patientText: URIRef
    agentCode: URIRef
    patientCode: URIRef
    extractor: URIRef
    # actors
    country: URIRef
    cameoCode: URIRef
    role: URIRef
    affiliatedWith: URIRef
    mentionedIn: URIRef
    # documents
    docId: URIRef
    contentHash: URIRef
    source: URIRef
    # resolution notes
    Resolution: URIRef
    resolvedActor: URIRef
    resolvedText: URIRef
    resolvedBy: URIRef
    # dyads
    count: URIRef
    goldstein: URIRef
    quadClass: URIRef


PREFIXES: dict[str, str] = {
    "kgo": str(KGO._NS),
    "kgr": str(KGR),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "owl": str(OWL),
    "prov": str(PROV),
    "schema": str(SDO),
    "dcterms": str(DCTERMS),
    "sem": str(SEM),
}


class Terms:
    """A namespace's terms as plain attributes: the same URIRefs, looked up faster.

    ``DefinedNamespace`` resolves every ``KGO.agent`` through a metaclass
    ``__getattr__``; RDF conversion reads ~40 terms per event, which made those
    lookups a fifth of its time. Hot code reads terms from ``Terms(KGO)`` instead.

    >>> Terms(KGO).agent == KGO.agent
    True
    """

    def __init__(self, ns: object) -> None:
        self._ns = ns
        for name in getattr(ns, "__annotations__", {}):
            if not name.startswith("_"):
                try:
                    setattr(self, name, ns[name])  # type: ignore[index]
                except (KeyError, AttributeError, TypeError, ValueError):
                    pass

    def __getattr__(self, name: str) -> URIRef:  # a term without an annotation: ask the namespace
        return getattr(self._ns, name)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind our usual prefixes on ``graph`` and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph
