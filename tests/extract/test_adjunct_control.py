"""Who does a subjectless adjunct or infinitive (issue 13): each rule with sentences where it must
fire and where it must not. All sentences are written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


# A temporal or circumstantial adjunct of a passive clause is its grammatical subject's.
PASSIVE_ADJUNCTS = [
    ("Vantex Mining was fined after polluting the Ogun River.", ("Vantex Mining", "pollute", "Ogun River")),
    (
        "The general was arrested by the police of Kenya while visiting Uganda.",
        ("general", "visit", "Uganda"),
    ),
]


@pytest.mark.parametrize("text, expected", PASSIVE_ADJUNCTS)
def test_passive_clause_subject_controls_adjunct(tuples_of, text, expected):
    found = tuples_of(text)
    assert expected in found
    # never the passive's agent
    assert not any(t[1] == expected[1] and t[0] != expected[0] for t in found)


@pytest.mark.parametrize("text, wrong", [
    # a bare participle says something of the whole clause, not of its subject
    ("The Senate of Kenya was blamed for the delay, reflecting the anger of Uganda.", ("Senate of Kenya", "reflect")),
    # a reduced relative is no finite passive: its adjunct is left alone
    ("Kenyan officials described a campaign run by Uganda aimed at embarrassing Tanzania.", ("campaign", "embarrass")),
])
def test_adjunct_not_given_to_passive_subject(tuples_of, text, wrong):
    assert not any((t[0], t[1]) == wrong for t in tuples_of(text))


def test_instrumental_by_is_the_agents(tuples_of):
    # "was rescued by X by selling Y": the doer (X) sells, not the rescued
    found = tuples_of("Norland Steel was rescued by Halvorsen Group by selling its stake in Brio Motors.")
    assert not any(t[0] == "Norland Steel" and t[1].startswith("sell") for t in found)


# The infinitive of a plan or operation noun one notifies someone about is the notifier's.
def test_notified_operation_is_the_notifiers(tuples_of):
    found = tuples_of("Turkish Defence Minister Hulusi Akar notified NATO about an operation to capture Raqqa.")
    assert ("Hulusi Akar", "capture", "Raqqa") in found, found


def test_warned_plot_is_not_the_warners(tuples_of):
    # a warning is often about someone else's plan
    found = tuples_of("The CIA warned Egypt of a plot to kill Sisi.")
    assert not any(t[1] == "kill" for t in found), found


# "Y was informed only after X acted": X informed Y, an agent the sentence implies.
def test_late_notice_comes_from_the_actor(relations_of):
    rels = relations_of("Kenyan officials were only told after Ugandan troops had crossed the border.")
    found = [r for r in rels if r.predicate == "tell"]
    assert [(r.subject.text, r.object.label) for r in found] == [("Ugandan troops", "Kenya")], found
    assert all(r.confidence < 0.7 for r in found)  # implied, not stated


@pytest.mark.parametrize("text", [
    "Kenyan officials were told after Ugandan troops had crossed the border.",  # no "only": no late notice
    "Kenyan officials were only told by Tanzania after Ugandan troops had crossed.",  # the agent is stated
])
def test_no_implied_informer(relations_of, text):
    assert not any(r.predicate == "tell" and r.subject.text == "Ugandan troops" for r in relations_of(text))


# A deliberative body in an "in" phrase is the agent of a passive; a place is not.
def test_body_in_phrase_is_the_agent(tuples_of):
    assert ("Knesset", "approve", "budget") in tuples_of("The budget was approved in the Knesset on Monday.")
    assert not any(t[0] == "Geneva" for t in tuples_of("The accord was signed in Geneva on Monday."))


# "before X to V": no clause takes a subordinator and a subject with an infinitive; a preposition.
def test_subordinator_read_as_preposition(nlp, tuples_of):
    text = "The airlines of Kenya and Uganda had pleaded before the Senate to be granted new routes."
    before = next(t for t in nlp(text) if t.lower_ == "before")
    found = tuples_of(text)
    assert before.dep_ == "mark"  # the parse this rule repairs
    assert any(t[1] == "plead before" for t in found), found


def test_real_before_clause_is_no_phrase(tuples_of):
    assert not any(t[1].endswith("before") for t in tuples_of("Renault left Iran before Siemens arrived."))
