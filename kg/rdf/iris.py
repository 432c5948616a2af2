"""The only place IRIs are minted.

Every IRI is derived from content (a readable slug plus a short hash), so the
same input gives the same IRIs on every run, and nothing from an article ever
reaches an IRI unencoded. Functions return plain strings so that stages which do
not use rdflib (the JSONL writer) can call them.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from kg.config import DEFAULT_BASE_IRI
from kg.errors import IRIError

__all__ = [
    "slugify",
    "content_hash",
    "actor_key",
    "actor_iri",
    "concept_iri",
    "event_iri",
    "doc_iri",
    "graph_iri",
    "relation_iri",
    "dyad_iri",
    "is_cameo_code",
    "cameo_iri",
    "actors_graph_iri",
    "ontology_graph_iri",
    "dyads_graph_iri",
    "resolution_iri",
    "RELATION_BASE",
    "CAMEO_BASE",
    "NODE_KINDS",
    "node_iri",
    "node_of",
    "slug_words",
]

RELATION_BASE = "https://w3id.org/newskg/relation/"
CAMEO_BASE = "https://w3id.org/newskg/cameo/"
_SLUG_MAX = 48
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DIGEST = 10  # hex digits of the hash that ends a node's slug
NODE_KINDS = ("actor", "concept", "doc")
"""Kinds of node with an IRI of the shape ``{base}{kind}/{slug}`` (:func:`node_iri`, :func:`node_of`)."""
_NODE_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")


def slugify(text: str, *, max_len: int = _SLUG_MAX) -> str:
    """A lower-case ASCII slug of ``text``, possibly empty.

    >>> slugify("Benjamin Netanyahu")
    'benjamin-netanyahu'
    >>> slugify("<script>alert('x')</script>")
    'script-alert-x-script'
    >>> slugify("\u200f\u202e")
    ''
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-")[:max_len].strip("-")


def content_hash(*parts: object, length: int = 12) -> str:
    """A stable hex digest of ``parts`` (SHA-256, joined by an unlikely separator).

    >>> content_hash("a", "b") == content_hash("a", "b") != content_hash("ab")
    True
    """
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


def actor_key(label: str) -> str:
    """The identity key of an actor label: case, spacing and punctuation folded.

    >>> actor_key("  Benjamin  NETANYAHU ") == actor_key("Benjamin Netanyahu")
    True
    """
    folded = unicodedata.normalize("NFKC", label).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split()) or folded.strip()


def _check_base(base: str) -> str:
    if not base.endswith(("/", "#", ":")):
        raise IRIError(f"base IRI must end in '/', '#' or ':', got {base!r}")
    return base


@functools.lru_cache(maxsize=1 << 16)  # the same actors come back in every document
def _slug_hash(kind: str, key: str, base: str) -> str:
    slug = slugify(key)
    digest = content_hash(kind, key, length=_DIGEST)
    return f"{_check_base(base)}{kind}/{slug + '-' if slug else ''}{digest}"


def node_iri(kind: str, slug: str, *, base: str = DEFAULT_BASE_IRI) -> str | None:
    """The IRI of the ``kind`` node (one of :data:`NODE_KINDS`) whose slug is ``slug``; None when either
    cannot be one (e.g. a path typed by hand).

    >>> node_iri("actor", "ana-12")
    'https://w3id.org/newskg/id/actor/ana-12'
    >>> node_iri("actor", "../x") is None, node_iri("graph", "x") is None
    (True, True)
    """
    if kind not in NODE_KINDS or not _NODE_SLUG.fullmatch(slug):
        return None
    return f"{_check_base(base)}{kind}/{slug}"


def node_of(iri: str, *, base: str = DEFAULT_BASE_IRI) -> tuple[str, str] | None:
    """``(kind, slug)`` of an actor, concept or document IRI under ``base`` (the inverse of :func:`node_iri`), else None.

    >>> node_of("https://w3id.org/newskg/id/actor/ana-12")
    ('actor', 'ana-12')
    >>> node_of("https://example.org/actor/x") is None
    True
    """
    if not isinstance(iri, str) or not iri.startswith(base):
        return None
    kind, _, slug = iri[len(base):].partition("/")
    return (kind, slug) if node_iri(kind, slug, base=base) == iri else None


def slug_words(iri: str) -> str:
    """A readable stand-in for a node with no label: its IRI's slug without the hash.

    >>> slug_words("https://w3id.org/newskg/id/actor/united-states-3b1e2f9a0c")
    'united states'
    """
    slug = iri.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(rf"-[0-9a-f]{{{_DIGEST}}}$", "", slug).replace("-", " ") or iri


