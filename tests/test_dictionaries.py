"""kg.dictionaries on the real shipped data files, and the converter that makes them."""

from __future__ import annotations

import datetime as dt
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

import kg.dictionaries as kd
from kg.dictionaries import (
    ActorDictionary,
    ActorEntry,
    EventType,
    cameo_code,
    default_dictionary,
    event_type,
)
from kg.errors import DictionaryError, KgError

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ["dictionaries/actors.tsv", "dictionaries/agents.tsv", "dictionaries/cameo_codes.tsv",
             "dictionaries/cameo_verbs.tsv", "dictionaries/cameo_light.tsv", "cameo.ttl"]


@pytest.fixture(scope="module")
def d() -> ActorDictionary:
    return default_dictionary()


@pytest.mark.parametrize(("name", "canonical", "kind", "country", "code"), [
    ("Israel", "Israel", "Country", "ISR", "ISR"),
    ("ISRAEL", "Israel", "Country", "ISR", "ISR"),
    ("Israel's", "Israel", "Country", "ISR", "ISR"),
    ("the United States", "United States", "Country", "USA", "USA"),
    ("U.S.", "United States", "Country", "USA", "USA"),
    ("US", "United States", "Country", "USA", "USA"),
    ("Russia", "Russia", "Country", "RUS", "RUS"),
    ("Ukraine", "Ukraine", "Country", "UKR", "UKR"),
    ("UN", "United Nations", "Organization", None, "IGOUNO"),
    ("the United Nations", "United Nations", "Organization", None, "IGOUNO"),
    ("Hezbollah", "Hezbollah", "Group", "LBN", "LBNREB"),
    ("Benjamin Netanyahu", "Benjamin Netanyahu", "Person", "ISR", "ISRGOV"),
    ("netanyahu", "Benjamin Netanyahu", "Person", "ISR", "ISRGOV"),
])
def test_lookup(d, name, canonical, kind, country, code):
    entry = d.lookup(name)
    assert entry is not None
    assert (entry.canonical, entry.type, entry.country, entry.code) == (canonical, kind, country, code)


def test_person_roles_follow_the_date(d):
    assert d.lookup("Benjamin Netanyahu", on=dt.date(2024, 10, 11)).role == "ISRGOV"
    assert d.lookup("Netanyahu", on=dt.date(1997, 1, 1)).role == "ISRGOV"
    between = d.lookup("Netanyahu", on=dt.date(2003, 1, 1))  # no dated role: the undated default
    assert (between.role, between.code, between.country) == ("ISRELI", "ISRELI", "ISR")
    assert d.lookup("Israel", on=dt.date(2024, 1, 1)).role is None


@pytest.mark.parametrize("name", ["Apple", "", "   ", "...", "the", "xyzzy qwerty"])
def test_non_matches(d, name):
    entry = d.lookup(name)
    assert entry is None or entry.type != "Country"
    assert name not in d or name == "Apple"


def test_apple_is_not_a_country(d):
    assert d.lookup("Apple") is None or d.lookup("Apple").type != "Country"
    assert d.demonym("Apple") is None


@pytest.mark.parametrize(("word", "country"), [
    ("Israeli", "Israel"), ("Israelis", "Israel"), ("Iranian", "Iran"), ("Iranians", "Iran"),
    ("American", "United States"), ("French", "France"), ("Ukrainian", "Ukraine"),
])
def test_demonyms(d, word, country):
    entry = d.demonym(word)
    assert entry is not None and entry.canonical == country and entry.type == "Country"


def test_demonym_rejects_non_countries(d):
    assert d.demonym("Hezbollah") is None
    assert d.demonym("") is None


@pytest.mark.parametrize(("name", "country", "code", "canonical"), [
    ("Washington", "USA", "USAGOV", "United States"),
    ("the White House", "USA", "USAGOV", "United States"),
    ("The Kremlin", "RUS", "RUSGOV", "Russia"),
    ("Kremlin", "RUS", "RUSGOV", "Russia"),
    ("Downing Street", "GBR", "GBRGOV", "United Kingdom"),
    ("Elysee", "FRA", "FRAGOV", "France"),
    ("Beijing", "CHN", "CHNGOV", "China"),
    ("Tehran", "IRN", "IRNGOV", "Iran"),
])
def test_metonyms(d, name, country, code, canonical):
    assert d.metonym(name) == ActorEntry(canonical, "Country", country, code, None)


def test_contested_and_unknown_metonyms(d):
    assert d.metonym("Jerusalem") is None
    # agencies stay institutions (gold guidelines §2), they are no metonyms
    assert d.metonym("Pentagon") is None and d.metonym("State Department") is None
    assert d.metonym("Springfield") is None


