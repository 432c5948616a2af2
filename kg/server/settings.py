"""Limits and options of ``kg serve``, with a help string for each (shown by ``kg serve --help``)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from kg.errors import ConfigError

__all__ = ["ServerSettings", "SETTING_HELP"]

SETTING_HELP: dict[str, str] = {
    "host": "Interface to bind. 127.0.0.1 (the default) is reachable from this machine only; "
    "0.0.0.0 exposes the endpoint to your network.",
    "port": "TCP port to listen on.",
    "query_time_limit": "Seconds a query may run before its worker is stopped (answered with 503).",
    "max_rows": "Most result rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned; the rest is cut "
    "and the response carries X-KG-Truncated: true.",
    "max_request_bytes": "Largest request body (POSTed query or form) accepted (answered with 413 beyond).",
    "workers": "Query worker processes (1-64); each holds a read-only handle on the store.",
    "max_connections": "Concurrent connections; at the limit a new one replaces the oldest idle one, and gets 503 "
    "only when every connection has a request being answered.",
    "read_timeout": "Seconds a client has to send a whole request (headers and body); then 408 and the connection "
    "is closed. Also the seconds a client may take to accept each 64 KiB piece of a streamed answer.",
    "memory_limit": "Megabytes of memory a query worker may use; a query needing more is stopped (503) and the "
    "worker replaced.",
    "max_response_bytes": "Largest response body; results beyond are cut (X-KG-Truncated: true). Bodies over 64 KiB "
    "are streamed.",
    "allow_hosts": "Another host name this server may be reached by (repeat for more; '*' for any). Requests "
    "naming another Host get 421, cross-origin POSTs 403 (guards against DNS rebinding and cross-site forms).",
}


def _default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """Options of the SPARQL endpoint and explorer (see :data:`SETTING_HELP`).

    >>> ServerSettings().host
    '127.0.0.1'
    >>> ServerSettings(max_rows=0)
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: max_rows must be at least 1, got 0
    """

    host: str = "127.0.0.1"
    port: int = 8000
    query_time_limit: float = 10.0
    max_rows: int = 10_000
    max_request_bytes: int = 1_000_000
    workers: int = _default_workers()
    max_connections: int = 100
    read_timeout: float = 10.0
    memory_limit: int = 1024
    max_response_bytes: int = 50_000_000
    allow_hosts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0 < self.query_time_limit <= 3600:
            raise ConfigError(f"query_time_limit must be within (0, 3600] seconds, got {self.query_time_limit}")
        for name in ("max_rows", "max_request_bytes", "workers", "max_connections", "max_response_bytes"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.workers > 64:
            raise ConfigError(f"workers must be at most 64, got {self.workers}")
        if self.max_connections > 10_000:
            raise ConfigError(f"max_connections must be at most 10000, got {self.max_connections}")
        if not 0 < self.read_timeout <= 3600:
            raise ConfigError(f"read_timeout must be within (0, 3600] seconds, got {self.read_timeout}")
        if self.memory_limit < 64:
            raise ConfigError(f"memory_limit must be at least 64 MB, got {self.memory_limit}")
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port must be within 0..65535, got {self.port}")
        if not self.host.strip():
            raise ConfigError("host must not be empty")

