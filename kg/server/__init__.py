"""``kg serve``: a read-only SPARQL 1.1 endpoint and explorer over a store.

``import kg.server`` is cheap; the app and pool load on first use.

- :func:`make_app` / :func:`serve` (:mod:`kg.server.app`): the Starlette app and its runner;
- :class:`ServerSettings` (:mod:`kg.server.settings`): limits, with help strings.

Sending a store's graphs to a remote store (``kg push``) is :mod:`kg.rdf.push`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["make_app", "serve", "ServerSettings"]

_LAZY = {
    "make_app": "kg.server.app",
    "serve": "kg.server.app",
    "ServerSettings": "kg.server.settings",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg.server' has no attribute {name!r}")
