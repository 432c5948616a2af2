"""Counts and the most connected actors of a store, by SPARQL."""

from __future__ import annotations

from typing import Any

from kg.rdf.store import Store

__all__ = ["store_stats"]

_COUNTS = """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents)
  (COUNT(DISTINCT ?event) AS ?events)
WHERE {
  { ?doc a kgo:Document } UNION { ?event a kgo:Event }
}
"""

_ACTORS = """
SELECT (COUNT(DISTINCT ?a) AS ?actors) WHERE {
  GRAPH ?g { ?a kgo:mentionedIn ?d }
}
"""

_CONCEPTS = "SELECT (COUNT(DISTINCT ?c) AS ?concepts) WHERE { ?c a kgo:Concept }"

_TOP = """
SELECT ?actor ?label ?type (COUNT(DISTINCT ?event) AS ?events) WHERE {
  { ?event kgo:agent ?actor } UNION { ?event kgo:patient ?actor }
  ?actor a ?type ; rdfs:label ?label .
  FILTER(?type != kgo:Concept)
}
GROUP BY ?actor ?label ?type
ORDER BY DESC(?events) ?label
LIMIT %d
"""


def store_stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Documents, events, actors, concepts, quads and the ``top`` actors by event count."""
    counts = store.query(_COUNTS).dicts()[0]
    actors = store.query(_ACTORS).dicts()[0]["actors"]
    concepts = store.query(_CONCEPTS).dicts()[0]["concepts"]
    rows = store.query(_TOP % max(0, int(top))).dicts()
    return {
        "documents": counts["documents"],
        "events": counts["events"],
        "actors": actors,
        "concepts": concepts,
        "quads": len(store),
        "top_actors": [
            {"iri": r["actor"], "label": r["label"], "type": r["type"].rsplit("#", 1)[-1], "events": r["events"]}
            for r in rows
        ],
    }
