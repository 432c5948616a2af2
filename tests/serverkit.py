"""Helpers of the server tests: a hand-made store, a running ``kg serve``, free loopback ports.

Every server runs as a real subprocess on 127.0.0.1; the fixtures in ``conftest.py`` stop it
whatever the test did.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.rdf.convert import document_quads
from kg.rdf.store import Store
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation

from kgtest import ROOT

XSS = "<script>alert(1)</script>"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _m(text: str, phrase: str, label: str, kind: ActorType, **kw) -> Mention:
    i = text.index(phrase)
    return Mention(phrase, label, kind, i, i + len(phrase), **kw)


def sample_documents() -> list[tuple[Document, list[Relation]]]:
    """Four short hand-made documents with aliases, roles, negation, modality and an XSS label."""
    out = []
    t = "US National Security Adviser Jake Sullivan urged Israeli minister Ron Dermer to accept the ceasefire."
    sullivan = _m(t, "Jake Sullivan", "Jake Sullivan", ActorType.PERSON, country="USA", role="National Security Adviser",
                  affiliation="United States", aliases=("Sullivan",))
    dermer = _m(t, "Ron Dermer", "Ron Dermer", ActorType.PERSON, country="ISR", role="Minister", affiliation="Israel")
    axios = _m(t, "US", "Axios", ActorType.ORGANIZATION)
    out.append((
        Document(id="doc-1", text=t, title="Sullivan presses Dermer", published=dt.date(2024, 10, 11)),
        [Relation(sullivan, "urge", dermer, Provenance("doc-1", t, 0, len(t)), event_code="0213",
                  attributed_to=axios, date=dt.date(2024, 10, 11), date_source="published")],
    ))
    t = "Sullivan met Dermer in Washington on Thursday."
    out.append((
        Document(id="doc-2", text=t, title="Talks in Washington", published=dt.date(2024, 10, 12)),
        [Relation(_m(t, "Sullivan", "Jake Sullivan", ActorType.PERSON, country="USA"), "meet with",
                  _m(t, "Dermer", "Ron Dermer", ActorType.PERSON), Provenance("doc-2", t, 0, len(t)),
                  event_code="036", date=dt.date(2024, 10, 10))],
    ))
    t = f"Israel did not attack {XSS} in Lebanon."
    out.append((
        Document(id="doc-3", text=t, title="A <b>bold</b> title & more"),
        [Relation(_m(t, "Israel", "Israel", ActorType.COUNTRY, country="ISR", code="ISR"), "attack",
                  _m(t, XSS, XSS, ActorType.GROUP), Provenance("doc-3", t, 0, len(t)), negated=True)],
    ))
    t = "Qatar may suspend its mediation with Israel, officials said."
    out.append((
        Document(id="doc-4", text=t, title="Qatar weighs its role"),
        [Relation(_m(t, "Qatar", "Qatar", ActorType.COUNTRY, country="QAT"), "suspend mediation with",
                  _m(t, "Israel", "Israel", ActorType.COUNTRY, country="ISR"), Provenance("doc-4", t, 0, len(t)),
                  modality=Modality.HYPOTHETICAL)],
    ))
    return out


def make_store(path: Path, documents=None) -> Path:
    """A store at ``path`` holding ``documents`` (default: :func:`sample_documents`)."""
    with Store.create(path) as st:
        st.add_documents([list(document_quads(d, rels)) for d, rels in (documents or sample_documents())])
    return path


@dataclass
class Server:
    """A running ``kg serve``."""

    url: str
    proc: subprocess.Popen
    log: Path

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    return env


def wait_http(url: str, proc: subprocess.Popen, *, timeout: float = 60.0) -> None:
    """Wait until ``url`` answers 200 (fails early if ``proc`` exits)."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} not ready after {timeout:g} s")


def stop(proc: subprocess.Popen) -> None:
    """Terminate ``proc`` (SIGTERM, then SIGKILL after 10 s)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _announced_url(log: Path, proc: subprocess.Popen, timeout: float = 60.0) -> str:
    """The URL ``kg serve`` prints once it listens (``--port 0`` picks a free port)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        match = re.search(r"read-only at (http://127\.0\.0\.1:\d+)/", log.read_text(errors="replace"))
        if match:
            return match.group(1)
        if proc.poll() is not None:
            raise RuntimeError(f"kg serve exited with {proc.returncode}")
        time.sleep(0.05)
    raise RuntimeError("kg serve did not announce its address")


def start_server(store: Path, log: Path, *extra: str) -> Server:
    """``kg serve`` on a free loopback port (``--port 0``), ready to answer."""
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", *extra]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=_env(), cwd=ROOT)
    try:
        server = Server(_announced_url(log, proc), proc, log)
        wait_http(server.url + "/health", proc)
    except RuntimeError as exc:
        stop(proc)
        pytest.fail(f"kg serve did not start: {exc}\n{log.read_text(errors='replace')}")
    return server
