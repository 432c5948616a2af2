"""A name right after an opening quote mark is still the name (issue 13): the recogniser often
takes the quote into the entity ("``Qantas Airways ..."). Sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize("text, name", [
    ("``Qantas Airways would like to thank the Boeing engineers, '' its chief said.", "Qantas Airways"),
    ("Lufthansa bought ten jets. ``Lufthansa Cargo would like to thank the Boeing engineers, '' said its chairman.",
     "Lufthansa Cargo"),
])
def test_name_after_opening_quote_is_an_actor(nlp, relations_of, text, name):
    assert any(e.text == "``" + name for e in nlp(text).ents)  # the quote inside the entity
    found = [(r.subject.label, r.subject.text, r.predicate) for r in relations_of(text)]
    assert (name, name, "thank") in found, found
