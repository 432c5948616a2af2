"""Build straight into a remote SPARQL store: build locally, then push (``kg build --endpoint``).

Extraction writes whole documents into an embedded Oxigraph store, so a build
into a remote store goes through a local one: :func:`build_to_endpoint` builds
into ``store`` (or a temporary directory that is removed afterwards) with
:func:`kg.pipeline.build`, then sends every named graph with
:func:`kg.server.push.push_store`. With a kept ``store`` the push is resumable
(documents already built are skipped, graphs already pushed unchanged too);
with a temporary one an interrupted run starts over.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.config import Settings, load_settings
from kg.pipeline import BuildReport, build
from kg.records import Document
from kg.server.push import Progress, PushProtocol, PushReport, push_store

__all__ = ["build_to_endpoint"]


def build_to_endpoint(
    inputs: Iterable[str | Path],
    endpoint: str,
    settings: Settings | None = None,
    *,
    store: Path | str | None = None,
    graph: str | None = None,
    batch_size: int = 50_000,
    protocol: PushProtocol | str = PushProtocol.AUTO,
    build_progress: Callable[[Document], None] | None = None,
    push_progress: Progress | None = None,
) -> tuple[BuildReport, PushReport]:
    """Build ``inputs`` into a local store, then push all its graphs to ``endpoint``.

    Args:
        inputs: what ``kg build`` reads (files, folders, ``-``).
        endpoint: Graph Store Protocol or SPARQL Update URL (see :mod:`kg.server.push`).
        settings: build settings (model, base IRI, batch sizes).
        store: local store to build into and keep; ``None`` uses a temporary one.
        graph, batch_size, protocol, push_progress: as for :func:`push_store`.
        build_progress: called per document, as by :func:`kg.pipeline.build`.

    Raises:
        KgError: from the build (bad input, no model) or the push (``PushError``).
    """
    settings = settings or load_settings()
    inputs = list(inputs)
    if store is not None:
        return _build_and_push(inputs, Path(store), endpoint, settings, graph, batch_size, protocol,
                               build_progress, push_progress)
    with tempfile.TemporaryDirectory(prefix="kg-build-") as tmp:
        return _build_and_push(inputs, Path(tmp) / "store", endpoint, settings, graph, batch_size, protocol,
                               build_progress, push_progress)


def _build_and_push(
    inputs: list[str | Path],
    path: Path,
    endpoint: str,
    settings: Settings,
    graph: str | None,
    batch_size: int,
    protocol: PushProtocol | str,
    build_progress: Callable[[Document], None] | None,
    push_progress: Progress | None,
) -> tuple[BuildReport, PushReport]:
    report = build(inputs, store=path, settings=settings, progress=build_progress)
    pushed = push_store(path, endpoint, graph=graph, batch_size=batch_size, protocol=protocol, progress=push_progress)
    return report, pushed
