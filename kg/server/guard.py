"""Who may talk to ``kg serve``: the ``Host`` a request names and the ``Origin`` of a POST.

DNS rebinding: a page on another site can make its own name resolve to 127.0.0.1
and then read this server's answers as same-origin. The browser still sends that
name in ``Host``, so :class:`HostGuard` answers **421** to any request whose
``Host`` is not a name of the address the server is bound to (for 127.0.0.1:
``127.0.0.1`` and ``localhost``; for 0.0.0.0: any IP address, ``localhost`` and this
machine's name) or one given with ``--allow-host`` (``*`` turns the check off, e.g.
behind a proxy that checks names itself).

Cross-site POST: a form on another site can POST to the endpoint through the
user's browser. Browsers say where such a request comes from in ``Origin``, so a
POST (or any method but GET/HEAD/OPTIONS) whose ``Origin`` is not this server (same
host and port as ``Host``, or an ``--allow-host`` name) gets **403**. Requests
without ``Origin`` (curl, SPARQLWrapper, other programs) are not affected.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["HostGuard", "HostPolicy", "host_policy"]

_WILDCARDS = {"0.0.0.0", "::", ""}
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _hostname(authority: str) -> str:
    """``Host``-header value → lower-case host name without port or IPv6 brackets."""
    authority = authority.strip().lower()
    if authority.startswith("["):
        return authority[1:].split("]", 1)[0]
    if authority.count(":") == 1:
        authority = authority.split(":", 1)[0]
    return authority.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_loopback(name: str) -> bool:
    return name == "localhost" or (_is_ip(name) and ipaddress.ip_address(name).is_loopback)


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """The host names a request may name; ``extra``: the ``--allow-host`` ones (trusted as origins too);
    ``any_ip``: every IP literal too; ``anything``: no check."""

    names: frozenset[str]
    extra: frozenset[str] = frozenset()
    any_ip: bool = False
    anything: bool = False

    def allows(self, host: str) -> bool:
        """Whether a ``Host`` header value (port allowed) names this server.

        >>> p = host_policy("127.0.0.1")
        >>> p.allows("127.0.0.1:8000"), p.allows("localhost:8000"), p.allows("evil.example:8000")
        (True, True, False)
        """
        if self.anything:
            return True
        name = _hostname(host)
        return name in self.names or (self.any_ip and _is_ip(name))


def host_policy(bind_host: str, extra: Iterable[str] = ()) -> HostPolicy:
    """The names a server bound to ``bind_host`` answers to, plus the ``extra`` (``--allow-host``) ones."""
    extra = [_hostname(e) for e in extra if e.strip()]
    if "*" in extra:
        return HostPolicy(frozenset(), anything=True)
    bind = _hostname(bind_host)
    names = {bind, *extra}
    if _is_loopback(bind):
        names |= {"localhost", "127.0.0.1", "::1"}
    any_ip = bind in _WILDCARDS
    if any_ip:
        names |= {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}
    names.discard("")
    return HostPolicy(frozenset(names), frozenset(extra), any_ip=any_ip)


class HostGuard:
    """ASGI middleware: 421 for a foreign ``Host``, 403 for a cross-origin POST (see the module doc)."""

    def __init__(self, app: ASGIApp, policy: HostPolicy, respond: Callable[[Request, int, str], Response]) -> None:
        self.app = app
        self.policy = policy
        self.respond = respond

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = self._check(Request(scope))
            if problem is not None:
                status, message = problem
                await self.respond(Request(scope), status, message)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _check(self, request: Request) -> tuple[int, str] | None:
        host = request.headers.get("host")
        if host is not None and not self.policy.allows(host):
            return 421, (f"this server does not answer to the host name {_hostname(host)!r} (a guard against DNS "
                         f"rebinding); use its address, or start kg serve with --allow-host {_hostname(host)}")
        origin = request.headers.get("origin")
        if origin is None or request.method in _SAFE_METHODS or self.policy.anything:
            return None
        parts = urlsplit(origin.strip().lower())
        if parts.scheme in ("http", "https") and (
            (host is not None and parts.netloc == host.strip().lower()) or (parts.hostname or "") in self.policy.extra
        ):
            return None
        return 403, (f"cross-origin {request.method} from {origin.strip()!r} refused: only pages of this server "
                     "may post to it")

