"""Transfer verbs (their goal on the object's participle, a specific theme kept beside the goal) and
gapped passive remnants (issue 13, guidelines §3, §9). All sentences are written for these tests."""

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


# Gapping: "<amount> by <agent>" remnants after a passive with an amount share its verb.
def test_gapped_passive_remnants(tuples_of):
    found = tuples_of("The new airline will be owned 60 percent by Kenya, 30 percent by Uganda and 10 percent by Tanzania.")
    for agent in ("Kenya", "Uganda", "Tanzania"):
        assert (agent, "own", "airline") in found, found


def test_amount_by_without_gapping(tuples_of):
    # the first clause has no amount and by-agent pattern to repeat
    found = tuples_of("Kenya bought the airline, and its profits rose 10 percent by Monday.")
    assert not any(t[1] == "buy" and t[0] == "Monday" for t in found)
    assert not any(t[0] == "Monday" for t in found), found
