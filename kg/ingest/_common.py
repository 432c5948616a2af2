"""Helpers shared by the readers: decoding, normalisation, binary and format sniffing.

Decoding policy: inputs are UTF-8. A UTF-8 byte-order mark is dropped (UTF-16/32
with a BOM are decoded too). Bytes that are not valid UTF-8 are replaced with
U+FFFD and a warning naming the input and line is logged: a news text with one
bad byte is still worth reading, so the document is never lost for it.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "Problem",
    "decode_bytes",
    "normalise",
    "binary_reason",
    "sniff_format",
    "split_lines",
    "SAMPLE_BYTES",
    "not_english_reason",
]

log = logging.getLogger("kg.ingest")

SAMPLE_BYTES = 8192
_BINARY_RATIO = 0.30
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\b\x1b")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad input found by a reader; ``kg.ingest`` turns it into an IngestFailure.

    Attributes:
        message: what is wrong, one line.
        line: 1-based line number (JSONL) or None for the whole input.
    """

    message: str
    line: int | None = None


def _bom(data: bytes) -> tuple[int, str | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return len(bom), encoding
    return 0, None


def decode_bytes(data: bytes, source: str, *, encoding: str = "utf-8", first_line: int = 1) -> str:
    """Decode bytes, never failing: undecodable bytes become U+FFFD with a warning.

    Args:
        data: the raw bytes.
        source: the input's name, for the warning.
        encoding: the encoding to use when there is no byte-order mark.
        first_line: line number of the first byte (for JSONL lines).

    Returns:
        The decoded text with any byte-order mark removed.
    """
    skip, bom_encoding = _bom(data)
    if bom_encoding:
        data, encoding = data[skip:], bom_encoding
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        log.warning(
            "%s:%d: invalid %s (byte 0x%02x); undecodable bytes replaced with U+FFFD",
            source, line, encoding.upper(), data[exc.start],
        )
        return data.decode(encoding, errors="replace")


def normalise(text: str) -> str:
    """Drop a BOM, turn CRLF into LF and apply NFC; nothing else is changed.

    >>> normalise("\\ufeffCafe\\u0301\\r\\nok")
    'Café\\nok'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def binary_reason(sample: bytes) -> str | None:
    """Why the first bytes of an input look binary, or None when they look like text.

    Binary means NUL bytes (outside UTF-16/32 with a BOM) or more than 30% of the
    characters being control characters or undecodable bytes.
    """
    skip, encoding = _bom(sample)
    if encoding and encoding != "utf-8":
        text = sample[skip:].decode(encoding, errors="replace")
    elif b"\x00" in sample:
        return "binary file (contains NUL bytes)"
    else:
        text = sample[skip:].decode("utf-8", errors="replace")
    if not text:
        return None
    bad = sum(1 for ch in text if ch == "\ufffd" or (ch < " " and ch not in _TEXT_CONTROLS) or ch == "\x7f")
    if bad / len(text) > _BINARY_RATIO:
        return "binary file (mostly non-text bytes)"
    return None


def sniff_format(text: str) -> str:
    """Guess ``"jsonl"``, ``"html"`` or ``"text"`` from the content.

    JSONL when every non-empty line starts with ``{``; HTML when the start looks
    like a page (a doctype or an html/head/body/article tag); text otherwise.

    >>> sniff_format('{"text": "a"}\\n\\n{"text": "b"}\\n')
    'jsonl'
    >>> sniff_format("<!DOCTYPE html><p>x</p>")
    'html'
    """
    lines = [line.strip() for line in text.lstrip("\ufeff").split("\n")]
    non_empty = [line for line in lines if line]
    if non_empty and all(line.startswith("{") for line in non_empty):
        return "jsonl"
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    if head.startswith("<") and _HTML_START.search(head):
        return "html"
    return "text"


def split_lines(data: bytes) -> list[bytes]:
    """Split bytes on LF (as a binary ``readline`` does), dropping a final CR."""
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_WORDS = frozenset(
    "the of and to in is was that for on with as by at from it its said has have had be been are were "
    "this an not he she they his her their would will which who after but or also over".split()
)


def not_english_reason(text: str, *, sample_chars: int = 5000) -> str | None:
    """Why a text does not look like English (the pipeline is English only), or None.

    A cheap check on the first ``sample_chars`` characters: mostly non-Latin
    letters, or (with 30 words or more) under 8% common English words. Short
    texts are never flagged.

    >>> not_english_reason("The minister said on Monday that the talks would resume in Cairo. " * 3) is None
    True
    >>> not_english_reason("Le ministre a déclaré lundi que les négociations reprendraient au Caire. " * 3)
    'does not look like English text'
    """
    sample = text[:sample_chars]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) >= 50 and sum(1 for ch in letters if ch.isascii() or "\u00c0" <= ch <= "\u024f") < len(letters) / 2:
        return "mostly non-Latin script"
    words = _WORD.findall(sample.lower())
    if len(words) >= 30 and sum(1 for w in words if w in _ENGLISH_WORDS) < 0.08 * len(words):
        return "does not look like English text"
    return None
