"""Transfer verbs: the goal hung on the object's participle, and a specific theme kept beside the
goal (issue 13, guidelines §3). All sentences are written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_goal_on_the_objects_participle(tuples_of):
    found = tuples_of("Airbus delivered the final A380 jet built to Emirates.")
    assert ("Airbus", "deliver to", "Emirates") in found, found
    # the specific thing handed over stays a relation of its own
    assert any(t[0] == "Airbus" and t[1] == "deliver" for t in found), found


def test_generic_theme_gives_only_the_goal(tuples_of):
    found = tuples_of("Iran sent troops to Syria.")
    assert ("Iran", "send to", "Syria") in found
    assert not any(t[1] == "send" for t in found), found


def test_participle_with_its_own_goal_reading_is_left(tuples_of):
    # a participle with an auxiliary is a clause of its own, not a reduced relative
    found = tuples_of("Airbus delivered the jet that was built for Emirates.")
    assert not any(t[1] == "deliver to" for t in found), found
