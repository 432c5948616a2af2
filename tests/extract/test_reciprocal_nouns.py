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


# A directive noun issued by the subject of a verb of issuing: that subject is its author.
def test_issued_directive_has_the_issuer_as_author(relations_of):
    rels = relations_of("The World Bank issued a recommendation that Ghana cut its fuel subsidies.")
    found = [(r.subject.label, r.predicate, r.object.label, r.nominal) for r in rels]
    assert ("World Bank", "recommend", "Ghana", True) in found, found


def test_directive_without_content_is_no_directive(relations_of):
    # "an order for 60 jets": no one is told to act
    rels = relations_of("Kenya Airways issued an order for 60 jets.")
    assert not [r for r in rels if r.nominal], rels
