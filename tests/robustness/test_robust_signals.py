"""Issue 16 items 5 and 6: Ctrl-C during ``kg build`` and the death of its main process.

Real ``kg build`` processes get real signals. Each wait is bounded; nothing asserts
on how long anything took.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgtest import ROOT
from robustkit import assert_no_traceback, env, kg

DOCS = 800
INTERRUPTED = re.compile(r"^kg: interrupted; ([\d,]+) documents? stored, run the same command to resume$")


def write_many(path: Path, n: int = DOCS) -> Path:
    """``n`` short distinct documents (made-up places and people), one JSONL line each."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = (f"The mayor of Eastbrook said on Monday that the council had approved plan number {i} "
                    f"for the river bridge. Residents of Westford criticised the decision {i}.")
            out.write(json.dumps({"id": f"bridge-{i}", "text": text}) + "\n")
    return path


def stored_documents(store: Path) -> int:
    from kg.rdf.store import Store

    with Store.open(store) as st:
        return int(st.query("SELECT (COUNT(?d) AS ?n) WHERE { ?d a kgo:Document }").rows[0][0])


def start_build(*args: str | Path, log: Path, new_group: bool = False) -> subprocess.Popen:
    """``python -m kg build ARGS`` with SIGINT at its default (a shell's background job would ignore it)."""
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "kg", "build", *map(str, args)], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=ROOT, env=env(),
                                start_new_session=new_group,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_documents(store: Path, proc: subprocess.Popen, timeout: float = 240) -> int:
    """Wait until the running build has committed a first batch (read-only opens do not disturb it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if (store / "kg-store.json").exists():
            try:
                n = stored_documents(store)
            except Exception:  # noqa: BLE001 - being created
                n = 0
            if n:
                return n
        time.sleep(0.2)
    raise AssertionError(f"the build stored nothing before it ended or {timeout}s passed")


@pytest.mark.parametrize("processes", [1, 2])
def test_ctrl_c_exits_130_saying_how_many_documents_are_stored(tmp_path, processes):
    corpus = write_many(tmp_path / "many.jsonl")
    store = tmp_path / "store"
    log = tmp_path / "build.log"
    proc = start_build(corpus, "--store", store, "--batch-documents", "2", "--processes", str(processes),
                       log=log, new_group=True)
    try:
        wait_for_documents(store, proc)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole foreground group
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    out = log.read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 130, out
    assert "Traceback" not in out, out
    lines = [line for line in out.splitlines() if line.startswith("kg: interrupted")]
    assert len(lines) == 1 and INTERRUPTED.match(lines[0]), out
    stored = int(INTERRUPTED.match(lines[0]).group(1).replace(",", ""))
    assert 0 < stored < DOCS
    assert stored_documents(store) == stored
    again = kg("build", corpus, "--store", store, "--processes", str(processes), timeout=600)
    assert again.returncode == 0, again.stderr
    assert_no_traceback(again)
    assert f"{DOCS - stored} added, {stored} already in the store" in again.stdout
    assert stored_documents(store) == DOCS


def children_of(pid: int) -> list[int]:
    """The pids whose parent is ``pid`` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_workers_die_with_the_main_process_and_release_its_pipes(tmp_path, sig):
    corpus = write_many(tmp_path / "many.jsonl")
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--store", str(store),
                             "--batch-documents", "2", "--processes", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            cwd=ROOT, env=env(), start_new_session=True)
    try:
        wait_for_documents(store, proc)
        workers = children_of(proc.pid)
        assert len([w for w in workers if alive(w)]) >= 2, workers
        proc.send_signal(sig)
        # the caller's pipes reach end of file only when no worker holds them any more
        proc.communicate(timeout=60)
        deadline = time.monotonic() + 30
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "workers outlived their parent"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    assert proc.returncode == -sig
