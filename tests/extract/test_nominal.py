"""Nominal events (kg.extract.nominal): each rule with sentences where it must and must not fire.

All sentences are written for these tests (none from ../shared/data or the seed article).
"""

from __future__ import annotations

import pytest

from kg.cli.output import relation_json
from kg.rdf.convert import document_quads, to_graph
from kg.rdf.namespaces import KGO
from kg.records import Document, Modality

pytestmark = pytest.mark.model


def _nominal(relations_of, text):
    return [(r.subject.label, r.predicate, r.object.label) for r in relations_of(text) if r.nominal]


# event nouns: agent (possessor, nationality/organisation modifier, by-phrase) + patient phrase
EVENT_FIRES = [
    ("Turkey condemned Russia's invasion of Georgia.", ("Russia", "invade", "Georgia")),
    ("The detention of Alexei Navalny by Russia drew protests.", ("Russia", "detain", "Alexei Navalny")),
    ("Germany's tank sale to Poland annoyed Moscow.", ("Germany", "sell to", "Poland")),
    ("Egyptian talks with Hamas resumed on Monday.", ("Egypt", "talk with", "Hamas")),
    ("Its blockade of Qatar lasted three years, Riyadh said.", None),  # a pronoun agent needs an antecedent
    ("Saudi Arabia ended its blockade of Qatar.", ("Saudi Arabia", "blockade", "Qatar")),
    ("Pakistan protested against Indian aggression on Kashmir and Punjab.", ("India", "attack", "Punjab")),
    # apposition: the event noun describes a named operation and takes its owner as agent
    ("Russia's Operation Z, an assault on Ukraine, began in February.", ("Russia", "attack", "Ukraine")),
    ("Turkey defended its Operation Peace Spring, itself an offensive against the YPG, on Monday.",
     ("Turkey", "attack", "YPG")),
    # a patient that is no actor but belongs to a nation
    ("Ukraine's shelling of Russian positions continued overnight.", ("Ukraine", "shell", "Russian positions")),
]

EVENT_SILENT = [
    "The attack on Kyiv killed five people.",  # no agent
    "Russia's attack was repelled before dawn.",  # no patient
    "The Kharkiv bombing killed ten civilians.",  # a place is where, not who
    "Russia's attack in the morning surprised everyone.",  # "in the morning" is no patient
    "The ministry's support for the new budget was welcome.",  # a concept is no patient of a nominal event
    "Russia's attack on the hospital killed four.",  # nor a thing of no nation
    "Operation Cast Lead, an offensive against Hamas, lasted three weeks.",  # the operation names no agent
]


@pytest.mark.parametrize("text, expected", EVENT_FIRES)
def test_event_noun_with_agent_and_patient(relations_of, text, expected):
    found = _nominal(relations_of, text)
    if expected is None:
        assert not any(s == "Saudi Arabia" for s, _, _ in found)
    else:
        assert expected in found


@pytest.mark.parametrize("text", EVENT_SILENT)
def test_event_noun_without_explicit_actors_gives_nothing(relations_of, text):
    assert _nominal(relations_of, text) == []


# directive nouns: author + whoever is told to act
DIRECTIVE_FIRES = [
    ("Ankara rejected a Swedish request for Turkey to lift its veto.", ("Sweden", "ask", "Turkey")),
    ("Observers noted the Egyptian call on Israel to withdraw from Rafah.", ("Egypt", "call on", "Israel")),
    ("Kenya welcomed the American order for Somalia to expel the militants.", ("United States", "order", "Somalia")),
]

DIRECTIVE_SILENT = [
    "Qatar's order for thirty Boeing jets was confirmed.",  # no clause: a purchase order
    "Lufthansa's request for more slots at Heathrow was refused.",  # no one is told to act
]


@pytest.mark.parametrize("text, expected", DIRECTIVE_FIRES)
def test_directive_noun_relates_author_and_addressee(relations_of, text, expected):
    assert expected in _nominal(relations_of, text)


@pytest.mark.parametrize("text", DIRECTIVE_SILENT)
def test_directive_noun_without_addressee_gives_nothing(relations_of, text):
    assert not [t for t in _nominal(relations_of, text) if t[1] in ("order", "ask", "call on", "demand")]


