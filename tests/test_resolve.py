"""kg.resolve: within-document canonicalisation on hand-made records (no spaCy)."""

from __future__ import annotations

import datetime as dt
import doctest
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import kg.resolve
from kg.records import ActorType, Mention, Provenance, Relation
from kg.resolve import BUILTIN, resolve_document, resolve_mention

ROOT = Path(__file__).resolve().parent.parent
PROV = Provenance(doc_id="d", sentence="s", start=0, end=1, sentence_index=0, extractor="test")


def m(label: str, kind: str = "Person", text: str | None = None, **extra) -> Mention:
    text = label if text is None else text
    return Mention(text=text, label=label, type=ActorType(kind), start=0, end=len(text), **extra)


def rel(subject: Mention, obj: Mention, predicate: str = "meet", **extra) -> Relation:
    return Relation(subject=subject, predicate=predicate, object=obj, provenance=PROV, **extra)


def labels(relations: list[Relation]) -> list[tuple[str, str]]:
    return [(r.subject.label, r.object.label) for r in relations]


def test_resolve_empty_list():
    assert resolve_document([]) == []


@pytest.mark.parametrize(
    "short, full",
    [
        ("Netanyahu", "Benjamin Netanyahu"),
        ("Sullivan", "Jake Sullivan"),
        ("Biden", "Joe Biden"),
    ],
)
def test_resolve_short_name_to_full_name(short, full):
    out = resolve_document([rel(m(full), m("Iran", "Country")), rel(m(short), m("Iran", "Country"))])
    assert labels(out) == [(full, "Iran"), (full, "Iran")]
    assert short in out[1].subject.aliases


def test_resolve_short_name_ambiguous_is_left_alone():
    out = resolve_document(
        [
            rel(m("Jake Sullivan"), m("Iran", "Country")),
            rel(m("Dan Sullivan"), m("Iran", "Country")),
            rel(m("Sullivan"), m("Iran", "Country")),
        ]
    )
    assert [r.subject.label for r in out] == ["Jake Sullivan", "Dan Sullivan", "Sullivan"]


def test_resolve_short_name_mistyped_by_ner():
    out = resolve_document(
        [rel(m("Joe Biden"), m("Iran", "Country")), rel(m("Biden", "Location"), m("Iran", "Country"))]
    )
    assert (out[1].subject.label, out[1].subject.type) == ("Joe Biden", ActorType.PERSON)


def test_resolve_same_name_same_type():
    out = resolve_document([rel(m("Biden"), m("Iran", "Country")), rel(m("Biden", "Location"), m("Iran", "Country"))])
    assert out[1].subject.type is ActorType.PERSON


@pytest.mark.parametrize("name", ["US", "U.S.", "United States", "America", "the United States", "USA", "the US"])
def test_resolve_united_states_variants(name):
    out = resolve_document([rel(m(name, "Country"), m("Iran", "Country"), "warn")])
    subject = out[0].subject
    assert (subject.label, subject.type, subject.country) == ("United States", ActorType.COUNTRY, "USA")


@pytest.mark.parametrize(
    "name, kind, canonical, iso3",
    [
        ("UK", "Country", "United Kingdom", "GBR"),
        ("Britain", "Country", "United Kingdom", "GBR"),
        ("United Kingdom", "Country", "United Kingdom", "GBR"),
        ("Israeli", "Group", "Israel", "ISR"),
        ("Iranian", "Group", "Iran", "IRN"),
        ("American", "Group", "United States", "USA"),
        ("Russian", "Group", "Russia", "RUS"),
        ("Chinese", "Group", "China", "CHN"),
        ("French", "Group", "France", "FRA"),
        ("German", "Group", "Germany", "DEU"),
        ("Washington", "Location", "United States", "USA"),
    ],
)
def test_resolve_country_variants_and_demonyms(name, kind, canonical, iso3):
    mention = resolve_mention(m(name, kind))
    assert (mention.label, mention.type, mention.country) == (canonical, ActorType.COUNTRY, iso3)


def test_resolve_peoples_stay_groups():
    mention = resolve_mention(m("Palestinians", "Group"))
    assert (mention.label, mention.type, mention.country) == ("Palestinians", ActorType.GROUP, "PSE")


def test_resolve_city_keeps_its_name():
    mention = resolve_mention(m("Tehran", "Location"))
    assert (mention.label, mention.type) == ("Tehran", ActorType.LOCATION)


def test_resolve_role_phrase_gets_agent_code():
    mention = resolve_mention(m("US", "Country", text="US officials", role="officials"))
    assert (mention.label, mention.code) == ("United States", "USAGOV")
    out = resolve_document([rel(mention, m("Israel", "Country")), rel(m("US", "Country"), m("Iran", "Country"))])
    assert "US officials" not in out[0].subject.aliases  # a role phrase is not a name
    assert "US" in out[0].subject.aliases


