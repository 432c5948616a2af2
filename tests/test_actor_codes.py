"""Actor codes composed as PETRARCH composes them, and PETRARCH-format dictionaries read by kg.

Own invented actors (Valdoria, Kestrel...) and sentences; nothing from the benchmark files.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kg.dictionaries import ActorDictionary, compose_code
from kg.errors import DictionaryError, KgError

ACTORS = """<!-- a test dictionary -->
# a comment line
VALDORIA_  [VLD]
+VALDORIAN
KESTREL  [KST] # inflected: "Kestrels", "Kestreli"
MAREN_HOLT
+HOLT_
\t[MRNELI < 010301]
\t[VLDGOV 20010301 - 20041231]
\t[VLDOPP > 050101]
SILENT_PARTNER  [---]
NORTH_HARBOUR_GUARD_ [VLDMIL]
TALLIS_ [VLD]
"""
AGENTS = """!PERSON! = MAN, MEN
HARBOUR_MASTER [~GOV]
FERRY!PERSON! [~LAB]
LIGHTHOUSE_KEEPERS {} [~MIL]
FOREIGN_MINISTER [~GOVFRM]
RELIEF_GROUP [NGO~]
"""


@pytest.fixture
def book(tmp_path) -> ActorDictionary:
    actors, agents = tmp_path / "actors.txt", tmp_path / "agents.txt"
    actors.write_text(ACTORS, encoding="utf-8")
    agents.write_text(AGENTS, encoding="utf-8")
    return ActorDictionary.from_user_file(actors).extend(ActorDictionary.from_user_file(agents))


def test_petrarch_actor_names_synonyms_and_inflections(book):
    assert book.lookup("Valdoria").code == "VLD" and book.lookup("Valdoria").type == "Country"
    assert book.lookup("the Valdorian").canonical == "Valdoria"
    assert book.lookup("Valdorias") is None            # an exact name takes no inflection
    assert book.lookup("Kestreli").canonical == "Kestrel"  # a name without "_" does
    assert book.lookup("Kestrel").source == "user"
    guard = book.lookup("North Harbour Guard")
    assert (guard.code, guard.country, guard.type) == ("VLDMIL", "VLD", "Organization")
    silent = book.lookup("Silent Partner")
    assert silent is not None and silent.code is None   # a null code names but codes nothing


def test_petrarch_dated_codes_resolve_on_the_date(book):
    assert book.lookup("Maren Holt").type == "Person"
    assert book.lookup("Holt", on=dt.date(2000, 6, 1)).code == "MRNELI"
    assert book.lookup("Holt", on=dt.date(2003, 6, 1)).code == "VLDGOV"   # inside the term
    assert book.lookup("Holt", on=dt.date(2009, 6, 1)).code == "VLDOPP"
    assert book.lookup("Holt", on=dt.date(2005, 1, 1)).code is None       # between two blocks, no default


def test_petrarch_agents_macros_plurals_prefixes(book):
    assert book.agent("harbour masters") == "GOV"         # regular plural added
    assert book.agent("ferrymen") == "LAB" and book.agent("ferryman") == "LAB"   # macro
    assert book.agent("lighthouse keepers") == "MIL"
    assert book.agent("foreign minister") == "GOVFRM"
    assert book.agent("relief group") == "NGO~"


def test_compose_code_appends_prepends_and_does_not_repeat():
    assert compose_code("VLD", "GOV") == "VLDGOV"
    assert compose_code("VLD", "GOVFRM") == "VLDGOVFRM"
    assert compose_code("VLDGOV", "GOVFRM") == "VLDGOVFRM"
    assert compose_code("VLDGOV", "GOV") == "VLDGOV"
    assert compose_code("VLD", "NGO~") == "NGOVLD"
    assert compose_code(None, "GOV") is None and compose_code("VLD", None) == "VLD"


def test_a_csv_file_is_still_read_as_csv(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("name,canonical,type,country,code\nValdoria,Valdoria,Country,VLD,VLD\n", encoding="utf-8")
    assert ActorDictionary.from_user_file(path).lookup("Valdoria").code == "VLD"


@pytest.mark.parametrize(("body", "line", "words"), [
    ("\t[VLD]\nVALDORIA [VLD]\n", 1, "before any actor"),
    ("+VALDORIAN\n", 1, "before any actor"),
    ("VALDORIA [VLD\n", 1, "unbalanced"),
    ("KESTREL [K?T]\n", 1, "letters and digits"),
    ("!PERSON!_OF_NOTE [~ELI]\n", 1, "undefined macro"),
    ("KESTREL [KST 2001x301 - 20041231]\n", 1, "not YYMMDD"),
])
def test_a_bad_petrarch_file_names_file_and_line(tmp_path, body, line, words):
    path = tmp_path / "bad.txt"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        ActorDictionary.from_user_file(path)
    assert isinstance(err.value, KgError)
    assert f"{path}:{line}:" in str(err.value) and words in str(err.value)


def test_a_malformed_line_is_skipped_with_a_warning_naming_it(tmp_path, caplog):
    """The published Phoenix files hold a few typos ("9008223"): the rest of the file still loads."""
    path = tmp_path / "typo.txt"
    path.write_text("VALDORIA [VLD]\nKESTREL\n\t[KSTGOV 2001x301 - 20041231]\n\t[KST]\n"
                    "OSRIC_VANE_\t[VLDGOV 20010301-20041231] [VLDELI]\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="kg.actordict"):
        book = ActorDictionary.from_user_file(path)
    assert f"{path}:3: date '2001x301'" in caplog.text
    assert book.lookup("Kestrel").code == "KST" and book.lookup("Valdoria").code == "VLD"
    assert book.lookup("Osric Vane", on=dt.date(2002, 1, 1)).code == "VLDGOV"   # two blocks on one line
    assert book.lookup("Osric Vane", on=dt.date(2009, 1, 1)).code == "VLDELI"


# --------------------------------------------------------------------------- composition in extraction (model)

def _relations(path_or_none, text, published=None):
    from kg.config import load_settings
    from kg.pipeline import extract_documents
    from kg.records import Document

    settings = load_settings(actors_files=(path_or_none,) if path_or_none else ())
    [(_, relations)] = list(extract_documents([Document(id="c", text=text, published=published)],
                                              settings=settings))
    return relations


def _codes(relations):
    return [(r.subject.label, r.subject.code, r.object.label, r.object.code) for r in relations]


@pytest.mark.model
@pytest.mark.parametrize(("text", "subject", "code"), [
    # demonym + agent noun: a people of its own, coded with the country (PETRARCH: country + agent)
    ("A Ghanaian teacher accused Togo of fraud.", "Ghanaian teacher", "GHAEDU"),
    ("Three Syrian detainees accused Jordan of abuse.", "Syrian detainees", "SYROPP"),
    # possessive country + agent phrase (the longest phrase of the agents dictionary wins)
    ("Peru's intelligence chief accused Bolivia of spying.", "Peru", "PERSPY"),
    # "of"-phrase: the place keeps its node, its code is its country's with the title's agent
    ("The governor of Mosul accused Turkey of shelling.", "Mosul", "IRQGOV"),
    # "from"-phrase
    ("Two exiles from Eritrea accused Sudan of abuses.", "exiles", "ERIOPP"),
    # a country the curated table lacks, after "in"; a title's longest known ending
    ("Officials in Zambia accused Malawi of smuggling.", "Zambia", "ZMBGOV"),
    ("Zambia's first Deputy Prime Minister Obi Tembo criticized Malawi.", "Obi Tembo", "ZMBGOV"),
])
def test_composed_codes(nlp, text, subject, code):
    [rel] = [r for r in _relations(None, text) if r.subject.code]
    assert (rel.subject.label, rel.subject.code) == (subject, code)


@pytest.mark.model
def test_a_place_keeps_its_node_and_carries_its_country_code(nlp):
    [rel] = _relations(None, "The governor of Mosul accused Turkey of shelling.")
    place = rel.subject
    assert (place.type.value, place.label, place.country) == ("Location", "Mosul", "IRQ")
    from kg.cli.output import relation_json

    assert relation_json(rel)["subject"]["code"] == "IRQGOV"


@pytest.mark.model
def test_a_titled_person_takes_the_country_and_the_title(nlp):
    [rel] = _relations(None, "Ecuadorian President Ramiro Quell criticized Colombia.")
    assert (rel.subject.label, rel.subject.country, rel.subject.code) == ("Ramiro Quell", "ECU", "ECUGOV")


@pytest.mark.model
def test_a_bare_surname_is_the_office_holder_of_the_date(nlp):
    inside = _relations(None, "Merkel criticized Russia on Monday.", dt.date(2010, 5, 3))
    assert [(r.subject.label, r.subject.code) for r in inside] == [("Angela Merkel", "DEUGOV")]
    before = _relations(None, "Merkel criticized Russia on Monday.", dt.date(1990, 5, 3))
    assert before[0].subject.code != "DEUGOV"


@pytest.mark.model
def test_petrarch_files_through_the_pipeline(nlp, book, tmp_path):
    """Dated roles on the document date, user agents composed with user countries."""
    actors, agents = tmp_path / "actors.txt", tmp_path / "agents.txt"
    inside = _relations(actors, "Holt warned Kestrel.", dt.date(2003, 2, 1))
    assert _codes(inside) == [("Maren Holt", "VLDGOV", "Kestrel", "KST")]
    outside = _relations(actors, "Holt warned Kestrel.", dt.date(2009, 2, 1))
    assert _codes(outside) == [("Maren Holt", "VLDOPP", "Kestrel", "KST")]
    from kg.config import load_settings
    from kg.pipeline import extract_documents
    from kg.records import Document

    settings = load_settings(actors_files=(actors, agents))
    [(_, rels)] = list(extract_documents([Document(id="p", text="Valdorian harbour masters accused Kestrel.")],
                                         settings=settings))
    assert _codes(rels) == [("Valdoria", "VLDGOV", "Kestrel", "KST")]


@pytest.mark.model
def test_every_coded_mention_carries_its_code_in_rdf_and_jsonl(nlp):
    """The actor node has kgo:cameoCode; each resolved mention's kgo:Resolution note has the code of
    that mention on its date; the mentions JSONL has ``code`` and ``country``."""
    from kg.cli.output import occurrence_json, relation_json
    from kg.rdf.convert import document_quads, to_graph
    from kg.rdf.namespaces import KGO
    from kg.records import Document

    doc = Document(id="r", text="Merkel criticized Russia. A Ghanaian teacher accused Nigeria of fraud.",
                   published=dt.date(2010, 5, 3))
    relations = _relations(None, doc.text, doc.published)
    graph = to_graph(document_quads(doc, relations))
    notes = {str(graph.value(n, KGO.resolvedText)): str(graph.value(n, KGO.cameoCode))
             for n in graph.subjects(KGO.resolvedText, None)}
    assert notes["Merkel"] == "DEUGOV" and notes["Ghanaian teacher"] == "GHAEDU"
    nodes = {str(c) for c in graph.objects(None, KGO.cameoCode)}
    assert {"DEUGOV", "GHAEDU", "RUS", "NGA"} <= nodes
    assert relation_json(relations[1])["subject"]["code"] == "GHAEDU"
    from kg.records import Occurrence

    occ = Occurrence(doc_id="r", start=0, end=6, text="Merkel", mention=relations[0].subject)
    assert (occurrence_json(occ)["code"], occurrence_json(occ)["country"]) == ("DEUGOV", "DEU")


@pytest.mark.model
def test_a_title_before_a_country_coded_name_composes(nlp, book, tmp_path):
    from kg.config import load_settings
    from kg.pipeline import extract_documents
    from kg.records import Document

    settings = load_settings(actors_files=(tmp_path / "actors.txt", tmp_path / "agents.txt"))
    docs = [Document(id="t1", text="Harbour Master Tallis warned Kestrel."), Document(id="t2", text="Tallis warned Kestrel.")]
    found = {doc.id: _codes(rels) for doc, rels in extract_documents(docs, settings=settings)}
    assert found["t1"] == [("Tallis", "VLDGOV", "Kestrel", "KST")]
    assert found["t2"] == [("Tallis", "VLD", "Kestrel", "KST")]


@pytest.mark.model
@pytest.mark.parametrize(("text", "target", "code"), [
    ("Chile will attend the Lima summit.", "Lima summit", "PER"),
    ("Syrian rebels shelled a district of Aleppo.", "district", "SYR"),
])
def test_a_concept_placed_in_a_country_codes_the_target(nlp, text, target, code):
    """The place decides the event's target code; the concept stays a concept node."""
    rel = next(r for r in _relations(None, text) if r.object.label == target)
    assert (rel.object.type.value, rel.object.code) == ("Other", code)


