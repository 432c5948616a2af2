"""``kg serve`` (SPARQL endpoint + explorer) and ``kg push`` (send the graph to a remote store)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.config import DEFAULT_STORE, PUSH_BATCH_TRIPLES
from kg.server.settings import SETTING_HELP, ServerSettings
from kg.words import counted

__all__ = ["register", "serve_cli", "push_cli"]

_StoreOpt = Annotated[Path, typer.Option("--store", "-s", help="Store directory.", envvar="KG_STORE")]


_DEFAULTS = ServerSettings()
"""The defaults the options show: the server settings' own (one home)."""


def _help(name: str) -> str:
    return SETTING_HELP[name]


def serve_cli(
    store: _StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help=_help("host"))] = _DEFAULTS.host,
    port: Annotated[int, typer.Option(help=_help("port"))] = _DEFAULTS.port,
    time_limit: Annotated[float, typer.Option("--time-limit", help=_help("query_time_limit"))] = _DEFAULTS.query_time_limit,
    max_rows: Annotated[int, typer.Option("--max-rows", help=_help("max_rows"))] = _DEFAULTS.max_rows,
    max_request_bytes: Annotated[int, typer.Option(
        "--max-request-bytes", help=_help("max_request_bytes"))] = _DEFAULTS.max_request_bytes,
    workers: Annotated[Optional[int], typer.Option("--workers", help=_help("workers") + " Default: 2-4 by CPU count.")] = None,
    max_connections: Annotated[int, typer.Option(
        "--max-connections", help=_help("max_connections"))] = _DEFAULTS.max_connections,
    read_timeout: Annotated[float, typer.Option("--read-timeout", help=_help("read_timeout"))] = _DEFAULTS.read_timeout,
    memory_limit: Annotated[int, typer.Option("--memory-limit", help=_help("memory_limit"))] = _DEFAULTS.memory_limit,
    max_response_bytes: Annotated[int, typer.Option(
        "--max-response-bytes", help=_help("max_response_bytes"))] = _DEFAULTS.max_response_bytes,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", help=_help("allow_hosts"))] = None,
    access_log: Annotated[bool, typer.Option("--access-log", help="Log every request on stderr.")] = False,
) -> None:
    """Serve the store read-only: SPARQL 1.1 endpoint at /sparql, explorer at /.

    Example: kg serve --store kg-store --port 8000   (then open http://127.0.0.1:8000/)
    """
    from kg.server.app import serve

    options = dict(host=host, port=port, query_time_limit=time_limit, max_rows=max_rows,
                   max_request_bytes=max_request_bytes, max_connections=max_connections,
                   allow_hosts=tuple(allow_host or ()), read_timeout=read_timeout, memory_limit=memory_limit,
                   max_response_bytes=max_response_bytes)
    if workers is not None:
        options["workers"] = workers
    settings = ServerSettings(**options)  # type: ignore[arg-type]

    def announce(url: str) -> None:
        typer.echo(f"kg: serving {store} read-only at {url}/ (SPARQL endpoint: {url}/sparql); Ctrl-C stops", err=True)

    serve(store, settings, access_log=access_log, on_ready=announce)


def push_cli(
    endpoint: Annotated[str, typer.Option("--endpoint", "-e", help="Graph Store Protocol URL (Oxigraph /store, Fuseki /DATASET/data) or SPARQL Update URL (Oxigraph /update, Fuseki /DATASET/update).")],
    store: _StoreOpt = DEFAULT_STORE,
    graph: Annotated[Optional[str], typer.Option("--graph", "-g", help="Put every triple into this one named graph instead of one graph per document.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Triples per request.")] = PUSH_BATCH_TRIPLES,
    protocol: Annotated[str, typer.Option("--protocol", help="auto (Graph Store Protocol, else Update), gsp or update.")] = "auto",
    fresh: Annotated[bool, typer.Option("--fresh", help="Ignore push-state.jsonl and send every graph again.")] = False,
    verify: Annotated[bool, typer.Option("--verify", help="Read back each graph recorded as sent (Graph Store URL only) and resend those the remote lost.")] = False,
) -> None:
    """Send all named graphs of the store to a SPARQL 1.1 store, in batches; a rerun resumes.

    Example: kg push --store kg-store --endpoint http://127.0.0.1:7878/store
    """
    from tqdm import tqdm

    from kg.rdf.store import Store
    from kg.rdf.push import PushProtocol, push_store
    from kg.errors import PushError

    try:
        chosen = PushProtocol(protocol)
    except ValueError:
        raise PushError(f"--protocol must be auto, gsp or update, not {protocol!r}") from None
    with Store.open(store) as st:
        total = sum(1 for _ in st.named_graphs())
    with tqdm(total=total, unit="graph", desc="pushing", disable=None, file=sys.stderr) as bar:
        def progress(_graph: str, triples: int, skipped: bool) -> None:
            bar.update()
            bar.set_postfix_str("skipped" if skipped else counted(triples, 'triple'), refresh=False)

        report = push_store(store, endpoint, graph=graph, batch_size=batch_size, protocol=chosen,
                            progress=progress, fresh=fresh, verify=verify)
    typer.echo(report.summary())


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``push`` to the ``kg`` command."""
    app.command("serve")(serve_cli)
    app.command("push")(push_cli)