def test_resolve_affiliation_canonical():
    mention = resolve_mention(m("Lloyd Austin", affiliation="US", role="Secretary of Defense"))
    assert (mention.affiliation, mention.country) == ("United States", "USA")


def test_resolve_person_facts_are_shared():
    out = resolve_document(
        [
            rel(
                m("Ron Dermer", role="Minister for Strategic Affairs", affiliation="Israel", country="ISR"),
                m("Iran", "Country"),
            ),
            rel(m("Dermer"), m("Iran", "Country")),
        ]
    )
    second = out[1].subject
    assert (second.label, second.role, second.country) == ("Ron Dermer", "Minister for Strategic Affairs", "ISR")


def test_resolve_pronoun_text_is_no_alias():
    out = resolve_document(
        [
            rel(m("Benjamin Netanyahu"), m("Iran", "Country")),
            rel(m("Benjamin Netanyahu", text="he"), m("Iran", "Country")),
        ]
    )
    assert out[1].subject.aliases == ()


def test_resolve_concepts_untouched_and_order_kept():
    concept = m("ceasefire initiative", "Other")
    rels = [rel(m("US", "Country"), concept, "back"), rel(m("France", "Country"), m("Iran", "Country"), "condemn")]
    out = resolve_document(rels)
    assert out[0].object == concept
    assert [r.predicate for r in out] == ["back", "condemn"]


def test_resolve_attributed_to_resolved():
    out = resolve_document(
        [rel(m("Israel", "Country"), m("Iran", "Country"), "attack", attributed_to=m("U.S.", "Country"))]
    )
    assert out[0].attributed_to.label == "United States"


@dataclass(frozen=True)
class _Entry:
    canonical: str
    type: str
    country: str | None
    code: str | None


class _FakeDictionary:
    """A stand-in with the kg.dictionaries interface."""

    def __init__(self) -> None:
        self.dates: list[dt.date | None] = []

    def lookup(self, name, on=None):
        self.dates.append(on)
        return {
            "Bibi": _Entry("Benjamin Netanyahu", "Person", "ISR", "ISRGOV"),
            "Hezbollah": _Entry("Hezbollah", "Group", "LBN", "LBNREB"),
        }.get(name)

    def demonym(self, word):
        return _Entry("Israel", "Country", "ISR", "ISR") if word == "Israeli" else None

    def metonym(self, name):
        return _Entry("United States", "Country", "USA", "USAGOV") if name == "White House" else None

    def agent(self, noun):
        return "~MIL" if noun == "jets" else None


def test_resolve_uses_a_given_dictionary():
    book = _FakeDictionary()
    day = dt.date(2024, 10, 11)
    out = resolve_document(
        [
            rel(m("Bibi"), m("Hezbollah", "Organization"), "threaten"),
            rel(m("White House", "Organization"), m("Israeli", "Group", text="Israeli jets", role="jets"), "warn"),
        ],
        dictionary=book,
        on=day,
    )
    assert (out[0].subject.label, out[0].subject.code) == ("Benjamin Netanyahu", "ISRGOV")
    assert (out[0].object.type, out[0].object.code) == (ActorType.GROUP, "LBNREB")
    assert (out[1].subject.label, out[1].subject.code) == ("United States", "USAGOV")
    assert (out[1].object.label, out[1].object.code) == ("Israel", "ISRMIL")
    assert day in book.dates


def test_resolve_with_the_phoenix_dictionary():
    dictionaries = pytest.importorskip("kg.dictionaries")
    try:
        book = dictionaries.default_dictionary()
        book.lookup("Israel")
    except Exception as exc:  # data files missing in this checkout
        pytest.skip(f"kg.dictionaries not usable: {exc}")
    out = resolve_document(
        [rel(m("Netanyahu"), m("U.S.", "Country"), "assure")], dictionary=book, on=dt.date(2024, 10, 11)
    )
    assert out[0].subject.label == "Benjamin Netanyahu"
    assert (out[0].object.label, out[0].object.country) == ("United States", "USA")


def test_resolve_builtin_table_is_data():
    assert BUILTIN.lookup("the U.S.").canonical == "United States"
    assert BUILTIN.lookup("us") is None  # the pronoun is no country
    assert BUILTIN.lookup("Atlantis") is None


def test_resolve_imports_no_spacy():
    code = "import sys, kg.resolve; print('spacy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "False"


def test_resolve_doctests():
    assert doctest.testmod(kg.resolve).failed == 0
