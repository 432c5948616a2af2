"""Text for a terminal: article text never drives it (issue 16).

Names, titles and sentences come from untrusted articles. Before any of them is
printed as a table cell, :func:`clean` removes whole escape sequences (CSI such as
``ESC[2J``, OSC such as ``ESC]0;title BEL``, and two-byte ``ESC x``) and replaces
every other control character (C0, DEL, C1, line and paragraph separators, bidi
overrides) with ``?``. :func:`print_table` is the one table printer of the CLI.
"""

from __future__ import annotations

import re
from typing import Any

import typer

__all__ = ["clean", "print_table"]

_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"            # CSI ... final byte
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"  # OSC, DCS, SOS, PM, APC ... terminator
    r"|\x1b[ -/]*[0-~]",                             # other ESC sequences
    re.DOTALL,
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(value: Any) -> str:
    """``value`` as one line of plain text: escape sequences removed, other control characters shown as ``?``.

    >>> clean("Red\\x1b[31m Army\\x1b]0;title\\x07\\nnext")
    'Red Army?next'
    """
    if value is None:
        return ""
    return _CONTROL.sub("?", _SEQUENCE.sub("", str(value)))


def print_table(header: tuple[str, ...], rows: list[tuple], *, max_width: int = 60) -> None:
    """Print ``rows`` under ``header`` in aligned columns (cells cut at ``max_width``), every cell cleaned."""
    cells = [tuple(clean(v) for v in row) for row in rows]
    widths = [min(max_width, max([len(h)] + [len(r[i]) for r in cells])) for i, h in enumerate(header)]
    typer.echo("  ".join(clean(h).ljust(w) for h, w in zip(header, widths)).rstrip())
    typer.echo("  ".join("-" * w for w in widths))
    for r in cells:
        typer.echo("  ".join((c if len(c) <= w else c[: w - 1] + "…").ljust(w) for c, w in zip(r, widths)).rstrip())
