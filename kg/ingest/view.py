"""The normalised text kg parses, and how its offsets map back to the text as given.

``Document.text`` is the text as given (decoded; only a file's byte-order mark
is dropped), and every offset kg reports indexes it. spaCy reads a normalised
copy (:func:`kg.ingest._common.normalise`: CRLF → LF, NFC, no leading BOM),
which may be shorter ("e" + U+0301 becomes "é"). :class:`TextView` holds both
and maps an offset in the normalised copy back to the given text.

Normalising is done piece by piece: an ASCII character never combines with what
comes before it, so the text is cut before each one and only the runs of
non-ASCII characters (with the character before them) and CRLF pairs can change.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["TextView", "text_view"]

_CHANGING = re.compile(r"\r\n|.?[^\x00-\x7f]+", re.DOTALL)


@dataclass(frozen=True, slots=True)
class TextView:
    """A normalised text and the map from its offsets to the given text's.

    ``spans`` holds ``(norm_start, norm_end, given_start, given_end)`` for each
    stretch that changed length or content; between them offsets move together.

    >>> view = text_view("Cafe\\u0301 talks\\r\\nend")
    >>> view.text
    'Café talks\\nend'
    >>> view.to_given(view.text.index("talks")), view.to_given(len(view.text))
    (6, 16)
    """

    given: str
    text: str
    spans: tuple[tuple[int, int, int, int], ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False)

    @property
    def identical(self) -> bool:
        """True when normalising changed nothing (offsets are the same)."""
        return not self.spans

    def to_given(self, offset: int, *, end: bool = False) -> int:
        """The offset in the given text of ``offset`` in the normalised text.

        An offset inside a changed stretch maps to its start, or to its end when
        ``end`` is true (so a span always covers what it covered).
        """
        if not self.spans:
            return offset
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return offset
        n_start, n_end, g_start, g_end = self.spans[i]
        if offset >= n_end:
            return g_end + (offset - n_end)
        if offset == n_start:
            return g_start
        return g_end if end else g_start


def _nfc_clusters(run: str) -> list[tuple[str, str]]:
    """Cut a run into (given, normalised) clusters that normalise on their own."""
    out: list[tuple[str, str]] = []
    current = ""
    for ch in run:
        if current and unicodedata.combining(ch) == 0:
            joined = unicodedata.normalize("NFC", current + ch)
            if joined == unicodedata.normalize("NFC", current) + unicodedata.normalize("NFC", ch):
                out.append((current, unicodedata.normalize("NFC", current)))
                current = ch
                continue
        current += ch
    if current:
        out.append((current, unicodedata.normalize("NFC", current)))
    return out


def text_view(given: str) -> TextView:
    """The normalised view of ``given`` with its offset map (see the module docstring)."""
    start = 1 if given.startswith("\ufeff") else 0
    if not start and "\r\n" not in given and (given.isascii() or unicodedata.is_normalized("NFC", given)):
        return TextView(given, given)
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    if start:
        spans.append((0, 0, 0, 1))
    n = 0  # length of the normalised text so far
    pos = start
    for match in _CHANGING.finditer(given, start):
        if match.start() > pos:
            parts.append(given[pos : match.start()])
            n += match.start() - pos
        g = match.start()
        if match.group() == "\r\n":
            spans.append((n, n + 1, g, g + 2))
            parts.append("\n")
            n += 1
        else:
            for raw, norm in _nfc_clusters(match.group()):
                if raw != norm:
                    spans.append((n, n + len(norm), g, g + len(raw)))
                parts.append(norm)
                n += len(norm)
                g += len(raw)
        pos = match.end()
    parts.append(given[pos:])
    text = "".join(parts)
    spans_t = tuple(spans)
    return TextView(given, text, spans_t, tuple(s[0] for s in spans_t))
