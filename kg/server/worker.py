"""The query worker: a process that holds one read-only store and answers jobs over a pipe.

pyoxigraph's ``Store.query`` has no timeout, so the server never queries in its own
process: each query goes to a worker (see :mod:`kg.server.pool`), and a worker that
runs past the time limit is killed and replaced. This module is imported by the
workers themselves, so it stays small: pyoxigraph and the store, nothing of HTTP.

Results are serialised here with pyoxigraph's own writers. The row cap cuts the
solution stream: the first ``max_rows`` solutions are written as SPARQL TSV (one
line per solution, terms in N-Triples syntax as pyoxigraph prints them), read back
with :func:`pyoxigraph.parse_query_results` and written in the requested format.

A body larger than :data:`CHUNK_BYTES` leaves the worker in pieces: a :class:`Reply`
with an empty body and ``streamed`` set to the body's length, then the body in
chunks of :data:`CHUNK_BYTES` (``send_bytes``), so the server process forwards it
without ever holding it whole. The body is complete (and cut to the caps) before
its first byte is sent, so ``truncated`` is known when the response headers go out.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, Literal

import pyoxigraph as ox

from kg.errors import ForbiddenQueryError, KgError, QueryError, WorkerError
from kg.rdf.querycheck import mentions_service
from kg.rdf.results import QueryResult
from kg.rdf.store import Store
from kg.server.sandbox import deny_network

__all__ = [
    "CHUNK_BYTES",
    "RESULTS_MEDIA",
    "GRAPH_MEDIA",
    "Job",
    "Reply",
    "Cell",
    "Table",
    "handle",
    "worker_main",
]

log = logging.getLogger(__name__)

RESULTS_MEDIA: dict[str, str] = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
"""Media types of SELECT/ASK results → :class:`pyoxigraph.QueryResultsFormat` member names."""

GRAPH_MEDIA: dict[str, str] = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
}
"""Media types of CONSTRUCT/DESCRIBE results → :class:`pyoxigraph.RdfFormat` member names."""

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

CHUNK_BYTES = 64 * 1024
"""A protocol body above this size is sent to the server process in pieces of this size."""

JobKind = Literal["protocol", "table", "values", "ego"]


@dataclass(frozen=True, slots=True)
class Job:
    """One request to a worker.

    ``protocol`` serialises results for the SPARQL endpoint (``results_media`` for
    SELECT/ASK, ``graph_media`` for CONSTRUCT/DESCRIBE); ``table`` returns display
    cells for the explorer (literals over :data:`CELL_CHARS` shortened; at most
    ``max_bytes`` of cell text); ``values`` a :class:`QueryResult`; ``ego`` the
    standalone network page of the actor IRI given as ``sparql``.
    """

    kind: JobKind
    sparql: str
    max_rows: int = 10_000
    results_media: str = "application/sparql-results+json"
    graph_media: str = "text/turtle"
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    max_bytes: int = 50_000_000


@dataclass(frozen=True, slots=True)
class Reply:
    """Serialised results of a ``protocol`` job.

    ``streamed``: over the pipe, the body (then empty here) follows as that many bytes in chunks.
    """

    form: Literal["select", "ask", "graph"]
    media_type: str
    body: bytes
    truncated: bool = False
    streamed: int = 0


Cell = tuple[str, str, str]
"""(kind, value, annotation): kind is ``iri``, ``bnode``, ``literal`` or ``""`` (unbound);
annotation is a literal's language tag or datatype IRI."""


