"""newskg: news text → a knowledge graph of actors, events and relations.

``import kg`` is cheap: records and errors are imported at once, everything that
needs spaCy, rdflib or pyoxigraph only when first used.

>>> import kg
>>> kg.ActorType("Person")
<ActorType.PERSON: 'Person'>
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from kg.errors import (
    ConfigError,
    DictionaryError,
    ExtractionError,
    IngestError,
    IRIError,
    KgError,
    ModelError,
    QueryError,
    StoreError,
    StoreLockedError,
)
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation

__version__ = "0.1.0"

logging.getLogger("kg").addHandler(logging.NullHandler())

_LAZY = {
    "Settings": "kg.config",
    "load_settings": "kg.config",
    "extract": "kg.pipeline",
    "extract_text": "kg.pipeline",
    "build": "kg.pipeline",
    "BuildReport": "kg.pipeline",
    "Store": "kg.rdf.store",
    "QueryResult": "kg.rdf.store",
    "store_stats": "kg.stats",
    "read_documents": "kg.ingest",
}

__all__ = [
    "__version__",
    "ActorType",
    "Document",
    "Mention",
    "Modality",
    "Provenance",
    "Relation",
    "KgError",
    "ConfigError",
    "DictionaryError",
    "ExtractionError",
    "IngestError",
    "IRIError",
    "ModelError",
    "QueryError",
    "StoreError",
    "StoreLockedError",
    "open_store",
    "query",
    *_LAZY,
]


def open_store(path: str | Any = "kg-store") -> Any:
    """Open a store directory read-only (see :class:`kg.rdf.store.Store`)."""
    from kg.rdf.store import Store

    return Store.open(path)


def query(sparql: str, *, store: str | Any = "kg-store") -> Any:
    """Run a SPARQL query on a store (a path or an open :class:`Store`); a :class:`QueryResult`."""
    from kg.rdf.store import Store

    if isinstance(store, Store):
        return store.query(sparql)
    with Store.open(store) as st:
        return st.query(sparql)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
