"""The RDF dataset a SPARQL query runs over.

The store's default graph is the union of its named graphs (one per document) unless
the query says otherwise, as SPARQL allows in two ways:

- ``FROM <g>`` / ``FROM NAMED <g>`` in the query text;
- the protocol's ``default-graph-uri`` / ``named-graph-uri`` parameters, which take
  precedence over the query's own clauses (SPARQL 1.1 Protocol §2.1.4).

pyoxigraph's ``use_default_graph_as_union`` would silently override ``FROM``, so
the query text is scanned for a dataset clause first. ``FROM`` only ever names
graphs already in the store: nothing is loaded from anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError

__all__ = ["has_dataset_clause", "dataset_arguments"]

# One token at a time. No alternative can fail once its first character matched
# (strings and comments run to the end of the text if unterminated, even after a lone
# backslash; a name swallows dots and dashes whether or not a colon follows) except an
# IRI, which stops at the first character an IRI cannot hold; and nothing backtracks.
# So the scan is linear in the query's length whatever the text.
_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\r\n]*+)
    | (?P<long>'''(?:[^'\\]|\\(?:.|\Z)|'(?!''))*+(?:'''|\Z)|\"\"\"(?:[^"\\]|\\(?:.|\Z)|"(?!""))*+(?:\"\"\"|\Z))
    | (?P<short>'(?:[^'\\\r\n]|\\(?:.|\Z))*+(?:'|(?=[\r\n])|\Z)|"(?:[^"\\\r\n]|\\(?:.|\Z))*+(?:"|(?=[\r\n])|\Z))
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*+>)
    | (?P<var>[?$][\w\u00B7]*+)
    | (?P<lang>@[A-Za-z]++(?:-[A-Za-z0-9]++)*+)
    | (?P<name>[^\W\d][\w.\-\u00B7]*+)(?P<local>:(?:[\w.:\-\u00B7]|%[0-9A-Fa-f]{2}|\\.)*+)?
    | (?P<pname>:(?:[\w.:\-\u00B7]|%[0-9A-Fa-f]{2}|\\.)*+)
    """,
    re.VERBOSE | re.DOTALL,
)


def has_dataset_clause(sparql: str) -> bool:
    """Whether the query has a ``FROM`` or ``FROM NAMED`` clause (strings, IRIs, comments, names skipped).

    >>> has_dataset_clause("SELECT * FROM <http://ex/g> WHERE { ?s ?p ?o }")
    True
    >>> has_dataset_clause('SELECT ?from WHERE { ?from ex:from "FROM" } # FROM')
    False
    """
    pos, end = 0, len(sparql)
    search = _TOKEN.search
    while pos < end:
        match = search(sparql, pos)
        if match is None:
            return False
        if match.group("name") and match.group("local") is None and match.group("name").rstrip(".").upper() == "FROM":
            return True
        pos = match.end() if match.end() > match.start() else match.start() + 1
    return False


def _graphs(iris: Sequence[str]) -> list[ox.NamedNode]:
    out = []
    for iri in iris:
        try:
            out.append(ox.NamedNode(iri))
        except ValueError as exc:
            raise QueryError(f"graph {iri!r} is not an absolute IRI") from exc
    return out


def dataset_arguments(
    sparql: str, default_graphs: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None
) -> dict[str, Any]:
    """Keyword arguments of :meth:`pyoxigraph.Store.query` for the dataset this query should see.

    Graph lists given (either one, possibly empty) win; else the query's own ``FROM`` /
    ``FROM NAMED``; else the default graph is the union of all graphs.

    Raises:
        QueryError: a graph name that is not an absolute IRI.
    """
    if default_graphs is not None or named_graphs is not None:
        return {"default_graph": _graphs(default_graphs or ()), "named_graphs": _graphs(named_graphs or ())}
    if has_dataset_clause(sparql):
        return {}
    return {"use_default_graph_as_union": True}