@dataclass(frozen=True, slots=True)
class Table:
    """Results of a ``table`` job: rows of cells, or a boolean for ASK."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    boolean: bool | None = None
    truncated: bool = False


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Triple):
        return f"<< {term} >>"
    return str(term)


def capped_solutions(result: ox.QuerySolutions, max_rows: int, max_bytes: int | None = None) -> tuple[bytes, bool]:
    """The first ``max_rows`` solutions (at most ``max_bytes`` of TSV) as SPARQL TSV, and whether any were cut.

    >>> st = ox.Store()
    >>> tsv, cut = capped_solutions(st.query("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"), 2)
    >>> tsv.decode().splitlines(), cut
    (['?x', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"2"^^<http://www.w3.org/2001/XMLSchema#integer>'], True)
    """
    names = [v.value for v in result.variables]
    lines = ["\t".join("?" + n for n in names)]
    truncated = False
    size = len(lines[0])
    for i, solution in enumerate(result):
        if i >= max_rows:
            truncated = True
            break
        line = "\t".join(_tsv_term(solution[n]) for n in names)
        size += len(line.encode("utf-8")) + 1
        if max_bytes is not None and size > max_bytes:
            truncated = True
            break
        lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8"), truncated


_BATCH_BYTES = 256 * 1024  # TSV text converted to the requested format at a time


def _rows_splitter(empty: bytes, name: str) -> int:
    """Where the rows go in ``empty``, a result without rows written in format ``name``."""
    if name == "JSON":
        return empty.rindex(b"]")  # ...{"bindings":[ rows ]}}
    if name == "XML":
        return empty.rindex(b"</results>")
    return len(empty)  # CSV: the header line, then the rows


class _Packer:
    """Items (rows, triples) converted a batch at a time; their parts kept while the body stays within ``max_bytes``.

    ``convert(items)`` gives the items' part of the body (None: unexpected framing);
    ``used`` is what the body's frame takes; ``separator`` goes between two batches' parts.
    """

    def __init__(self, convert: Callable[[list[Any]], bytes | None], max_bytes: int, used: int,
                 separator: bytes = b"") -> None:
        self.convert = convert
        self.max_bytes = max_bytes
        self.size = used
        self.separator = separator
        self.pieces: list[bytes] = []

    def add(self, items: list[Any]) -> bool | None:
        """Add the most of ``items`` that fit (all: True; fewer: False; unexpected framing: None)."""
        sep = len(self.separator) if self.pieces else 0
        got = self.convert(items)
        if got is None:
            return None
        count = len(items)
        if self.size + sep + len(got) > self.max_bytes:  # bisect for the largest count that fits
            lo, hi, got = 0, len(items) - 1, b""
            while lo < hi:
                mid = (lo + hi + 1) // 2
                part = self.convert(items[:mid])
                if part is None:
                    return None
                if self.size + sep + len(part) <= self.max_bytes:
                    lo, got = mid, part
                else:
                    hi = mid - 1
            count = lo
        if count:
            if sep:
                self.pieces.append(self.separator)
            self.pieces.append(got)
            self.size += sep + len(got)
        return count == len(items)

    def run(self, items: Iterator[Any], measure: Callable[[Any], int], max_rows: int) -> bool | None:
        """Add ``items`` in batches of about :data:`_BATCH_BYTES` (by ``measure``); whether any were cut.

        An item whose ``measure`` alone is over ``max_bytes`` is not converted: the body is cut before it.
        """
        batch: list[Any] = []
        batch_bytes = 0
        cut = False
        for i, item in enumerate(items):
            size = measure(item)
            if i >= max_rows or size > self.max_bytes:
                cut = True
                break
            batch.append(item)
            batch_bytes += size
            if batch_bytes >= _BATCH_BYTES:
                fitted = self.add(batch)
                if not fitted:
                    return None if fitted is None else True
                batch, batch_bytes = [], 0
        if batch:
            fitted = self.add(batch)
            if fitted is None:
                return None
            cut = cut or not fitted
        return cut


def _batched_solutions(result: ox.QuerySolutions, name: str, max_rows: int,
                       max_bytes: int) -> tuple[bytes, bool] | None:
    r"""The solutions written in format ``name`` (JSON, XML or CSV), cut to whole rows within both caps.

    Rows are converted a batch at a time (through SPARQL TSV, as :func:`capped_solutions`
    writes them) and only their part of each batch's output is kept, so the worker holds
    the growing body and one batch, never the whole result in several forms. None if
    pyoxigraph's output is not framed as expected (the caller then writes it whole).
    A row whose TSV form alone is over ``max_bytes`` ends the body (CSV, which drops
    datatypes, might have fitted it).

    >>> import json
    >>> st = ox.Store()
    >>> body, cut = _batched_solutions(st.query("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"), "JSON", 2, 10**6)
    >>> [b["x"]["value"] for b in json.loads(body)["results"]["bindings"]], cut
    (['1', '2'], True)
    >>> _batched_solutions(st.query("SELECT ?x WHERE { VALUES ?x { 'a' 'b' 'c' } }"), "CSV", 10, 9)
    (b'x\r\na\r\nb\r\n', True)
    """
    fmt = getattr(ox.QueryResultsFormat, name)
    names = [v.value for v in result.variables]
    head = "\t".join("?" + n for n in names)

    def write(lines: list[str]) -> bytes:
        data = "\n".join([head, *lines, ""]).encode("utf-8")
        return ox.parse_query_results(data, ox.QueryResultsFormat.TSV).serialize(format=fmt)

    empty = write([])
    at = _rows_splitter(empty, name)
    prefix, suffix = empty[:at], empty[at:]

    def rows(lines: list[str]) -> bytes | None:
        out = write(lines)
        if not (out.startswith(prefix) and out.endswith(suffix)):
            return None
        return out[len(prefix):len(out) - len(suffix)]

    packer = _Packer(rows, max_bytes, len(empty), b"," if name == "JSON" else b"")
    lines = ("\t".join(_tsv_term(solution[n]) for n in names) for solution in result)
    cut = packer.run(lines, len, max_rows)
    return None if cut is None else (b"".join([prefix, *packer.pieces, suffix]), cut)


def _prefix_block(turtle: bytes) -> bytes:
    """The leading ``@prefix`` lines of a Turtle document."""
    end = 0
    while turtle.startswith(b"@prefix ", end):
        end = turtle.index(b"\n", end) + 1
    return turtle[:end]


def _batched_triples(result: Iterator[ox.Triple], fmt: ox.RdfFormat, prefixes: dict[str, str] | None,
                     max_rows: int, max_bytes: int) -> tuple[bytes, bool] | None:
    """Triples as N-Triples or Turtle, converted a batch at a time, cut to whole triples within both caps.

    Each batch's statements are kept (Turtle: after the one ``@prefix`` block, whose size
    is counted from the start); None if the output is not framed as expected.
    """
    if fmt not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
        return None
    header = b""
    if fmt == ox.RdfFormat.TURTLE and prefixes:
        header = _prefix_block(ox.serialize([ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))],
                                            format=fmt, prefixes=prefixes))

    def statements(triples: list[ox.Triple]) -> bytes | None:
        out = ox.serialize(triples, format=fmt, prefixes=prefixes)
        return out[len(header):] if out.startswith(header) else None

    packer = _Packer(statements, max_bytes, len(header))
    cut = packer.run(result, lambda t: len(str(t)), max_rows)
    if cut is None:
        return None
    return (b"".join([header, *packer.pieces]) if packer.pieces else b""), cut


def _fit(write: Callable[[int], bytes], count: int, max_bytes: int) -> tuple[bytes, int]:
    """``write(n)`` for the largest ``n <= count`` (halving) whose output fits ``max_bytes``; (output, n)."""
    body = write(count)
    while len(body) > max_bytes and count > 0:
        count //= 2
        body = write(count)
    return body, count


def _protocol(store: Store, job: Job) -> Reply:
    result = store.raw_query(job.sparql, default_graphs=job.default_graphs, named_graphs=job.named_graphs)
    if isinstance(result, ox.QueryBoolean):
        fmt = getattr(ox.QueryResultsFormat, RESULTS_MEDIA[job.results_media])
        return Reply("ask", job.results_media, result.serialize(format=fmt))
    if isinstance(result, ox.QuerySolutions):
        name = RESULTS_MEDIA[job.results_media]
        if name == "TSV":
            tsv, truncated = capped_solutions(result, job.max_rows, job.max_bytes)
            return Reply("select", job.results_media, tsv, truncated)
        batched = _batched_solutions(result, name, job.max_rows, job.max_bytes)
        if batched is not None:
            return Reply("select", job.results_media, *batched)
        # pyoxigraph framed rows in a way _batched_solutions does not know: run again, the slow way
        result = store.raw_query(job.sparql, default_graphs=job.default_graphs, named_graphs=job.named_graphs)
        tsv, truncated = capped_solutions(result, job.max_rows, job.max_bytes)
        head, *lines = tsv.decode("utf-8").split("\n")[:-1]  # the TSV ends with a newline
        fmt = getattr(ox.QueryResultsFormat, name)

        def write(n: int) -> bytes:
            data = "\n".join([head, *lines[:n]]) + "\n"
            return ox.parse_query_results(data.encode("utf-8"), ox.QueryResultsFormat.TSV).serialize(format=fmt)

        body, kept = _fit(write, len(lines), job.max_bytes)
        return Reply("select", job.results_media, body, truncated or kept < len(lines))
    fmt = getattr(ox.RdfFormat, GRAPH_MEDIA[job.graph_media])
    from kg.rdf.namespaces import PREFIXES

    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    batched = _batched_triples(result, fmt, prefixes, job.max_rows, job.max_bytes)
    if batched is not None:
        return Reply("graph", job.graph_media, *batched)
    if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):  # unexpected framing: run again, the slow way
        result = store.raw_query(job.sparql, default_graphs=job.default_graphs, named_graphs=job.named_graphs)
    triples = []
    size = 0
    truncated = False
    for triple in result:  # rows and bytes both capped while the triples stream out
        size += len(str(triple))
        if len(triples) >= job.max_rows or size > job.max_bytes:
            truncated = True
            break
        triples.append(triple)
    body, kept = _fit(lambda n: ox.serialize(triples[:n], format=fmt, prefixes=prefixes), len(triples), job.max_bytes)
    return Reply("graph", job.graph_media, body, truncated or kept < len(triples))


CELL_CHARS = 10_000
"""A literal longer than this is shortened in a ``table`` job's cells (they are for display)."""


def _shortened(text: str) -> str:
    """``text``, or its start and how long it was when it is over :data:`CELL_CHARS`.

    >>> _shortened("x" * 10_001)[-25:]
    'xxxx… (10,001 characters)'
    """
    return text if len(text) <= CELL_CHARS else f"{text[:CELL_CHARS]}… ({len(text):,} characters)"


def _cell(term: Any) -> Cell:
    if term is None:
        return ("", "", "")
    if isinstance(term, ox.NamedNode):
        return ("iri", term.value, "")
    if isinstance(term, ox.BlankNode):
        return ("bnode", "_:" + term.value, "")
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        note = term.language or ("" if datatype == _XSD_STRING else datatype)
        return ("literal", _shortened(term.value), note)
    return ("literal", _shortened(str(term)), "")


def _table(store: Store, job: Job) -> Table:
    result = store.raw_query(job.sparql)
    if isinstance(result, ox.QueryBoolean):
        return Table(boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = tuple(v.value for v in result.variables)
        cells: Any = (tuple(_cell(sol[n]) for n in names) for sol in result)
    else:
        names = ("subject", "predicate", "object")
        cells = ((_cell(t.subject), _cell(t.predicate), _cell(t.object)) for t in result)
    rows: list[tuple[Cell, ...]] = []
    size = 0
    for row in islice(cells, job.max_rows + 1):
        size += sum(len(c[1]) + len(c[2]) for c in row)
        if size > job.max_bytes:
            return Table(names, tuple(rows), truncated=True)
        rows.append(row)
    return Table(names, tuple(rows[: job.max_rows]), truncated=len(rows) > job.max_rows)


def _ego(store: Store, job: Job) -> str:
    from kg.server.network import ego_page

    return ego_page(store, job.sparql, max_nodes=job.max_rows)


_HANDLERS: dict[str, Callable[[Store, Job], Any]] = {
    "protocol": _protocol,
    "table": _table,
    "values": lambda store, job: store.query(job.sparql, limit=job.max_rows),
    "ego": _ego,
}


_NO_SERVICE = "SERVICE (federated query) is not allowed: this endpoint never reaches other hosts"


def handle(store: Store, job: Job, *, sandboxed: bool = False) -> Reply | Table | QueryResult | str:
    """Run one job; raises :class:`KgError` subclasses only.

    ``sandboxed``: this process cannot open network sockets (:mod:`kg.server.sandbox`),
    so a SERVICE clause fails by itself; otherwise any query naming SERVICE is refused.
    """
    if job.kind != "ego" and not sandboxed and mentions_service(job.sparql):
        raise ForbiddenQueryError(_NO_SERVICE)
    try:
        return _HANDLERS[job.kind](store, job)
    except KgError as exc:
        if isinstance(exc.__cause__, OSError) and job.kind != "ego" and mentions_service(job.sparql):
            raise ForbiddenQueryError(f"{_NO_SERVICE} ({' '.join(str(exc.__cause__).split())})") from exc
        raise
    except (OSError, ValueError, SyntaxError, RuntimeError) as exc:
        if isinstance(exc, OSError) and job.kind != "ego" and mentions_service(job.sparql):
            raise ForbiddenQueryError(f"{_NO_SERVICE} ({' '.join(str(exc).split())})") from exc
        raise QueryError(f"query failed: {' '.join(str(exc).split())}") from exc
    except Exception as exc:  # never let a worker die on one bad job
        log.exception("worker failed on a %s job", job.kind)
        raise WorkerError(f"internal error while running the query: {type(exc).__name__}") from exc


def worker_main(conn: Any, store_path: str) -> None:
    """The worker loop: open the store, say ``ready``, answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server shuts workers down by closing the pipe
    sandboxed = deny_network()  # first, before anything else runs here: SERVICE can reach nothing
    if not sandboxed:
        log.warning("no network sandbox on this platform: queries that mention SERVICE are refused")
    try:
        store = Store.open(store_path)
    except KgError as exc:
        conn.send(exc)
        return
    conn.send(("ready", store.base_iri))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        try:
            reply: Any = handle(store, job, sandboxed=sandboxed)
        except KgError as exc:
            reply = type(exc)(str(exc)) if type(exc).__module__.startswith("kg.") else WorkerError(str(exc))
        try:
            _send(conn, reply)
        except (BrokenPipeError, OSError):
            break


def _send(conn: Any, reply: Any) -> None:
    """Send one answer; a large protocol body goes as a header reply then chunks (the server streams them)."""
    if not isinstance(reply, Reply) or len(reply.body) <= CHUNK_BYTES:
        conn.send(reply)
        return
    body = reply.body
    conn.send(replace(reply, body=b"", streamed=len(body)))
    for start in range(0, len(body), CHUNK_BYTES):
        conn.send_bytes(body, start, min(CHUNK_BYTES, len(body) - start))
