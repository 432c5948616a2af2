"""Issue #8, part 1: every kind of bad input, through the real ``kg`` command.

The policy under test (README.md, "Limits, bad input and failures"):

- the whole command cannot go on (no input could be read, an input path or the store is
  bad, a setting is invalid): exit 2, one line ``kg: error: …`` naming the input, the
  store unchanged;
- some inputs are bad, others fine: the good ones are built, each bad one is a
  ``kg: skipped SOURCE[:LINE]: why`` line on stderr and counted in the summary, exit 3;
- never a traceback unless ``--debug``.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from robustkit import ARTICLES, assert_no_traceback, assert_one_line_error, by_graph, copy_store, dump, kg, tree

pytestmark = pytest.mark.model

MB20 = 20 * 1024 * 1024
GOOD = "France and Germany condemned Russia on Monday after the strike on Kyiv.\n"
FRENCH = ("Le président français a condamné lundi la frappe russe contre Kiev. Le ministre des affaires "
          "étrangères a déclaré que la France soutiendrait l'Ukraine aussi longtemps que nécessaire, et les "
          "négociations reprendront au Caire la semaine prochaine selon des responsables égyptiens.\n")
SCRIPT_PAGE = ("<!DOCTYPE html><html><head><title>x</title><script>var a = '<p>not text</p>';</script></head>"
               "<body><script>document.write('hello')</script><noscript></noscript>"
               "<script src='app.js'></script></body></html>")


# ----------------------------------------------------------------- making bad inputs


def empty(d: Path) -> Path:
    (d / "empty.txt").write_bytes(b"")
    return d / "empty.txt"


def blank(d: Path) -> Path:
    (d / "blank.md").write_text(" \n\n\t \n", encoding="utf-8")
    return d / "blank.md"


def binary_nul(d: Path) -> Path:
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    return d / "image.txt"


def binary_controls(d: Path) -> Path:
    (d / "controls.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 14, 15, 16]) * 500)
    return d / "controls.txt"


def big_text(d: Path) -> Path:
    line = (GOOD * 200).encode("utf-8")
    with (d / "big.txt").open("wb") as out:
        for _ in range(MB20 // len(line) + 1):
            out.write(line)
    return d / "big.txt"


def big_jsonl(d: Path) -> Path:
    text = GOOD * (MB20 // len(GOOD) + 1)
    (d / "big.jsonl").write_text(json.dumps({"id": "huge", "text": text}) + "\n", encoding="utf-8")
    return d / "big.jsonl"


def broken_jsonl(d: Path) -> Path:
    lines = ['{"id": "a", "text": ', '{"id": "b"}', "[1, 2]", '{"id": "d", "text": "   "}', '{"text": 42}']
    (d / "broken.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d / "broken.jsonl"


def mixed_jsonl(d: Path) -> Path:
    lines = [json.dumps({"id": "ok-1", "text": GOOD}), "{not json", '{"id": "no-text"}',
             json.dumps({"id": "ok-2", "text": "The convoy was attacked by militants near Gaza.", "published": "soon"})]
    (d / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return d / "mixed.jsonl"


def script_html(d: Path) -> Path:
    (d / "script.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    return d / "script.html"


def invalid_utf8(d: Path) -> Path:
    (d / "latin1.txt").write_bytes("Fran\u00e7ois Hollande criticised Germany.\n".encode("latin-1") + GOOD.encode())
    return d / "latin1.txt"


def french(d: Path) -> Path:
    (d / "french.txt").write_text(FRENCH, encoding="utf-8")
    return d / "french.txt"


def fifo(d: Path) -> Path:
    os.mkfifo(d / "pipe.txt")
    return d / "pipe.txt"


def dangling(d: Path) -> Path:
    (d / "gone.txt").symlink_to(d / "nowhere" / "deleted.txt")
    return d / "gone.txt"


def unreadable(d: Path) -> Path:
    (d / "secret.txt").write_text(GOOD, encoding="utf-8")
    (d / "secret.txt").chmod(0)
    return d / "secret.txt"


def folder(d: Path, name: str, *makers: Callable[[Path], Path]) -> Path:
    (d / name).mkdir()
    for make in makers:
        make(d / name)
    return d / name


def unknown_formats(d: Path) -> Path:
    docs = folder(d, "docs")
    (docs / "a.pdf").write_bytes(b"%PDF-1.4")
    (docs / "b.docx").write_bytes(b"PK\x03\x04")
    return docs


def good(d: Path, name: str = "good.txt") -> Path:
    (d / name).write_text(GOOD, encoding="utf-8")
    return d / name


# ----------------------------------------------------------------- root and mode-000 files

_libc = ctypes.CDLL(None, use_errno=True)


def _drop_dac() -> None:
    """In the child before exec: drop the capabilities that let root read mode-000 files."""
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if _libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _preexec() -> Callable[[], None] | None:
    return _drop_dac if os.geteuid() == 0 else None


def mode_000_works(tmp: Path) -> bool:
    """True when a mode-000 file is unreadable to our subprocesses (root drops its DAC capabilities)."""
    probe = unreadable(tmp)
    try:
        proc = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}).read()"], capture_output=True,
                              preexec_fn=_preexec(), timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.unlink()
    return proc.returncode != 0 and b"PermissionError" in proc.stderr


def kg_unprivileged(*args, **kw) -> subprocess.CompletedProcess:
    """``kg`` as :func:`robustkit.kg`, but unable to read mode-000 files even as root."""
    from robustkit import code_root, env

    proc = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, timeout=180,
                          env=env(), cwd=code_root(), preexec_fn=_preexec(), **kw)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


# ----------------------------------------------------------------- exit 2: nothing can go on


@dataclass(frozen=True)
class Refused:
    """An input the whole command stops on: exit 2, one error line with ``needles``."""

    make: Callable[[Path], Path]
    needles: tuple[str, ...]
    skipped: tuple[str, ...] = field(default=())  # ``kg: skipped`` lines expected before the error


REFUSED = {
    "empty file": Refused(empty, ("empty.txt", "empty file")),
    "blank markdown": Refused(blank, ("blank.md", "empty")),
    "binary with NUL bytes": Refused(binary_nul, ("image.txt", "binary file")),
    "binary control bytes": Refused(binary_controls, ("controls.txt", "binary file")),
    "20 MB text": Refused(big_text, ("big.txt", "over max_input_bytes=5000000", "--max-input-bytes")),
    "20 MB JSONL line": Refused(big_jsonl, ("big.jsonl:1", "max_input_bytes", "--max-input-bytes")),
    "JSONL, every line broken": Refused(
        broken_jsonl, ("broken.jsonl", "all 5 inputs failed"),
        skipped=("broken.jsonl:1: broken JSON", 'broken.jsonl:2: missing "text"', "broken.jsonl:3: expected a JSON object",
                 'broken.jsonl:4: "text" is empty', 'broken.jsonl:5: "text" must be a string')),
    "HTML with scripts, no article": Refused(script_html, ("script.html", "no article text found")),
    "no such input": Refused(lambda d: d / "no" / "such.txt", ("no/such.txt", "no such file")),
    "empty folder": Refused(lambda d: folder(d, "nothing"), ("nothing", "no documents found")),
    "folder of unknown formats": Refused(unknown_formats, ("docs", "no documents found", ".txt")),
    "folder of unreadable files": Refused(
        lambda d: folder(d, "locked", fifo, dangling),
        ("locked", "all 2 inputs failed"),
        skipped=("locked/gone.txt: not a regular file", "locked/pipe.txt: not a regular file")),
}


#: ``kg extract`` follows the same policy; a few cases show it (each run costs a second or two).
EXTRACT_TOO = ("empty file", "binary with NUL bytes", "20 MB JSONL line", "JSONL, every line broken", "no such input")
MATRIX = [(case, "build") for case in REFUSED] + [(case, "extract") for case in EXTRACT_TOO]


@pytest.mark.parametrize("case, command", MATRIX, ids=[f"{command}: {case}" for case, command in MATRIX])
def test_robust_refused_input_exits_2_naming_it_and_keeps_the_store(case, command, small_store, tmp_path):
    spec = REFUSED[case]
    target = spec.make(tmp_path)
    store = copy_store(small_store, tmp_path / "store")
    before = dump(store)
    args = ("build", target, "--store", store) if command == "build" else ("extract", target)
    proc = kg(*args)
    line = assert_one_line_error(proc, *spec.needles)
    skipped = [x for x in proc.stderr.splitlines() if x.startswith("kg: skipped")]
    assert len(skipped) == len(spec.skipped), proc.stderr
    for want in spec.skipped:
        assert any(want in x for x in skipped), (want, skipped)
    assert dump(store) == before
    assert proc.stdout == "", proc.stdout  # no partial output, no summary claiming success
    assert line.startswith("kg: error: ")


def test_robust_20mb_document_is_refused_with_the_limit_named(small_store, tmp_path):
    big = big_text(tmp_path)  # how long the refusal takes: PYTHONPATH=. python benchmarks/latency.py
    proc = kg("build", big, "--store", copy_store(small_store, tmp_path / "store"))
    assert_one_line_error(proc, str(big), f"file is {big.stat().st_size} bytes", "max_input_bytes=5000000",
                          "--max-input-bytes or KG_MAX_INPUT_BYTES")


def test_robust_limit_can_be_raised_by_option_and_environment(small_store, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(GOOD * 40, encoding="utf-8")  # 3 kB
    store = copy_store(small_store, tmp_path / "store")
    low = kg("build", doc, "--store", store, "--max-input-bytes", "1000")
    assert_one_line_error(low, "doc.txt", "max_input_bytes=1000")
    low_env = kg("build", doc, "--store", store, KG_MAX_INPUT_BYTES="1000")
    assert_one_line_error(low_env, "doc.txt", "max_input_bytes=1000")
    raised = kg("extract", doc, "--max-input-bytes", "10000")
    assert raised.returncode == 0, raised.stderr
    assert raised.stdout.count("\n") >= 1


@pytest.mark.parametrize("args, extra_env, needles", [
    (("--max-doc-chars", "10"), {}, ("max_doc_chars must be at least 1000",)),
    (("--max-input-bytes", "0"), {}, ("max_input_bytes must be at least 1",)),
    ((), {"KG_MAX_INPUT_BYTES": "lots"}, ("KG_MAX_INPUT_BYTES", "whole number")),
    (("--batch-documents", "0"), {}, ("--batch-documents",)),
])
def test_robust_bad_limits_are_one_line_errors(args, extra_env, needles, small_store, tmp_path):
    store = copy_store(small_store, tmp_path / "store")
    before = dump(store)
    proc = kg("build", good(tmp_path), "--store", store, *args, **extra_env)
    assert proc.returncode == 2, proc.stderr
    assert_no_traceback(proc)
    assert any(all(n in line for n in needles) for line in proc.stderr.splitlines()), proc.stderr
    assert dump(store) == before


@pytest.mark.parametrize("case", ["a folder with files", "a plain file", "a broken marker", "a newer store version"])
def test_robust_store_that_is_not_a_store_is_refused_and_untouched(case, tmp_path):
    target = tmp_path / "target"
    if case == "a folder with files":
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
        needles = (str(target), "not a kg store", "--store")
    elif case == "a plain file":
        target.write_text("mine", encoding="utf-8")
        needles = (str(target), "not a kg store")  # "exists and is not a kg store" / "is a file, not a kg store"
    elif case == "a broken marker":
        target.mkdir()
        (target / "kg-store.json").write_text('{"format": "newskg-st', encoding="utf-8")
        needles = ("kg-store.json", "unreadable store marker")
    else:
        target.mkdir()
        (target / "kg-store.json").write_text('{"format": "newskg-store", "version": 99}', encoding="utf-8")
        needles = (str(target), "newer kg")
    before = tree(target)
    commands = [("build", good(tmp_path), "--store", target), ("stats", "--store", target)]
    if case == "a folder with files":
        commands += [("query", "ASK {}", "--store", target), ("export", "-o", tmp_path / "x.nq", "--store", target)]
    for args in commands:
        proc = kg(*args)
        assert_one_line_error(proc, *needles)
        assert tree(target) == before, args
    assert not (tmp_path / "x.nq").exists()


@pytest.mark.parametrize("args", [("build",), ("build", "x.txt", "--nope"), ("build", "x.txt", "--batch-size", "many"),
                                  ("stats", "--top", "-"), ("frobnicate",)])
def test_robust_usage_errors_exit_2_without_traceback(args):
    proc = kg(*args)
    assert proc.returncode == 2, proc.stderr
    assert_no_traceback(proc)
    usage = "Error:" in proc.stderr and "Usage:" in proc.stderr  # click's usage error
    assert usage or len([x for x in proc.stderr.splitlines() if x.startswith("kg: error: ")]) == 1, proc.stderr


def test_robust_empty_stdin_is_refused(small_store, tmp_path):
    store = copy_store(small_store, tmp_path / "store")
    proc = kg("build", "-", "--store", store, stdin=b"")
    assert_one_line_error(proc, "<stdin>", "empty")
    proc = kg("extract", "-", stdin=b"\x00\x01\x02binary")
    assert_one_line_error(proc, "<stdin>", "binary")


def test_robust_missing_input_does_not_create_a_store(tmp_path):
    proc = kg("build", tmp_path / "absent.txt", "--store", tmp_path / "new-store")
    assert_one_line_error(proc, "absent.txt", "no such file")
    assert not (tmp_path / "new-store").exists()


_BAD_DICTIONARIES = {  # kind: (write it, what the one error line says)
    "empty": (lambda p: p.write_bytes(b""), None),
    "binary": (lambda p: p.write_bytes(bytes(range(256)) * 4), "not UTF-8"),
    "Latin-1": (lambda p: p.write_bytes("KENYA [KEN]\ncaf\u00e9 [FRA]\n".encode("latin-1")), "not UTF-8"),
    "directory": (lambda p: p.mkdir(), "directory"),
    "missing": (lambda p: None, None),
}


@pytest.mark.parametrize("option", ["--verbs", "--actors"])
@pytest.mark.parametrize("kind", list(_BAD_DICTIONARIES))
def test_robust_bad_dictionary_is_one_line_error_and_creates_no_store(option, kind, tmp_path):
    write, needle = _BAD_DICTIONARIES[kind]
    bad = tmp_path / "user-dictionary.txt"
    write(bad)
    proc = kg("build", good(tmp_path), "--store", tmp_path / "new-store", option, bad)
    assert_one_line_error(proc, "user-dictionary.txt", *([needle] if needle else []))
    assert not (tmp_path / "new-store").exists()  # checked before a worker starts or the store is made


def test_robust_user_verb_code_that_is_no_cameo_code_is_stored_without_a_cameo_type(tmp_path):
    # PETRARCH's validation verbs code with marks of their own ('174L'); there is no CAMEO concept to link
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- CONDEMN [174L] ---\nCONDEMN\n", encoding="utf-8")
    store = tmp_path / "store"
    proc = kg("build", good(tmp_path), "--store", store, "--verbs", verbs)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    proc = kg("query", "SELECT ?code ?type WHERE { ?e kgo:eventCode ?code OPTIONAL { ?e kgo:eventType ?type } }",
              "--store", store, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.split()
    assert rows[0] == "code,type" and "174L," in rows[1:], proc.stdout


def test_robust_debug_shows_the_traceback(tmp_path):
    proc = kg("--debug", "build", empty(tmp_path), "--store", tmp_path / "store")
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr and "IngestError" in proc.stderr


# ----------------------------------------------------------------- exit 0: the rest goes on


def _added(before: list[str], after: list[str]) -> set[str]:
    """Document graphs in ``after`` that were not in ``before``."""
    old = set(by_graph(before))
    return {g for g in by_graph(after) if "/graph/doc/" in g and g not in old}


def test_robust_mixed_folder_builds_the_good_and_lists_the_bad(small_store, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good(inbox)
    for make in (empty, binary_nul, big_text, script_html, mixed_jsonl, fifo, dangling):
        make(inbox)
    locked = mode_000_works(tmp_path) and unreadable(inbox)
    store = copy_store(small_store, tmp_path / "store")
    before = dump(store)
    proc = kg_unprivileged("build", inbox, "--store", store)
    assert proc.returncode == 3, proc.stderr  # some inputs skipped
    assert_no_traceback(proc)
    assert not [x for x in proc.stderr.splitlines() if x.startswith("kg: error")]
    skipped = sorted(x for x in proc.stderr.splitlines() if x.startswith("kg: skipped"))
    expected = {
        "big.txt": "over max_input_bytes=5000000",
        "empty.txt": "empty file",
        "gone.txt": "not a regular file",
        "image.txt": "binary file",
        "mixed.jsonl:2": "broken JSON",
        "mixed.jsonl:3": 'missing "text"',
        "pipe.txt": "not a regular file",
        "script.html": "no article text found",
    }
    if locked:
        expected["secret.txt"] = "permission denied"
    assert len(skipped) == len(expected), proc.stderr
    for name, why in expected.items():
        assert any(x.startswith(f"kg: skipped {inbox / name}: ") and why in x for x in skipped), (name, skipped)
    assert f"{len(expected)} failures" in proc.stdout
    assert "mixed.jsonl:4: bad \"published\"" in proc.stderr  # bad metadata is a warning, not a failure
    added = _added(before, dump(store))
    assert len(added) == 3  # good.txt and the two good JSONL lines
    assert {g.rsplit("/", 1)[-1] for g in added} >= {"ok-1", "ok-2"}


def test_robust_invalid_utf8_is_replaced_with_a_warning_and_kept(small_store, tmp_path):
    bad = invalid_utf8(tmp_path)
    store = copy_store(small_store, tmp_path / "store")
    before = dump(store)
    proc = kg("build", bad, "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert f"kg: WARNING: {bad}:1: invalid UTF-8 (byte 0xe7); undecodable bytes replaced with U+FFFD" in proc.stderr
    after = dump(store)
    assert len(_added(before, after)) == 1
    assert any("Fran\\uFFFDois" in line or "Fran\ufffdois" in line for line in after)


def test_robust_non_english_text_is_processed_with_a_warning(small_store, tmp_path):
    doc = french(tmp_path)
    store = copy_store(small_store, tmp_path / "store")
    before = dump(store)
    proc = kg("build", doc, "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert f"{doc}: does not look like English text; kg reads English only" in proc.stderr
    assert len(_added(before, dump(store))) == 1


def test_robust_unreadable_file_alone_is_refused(tmp_path):
    if not mode_000_works(tmp_path):
        pytest.skip("cannot make a file unreadable to a subprocess here")
    secret = unreadable(tmp_path)
    proc = kg_unprivileged("build", secret, "--store", tmp_path / "store")
    assert_one_line_error(proc, str(secret), "permission denied")


def test_robust_long_document_is_parsed_in_pieces_with_exact_offsets(tmp_path):
    text = "\n\n".join(a.read_text(encoding="utf-8").strip() for a in ARTICLES[:5]) + "\n"
    doc = tmp_path / "long.txt"
    doc.write_text(text, encoding="utf-8")
    assert len(text) > 4 * 1500
    whole = kg("extract", doc)
    pieces = kg("extract", doc, "--max-doc-chars", "1500")
    assert whole.returncode == 0 and pieces.returncode == 0, (whole.stderr, pieces.stderr)

    def records(proc):
        out = [json.loads(line) for line in proc.stdout.splitlines()]
        for r in out:
            assert text[r["start"]:r["end"]] == r["sentence"], r
        return {(r["start"], r["end"], r["subject"]["label"], r["predicate"], r["object"]["label"]) for r in out}

    one, many = records(whole), records(pieces)
    assert max(start for start, *_ in many) > len(text) - 1500  # relations found in the last piece too
    overlap = len(one & many) / max(1, len(one | many))
    assert overlap > 0.8, (len(one), len(many), overlap)
