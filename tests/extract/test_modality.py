"""Negation, modality and attribution on real parses.

Expected tuples: (subject, predicate, object, negated, modality, attributed_to).
"""

from __future__ import annotations

import pytest

from kg.extract.modality import strongest
from kg.records import Modality

pytestmark = pytest.mark.model

NEGATION = [
    ("Israel did not attack Iran.", ("Israel", "attack", "Iran", True, "asserted", None)),
    ("Israel didn't attack Iran.", ("Israel", "attack", "Iran", True, "asserted", None)),
    ("Iran never threatened Saudi Arabia.", ("Iran", "threaten", "Saudi Arabia", True, "asserted", None)),
    (
        "The United States no longer supports the Saudi coalition.",
        ("United States", "support", "Saudi coalition", True, "asserted", None),
    ),
    ("Iran is not opposed to talks with Washington.", ("Iran", "oppose", "talks", True, "asserted", None)),
    ("Israel refused to meet Hamas negotiators.", ("Israel", "meet", "Hamas", True, "asserted", None)),
    ("Israel did not plan to attack Iran.", ("Israel", "attack", "Iran", True, "planned", None)),
    ("Israel attacked Iran.", ("Israel", "attack", "Iran", False, "asserted", None)),
]

MODALITY = [
    ("Israel would attack Iran.", ("Israel", "attack", "Iran", False, "hypothetical", None)),
    ("Israel could strike Iran.", ("Israel", "strike", "Iran", False, "hypothetical", None)),
    ("Israel might strike Iran.", ("Israel", "strike", "Iran", False, "hypothetical", None)),
    ("Iran may have supplied drones to Russia.", ("Iran", "supply drone to", "Russia", False, "hypothetical", None)),
    ("The US would likely support Israel.", ("United States", "support", "Israel", False, "hypothetical", None)),
    ("Israel is expected to attack Iran.", ("Israel", "attack", "Iran", False, "hypothetical", None)),
    (
        "If Iran attacks Israel, Israel will retaliate against Iran.",
        ("Israel", "retaliate against", "Iran", False, "hypothetical", None),
    ),
    (
        "If Iran attacks Israel, Israel will retaliate against Iran.",
        ("Iran", "attack", "Israel", False, "hypothetical", None),
    ),
    ("Israel plans to attack Iran.", ("Israel", "attack", "Iran", False, "planned", None)),
    ("Russia intends to annex Crimea.", ("Russia", "annex", "Crimea", False, "planned", None)),
    ("Israel is set to strike Hezbollah.", ("Israel", "strike", "Hezbollah", False, "planned", None)),
    ("Israel will attack Iran.", ("Israel", "attack", "Iran", False, "planned", None)),
    ("Iran threatened to attack Israel.", ("Iran", "attack", "Israel", False, "planned", None)),
    ("Israel is going to attack Iran.", ("Israel", "attack", "Iran", False, "planned", None)),
    ("Israel's planned attack on Iran worried Washington.", ("Israel", "attack", "Iran", False, "planned", None)),
    ("Sullivan urged Dermer to provide clarity.", ("Sullivan", "urge", "Dermer", False, "asserted", None)),
    ("Iran reportedly supplied drones to Russia.", ("Iran", "supply drone to", "Russia", False, "reported", None)),
    ("Netanyahu met Biden.", ("Benjamin Netanyahu", "meet", "Biden", False, "asserted", None)),
    ("Israel is unlikely to attack Iran.", ("Israel", "attack", "Iran", False, "hypothetical", None)),
    ("Israel has no plans to attack Iran.", ("Israel", "attack", "Iran", True, "planned", None)),
    ("Israel announced plans to attack Iran.", ("Israel", "attack", "Iran", False, "planned", None)),
    (
        "The occupation's plan to assassinate Ismail Haniyeh failed.",
        ("occupation", "assassinate", "Ismail Haniyeh", False, "planned", None),
    ),
    ("Israel has yet to respond to Iran.", ("Israel", "respond to", "Iran", True, "asserted", None)),
    ("Israel stopped attacking Gaza.", ("Israel", "attack", "Gaza", True, "asserted", None)),
    ("Israel failed to stop Hamas.", ("Israel", "stop", "Hamas", True, "asserted", None)),
    ("There is no evidence that Iran attacked Israel.", ("Iran", "attack", "Israel", False, "hypothetical", None)),
    ("Fears that Iran would attack Israel grew.", ("Iran", "attack", "Israel", False, "hypothetical", None)),
    ("Reports that Iran attacked Israel alarmed Washington.", ("Iran", "attack", "Israel", False, "reported", None)),
]

