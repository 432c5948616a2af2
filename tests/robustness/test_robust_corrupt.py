"""Issue 16 item 11: a corrupted store is reported as corrupted, never as "another kg process is writing"."""

from __future__ import annotations

import random

import pytest

from kg.rdf.store import Store
from robustkit import assert_one_line_error, kg


def _scribble_tables(store):
    rng = random.Random(16)
    tables = sorted((store / "oxigraph").glob("*.sst"))
    assert tables
    for table in tables:
        data = bytearray(table.read_bytes())
        for i in range(min(100, len(data) // 2), min(300, len(data))):
            data[i] = rng.randrange(256)
        table.write_bytes(bytes(data))


@pytest.mark.parametrize("command", ["build", "stats"])
def test_a_corrupted_store_says_corrupted(tmp_path, command):
    store = tmp_path / "store"
    Store.create(store).close()
    _scribble_tables(store)
    doc = tmp_path / "a.txt"
    doc.write_text("The Westmark harbour authority said on Tuesday that talks had resumed.\n", encoding="utf-8")
    proc = kg("build", doc, "--store", store) if command == "build" else kg("stats", "--store", store)
    line = assert_one_line_error(proc, str(store), "corrupted")
    assert "another kg process" not in line
