"""JSON Lines: one document per line, per-line failures, metadata parsing."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from kg.errors import IngestError
from kg.ingest import document_id, read_documents


def write_lines(path, *lines: str) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_fields_and_source(tmp_path, collect):
    path = tmp_path / "news.jsonl"
    write_lines(
        path,
        json.dumps({"id": "d1", "text": "France condemned Russia.", "published": "2024-10-11",
                    "title": "Condemnation", "url": "https://example.org/a"}),
        "",
        json.dumps({"text": "Israel met Egypt.", "published": "2024-10-12T23:30:00-04:00"}),
        json.dumps({"id": 7, "text": "Iran warned Israel."}),
    )
    got = collect([path])
    assert got.failures == []
    first, second, third = got.docs
    assert (first.id, first.title, first.url, first.published) == (
        "d1", "Condemnation", "https://example.org/a", dt.date(2024, 10, 11))
    assert first.source == f"{path}:1"
    assert second.id == document_id("Israel met Egypt.")  # missing id → content hash
    assert second.published == dt.date(2024, 10, 12)  # datetime keeps its own date
    assert second.source == f"{path}:3"  # the blank line 2 is skipped but counted
    assert third.id == "7"


def test_broken_line_is_reported_with_line_number_and_others_read(tmp_path, collect):
    path = tmp_path / "news.ndjson"
    write_lines(path, '{"text": "One."}', '{"text": "Two.", ', '{"text": "Three."}')
    got = collect([path])
    assert [d.text for d in got.docs] == ["One.", "Three."]
    [failure] = got.failures
    assert (failure.source, failure.line) == (str(path), 2)
    assert "broken JSON" in failure.message
    assert str(failure).startswith(f"{path}:2: broken JSON")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "x"}', 'missing "text"'),
        ('{"text": 42}', '"text" must be a string'),
        ('{"text": null}', '"text" must be a string'),
        ('{"text": "   "}', '"text" is empty'),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"id": ["x"], "text": "ok"}', '"id" must be'),
    ],
)
def test_bad_records(tmp_path, collect, line, message):
    path = tmp_path / "a.jsonl"
    write_lines(path, line, '{"text": "Fine."}')
    got = collect([path])
    assert [d.text for d in got.docs] == ["Fine."]
    [failure] = got.failures
    assert failure.line == 1 and message in failure.message


def test_without_on_error_raises_ingest_error_naming_path_and_line(tmp_path):
    path = tmp_path / "a.jsonl"
    write_lines(path, '{"text": "One."}', '{"id": "x"}')
    docs = read_documents([path])
    assert next(docs).text == "One."
    with pytest.raises(IngestError, match=rf"^{path}:2: missing \"text\""):
        next(docs)


def test_bad_date_is_a_warning_not_a_failure(tmp_path, collect, caplog):
    path = tmp_path / "a.jsonl"
    write_lines(path, '{"text": "One.", "published": "last Tuesday"}', '{"text": "Two.", "published": 2024}')
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        got = collect([path])
    assert got.failures == []
    assert [d.published for d in got.docs] == [None, None]
    assert f"{path}:1" in caplog.text and "last Tuesday" in caplog.text
    assert f"{path}:2" in caplog.text


def test_text_is_kept_as_given_and_bom_stripped(tmp_path, collect):
    from kg.ingest import document_id

    path = tmp_path / "a.jsonl"
    record = json.dumps({"text": "Cafe\u0301\r\nclosed."})
    path.write_bytes(b"\xef\xbb\xbf" + record.encode() + b"\r\n")
    [doc] = collect([path]).docs
    assert doc.text == "Cafe\u0301\r\nclosed."  # offsets index the text as given
    assert doc.id == document_id("Café\nclosed.")  # the id hashes the normalised text


def test_invalid_utf8_in_a_line_is_replaced_with_warning(tmp_path, collect, caplog):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9 closed"}\n')
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        got = collect([path])
    assert [d.text for d in got.docs] == ["ok", "caf\ufffd closed"]
    assert f"{path}:2: invalid UTF-8" in caplog.text


def test_lone_surrogate_escape_is_replaced(tmp_path, collect):
    path = tmp_path / "a.jsonl"
    write_lines(path, '{"text": "bad \\ud800 char"}')
    [doc] = collect([path]).docs
    assert doc.text == "bad \ufffd char"


def test_line_over_limit_is_a_failure_for_that_line_only(tmp_path, collect):
    path = tmp_path / "a.jsonl"
    write_lines(path, json.dumps({"text": "x" * 500}), '{"text": "short"}')
    got = collect([path], max_input_bytes=100)
    assert [d.text for d in got.docs] == ["short"]
    [failure] = got.failures
    assert failure.line == 1 and "max_input_bytes" in failure.message


def test_empty_jsonl_is_a_failure(tmp_path, collect):
    path = tmp_path / "a.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    got = collect([path])
    assert got.docs == []
    assert [f.message for f in got.failures] == ["empty file (no JSON lines)"]
