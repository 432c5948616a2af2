"""Cheap checks on a SPARQL text before it is parsed: its form, its nesting depth, a SERVICE hint.

Each function reads the text once, left to right, with patterns that never rescan
what they have read: whatever the text, the cost is linear in its length (the
server runs :func:`query_form` in its main process, where a slow check would hold
up every other request). None of them decides whether a query is valid: that is
pyoxigraph's parse, which runs in a query worker.

- :func:`query_form` reads the prologue (``BASE``, ``PREFIX``, comments) and returns
  the first keyword after it: ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, an
  update keyword (``INSERT``, ``DELETE``, …) or ``None``;
- :func:`check_nesting` refuses more than :data:`MAX_NESTING` nested ``{ ( [``
  (pyoxigraph's recursive parser overflows its stack on a few thousand, which
  kills the process);
- :func:`mentions_service` says whether the word SERVICE occurs anywhere, escapes
  decoded: a conservative hint, used only to word an error or where the network
  sandbox is not available.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

__all__ = ["MAX_NESTING", "UPDATE_KEYWORDS", "query_form", "check_nesting", "mentions_service"]

MAX_NESTING = 256
"""Deepest nesting of ``{``, ``(`` and ``[`` a query may have."""

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

# Each alternative either matches without backtracking or fails at once: an unterminated
# string or IRI runs to the end of its line (strings) or stops at the first character
# an IRI cannot hold, and never makes the scanner come back.
_SKIP = re.compile(r"""(?:\s+|\#[^\r\n]*)+""")
_PROLOGUE = re.compile(
    r"""(?i:BASE)\s*<[^<>\s]*>
      | (?i:PREFIX)\s*[^\s:<>]*:\s*<[^<>\s]*>""",
    re.VERBOSE,
)
_WORD = re.compile(r"[A-Za-z]+")
_NEST = re.compile(
    r"""
      (?P<open>[{(\[])
    | (?P<close>[})\]])
    | '''(?:[^'\\]|\\.|'(?!''))*(?:''')?
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\")?
    | '(?:[^'\\\r\n]|\\.)*'?
    | "(?:[^"\\\r\n]|\\.)*"?
    | <[^<>"{}|^`\\\x00-\x20]*>?
    | \#[^\r\n]*
    | [^{}()\[\]'"<\#]+
    | .
    """,
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SERVICE = re.compile(r"(?<![\w:?$])service(?![\w:])", re.IGNORECASE)


def query_form(sparql: str) -> str | None:
    """The first keyword after the prologue, upper-cased (``None`` if there is none).

    >>> query_form("PREFIX ex: <http://ex/> # SELECT\\nBASE <http://b/> construct { } where { }")
    'CONSTRUCT'
    >>> query_form("INSERT DATA { }"), query_form("{ }")
    ('INSERT', None)
    """
    pos = 0
    while True:
        skip = _SKIP.match(sparql, pos)
        if skip:
            pos = skip.end()
        prologue = _PROLOGUE.match(sparql, pos)
        if prologue is None:
            break
        pos = prologue.end()
    word = _WORD.match(sparql, pos)
    return word.group().upper() if word else None


def check_nesting(sparql: str, max_depth: int = MAX_NESTING) -> None:
    """Refuse a query nested deeper than ``max_depth`` (brackets inside strings, IRIs and comments do not count).

    Raises:
        QueryError: the query is nested too deeply.

    >>> check_nesting("SELECT * WHERE { { ?s ?p '{{{' } }", max_depth=2)
    >>> check_nesting("ASK { { { } } }", max_depth=2)
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: the query nests { ( [ more than 2 deep (at character 9); flatten it
    """
    if sparql.count("{") + sparql.count("(") + sparql.count("[") <= max_depth:
        return
    depth = 0
    for match in _NEST.finditer(sparql):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > max_depth:
                raise QueryError(f"the query nests {{ ( [ more than {max_depth} deep "
                                 f"(at character {match.start() + 1}); flatten it")
        elif kind == "close" and depth:
            depth -= 1


def mentions_service(sparql: str) -> bool:
    """Whether the keyword SERVICE may occur (``\\u`` escapes decoded; ``?service`` and ``ex:service`` do not count).

    >>> mentions_service("SELECT * { SERV\\\\u0049CE <http://x/> { } }"), mentions_service("SELECT ?service { }")
    (True, False)
    """
    if "\\" in sparql:
        sparql = _CODEPOINT.sub(_decode_codepoint, sparql)
    return _SERVICE.search(sparql) is not None


def _decode_codepoint(match: re.Match[str]) -> str:
    try:
        return chr(int(match.group(1) or match.group(2), 16))
    except ValueError:
        return match.group()
