"""Ingest: turn files, folders and stdin into :class:`~kg.records.Document` records.

One reader module per format (``text``, ``jsonl``, ``html``); this module finds
the inputs, picks the reader by suffix (sniffing the content for unknown
suffixes and stdin), enforces the size limit and routes bad inputs.

Bad inputs (empty, binary, unreadable, too large, a broken JSONL line, an HTML
page without article text, a reader that cannot be imported) are reported through ``on_error`` and skipped, so one
bad file does not stop a corpus; without ``on_error`` they raise IngestError. A
path that does not exist always raises IngestError, before anything is read.

``Document.text`` is the text as given (a file's BOM dropped, nothing else
changed), so offsets index it; ids hash the normalised text (no BOM, CRLF → LF,
NFC), and kg parses that normalised copy, mapping offsets back
(``kg.ingest.view``). Invalid UTF-8 is decoded with ``errors="replace"`` (U+FFFD)
and a warning is logged on the ``kg.ingest`` logger: the document is kept.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.config import MAX_INPUT_BYTES
from kg.errors import IngestError
from kg.ingest._common import (SAMPLE_BYTES, Problem, binary_reason, decode_bytes, normalise, not_english_reason,
                               sniff_format, split_lines)
from kg.ingest._ids import document_id
from kg.records import Document

__all__ = ["IngestFailure", "read_documents", "document_id", "normalise", "FORMATS", "STDIN"]

log = logging.getLogger("kg.ingest")

STDIN = "-"
STDIN_SOURCE = "<stdin>"
#: Suffix (lower case) → format; files with other suffixes in a folder are skipped.
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """One bad input that was skipped.

    Attributes:
        source: the path string (or ``<stdin>``).
        line: 1-based line number for a JSONL line, else None.
        message: what is wrong, one line.
    """

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}".replace("\n", "\\n")


def _walk_error(exc: OSError) -> None:
    log.warning("%s: cannot list folder (%s); skipped", exc.filename, exc.strerror or exc)


def _walk(folder: Path) -> Iterator[Path]:
    """Files with a known suffix under ``folder``, recursively, hidden ones skipped.

    Order is by path components, so it is the same on every machine.
    """
    found: list[tuple[str, ...]] = []
    for root, dirs, files in os.walk(folder, onerror=_walk_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(root).relative_to(folder).parts
        found.extend(rel + (f,) for f in files if not f.startswith(".") and Path(f).suffix.lower() in FORMATS)
    for parts in sorted(found):
        yield folder.joinpath(*parts)


def _resolve(sources: Iterable[str | Path]) -> list[str | Path]:
    resolved: list[str | Path] = []
    for source in sources:
        if isinstance(source, str) and source == STDIN:
            resolved.append(STDIN)
            continue
        path = Path(source)
        if not path.exists():
            raise IngestError(f"{path}: no such file or directory; check the input path")
        if path.is_dir():
            resolved.extend(_walk(path))
        else:
            resolved.append(path)
    return resolved


def _read_bytes(path: Path, max_input_bytes: int) -> bytes | Problem:
    try:
        if not path.is_file():
            return Problem("not a regular file")
        size = path.stat().st_size
        if size > max_input_bytes:
            return Problem(f"file is {size} bytes, over max_input_bytes={max_input_bytes}; split it or raise the limit "
                           "(--max-input-bytes or KG_MAX_INPUT_BYTES)")
        return path.read_bytes()
    except PermissionError:
        return Problem("cannot read (permission denied)")
    except OSError as exc:
        return Problem(f"cannot read ({exc.strerror or exc})")


def _from_bytes(data: bytes, source: str, fmt: str | None) -> Iterator[Document | Problem]:
    """Read a whole in-memory input; ``fmt`` None means sniff the content."""
    if not data or data.isspace():
        yield Problem("empty file")
        return
    reason = binary_reason(data[:SAMPLE_BYTES])
    if reason:
        yield Problem(reason)
        return
    if fmt is None:
        fmt = sniff_format(data[:SAMPLE_BYTES * 8].decode("utf-8", errors="replace"))
        if fmt == "jsonl" and len(data) > SAMPLE_BYTES * 8:
            fmt = sniff_format(data.decode("utf-8", errors="replace"))
    if fmt == "jsonl":
        from kg.ingest.jsonl import read_jsonl

        yield from read_jsonl(split_lines(data), source)
    elif fmt == "html":
        try:
            from kg.ingest.html import read_html
        except ImportError as exc:  # a broken install fails the HTML inputs only, never the whole build
            yield Problem(f"cannot read HTML: the HTML reader cannot be imported ({exc}); "
                          "reinstall kg with its dependencies (pip install newskg)")
            return
        yield from read_html(data, source)
    else:
        from kg.ingest.text import read_text

        yield from read_text(decode_bytes(data, source), source, markdown=fmt == "markdown")


def _read_jsonl_file(path: Path, max_input_bytes: int) -> Iterator[Document | Problem]:
    """Stream a JSONL file line by line; the size limit applies to each line."""
    from kg.ingest.jsonl import iter_lines, read_jsonl

    source = str(path)
    try:
        if not path.is_file():
            yield Problem("not a regular file")
            return
        with path.open("rb") as stream:
            reason = binary_reason(stream.read(SAMPLE_BYTES))
            if reason:
                yield Problem(reason)
                return
            stream.seek(0)
            yield from read_jsonl(iter_lines(stream, max_input_bytes), source)
    except PermissionError:
        yield Problem("cannot read (permission denied)")
    except OSError as exc:
        yield Problem(f"cannot read ({exc.strerror or exc})")


def _read_stdin(max_input_bytes: int) -> Iterator[Document | Problem]:
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(max_input_bytes + 1)
    else:  # a text stream without bytes underneath (e.g. io.StringIO)
        data = stream.read().encode("utf-8", errors="surrogateescape")
    if len(data) > max_input_bytes:
        yield Problem(f"standard input is over max_input_bytes={max_input_bytes}; use a file or raise the limit "
                      "(--max-input-bytes or KG_MAX_INPUT_BYTES)")
        return
    yield from _from_bytes(data, STDIN_SOURCE, None)


def _items(source: str | Path, max_input_bytes: int) -> Iterator[Document | Problem]:
    if source == STDIN:
        yield from _read_stdin(max_input_bytes)
        return
    path = Path(source)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, max_input_bytes)
        return
    data = _read_bytes(path, max_input_bytes)
    if isinstance(data, Problem):
        yield data
    else:
        yield from _from_bytes(data, str(path), fmt)


def _generate(
    sources: list[str | Path],
    max_input_bytes: int,
    on_error: Callable[[IngestFailure], None] | None,
) -> Iterator[Document]:
    for source in sources:
        name = STDIN_SOURCE if source == STDIN else str(source)
        for item in _items(source, max_input_bytes):
            if isinstance(item, Document):
                reason = not_english_reason(item.text)
                if reason:
                    log.warning("%s: %s; kg reads English only, expect few or no relations", item.source or name, reason)
                yield item
                continue
            failure = IngestFailure(source=name, line=item.line, message=item.message)
            if on_error is None:
                raise IngestError(str(failure))
            on_error(failure)


def read_documents(
    sources: Iterable[str | Path],
    *,
    max_input_bytes: int = MAX_INPUT_BYTES,
    on_error: Callable[[IngestFailure], None] | None = None,
) -> Iterator[Document]:
    """Read documents from files, folders and stdin, in a deterministic order.

    Args:
        sources: file paths, folders (read recursively in sorted order, known
            suffixes only, hidden entries skipped) or ``"-"`` for stdin.
        max_input_bytes: larger inputs are refused; for JSONL the limit is per
            line (per document), for other formats per file (5 MB by default,
            as :class:`kg.config.Settings`).
        on_error: called with each bad input, which is then skipped; when None,
            the first bad input raises IngestError instead.

    Returns:
        A lazy iterator of documents (files are read as it is consumed).

    Raises:
        IngestError: at once, when a source path does not exist; during
            iteration, for a bad input when ``on_error`` is None.
    """
    if max_input_bytes < 1:
        raise IngestError(f"max_input_bytes must be positive, got {max_input_bytes}")
    return _generate(_resolve(sources), max_input_bytes, on_error)
