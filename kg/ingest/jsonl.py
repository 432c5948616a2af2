"""JSON Lines: one ``{"id", "text", "published"?, "title"?, "url"?}`` object per line.

Each line is its own document with ``source`` ``"path:LINE"``. A line that is
broken JSON, not an object, or lacks a string ``"text"`` is a Problem for that
line only; the others are still read. Blank lines are skipped. Bad metadata (an
unparsable ``published``, a non-string ``title`` or ``url``) is a warning and the
field becomes None. A missing id becomes the content hash of the text. The text's
layout (a title line, byline, dateline, boilerplate) is read as for text files. Lines
are read one at a time, so the size limit applies per line (per document).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from kg.ingest._common import Problem, decode_bytes, normalise
from kg.ingest._ids import document_id
from kg.ingest.layout import read_layout
from kg.records import Document

__all__ = ["read_jsonl", "iter_lines", "parse_published"]

log = logging.getLogger("kg.ingest")

TOO_LONG = None  # what iter_lines yields in place of a line over the size limit
_SURROGATES = re.compile("[\ud800-\udfff]")
_CHUNK = 1 << 20


def iter_lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary stream without their line ending, each read with a bound.

    Yields:
        Each line's bytes, or None for a line longer than ``max_line_bytes``
        (whose rest is skipped without being kept in memory).
    """
    while raw := stream.readline(max_line_bytes + 2):
        if raw.endswith(b"\n"):
            line = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
        else:
            line = raw
            if len(raw) == max_line_bytes + 2:  # cut by the bound: skip the rest of the line
                while (more := stream.readline(_CHUNK)) and not more.endswith(b"\n"):
                    pass
        yield TOO_LONG if len(line) > max_line_bytes else line


def parse_published(value: object) -> dt.date | None:
    """An ISO 8601 date or datetime string as a date (a datetime keeps its own date).

    Raises:
        ValueError: the value is not an ISO date or datetime string.

    >>> parse_published("2024-10-11T23:30:00-04:00")
    datetime.date(2024, 10, 11)
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {type(value).__name__}")
    value = value.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"not an ISO date or datetime: {value!r}") from None


def _clean(text: str, where: str, *, keep_form: bool = False) -> str:
    """The text with lone surrogates replaced; normalised unless ``keep_form`` (a document text is kept as given)."""
    if not keep_form:
        text = normalise(text)
    if _SURROGATES.search(text):
        log.warning("%s: lone surrogate escapes replaced with U+FFFD", where)
        text = _SURROGATES.sub("\ufffd", text)
    return text


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        log.warning("%s: %r is %s, not a string; ignored", where, key, type(value).__name__)
        return None
    return _clean(value, where).strip() or None


def _given_id(value: object) -> str | None | Problem:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return Problem(f'"id" must be a string or an integer, got {type(value).__name__}')
    return str(value)


def _document(line: str, source: str, number: int) -> Document | Problem:
    where = f"{source}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(f"broken JSON ({exc.msg} at column {exc.colno}); fix or remove the line", number)
    if not isinstance(record, dict):
        return Problem(f"expected a JSON object, got {type(record).__name__}", number)
    if "text" not in record:
        return Problem('missing "text"; each line needs {"text": "..."}', number)
    if not isinstance(record["text"], str):
        return Problem(f'"text" must be a string, got {type(record["text"]).__name__}', number)
    text = _clean(record["text"], where, keep_form=True)
    if not normalise(text).strip():
        return Problem('"text" is empty', number)
    given = _given_id(record.get("id"))
    if isinstance(given, Problem):
        return Problem(given.message, number)
    try:
        published = parse_published(record.get("published"))
    except ValueError as exc:
        log.warning("%s: bad \"published\" (%s); left empty", where, exc)
        published = None
    title = _optional_str(record, "title", where)
    layout = read_layout(text, title=title, source=where)
    return Document(
        id=given or document_id(normalise(text)),
        text=text,
        title=title or layout.title,
        url=_optional_str(record, "url", where),
        published=published,
        source=where,
        regions=layout.regions,
    )


def read_jsonl(lines: Iterable[bytes | None], source: str) -> Iterator[Document | Problem]:
    """Read documents from JSON lines (as bytes, without line endings).

    Args:
        lines: the lines in order; None marks a line over the size limit.
        source: the path string (or ``<stdin>``) that ``"path:LINE"`` names.

    Yields:
        A Document per good line, a Problem (with its line number) per bad one,
        and one Problem when there is no non-blank line at all.
    """
    seen = False
    for number, raw in enumerate(lines, start=1):
        if raw is TOO_LONG:
            seen = True
            yield Problem("line longer than max_input_bytes; split the document or raise the limit "
                          "(--max-input-bytes or KG_MAX_INPUT_BYTES)", number)
            continue
        line = decode_bytes(raw, source, first_line=number)
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        seen = True
        yield _document(line, source, number)
    if not seen:
        yield Problem("empty file (no JSON lines)")
