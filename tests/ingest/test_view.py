"""Offsets in the text as given: the normalised view kg parses and its map back (kg.ingest.view)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, strategies as st

from kg.ingest._common import normalise
from kg.ingest.view import text_view

_PIECES = st.sampled_from(["a", "e", " ", "\n", "\r\n", "\u0301", "\u0327", "é", "Å", "\u1100", "\u1161",
                           "\u11a8", "ﬁ", "\ufeff", "Z", "\u0323", "\u0307", "x."])


def test_identity_when_already_normalised():
    view = text_view("Plain text.\nCafé.")
    assert view.identical and view.text == view.given and view.to_given(5) == 5


def test_nfd_and_crlf_map_back():
    given = "Jose\u0301 Marti\u0301 met Zoe\u0308.\r\nRene\u0301 left."
    view = text_view(given)
    assert view.text == normalise(given)
    for word in ("José", "Martí", "Zoë", "René", "met", "left"):
        start = view.text.index(word)
        g_start, g_end = view.to_given(start), view.to_given(start + len(word), end=True)
        assert unicodedata.normalize("NFC", given[g_start:g_end]) == word


@given(st.lists(_PIECES, max_size=30).map("".join))
def test_view_is_the_normalised_text_and_the_map_is_monotonic(text):
    view = text_view(text)
    assert view.text == normalise(text)
    mapped = [view.to_given(i) for i in range(len(view.text) + 1)]
    assert mapped == sorted(mapped)
    assert mapped[-1] == len(text)
    assert all(0 <= m <= len(text) for m in mapped)
    for i in range(len(view.text) + 1):
        assert view.to_given(i) <= view.to_given(i, end=True)
