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
