"""Stable document ids: a content hash of the (normalised) document text.

The same text gets the same id whatever file, folder or stream it came from, so
re-ingesting a document changes nothing downstream (DESIGN §2).
"""

from __future__ import annotations

import hashlib

__all__ = ["document_id", "ID_PREFIX"]

ID_PREFIX = "sha256-"
_HEX_CHARS = 32  # 128 bits: readable, and collisions are not a practical concern


def document_id(text: str) -> str:
    """The content-hash id of a document text.

    Args:
        text: the document text, already normalised (see ``kg.ingest``).

    Returns:
        ``"sha256-"`` followed by the first 32 hex digits of the SHA-256 of the
        UTF-8 encoded text.

    >>> document_id("France condemned Russia.") == document_id("France condemned Russia.")
    True
    >>> document_id("x").startswith("sha256-") and len(document_id("x")) == 39
    True
    """
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return ID_PREFIX + digest[:_HEX_CHARS]
