""""Under <event noun>" as a passive, and product names with model numbers (issue 13): where the
rules must fire and where they must not. All sentences are written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


UNDER = [
    # a noun the phrase modifies, through a description in apposition
    ("The Sentinel drone, a model under development by Northrop Grumman, flew on Monday.",
     ("northrop grumman", "develop", "sentinel")),
    # "be"/"come under": the subject undergoes it
    ("Mariupol came under attack by Russia.", ("russia", "attack", "mariupol")),
    ("Vantex Mining is under investigation by the Securities and Exchange Commission.",
     ("securities and exchange commission", "investigate", "vantex mining")),
    # "of" agent
    ("Rosneft is under the control of the Kremlin.", ("russia", "control", "rosneft")),
]


@pytest.mark.parametrize("text, expected", UNDER)
def test_under_event_noun_is_a_passive(tuples_of, text, expected):
    found = [(s.lower(), p, o.lower()) for s, p, o in tuples_of(text)]
    assert expected in found, found


def test_have_under_development(tuples_of):
    # after "have" the subject is the agent, the noun the clause modifies the patient
    found = tuples_of("Airbus showed the A400M, a plane Spain has under evaluation.")
    assert ("Spain", "evaluate", "A400M") in found, found
    assert ("Lockheed", "develop", "fighter") in tuples_of("Lockheed has the new fighter under development.")


def test_negated_under_phrase(relations_of):
    rels = [r for r in relations_of("Vantex Mining is not under investigation by the FBI.") if r.predicate == "investigate"]
    assert rels and all(r.negated for r in rels)


NOT_UNDER = [
    "The new terminal is under construction.",  # no agent
    "Siemens sold the plant under pressure.",  # an adjunct of manner, no event the host undergoes
    "The shares traded under the symbol VTX.",  # not an event noun
]


@pytest.mark.parametrize("text", NOT_UNDER)
def test_no_under_relation(tuples_of, text):
    assert not any(t[1] in ("build", "construct", "pressure") for t in tuples_of(text))


def test_model_number_stays_in_the_label(relations_of):
    # "787" is part of the name; the count "22" is not
    rels = relations_of("Aeroflot bought 22 new Boeing 787 Dreamliners.", resolve=False)
    assert any(r.object.label.lower() == "boeing 787 dreamliners" for r in rels), [r.object.label for r in rels]


# "X is in <state> of Y": the verb the state noun stands for.
IN_STATE = [
    ("Iran is in breach of the Vienna accord.", ("Iran", "breach", "Vienna accord")),
    ("The Houthis are in control of Hodeidah.", ("Houthis", "control", "Hodeidah")),
    # a partner phrase on the object folds in
    ("Norvik Steel was in possession of secret files from Siemens.", ("Norvik Steel", "possess file from", "Siemens")),
]


@pytest.mark.parametrize("text, expected", IN_STATE)
def test_in_state_of(tuples_of, text, expected):
    found = tuples_of(text)
    assert expected in found, found


@pytest.mark.parametrize("text", ["Iran is in the middle of the crisis.", "Siemens is in Paris."])
def test_other_in_phrases_give_nothing(tuples_of, text):
    assert not tuples_of(text)
