"""Document structure (kg.ingest.layout): titles, headings, bylines, datelines, boilerplate, front matter."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest import read_documents
from kg.ingest.layout import blank_regions, is_title_case, read_front_matter, read_layout
from kg.records import Region


def _kinds(text: str, **kwargs) -> list[tuple[str, str, bool]]:
    return [(r.kind, text[r.start : r.end], r.extracted) for r in read_layout(text, **kwargs).regions]


def test_title_case_headline_is_a_title_not_read():
    text = "Ministers Agree Fishing Quota After Long Night in Oslo\n\nNorway and Iceland signed a quota deal.\n"
    assert _kinds(text) == [("title", "Ministers Agree Fishing Quota After Long Night in Oslo", False)]
    assert read_layout(text).title == "Ministers Agree Fishing Quota After Long Night in Oslo"


def test_sentence_case_headline_is_a_title_read_as_a_sentence():
    text = "Norway signs fishing deal with Iceland\n\nThe two governments met in Oslo on Friday.\n"
    assert _kinds(text) == [("title", "Norway signs fishing deal with Iceland", True)]


def test_headline_without_blank_line_is_still_a_title():
    text = "Ports Reopen After Storm\nDock workers returned to the harbour on Monday.\n"
    assert _kinds(text)[0] == ("title", "Ports Reopen After Storm", False)


@pytest.mark.parametrize("text", [
    "The harbour reopened on Monday.\n\nWorkers returned.\n",  # a sentence, not a headline
    "One line only, no headline\n",  # nothing after it
    "y" * 151 + "\n\nbody\n",  # too long for a headline
])
def test_no_title(text):
    assert read_layout(text).title is None
    assert not [r for r in read_layout(text).regions if r.kind == "title"]


def test_first_line_equal_to_the_given_title_is_the_title_even_with_a_period():
    text = "Harbour Strike Ends After Pay Offer.\n\nUnion members voted to return.\n"
    layout = read_layout(text, title="Harbour Strike Ends After Pay Offer")
    assert [(r.kind, r.extracted) for r in layout.regions] == [("title", False)]


def test_markdown_headings():
    text = "# Grain Talks Resume\n\nDelegates met in Ankara.\n\n## Next steps for the corridor\n\nMore talks follow.\n"
    assert _kinds(text, markdown=True) == [
        ("title", "# Grain Talks Resume", False),
        ("heading", "## Next steps for the corridor", True),
    ]
    assert read_layout(text, markdown=True).title == "Grain Talks Resume"


def test_underlined_markdown_title():
    text = "Grain Talks Resume\n==================\n\nDelegates met in Ankara.\n"
    assert _kinds(text, markdown=True) == [("title", "Grain Talks Resume\n==================", False)]


def test_byline_dateline_and_boilerplate():
    text = (
        "Grain Deal Extended\n\n"
        "By Maria Olsen and Tom Reed, Reuters\n\n"
        "ANKARA (Reuters) - Turkey and Ukraine extended the grain corridor on Tuesday.\n\n"
        "A Reuters/Ipsos poll showed support for the deal.\n\n"
        "A ship leaves the port of Odesa. REUTERS/Anna Petrova\n\n"
        "Read more: Ukraine ships record grain volumes\n"
        "Related: Black Sea insurance rates fall\n"
        "Follow us on Twitter\n"
        "Facebook Twitter Email\n"
        "Sign up for our morning briefing\n"
        "(Reporting by Maria Olsen; Editing by Tom Reed)\n"
    )
    got = _kinds(text)
    assert got[:3] == [
        ("title", "Grain Deal Extended", False),
        ("byline", "By Maria Olsen and Tom Reed, Reuters", False),
        ("dateline", "ANKARA (Reuters) - ", False),
    ]
    assert [k for k, _, _ in got[3:]] == ["boilerplate"] * 7
    assert all("poll" not in t for _, t, _ in got)  # a Reuters/Ipsos poll is body text


@pytest.mark.parametrize("line", [
    "KYIV, Ukraine (AP) — ",
    "GAZA CITY, Oct 11 (Reuters) - ",
    "WASHINGTON — ",
])
def test_dateline_prefixes(line):
    text = f"{line}The envoy arrived on Monday.\n"
    [(kind, found, _)] = _kinds(text)
    assert kind == "dateline" and found == line


def test_dateline_only_in_the_first_paragraph():
    text = "Talks went on.\n\nNATO - the alliance said - would meet.\n"
    assert _kinds(text) == []


def test_body_sentences_are_not_boilerplate():
    text = ("Subscribers to the paper complained.\n\nShare prices fell after the related announcement.\n\n"
            "Byelections were held in Wales.\n")
    assert _kinds(text) == []


def test_standalone_title_case_line_is_a_heading_only_between_blank_lines():
    text = "The talks began.\n\nA Long Night In Oslo\n\nThe talks ended.\n"
    assert _kinds(text) == [("heading", "A Long Night In Oslo", False)]
    assert _kinds("The talks began.\nA Long Night In Oslo\nThe talks ended.\n") == []


def test_title_case():
    assert is_title_case("Grain Deal Extended as Ships Leave Odesa")
    assert is_title_case("GRAIN DEAL EXTENDED")
    assert not is_title_case("Grain deal extended as ships leave Odesa")


def test_blank_regions_keeps_length_and_line_breaks():
    text = "Grain Deal Extended\n\nShips left.\nRead more: x\n"
    regions = read_layout(text).regions
    blanked = blank_regions(text, regions)
    assert len(blanked) == len(text)
    assert blanked == " " * 19 + "\n\nShips left.\n" + " " * 12 + "\n"
    assert blank_regions(text, [Region("title", 0, 19, extracted=True)]) == text


def test_front_matter():
    text = ("---\ntitle: Grain deal extended\ndate: 2024-07-18\nurl: https://example.org/grain\nid: grain-1\n---\n"
            "Ships left Odesa.\n")
    fm = read_front_matter(text)
    assert (fm.title, fm.published, fm.url, fm.id) == ("Grain deal extended", dt.date(2024, 7, 18),
                                                      "https://example.org/grain", "grain-1")
    assert text[: fm.end].endswith("---") and text[fm.end :] == "\nShips left Odesa.\n"
    assert _kinds(text)[0][0] == "front-matter"


@pytest.mark.parametrize("text", [
    "---\n\nA rule, then text.\n",  # no closing fence
    "---\n- a\n- list\n---\nText.\n",  # not a mapping
    "---\ntitle: [unclosed\n---\nText.\n",  # not YAML
])
def test_not_front_matter(text):
    assert read_front_matter(text) is None


def test_front_matter_gives_document_metadata(tmp_path):
    path = tmp_path / "grain.md"
    path.write_text("---\ntitle: Grain deal extended\npublished: 2024-07-18T09:30:00+03:00\nid: grain-1\n---\n\n"
                    "Turkey and Ukraine extended the grain corridor.\n", encoding="utf-8")
    [doc] = read_documents([path])
    assert (doc.id, doc.title, doc.published) == ("grain-1", "Grain deal extended", dt.date(2024, 7, 18))
    assert doc.regions[0].kind == "front-matter" and doc.text.startswith("---\ntitle")


def test_front_matter_bad_date_is_a_warning(tmp_path, caplog):
    path = tmp_path / "a.md"
    path.write_text("---\ndate: last Tuesday\n---\nShips left.\n", encoding="utf-8")
    [doc] = read_documents([path])
    assert doc.published is None
    assert "not an ISO date" in caplog.text


def test_front_matter_only_is_an_empty_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Nothing here\n---\n\n", encoding="utf-8")
    failures = []
    assert list(read_documents([path], on_error=failures.append)) == []
    assert "front matter only" in failures[0].message


def test_jsonl_text_gets_regions(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "d1", "title": "Grain Deal Extended", '
                    '"text": "Grain Deal Extended.\\n\\nShips left Odesa.\\n\\nRead more: rates fall"}\n', encoding="utf-8")
    [doc] = read_documents([path])
    assert [r.kind for r in doc.regions] == ["title", "boilerplate"]
    assert doc.title == "Grain Deal Extended"
