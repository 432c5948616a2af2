"""HTML pages through trafilatura: article text, title, date; pages without text fail."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import IngestError
from kg.ingest import document_id, read_documents


def test_article_text_title_date_url(data_dir, collect):
    got = collect([data_dir / "article.html"])
    assert got.failures == []
    [doc] = got.docs
    assert doc.title == "France condemns port strike"
    assert doc.published == dt.date(2024, 10, 11)
    assert doc.url == "https://news.example.org/world/france-condemns-port-strike"
    assert "France on Friday condemned the missile strike" in doc.text
    assert "urged both sides to return to negotiations" in doc.text
    for boilerplate in ("Sign up for our newsletter", "Copyright", "analytics", "querySelectorAll"):
        assert boilerplate not in doc.text
    assert doc.id == document_id(doc.text)
    assert doc.source == str(data_dir / "article.html")


def test_scripts_and_no_article_text_is_a_failure(data_dir, collect):
    got = collect([data_dir / "scripts_only.html"])
    assert got.docs == []
    [failure] = got.failures
    assert failure.message == "no article text found"
    assert failure.line is None and failure.source == str(data_dir / "scripts_only.html")


def test_scripts_only_raises_without_on_error(data_dir):
    with pytest.raises(IngestError, match="scripts_only.html: no article text found"):
        list(read_documents([data_dir / "scripts_only.html"]))


def test_declared_charset_is_honoured(data_dir, collect):
    [doc] = collect([data_dir / "latin1.html"]).docs
    assert doc.title == "Grève à Marseille"
    assert "ont entamé une grève illimitée" in doc.text


def test_htm_suffix_and_sniffed_html(tmp_path, data_dir, collect):
    page = (data_dir / "article.html").read_bytes()
    (tmp_path / "page.htm").write_bytes(page)
    (tmp_path / "page.unknown").write_bytes(page)
    got = collect([tmp_path / "page.htm", tmp_path / "page.unknown"])
    assert got.failures == []
    assert got.docs[0].id == got.docs[1].id
    assert got.docs[1].title == "France condemns port strike"
