"""Finding inputs (folders, stdin, sniffing) and reporting bad ones."""

from __future__ import annotations

import io
import logging
import os
import sys
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import IngestFailure, read_documents


def stdin_of(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_folder_is_recursive_sorted_and_skips_hidden_and_unknown(tmp_path, collect):
    files = {
        "b.txt": "Bee.",
        "a/z.md": "Zed.",
        "a/c/d.text": "Dee.",
        "a.txt": "Ay.",
        "e.jsonl": '{"text": "Ee."}',
        "f.htm": "",  # listed, fails (empty)
        "notes.csv": "skipped",
        "image.png": "skipped",
        ".hidden.txt": "skipped",
        ".git/config.txt": "skipped",
        "a/.cache/x.md": "skipped",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    got = collect([tmp_path])
    assert [d.text for d in got.docs] == ["Dee.", "Zed.", "Ay.", "Bee.", "Ee."]
    assert [Path(f.source).name for f in got.failures] == ["f.htm"]
    assert [d.text for d in collect([tmp_path]).docs] == ["Dee.", "Zed.", "Ay.", "Bee.", "Ee."]


def test_sources_keep_the_given_order(tmp_path, collect):
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Two.", encoding="utf-8")
    got = collect([str(tmp_path / "two.txt"), tmp_path / "one.txt"])
    assert [d.text for d in got.docs] == ["Two.", "One."]


def test_unknown_suffix_is_sniffed(tmp_path, collect):
    (tmp_path / "feed.dat").write_text('{"id": "j1", "text": "A."}\n\n{"text": "B."}\n', encoding="utf-8")
    (tmp_path / "README").write_text("Heading here\n\nSome {braces} text.\n", encoding="utf-8")
    got = collect([tmp_path / "feed.dat", tmp_path / "README"])
    assert [d.id for d in got.docs[:2]] == ["j1", got.docs[1].id]
    assert got.docs[1].source == f"{tmp_path / 'feed.dat'}:3"
    assert got.docs[2].title == "Heading here"


def test_stdin_text(monkeypatch, collect):
    stdin_of(monkeypatch, "Talks resume\r\n\r\nDiplomats met in Doha.\r\n".encode())
    [doc] = collect(["-"]).docs
    assert doc.source == "<stdin>"
    assert doc.text.replace("\r\n", "\n") == "Talks resume\n\nDiplomats met in Doha.\n"  # as given (CRLF kept)
    assert doc.title == "Talks resume"


def test_stdin_jsonl(monkeypatch, collect):
    stdin_of(monkeypatch, b'{"id": "s1", "text": "One."}\n\n  {"text": "Two."}\n{broken\n')
    got = collect(["-"])
    assert [(d.id, d.source) for d in got.docs][0] == ("s1", "<stdin>:1")
    assert got.docs[1].source == "<stdin>:3"
    assert [str(f) for f in got.failures] == [
        "<stdin>:4: broken JSON (Expecting property name enclosed in double quotes at column 2); "
        "fix or remove the line"
    ]


def test_stdin_mixed_lines_are_text(monkeypatch, collect):
    stdin_of(monkeypatch, b'{"text": "One."}\nnot json\n')
    [doc] = collect(["-"]).docs
    assert doc.text == '{"text": "One."}\nnot json\n'


def test_stdin_html(monkeypatch, collect, data_dir):
    stdin_of(monkeypatch, (data_dir / "article.html").read_bytes())
    [doc] = collect(["-"]).docs
    assert doc.title == "France condemns port strike" and doc.source == "<stdin>"


def test_nonexistent_path_raises_naming_it_even_with_on_error(tmp_path):
    missing = tmp_path / "nope" / "missing.txt"
    with pytest.raises(IngestError, match="missing.txt: no such file"):
        read_documents([missing], on_error=lambda failure: None)


def test_empty_file(tmp_path, collect):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("  \n\n", encoding="utf-8")
    got = collect([tmp_path])
    assert got.docs == []
    assert [(Path(f.source).name, f.message) for f in got.failures] == [
        ("blank.md", "empty file"), ("empty.txt", "empty file")]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"PK\x03\x04\x00\x00binary zip header" * 10, "NUL bytes"),
        (bytes(range(1, 32)) * 20, "mostly non-text"),
        (b"\x89PNG\r\n\x1a\n" + bytes([0x80, 0xFF, 0x90, 0xC3]) * 100, "mostly non-text"),
    ],
)
def test_binary_file(tmp_path, collect, data, why):
    path = tmp_path / "photo.txt"
    path.write_bytes(data)
    got = collect([path])
    assert got.docs == []
    [failure] = got.failures
    assert failure.message.startswith("binary file") and why in failure.message


