"""Reciprocal event nouns with their parties in a "between" phrase (issue 13): where the rule must
fire and where it must not. All sentences are written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


RECIPROCAL = [
    ("Officials played down a trade dispute between Kenya and Tanzania.", ("Kenya", "dispute with", "Tanzania")),
    ("Geneva hosted the talks between Renault and Nissan.", ("Renault", "talk with", "Nissan")),
    ("The war between Armenia and Azerbaijan displaced thousands.", ("Armenia", "fight", "Azerbaijan")),
]


@pytest.mark.parametrize("text, expected", RECIPROCAL)
def test_between_phrase_names_the_parties(relations_of, text, expected):
    found = [(r.subject.label, r.predicate, r.object.label, r.nominal) for r in relations_of(text)]
    assert (*expected, True) in found


NOT_RECIPROCAL = [
    # one party only: nobody to relate
    "The dispute between the two neighbours lasted a decade.",
    # a one-sided act has no "between" parties
    "The attack between Hamas and Fatah was condemned.",
    # a place between two places is no party
    "The border between the mountains and the sea is closed.",
]


@pytest.mark.parametrize("text", NOT_RECIPROCAL)
def test_no_parties_no_relation(relations_of, text):
    assert not [r for r in relations_of(text) if r.nominal]
