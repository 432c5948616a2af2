"""Issue #8, part 3: crash safety of ``kg build``.

- SIGKILL at random moments: the store still opens, holds whole documents only, and a
  re-run completes to exactly the graph of an uninterrupted build;
- two writers at once: the second is refused with a clear message, the first is unharmed;
- a full disk (a real size-limited tmpfs when we may mount one, else an injected ENOSPC):
  a one-line error, exit 2, and the store intact.
"""

from __future__ import annotations

import errno
import gc
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pyoxigraph
import pytest

from robustkit import (Baseline, assert_no_traceback, assert_one_line_error, by_graph, copy_store, dump, kg,
                       popen_kg, wal_sizes)

pytestmark = pytest.mark.model

BUILD_OPTIONS = ("--batch-documents", "2", "--batch-size", "4")
SEED = 20241011
_MENTIONED_IN = re.compile(r"^<[^>]*> <https://w3id\.org/newskg/ontology#mentionedIn> <([^>]*)> <[^>]*> \.$")


# ----------------------------------------------------------------- checking a store against the baseline


def check_whole_documents(store: Path, baseline: Baseline) -> int:
    """Assert ``store`` opens and holds only whole documents of ``baseline``; return how many.

    Whole means: each document graph present is exactly the baseline's graph of that
    document, the ontology graph is complete, and the shared actors graph holds only
    baseline quads, none of them about a document that is absent.
    """
    if not store.exists():
        return 0
    if not (store / "kg-store.json").exists():
        # killed while creating the store, before its marker: what the next build finishes
        assert {p.name for p in store.iterdir()} <= {"oxigraph", "kg-store.json.tmp"}, list(store.iterdir())
        return 0
    graphs = by_graph(dump(store))
    expected = baseline.graphs
    assert set(graphs) <= set(expected), set(graphs) - set(expected)
    documents = {g for g in graphs if "/graph/doc/" in g}
    dyads = next((g for g in graphs if g.endswith("/graph/dyads")), None)
    if dyads is not None:  # derived data, recounted at the end of a build
        if not (store / "dyads.stale").exists():
            assert graphs[dyads] == recounted_dyads(store), "dyad roll-up out of date without its stale marker"
        del graphs[dyads]
    for g, quads in graphs.items():
        if g in documents or g.endswith("/graph/ontology"):
            assert quads == expected[g], f"{g}: {len(quads)} quads, the uninterrupted build has {len(expected[g])}"
        else:
            assert quads <= expected[g], f"{g}: quads the uninterrupted build does not have"
    assert any(g.endswith("/graph/ontology") for g in graphs)
    for line in graphs.get(next((g for g in graphs if g.endswith("/graph/actors")), ""), ()):
        found = _MENTIONED_IN.match(line)
        if found:
            doc = found.group(1)
            assert doc.replace("/id/doc/", "/id/graph/doc/", 1) in documents, f"actor quad about absent {doc}"
    return len(documents)


def recounted_dyads(store: Path) -> set[str]:
    """The dyad roll-up recounted from the stored events (on a copy of the store)."""
    from kg.rdf.dyads import rebuild
    from kg.rdf.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        copy = copy_store(store, Path(tmp) / "store")
        with Store.create(copy) as st:
            rebuild(st)
        return next((q for g, q in by_graph(dump(copy)).items() if g.endswith("/graph/dyads")), set())


def written_since(store: Path, before: dict[str, int]) -> int:
    """Bytes appended to the write-ahead logs since ``before`` (a :func:`wal_sizes` snapshot)."""
    return sum(max(0, size - before.get(name, 0)) for name, size in wal_sizes(store).items())