def test_binary_jsonl(tmp_path, collect):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "\x00\x00"}\n')
    [failure] = collect([path]).failures
    assert "NUL bytes" in failure.message


def test_invalid_utf8_is_replaced_with_warning_and_kept(tmp_path, collect, caplog):
    path = tmp_path / "latin.txt"
    path.write_bytes("Grève générale\n\nLes dockers sont en grève.\n".encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        got = collect([path])
    assert got.failures == []
    [doc] = got.docs
    assert doc.text == "Gr\ufffdve g\ufffdn\ufffdrale\n\nLes dockers sont en gr\ufffdve.\n"
    assert f"{path}:1: invalid UTF-8" in caplog.text


def test_utf16_with_bom_is_decoded(tmp_path, collect):
    path = tmp_path / "wide.txt"
    path.write_bytes("Talks resume\r\n\r\nBody.".encode("utf-16"))
    [doc] = collect([path]).docs
    assert doc.text == "Talks resume\r\n\r\nBody."  # decoded, as given


def test_oversize_file(tmp_path, collect):
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("Small.", encoding="utf-8")
    got = collect([big, small], max_input_bytes=100)
    assert [d.text for d in got.docs] == ["Small."]
    [failure] = got.failures
    assert failure.source == str(big) and "over max_input_bytes=100" in failure.message


def test_oversize_stdin(monkeypatch, collect):
    stdin_of(monkeypatch, b"x" * 101)
    [failure] = collect(["-"], max_input_bytes=100).failures
    assert failure.source == "<stdin>" and "max_input_bytes" in failure.message


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read mode-000 files")
def test_unreadable_file_chmod(tmp_path, collect):
    path = tmp_path / "secret.txt"
    path.write_text("Secret.", encoding="utf-8")
    path.chmod(0)
    try:
        [failure] = collect([path]).failures
    finally:
        path.chmod(0o644)
    assert "permission denied" in failure.message


@pytest.mark.parametrize("name", ["secret.txt", "secret.jsonl"])
def test_unreadable_file_simulated(tmp_path, collect, monkeypatch, name):
    path = tmp_path / name
    path.write_text('{"text": "Secret."}', encoding="utf-8")
    (tmp_path / "z_open.txt").write_text("Open.", encoding="utf-8")

    def refuse(self, *args, **kwargs):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    real_open = Path.open
    monkeypatch.setattr(Path, "open", refuse)  # Path.read_bytes opens through Path.open
    got = collect([tmp_path])
    assert [d.text for d in got.docs] == ["Open."]
    [failure] = got.failures
    assert failure == IngestFailure(source=str(path), line=None, message="cannot read (permission denied)")


def test_first_failure_raises_without_on_error(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    docs = read_documents([tmp_path])
    assert next(docs).text == "Fine."
    with pytest.raises(IngestError, match=r"b\.txt: empty file$"):
        next(docs)


def test_failure_str_and_frozen():
    failure = IngestFailure(source="news.jsonl", line=3, message="broken JSON")
    assert str(failure) == "news.jsonl:3: broken JSON"
    assert str(IngestFailure(source="a.txt", line=None, message="empty file")) == "a.txt: empty file"
    with pytest.raises(AttributeError):
        failure.line = 4  # type: ignore[misc]
