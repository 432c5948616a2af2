"""Event-coding targets (``mode="events"``, :mod:`kg.extract.targets`): the first actor in a coded
verb's phrase is its target, as PETRARCH codes it; ``mode="actors"`` keeps them out (guidelines §1).
All sentences are written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _dyads(relations):
    return {(r.subject.label, r.object.label) for r in relations if r.event_code}


FIRES = [
    # an event noun object: its stacked phrase names the partner
    ("Kenya welcomed the resumption of trade links with Tanzania.", {("Kenya", "Tanzania")}),
    # coordinated subjects and a "between" phrase distribute
    ("Kenya and Uganda welcomed the resumption of trade links between Ethiopia and Somalia.",
     {("Kenya", "Ethiopia"), ("Kenya", "Somalia"), ("Uganda", "Ethiopia"), ("Uganda", "Somalia")}),
    # a complement clause: its subject is the first actor of the phrase
    ("Peru conceded that Chile is a difficult neighbour.", {("Peru", "Chile")}),
    # a place deep in the object
    ("France criticized the closing of schools in Mali.", {("France", "Mali")}),
]


@pytest.mark.parametrize("text, dyads", FIRES)
def test_first_actor_in_the_phrase_is_the_target(relations_of, text, dyads):
    assert dyads <= _dyads(relations_of(text, mode="events"))


@pytest.mark.parametrize("text, dyads", FIRES)
def test_actors_mode_keeps_them_out(relations_of, text, dyads):
    assert not dyads & _dyads(relations_of(text, mode="actors"))


def test_predicate_spells_the_path(relations_of):
    found = {(r.predicate, r.object.label) for r in relations_of(
        "Kenya welcomed the resumption of trade links with Tanzania.", mode="events")}
    assert ("welcome resumption of link with", "Tanzania") in found


NOT_FIRES = [
    # no actor in the phrase
    ("Kenya welcomed the resumption of trade links after a storm.", ("Kenya", None)),
    # an adverbial clause says when; its actor is nobody's target
    ("Peru left after Chile closed the border.", ("Peru", "Chile")),
    # a complement coded on its own: the meeting relates them, "agree" does not again
    ("Kenya agreed to meet Uganda.", ("Kenya", "Uganda")),
]


@pytest.mark.parametrize("text, pair", NOT_FIRES)
def test_no_target_outside_the_phrase(relations_of, text, pair):
    found = relations_of(text, mode="events")
    subject, target = pair
    if target is None:
        assert not [r for r in found if r.subject.label == subject and r.object.is_actor]
    else:
        assert len([r for r in found if (r.subject.label, r.object.label) == pair]) <= 1
        assert not [r for r in found if (r.subject.label, r.object.label) == pair and r.predicate.startswith(
            ("leave", "agree"))]


def test_joint_object_relates_conjoined_subjects_both_ways(relations_of):
    assert {("Chile", "Peru"), ("Peru", "Chile")} <= _dyads(relations_of("Chile and Peru postponed their summit.",
                                                                         mode="events"))


def test_a_bond_between_conjoined_subjects_relates_them_both_ways(relations_of):
    found = {(r.subject.label, r.predicate, r.object.label) for r in relations_of(
        "Chile and Peru restored diplomatic relations.", mode="events")}
    assert {("Chile", "restore relation with", "Peru"), ("Peru", "restore relation with", "Chile")} <= found


@pytest.mark.parametrize("text", ["Chile and Peru postponed the summit.", "Chile postponed their summit.",
                                  "Chile and Peru restored the bridge."])
def test_no_joint_object_no_reciprocal(relations_of, text):
    assert not {("Chile", "Peru"), ("Peru", "Chile")} & _dyads(relations_of(text, mode="events"))


def test_adverb_heading_a_phrase_is_in_the_verbs_phrase(relations_of):
    assert ("Brazil", "Peru") in _dyads(relations_of("Brazil's troops marched close to the border with Peru.",
                                                     mode="events"))


def test_one_nation_two_coded_actors_are_a_dyad_in_events_mode(relations_of):
    text = "Kenyan police detained Kenyan protesters."
    found = [r for r in relations_of(text, mode="events") if r.subject.label == r.object.label == "Kenya"]
    assert found and all(r.subject.code != r.object.code for r in found)
    assert not [r for r in relations_of(text) if r.subject.label == r.object.label]


def test_one_actor_does_not_act_on_itself_in_events_mode(relations_of):
    found = relations_of("Kenya said Kenyan officials would inspect Kenya's ports.", mode="events")
    assert not [r for r in found if r.subject.label == r.object.label and r.subject.code == r.object.code]
