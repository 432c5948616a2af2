"""newskg: news text → a knowledge graph of actors, events and relations.

``import kg`` is cheap: records and errors are imported at once, everything that
needs spaCy, rdflib or pyoxigraph only when first used.

In a notebook (see README.md, "Notebooks")::

    report = kg.build(["examples/articles.jsonl"], store="kg-store")
    kg.remove(["sample-01"], store="kg-store")      # a document and what only it supported
    store = kg.open_store("kg-store")
    kg.frame("SELECT ?l WHERE { ?a a kgo:Person ; rdfs:label ?l }", store=store)  # a typed DataFrame
    G = kg.actor_graph(store)                       # NetworkX; kg.centrality, kg.communities, kg.dyads, ...
    kg.show(G)                                      # the interactive graph, inline and offline

>>> import kg
>>> kg.ActorType("Person")
<ActorType.PERSON: 'Person'>
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from kg.errors import (
    ActorNotFound,
    BuildInterrupted,
    ConfigError,
    DictionaryError,
    ExtractionError,
    GraphError,
    IngestError,
    IRIError,
    KgError,
    MissingExtraError,
    ModelError,
    ParseError,
    QueryError,
    StoreError,
    StoreLockedError,
    VizError,
)
from kg.records import ActorType, Document, Mention, Modality, Occurrence, Provenance, Region, Relation

__version__ = "0.1.0"

logging.getLogger("kg").addHandler(logging.NullHandler())

_LAZY = {
    "Settings": "kg.config",
    "load_settings": "kg.config",
    "extract": "kg.pipeline",
    "extract_text": "kg.pipeline",
    "extract_mentions": "kg.pipeline",
    "build": "kg.pipeline",
    "remove": "kg.pipeline",
    "BuildReport": "kg.pipeline",
    "Store": "kg.rdf.store",
    "QueryResult": "kg.rdf.results",
    "store_stats": "kg.rdf.stats",
    "read_documents": "kg.ingest",
    # notebooks: typed DataFrames, the inline view (kg/notebook.py)
    "frame": "kg.notebook",
    "relations_frame": "kg.notebook",
    "show": "kg.notebook",
    "view": "kg.viz",
    "View": "kg.viz",
    # NetworkX projections and measures (kg.analytics)
    "actor_graph": "kg.analytics",
    "full_graph": "kg.analytics",
    "country_graph": "kg.analytics",
    "country_labels": "kg.analytics",
    "country_names": "kg.dictionaries",
    "actor_profile": "kg.analytics",
    "ActorProfile": "kg.analytics",
    "centrality": "kg.analytics",
    "top_actors": "kg.analytics",
    "communities": "kg.analytics",
    "dyads": "kg.analytics",
    "timeline": "kg.analytics",
    "ego_network": "kg.analytics",
    "shortest_paths": "kg.analytics",
    "to_frame": "kg.analytics",
    "nodes_frame": "kg.analytics",
    "edges_frame": "kg.analytics",
    "gdelt_events": "kg.analytics",
    "write_gdelt": "kg.analytics",
}

__all__ = [
    "__version__",
    "ActorType",
    "Document",
    "Mention",
    "Modality",
    "Occurrence",
    "Provenance",
    "Region",
    "Relation",
    "KgError",
    "ConfigError",
    "DictionaryError",
    "ExtractionError",
    "IngestError",
    "IRIError",
    "ModelError",
    "MissingExtraError",
    "QueryError",
    "StoreError",
    "StoreLockedError",
    "ParseError",
    "GraphError",
    "ActorNotFound",
    "VizError",
    "BuildInterrupted",
    "open_store",
    "query",
    *_LAZY,
]


def open_store(path: str | Any = "kg-store") -> Any:
    """Open a store directory read-only (see :class:`kg.rdf.store.Store`); use it in ``with`` or ``.close()`` it.

    Raises:
        StoreError: ``path`` is not a kg store.
    """
    from kg.rdf.store import Store

    return Store.open(path)


def query(sparql: str, *, store: str | Any = "kg-store") -> Any:
    """Run a SPARQL query on a store (a path or an open :class:`Store`); a :class:`QueryResult`.

    Values are typed (``int``, ``float``, ``bool``, ``datetime.date``; IRIs as
    ``str``); ``.to_frame()`` makes a pandas DataFrame (or use :func:`kg.frame`).

    >>> from kg.rdf.store import Store
    >>> result = query("SELECT (COUNT(*) AS ?n) WHERE { ?t kgo:quadClass 4 }", store=Store.memory())
    >>> result.variables, result.rows[0][0] > 0
    (('n',), True)
    """
    from kg.rdf.store import Store

    if isinstance(store, Store):
        return store.query(sparql)
    with Store.open(store) as st:
        return st.query(sparql)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:  # tab completion in notebooks shows the lazy names too
    return sorted({*globals(), *__all__})
