"""Counts in messages: "1 relation", "2 relations", never "1 relations".

Every count shown to people (CLI lines, build summaries, pages) goes through
:func:`counted`, so the singular is right everywhere.

>>> counted(1, "relation"), counted(0, "relation"), counted(2, "query", "queries")
('1 relation', '0 relations', '2 queries')
>>> counted(12345, "quad")
'12,345 quads'
"""

from __future__ import annotations

__all__ = ["counted", "plural"]

_IRREGULAR = {"is": "are", "was": "were", "has": "have", "this": "these", "entity": "entities",
              "property": "properties", "query": "queries", "try": "tries", "match": "matches"}


def plural(noun: str, n: int = 2) -> str:
    """``noun`` as it goes with ``n`` (the English plural unless ``n`` is 1)."""
    if n == 1:
        return noun
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    return noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")


def counted(n: int, noun: str, many: str | None = None) -> str:
    """``n`` with ``noun`` in the right number ("1 actor", "3 actors"); ``many`` for an irregular plural.

    Thousands are separated by commas.
    """
    return f"{n:,} {noun if n == 1 else many or plural(noun)}"
