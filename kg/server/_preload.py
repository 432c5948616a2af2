"""Imported once by the query workers' fork server: warm what the workers use.

Every (re)started worker is forked from the fork server, so the modules imported
here cost nothing per worker, and the first ego-network page does not pay for
NetworkX, SciPy, pyvis or the analytics on top of its time limit. The optional
ones are imported only if they import cleanly: a broken or missing module leaves
the explorer on its SVG fallback and never stops the server.
"""

from __future__ import annotations

import logging
from importlib import import_module

import kg.server.worker  # noqa: F401  (the worker loop itself)

_OPTIONAL = ("kg.server.network", "kg.analytics", "kg.analytics.projection", "kg.viz",
             "scipy.sparse", "scipy.sparse.linalg", "pyvis.network")

for _name in _OPTIONAL:
    try:
        import_module(_name)
    except Exception as exc:  # noqa: BLE001 - anything here must not stop the server
        logging.getLogger(__name__).debug("not preloaded: %s (%s)", _name, exc)