def actor_iri(label: str, *, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the actor with canonical name ``label`` (same name, same IRI).

    >>> actor_iri("Benjamin Netanyahu")
    'https://w3id.org/newskg/id/actor/benjamin-netanyahu-20b7e14a70'
    >>> actor_iri("benjamin  netanyahu") == actor_iri("Benjamin Netanyahu")
    True
    """
    if not label.strip():
        raise IRIError("cannot mint an actor IRI from an empty name")
    return _slug_hash("actor", actor_key(label), base)


def concept_iri(label: str, *, doc_id: str | None = None, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of a concept node (an argument that is not an actor).

    With ``doc_id`` the concept belongs to that document: "the proposal" of one
    article is not the proposal of another. Without it (a proper name such as a
    named treaty or operation) the concept is shared by every document naming it.

    >>> concept_iri("ceasefire initiative")
    'https://w3id.org/newskg/id/concept/ceasefire-initiative-32ce49ddae'
    >>> concept_iri("proposal", doc_id="a") != concept_iri("proposal", doc_id="b")
    True
    """
    if not label.strip():
        raise IRIError("cannot mint a concept IRI from an empty phrase")
    if doc_id is None:
        return _slug_hash("concept", actor_key(label), base)
    key = actor_key(label)
    slug = slugify(key)
    return f"{_check_base(base)}concept/{slug + '-' if slug else ''}{content_hash('concept', key, doc_id, length=10)}"


def doc_iri(doc_id: str, *, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of a document; a simple id is kept readable, any other is hashed.

    >>> doc_iri("sample-01")
    'https://w3id.org/newskg/id/doc/sample-01'
    >>> doc_iri("a b/../<x>").startswith('https://w3id.org/newskg/id/doc/a-b-x-')
    True
    """
    if not doc_id:
        raise IRIError("cannot mint a document IRI from an empty id")
    if _SAFE_ID.fullmatch(doc_id):
        return f"{_check_base(base)}doc/{doc_id}"
    return _slug_hash("doc", doc_id, base)


def graph_iri(doc_id: str, *, base: str = DEFAULT_BASE_IRI) -> str:
    """The named graph that holds everything read from one document.

    >>> graph_iri("sample-01")
    'https://w3id.org/newskg/id/graph/doc/sample-01'
    """
    return doc_iri(doc_id, base=base).replace(f"{base}doc/", f"{base}graph/doc/", 1)


def actors_graph_iri(*, base: str = DEFAULT_BASE_IRI) -> str:
    """The graph that holds actor descriptions shared by all documents.

    >>> actors_graph_iri()
    'https://w3id.org/newskg/id/graph/actors'
    """
    return f"{_check_base(base)}graph/actors"


def ontology_graph_iri(*, base: str = DEFAULT_BASE_IRI) -> str:
    """The graph that holds the ontology and the CAMEO scheme inside a store."""
    return f"{_check_base(base)}graph/ontology"


def dyads_graph_iri(*, base: str = DEFAULT_BASE_IRI) -> str:
    """The graph that holds the dyad roll-up (``kgo:Dyad`` nodes with counts), derived from the events.

    >>> dyads_graph_iri()
    'https://w3id.org/newskg/id/graph/dyads'
    """
    return f"{_check_base(base)}graph/dyads"


def event_iri(
    doc_id: str,
    sentence_start: int,
    agent: str,
    predicate: str,
    patient: str,
    *,
    negated: bool = False,
    base: str = DEFAULT_BASE_IRI,
) -> str:
    """The IRI of one event, from the document, sentence and its arguments.

    >>> event_iri("d1", 0, "France", "condemn", "Russia") == event_iri("d1", 0, "France", "condemn", "Russia")
    True
    """
    key = content_hash(doc_id, sentence_start, actor_key(agent), predicate, actor_key(patient), negated, length=20)
    return f"{_check_base(base)}event/{key}"


def resolution_iri(doc: str, actor: str, text: str, rule: str, *, start: int | None = None) -> str:
    """The note that explains how ``text`` (at offset ``start``) in document ``doc`` was resolved to
    ``actor`` by ``rule``.

    >>> resolution_iri("https://w3id.org/newskg/id/doc/d1", "https://w3id.org/newskg/id/actor/x", "he", "coref")
    'https://w3id.org/newskg/id/doc/d1#resolution-9674a972ed3c'
    """
    parts = (actor, text, rule) if start is None else (actor, text, rule, start)
    return f"{doc}#resolution-{content_hash(*parts)}"


@functools.lru_cache(maxsize=1 << 14)
def relation_iri(predicate: str) -> str:
    """The direct-edge property for a predicate lemma phrase.

    >>> relation_iri("meet with")
    'https://w3id.org/newskg/relation/meet_with'
    >>> relation_iri("r\u00e9sum\u00e9 <x>")
    'https://w3id.org/newskg/relation/resume_x-e69bd26b'
    """
    slug = slugify(predicate).replace("-", "_")
    if slug and slug == predicate.strip().replace(" ", "_"):
        return RELATION_BASE + slug
    return f"{RELATION_BASE}{slug + '-' if slug else ''}{content_hash(predicate, length=8)}"


def dyad_iri(agent: str, predicate: str, patient: str, *, base: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the roll-up node of (agent, predicate, patient) actor IRIs."""
    return f"{_check_base(base)}dyad/{content_hash(agent, predicate, patient, length=20)}"


def is_cameo_code(code: str) -> bool:
    """Whether ``code`` is a CAMEO event code (two to four digits), one :func:`cameo_iri` names.
    A user's verb dictionary may code with its own marks (PETRARCH's validation file has ``174L``).

    >>> is_cameo_code("0874"), is_cameo_code("174L"), is_cameo_code("1")
    (True, False, False)
    """
    return re.fullmatch(r"\d{2,4}", code) is not None


def cameo_iri(code: str) -> str:
    """The SKOS concept of a CAMEO event code (``ontologies/cameo.ttl``).

    >>> cameo_iri("190")
    'https://w3id.org/newskg/cameo/190'
    """
    if not is_cameo_code(code):
        raise IRIError(f"not a CAMEO event code: {code!r}")
    return CAMEO_BASE + code
