"""The ontology's vocabulary in one place, kept in step with ``ontologies/kg.ttl`` by a test."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

__all__ = ["KGO", "SEM", "KGR", "ONTOLOGY_IRI", "PREFIXES", "bind_prefixes"]

ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
KGR = Namespace("https://w3id.org/newskg/relation/")
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
    modality: URIRef
    attributedTo: URIRef
    eventType: URIRef
    eventCode: URIRef
    eventRoot: URIRef
    date: URIRef
    confidence: URIRef
    # provenance
    document: URIRef
    sentence: URIRef
    start: URIRef
    end: URIRef
    agentText: URIRef
    patientText: URIRef
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


def bind_prefixes(graph: Graph) -> Graph:
    """Bind our usual prefixes on ``graph`` and return it."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph
