"""``kg push``: copy a store's named graphs to a remote SPARQL store.

Two protocols, both plain HTTP (httpx):

- the SPARQL 1.1 Graph Store HTTP Protocol: ``PUT`` the first batch of a graph to
  ``ENDPOINT?graph=IRI`` (replacing what was there), ``POST`` the other batches
  (appending). Give the store's graph-store URL: Oxigraph ``/store``, Fuseki
  ``/DATASET/data``, GraphDB ``/repositories/ID/rdf-graphs/service``.
- SPARQL 1.1 Update: ``DROP SILENT GRAPH`` + ``INSERT DATA`` in batches, POSTed as
  ``application/sparql-update``. Give the update URL: Oxigraph ``/update``, Fuseki
  ``/DATASET/update``, GraphDB ``/repositories/ID/statements``.

``auto`` (the default) tries the Graph Store Protocol and falls back to Update when
the endpoint refuses it. Triples that mention a blank node all go in a graph's
first batch, so a blank node is never split across two requests.

Pushing is resumable: after each graph, its fingerprint (triple count and a hash
of its N-Triples) is appended to ``push-state.jsonl`` in the store directory, keyed
by endpoint; a rerun skips graphs already sent unchanged (with ``verify``, only
those the remote still holds). Credentials in the URL
(``https://user:pass@host/...``) are sent as HTTP Basic auth and never written to
the state file or to messages.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.config import PUSH_BATCH_TRIPLES
from kg.errors import PushError
from kg.words import counted
from kg.rdf.store import Store

__all__ = ["PushProtocol", "PushReport", "push_store", "STATE_FILE"]

log = logging.getLogger(__name__)

STATE_FILE = "push-state.jsonl"
LEGACY_STATE_FILE = "push-state.json"
_REFUSED = {400, 404, 405, 406, 415, 501}
_RETRIES = 2

Progress = Callable[[str, int, bool], None]
"""Called after each graph with (graph IRI, triples, skipped)."""


class PushProtocol(StrEnum):
    """How triples reach the remote store."""

    AUTO = "auto"
    GSP = "gsp"
    UPDATE = "update"


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push did."""

    endpoint: str
    protocol: str
    graphs: int
    pushed: int
    skipped: int
    triples: int
    requests: int
    seconds: float

    def summary(self) -> str:
        """One line for people."""
        return (
            f"{counted(self.pushed, 'graph')} ({counted(self.triples, 'triple')}) pushed to {self.endpoint} by {self.protocol} "
            f"in {counted(self.requests, 'request')} and {self.seconds:.1f}s; {counted(self.skipped, 'unchanged graph')} skipped"
        )


def _public(url: str) -> str:
    """``url`` without user:password."""
    import httpx

    parsed = httpx.URL(url)
    return str(parsed.copy_with(username=None, password=None)) if parsed.userinfo else url


def _graph_triples(store: Store, graph: str) -> list[Any]:
    result = store.raw_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}")
    return list(result)


def _has_bnode(t: Any) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


def _batches(triples: Sequence[Any], size: int) -> Iterator[list[Any]]:
    """Batches of at most ``size`` triples (the first also holds every blank-node triple)."""
    blank = [t for t in triples if _has_bnode(t)]
    plain = [t for t in triples if not _has_bnode(t)]
    first = max(size - len(blank), 0)
    yield blank + plain[:first]
    for i in range(first, len(plain), size):
        yield plain[i : i + size]


