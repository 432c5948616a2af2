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
    "MissingExtraError",
    "IngestError",
    "ExtractionError",
    "DictionaryError",
    "IRIError",
    "StoreError",
    "StoreLockedError",
    "QueryError",
    "ParseError",
    "GraphError",
    "ActorNotFound",
    "VizError",
    "ForbiddenQueryError",
    "NotAcceptableError",
    "PayloadTooLargeError",
    "UnsupportedMediaTypeError",
    "QueryTimeoutError",
    "QueryMemoryError",
    "ServerBusyError",
    "WorkerError",
    "NotFoundError",
    "PushError",
    "ServeError",
    "BuildInterrupted",
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


class MissingExtraError(KgError, ImportError):
    """A feature needs an optional extra that is not installed (the message says which to install)."""

    def __init__(self, module: str, what: str | None = None, *, extra: str | None = None) -> None:
        package = f"'newskg[{extra}]'" if extra else module
        lead = f"{what} needs " if what else "needs "
        lead += f"the {extra} extra" if extra else module
        super().__init__(f"{lead} ({module} is not installed): pip install {package}", name=module)
        self.extra = extra


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


class ParseError(KgError):
    """Kept parses are missing or unreadable."""


# --- graph side: analytics and views ---------------------------------------


class GraphError(KgError, ValueError):
    """A projection filter or analysis option has a value that cannot work."""

    status = 400


class ActorNotFound(KgError, LookupError):
    """No actor matches the name given."""

    status = 404


class VizError(KgError, ValueError):
    """A view cannot be made with the options given."""

    status = 400


# --- server: each maps to the HTTP status it answers with ------------------


class ForbiddenQueryError(QueryError):
    """A well-formed request this read-only endpoint does not allow (update, SERVICE)."""

    status = 403


class NotAcceptableError(KgError):
    """No result format the client accepts fits this kind of query."""

    status = 406


class PayloadTooLargeError(KgError):
    """The request body is larger than ``max_request_bytes``."""

    status = 413


class UnsupportedMediaTypeError(KgError):
    """A POST body in a content type the SPARQL protocol does not define for queries."""

    status = 415


class QueryTimeoutError(KgError):
    """A query ran past the time limit; its worker was stopped."""

    status = 503


class QueryMemoryError(KgError):
    """A query needed more memory than a worker may use; its worker was stopped."""

    status = 503


class ServerBusyError(KgError):
    """Every worker stayed busy for the whole time limit."""

    status = 503


class WorkerError(KgError):
    """A query failed inside its worker for a reason that is not the query's fault."""

    status = 500


class NotFoundError(KgError):
    """No node or page at this address."""

    status = 404


class PushError(KgError):
    """The remote store refused or failed a request (names the endpoint, status and reason)."""

    status = 502


class ServeError(KgError):
    """The server cannot start (e.g. the port is taken)."""


# --- build ------------------------------------------------------------------


class BuildInterrupted(KgError):
    """A build was interrupted (Ctrl-C); ``stored`` documents were committed and stay.

    The command exits 130 with this message; running it again resumes.
    """

    def __init__(self, stored: int) -> None:
        from kg.words import counted

        super().__init__(f"interrupted; {counted(stored, 'document')} stored, run the same command to resume")
        self.stored = stored
