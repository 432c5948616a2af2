"""Terms and query results between rdflib, pyoxigraph and Python values.

rdflib terms (what conversion makes) become pyoxigraph terms to be stored;
pyoxigraph results become plain Python values (str, int, Decimal, dates) in a
:class:`QueryResult`, which also turns itself into a typed DataFrame.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

__all__ = ["QueryResult", "to_ox", "to_python"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def to_ox(term: Any) -> Any:
    """An rdflib term as the equivalent pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_python(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value: IRIs as str, literals as typed values.

    >>> to_python(ox.Literal("3", datatype=ox.NamedNode(_XSD + "integer")))
    3
    >>> to_python(ox.Literal("2024-10-11", datatype=ox.NamedNode(_XSD + "date")))
    datetime.date(2024, 10, 11)
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value if term.datatype else ""
        value = term.value
        try:
            if dtype in (_XSD + "integer", _XSD + "int", _XSD + "long"):
                return int(value)
            if dtype == _XSD + "decimal":
                return Decimal(value)
            if dtype in (_XSD + "double", _XSD + "float"):
                return float(value)
            if dtype == _XSD + "boolean":
                return value in ("true", "1")
            if dtype == _XSD + "date":
                return dt.date.fromisoformat(value)
            if dtype == _XSD + "dateTime":
                return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return value
    return str(term)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Rows of a SELECT (``variables`` + ``rows`` of Python values), a boolean for ASK,
    or ``triples`` for CONSTRUCT/DESCRIBE."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Any, Any, Any], ...] = ()

    def dicts(self) -> list[dict[str, Any]]:
        """Rows as dicts keyed by variable name."""
        return [dict(zip(self.variables, row)) for row in self.rows]

    def _table(self) -> tuple[tuple[str, ...], tuple[tuple[Any, ...], ...]]:
        if self.boolean is not None:
            return ("boolean",), ((self.boolean,),)
        if self.triples or not self.variables:
            return ("subject", "predicate", "object"), self.triples
        return self.variables, self.rows

    def to_frame(self) -> Any:
        """The result as a pandas DataFrame, one column per variable, with typed columns.

        IRIs stay strings (select ``rdfs:label`` in the query for names); dates and
        date-times become pandas datetimes, integers ``int64`` (``Int64`` when some
        rows are unbound), other numbers ``float64``, booleans ``bool``
        (``boolean`` with unbound rows). A mixed column keeps its Python values.
        ASK gives one ``boolean`` column; CONSTRUCT ``subject``, ``predicate``,
        ``object``.

        Raises:
            MissingExtraError: pandas is not installed (an ImportError naming ``newskg[notebook]``).

        >>> r = QueryResult(("who", "when", "n", "neg"),
        ...                 (("Qatar", dt.date(2024, 10, 11), 3, False), ("Egypt", None, None, True)))
        >>> df = r.to_frame()
        >>> str(df["n"].dtype), str(df["neg"].dtype), df["when"].iloc[0].date(), df["when"].isna().tolist()
        ('Int64', 'bool', datetime.date(2024, 10, 11), [False, True])
        >>> df["who"].tolist(), int(df["n"].sum())
        (['Qatar', 'Egypt'], 3)
        """
        from kg.extras import require

        pd = require("pandas", "a DataFrame")
        names, rows = self._table()
        columns = list(zip(*rows)) if rows else [()] * len(names)
        return pd.DataFrame({n: _typed_column(pd, list(c)) for n, c in zip(names, columns)}, columns=list(names))

    def _repr_html_(self) -> str:
        """An HTML table of the first 100 rows, for notebooks (values escaped)."""
        import html

        from kg.words import counted

        names, rows = self._table()
        head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
        body = "".join("<tr>" + "".join(f"<td>{'' if v is None else html.escape(str(v))}</td>" for v in row) + "</tr>"
                       for row in rows[:100])
        more = " (first 100 shown)" if len(rows) > 100 else ""
        return (f'<table class="kg-result"><caption style="text-align:left">{counted(len(rows), "row")}'
                f'{more}</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")


def _typed_column(pd: Any, values: list[Any]) -> Any:
    """A pandas Series of one result column, typed when all its bound values share a type."""
    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    missing = len(present) < len(values)
    try:
        if kinds == {bool}:
            return pd.Series(values, dtype="boolean" if missing else bool)
        if kinds == {int}:
            return pd.Series(values, dtype="Int64" if missing else "int64")
        if kinds and kinds <= {int, float, Decimal}:
            return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")
        if kinds in ({dt.date}, {dt.datetime}):
            return pd.to_datetime(pd.Series(values, dtype=object))
    except (ValueError, TypeError, OverflowError):  # huge integers, mixed time zones
        pass
    return pd.Series(values, dtype=None if kinds == {str} else object)
