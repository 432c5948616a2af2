"""Names the recogniser cuts wrongly (issue 13): an opening quote mark taken into a name
("``Qantas Airways ..."), a number word ending a name taken for a count ("the Ford Five Hundred").
Sentences written for these tests."""

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


# A capitalised number word ending a name is part of the name, not a count.
def test_number_word_ending_a_name_is_an_argument(nlp, tuples_of):
    text = "Peugeot will rename the Peugeot Four Hundred to the Lion next year."
    assert any(e.label_ == "CARDINAL" and e.text.startswith("Four") for e in nlp(text).ents)
    assert ("Peugeot", "rename", "Peugeot Four Hundred") in tuples_of(text)



# "The aircraft" after a named model is that model; with no model before it, a concept.
def test_product_description_takes_the_last_model(relations_of):
    rels = relations_of("The first Embraer E195 landed in Oslo on Monday. The aircraft was greeted by Jonas Gahr Store.")
    greet = [r for r in rels if r.predicate == "greet"]
    assert greet and "E195" in greet[0].object.label and greet[0].object.text == "The aircraft"


def test_product_description_without_model(relations_of):
    rels = relations_of("Norway bought a frigate in 2019. The aircraft was greeted by Jonas Gahr Store.")
    assert [r.object.label for r in rels if r.predicate == "greet"] == ["aircraft"]


def test_product_in_brackets_is_no_antecedent(relations_of):
    rels = relations_of("Boeing unveiled the 777X, a jet for 400 people (300 for an Airbus A330). "
                        "The new aircraft was praised by Jonas Gahr Store.")
    praised = [r.object.label for r in rels if r.predicate == "praise"]
    assert praised and all("777X" in label for label in praised), praised
