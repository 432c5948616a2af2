"""Arguments: named actors, titles and appositions, role phrases, concepts (real parses, before resolve)."""

from __future__ import annotations


import pytest

from kg.extract.gazetteer import BUILTIN
from kg.records import ActorType

pytestmark = pytest.mark.model


def _mention(relations_of, text: str, label: str):
    for rel in relations_of(text, resolve=False):
        for mention in (rel.subject, rel.object, rel.attributed_to):
            if mention is not None and mention.label == label:
                return mention
    raise AssertionError(f"no mention labelled {label!r} in {text!r}")


@pytest.mark.parametrize(
    "text, label, expected",
    [
        # (type, text as written, role, affiliation, country)
        (
            "Israeli Minister for Strategic Affairs Ron Dermer met Sullivan.",
            "Ron Dermer",
            ("Person", "Ron Dermer", "Minister for Strategic Affairs", "Israel", "ISR"),
        ),
        (
            "White House National Security Advisor Jake Sullivan urged Dermer to act.",
            "Jake Sullivan",
            ("Person", "Jake Sullivan", "National Security Advisor", "White House", "USA"),
        ),
        (
            "Jake Sullivan, the national security adviser, met Ron Dermer.",
            "Jake Sullivan",
            ("Person", "Jake Sullivan", "national security adviser", None, None),
        ),
        (
            "Gallant notified US Secretary of Defense Lloyd Austin about the operation.",
            "Lloyd Austin",
            ("Person", "Lloyd Austin", "Secretary of Defense", "United States", "USA"),
        ),
        (
            "Netanyahu assured President Biden that progress was made.",
            "Biden",
            ("Person", "Biden", "President", None, None),
        ),
        (
            "Israel killed Hamas political leader Ismail Haniyeh.",
            "Ismail Haniyeh",
            ("Person", "Ismail Haniyeh", "political leader", "Hamas", "PSE"),
        ),
        ("US officials criticized Israel.", "United States", ("Country", "US officials", "officials", None, "USA")),
        ("Israeli jets bombed Gaza.", "Israel", ("Country", "Israeli jets", "jets", None, "ISR")),
        ("Hamas fighters attacked the convoy.", "Hamas", ("Organization", "Hamas fighters", "fighters", None, "PSE")),
        (
            "Biden administration officials warned Iran.",
            "Biden administration",
            ("Organization", "Biden administration officials", "officials", None, None),
        ),
        (
            "Iran's supreme leader vowed to punish Israel.",
            "Iran",
            ("Country", "Iran's supreme leader", "supreme leader", None, "IRN"),
        ),
        ("Officials in Tehran warned Israel.", "Iran", ("Country", "Officials in Tehran", "officials", None, "IRN")),
        ("The convoy was attacked by militants.", "militants", ("Group", "militants", None, None, None)),
        ("Israel struck Tehran.", "Tehran", ("Location", "Tehran", None, None, "IRN")),
        ("Netanyahu stoked tensions with Washington.", "United States", ("Country", "Washington", None, None, "USA")),
        ("Netanyahu met Biden in Washington.", "Biden", ("Person", "Biden", None, None, None)),
        ("The Palestinians rejected the plan.", "Palestinians", ("Group", "Palestinians", None, None, "PSE")),
        (
            "According to four US officials speaking to Axios, Israel attacked Iran.",
            "Axios",
            ("Organization", "Axios", None, None, None),
        ),
        (
            "The United States pulled out of the Iran deal.",
            "United States",
            ("Country", "United States", None, None, "USA"),
        ),
    ],
)
def test_mentions_actor_details(relations_of, text, label, expected):
    m = _mention(relations_of, text, label)
    assert (m.type.value, m.text, m.role, m.affiliation, m.country) == expected


@pytest.mark.parametrize(
    "text, label, written",
    [
        ("Iran rejected the ceasefire proposal.", "ceasefire proposal", "ceasefire proposal"),
        ("Netanyahu reversed course on a US-led ceasefire initiative.", "ceasefire initiative", "US-led ceasefire initiative"),
        (
            'Dermer provided "clarity and transparency".',
            "clarity and transparency",
            "clarity and transparency",
        ),
        ("The United States pulled out of the Iran deal.", "Iran deal", "Iran deal"),
    ],
)
def test_mentions_concepts_are_other(relations_of, text, label, written):
    m = _mention(relations_of, text, label)
    assert (m.type, m.text, m.is_actor) == (ActorType.OTHER, written, False)


@pytest.mark.parametrize(
    "text",
    [
        "Israel attacked Iran.",
        "Jake Sullivan, the national security adviser, met Ron Dermer.",
        "According to Axios's Barak Ravid, US officials said they would support Israel.",
    ],
)
def test_mentions_offsets_match_text(relations_of, text):
    for rel in relations_of(text, resolve=False, offset=100):
        for m in (rel.subject, rel.object, rel.attributed_to):
            if m is not None:
                assert text[m.start - 100 : m.end - 100] == m.text


@pytest.mark.parametrize(
    "name, expected",
    [
        ("the U.S.", ("United States", "Country", "USA")),
        ("UK", ("United Kingdom", "Country", "GBR")),
        ("IDF", ("Israel Defense Forces", "Organization", "ISR")),
        ("Gaza", ("Gaza", "Location", "PSE")),
        ("Reuters", ("Reuters", "Organization", None)),
    ],
)
def test_mentions_gazetteer_lookup(name, expected):
    entry = BUILTIN.lookup(name)
    assert (entry.canonical, entry.type.value, entry.country) == expected


def test_mentions_gazetteer_never_folds_acronyms():
    assert BUILTIN.lookup("us") is None and BUILTIN.lookup("US").canonical == "United States"


def test_mentions_opening_quote_is_not_part_of_a_name(tuples_of):
    # the model often puts an opening quote mark into the entity it starts
    text = "``Vantor Airways would like to thank the many Siemens employees for their hard work,'' said Joe Smith."
    assert any(t[0] == "Vantor Airways" and t[1] == "thank" for t in tuples_of(text))


# A capitalised compound word the recogniser left outside a name is part of it ("XR Cruiser"); a
# title before a person's name is not.
def _with_entity(nlp, text: str, first: str, last: str, label: str):
    from spacy.tokens import Span

    doc = nlp(text)
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index(first), words.index(last) + 1, label=label)]
    return doc, words.index(last)


def test_name_takes_in_a_capitalised_compound_left_outside(nlp):
    from kg.extract.phrases import entity_of

    doc, head = _with_entity(nlp, "Ford will cut the XR Cruiser from production.", "Cruiser", "Cruiser", "ORG")
    assert entity_of(doc[head]).text == "XR Cruiser"


def test_title_stays_outside_a_persons_name(nlp):
    from kg.extract.phrases import entity_of

    doc, head = _with_entity(nlp, "Siemens praised Chairman Oskar Brandt on Monday.", "Oskar", "Brandt", "PERSON")
    assert entity_of(doc[head]).text == "Oskar Brandt"
