"""Records as the JSONL contract (DESIGN §4), as text tables and as Turtle."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kg.config import DEFAULT_BASE_IRI
from kg.records import Document, Mention, Occurrence, Relation

__all__ = ["occurrence_json", "occurrence_jsonl", "mention_json", "relation_json", "relation_jsonl", "relations_table", "relations_turtle"]


def mention_json(m: Mention, *, base: str = DEFAULT_BASE_IRI, doc_id: str | None = None) -> dict[str, Any]:
    """A mention as the contract's ``subject``/``object`` object (a concept's IRI is scoped to ``doc_id``)."""
    from kg.rdf.convert import mention_iri

    out: dict[str, Any] = {"text": m.text, "label": m.label, "type": m.type.value,
                           "iri": mention_iri(m, doc_id=doc_id, base=base)}
    if m.country:
        out["country"] = m.country
    if m.code:
        out["code"] = m.code
    if m.role:
        out["role"] = m.role
    if m.affiliation:
        out["affiliation"] = m.affiliation
    if m.resolved_by:
        out["resolved_by"] = m.resolved_by
    return out


def occurrence_json(o: Occurrence, *, base: str = DEFAULT_BASE_IRI) -> dict[str, Any]:
    """One actor mention as ``kg extract --format mentions`` prints it (``label`` null when unresolved)."""
    from kg.rdf.convert import mention_iri

    m = o.mention
    return {"kind": "mention", "doc": o.doc_id, "start": o.start, "end": o.end, "text": o.text,
            "label": m.label if m is not None else None,
            "iri": mention_iri(m, doc_id=o.doc_id, base=base) if m is not None else None,
            "type": m.type.value if m is not None else None,
            "country": m.country if m is not None else None,
            "code": m.code if m is not None else None,
            "resolved_by": m.resolved_by if m is not None else None}


def occurrence_jsonl(o: Occurrence, *, base: str = DEFAULT_BASE_IRI) -> str:
    """One line of ``kg extract --format mentions``."""
    return json.dumps(occurrence_json(o, base=base), ensure_ascii=False)


def relation_json(rel: Relation, *, base: str = DEFAULT_BASE_IRI, open_mode: bool = False) -> dict[str, Any]:
    """One relation as the JSONL contract object."""
    p = rel.provenance
    out: dict[str, Any] = {
        "doc": p.doc_id,
        "sentence": p.sentence,
        "start": p.start,
        "end": p.end,
        "subject": mention_json(rel.subject, base=base, doc_id=p.doc_id),
        "predicate": rel.predicate,
        "object": mention_json(rel.object, base=base, doc_id=p.doc_id),
        "negated": rel.negated,
        "modality": rel.modality.value,
        "attributed_to": rel.attributed_to.label if rel.attributed_to else None,
        "reported_by": rel.reported_by.label if rel.reported_by else None,
        "event_type": rel.event_type,
        "date": rel.date.isoformat() if rel.date else None,
        "date_source": rel.date_source,
        "confidence": round(rel.confidence, 3),
    }
    if rel.event_code:
        out["event_code"] = rel.event_code
    if open_mode or rel.predicate_text:
        out["predicate_text"] = rel.predicate_text
    if rel.nominal:
        out["nominal"] = True
    if rel.date_start and rel.date_end:
        out["date_start"], out["date_end"] = rel.date_start.isoformat(), rel.date_end.isoformat()
    return out


def relation_jsonl(rel: Relation, *, base: str = DEFAULT_BASE_IRI, open_mode: bool = False) -> str:
    """One line of ``kg extract --format jsonl``."""
    return json.dumps(relation_json(rel, base=base, open_mode=open_mode), ensure_ascii=False)


def relations_table(rows: Iterable[tuple[Document, list[Relation]]]) -> list[tuple[str, ...]]:
    """Rows for a text table: doc, subject, predicate, object, flags, attributed to."""
    table = []
    for doc, rels in rows:
        for r in rels:
            flags = ",".join(f for f in ("NOT" if r.negated else "", "" if r.modality.value == "asserted" else r.modality.value,
                                         "nominal" if r.nominal else "") if f)
            table.append((
                doc.id, r.subject.label, r.predicate, r.object.label, flags,
                r.attributed_to.label if r.attributed_to else "", r.event_type or "", r.when,
            ))
    return table


def relations_turtle(rows: Iterable[tuple[Document, list[Relation]]], *, base: str = DEFAULT_BASE_IRI) -> str:
    """The RDF of extracted documents as TriG-free Turtle (union of their graphs).

    Written by pyoxigraph, as ``kg export`` is, so each literal keeps its exact lexical
    form (rdflib's writer turns ``"1"^^xsd:decimal`` into ``1.0``, another RDF term).
    """
    import pyoxigraph as ox

    from kg.rdf.convert import document_quads
    from kg.rdf.namespaces import PREFIXES
    from kg.rdf.results import to_ox

    triples = {(s, p, o) for doc, rels in rows for s, p, o, _ in document_quads(doc, rels, base=base)}
    data = ox.serialize([ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in sorted(triples)],
                        format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return data.decode("utf-8")
