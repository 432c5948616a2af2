"""Attribution recall (issue 14): every relation inside reported content gets its source.

Each rule is stated over the parse and tested where it must fire and where it must not.
Tuples: (subject, predicate, object, attributed_to).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _sources(relations_of, text: str, subject: str, predicate: str) -> list:
    return [
        r.attributed_to for r in relations_of(text) if r.subject.label == subject and r.predicate == predicate
    ]


# A source that is no actor (a poll, a study, a census, "authorities") is still the source: a concept node.
DESCRIPTION_SOURCES = [
    ("According to the census, Poland hosts many Ukrainians.", "Poland", "host", "census"),
    ("Authorities have said the police arrested Jones.", "police", "arrest", "authorities"),
    ("The inquiry concluded that Vantor Mining bribed Helen Okafor.", "Vantor Mining", "bribe", "inquiry"),
    # a relative pronoun stands for its antecedent
    ("A farmer who said Pfizer paid Moderna was arrested.", "Pfizer", "pay", "farmer"),
]


@pytest.mark.parametrize("text, subject, predicate, source", DESCRIPTION_SOURCES)
def test_a_description_is_a_source(relations_of, text, subject, predicate, source):
    found = _sources(relations_of, text, subject, predicate)
    assert found and found[0] is not None and found[0].label == source
    assert text[found[0].start : found[0].end].lower().endswith(source)


def test_an_unresolved_pronoun_is_no_source_node(relations_of):
    # nothing before "He" to resolve it to: no node named "he"
    found = _sources(relations_of, "He said that Pfizer paid Moderna.", "Pfizer", "pay")
    assert found == [None]


def test_a_named_speaker_is_not_replaced_by_whom_they_spoke_to(relations_of):
    text = "Merkel, speaking to a farmers' group in Bavaria, said that Pfizer paid Moderna."
    assert [s.label for s in _sources(relations_of, text, "Pfizer", "pay")] == ["Angela Merkel"]


def test_an_unnamed_source_speaking_to_a_named_outlet_is_the_outlet(relations_of):
    text = "Officials speaking to Reuters said that Pfizer paid Moderna."
    assert [s.label for s in _sources(relations_of, text, "Pfizer", "pay")] == ["Reuters"]


# A quotation is attributed at its edge; every sentence inside it is that speaker's.
QUOTED = [
    ('"We will not sign," Maria Lopez said. "Pfizer paid Moderna. Bayer bought Monsanto."', "Maria Lopez"),
    ('Maria Lopez said: "Pfizer paid Moderna. Bayer bought Monsanto."', "Maria Lopez"),
    ('"Pfizer paid Moderna. Bayer bought Monsanto," said Maria Lopez.', "Maria Lopez"),
    ('"Pfizer paid Moderna. Bayer bought Monsanto." \u2015 Maria Lopez', "Maria Lopez"),
    # a closing mark that starts a paragraph opens the quotation
    ("\u201dPfizer paid Moderna. Bayer bought Monsanto.\u201d \u2015 Maria Lopez", "Maria Lopez"),
    # the closing mark glued to the dash
    ("\u201cPfizer paid Moderna. Bayer bought Monsanto.\u201d\u2015 Maria Lopez.", "Maria Lopez"),
    # a transcript's speaker label: the person the article names
    ("Senator Maria Lopez met reporters.\n\nLOPEZ: Pfizer paid Moderna. Bayer bought Monsanto.", "Maria Lopez"),
]


@pytest.mark.parametrize("text, speaker", QUOTED)
def test_every_sentence_of_a_quotation_is_its_speakers(relations_of, text, speaker):
    for subject, predicate in (("Pfizer", "pay"), ("Bayer", "buy")):
        assert [s.label if s else None for s in _sources(relations_of, text, subject, predicate)] == [speaker]


QUOTED_NOT = [
    # a sentence of narration between the clause of saying and the next quotation ends the speaker's turn
    '"We will not sign," Maria Lopez said. Pfizer paid Moderna. "Bayer bought Monsanto."',
    # scare quotes with no clause of saying attribute nothing
    'Pfizer paid Moderna, a "small" firm. Bayer bought Monsanto.',
    # the next line's quotation is the next speaker's, not a continuation
    "\u201cSiemens sued Bosch.\u201d \u2015 Maria Lopez\n\u201cPfizer paid Moderna. Bayer bought Monsanto.\u201d",
    # a dateline or a kicker in capitals is no speaker label
    "Senator Maria Lopez met reporters.\n\nWASHINGTON: Pfizer paid Moderna. Bayer bought Monsanto.",
    "EXCLUSIVE: Pfizer paid Moderna. Bayer bought Monsanto.",
]


@pytest.mark.parametrize("text", QUOTED_NOT)
def test_a_quotation_without_its_own_speaker_is_not_attributed(relations_of, text):
    for subject, predicate in (("Pfizer", "pay"), ("Bayer", "buy")):
        assert _sources(relations_of, text, subject, predicate) == [None]


# Verbs of evidence and cognition report a finite clause ("a survey shows that"), never their object.
CLAUSE_REPORTS = [
    ("A Gallup survey shows that Pfizer paid Moderna.", "Pfizer", "pay", "Gallup survey"),
    ("The court ruled that Pfizer had copied Moderna.", "Pfizer", "copy", "court"),
    ("Bayer hopes that Pfizer will pay Moderna.", "Pfizer", "pay", "Bayer"),
]


@pytest.mark.parametrize("text, subject, predicate, source", CLAUSE_REPORTS)
def test_a_verb_of_evidence_or_cognition_reports_its_clause(relations_of, text, subject, predicate, source):
    assert [s.label if s else None for s in _sources(relations_of, text, subject, predicate)] == [source]


def test_a_verb_of_evidence_with_an_object_reports_nothing(relations_of):
    # "found" with an object, and a clause conjoined to it (no complement): nothing is reported
    assert _sources(relations_of, "The audit found errors, and Pfizer paid Moderna.", "Pfizer", "pay") == [None]


def test_a_headlines_capitals_make_no_named_source(relations_of):
    text = "Iran Attacked Israel, Sources Say\n\nThe strike came at night."
    found = _sources(relations_of, text, "Iran", "attack")
    assert [s.label for s in found] == ["anonymous source"]


# A nested report: the innermost source is attributed_to, the outer reporter is reported_by.
NESTED = [
    ("According to Reuters, Maria Lopez said that Pfizer paid Moderna.", "Pfizer", "pay", "Maria Lopez", "Reuters"),
    ("Reuters reported that Bayer denied suing Monsanto.", "Bayer", "sue", "Bayer", "Reuters"),
    ('"Monsanto sued Pfizer. Bayer said Pfizer paid Moderna," Maria Lopez said.', "Pfizer", "pay", "Bayer", "Maria Lopez"),
    # one layer only: no reporter
    ("Maria Lopez said that Pfizer paid Moderna.", "Pfizer", "pay", "Maria Lopez", None),
]


@pytest.mark.parametrize("text, subject, predicate, source, reporter", NESTED)
def test_a_nested_report_keeps_the_outer_reporter(relations_of, text, subject, predicate, source, reporter):
    found = [r for r in relations_of(text) if r.subject.label == subject and r.predicate == predicate]
    assert [(r.attributed_to.label, r.reported_by.label if r.reported_by else None) for r in found] == [
        (source, reporter)
    ]


def test_the_reporter_is_in_the_graph(relations_of):
    from kg.rdf.convert import document_quads
    from kg.rdf.namespaces import KGO
    from kg.records import Document

    text = "According to Reuters, Maria Lopez said that Pfizer paid Moderna."
    quads = list(document_quads(Document(id="test", text=text), relations_of(text)))
    by = {str(o) for s, p, o, g in quads if p == KGO.reportedBy}
    said = {str(o) for s, p, o, g in quads if p == KGO.attributedTo}
    assert len(by) == 1 and "/actor/reuters-" in next(iter(by)) and by != said


def test_a_complement_parsed_as_an_adverbial_clause_is_reported(relations_of):
    # "after" makes the parser read the complement as an adverbial clause
    text = "Weber said after the meeting that Pfizer would pay Moderna."
    assert [s.label for s in _sources(relations_of, text, "Pfizer", "pay")] == ["Weber"]
    text = "Weber said after the meeting Pfizer would pay Moderna."
    assert [s.label for s in _sources(relations_of, text, "Pfizer", "pay")] == ["Weber"]


def test_an_adverbial_clause_with_a_subordinator_is_not_reported(relations_of):
    assert _sources(relations_of, "Weber spoke after Pfizer paid Moderna.", "Pfizer", "pay") == [None]


def test_according_to_a_phrase_misread_as_a_verb(relations_of):
    # the parser reads "show" as a verb heading the phrase; the phrase's noun is still the source
    text = "Weber repeatedly insulted Pfizer, according to show insiders."
    assert [s.label for s in _sources(relations_of, text, "Weber", "insult")] == ["anonymous source"]
