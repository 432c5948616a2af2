"""Rule-based pronoun resolution (kg.extract.coref) on real parses."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, expected",
    [
        # he/she -> the last Person (a subject preferred for a subject pronoun)
        ("Netanyahu met Biden on Monday. He thanked Biden for his support.", ("Netanyahu", "thank", "Biden")),
        ("Netanyahu arrived in Washington, where he met Biden.", ("Netanyahu", "meet", "Biden")),
        ("Biden called Netanyahu, and Macron also called him.", ("Macron", "call", "Netanyahu")),
        # it -> the last Country/Organization that was a subject
        (
            "While the US is not opposed to the strike, it is pressing Israel for restraint.",
            ("United States", "press", "Israel"),
        ),
        ("Iran denied that it attacked the tanker.", ("Iran", "attack", "tanker")),
        # they -> the last Group, Organization or plural role phrase
        ("US officials said they would support Israel.", ("United States", "support", "Israel")),
        ("Hamas fighters crossed the border. They attacked Israeli soldiers.", ("Hamas", "attack", "Israel")),
        # relative pronouns -> the noun they modify
        ("Iran, which backs Hezbollah, condemned the strike.", ("Iran", "back", "Hezbollah")),
    ],
)
def test_coref_pronoun_resolves(tuples_of, text, expected):
    assert expected in tuples_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "He attacked Iran.",  # no antecedent
        "Israel rejected it.",  # an object "it" is a thing more often than a state
        "We condemned Iran.",  # first person is not resolved
        "Netanyahu spoke. Later, Israel struck Iran. Then Iran struck Iraq. Afterwards, she condemned Iran.",  # no Person
    ],
)
def test_coref_unresolvable_pronouns_are_dropped(relations_of, text):
    assert not any(
        r.subject.text.lower() in ("he", "it", "we", "she") or r.object.text.lower() == "it" for r in relations_of(text)
    )


def test_coref_window_is_two_sentences(tuples_of):
    text = "Netanyahu spoke. Israel struck Iran. Iran struck Iraq. Iraq struck Syria. He condemned Syria."
    assert not any(t[0] == "Netanyahu" and t[1] == "condemn" for t in tuples_of(text))


def test_coref_keeps_pronoun_text_and_offsets(relations_of):
    text = "Netanyahu met Biden. He thanked Biden."
    rel = next(r for r in relations_of(text) if r.predicate == "thank")
    assert (rel.subject.text, rel.subject.label) == ("He", "Netanyahu")
    assert text[rel.subject.start : rel.subject.end] == "He"
    assert rel.confidence < next(r for r in relations_of(text) if r.predicate == "meet").confidence