class _State:
    """The resume log ``push-state.jsonl``: one JSON line appended per graph sent.

    Lines are ``{"endpoint", "graph", "fingerprint"}``, or ``{"endpoint", "fresh": true}``
    (forget that endpoint's earlier lines). Appending one short line per graph keeps a
    20,000-graph push linear, and two pushes running at once (to two endpoints, from two
    processes) never overwrite each other's records. A torn last line (a killed push) is
    ignored. The ``push-state.json`` of earlier versions is read, never written.
    """

    def __init__(self, path: Path, key: str, *, fresh: bool) -> None:
        self.path = path
        self.key = key
        self.done: dict[str, str] = {}
        self._warned = False
        try:
            legacy = json.loads(path.with_name(LEGACY_STATE_FILE).read_text(encoding="utf-8"))
            self.done.update(legacy["endpoints"].get(key, {}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError:
            lines = []
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if not isinstance(entry, dict) or entry.get("endpoint") != key:
                continue
            if entry.get("fresh"):
                self.done.clear()
            elif isinstance(entry.get("graph"), str) and isinstance(entry.get("fingerprint"), str):
                self.done[entry["graph"]] = entry["fingerprint"]
        if fresh:
            self.done.clear()
            self._append({"endpoint": key, "fresh": True})

    def record(self, graph: str, fingerprint: str) -> None:
        self.done[graph] = fingerprint
        self._append({"endpoint": self.key, "graph": graph, "fingerprint": fingerprint})

    def _append(self, entry: dict[str, Any]) -> None:
        line = (json.dumps(entry, sort_keys=True) + "\n").encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)  # one write of one line: concurrent appenders do not interleave
            finally:
                os.close(fd)
        except OSError as exc:
            if not self._warned:
                log.warning("cannot write %s (%s): this push will not be resumable", self.path, exc)
                self._warned = True


def _remote_count(client: Any, endpoint: str, graph: str) -> int | None:
    """How many triples the Graph Store at ``endpoint`` holds in ``graph`` (None: no such graph)."""
    import httpx

    try:
        resp = client.get(endpoint, params={"graph": graph}, headers={"Accept": "application/n-triples"})
    except httpx.HTTPError as exc:
        raise PushError(f"{_public(endpoint)}: cannot verify {graph}: {exc}") from exc
    if resp.status_code == 404:
        return None
    if resp.status_code != 200:
        raise PushError(f"{_public(endpoint)}: --verify reads graphs back with the Graph Store Protocol, and this "
                        f"endpoint answered {resp.status_code}: give its Graph Store URL (Oxigraph /store, "
                        "Fuseki /DATASET/data)")
    return sum(1 for _ in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES))


class _Sender:
    """Sends batches by GSP or Update, switching from GSP to Update once in ``auto`` mode."""

    def __init__(self, client: Any, endpoint: str, protocol: PushProtocol) -> None:
        self.client = client
        self.endpoint = endpoint
        self.public = _public(endpoint)
        self.protocol = protocol
        self.requests = 0

    def send(self, graph: str, triples: list[Any], *, replace: bool) -> None:
        if self.protocol is not PushProtocol.UPDATE:
            status, text = self._gsp(graph, triples, replace=replace)
            if status < 300:
                if self.protocol is PushProtocol.AUTO:
                    self.protocol = PushProtocol.GSP
                return
            if self.protocol is PushProtocol.AUTO and status in _REFUSED:
                log.info("%s refused the Graph Store Protocol (%s); using SPARQL Update", self.public, status)
                self.protocol = PushProtocol.UPDATE
            else:
                raise PushError(f"{self.public}: graph store request for {graph} failed with HTTP {status}: {text}")
        status, text = self._update(graph, triples, replace=replace)
        if status >= 300:
            raise PushError(f"{self.public}: SPARQL Update for {graph} failed with HTTP {status}: {text}")
        if self.protocol is PushProtocol.AUTO:
            self.protocol = PushProtocol.UPDATE

    def _gsp(self, graph: str, triples: list[Any], *, replace: bool) -> tuple[int, str]:
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        method = "PUT" if replace else "POST"
        return self._request(method, body, "application/n-triples", params={"graph": graph})

    def _update(self, graph: str, triples: list[Any], *, replace: bool) -> tuple[int, str]:
        g = str(ox.NamedNode(graph))
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        text = (f"DROP SILENT GRAPH {g} ;\n" if replace else "") + f"INSERT DATA {{ GRAPH {g} {{\n{data}}} }}\n"
        return self._request("POST", text.encode("utf-8"), "application/sparql-update")

    def _request(self, method: str, body: bytes, ctype: str, params: dict[str, str] | None = None) -> tuple[int, str]:
        import httpx

        for attempt in range(_RETRIES + 1):
            self.requests += 1
            try:
                resp = self.client.request(method, self.endpoint, content=body, params=params,
                                           headers={"Content-Type": ctype + "; charset=utf-8"})
            except httpx.HTTPError as exc:
                if attempt == _RETRIES or isinstance(exc, httpx.ConnectError):
                    raise PushError(f"{self.public}: cannot reach the endpoint: {type(exc).__name__}: {exc}") from exc
            else:
                if resp.status_code < 500 or attempt == _RETRIES:
                    return resp.status_code, " ".join(resp.text.split())[:300]
            time.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")  # pragma: no cover


