"""The persistent store: an embedded Oxigraph database in a directory.

A store directory holds a marker file (``kg-store.json``) and the database
(``oxigraph/``). Documents are written in transactions of whole documents, so a
killed build never leaves half a document behind. Readers open the store
read-only and do not block a writer; a second writer is refused with a clear
message.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.config import DEFAULT_BASE_IRI
from kg.csvsafe import spreadsheet_safe_csv
from kg.errors import QueryError, StoreError, StoreLockedError
from kg.rdf import iris
from kg.rdf.convert import Quad
from kg.rdf.dataset import dataset_arguments
from kg.rdf.namespaces import KGO, PREFIXES
from kg.rdf.nquads import nquads_batch
from kg.rdf.querycheck import check_nesting
from kg.rdf.results import QueryResult, to_python

_CONTENT_HASH = ox.NamedNode(str(KGO.contentHash))

__all__ = [
    "Store",
    "ExportFormat",
    "MARKER",
    "ontology_files",
]

log = logging.getLogger(__name__)

MARKER = "kg-store.json"
_FORMAT_VERSION = 1


class ExportFormat(StrEnum):
    """Serialisations ``Store.export`` writes, chosen by file suffix."""

    TURTLE = "ttl"
    NQUADS = "nq"
    TRIG = "trig"
    JSONLD = "jsonld"
    NTRIPLES = "nt"

    @classmethod
    def from_path(cls, path: Path) -> "ExportFormat":
        suffix = path.suffix.lower().lstrip(".")
        aliases = {"turtle": "ttl", "nquads": "nq", "json": "jsonld", "ntriples": "nt"}
        try:
            return cls(aliases.get(suffix, suffix))
        except ValueError:
            known = ", ".join("." + f.value for f in cls)
            raise StoreError(f"{path}: unknown export format {path.suffix!r}; use one of {known}") from None

    @property
    def rdf_format(self) -> ox.RdfFormat:
        return {
            "ttl": ox.RdfFormat.TURTLE,
            "nq": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG,
            "jsonld": ox.RdfFormat.JSON_LD,
            "nt": ox.RdfFormat.N_TRIPLES,
        }[self.value]

    @property
    def has_graphs(self) -> bool:
        return self in (ExportFormat.NQUADS, ExportFormat.TRIG, ExportFormat.JSONLD)


def ontology_files() -> list[Path]:
    """The Turtle files loaded into every store: our ontology and the CAMEO scheme."""
    packaged = resources.files("kg") / "ontologies"
    base = Path(str(packaged)) if packaged.is_dir() else Path(__file__).resolve().parents[2] / "ontologies"
    return [p for p in (base / "kg.ttl", base / "cameo.ttl") if p.is_file()]


class Store:
    """An Oxigraph store in a directory (or in memory when ``path`` is None).

    Use :meth:`open` (reading) or :meth:`create` (writing, makes the directory).
    """

    def __init__(self, inner: ox.Store, path: Path | None, *, read_only: bool, base_iri: str) -> None:
        self._store = inner
        self.path = path
        self.read_only = read_only
        self.base_iri = base_iri

    # ------------------------------------------------------------ opening

    @classmethod
    def memory(cls, *, base_iri: str = DEFAULT_BASE_IRI) -> "Store":
        """A fresh in-memory store with the ontology loaded."""
        store = cls(ox.Store(), None, read_only=False, base_iri=base_iri)
        store._load_ontology()
        return store

    @classmethod
    def create(cls, path: Path | str, *, base_iri: str = DEFAULT_BASE_IRI, upgrade: bool = False) -> "Store":
        """Open ``path`` for writing, making a new store there if it is empty or absent.

        The marker records the Oxigraph version that wrote the store. Opening for
        writing lets Oxigraph upgrade its files, after which an older Oxigraph may
        not read them: a store recorded as written by an older minor version is
        opened only with ``upgrade=True`` (``kg build --upgrade-store``), one
        written by a newer version never.

        Raises:
            StoreError: ``path`` holds something that is not a kg store, or was written by another Oxigraph.
            StoreLockedError: another process is writing to it.
        """
        path = Path(path)
        marker = path / MARKER
        fresh = not marker.exists()
        if fresh:
            # A directory holding only ``oxigraph/`` is a store whose creation was cut short
            # (killed before the marker was written): finish creating it.
            if path.exists() and (not path.is_dir() or not cls._unfinished(path)):
                raise StoreError(f"{path}: exists and is not a kg store (no {MARKER}); choose another --store")
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the store: {exc.strerror or exc}") from exc
            meta: dict[str, Any] = {}
        else:
            meta = cls._read_marker(path)
            base_iri = meta.get("base_iri", base_iri)
            _check_oxigraph(path, meta.get("oxigraph"), upgrade=upgrade)
        try:
            inner = ox.Store(str(path / "oxigraph"))
        except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
            raise _open_error(path, exc) from exc
        store = cls(inner, path, read_only=False, base_iri=base_iri)
        if fresh:
            try:
                store._load_ontology()  # idempotent, so an interrupted creation can simply run again
                tmp = path / (MARKER + ".tmp")  # the marker appears whole or not at all
                tmp.write_text(json.dumps({"format": "newskg-store", "version": _FORMAT_VERSION, "base_iri": base_iri,
                                           "oxigraph": ox.__version__}) + "\n")
                os.replace(tmp, marker)
            except OSError as exc:
                try:
                    store.close()
                except StoreError:
                    pass
                raise StoreError(f"{path}: cannot create the store: {exc.strerror or exc}") from exc
        elif meta.get("oxigraph") != ox.__version__:
            try:
                tmp = path / (MARKER + ".tmp")
                tmp.write_text(json.dumps({**meta, "oxigraph": ox.__version__}) + "\n")
                os.replace(tmp, marker)
            except OSError as exc:
                store.close()
                raise StoreError(f"{path}: cannot write {MARKER}: {exc.strerror or exc}") from exc
        return store

    @staticmethod
    def _unfinished(path: Path) -> bool:
        """True when ``path`` is empty or holds only what an interrupted :meth:`create` leaves."""
        entries = {p.name: p for p in path.iterdir()}
        if not set(entries) <= {"oxigraph", MARKER + ".tmp"}:
            return False
        return "oxigraph" not in entries or entries["oxigraph"].is_dir()

    @classmethod
    def open(cls, path: Path | str) -> "Store":
        """Open an existing store read-only (does not block a writer).

        Raises:
            StoreError: ``path`` is not a kg store.
        """
        path = Path(path)
        meta = cls._read_marker(path)
        for attempt in range(4):
            try:
                inner = ox.Store.read_only(str(path / "oxigraph"))
                break
            except (OSError, RuntimeError) as exc:  # RocksDB reports corruption as RuntimeError
                # a writer compacting meanwhile can delete a file between reading the manifest and
                # opening it ("No such file or directory ... may be corrupted"): look again
                if attempt < 3 and "No such file or directory" in str(exc):
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise _open_error(path, exc) from exc
        return cls(inner, path, read_only=True, base_iri=meta.get("base_iri", DEFAULT_BASE_IRI))

    @staticmethod
    def _read_marker(path: Path) -> dict[str, Any]:
        marker = path / MARKER
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path}: is a file, not a kg store; give the store's directory")
        if not path.is_dir():
            raise StoreError(f"{path}: no such store; build one with `kg build INPUT --store {path}`")
        try:
            meta = json.loads(marker.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(f"{path}: not a kg store (no {MARKER}); build one with `kg build INPUT --store {path}`") from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"{marker}: unreadable store marker: {exc}") from exc
        if meta.get("format") != "newskg-store":
            raise StoreError(f"{marker}: not a kg store marker")
        if meta.get("version", 0) > _FORMAT_VERSION:
            raise StoreError(f"{path}: made by a newer kg (store version {meta.get('version')}); upgrade kg")
        return meta

    def _load_ontology(self) -> None:
        graph = ox.NamedNode(iris.ontology_graph_iri(base=self.base_iri))
        for file in ontology_files():
            self._store.load(path=str(file), format=ox.RdfFormat.TURTLE, to_graph=graph)

    def flush(self) -> None:
        """Write Oxigraph's in-memory write buffers to disk (a long build calls it now and then:
        its memory then stays bounded and the write-ahead log small).

        Raises:
            StoreError: the flush failed; what was committed stays.
        """
        if self.read_only:
            return
        try:
            self._store.flush()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot flush the store: {exc}") from exc

    @staticmethod
    def tidy(path: Path | str) -> None:
        """Remove the write-ahead log a closed store leaves behind (Oxigraph drops it on the next opening).

        After a large build it can be several times the size of the data. Does
        nothing when another process is writing to the store.
        """
        try:
            inner = ox.Store(str(Path(path) / "oxigraph"))
        except OSError:
            return
        del inner

    def close(self) -> None:
        """Flush and release the store (also done when the object is collected).

        Raises:
            StoreError: the flush failed (e.g. the disk is full); what was committed stays.
        """
        try:
            if not self.read_only:
                self._store.flush()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot flush the store: {exc}") from exc
        finally:
            del self._store

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            self.close()
        except StoreError:
            if exc_type is None:
                raise
            # an error is already on its way out: do not hide it behind the failed flush

    # ------------------------------------------------------------ writing

    def has_document(self, doc_id: str) -> bool:
        """True when the document's graph is already in the store."""
        return self._store.contains_named_graph(ox.NamedNode(iris.graph_iri(doc_id, base=self.base_iri)))

    def content_hash_of(self, doc_id: str) -> str | None:
        """The stored ``kgo:contentHash`` of a document (the SHA-256 of its text), else None."""
        node = ox.NamedNode(iris.doc_iri(doc_id, base=self.base_iri))
        graph = ox.NamedNode(iris.graph_iri(doc_id, base=self.base_iri))
        found = next(self._store.quads_for_pattern(node, _CONTENT_HASH, None, graph), None)
        return found.object.value if found is not None else None

    def add_documents(self, batches: Sequence[Iterable[Quad]]) -> int:
        """Write the quads of whole documents in one transaction; returns the quad count.

        The quads go in as N-Quads text (:mod:`kg.rdf.nquads`): cheaper in Python
        than one pyoxigraph term per term, and Oxigraph parses it without the GIL.
        """
        text, count = nquads_batch(batches)
        self.add_nquads(text)
        return count

    def add_nquads(self, data: str | bytes) -> None:
        """Load N-Quads (e.g. made by :func:`nquads_batch` or a worker's shard) in one transaction.

        Releases the GIL while Oxigraph parses and writes, so a writer thread
        does not slow the parser.

        Raises:
            StoreError: the write failed; nothing of this batch was stored.
            ValueError: the text is not valid N-Quads.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        try:
            payload = data.encode("utf-8") if isinstance(data, str) else data
        except UnicodeEncodeError as exc:  # a lone surrogate: not text (ingest never makes one)
            raise ValueError(f"invalid N-Quads: not encodable as UTF-8: {exc.reason}") from exc
        try:
            self._store.load(payload, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise ValueError(f"invalid N-Quads: {_one_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: write failed, nothing of this batch was stored: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update in one transaction (all its operations or none).

        Raises:
            QueryError: the update does not parse.
            StoreError: the store is read-only or the write failed.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {_one_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: update failed, nothing of it was stored: {exc}") from exc

    # ------------------------------------------------------------ reading

    def label_of(self, iri: str) -> str | None:
        """The ``rdfs:label`` the store already gives ``iri`` (in the actors graph), if any."""
        graph = ox.NamedNode(iris.actors_graph_iri(base=self.base_iri))
        label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
        for quad in self._store.quads_for_pattern(ox.NamedNode(iri), label, None, graph):
            return quad.object.value
        return None

    def describe(self, iri: str, *, graph: str | None = None) -> list[tuple[str, Any]]:
        """(predicate IRI, Python value) of each quad about ``iri`` (in ``graph`` if given): index lookups, no query."""
        g = ox.NamedNode(graph) if graph is not None else None
        return [(q.predicate.value, to_python(q.object))
                for q in self._store.quads_for_pattern(ox.NamedNode(iri), None, None, g)]

    def __len__(self) -> int:
        return len(self._store)

    def named_graphs(self) -> Iterator[str]:
        for g in self._store.named_graphs():
            yield g.value

    def raw_query(
        self, sparql: str, *, default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None
    ) -> Any:
        """Run a SPARQL query; pyoxigraph's result object.

        The default graph is the union of all graphs, unless the query has ``FROM`` /
        ``FROM NAMED`` or graph lists are given (the protocol's ``default-graph-uri`` /
        ``named-graph-uri``; see :mod:`kg.rdf.dataset`).

        Raises:
            QueryError: the query does not parse, fails, or nests deeper than
                :data:`kg.rdf.querycheck.MAX_NESTING` (checked first: pyoxigraph's
                parser would overflow its stack).
        """
        check_nesting(sparql)
        dataset = dataset_arguments(sparql, default_graphs, named_graphs)
        try:
            return self._store.query(sparql, prefixes=PREFIXES, **dataset)
        except SyntaxError as exc:
            update = update_keyword(sparql)
            if update is not None:
                raise QueryError(f"SPARQL Update ({update}) is not supported: queries only read the store, "
                                 "which changes through kg build") from exc
            raise QueryError(f"invalid SPARQL: {_one_line(exc)}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from exc

    def query(self, sparql: str, *, limit: int | None = None) -> QueryResult:
        """Run a SPARQL query and return Python values (at most ``limit`` rows)."""
        result = self.raw_query(sparql)
        if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":  # pyoxigraph >= 0.5: QueryBoolean
            return QueryResult(boolean=bool(result))
        with _evaluation_errors():  # results are lazy: SERVICE calls and the like fail while iterating
            if isinstance(result, ox.QuerySolutions):
                names = tuple(v.value for v in result.variables)
                rows = []
                for i, sol in enumerate(result):
                    if limit is not None and i >= limit:
                        break
                    rows.append(tuple(to_python(sol[n]) for n in names))
                return QueryResult(variables=names, rows=tuple(rows))
            triples = tuple((to_python(t.subject), to_python(t.predicate), to_python(t.object)) for t in result)
            return QueryResult(triples=triples)

    def serialize_results(self, sparql: str, fmt: ox.QueryResultsFormat, graph_fmt: ox.RdfFormat) -> bytes:
        """Run a query and serialise its results: solutions and booleans as ``fmt``, graphs as ``graph_fmt``.

        CSV results are meant for spreadsheets: no cell may start a formula (:mod:`kg.csvsafe`).
        """
        result = self.raw_query(sparql)
        if isinstance(result, bool):
            result = ox.QueryBoolean(result) if hasattr(ox, "QueryBoolean") else result
        target = graph_fmt if isinstance(result, ox.QueryTriples) else fmt
        with _evaluation_errors():  # results are lazy: SERVICE calls and the like fail while serialising
            try:
                data = result.serialize(format=target)
            except (ValueError, TypeError) as exc:
                raise QueryError(f"cannot write these results as {target}: {_one_line(exc)}") from exc
        return spreadsheet_safe_csv(data) if target == ox.QueryResultsFormat.CSV else data

    def export(self, out: Path | IO[bytes], fmt: ExportFormat) -> None:
        """Write the whole graph; Turtle/N-Triples get the union, other formats the named graphs."""
        try:
            if fmt.has_graphs:
                self._store.dump(out, format=fmt.rdf_format)
            else:
                result = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
                data = result.serialize(format=fmt.rdf_format)
                if isinstance(out, Path):
                    out.write_bytes(data)
                else:
                    out.write(data)
        except OSError as exc:
            raise StoreError(f"{out}: export failed: {exc}") from exc


@contextlib.contextmanager
def _evaluation_errors() -> Iterator[None]:
    """Turn a failure while results are computed (e.g. a SERVICE endpoint that cannot be reached) into QueryError."""
    try:
        yield
    except (OSError, RuntimeError) as exc:
        raise QueryError(f"query failed: {_one_line(exc)}") from exc


_PROLOGUE = re.compile(r"""\s*(?:\#[^\n]*\n|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)""", re.IGNORECASE)
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def update_keyword(sparql: str) -> str | None:
    """The SPARQL Update keyword that ``sparql`` starts with (after its prologue), else None.

    >>> update_keyword("PREFIX ex: <http://ex/> # add one\\ninsert data { ex:a ex:b ex:c }")
    'INSERT'
    >>> update_keyword("SELECT * WHERE { ?s ?p ?o }") is None
    True
    """
    pos = 0
    while match := _PROLOGUE.match(sparql, pos):
        pos = match.end()
    word = re.match(r"\s*([A-Za-z]+)", sparql[pos:])
    return word.group(1).upper() if word and word.group(1).upper() in _UPDATE_WORDS else None


def _minor(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in re.split(r"[.+-]", version)[:2])


def _check_oxigraph(path: Path, recorded: str | None, *, upgrade: bool) -> None:
    """Refuse to open for writing a store written by another Oxigraph minor version (see :meth:`Store.create`)."""
    running = ox.__version__
    if recorded is None:
        log.warning("%s: no Oxigraph version recorded (made by an older kg); recording %s", path, running)
        return
    if _minor(recorded) > _minor(running):
        raise StoreError(f"{path}: written by Oxigraph {recorded}, newer than this kg's {running}; "
                         "upgrade kg (pip install -U newskg pyoxigraph)")
    if _minor(recorded) < _minor(running):
        if not upgrade:
            raise StoreError(f"{path}: written by Oxigraph {recorded}; this kg uses {running}, and writing would "
                             "upgrade the store so that older versions may no longer read it: back it up, then run "
                             "again with --upgrade-store")
        log.warning("%s: upgraded from Oxigraph %s to %s", path, recorded, running)


_LOCKED = re.compile(r"\bLOCK\b.*(temporarily unavailable|No locks available)|lock hold by", re.IGNORECASE)


def _open_error(path: Path, exc: BaseException) -> StoreError:
    """The error for a store that RocksDB would not open: locked by a writer, corrupted, or else."""
    text = _one_line(exc)
    if "Corruption" in text or "corrupt" in text.lower():
        return StoreError(f"{path}: the store is corrupted and cannot be opened ({text}); restore it from a backup "
                          "or build it again into a new --store")
    if _LOCKED.search(text):
        return StoreLockedError(f"{path}: another kg process is writing to this store; wait for it to finish")
    return StoreError(f"{path}: cannot open the store: {text}")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
