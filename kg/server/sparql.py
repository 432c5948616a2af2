"""The SPARQL 1.1 Protocol endpoint (``/sparql``): reading requests, safety checks, content negotiation.

Read-only by construction: queries run on read-only store handles in worker
processes, and before a query reaches one:

- SPARQL Update (``update=``, ``application/sparql-update``, or update text sent as
  a query: INSERT, DELETE, LOAD, CLEAR, …) is refused with 403;
- ``SERVICE`` (federated query; pyoxigraph would fetch the remote endpoint) cannot
  reach any host: the workers run without network (:mod:`kg.server.sandbox`), so it
  fails with 403 (``SERVICE SILENT``: its empty result). Nothing here scans the
  query text for it: text checks can be fooled by escapes.

The dataset is the union of the store's graphs as default graph, unless the request
gives ``default-graph-uri`` / ``named-graph-uri`` or the query ``FROM`` / ``FROM
NAMED`` (:mod:`kg.rdf.dataset`); these only name graphs already in the store, nothing
is ever loaded.

Results are written by pyoxigraph (SPARQL JSON, XML, CSV, TSV; Turtle,
N-Triples, JSON-LD, RDF/XML for CONSTRUCT and DESCRIBE), chosen from the
``Accept`` header or a ``format=`` / ``output=`` parameter (given more than once, as
SPARQLWrapper does, its values must name the same format; N3 is answered with Turtle).

A result larger than one chunk (:data:`kg.server.worker.CHUNK_BYTES`) is streamed: the
worker sends it in chunks and :class:`StreamedResponse` forwards each to the client
as it comes, so this process holds a few chunks per request whatever the result's
size. The worker finishes (and cuts) the body first, so ``Content-Length`` and
``X-KG-Truncated`` are exact in the headers. A client that goes away, or accepts no
chunk for ``--read-timeout`` seconds, ends the stream and frees the worker.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from kg.errors import (
    ForbiddenQueryError,
    KgError,
    NotAcceptableError,
    PayloadTooLargeError,
    QueryError,
    UnsupportedMediaTypeError,
)
from kg.rdf.querycheck import UPDATE_KEYWORDS, query_form
from kg.server.pool import ResultStream
from kg.server.worker import GRAPH_MEDIA, RESULTS_MEDIA, Job, Reply

__all__ = [
    "QueryInfo",
    "StreamedResponse",
    "quiet_stopped_streams",
    "inspect_query",
    "negotiate",
    "read_params",
    "sparql_endpoint",
    "service_description",
]

log = logging.getLogger(__name__)

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]


_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@dataclass(frozen=True, slots=True)
class QueryInfo:
    """What the checks learnt about a query: its form, if it could tell."""

    form: QueryForm | None


def inspect_query(sparql: str) -> QueryInfo:
    """Check a query before it goes to a worker; return its form (linear in the text: main process).

    Only the prologue is read; SERVICE is left to the worker, which has no network
    (:mod:`kg.server.sandbox`), and validity to pyoxigraph's parse there.

    Raises:
        ForbiddenQueryError: an update.
        QueryError: an empty query.

    >>> inspect_query("PREFIX ex: <http://ex/> SELECT ?service WHERE { ?s ex:service 'SERVICE' }").form
    'SELECT'
    >>> inspect_query("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    kg.errors.ForbiddenQueryError: SPARQL Update (DELETE) is not allowed: this endpoint is read-only
    """
    if not sparql.strip():
        raise QueryError("empty query; send a SPARQL query in the query parameter")
    form = query_form(sparql)
    if form in UPDATE_KEYWORDS:
        raise ForbiddenQueryError(f"SPARQL Update ({form}) is not allowed: this endpoint is read-only")
    return QueryInfo(form if form in _QUERY_FORMS else None)  # type: ignore[arg-type]


# ----------------------------------------------------------------- content negotiation

_ALIASES: dict[str, tuple[str | None, str | None]] = {
    # format= value or Accept media range → (results media, graph media)
    "json": ("application/sparql-results+json", "application/ld+json"),
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "application/x-turtle": (None, "text/turtle"),
    "nt": (None, "application/n-triples"),
    "ntriples": (None, "application/n-triples"),
    "n-triples": (None, "application/n-triples"),
    "text/plain": (None, "application/n-triples"),
    "json-ld": (None, "application/ld+json"),
    "jsonld": (None, "application/ld+json"),
    "rdfxml": (None, "application/rdf+xml"),
    "rdf+xml": (None, "application/rdf+xml"),
    "rdf": (None, "application/rdf+xml"),
    "application/x-json+ld": (None, "application/ld+json"),
    "application/turtle": (None, "text/turtle"),
    # N3 clients read Turtle (Turtle is a subset of N3)
    "n3": (None, "text/turtle"),
    "text/n3": (None, "text/turtle"),
    "text/rdf+n3": (None, "text/turtle"),
    "application/n3": (None, "text/turtle"),
}
for _media in RESULTS_MEDIA:
    _ALIASES[_media] = (_media, None)
for _media in GRAPH_MEDIA:
    _ALIASES[_media] = (None, _media)

DEFAULT_RESULTS = "application/sparql-results+json"
DEFAULT_GRAPH = "text/turtle"


def _accept_ranges(header: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped; ties keep their order)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media))
    return [m for _, _, m in sorted(ranked)]


def _pick(media: str, graph: bool) -> str | None:
    if media in _ALIASES:
        return _ALIASES[media][1 if graph else 0]
    available = GRAPH_MEDIA if graph else RESULTS_MEDIA
    if media == "*/*":
        return DEFAULT_GRAPH if graph else DEFAULT_RESULTS
    if media.endswith("/*"):
        return next((m for m in available if m.startswith(media[:-1])), None)
    return None


def negotiate(accept: str | None, fmt: str | None, *, graph: bool) -> str:
    """The media type to answer with: ``format=`` first, then ``Accept``, else the default.

    >>> negotiate("text/csv", None, graph=False)
    'text/csv'
    >>> negotiate("application/json", None, graph=True)
    'application/ld+json'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", None, graph=False)
    'application/sparql-results+json'

    Raises:
        NotAcceptableError: nothing the client accepts fits this kind of query.
    """
    kind = "CONSTRUCT/DESCRIBE" if graph else "SELECT/ASK"
    offered = ", ".join(GRAPH_MEDIA if graph else RESULTS_MEDIA)
    if fmt:
        # a format value may list alternatives, as an Accept header does (SPARQLWrapper sends
        # "application/ld+json,application/x-json+ld"): the first that fits wins
        chosen = next((m for m in map(lambda f: _pick(f, graph), _accept_ranges(fmt)) if m), None)
        if chosen is None:
            raise NotAcceptableError(f"format={fmt!r} does not fit a {kind} query; use one of {offered}")
        return chosen
    if not accept or not accept.strip():
        return DEFAULT_GRAPH if graph else DEFAULT_RESULTS
    for media in _accept_ranges(accept):
        chosen = _pick(media, graph)
        if chosen is not None:
            return chosen
    raise NotAcceptableError(f"none of the accepted types ({accept}) fits a {kind} query; accept one of {offered}")


# ----------------------------------------------------------------- reading requests


async def _read_body(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLargeError(f"request body of {declared} bytes is over the limit of {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLargeError(f"request body is over the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{what} is not valid UTF-8") from exc


async def read_params(request: Request, max_bytes: int) -> dict[str, list[str]]:
    """The protocol parameters of a GET or POST (URL-encoded form or ``application/sparql-query``).

    Raises:
        ForbiddenQueryError: a SPARQL Update request.
        PayloadTooLargeError: body or query string over ``max_bytes``.
        UnsupportedMediaTypeError: another POST content type.
    """
    raw_query = request.scope.get("query_string", b"")
    if len(raw_query) > max_bytes:
        raise PayloadTooLargeError(f"query string is over the limit of {max_bytes} bytes")
    params = parse_qs(_decode(raw_query, "query string"), keep_blank_values=True)
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            raise ForbiddenQueryError("SPARQL Update is not allowed: this endpoint is read-only")
        body = await _read_body(request, max_bytes)
        if ctype == "application/x-www-form-urlencoded":
            for key, values in parse_qs(_decode(body, "form body"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            params["query"] = params.get("query", []) + [_decode(body, "query body")]
        else:
            raise UnsupportedMediaTypeError(
                f"POST a query as application/x-www-form-urlencoded or application/sparql-query, not {ctype or 'no type'}"
            )
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise ForbiddenQueryError("SPARQL Update is not allowed: this endpoint is read-only")
    return params


# ----------------------------------------------------------------- the endpoint

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS = "http://www.w3.org/ns/formats/"
_SD_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
               "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def service_description(endpoint: str, media: str) -> bytes:
    """The SPARQL 1.1 Service Description of this endpoint in an RDF format."""
    sd = lambda local: ox.NamedNode(_SD + local)  # noqa: E731
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    service = ox.NamedNode(endpoint + "#service")
    dataset, graph = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(_FORMATS + f)) for f in _SD_FORMATS),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), graph),
        ox.Triple(graph, rdf_type, sd("Graph")),
    ]
    fmt = getattr(ox.RdfFormat, GRAPH_MEDIA[media])
    return ox.serialize(triples, format=fmt, prefixes={"sd": _SD, "formats": _FORMATS})


def _media(accept: str | None, fmt: str | None, *, graph: bool, needed: bool) -> str:
    """Negotiate for the query's form; for the other form (or an unknown one) fall back to the default."""
    try:
        return negotiate(accept, fmt, graph=graph)
    except NotAcceptableError:
        if needed:
            raise
        return DEFAULT_GRAPH if graph else DEFAULT_RESULTS


def _single(params: dict[str, list[str]], name: str) -> str | None:
    """The value of a parameter given at most once, or several times with the same value."""
    values = set(params.get(name, []))
    if len(values) > 1:
        raise QueryError(f"the {name} parameter has {len(values)} different values; give one")
    return values.pop() if values else None


def _formats(params: dict[str, list[str]]) -> list[str]:
    """The distinct non-empty ``format`` / ``output`` values (synonyms; SPARQLWrapper sends both,
    some twice: ``format=tsv&format=text/tab-separated-values``)."""
    return list(dict.fromkeys(v.strip() for name in ("format", "output") for v in params.get(name, []) if v.strip()))


def _format_media(accept: str | None, formats: list[str], *, graph: bool, needed: bool) -> str:
    """The media type for one query form from every format value given: they must agree."""
    if len(formats) <= 1:
        return _media(accept, formats[0] if formats else None, graph=graph, needed=needed)
    chosen = {_media(accept, f, graph=graph, needed=needed) for f in formats}
    if len(chosen) > 1 and needed:
        raise QueryError(f"the format parameter asks for different formats ({', '.join(formats)}); give one")
    return chosen.pop() if len(chosen) == 1 else (DEFAULT_GRAPH if graph else DEFAULT_RESULTS)


_RDFLIB_DEFAULT = "urn:x-rdflib:default"
"""What rdflib's ``Dataset`` sends as ``default-graph-uri`` for "the dataset's default graph"."""


def _dataset(params: dict[str, list[str]]) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The protocol's ``default-graph-uri`` / ``named-graph-uri`` lists; (None, None) when neither is given."""
    default = tuple(dict.fromkeys(params.get("default-graph-uri", [])))
    named = tuple(dict.fromkeys(params.get("named-graph-uri", [])))
    if default == (_RDFLIB_DEFAULT,) and not named:
        return None, None  # rdflib's name for the default graph, i.e. no dataset asked for: the union
    if not default and not named:
        return None, None
    return default, named


async def sparql_endpoint(request: Request) -> Response:
    """GET/POST ``/sparql``: run a read-only query, or describe the service when there is none."""
    settings = request.app.state.settings
    params = await read_params(request, settings.max_request_bytes)
    query = _single(params, "query")
    formats = _formats(params)
    accept = request.headers.get("accept")
    if query is None:
        if request.method == "POST":
            raise QueryError("missing query parameter")
        media = _format_media(accept, formats, graph=True, needed=True)
        endpoint = str(request.url.replace(query="", fragment=""))
        return Response(service_description(endpoint, media), media_type=media, headers={"Vary": "Accept"})
    default_graphs, named_graphs = _dataset(params)
    info = inspect_query(query)
    results_media = _format_media(accept, formats, graph=False, needed=info.form in ("SELECT", "ASK"))
    graph_media = _format_media(accept, formats, graph=True, needed=info.form in ("CONSTRUCT", "DESCRIBE"))
    job = Job("protocol", query, max_rows=settings.max_rows, results_media=results_media, graph_media=graph_media,
              default_graphs=default_graphs, named_graphs=named_graphs, max_bytes=settings.max_response_bytes)
    answer: Reply | ResultStream = await request.app.state.pool.run(job)
    reply = answer.reply if isinstance(answer, ResultStream) else answer
    headers = {"Vary": "Accept", "X-KG-Truncated": "true" if reply.truncated else "false"}
    if isinstance(answer, ResultStream):
        return StreamedResponse(answer, media_type=reply.media_type, headers=headers, stall=settings.read_timeout)
    return Response(reply.body, media_type=reply.media_type, headers=headers)


_STOPPED = contextvars.ContextVar("kg_stream_stopped", default=False)
"""Set in a request's task when :class:`StreamedResponse` ended its body early on purpose (already logged)."""

_UVICORN_INCOMPLETE = "ASGI callable returned without completing response."


class _StoppedStreamFilter(logging.Filter):
    """Drop uvicorn's error for an unfinished response when the stream was stopped on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_STOPPED.get() and record.getMessage() == _UVICORN_INCOMPLETE)


def quiet_stopped_streams() -> None:
    """Keep uvicorn from logging an error for each streamed answer stopped on purpose (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _StoppedStreamFilter) for f in logger.filters):
        logger.addFilter(_StoppedStreamFilter())