def push_store(
    store_path: Path | str,
    endpoint: str,
    *,
    graph: str | None = None,
    batch_size: int = PUSH_BATCH_TRIPLES,
    protocol: PushProtocol | str = PushProtocol.AUTO,
    progress: Progress | None = None,
    fresh: bool = False,
    timeout: float = 120.0,
    verify: bool = False,
) -> PushReport:
    """Send every named graph of the store at ``store_path`` to ``endpoint``.

    Args:
        store_path: a kg store directory (opened read-only; ``push-state.jsonl`` is written beside it).
        endpoint: a Graph Store Protocol URL or a SPARQL Update URL (see the module notes).
        graph: put all triples into this one named graph instead of one graph per document
            (appended: nothing already there is removed).
        batch_size: triples per request.
        protocol: ``auto``, ``gsp`` or ``update``.
        progress: called after each graph with (graph IRI, triples, skipped).
        fresh: forget what earlier pushes to this endpoint recorded and send everything.
        verify: before skipping a graph recorded as sent, read it back (Graph Store
            Protocol ``GET``) and send it again unless the remote holds as many triples.
        timeout: seconds per HTTP request.

    Raises:
        StoreError: the store cannot be opened.
        PushError: the endpoint is unreachable or refuses the data.
    """
    import httpx

    if batch_size < 1:
        raise PushError(f"batch_size must be at least 1, got {batch_size}")
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"{endpoint}: the endpoint must be an http:// or https:// URL")
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise PushError(f"--graph {graph!r} is not an absolute IRI") from exc
    protocol = PushProtocol(protocol)
    if verify and (graph is not None or protocol is PushProtocol.UPDATE):
        raise PushError("--verify reads each graph back with the Graph Store Protocol: it needs the Graph Store "
                        "URL (not --protocol update) and one graph per document (not --graph)")
    started = time.perf_counter()
    store_path = Path(store_path)
    key = _public(endpoint) + (f" graph={graph}" if graph else "")
    state = _State(store_path / STATE_FILE, key, fresh=fresh)
    pushed = skipped = triples_sent = 0
    with Store.open(store_path) as store, httpx.Client(timeout=timeout, follow_redirects=False) as client:
        sender = _Sender(client, endpoint, protocol)
        graphs = sorted(store.named_graphs())
        for source in graphs:
            triples = _graph_triples(store, source)
            digest = hashlib.sha256(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).hexdigest()[:32]
            fingerprint = f"{len(triples)}:{digest}"
            if state.done.get(source) == fingerprint and (
                    not verify or _remote_count(client, endpoint, source) == len(triples)):
                skipped += 1
                if progress:
                    progress(source, len(triples), True)
                continue
            target = graph or source
            for i, batch in enumerate(_batches(triples, batch_size)):
                if batch or (i == 0 and graph is None):
                    sender.send(target, batch, replace=(i == 0 and graph is None))
            state.record(source, fingerprint)
            pushed += 1
            triples_sent += len(triples)
            if progress:
                progress(source, len(triples), False)
    used = sender.protocol.value if sender.protocol is not PushProtocol.AUTO else "nothing to send"
    return PushReport(_public(endpoint), used, len(graphs), pushed, skipped, triples_sent, sender.requests,
                      time.perf_counter() - started)
