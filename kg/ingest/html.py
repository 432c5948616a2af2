"""HTML pages: trafilatura extracts the article's main text, title and date.

No tag stripping of our own: boilerplate (menus, footers, scripts, comments) is
trafilatura's job. ``Document.text`` is the extracted text, so offsets refer to
it, and the id is the hash of that text. A page where trafilatura finds no
article text is a Problem ("no article text found"). Boilerplate lines
trafilatura leaves ("Read more: …") are found by ``kg.ingest.layout``. The bytes are decoded as
the page's declared ``charset`` when there is one, else as UTF-8 (see
``kg.ingest._common`` for the invalid-byte policy).
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from collections.abc import Iterator

import trafilatura

from kg.ingest._common import Problem, decode_bytes, normalise
from kg.ingest._ids import document_id
from kg.ingest.layout import read_layout
from kg.records import Document

__all__ = ["read_html", "declared_charset"]

log = logging.getLogger("kg.ingest")

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEAD_BYTES = 4096


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in its first 4 KB (meta or XML declaration), if known.

    >>> declared_charset(b'<meta charset="ISO-8859-1">')
    'iso8859-1'
    """
    head = data[:_HEAD_BYTES]
    match = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _date(value: str | None, source: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        log.warning("%s: page date %r is not an ISO date; left empty", source, value)
        return None


def _optional(value: str | None) -> str | None:
    return (normalise(value).strip() or None) if value else None


def read_html(data: bytes, source: str) -> Iterator[Document | Problem]:
    """Read one HTML page as one document.

    Args:
        data: the page's bytes.
        source: the path string (or ``<stdin>``) recorded as ``Document.source``.

    Yields:
        One Document, or a Problem when no article text is found.
    """
    markup = decode_bytes(data, source, encoding=declared_charset(data) or "utf-8")
    try:
        extracted = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        yield Problem(f"cannot parse HTML ({type(exc).__name__}: {exc})".replace("\n", " "))
        return
    text = (extracted.text or "") if extracted is not None else ""
    if not normalise(text).strip():
        yield Problem("no article text found")
        return
    title = _optional(extracted.title)
    layout = read_layout(text, title=title, source=source)
    yield Document(
        id=document_id(normalise(text)),
        text=text,
        title=title or layout.title,
        url=_optional(extracted.url),
        published=_date(extracted.date, source),
        source=source,
        regions=layout.regions,
    )