ATTRIBUTION = [
    ("Netanyahu said that Israel attacked Iran.", ("Israel", "attack", "Iran", False, "reported", "Benjamin Netanyahu")),
    ("Netanyahu said Israel attacked Iran.", ("Israel", "attack", "Iran", False, "reported", "Benjamin Netanyahu")),
    ("According to Reuters, Israel attacked Iran.", ("Israel", "attack", "Iran", False, "reported", "Reuters")),
    ("Israel attacked Iran, as reported by Axios.", ("Israel", "attack", "Iran", False, "reported", "Axios")),
    ("Israel attacked Iran, officials said.", ("Israel", "attack", "Iran", False, "reported", "anonymous source")),
    (
        "Iran is expected to strike Israel within days, according to Western diplomats.",
        ("Iran", "strike", "Israel", False, "hypothetical", "anonymous source"),
    ),
    # future "would" in reported speech is planned (gold §7), a hedge keeps it hypothetical
    ("Macron said he would meet Scholz in Berlin.", ("Macron", "meet", "Scholz", False, "planned", "Macron")),
    (
        "Washington would likely support a deal, a State Department spokesperson said.",
        ("United States", "support", "deal", False, "hypothetical", "State Department"),
    ),
    # a conditional on the governor leaves the planned complement planned
    (
        "Unite threatened to strike against Northmoor Steel unless the company withdrew its plan.",
        ("Unite", "strike against", "Northmoor Steel", False, "planned", None),
    ),
    (
        "Unite threatened to strike against Northmoor Steel unless the company withdrew its plan.",
        ("Northmoor Steel", "withdraw", "plan", False, "hypothetical", None),
    ),
    # denials and accusations (gold §7)
    ("Hezbollah denied attacking UNIFIL.", ("Hezbollah", "attack", "UNIFIL", True, "reported", "Hezbollah")),
    ("Iran denied supplying ballistic missiles to Russia.", ("Iran", "supply missile to", "Russia", True, "reported", "Iran")),
    ("Biden told Netanyahu that Iran attacked Israel.", ("Iran", "attack", "Israel", False, "reported", "Biden")),
    ("Biden told Netanyahu that Iran attacked Israel.", ("Biden", "tell", "Benjamin Netanyahu", False, "asserted", None)),
    (
        '"Israel will strike Hezbollah," Netanyahu said.',
        ("Israel", "strike", "Hezbollah", False, "planned", "Benjamin Netanyahu"),
    ),
    ("Iran denied that it attacked the tanker.", ("Iran", "attack", "tanker", True, "reported", "Iran")),
    ("Netanyahu accused Hamas of rejecting the deal.", ("Hamas", "reject", "deal", False, "reported", "Benjamin Netanyahu")),
    ("Israel denied attacking Iran.", ("Israel", "attack", "Iran", True, "reported", "Israel")),
    ("Israel admitted attacking Iran.", ("Israel", "attack", "Iran", False, "reported", "Israel")),
    (
        "According to four US officials speaking to Axios, Israel attacked Iran.",
        ("Israel", "attack", "Iran", False, "reported", "Axios"),
    ),
    # a nested report: the innermost source (the outer reporter is reported_by, test_attribution_recall.py)
    (
        "According to Axios's Barak Ravid, US officials said that Israel attacked Iran.",
        ("Israel", "attack", "Iran", False, "reported", "United States"),
    ),
    (
        "According to Axios, Sullivan said that Israel would attack Iran.",
        ("Israel", "attack", "Iran", False, "planned", "Sullivan"),
    ),
]

KNOWN_FAILURES = [
    pytest.param(
        "Israel neither confirmed nor denied the strike on Iran.",
        ("Israel", "confirm", "strike", True, "asserted", None),
        marks=pytest.mark.xfail(
            strict=True,
            reason="a shared object of conjoined verbs (right-node raising) "
            "and 'neither ... nor' on verbs are not handled",
        ),
    ),
    pytest.param(
        "Israel hopes that Iran will back down.",
        ("Iran", "back down", "Israel", False, "hypothetical", "Israel"),
        marks=pytest.mark.xfail(strict=True, reason="intransitive clauses yield no relation (no object)"),
    ),
]


@pytest.mark.parametrize("text, expected", NEGATION + MODALITY + ATTRIBUTION + KNOWN_FAILURES)
def test_modality_negation_and_attribution(tuples_of, text, expected):
    assert expected in tuples_of(text, width=6)


@pytest.mark.parametrize(
    "found, expected",
    [
        ((), Modality.ASSERTED),
        ((Modality.REPORTED, Modality.PLANNED), Modality.PLANNED),
        ((Modality.PLANNED, Modality.HYPOTHETICAL), Modality.HYPOTHETICAL),
        ((Modality.ASSERTED, Modality.REPORTED), Modality.REPORTED),
    ],
)
def test_modality_strongest_wins(found, expected):
    assert strongest(*found) is expected


def test_modality_attribution_is_a_mention_with_offsets(relations_of):
    text = "According to Reuters, Israel attacked Iran."
    source = relations_of(text)[0].attributed_to
    assert (source.text, source.label, text[source.start : source.end]) == ("Reuters", "Reuters", "Reuters")
    assert source.type.value == "Organization"


# A planned event the same sentence says took place is asserted ("a plan to X, which took place",
# "an operation to X, minutes before it was carried out"); an occurrence clause that is itself
# negated, modal, conditional or an unmeasured "before", or no such clause, leaves it planned.
@pytest.mark.parametrize(
    "text, modality",
    [
        ("Turkish commanders drew up a plan to capture Musa Kaya in Kirkuk, which took place two days later.",
         Modality.ASSERTED),
        ("Turkish commanders briefed NATO about an operation to capture the rebel leader Musa Kaya hours before "
         "it was carried out.", Modality.ASSERTED),
        ("Turkish commanders drew up a plan to capture Musa Kaya in Kirkuk.", Modality.PLANNED),
        ("Turkish commanders briefed NATO about an operation to capture the rebel leader Musa Kaya before it "
         "could be carried out.", Modality.HYPOTHETICAL),
        ("Turkish commanders briefed NATO about an operation to capture the rebel leader Musa Kaya, but it was "
         "cancelled.", Modality.HYPOTHETICAL),
        ("Turkish commanders drew up a plan to capture Musa Kaya in Kirkuk, which never took place.",
         Modality.PLANNED),
    ],
)
def test_modality_planned_event_that_took_place_is_asserted(relations_of, text, modality):
    found = [r for r in relations_of(text) if r.predicate == "capture" and r.object.label == "Musa Kaya"]
    assert found and all(r.modality is modality and not r.negated for r in found), found
