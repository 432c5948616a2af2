"""Plain text and Markdown: one file is one document.

The whole text as given (decoded, a BOM dropped; line endings and Unicode form
untouched) is kept as ``Document.text``, title line and front matter included,
so character offsets found later are offsets into the file's text. The id is
the hash of the normalised text. The title, headings, byline, dateline and boilerplate lines are found by
``kg.ingest.layout`` and kept as ``Document.regions``; for Markdown a leading
``#`` heading marker is removed from the title value only.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.ingest._common import Problem, normalise
from kg.ingest._ids import document_id
from kg.ingest.layout import read_layout
from kg.records import Document

__all__ = ["read_text", "guess_title"]


def guess_title(text: str, *, markdown: bool = False) -> str | None:
    """The title line of a text, as :func:`kg.ingest.layout.read_layout` finds it, else None.

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
    return read_layout(text, markdown=markdown).title


def read_text(text: str, source: str, *, markdown: bool = False) -> Iterator[Document | Problem]:
    """Read one decoded text or Markdown file as one document.

    The layout (front matter, title, byline, dateline, boilerplate; see
    ``kg.ingest.layout``) is kept as ``Document.regions``. YAML front matter
    gives the title, publication date, URL and id when it has them.

    Args:
        text: the decoded file content.
        source: the path string (or ``<stdin>``) recorded as ``Document.source``.
        markdown: the input is Markdown (``#`` and underlined headings).

    Yields:
        One Document, or a Problem when the text is blank.
    """
    normalised = normalise(text)
    if not normalised.strip():
        yield Problem("empty file (no text)")
        return
    layout = read_layout(text, markdown=markdown, source=source)
    front = layout.front_matter
    if front is not None and not text[front.end :].strip():
        yield Problem("empty file (front matter only, no text)")
        return
    yield Document(
        id=(front.id if front else None) or document_id(normalised),
        text=text,
        title=normalise((front.title if front else None) or layout.title or "") or None,
        url=front.url if front else None,
        published=front.published if front else None,
        source=source,
        regions=layout.regions,
    )
