"""CAMEO verb dictionaries in PETRARCH format (kg.verbdict): reading, pattern precedence, the
shipped CAMEO.2.0 patterns on real parses, and a user's verb file (--verbs) winning."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DictionaryError, KgError
from kg.verbdict import VerbDictionary, default_verbs, read_verb_files, using_verbs

ROOT = Path(__file__).resolve().parent.parent

DICT = """
&ARMS
+WEAPONS
+HEAVY ARMS_

--- NEGOTIATE [040] ---
HOLD {HOLDS HELD HOLDING} [---]
CONVENE
- * TALKS [046]
- * {PEACE TALKS} [045]
- * TALKS (WITH + ON &ARMS) [0311]
- * (WITH +) [031]
- URGENTLY * [042]

--- SEIZE [---] ---
SEIZE [171]
+CORDON_OFF [1721]
- * &ARMS [1711]
"""


@pytest.fixture(scope="module")
def book() -> VerbDictionary:
    return VerbDictionary.from_text(DICT, name="test.verbs")


def _code(book, lemma, after="", before="", **kw):
    found = book.match(lemma, after=after.split(), before=before.split(), **kw)
    return found.code if found is not None else None


def test_verbdict_most_specific_pattern_wins(book):
    assert _code(book, "hold", "talks") == "046"  # one word
    assert _code(book, "hold", "peace talks") == "045"  # two consecutive words beat one
    assert _code(book, "hold", "talks with rohan on heavy arms") == "0311"  # noun + preposition + synset
    assert _code(book, "hold", "peace talks with rohan on weapons") == "0311"  # three words beat two


def test_verbdict_verb_alone_is_the_fallback(book):
    assert _code(book, "hold", "a rally") == ""  # the verb's own [---]: no event
    assert _code(book, "convene", "a rally") == "040"  # no own code: the block's
    assert _code(book, "seize", "the harbour") == "171"
    assert _code(book, "walk", "talks") is None  # a verb the dictionary does not list
    assert book.match("hold").words == 0


def test_verbdict_preposition_and_noun_patterns(book):
    assert _code(book, "convene", "with the rebels") == "031"  # preposition only
    assert _code(book, "convene", "talks") == "046"  # block patterns serve each verb
    assert _code(book, "seize", "heavy arms") == "1711"  # a synset phrase, consecutive
    assert _code(book, "seize", "heavy new arms") == "171"  # ... not with a word between
    assert _code(book, "seize", "the weapon") == "1711"  # plural in the synset, singular in the text


def test_verbdict_words_before_the_verb_and_forms(book):
    assert _code(book, "hold", "a rally", before="rohan urgently") == "042"
    assert _code(book, "hold", "a rally", before="urgently rohan") == "042"  # other words may come between
    assert book.match("hold", form="held", after=["talks"]).code == "046"  # an irregular form
    assert _code(book, "cordon", "off the road") == "1721"  # a multi-word verb counts its particle
    assert _code(book, "cordon", "the road") is None or _code(book, "cordon", "the road") != "1721"


def test_verbdict_compound_subject_pattern():
    book = VerbDictionary.from_text("--- AGREE [081] ---\nAGREE\n- % * [030]\n")
    assert book.match("agree").code == "081"
    assert book.match("agree", compound=True).code == "030"


@pytest.mark.parametrize(
    "text, where",
    [
        ("- * TALKS [046]\n", "line 1"),  # a pattern before any block
        ("--- MEET [040] ---\n- * TALKS [046]\n", "line 2"),  # a pattern before the block's verbs
        ("--- MEET [040] ---\nMEET\n- * TALKS\n", "line 3"),  # no code
        ("--- MEET [040] ---\nMEET\n- TALKS [046]\n", "line 3"),  # no verb position
        ("--- MEET [040] ---\nMEET\n- * {PEACE TALKS [046]\n", "line 3"),  # unbalanced braces
        ("--- MEET [040] ---\nMEET\n- * TALKS [@@]\n", "line 3"),  # not a code
        ("&SET\n+&NOPE\n", "line 2"),  # a synset member naming an unknown synset
        ("<!-- nothing here -->\n&SET\n+WORD\n", "no verb"),  # no verb at all
        ("name,canonical,type\nFoo,Foo,Person\n", "line 1"),  # an actor CSV by mistake
    ],
)
def test_verbdict_bad_file_names_file_and_line(tmp_path, text, where):
    path = tmp_path / "mine.verbs.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        VerbDictionary.from_file(path)
    assert str(path) in str(err.value) and where in str(err.value)
    assert isinstance(err.value, KgError)


def test_verbdict_missing_file_is_a_kg_error(tmp_path):
    with pytest.raises(DictionaryError, match="nope.txt"):
        read_verb_files([tmp_path / "nope.txt"])
    assert read_verb_files([]) is None


def test_verbdict_later_user_file_wins(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("--- MEET [040] ---\nMEET\n", encoding="utf-8")
    b.write_text("--- MEET [036] ---\nMEET\n", encoding="utf-8")
    assert read_verb_files([a, b]).match("meet").code == "036"
    assert read_verb_files([b, a]).match("meet").code == "040"


def test_verbdict_shipped_cameo_patterns():
    book = default_verbs()
    assert book.match("hold", after="talks with".split()).code == "046"
    assert book.match("issue", after="arrest warrants for".split()).code == "173"
    assert book.match("stage", after="a protest".split()).code == "141"  # no target needed
    assert book.match("launch", after="an air strike against".split()).code == "195"
    assert book.match("hold", after="a vigil".split()).code == "017"


def test_verbdict_shipped_file_is_the_converters_output(shared_dir, tmp_path):
    import importlib.util

    if not (shared_dir / "data" / "cameo_verb_dictionary" / "CAMEO.2.0.txt").is_file():
        pytest.skip("no shared CAMEO.2.0 verb dictionary")
    spec = importlib.util.spec_from_file_location("convert_dictionaries", ROOT / "scripts" / "convert_dictionaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    known = {line.split("\t")[0] for line in (ROOT / "ontologies/dictionaries/cameo_codes.tsv").read_text().splitlines()[1:]}
    built = module.build_patterns(shared_dir / "data", known)
    assert built == (ROOT / "ontologies/dictionaries/cameo_patterns.txt").read_text(encoding="utf-8")
    assert "Open Event Data Alliance" in built.splitlines()[2]  # the source is credited


# --------------------------------------------------------------------------- real parses


def _events(relations_of, text):
    return {(r.subject.label, r.predicate, r.object.label): (r.event_code, r.negated) for r in relations_of(text)}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, triple, codes",
    [
        ("Turkey held talks with Greece on Monday.", ("Turkey", "hold talk with", "Greece"), {"040", "046"}),
        ("A court in Lima issued arrest warrants for Peru's former president.",
         ("court", "issue warrant for", "Peru"), {"173"}),
        ("Israel launched an air strike against Hamas in Gaza.", ("Israel", "launch strike against", "Hamas"), {"195"}),
        ("The union staged a protest against Shell.", ("union", "stage protest against", "Shell"), {"141"}),
    ],
)
def test_verbdict_patterns_code_relations(relations_of, text, triple, codes):
    found = _events(relations_of, text)
    assert triple in found, found
    assert found[triple][0] in codes


@pytest.mark.model
def test_verbdict_negated_event_keeps_its_code(relations_of):
    found = _events(relations_of, "Russia did not launch an air strike against Ukraine.")
    assert found[("Russia", "launch strike against", "Ukraine")] == ("195", True)


@pytest.mark.model
def test_verbdict_user_file_overrides_the_shipped_one(relations_of, tmp_path):
    path = tmp_path / "mine.verbs.txt"
    path.write_text("<!-- my verbs -->\n--- HOLD [---] ---\nHOLD {HOLDS HELD HOLDING}  # talks\n"
                    "- * TALKS [036]\n- * {PEACE TALKS} [045]\n", encoding="utf-8")
    text = "Turkey held talks with Greece on Monday."
    triple = ("Turkey", "hold talk with", "Greece")
    assert _events(relations_of, text)[triple][0] == "040"
    with using_verbs(read_verb_files([path])):
        assert _events(relations_of, text)[triple][0] == "036"
        # a verb the user's file does not list keeps kg's code
        assert _events(relations_of, "France condemned Russia.")[("France", "condemn", "Russia")][0] == "111"


@pytest.mark.model
def test_verbdict_settings_verbs_files_reach_the_pipeline(tmp_path):
    from kg.config import load_settings
    from kg.pipeline import extract_documents
    from kg.records import Document

    path = tmp_path / "mine.verbs.txt"
    path.write_text("--- CONDEMN [---] ---\nCONDEMN\n- * (FOR AGGRESSION) [112]\n", encoding="utf-8")
    docs = [Document(id="d1", text="France condemned Russia for aggression. Spain condemned Italy.")]
    settings = load_settings(verbs_files=(path,))
    codes = {(r.subject.label, r.object.label): r.event_code for _, rels in extract_documents(docs, settings=settings)
             for r in rels}
    assert codes.get(("France", "Russia")) == "112"
    assert ("Spain", "Italy") not in codes or codes[("Spain", "Italy")] is None


def test_verbdict_cli_bad_verbs_file_is_one_line(tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "bad.verbs.txt"
    bad.write_text("--- MEET [040] ---\nMEET\n- TALKS [046]\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("France condemned Russia.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "extract", "--verbs", str(bad), str(text)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("kg: error")]
    assert len(lines) == 1 and "bad.verbs.txt" in lines[0] and "line 3" in lines[0], proc.stderr
