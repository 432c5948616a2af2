"""Going back on a stance (issue 13): "backtracked on", "reversed course on", and the stance an
"after initially ..." adjunct names. All sentences are written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


REVERSALS = [
    ("Siemens backtracked on the Osram merger.", ("Siemens", "backtrack on", "Osram merger")),
    ("Ghana reversed course on the Volta dam project.", ("Ghana", "backtrack on", "Volta dam project")),
    # the theme of the stance the adjunct states
    ("After initially endorsing the Lagos accord, Nigeria backtracked.", ("Nigeria", "backtrack on", "Lagos accord")),
]


@pytest.mark.parametrize("text, expected", REVERSALS)
def test_reversal_relates_to_what_was_given_up(tuples_of, text, expected):
    found = tuples_of(text)
    assert expected in found, found
    # the idiom's noun is no object of its own
    assert not any(t[1] == "reverse" for t in found), found


NOT_REVERSALS = [
    # nothing given up is named
    "Nigeria backtracked yesterday.",
    # an adjunct that states no earlier stance ("while visiting")
    "While visiting Accra, Nigeria backtracked.",
    # "reverse" with a real object is no idiom
    "Chile reversed the Bolivian ruling.",
]


@pytest.mark.parametrize("text", NOT_REVERSALS)
def test_no_theme_no_reversal(tuples_of, text):
    assert not any(t[1] == "backtrack on" for t in tuples_of(text))