@pytest.mark.model
def test_conjoined_role_nouns_share_the_country_and_a_people_is_coded(nlp):
    found = _codes(_relations(None, "Danish media and government warned Russia."))
    assert [(s, c) for s, c, _, _ in found] == [("Denmark", "DNKMED"), ("Denmark", "DNKGOV")]
    [(_, _, people, code)] = _codes(_relations(None, "Israeli troops attacked Palestinians."))
    assert (people, code) == ("Palestinians", "PSE")


@pytest.mark.model
def test_a_conjoined_role_noun_shares_the_place(nlp):
    found = _codes(_relations(None, "Lawmakers and officials in Zambia praised Malawi."))
    assert [c for _, c, _, _ in found] == ["ZMBLEG", "ZMBGOV"]


def test_the_cli_names_a_bad_petrarch_file_in_one_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    bad = tmp_path / "bad.txt"
    bad.write_text("<!-- mine -->\n+VALDORIAN\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "extract", "-", "--actors", str(bad)], input="Valdoria won.",
                          capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parent.parent)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"kg: error: {bad}:2: synonym '+VALDORIAN' before any actor name"]


@pytest.mark.model
def test_a_city_target_keeps_its_node_and_is_coded_with_its_country(nlp):
    from kg.config import load_settings
    from kg.pipeline import extract_documents
    from kg.records import Document

    [(_, rels)] = list(extract_documents([Document(id="e", text="Militants attacked a village near Aleppo.")],
                                         settings=load_settings(), mode="events"))
    place = next(r.object for r in rels if r.object.label == "Aleppo")
    assert (place.type.value, place.country, place.code) == ("Location", "SYR", "SYR")


@pytest.mark.model
@pytest.mark.parametrize("text", ["Turkish jets struck a suburb of Iraq's second city Mosul.",
                                  "Syrian jets bombed a district of the northern city Homs."])
def test_a_name_a_place_noun_introduces_is_a_place_coded_with_its_country(nlp, text):
    target = [r.object for r in _relations(None, text) if r.object.type.value == "Location"]
    assert target and target[0].country == target[0].code and target[0].code in ("IRQ", "SYR")
