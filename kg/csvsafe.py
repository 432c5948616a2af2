"""Cells a spreadsheet will not run: the CSV injection guard shared by every CSV writer.

Kept out of :mod:`kg.rdf` and :mod:`kg.analytics` so either can use it without importing
the other's stack (the analytics side must not load rdflib).
"""

from __future__ import annotations

import csv
import io
import re

__all__ = ["spreadsheet_safe", "spreadsheet_safe_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: str) -> str:
    """``value`` with a ``'`` in front when a spreadsheet would run it as a formula (OWASP CSV injection).

    Cells starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return are
    prefixed, except plain numbers such as ``-3.5``. Article text is untrusted.

    >>> spreadsheet_safe("=1+2"), spreadsheet_safe("-2"), spreadsheet_safe("Paris")
    ("'=1+2", '-2', 'Paris')
    """
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_safe_csv(data: bytes) -> bytes:
    """A CSV document (UTF-8, e.g. SPARQL CSV results) with every cell passed through :func:`spreadsheet_safe`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return out.getvalue().encode("utf-8")
