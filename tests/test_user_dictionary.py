"""User actor dictionaries (``--actors FILE``) through the pipeline: names, noun phrases, agent nouns."""

from __future__ import annotations

import json

import pytest

from kg.config import load_settings
from kg.cli.output import relation_json
from kg.pipeline import extract_documents
from kg.records import ActorType, Document

pytestmark = pytest.mark.model

CSV = """name,canonical,type,country,code,roles
the occupation,Israel,Country,ISR,ISR,
the Israeli occupation,Israel,Country,ISR,ISR,
Resistance Front,Resistance Front,Group,LBN,LBNREB,
militiamen,,Agent,,REB,
"""

TTL = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kgo: <https://w3id.org/newskg/ontology#> .
<https://example.org/actor/israel> a kgo:Country ;
    skos:prefLabel "Israel"@en ; skos:altLabel "the occupation" ;
    kgo:country "ISR" ; kgo:cameoCode "ISR" .
"""


def _run(nlp, path, text):
    settings = load_settings(actors_files=(path,))
    [(_, relations)] = list(extract_documents([Document(id="u", text=text)], settings=settings))
    return relations


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_user_csv_turns_a_noun_phrase_into_an_actor(nlp, csv_file):
    [rel] = _run(nlp, csv_file, "The occupation bombed Gaza.")
    subject = rel.subject
    assert (subject.label, subject.type, subject.country, subject.code) == ("Israel", ActorType.COUNTRY, "ISR", "ISR")
    assert subject.text == "occupation" and subject.resolved_by.startswith("user-dictionary")
    assert rel.event_type == "19"
    out = relation_json(rel)
    assert out["subject"]["resolved_by"].startswith("user-dictionary")
    json.dumps(out)


def test_user_csv_noun_phrase_between_two_concepts(nlp, csv_file):
    """Without the user entry both arguments are concepts and no actor relation exists."""
    found = _run(nlp, csv_file, "The Israeli occupation attacked the hospital.")
    assert [(r.subject.label, r.predicate, r.object.label) for r in found] == [("Israel", "attack", "hospital")]


def test_user_csv_agent_noun_makes_a_role_phrase(nlp, csv_file):
    [rel] = _run(nlp, csv_file, "Lebanese militiamen attacked Israel.")
    assert (rel.subject.label, rel.subject.code, rel.subject.role) == ("Lebanon", "LBNREB", "militiamen")


def test_user_turtle_file(nlp, tmp_path):
    path = tmp_path / "actors.ttl"
    path.write_text(TTL, encoding="utf-8")
    [rel] = _run(nlp, path, "The occupation bombed Gaza.")
    assert rel.subject.label == "Israel"


def test_without_user_file_the_occupation_stays_a_concept(nlp):
    """Without the user's mapping the noun names no actor: no relation has Israel (or any actor) as its subject.

    (An act noun as subject relates nobody, so today the sentence gives no relation at all.)
    """
    [(_, relations)] = list(extract_documents([Document(id="u", text="The occupation bombed Gaza.")]))
    assert not any(r.subject.label == "Israel" for r in relations)
    assert all(r.subject.type is ActorType.OTHER for r in relations)
