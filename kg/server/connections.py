"""Connections of ``kg serve``: a time limit on reading each request, and room for new clients.

uvicorn waits for a request's headers and body for as long as the client likes,
and counts every open connection against its concurrency limit: a hundred idle or
half-sent connections made every other request, ``/health`` included, a 503.
:func:`guarded_protocol` makes uvicorn's HTTP/1.1 protocol class with two rules:

- a request (headers and body) must arrive within ``read_timeout`` seconds of the
  connection opening or of the previous response; otherwise the connection is
  answered 408 (or simply closed, mid-body) and dropped;
- at ``max_connections``, a new connection makes room by dropping the oldest one
  that is only waiting for its client (idle, or still sending its request); only
  when every connection has a request being answered is the new one turned away
  with 503.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["guarded_protocol"]


def _raw_response(status: int, reason: str, text: str) -> bytes:
    body = (text + "\n").encode()
    head = (f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
            f"content-length: {len(body)}\r\n\r\n")
    return head.encode() + body


class _GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol with a per-request read deadline and eviction of waiting connections."""

    read_timeout: float = 10.0
    max_connections: int = 100

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._opened = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._opened = self.loop.time()
        self._arm()
        if len(self.connections) > self.max_connections:
            self._make_room()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        super().handle_events()
        if not self._waiting():
            self._disarm()

    def on_response_complete(self) -> None:
        self._arm()  # the next request on this connection gets its own deadline
        super().on_response_complete()
        if not self._waiting():
            self._disarm()

    def _waiting(self) -> bool:
        """Whether this connection waits for its client: no request, or one whose body is still coming."""
        return self.conn.their_state in (h11.IDLE, h11.SEND_BODY) and not self.transport.is_closing()

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.read_timeout, self._timed_out)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _timed_out(self) -> None:
        self._deadline = None
        if self._waiting():
            self._drop(408, "Request Timeout", f"the request did not arrive within {self.read_timeout:g} s")

    def _drop(self, status: int, reason: str, text: str) -> None:
        """Close this connection; say why when no response has been started on it."""
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE:
            self.transport.write(_raw_response(status, reason, text))
        self.transport.close()

    def _make_room(self) -> None:
        waiting = [c for c in self.connections if c is not self and isinstance(c, _GuardedProtocol) and c._waiting()]
        if waiting:
            min(waiting, key=lambda c: c._opened)._drop(503, "Service Unavailable", "too many connections; yours was idle")
        else:
            self._drop(503, "Service Unavailable", "every connection is busy with a request; try again later")


def guarded_protocol(read_timeout: float, max_connections: int) -> type[H11Protocol]:
    """uvicorn's ``http`` protocol class with these limits (pass as ``uvicorn.Config(http=…)``)."""
    return type("KgHttpProtocol", (_GuardedProtocol,), {"read_timeout": read_timeout, "max_connections": max_connections})