@pytest.mark.parametrize(("noun", "code"), [
    ("officials", "GOV"), ("official", "GOV"), ("troops", "MIL"), ("jets", "MIL"), ("rebels", "REB"),
    ("ministry", "GOV"), ("ministries", "GOV"), ("soldiers", "MIL"), ("Army", "MIL"), ("police", "COP"),
])
def test_agents(d, noun, code):
    assert d.agent(noun) == code


def test_agent_unknown(d):
    assert d.agent("banana") is None
    assert d.agent("") is None


@pytest.mark.parametrize(("lemma", "particles", "roots"), [
    ("urge", (), {"01", "02"}),
    ("assure", (), {"03", "05"}),
    ("notify", (), {"01", "02", "03", "04"}),
    ("attack", (), {"18", "19"}),
    ("condemn", (), {"11"}),
    ("meet", (), {"04"}),
    ("meet", ("with",), {"04"}),
    ("withdraw", ("from",), {"08", "16"}),
    ("pull", ("out", "of"), {"08", "16"}),
    ("call", ("on",), {"02"}),
    ("accuse", (), {"11"}),
    ("support", (), {"03", "05"}),
    ("threaten", (), {"13"}),
    ("kill", (), {"18", "19"}),
    ("arrest", (), {"17"}),
    ("sanction", (), {"16"}),
    ("negotiate", (), {"04"}),
])
def test_event_types(lemma, particles, roots):
    event = event_type(lemma, particles)
    assert event is not None and event.root in roots, (lemma, particles, event)
    assert event.code.startswith(event.root)


def test_event_type_exact_codes():
    assert event_type("condemn").code == "111"
    assert event_type("accuse").code == "112"
    assert event_type("Accuse", ["totally", "unrelated"]).code == "112"  # falls back to the default
    assert event_type("call", ["on"]).code != event_type("call").code
    assert event_type("") is None
    assert event_type("walk") is None


def test_cameo_codes():
    assert cameo_code("190") == EventType("190", "19", "Use conventional military force", -10.0, 4)
    assert cameo_code("016").goldstein == -5.0  # ICEWS value preferred over GDELT's -2.0
    assert cameo_code("1213").goldstein == -4.0  # only ICEWS has it
    assert cameo_code("01").name == "Make public statement"
    assert cameo_code("999") is None


def test_user_csv_dictionary(tmp_path, d):
    path = tmp_path / "mine.csv"
    path.write_text("name,canonical,type,country,code\n"
                    "the occupation,Israel,Country,ISR,ISR\n"
                    "# a comment line\n"
                    "Hezbollah,Hizbullah,group,lbn,LBNREB\n", encoding="utf-8")
    mine = ActorDictionary.from_user_file(path)
    assert mine.lookup("The Occupation") == ActorEntry("Israel", "Country", "ISR", "ISR", None, "user")
    assert mine.lookup("Israel") is None
    merged = d.extend(path)
    assert merged.lookup("occupation").canonical == "Israel"
    assert merged.lookup("Hezbollah").canonical == "Hizbullah"  # user entries win
    assert merged.lookup("Iran").canonical == "Iran"  # defaults still there
    assert d.lookup("the occupation") is None  # the default dictionary is unchanged
    assert d.extend(mine).lookup("occupation").code == "ISR"


@pytest.mark.parametrize(("content", "line", "fragment"), [
    ("name,canonical,type,country,code\nthe occupation,Israel,Country,ISR,ISR\nfoo,Foo,Planet,,\n", 3, "type"),
    ("name,canonical,type,country,code\nfoo,Foo,Country,Israel,ISR\n", 2, "country"),
    ("name,canonical,type,country,code\nfoo,Foo,Country\n", 2, "fields"),
    ("name,canonical,type,country,code\n,Foo,Country,ISR,ISR\n", 2, "empty name"),
    ("name,canonical,kind\nfoo,Foo,Country\n", 1, "header"),
])
def test_malformed_user_csv(tmp_path, content, line, fragment):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        ActorDictionary.from_user_file(path)
    message = str(info.value)
    assert f"{path}:{line}:" in message and fragment in message
    assert isinstance(info.value, KgError) and isinstance(info.value, ValueError)


def test_missing_user_file(tmp_path):
    with pytest.raises(DictionaryError, match="not found"):
        default_dictionary().extend(tmp_path / "nope.csv")


