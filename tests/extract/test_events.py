"""CAMEO event codes (kg.extract.events): the rules on lemma phrases, then on real parses."""

from __future__ import annotations


import pytest

from kg.extract.events import describe, event_code, light_event
from kg.records import ActorType


@pytest.mark.parametrize(
    "predicate, code",
    [
        ("meet with", "040"),  # the CAMEO verb dictionary's pattern
        ("meet", "040"),
        ("urge", "020"),
        ("call on", "020"),
        ("condemn", "111"),
        ("accuse", "112"),
        ("threaten", "130"),
        ("reject", "120"),
        ("pull out of", "0874"),  # no object: a military retreat
        # news defaults that differ from CAMEO.2.0 (gold guidelines §11)
        ("kill", "1823"),
        ("sue", "115"),
        ("cooperate with", "060"),
        ("vote in favour of", "051"),
        ("vote against", "120"),
        ("veto", "129"),
        ("deliver to", "070"),
        # light verbs: the noun carries the event
        ("impose sanction on", "163"),
        ("impose duty on", "163"),
        ("hold talk with", "040"),
        ("fire rocket at", "190"),
        ("launch operation against", "190"),
        ("stage protest against", "141"),
        ("issue warrant for", "173"),
        ("claim responsibility for", "015"),
        ("express condolence to", "018"),
        ("stag protest against", "141"),  # the small model's lemma of "staged"
    ],
)
def test_events_code_of_predicate(predicate, code):
    assert event_code(predicate) == code


@pytest.mark.parametrize(
    "predicate, kwargs, code",
    [
        ("pull out of", {"object_label": "Doha talks"}, "164"),  # halt negotiations
        ("withdraw from", {"object_label": "COP29 climate talks"}, "164"),
        ("withdraw from", {"object_label": "the treaty"}, "161"),
        ("pull out of", {"object_label": "takeover"}, None),  # commercial: no event
        ("withdraw from", {"object_label": "border posts"}, "0874"),
        ("suspend", {"object_type": ActorType.PERSON}, "172"),  # an athlete
        ("suspend", {"object_label": "mediation"}, "165"),
        ("agree to", {"object_label": "ceasefire"}, "0871"),
        ("approve", {"object_label": "the ceasefire"}, "0871"),
        ("welcome", {"object_type": ActorType.PERSON}, "043"),  # a visitor
        ("welcome", {"object_label": "decision"}, "051"),  # a decision
        ("fire", {"object_type": ActorType.PERSON}, None),  # dismissed
        ("strike against", {"subject_type": ActorType.ORGANIZATION, "object_type": ActorType.ORGANIZATION}, "143"),
        ("strike against", {"subject_type": ActorType.COUNTRY, "object_type": ActorType.GROUP}, "190"),
    ],
)
def test_events_context_decides(predicate, kwargs, code):
    assert event_code(predicate, **kwargs) == code


@pytest.mark.parametrize("predicate", ["walk", "build", "invest in", "replace", "", "approach"])
def test_events_no_event(predicate):
    assert event_code(predicate) is None


def test_events_describe_gives_goldstein_and_quad_class():
    found = describe("163")
    assert (found.root, found.quad_class) == ("16", 4)
    assert found.goldstein == -8.0
    assert describe(None) is None


def test_events_light_event():
    assert light_event("impose duty on") and not light_event("impose") and not light_event("make progress toward")


# --------------------------------------------------------------------------- real parses


def _codes(relations_of, text):
    return {(r.subject.label, r.predicate, r.object.label): r.event_type for r in relations_of(text)}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, triple, root",
    [
        ("France condemned Russia.", ("France", "condemn", "Russia"), "11"),
        ("The U.S. imposed new sanctions on Iran on Tuesday.", ("United States", "impose sanction on", "Iran"), "16"),
        # planned and threatened actions: the embedded event's code (gold §6)
        ("Israel plans to attack Iran.", ("Israel", "attack", "Iran"), "19"),
        ("Unite threatened to strike against Northmoor Steel.", ("Unite", "strike against", "Northmoor Steel"), "14"),
        # a denial keeps the denied event's code (gold §8)
        ("Iran denied supplying ballistic missiles to Russia.", ("Iran", "supply missile to", "Russia"), "07"),
        # negation never changes the code
        ("Israel did not attend the talks in Cairo.", ("Israel", "attend", "talks"), "04"),
        ("Azerbaijan's president attacked France in a speech.", ("Azerbaijan", "attack", "France"), "11"),
    ],
)
def test_events_on_relations(relations_of, text, triple, root):
    assert _codes(relations_of, text).get(triple) == root
