"""Issue 16 item 15: a run that skipped any input exits 3, so a script notices; the rest is processed."""

from __future__ import annotations

import json

from robustkit import assert_no_traceback, dump, kg

SKIPPED = 3


def feed(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "harbour-1", "text": "The Westmark harbour authority said on Tuesday that talks with "
                                                   "the dock workers had resumed."}),
             '{"id": "harbour-2", "text": "broken',
             json.dumps({"id": "harbour-3", "text": "The union of Westmark dock workers rejected the offer."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_build_with_a_broken_jsonl_line_exits_3_and_builds_the_rest(tmp_path):
    store = tmp_path / "store"
    proc = kg("build", feed(tmp_path), "--store", store)
    assert proc.returncode == SKIPPED, proc.stderr
    assert_no_traceback(proc)
    assert [x for x in proc.stderr.splitlines() if x.startswith("kg: skipped")] == [
        x for x in proc.stderr.splitlines() if "feed.jsonl:2:" in x]
    assert "2 added" in proc.stdout and "1 failure" in proc.stdout
    assert sum("harbour-3" in line for line in dump(store)) > 0
    clean = kg("build", tmp_path / "feed.jsonl", "--store", store)  # nothing new, the same broken line
    assert clean.returncode == SKIPPED


def test_extract_with_a_broken_jsonl_line_exits_3_and_prints_the_rest(tmp_path):
    proc = kg("extract", feed(tmp_path))
    assert proc.returncode == SKIPPED, proc.stderr
    assert "feed.jsonl:2:" in proc.stderr


def test_clean_input_still_exits_0(tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("The Westmark harbour authority said on Tuesday that talks had resumed.\n", encoding="utf-8")
    assert kg("extract", path).returncode == 0


def test_processes_is_bounded(tmp_path):
    """Issue 16 item 14: --processes 0 or 1000 is refused at once (exit 2, one line), nothing is built."""
    from robustkit import assert_one_line_error

    doc = tmp_path / "a.txt"
    doc.write_text("The harbour authority said talks had resumed.\n", encoding="utf-8")
    for n in ("0", "65", "1000"):
        proc = kg("build", doc, "--store", tmp_path / "store", "--processes", n)
        assert_one_line_error(proc, "processes", "64")
        assert not (tmp_path / "store").exists()


def test_processes_bound_in_the_library():
    import pytest

    from kg.config import MAX_PROCESSES, load_settings
    from kg.errors import ConfigError

    assert MAX_PROCESSES == 64
    assert load_settings(processes=64).processes == 64
    with pytest.raises(ConfigError, match="between 1 and 64"):
        load_settings(processes=65)
