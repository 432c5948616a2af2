"""Plain text and Markdown files: one document each, titles, normalisation, ids."""

from __future__ import annotations

import unicodedata

import pytest

from kg.ingest import document_id, read_documents
from kg.ingest.text import guess_title

ARTICLE = "France condemns strike\n\nParis condemned the strike on Friday. It urged talks.\n"


def test_text_file_is_one_document_with_headline_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = read_documents([path])
    assert doc.text == ARTICLE  # the title line stays in the text
    assert doc.title == "France condemns strike"
    assert doc.source == str(path)
    assert doc.id == document_id(ARTICLE)
    assert doc.published is None and doc.url is None


def test_offsets_refer_to_document_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = read_documents([path])
    start = doc.text.index("Paris")
    assert doc.text[start : start + 5] == "Paris"
    assert start == ARTICLE.index("Paris")


@pytest.mark.parametrize(
    "text",
    [
        "France condemned the strike on the port.\nMore text follows here.\n",  # final period
        "Only one line, no headline\n",  # nothing after it
        "x" * 200 + "\n\nbody\n",  # too long
        "---\n\nbody\n",  # no letters
    ],
)
def test_no_title_when_first_line_is_not_a_headline(tmp_path, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    [doc] = read_documents([path])
    assert doc.title is None
    assert doc.text == text


def test_markdown_title_drops_hash_in_title_only(tmp_path):
    text = "\n# Talks resume in Doha\n\nNegotiators *met* on Monday.\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    [doc] = read_documents([path])
    assert doc.title == "Talks resume in Doha"
    assert doc.text == text  # Markdown is not stripped


def test_markdown_closing_hashes_and_hashtag():
    assert guess_title("## Ceasefire holds ##\nbody", markdown=True) == "Ceasefire holds"
    assert guess_title("#breaking news\nbody", markdown=True) is None
    assert guess_title("# Title\nbody") == "# Title"  # plain text keeps the hash


def test_markdown_suffix_variants(tmp_path):
    for name in ("a.markdown", "b.text", "C.TXT"):
        (tmp_path / name).write_text(f"# Heading {name}\n\nBody.\n", encoding="utf-8")
    docs = list(read_documents([tmp_path]))
    assert [d.title for d in docs] == ["# Heading C.TXT", "Heading a.markdown", "# Heading b.text"]


def test_text_as_given_id_from_bom_crlf_nfc_normalised_text(tmp_path):
    decomposed = "Cafe\u0301 talks\r\n\r\nThe cafe\u0301 closed.  Twice.\r\nLast\tline\r"
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    [doc] = read_documents([path])
    expected = unicodedata.normalize("NFC", decomposed.replace("\r\n", "\n"))
    assert doc.text == decomposed  # the text as given (only the BOM dropped): offsets index it
    assert doc.id == document_id(expected)  # the id hashes the normalised text
    assert doc.title == "Café talks"


def test_same_text_same_id_whatever_the_file_name(tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.md").write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    first, second = read_documents([tmp_path])
    assert first.id == second.id == document_id(ARTICLE)
    assert first.source != second.source


def test_document_id_format():
    ident = document_id("France condemned Russia.")
    assert ident.startswith("sha256-") and len(ident) == len("sha256-") + 32
    assert all(c in "0123456789abcdef" for c in ident[7:])
    assert ident == document_id("France condemned Russia.")
    assert ident != document_id("France condemned Russia!")
