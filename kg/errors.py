"""One exception hierarchy for the whole package.

Library code raises these; only ``kg.cli`` and ``kg.server`` turn them into exit
codes and HTTP statuses. Each message is one line that names the input and says
what to do.
"""

from __future__ import annotations

__all__ = [
    "KgError",
    "ConfigError",
    "ModelError",
    "IngestError",
    "ExtractionError",
    "DictionaryError",
    "IRIError",
    "StoreError",
    "StoreLockedError",
    "QueryError",
]


class KgError(Exception):
    """Root of every error ``kg`` raises on purpose.

    ``status`` is the HTTP status the server answers with for this error.
    """

    status: int = 500


class ConfigError(KgError, ValueError):
    """A setting has a value that cannot work."""

    status = 400


class ModelError(KgError):
    """No usable spaCy pipeline is installed."""


class IngestError(KgError, ValueError):
    """An input cannot be read as documents (names the input and position)."""

    status = 400


class ExtractionError(KgError):
    """Extraction failed on one document."""


class DictionaryError(KgError, ValueError):
    """An actor or event dictionary file is malformed (names file and line)."""

    status = 400


class IRIError(KgError, ValueError):
    """A value cannot be turned into a valid IRI."""

    status = 400


class StoreError(KgError):
    """The triple store cannot be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process is writing to the store."""

    status = 409


class QueryError(KgError, ValueError):
    """A SPARQL query is invalid or not allowed."""

    status = 400