def wait_written(store: Path, before: dict[str, int], nbytes: int, proc: subprocess.Popen, timeout: float = 180) -> bool:
    """Wait until the build has appended ``nbytes`` to the store's write-ahead log; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if written_since(store, before) >= nbytes:
            return True
        time.sleep(0.01)
    return False


# ----------------------------------------------------------------- SIGKILL


def test_robust_build_killed_at_random_moments_resumes_to_the_same_graph(baseline, tmp_path):
    """Kill real builds with SIGKILL at seeded random points, check the store each time, re-run, compare.

    The first kill of a round comes during start-up (interpreter start, model loading, store
    creation): after a random 10-90 % of the uninterrupted build's duration, or at its first
    write if that comes sooner, so that a slow machine does not turn it into a late kill; the others when the build has written a random fraction
    of what it still has to write (measured on its write-ahead log, so the points do not
    depend on the machine's speed). Before the first mid-write kill, a second
    ``kg build`` into the same store is run: it must be refused.
    """
    rng = random.Random(SEED)
    log: list[str] = []
    kills = partial_kills = refused = 0
    for rounds in (1, 2):
        store = tmp_path / f"store-{rounds}"
        present = 0
        for attempt in range(4):
            before = wal_sizes(store)
            proc = popen_kg("build", baseline.corpus, "--store", store, *BUILD_OPTIONS,
                            log=tmp_path / f"build-{rounds}-{attempt}.log")
            started = time.monotonic()
            if attempt == 0:
                # start-up only: the kill comes at the chosen time or at the first write, whichever is first
                point = f"{rng.uniform(0.1, 0.9) * baseline.seconds:.2f}s or the first write"
                deadline = started + float(point.split("s", 1)[0])
                while time.monotonic() < deadline and proc.poll() is None and not written_since(store, before):
                    time.sleep(0.01)
            else:
                remaining = baseline.wal_bytes * (baseline.documents - present) / baseline.documents
                fraction = 0.1 if not refused else rng.uniform(0.05, 0.9)
                point = f"{fraction:.0%} of the remaining writes"
                if wait_written(store, before, int(fraction * remaining), proc) and not refused:
                    second = kg("build", baseline.corpus, "--store", store, *BUILD_OPTIONS, timeout=120)
                    if second.returncode == 2 or proc.poll() is None:
                        assert_one_line_error(second, str(store), "another kg process is writing to this store")
                        refused += 1
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                kills += 1
            else:
                assert proc.returncode == 0, (tmp_path / f"build-{rounds}-{attempt}.log").read_text()
            present = check_whole_documents(store, baseline)
            killed = proc.returncode == -signal.SIGKILL
            partial_kills += killed and 0 < present < baseline.documents
            log.append(f"round {rounds} attempt {attempt}: {'killed' if killed else 'finished'} at {point} "
                       f"({time.monotonic() - started:.1f}s), {present}/{baseline.documents} documents stored")
            if present == baseline.documents:
                break
        final = kg("build", baseline.corpus, "--store", store, *BUILD_OPTIONS)
        assert final.returncode == 0, final.stderr  # the killed writers' LOCK files do not block it
        assert_no_traceback(final)
        assert dump(store) == baseline.lines, "\n".join(log)
        log.append(f"round {rounds}: re-run completed, dataset equal to the uninterrupted build's")
        if kills >= 4 and partial_kills >= 2:
            break
    print("\n".join(log))
    assert kills >= 3, log
    assert partial_kills >= 2, log  # kills that landed between committed batches of a build
    assert refused == 1, log


def test_robust_build_killed_after_its_last_batch_is_completed_by_a_rerun(small_store, tmp_path):
    """A kill after the last document batch but before the dyad roll-up was recounted leaves the
    roll-up behind and its stale marker; a re-run with nothing new to add must still recount it."""
    from kg.rdf import iris
    from kg.rdf.store import Store

    store = copy_store(small_store, tmp_path / "store")
    expected = dump(store)
    with Store.create(store) as st:  # the state such a kill leaves: marker there, roll-up not recounted
        st.update(f"DROP SILENT GRAPH <{iris.dyads_graph_iri()}>")
    (store / "dyads.stale").touch()
    assert dump(store) != expected or not any("/graph/dyads>" in line for line in expected)
    sources = [line.split('/ontology#source> "', 1)[1].split('"', 1)[0] for line in expected
               if '/ontology#source> "' in line]  # the same three articles: nothing new to add
    proc = kg("build", *sources, "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert "0 added, 3 already in the store" in proc.stdout
    assert dump(store) == expected
    assert not (store / "dyads.stale").exists()


def test_robust_interrupted_store_creation_is_finished_by_the_next_build(tmp_path):
    from kg.rdf.store import Store

    fresh = tmp_path / "fresh"
    Store.create(fresh).close()
    for leftover in ("only-database", "database-and-temporary-marker", "empty-directory"):
        path = tmp_path / leftover
        path.mkdir()
        if leftover != "empty-directory":
            pyoxigraph.Store(str(path / "oxigraph")).flush()  # what a kill before the marker leaves
        if leftover == "database-and-temporary-marker":
            (path / "kg-store.json.tmp").write_text('{"format": "newsk', encoding="utf-8")
        Store.create(path).close()
        assert dump(path) == dump(fresh), leftover
        assert not (path / "kg-store.json.tmp").exists()


# ----------------------------------------------------------------- two writers


def test_robust_second_writer_is_refused_and_the_store_unchanged(small_store, tmp_path):
    from kg.rdf.store import Store

    store = copy_store(small_store, tmp_path / "store")
    before = dump(store)
    doc = tmp_path / "doc.txt"
    doc.write_text("France and Germany condemned Russia on Monday.\n", encoding="utf-8")
    with Store.create(store):  # this process is the writer now
        proc = kg("build", doc, "--store", store)
        assert_one_line_error(proc, str(store), "another kg process is writing to this store; wait for it to finish")
        reader = kg("stats", "--store", store, "--json")
        assert reader.returncode == 0, reader.stderr  # readers are not blocked by a writer
    assert dump(store) == before
    again = kg("build", doc, "--store", store)
    assert again.returncode == 0, again.stderr


# ----------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs mounted for the test (skipped where mounting is not permitted)."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a size-limited tmpfs needs root")
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mnt)], capture_output=True, timeout=30)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=30)


def _fill(disk: Path, leave_kb: int) -> Path:
    stat = os.statvfs(disk)
    free = stat.f_bavail * stat.f_frsize
    filler = disk / "filler"
    with filler.open("wb") as out:
        out.write(b"\0" * max(0, free - leave_kb * 1024))
    return filler


def test_robust_full_disk_fails_cleanly_and_the_store_recovers(baseline, small_disk):
    from kg.rdf.store import Store

    corpus = sorted(baseline.corpus.glob("0_*.txt"))  # one copy of each article: 15 of the baseline's documents
    wanted = len(corpus)
    store = small_disk / "store"
    Store.create(store).close()
    filler = _fill(small_disk, leave_kb=700)  # room for two or three documents
    proc = kg("build", *corpus, "--store", store, *BUILD_OPTIONS)
    line = assert_one_line_error(proc, str(store))
    assert "No space left on device" in line
    assert check_whole_documents(store, baseline) < wanted  # opens; whole documents only
    filler.unlink()
    again = kg("build", *corpus, "--store", store, *BUILD_OPTIONS)
    assert again.returncode == 0, again.stderr
    assert check_whole_documents(store, baseline) == wanted


class _FullDisk:
    """A pyoxigraph Store whose writes (``fail="write"``) or whose flush (``fail="flush"``) fail with ENOSPC."""

    fail = "write"
    _real = pyoxigraph.Store
    read_only = staticmethod(pyoxigraph.Store.read_only)

    def __init__(self, *args, **kw):
        self._inner = self._real(*args, **kw)

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def __len__(self):
        return len(self._inner)

    def _write(self, name, *args, **kw):
        if self.fail == "write":
            raise OSError(errno.ENOSPC, "IO error: No space left on device: While appending to file: 000042.log")
        return getattr(self._inner, name)(*args, **kw)

    def extend(self, *args, **kw):
        return self._write("extend", *args, **kw)

    def load(self, *args, **kw):
        return self._write("load", *args, **kw)

    def bulk_extend(self, *args, **kw):
        return self._write("bulk_extend", *args, **kw)

    def bulk_load(self, *args, **kw):
        return self._write("bulk_load", *args, **kw)

    def flush(self):
        if self.fail == "flush":
            raise OSError(errno.ENOSPC, "IO error: No space left on device: While writing 000043.sst")
        return self._inner.flush()


@pytest.mark.parametrize("fail", ["write", "flush"])
def test_robust_injected_full_disk_is_one_line_exit_2(fail, small_store, tmp_path, monkeypatch, capsys, nlp):
    from kg.cli import main

    store = copy_store(small_store, tmp_path / "store")
    before = dump(store)
    doc = tmp_path / "doc.txt"
    doc.write_text("France and Germany condemned Russia on Monday.\n", encoding="utf-8")
    monkeypatch.setattr(_FullDisk, "fail", fail)
    monkeypatch.setattr(pyoxigraph, "Store", _FullDisk)
    status = main(["build", str(doc), "--store", str(store)])
    monkeypatch.undo()
    gc.collect()  # the failed write's traceback holds the proxy, and with it the database handle
    err = capsys.readouterr().err
    assert status == 2, err
    lines = [x for x in err.splitlines() if x.startswith("kg: error")]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert str(store) in lines[0] and "No space left on device" in lines[0]
    assert ("nothing of this batch was stored" if fail == "write" else "cannot flush") in lines[0]
    after = dump(store)
    if fail == "write":
        assert after == before
    else:  # the transaction was committed before the flush failed: the document is whole
        added = set(by_graph(after)) - set(by_graph(before))
        assert len(added) == 1 and set(before) <= set(after)
