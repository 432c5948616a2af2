"""Titles, line breaks and boilerplate with the real pipeline: headlines never glued to the body."""

from __future__ import annotations

import pytest

from kg.pipeline import TITLE_CONFIDENCE, extract


def _relations(tmp_path, text: str, name: str = "a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [rel for _, rels in extract([path]) for rel in rels]


def _labels(rels) -> set[str]:
    return {m.label for r in rels for m in (r.subject, r.object, r.attributed_to) if m is not None}


def test_title_case_headline_is_not_glued_to_the_first_sentence(nlp, tmp_path):
    text = ("Lindqvist Holds Talks in Helsinki\n\n"
            "Swedish Defence Minister Karin Lindqvist met with Finnish President Sauli Niinisto on Tuesday.\n")
    rels = _relations(tmp_path, text)
    assert [(r.subject.label, r.predicate, r.object.label) for r in rels] == [
        ("Karin Lindqvist", "meet with", "Sauli Niinisto")]
    assert rels[0].provenance.start == text.index("Swedish")


def test_read_more_line_gives_nothing(nlp, tmp_path):
    text = ("Oslo hosts fishing talks\n\n"
            "Norway invited Iceland to talks on fishing quotas.\n"
            "Read more: Iceland warns Norway over mackerel catch\n")
    rels = _relations(tmp_path, text)
    assert all(r.provenance.start < text.index("Read more") for r in rels)
    assert "Iceland warns" not in " ".join(r.provenance.sentence for r in rels)


def test_sentence_case_title_is_its_own_sentence_with_lower_confidence(nlp, tmp_path):
    body = "Norway invited Iceland to talks on fishing quotas."
    titled = _relations(tmp_path, f"Norway invited Iceland to talks\n\n{body}\n", "titled.txt")
    [in_title] = [r for r in titled if r.provenance.start == 0]
    assert in_title.provenance.sentence == "Norway invited Iceland to talks"
    [plain] = [r for r in _relations(tmp_path, "Norway invited Iceland to talks.\n", "plain.txt")]
    assert in_title.confidence == round(plain.confidence * TITLE_CONFIDENCE, 2)


@pytest.mark.parametrize("text, starts", [
    ("Ports Reopen After Storm\nDock workers returned to the harbour on Monday.", ["Dock"]),
    ("Ports reopen after storm\nDock workers returned to the harbour on Monday.", ["Ports", "Dock"]),
])
def test_a_headline_line_break_starts_a_sentence(nlp, text, starts):
    from kg.ingest.layout import blank_regions, read_layout

    doc = nlp(blank_regions(text, read_layout(text).regions))
    assert [s.text.strip().split()[0] for s in doc.sents if s.text.strip()] == starts


def test_hard_wrapped_lines_are_not_cut(nlp):
    text = ("The delegation from the northern provinces arrived in the capital late on\n"
            "Monday evening and met with the finance minister to discuss the budget of\n"
            "the regional water authority before returning home.\n")
    assert len([s for s in nlp(text).sents if s.text.strip()]) == 1


def test_blank_line_always_starts_a_sentence(nlp):
    doc = nlp("The minister said\n\nthe talks would resume on Monday.")
    assert len([s for s in doc.sents if s.text.strip()]) == 2


def test_offsets_index_the_text_as_given_for_nfd_input(nlp, tmp_path):
    import unicodedata

    text = ("Talks in Bogota\u0301\r\n\r\nPresident Jose\u0301 Marti\u0301nez met with Rene\u0301 Lefe\u0300vre in "
            "Bogota\u0301 on Monday.\r\n")
    path = tmp_path / "nfd.txt"
    path.write_bytes(text.encode("utf-8"))
    [rel] = _relations(tmp_path, text.replace("\r\n", "\n"), "lf.txt")  # the same article with LF only
    given = [r for _, rels in extract([path]) for r in rels]
    assert [(r.subject.label, r.object.label) for r in given] == [(rel.subject.label, rel.object.label)]
    [g] = given
    for m in (g.subject, g.object):
        assert unicodedata.normalize("NFC", text[m.start : m.end]) == m.text
    p = g.provenance
    assert unicodedata.normalize("NFC", text[p.start : p.end]) == p.sentence
    assert p.start == text.index("President")