def test_user_turtle_dictionary(tmp_path):
    path = tmp_path / "mine.ttl"
    path.write_text("""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix kgo: <https://w3id.org/newskg/ontology#> .
        <https://example.org/actor/occupation> a kgo:Country ;
            skos:prefLabel "Israel"@en ; skos:altLabel "the occupation", "Zionist entity" ;
            kgo:country "ISR" ; kgo:cameoCode "ISR" .
        <https://example.org/actor/acme> skos:prefLabel "Acme Corp" .
    """, encoding="utf-8")
    mine = ActorDictionary.from_user_file(path)
    assert mine.lookup("the occupation") == ActorEntry("Israel", "Country", "ISR", "ISR", None, "user")
    assert mine.lookup("israel").canonical == "Israel"
    assert mine.lookup("ACME corp") == ActorEntry("Acme Corp", "Organization", None, None, None, "user")


def test_malformed_user_turtle(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:prefLabel \n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="bad.ttl"):
        ActorDictionary.from_user_file(path)


def test_loading_is_lazy_and_cached():
    assert default_dictionary() is default_dictionary()
    assert kd._default_actors() is kd._default_actors()
    assert kd.data_dir().name == "dictionaries"


def test_cameo_turtle_is_valid_skos():
    rdflib = pytest.importorskip("rdflib")
    from rdflib.namespace import SKOS

    graph = rdflib.Graph().parse(ROOT / "ontologies" / "cameo.ttl", format="turtle")
    concept = rdflib.URIRef("https://w3id.org/newskg/cameo/190")
    kgo = rdflib.Namespace("https://w3id.org/newskg/ontology#")
    assert graph.value(concept, SKOS.broader) == rdflib.URIRef("https://w3id.org/newskg/cameo/19")
    assert graph.value(concept, kgo.goldstein).toPython() == -10
    assert graph.value(concept, kgo.quadClass).toPython() == 4
    assert str(graph.value(concept, SKOS.notation)) == "190"
    leaf = rdflib.URIRef("https://w3id.org/newskg/cameo/0874")
    assert graph.value(leaf, SKOS.broader) == rdflib.URIRef("https://w3id.org/newskg/cameo/087")
    assert len(set(graph.subjects(SKOS.inScheme, rdflib.URIRef("https://w3id.org/newskg/cameo/")))) == 312


def test_converter_is_deterministic(tmp_path, shared_dir):
    data = shared_dir / "data"
    if not (data / "phoenix_actor_dictionaries").is_dir():
        pytest.skip("../shared/data is absent")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_dictionaries.py"), str(data),
                    "--out", str(tmp_path)], check=True, capture_output=True, text=True)
    for rel in GENERATED:
        produced, committed = tmp_path / "ontologies" / rel, ROOT / "ontologies" / rel
        assert filecmp.cmp(produced, committed, shallow=False), f"{rel} differs from the committed file"
    assert not (tmp_path / "ontologies" / "dictionaries" / "metonyms.tsv").exists()  # hand-written


def test_user_csv_roles_and_agent_nouns(tmp_path, d):
    path = tmp_path / "mine.csv"
    path.write_text("name,canonical,type,country,code,roles\n"
                    "Ada Lovelace,Ada Lovelace,Person,GBR,GBRELI,GBRGOV:2020-01-01:2022-12-31|GBRELI::\n"
                    "militiamen,,Agent,,REB,\n", encoding="utf-8")
    mine = d.extend(path)
    assert mine.lookup("Ada Lovelace", on=dt.date(2021, 6, 1)).code == "GBRGOV"
    assert mine.lookup("Ada Lovelace", on=dt.date(2024, 6, 1)).code == "GBRELI"
    assert mine.lookup("Ada Lovelace").source == "user"
    assert mine.agent("militiamen") == "REB" and mine.user_agent("militiamen") == "REB"
    assert d.user_agent("militiamen") is None and mine.user_agent("officials") is None
    assert mine.agent("officials") == "GOV"  # the shipped agents still answer
    assert mine.lookup("militiamen") is None  # an agent noun is no actor


@pytest.mark.parametrize(("content", "fragment"), [
    ("name,canonical,type,country,code,roles\nfoo,Foo,Person,,,GOV:2020\n", "roles"),
    ("name,canonical,type,country,code\nfighters,,Agent,,12\n", "agent code"),
])
def test_user_csv_bad_roles_and_agents(tmp_path, content, fragment):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=fragment):
        ActorDictionary.from_user_file(path)


def test_default_dictionary_loads_from_cold_caches():
    kd._default_actors.cache_clear()
    kd._country_codes.cache_clear()
    entry = default_dictionary().lookup("Benjamin Netanyahu")  # its load time: PYTHONPATH=. python benchmarks/latency.py
    assert entry is not None and entry.country == "ISR"
