"""The ``kg serve`` application: SPARQL endpoint, explorer pages, static files.

:func:`make_app` builds the Starlette app for a store; :func:`serve` runs it with
uvicorn. Errors are :class:`kg.errors.KgError` subclasses carrying their HTTP
status; one handler turns them into a JSON or text body on ``/sparql`` and an
HTML page elsewhere. Every response carries a Content-Security-Policy that allows
nothing from another host.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kg.errors import KgError, ServeError
from kg.rdf.store import Store
from kg.server import explorer
from kg.server.guard import HostGuard, host_policy
from kg.server.pool import QueryPool
from kg.server.settings import ServerSettings
from kg.server.sparql import quiet_stopped_streams, sparql_endpoint
from kg.words import counted

__all__ = ["make_app", "serve"]

log = logging.getLogger(__name__)

_HERE = Path(str(resources.files("kg.server")))
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon",
                 ".js": "text/javascript; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
_CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'self'")
_SECURITY_HEADERS = {
    "content-security-policy": _CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "SAMEORIGIN",
}


class _SecurityHeaders:
    """Add the default security headers to every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _static_files() -> dict[str, tuple[bytes, str]]:
    """Every file of ``static/`` read once; served by exact name only (no path is ever joined)."""
    files = {}
    for path in sorted((_HERE / "static").iterdir()):
        if path.is_file() and path.suffix in _STATIC_TYPES:
            files[path.name] = (path.read_bytes(), _STATIC_TYPES[path.suffix])
    return files


async def _static(request: Request) -> Response:
    found = request.app.state.static.get(request.path_params["name"])
    if found is None:
        raise explorer.NotFoundError("no such file")
    body, media = found
    return Response(body, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


async def _no_icon(request: Request) -> Response:
    return Response(status_code=204, headers={"Cache-Control": "public, max-age=86400"})


async def _health(request: Request) -> Response:
    pool: QueryPool = request.app.state.pool
    return JSONResponse({"status": "ok", "workers": pool.size, "timeouts": pool.timeouts, "restarts": pool.restarts})


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/sparql", "/health", "/static")) and "text/html" in request.headers.get("accept", "text/html")


def _error_response(request: Request, status: int, message: str) -> Response:
    message = " ".join(message.split())
    if _wants_html(request):
        return explorer.render(request, "error.html", status=status, status_code=status, message=message)
    if "json" in request.headers.get("accept", ""):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    return PlainTextResponse(message + "\n", status_code=status)


async def _kg_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status", 500)
    if status >= 500:
        log.warning("%s on %s: %s", status, request.url.path, exc)
    return _error_response(request, status, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    status = getattr(exc, "status_code", 500)
    detail = getattr(exc, "detail", "") or "error"
    if status == 404:
        detail = "no such page"
    return _error_response(request, status, str(detail))


async def _client_gone(request: Request, exc: Exception) -> Response:
    """The client closed the connection mid-request: nothing to answer, nothing to log."""
    log.debug("client disconnected during %s %s", request.method, request.url.path)
    return Response(status_code=400)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s", request.url.path)
    return _error_response(request, 500, f"internal error: {type(exc).__name__}")


def make_app(store_path: Path | str, settings: ServerSettings | None = None) -> Starlette:
    """The Starlette app serving ``store_path`` (opened read-only by the query workers).

    Raises:
        StoreError: ``store_path`` is not a readable kg store.
    """
    settings = settings or ServerSettings()
    with Store.open(store_path) as store:
        base_iri = store.base_iri

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        pool = QueryPool(store_path, size=settings.workers, time_limit=settings.query_time_limit,
                         memory_limit=settings.memory_limit)
        await pool.start()
        app.state.pool = pool
        quiet_stopped_streams()  # here: uvicorn has set up its loggers by now
        try:
            yield
        finally:
            await pool.close()

    routes = [
        Route("/", explorer.home, methods=["GET"]),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST"]),
        Route("/query", explorer.query_page, methods=["GET"]),
        Route("/actor/{slug}", explorer.node_page, methods=["GET"]),
        Route("/actor/{slug}/network", explorer.network_page, methods=["GET"]),
        Route("/concept/{slug}/network", explorer.network_page, methods=["GET"]),
        Route("/concept/{slug}", explorer.node_page, methods=["GET"]),
        Route("/doc/{slug}", explorer.node_page, methods=["GET"]),
        Route("/static/{name}", _static, methods=["GET"]),
        Route("/health", _health, methods=["GET"]),
        Route("/favicon.ico", _no_icon, methods=["GET"]),
    ]
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={KgError: _kg_error, HTTPException: _http_error, ClientDisconnect: _client_gone,
                            Exception: _internal_error},
    )
    app.state.settings = settings
    app.state.base_iri = base_iri
    app.state.static = _static_files()
    app.state.cache = {}
    app.state.templates = Environment(
        loader=FileSystemLoader(str(_HERE / "templates")), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    app.state.templates.filters["counted"] = counted
    app.add_middleware(HostGuard, policy=host_policy(settings.host, settings.allow_hosts), respond=_error_response)
    app.add_middleware(_SecurityHeaders)
    return app


def _listen(host: str, port: int) -> socket.socket:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port or --host") from exc
    return sock


def serve(
    store_path: Path | str,
    settings: ServerSettings | None = None,
    *,
    access_log: bool = False,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``store_path`` until interrupted (blocks); ``on_ready`` gets the base URL once listening.

    Raises:
        StoreError: ``store_path`` is not a readable kg store.
        ServeError: the address cannot be bound.
    """
    import uvicorn

    settings = settings or ServerSettings()
    app = make_app(store_path, settings)
    sock = _listen(settings.host, settings.port)
    host, port = sock.getsockname()[:2]
    from kg.server.connections import guarded_protocol

    config = uvicorn.Config(
        app,
        http=guarded_protocol(settings.read_timeout, settings.max_connections),
        log_level="warning",
        access_log=access_log,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
    if on_ready is not None:
        on_ready(f"http://{host if ':' not in host else f'[{host}]'}:{port}")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it shut down on: the documented way to stop, not a failure
        pass
    finally:
        sock.close()
