"""Remove documents from a store, with everything only they supported, in one transaction.

A document's named graph (its node, events, direct edges and resolution notes)
is dropped; in the shared actors graph its ``kgo:mentionedIn`` links go, and an
actor or concept that no remaining document mentions or uses goes entirely
(an actor another document mentions stays, with its names and facts). The dyad
roll-up of every (agent, relation, patient) the documents touched is recounted
from the remaining events. All of it is one SPARQL update: a reader sees the
store before or after, never between.

Used by ``kg remove`` and by ``kg build`` to replace a document whose text changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.errors import NotFoundError
from kg.rdf import iris
from kg.rdf.convert import DIRECT_EVENT
from kg.rdf.dyads import recount_update
from kg.records import Document
from kg.words import counted

if TYPE_CHECKING:
    from kg.rdf.store import Store

__all__ = ["Removal", "find_documents", "earlier_versions", "remove_documents"]

_USES = "kgo:agent|kgo:patient|kgo:attributedTo|kgo:reportedBy"


@dataclass(slots=True)
class Removal:
    """What :func:`remove_documents` removed: document ids, their graphs' quads, and the actors and
    concepts no remaining document uses."""

    documents: list[str] = field(default_factory=list)
    nodes: int = 0
    quads: int = 0

    def summary(self) -> str:
        """One line for people."""
        return (f"removed {counted(len(self.documents), 'document')} ({counted(self.quads, 'quad')}), and "
                f"{self.nodes:,} {'actor or concept' if self.nodes == 1 else 'actors or concepts'} no other document uses")


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def find_documents(store: "Store", refs: Iterable[str]) -> list[str]:
    """The ids of the stored documents named by ``refs``: a document id, its URL or its source (path as given).

    Raises:
        NotFoundError: a reference names no stored document (nothing is removed then).
    """
    found: list[str] = []
    for ref in refs:
        ref = ref.strip()
        lit = _literal(ref)
        rows = store.query(
            "SELECT DISTINCT ?id WHERE { ?d a kgo:Document ; kgo:docId ?id . "
            "OPTIONAL { ?d schema:url ?u } OPTIONAL { ?d kgo:source ?s } "
            f"FILTER(?id = {lit} || STR(?u) = {lit} || ?s = {lit}) }} ORDER BY ?id").rows
        if not rows:
            where = store.path or "the store"
            raise NotFoundError(f"{ref!r}: no such document in {where} (give a document id, URL or source path; "
                                "`kg query 'SELECT ?id WHERE { ?d kgo:docId ?id }'` lists them)")
        found.extend(str(r[0]) for r in rows if str(r[0]) not in found)
    return found


def earlier_versions(st: "Store", doc: Document, *, replace: bool = False) -> list[str]:
    """Ids of stored documents that ``doc`` is a new version of: same URL, or (``replace``) same source file
    (``kg build --replace``: an edited article, whose content hash, the default id, changed)."""
    tests = []
    if doc.url:
        tests.append(f"STR(?u) = {_literal(doc.url)}")
    if replace and doc.source and not re.search(r":\d+$", doc.source) and doc.source != "<stdin>":
        tests.append(f"?s = {_literal(doc.source)}")  # a file (a JSONL line's number may shift: not that)
    if not tests:
        return []
    rows = st.query("SELECT DISTINCT ?id WHERE { ?d a kgo:Document ; kgo:docId ?id . OPTIONAL { ?d schema:url ?u } "
                    f"OPTIONAL {{ ?d kgo:source ?s }} FILTER(?id != {_literal(doc.id)} && ({' || '.join(tests)})) }}")
    return sorted(str(r[0]) for r in rows.rows)


def _removal_update(store: "Store", doc_ids: list[str]) -> tuple[str, int]:
    """The one SPARQL update that removes ``doc_ids``, and how many unused nodes it removes."""
    base = store.base_iri
    docs = [iris.doc_iri(d, base=base) for d in doc_ids]
    graphs = [iris.graph_iri(d, base=base) for d in doc_ids]
    actors = f"<{iris.actors_graph_iri(base=base)}>"
    graph_values = " ".join(f"<{g}>" for g in graphs)
    doc_values = " ".join(f"<{d}>" for d in docs)
    used = store.query(
        f"SELECT DISTINCT ?x WHERE {{ {{ VALUES ?g {{ {graph_values} }} GRAPH ?g {{ ?e {_USES} ?x }} }} UNION "
        f"{{ VALUES ?d {{ {doc_values} }} GRAPH {actors} {{ ?x kgo:mentionedIn ?d }} }} }}").rows
    candidates = [str(r[0]) for r in used]
    keys = [(str(a), str(r), str(b)) for a, r, b in store.query(
        f"SELECT DISTINCT ?a ?r ?b WHERE {{ VALUES ?g {{ {graph_values} }} GRAPH ?g {{ "
        f"?e kgo:relation ?r ; kgo:agent ?a ; kgo:patient ?b ; {DIRECT_EVENT} }} }}").rows]
    gone = [x for x in candidates if not store.query(
        f"ASK {{ {{ GRAPH {actors} {{ <{x}> kgo:mentionedIn ?d }} FILTER(?d NOT IN ({', '.join(f'<{d}>' for d in docs)})) }} "
        f"UNION {{ GRAPH ?g {{ ?e {_USES} <{x}> }} FILTER(?g NOT IN ({', '.join(f'<{g}>' for g in graphs)})) }} }}").boolean]
    parts = []
    dyads = recount_update(store, keys, without=docs)
    if dyads:
        parts.append(dyads)
    parts.append(f"DELETE {{ GRAPH {actors} {{ ?x kgo:mentionedIn ?d }} }} "
                 f"WHERE {{ VALUES ?d {{ {doc_values} }} GRAPH {actors} {{ ?x kgo:mentionedIn ?d }} }}")
    if gone:
        values = " ".join(f"<{x}>" for x in gone)
        parts.append(f"DELETE {{ GRAPH {actors} {{ ?x ?p ?o }} }} WHERE {{ VALUES ?x {{ {values} }} "
                     f"GRAPH {actors} {{ ?x ?p ?o }} }}")
    parts.extend(f"DROP SILENT GRAPH <{g}>" for g in graphs)
    return " ;\n".join(parts), len(gone)


def remove_documents(store: "Store", refs: Iterable[str]) -> Removal:
    """Remove the documents named by ``refs`` (ids, URLs or source paths) in one transaction.

    Args:
        store: a store opened for writing (:meth:`Store.create`).
        refs: document ids, URLs or source paths as given to ``kg build``.

    Returns:
        What was removed.

    Raises:
        NotFoundError: a reference names no stored document; nothing is removed.
        StoreError: the store is read-only or the write failed; nothing is removed.
    """
    doc_ids = find_documents(store, list(refs))
    if not doc_ids:
        return Removal()
    graphs = " ".join(f"<{iris.graph_iri(d, base=store.base_iri)}>" for d in doc_ids)
    quads = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?s ?p ?o }} }}").rows[0][0]
    update, nodes = _removal_update(store, doc_ids)
    store.update(update)
    return Removal(documents=doc_ids, nodes=nodes, quads=int(quads))
