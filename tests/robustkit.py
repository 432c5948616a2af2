"""Helpers of the robustness tests (issue #8): the real ``kg`` command, stores and their snapshots.

Every CLI test runs ``python -m kg`` as a subprocess, as a user would; stores are compared
by their sorted N-Quads (IRIs are minted from content and there are no blank nodes, so
equal sorted N-Quads means the same dataset).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kgtest import EXAMPLES, ROOT

ARTICLES = sorted((EXAMPLES / "articles").glob("*.txt"))
#: Copies of each sample article in the crash-test corpus (each copy is its own document).
COPIES = 3


def code_root() -> Path:
    """Where the ``kg`` subprocesses import kg from: the working tree."""
    return ROOT


def env(**extra: str) -> dict[str, str]:
    """The environment of a ``kg`` subprocess: ours without KG_* settings or proxies, plus ``extra``."""
    out = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        out.pop(name, None)
    out["PYTHONPATH"] = str(code_root()) + os.pathsep + out.get("PYTHONPATH", "")
    out.update(extra)
    return out


def kg(*args: str | Path, stdin: bytes | None = None, cwd: Path | None = None, timeout: float = 180,
       **extra_env: str) -> subprocess.CompletedProcess:
    """Run ``python -m kg ARGS`` (from :func:`code_root`) and return the finished process (text output)."""
    proc = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd or code_root(), timeout=timeout, env=env(**extra_env))
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def popen_kg(*args: str | Path, log: Path, **extra_env: str) -> subprocess.Popen:
    """Start ``python -m kg ARGS`` in the background, stdout and stderr into ``log``."""
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, cwd=code_root(), env=env(**extra_env))


def error_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("kg: error")]


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    assert "kg: internal error" not in proc.stderr, proc.stderr


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str, status: int = 2) -> str:
    """Exit ``status``, exactly one ``kg: error:`` line holding every needle, no traceback; returns the line."""
    assert proc.returncode == status, (proc.returncode, proc.stdout, proc.stderr)
    assert_no_traceback(proc)
    lines = error_lines(proc)
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


# ----------------------------------------------------------------- stores and snapshots


def dump(store: Path) -> list[str]:
    """The store's dataset as sorted N-Quads lines (opened read-only)."""
    from kg.rdf.store import ExportFormat, Store

    out = io.BytesIO()
    with Store.open(store) as st:
        st.export(out, ExportFormat.NQUADS)
    return sorted(line for line in out.getvalue().decode("utf-8").splitlines() if line.strip())


def tree(path: Path) -> dict[str, bytes | None]:
    """Every file under ``path`` with its bytes (None for folders): a snapshot of a non-store directory."""
    if path.is_file():
        return {".": path.read_bytes()}
    return {str(p.relative_to(path)): (p.read_bytes() if p.is_file() else None) for p in sorted(path.rglob("*"))}


def graph_of(line: str) -> str:
    """The graph name of an N-Quads line from our stores (every quad is in a named graph)."""
    body = line.rstrip().removesuffix(".").rstrip()
    assert body.endswith(">"), line
    return body[body.rindex("<") + 1 : -1]


def by_graph(lines: Iterable[str]) -> dict[str, set[str]]:
    graphs: dict[str, set[str]] = {}
    for line in lines:
        graphs.setdefault(graph_of(line), set()).add(line)
    return graphs


def wal_sizes(store: Path) -> dict[str, int]:
    """Size of each write-ahead log file of the store's database (RocksDB ``*.log``); read without opening it."""
    db = store / "oxigraph"
    out = {}
    for p in db.glob("*.log") if db.is_dir() else ():
        try:
            out[p.name] = p.stat().st_size
        except FileNotFoundError:  # removed by RocksDB meanwhile
            pass
    return out


def copy_store(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


# ----------------------------------------------------------------- corpora


def write_corpus(folder: Path, copies: int = COPIES) -> Path:
    """``copies`` variants of each sample article (a different last line, so a different document)."""
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for article in ARTICLES:
            text = article.read_text(encoding="utf-8").rstrip("\n")
            (folder / f"{copy}_{article.name}").write_text(f"{text}\n\nEdition {copy + 1}.\n", encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Baseline:
    """A store built without interruption, its sorted N-Quads and how long the build took."""

    corpus: Path
    store: Path
    lines: list[str]
    seconds: float
    documents: int
    wal_bytes: int  # write-ahead log bytes the documents took (the ontology's excluded)

    @property
    def graphs(self) -> dict[str, set[str]]:
        return by_graph(self.lines)