# hyphenated actor-participle modifiers
PARTICIPLE_FIRES = [
    ("A Saudi-led coalition bombed the port again.", ("Saudi Arabia", "lead", "coalition")),
    ("Iran-backed Houthis seized a cargo ship.", ("Iran", "back", "Houthis")),
    ("Acme Robotics, a Google-funded start-up, hired forty engineers.", ("Google", "fund", "Acme Robotics")),
    ("Settlers expanded in the Moroccan-occupied Western Sahara.", ("Morocco", "occupy", "Western Sahara")),
]

PARTICIPLE_SILENT = [
    "Chicago-based Boeing opened a new plant.",  # place of a company, not an act
    "Russian-made drones hit the power station.",  # origin
    "The newly elected president spoke.",  # no actor before the participle
    "A Moscow-aligned party won the vote.",  # a stance, not an act on the party
]


@pytest.mark.parametrize("text, expected", PARTICIPLE_FIRES)
def test_hyphenated_participle_agent(relations_of, text, expected):
    assert expected in _nominal(relations_of, text)


@pytest.mark.parametrize("text", PARTICIPLE_SILENT)
def test_participle_of_place_or_origin_gives_nothing(relations_of, text):
    assert _nominal(relations_of, text) == []


def test_nominal_event_governed_by_a_stance_is_not_asserted(relations_of):
    found = [r for r in relations_of("Japan opposed a Chinese blockade of Taiwan.") if r.nominal]
    assert [(r.subject.label, r.predicate, r.object.label) for r in found] == [("China", "blockade", "Taiwan")]
    assert found[0].modality is Modality.HYPOTHETICAL


def test_nominal_event_planned_by_its_modifier(relations_of):
    found = [r for r in relations_of("The planned Turkish offensive against the PKK worried Washington.")
             if r.nominal]
    assert found and all(r.modality is Modality.PLANNED for r in found)


def test_nominal_event_presupposed_by_its_clause_is_asserted(relations_of):
    found = [r for r in relations_of("Britain condemned Iran's arrest of John Smith.") if r.nominal]
    assert [(r.subject.label, r.predicate, r.object.label, r.modality) for r in found] == [
        ("Iran", "arrest", "John Smith", Modality.ASSERTED)]


def test_nominal_relations_are_flagged_and_less_confident(relations_of):
    verbal = [r for r in relations_of("Russia invaded Georgia.") if r.predicate == "invade"]
    nominal = [r for r in relations_of("Turkey condemned Russia's invasion of Georgia.") if r.predicate == "invade"]
    assert verbal and nominal
    assert not verbal[0].nominal and nominal[0].nominal
    assert nominal[0].confidence < verbal[0].confidence
    assert nominal[0].event_type == verbal[0].event_type


def test_nominal_flag_in_jsonl_and_rdf(relations_of):
    text = "Turkey condemned Russia's invasion of Georgia."
    rels = relations_of(text)
    nominal = next(r for r in rels if r.nominal)
    verbal = next(r for r in rels if not r.nominal)
    assert relation_json(nominal)["nominal"] is True
    assert "nominal" not in relation_json(verbal)
    graph = to_graph(document_quads(Document(id="test", text=text), rels))
    flagged = set(graph.subjects(KGO.nominal, None))
    assert len(flagged) == 1
    assert {str(o) for o in graph.objects(next(iter(flagged)), KGO.predicate)} == {"invade"}


def test_open_mode_has_no_nominal_relations(relations_of):
    assert not [r for r in relations_of("Turkey condemned Russia's invasion of Georgia.", mode="open") if r.nominal]


@pytest.mark.parametrize("expected", [
    ("Israel", "attack", "Lebanon"),
    ("Israel", "attack", "Gaza"),
    ("Iran", "strike", "Israel"),  # "its own Operation ..., itself a strike against the Israeli occupation"
    ("Israel", "order", "Palestinians"),
    ("United States", "lead", "ceasefire initiative"),
])
def test_seed_article_nominal_facts(nlp, seed_article, expected):
    """Issue 13 acceptance: facts of the seed article stated as noun phrases appear, flagged nominal."""
    from kg.extract import extract_relations
    from kg.resolve import resolve_document

    rels = resolve_document(extract_relations(nlp(seed_article), doc_id="seed"))
    found = [r for r in rels if (r.subject.label, r.predicate, r.object.label) == expected]
    assert found and all(r.nominal and r.confidence < 0.8 and not r.negated for r in found)
