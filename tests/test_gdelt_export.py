"""``kg export-graph --format gdelt|gdelt-tsv``: GDELT 2.0 event rows, read back with pandas and with csv.

The store is built with the real model from sentences written for this test, plus a user
dictionary whose actor has a hostile name (a formula, a comma, quotes, a line break). The
expected CAMEO values are read from ``ontologies/dictionaries/cameo_codes.tsv``, not from the
store, and the GDELT column names are written out here as the GDELT 2.0 codebook lists them.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pandas as pd
import pytest
from kgtest import ROOT

from kg.cli import main

# The GDELT 2.0 event table, in order (GDELT-Event_Codebook-V2.0)
GDELT_2_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
CODES = ["GLOBALEVENTID", "EventCode", "EventBaseCode", "EventRootCode"] + [
    c for c in GDELT_2_COLUMNS if c.endswith("Code") and c.startswith("Actor")]
HOSTILE = "=cmd|' /C calc'!A0, the \"Westmark\"\nBrigade"
URL = "https://news.example.org/world/2023/03/talks?id=7,8"
ARTICLES = [
    {"id": "gd-1", "title": "Border news", "url": URL, "published": "2023-03-14",
     "text": "Turkish forces withdrew from Syria on 3 March 2023.\n\nFrance condemned Iran. "
             "Germany did not sanction Russia. The Westmark Brigade attacked Lebanon."},
    {"id": "gd-2", "title": "Summit", "published": "2023-11-05",
     "text": 'Japan praised India, the "friendly" neighbour, at the summit.'},
    {"id": "gd-3", "title": "Undated", "text": "Chile censored Peru."},
]


def _cameo() -> dict[str, tuple[float, int]]:
    with open(ROOT / "ontologies" / "dictionaries" / "cameo_codes.tsv", encoding="utf-8") as fh:
        return {r["code"]: (float(r["goldstein"]), int(r["quad_class"])) for r in csv.DictReader(fh, delimiter="\t")}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("gdelt")
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    with open(folder / "actors.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("name", "canonical", "type", "country", "code"),
                                  ("Westmark Brigade", HOSTILE, "Group", "SYR", "SYRREB")])
    store = folder / "store"
    assert main(["build", str(folder / "articles.jsonl"), "--actors", str(folder / "actors.csv"),
                 "--store", str(store)]) == 0
    return str(store)


def _export(store_dir, path, *extra: str) -> int:
    return main(["export-graph", "--store", store_dir, "-o", str(path), *extra])


def _by_relation(rows, relation: str) -> dict:
    found = [r for r in rows if r["kg_relation"] == relation]
    assert len(found) == 1, (relation, [r["kg_relation"] for r in rows])
    return found[0]


@pytest.fixture(scope="module")
def header_csv(store_dir, tmp_path_factory):
    path = tmp_path_factory.mktemp("out") / "events.csv"
    assert _export(store_dir, path, "--format", "gdelt") == 0
    return path


def test_header_csv_has_the_gdelt_columns_in_order_then_kg_columns(header_csv):
    with open(header_csv, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert len(GDELT_2_COLUMNS) == 61
    assert header[:61] == GDELT_2_COLUMNS
    assert header[61:] == ["kg_event", "kg_doc_id", "kg_relation", "kg_negated", "kg_modality", "kg_sentence"]
    frame = pd.read_csv(header_csv, dtype={c: str for c in CODES}, keep_default_na=False)
    assert list(frame.columns) == header


def test_dates_codes_quad_class_and_goldstein(header_csv):
    with open(header_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    cameo = _cameo()
    withdraw = _by_relation(rows, "withdraw from")
    assert (withdraw["Actor1CountryCode"], withdraw["Actor2Code"], withdraw["Actor2CountryCode"]) == ("TUR", "SYR", "SYR")
    assert withdraw["Actor1Code"].startswith("TUR") and withdraw["Actor1Name"] == "Turkey"
    assert (withdraw["EventCode"], withdraw["EventBaseCode"], withdraw["EventRootCode"]) == ("0874", "087", "08")
    assert (float(withdraw["GoldsteinScale"]), int(withdraw["QuadClass"])) == cameo["0874"]
    # the date from the text, GDELT's date forms; DATEADDED is the publication day
    assert (withdraw["SQLDATE"], withdraw["MonthYear"], withdraw["Year"]) == ("20230303", "202303", "2023")
    assert withdraw["FractionDate"] == f"{2023 + (2 * 30 + 3) / 365:.4f}" == "2023.1726"
    assert withdraw["DATEADDED"] == "20230314000000" and withdraw["SOURCEURL"] == URL
    assert (withdraw["NumMentions"], withdraw["NumSources"], withdraw["NumArticles"]) == ("1", "1", "1")
    assert withdraw["IsRootEvent"] == "1" and withdraw["kg_doc_id"] == "gd-1"
    assert withdraw["AvgTone"] == withdraw["ActionGeo_FullName"] == withdraw["Actor1EthnicCode"] == ""

    condemn = _by_relation(rows, "condemn")
    assert (condemn["Actor1Code"], condemn["Actor1CountryCode"], condemn["Actor2Code"]) == ("FRA", "FRA", "IRN")
    assert condemn["SQLDATE"] == "20230314"  # no date in the text: the publication date
    assert condemn["IsRootEvent"] == "0"
    code = condemn["EventCode"]
    assert condemn["EventBaseCode"] == code[:3] and condemn["EventRootCode"] == code[:2] == "11"
    assert (float(condemn["GoldsteinScale"]), int(condemn["QuadClass"])) == cameo[code]

    undated = _by_relation(rows, "censor")
    assert undated["SQLDATE"] == undated["Year"] == undated["FractionDate"] == undated["DATEADDED"] == ""
    assert undated["SOURCEURL"] == "" and undated["IsRootEvent"] == "1"
    assert (undated["EventCode"], undated["EventBaseCode"], undated["EventRootCode"]) == ("1721", "172", "17")

    # the actor code split into GDELT's parts (the user dictionary gives SYRREB)
    brigade = _by_relation(rows, "attack")
    assert (brigade["Actor1Code"], brigade["Actor1CountryCode"], brigade["Actor1Type1Code"]) == ("SYRREB", "SYR", "REB")
    assert brigade["Actor2CountryCode"] == "LBN" and brigade["EventRootCode"] == "19"
    ids = [r["GLOBALEVENTID"] for r in rows]
    assert len(set(ids)) == len(ids) and all(i.isdigit() for i in ids)
    dates = [r["SQLDATE"] for r in rows if r["SQLDATE"]]
    assert dates == sorted(dates) and rows[-1]["SQLDATE"] == ""  # oldest first, undated last


def test_negated_events_are_left_out_unless_asked_and_the_tsv_refuses_them(store_dir, header_csv, tmp_path, capsys):
    with open(header_csv, encoding="utf-8", newline="") as fh:
        assert "sanction" not in {r["kg_relation"] for r in csv.DictReader(fh)}
    path = tmp_path / "all.csv"
    assert _export(store_dir, path, "--format", "gdelt", "--include-negated") == 0
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sanction = _by_relation(rows, "sanction")
    # the code of the action that did not happen, flagged
    assert sanction["kg_negated"] == "true" and sanction["EventCode"] == "163"
    assert (sanction["Actor1Code"], sanction["Actor2Code"]) == ("DEU", "RUS")
    assert {r["kg_negated"] for r in rows if r["kg_relation"] != "sanction"} == {"false"}
    capsys.readouterr()
    assert _export(store_dir, tmp_path / "all.tsv", "--format", "gdelt-tsv", "--include-negated") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no negation column" in err and not (tmp_path / "all.tsv").exists()


def test_untrusted_text_round_trips_in_the_header_csv(header_csv):
    frame = pd.read_csv(header_csv, dtype={c: str for c in CODES}, keep_default_na=False)
    brigade = frame[frame.kg_relation == "attack"].iloc[0]
    assert brigade.Actor1Name == "'" + HOSTILE  # kept whole, guarded against formulas
    praise = frame[frame.kg_relation == "praise"].iloc[0]
    assert praise.kg_sentence == 'Japan praised India, the "friendly" neighbour, at the summit.'
    assert frame[frame.kg_relation == "withdraw from"].iloc[0].SOURCEURL == URL
    with open(header_csv, encoding="utf-8", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]


def test_tsv_is_gdelt_positional_61_columns_without_header(store_dir, header_csv, tmp_path):
    path = tmp_path / "20230314000000.export.CSV"
    assert _export(store_dir, path, "--format", "gdelt-tsv") == 0
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    assert lines[-1] == "" and all(line.count("\t") == 60 for line in lines[:-1])
    assert '"' not in raw
    # as GDELT readers load it: tab-separated, no header, the names given
    tsv = pd.read_csv(path, sep="\t", header=None, names=GDELT_2_COLUMNS, dtype={c: str for c in CODES},
                      keep_default_na=False)
    csv_frame = pd.read_csv(header_csv, dtype={c: str for c in CODES}, keep_default_na=False)
    assert len(tsv) == len(csv_frame) == len(lines) - 1
    text = {"Actor1Name", "Actor2Name"}
    same = [c for c in GDELT_2_COLUMNS if c not in text]
    pd.testing.assert_frame_equal(tsv[same], csv_frame[same])
    brigade = tsv[tsv.EventRootCode == "19"]
    assert list(brigade.Actor1Name) == ["'=cmd|' /C calc'!A0, the 'Westmark' Brigade"]
    # and with the csv module, split on tabs
    rows = list(csv.reader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {len(r) for r in rows} == {61}


def test_filters_apply_and_messages(store_dir, tmp_path, capsys):
    path = tmp_path / "strikes.csv"
    assert _export(store_dir, path, "--format", "gdelt", "--event-type", "19") == 0
    assert "wrote" in capsys.readouterr().out
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [r["kg_relation"] for r in rows] == ["attack"]
    assert _export(store_dir, path, "--format", "gdelt", "--graph", "countries") == 2
    assert "drop --graph and --per-event" in capsys.readouterr().err


def test_library_functions(store_dir, tmp_path):
    import kg
    from kg.analytics import GDELT_COLUMNS
    from kg.errors import GraphError

    assert list(GDELT_COLUMNS) == GDELT_2_COLUMNS
    with kg.open_store(store_dir) as st:
        events = kg.gdelt_events(st, include_negated=True)
        again = kg.gdelt_events(st, include_negated=True)
    assert [e.global_id for e in events] == [e.global_id for e in again]  # stable ids
    negated = [e for e in events if e.negated]
    assert len(negated) == 1
    with pytest.raises(GraphError, match="negation"):
        kg.write_gdelt(events, tmp_path / "x.tsv", tsv=True)
    assert kg.write_gdelt([e for e in events if not e.negated], tmp_path / "x.tsv", tsv=True) == len(events) - 1


# One actor, three mentions with different codes: troops (MIL), officials (GOV), the country alone
ROLES = {"id": "pe-1", "title": "Border", "published": "2022-06-02",
         "text": "Peruvian troops attacked Bolivia on Monday. Peruvian officials criticized Chile on Tuesday. "
                 "Peru praised Ecuador."}


@pytest.fixture(scope="module")
def roles_store(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("gdelt-roles")
    (folder / "articles.jsonl").write_text(json.dumps(ROLES) + "\n", encoding="utf-8")
    assert main(["build", str(folder / "articles.jsonl"), "--store", str(folder / "store")]) == 0
    return folder / "store"


def _actor1(store) -> dict[str, tuple[str | None, str | None, str | None]]:
    import kg

    with kg.open_store(store) as st:
        return {e.relation: (e.actor1.code, e.actor1.type1, e.actor2.code) for e in kg.gdelt_events(st)}


def test_actor_code_is_the_mentions_code_in_that_event(roles_store, tmp_path):
    # the node Peru carries PER, PERGOV and PERMIL; each row has the code of its own mention
    assert _actor1(roles_store) == {"attack": ("PERMIL", "MIL", "BOL"), "criticize": ("PERGOV", "GOV", "CHL"),
                                    "praise": ("PER", None, "ECU")}
    path = tmp_path / "roles.csv"
    assert _export(str(roles_store), path, "--format", "gdelt") == 0
    frame = pd.read_csv(path, dtype={c: str for c in CODES}, keep_default_na=False)
    assert dict(zip(frame.kg_relation, frame.Actor1Code, strict=True)) == {
        "attack": "PERMIL", "criticize": "PERGOV", "praise": "PER"}


def test_actor_code_falls_back_to_the_nodes_code_then_its_country(roles_store, tmp_path):
    from kg.rdf.store import Store

    store = tmp_path / "copy"
    shutil.copytree(roles_store, store)
    with Store.create(store) as st:  # a store written before events carried their mentions' codes
        st.update("DELETE WHERE { GRAPH ?g { ?e kgo:agentCode ?a } } ; DELETE WHERE { GRAPH ?g { ?e kgo:patientCode ?p } }")
        st.update('DELETE { GRAPH ?g { ?x kgo:cameoCode "PER" } } WHERE { GRAPH ?g { ?x kgo:country "PER" ; kgo:cameoCode "PER" } }')
    # the node's code: the first in sort order of the codes it has left
    assert _actor1(store) == {"attack": ("PERGOV", "GOV", "BOL"), "criticize": ("PERGOV", "GOV", "CHL"),
                              "praise": ("PERGOV", "GOV", "ECU")}
    with Store.create(store) as st:
        st.update('DELETE { GRAPH ?g { ?x kgo:cameoCode ?c } } WHERE { GRAPH ?g { ?x kgo:country "PER" ; kgo:cameoCode ?c } }')
    # no code at all: its country
    assert {r: a[:2] for r, a in _actor1(store).items()} == {
        "attack": ("PER", None), "criticize": ("PER", None), "praise": ("PER", None)}