class StreamedResponse(Response):
    """A body forwarded chunk by chunk from a query worker (:class:`ResultStream`), with its exact length.

    The stream is closed (its worker freed) however the response ends: whole, the
    client gone, the client accepting nothing for ``stall`` seconds, or the worker
    failing mid-body. The last three leave the body short of its ``Content-Length``
    and close the connection, so no client takes a cut body for a whole one.
    """

    def __init__(self, stream: ResultStream, *, media_type: str, headers: dict[str, str], stall: float) -> None:
        super().__init__(None, media_type=media_type, headers={**headers, "Content-Length": str(stream.reply.streamed)})
        self._stream = stream
        self._stall = stall

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        gone = asyncio.Event()

        async def watch() -> None:  # uvicorn answers receive() with http.disconnect once the client leaves
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()

        watcher = asyncio.ensure_future(watch())
        try:
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
            async for chunk in self._stream.chunks():
                if gone.is_set():
                    log.debug("client disconnected during a streamed answer on %s", scope.get("path"))
                    return
                await asyncio.wait_for(send({"type": "http.response.body", "body": chunk, "more_body": True}),
                                       self._stall)
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except TimeoutError:
            _STOPPED.set(True)  # uvicorn closes the connection (the body is short of its Content-Length)
            log.warning("a client accepted nothing for %g s; its streamed answer on %s was stopped",
                        self._stall, scope.get("path"))
        except (KgError, OSError) as exc:
            _STOPPED.set(True)
            log.warning("streamed answer on %s stopped: %s", scope.get("path"), exc)
        finally:
            watcher.cancel()
            self._stream.close()
