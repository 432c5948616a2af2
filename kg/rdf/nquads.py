"""Quads → N-Quads text, fast: the store loads text in one transaction instead of term objects.

Building one ``pyoxigraph`` term object per term costs about three times as much
Python time as writing N-Quads text, and Oxigraph parses the text without
holding the GIL. The output is canonical N-Quads for the terms
:mod:`kg.rdf.convert` makes (IRIs, plain, typed and language-tagged literals).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Literal, URIRef

__all__ = ["term", "nquads", "nquads_lines", "nquads_batch"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape(text: str) -> str:
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    if "\n" in text:
        text = text.replace("\n", "\\n")
    if "\r" in text:
        text = text.replace("\r", "\\r")
    return text


def _iri(value: str) -> str:
    if _BAD_IRI.search(value):  # also what keeps a hostile IRI from closing the term and adding quads
        raise ValueError(f"not a valid IRI for N-Quads: {value!r}")
    return f"<{value}>"


def term(t: Any) -> str:
    """One rdflib term in N-Quads syntax.

    >>> term(URIRef("https://example.org/a"))
    '<https://example.org/a>'
    >>> term(Literal('say "hi"\\n'))
    '"say \\\\"hi\\\\"\\\\n"'
    >>> term(Literal(True))
    '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    >>> term(Literal("Paris", lang="fr"))
    '"Paris"@fr'
    """
    if type(t) is URIRef:
        if _BAD_IRI.search(t):
            raise ValueError(f"not a valid IRI for N-Quads: {str(t)!r}")
        return f"<{t}>"
    if isinstance(t, Literal):
        lexical = f'"{_escape(str(t))}"'
        lang = t.language
        if lang:
            return f"{lexical}@{lang}"
        dtype = t.datatype
        if dtype is None or str(dtype) == _XSD_STRING:
            return lexical
        return f"{lexical}^^{_iri(dtype)}"
    if isinstance(t, URIRef):
        return _iri(str(t))
    if isinstance(t, BNode):
        return f"_:{t}"
    raise TypeError(f"not an RDF term: {t!r}")


def nquads_lines(quads: Iterable[tuple[Any, Any, Any, Any]]) -> Iterable[str]:
    """One N-Quads line (with its newline) per quad.

    Conversion reuses term objects (an event's IRI in all its quads, shared
    literals, the graph's IRI), so each object is written once: the cache holds
    the object itself, so its ``id`` cannot be reused while cached.
    """
    written: dict[int, tuple[Any, str]] = {}

    def text(t: Any) -> str:
        hit = written.get(id(t))
        if hit is not None:
            return hit[1]
        out = term(t)
        if len(written) >= 100_000:  # bounded: a long stream of quads keeps no more than this
            written.clear()
        written[id(t)] = (t, out)
        return out

    for s, p, o, g in quads:
        yield f"{text(s)} {text(p)} {text(o)} {text(g)} .\n"


def nquads(quads: Iterable[tuple[Any, Any, Any, Any]]) -> str:
    """The quads as N-Quads text."""
    return "".join(nquads_lines(quads))


def nquads_batch(batches: Iterable[Iterable[tuple[Any, Any, Any, Any]]]) -> tuple[str, int]:
    """The distinct quads of ``batches`` as one N-Quads text, with their number.

    Each mention repeats its actor's description, so a batch holds about a quarter
    of duplicates; dropping them here spares Oxigraph the work.
    """
    lines = dict.fromkeys(nquads_lines(itertools.chain.from_iterable(batches)))
    return "".join(lines), len(lines)
