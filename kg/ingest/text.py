"""Plain text and Markdown: one file is one document.

The whole (normalised) text is kept as ``Document.text``, title line included,
so character offsets found later are offsets into the file's text. The title is
the first non-empty line when it looks like a headline; for Markdown a leading
``#`` heading marker is removed from the title value only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.ingest._common import Problem, normalise
from kg.ingest._ids import document_id
from kg.records import Document

__all__ = ["read_text", "guess_title"]

MAX_TITLE_CHARS = 150
_NOT_HEADLINE_END = (".", ",", ";", ":")
_ATX_OPEN = re.compile(r"^#{1,6}[ \t]+")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_ALNUM = re.compile(r"\w")


def guess_title(text: str, *, markdown: bool = False) -> str | None:
    """The first non-empty line when it looks like a headline, else None.

    A headline is short (at most 150 characters), has a letter or digit, does
    not end in a period (nor ``,`` ``;`` ``:``) and is followed by more text.

    Args:
        text: the normalised document text.
        markdown: strip a leading ATX heading marker (``# ``) from the title.

    >>> guess_title("France condemns strike\\n\\nParis said on Friday ...")
    'France condemns strike'
    >>> guess_title("France condemned the strike. It said more.\\nAnd more.") is None
    True
    >>> guess_title("# Talks resume\\n\\nBody.", markdown=True)
    'Talks resume'
    """
    stripped = text.lstrip()
    if not stripped:
        return None
    first, _, rest = stripped.partition("\n")
    title = first.strip()
    if markdown:
        if not _ATX_OPEN.match(title) and title.startswith("#"):
            return None  # "#hashtag" or "#######": not a heading
        title = _ATX_CLOSE.sub("", _ATX_OPEN.sub("", title)).strip()
    if (
        not rest.strip()
        or not title
        or len(title) > MAX_TITLE_CHARS
        or title.endswith(_NOT_HEADLINE_END)
        or not _ALNUM.search(title)
    ):
        return None
    return title


def read_text(text: str, source: str, *, markdown: bool = False) -> Iterator[Document | Problem]:
    """Read one decoded text or Markdown file as one document.

    Args:
        text: the decoded file content.
        source: the path string (or ``<stdin>``) recorded as ``Document.source``.
        markdown: the input is Markdown (affects the title only).

    Yields:
        One Document, or a Problem when the text is blank.
    """
    text = normalise(text)
    if not text.strip():
        yield Problem("empty file (no text)")
        return
    yield Document(
        id=document_id(text),
        text=text,
        title=guess_title(text, markdown=markdown),
        source=source,
    )
