"""``kg export-graph --format neo4j`` and ``--format ftm`` read back with each format's own rules.

Neo4j: the header and value rules of ``neo4j-admin database import`` (typed
columns, one ``:ID``, ``:START_ID``/``:END_ID``/``:TYPE``, ``;`` arrays, every
relationship's ends among the nodes, no line breaks in fields).
FollowTheMoney: the entity shape (``id``, ``schema``, ``properties`` of string
lists), the schemata and properties of the FtM model used here, ISO-2 country
codes, ISO dates, and every entity reference resolving in the file; then the
``followthemoney`` library itself (a test dependency) loads every entity and
validates every value with its property's type.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re

import pytest
from test_analytics_store import XSS, build_sample_store

from kg.cli import main
from kg.dictionaries import iso2_codes

NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point", "date",
               "localtime", "time", "localdatetime", "datetime", "duration"}

# FtM model (followthemoney/schema/*.yaml): the properties a schema has, as used here
_THING = {"name", "alias", "country", "summary", "description", "sourceUrl", "notes", "previousName", "weakAlias"}
_LEGAL = _THING | {"jurisdiction", "mainCountry", "legalForm", "sector", "classification", "status", "website"}
_INTERVAL = {"startDate", "endDate", "date", "summary", "description", "recordId", "sourceUrl", "publisher"}
FTM_PROPS = {
    "Person": _LEGAL | {"position", "nationality", "citizenship", "firstName", "lastName", "title"},
    "Organization": _LEGAL, "Company": _LEGAL, "PublicBody": _LEGAL,
    "Address": {"full", "country", "city", "region", "summary", "description", "sourceUrl"},
    "UnknownLink": _INTERVAL | {"subject", "object", "role"},
    "Membership": _INTERVAL | {"member", "organization", "role", "status"},
}
FTM_ENTITY_PROPS = {"subject", "object", "member", "organization"}
FTM_DATE_PROPS = {"startDate", "endDate", "date"}


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("interchange") / "store"
    build_sample_store(path).close()
    return str(path)


def _typed(value: str, kind: str) -> object:
    if kind.endswith("[]"):
        return [_typed(v, kind[:-2]) for v in value.split(";")] if value else []
    if value == "":
        return None
    if kind in ("int", "long", "short", "byte"):
        return int(value)
    if kind in ("float", "double"):
        return float(value)
    if kind == "boolean":
        assert value in ("true", "false"), value
        return value == "true"
    if kind == "date":
        return dt.date.fromisoformat(value)
    return value


def read_neo4j(path, required: set[str]) -> list[dict]:
    """Rows of a neo4j-admin import CSV, typed as its header says (and the header checked)."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    names = []
    for column in header:
        name, _, kind = column.partition(":")
        if column.startswith(":"):
            assert column in (":ID", ":LABEL", ":START_ID", ":END_ID", ":TYPE", ":IGNORE"), column
        elif kind and kind != "ID":
            assert kind.removesuffix("[]") in NEO4J_TYPES, column
        names.append((column, kind or "string"))
    fields = {c for c, _ in names} | {":ID" for c, k in names if k == "ID"}
    assert required <= fields, (required, header)
    out = []
    for row in body:
        assert len(row) == len(header), row
        assert not any("\n" in cell or "\r" in cell for cell in row)
        out.append({column: (value if kind in ("ID", "string") or column.startswith(":") else _typed(value, kind))
                    for (column, kind), value in zip(names, row)})
    return out


def test_neo4j_import_files_follow_neo4j_admin_rules(store_dir, tmp_path, capsys):
    out = tmp_path / "neo4j"
    assert main(["export-graph", "--store", store_dir, "--format", "neo4j", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "neo4j-admin database import full --nodes=" in printed and "(7 nodes, 7 edges)" in printed
    nodes = read_neo4j(out / "nodes.csv", {":ID", ":LABEL"})
    rels = read_neo4j(out / "relationships.csv", {":START_ID", ":END_ID", ":TYPE"})
    ids = [n["id:ID"] for n in nodes]
    assert len(ids) == len(set(ids)) == 7
    for node in nodes:
        assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", label) for label in node[":LABEL"].split(";"))
    by_name = {n["name"]: n for n in nodes}
    assert by_name["Benjamin Netanyahu"][":LABEL"] == "Actor;Person"
    assert by_name["Benjamin Netanyahu"]["aliases:string[]"] == ["Netanyahu"]
    assert by_name[XSS]["name"] == XSS  # article text is data, unchanged
    assert len(rels) == 7
    for rel in rels:
        assert rel[":START_ID"] in ids and rel[":END_ID"] in ids
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", rel[":TYPE"])
    strike = [r for r in rels if r["relation"] == "strike" and by_name["Israel"]["id:ID"] == r[":START_ID"]]
    assert len(strike) == 1 and strike[0]["count:int"] == 2 and strike[0][":TYPE"] == "STRIKE"
    assert strike[0]["goldstein_sum:float"] == -20.0 and strike[0]["first_date:date"] == dt.date(2024, 10, 12)
    assert strike[0]["documents:string[]"] == ["d2"] and strike[0]["negated:boolean"] is False


def assert_followthemoney_accepts(entities: list[dict]) -> None:
    """The followthemoney library loads each entity unchanged and each value passes its property type's check."""
    from followthemoney import model

    for e in entities:
        schema = model.get(e["schema"])
        assert schema is not None and not schema.abstract, e["schema"]
        for name, values in e["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (e["schema"], name)
            for value in values:
                assert prop.type.validate(value), (e["schema"], name, value)
        assert model.get_proxy(e, cleaned=False).to_dict()["properties"] == e["properties"], e


def test_ftm_entities_follow_the_followthemoney_model(store_dir, tmp_path, capsys):
    path = tmp_path / "entities.ftm"
    assert main(["export-graph", "--store", store_dir, "-o", str(path)]) == 0
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    ids = {e["id"] for e in entities}
    assert len(ids) == len(entities)
    iso2 = set(iso2_codes().values())
    for e in entities:
        assert set(e) == {"id", "schema", "properties"} and e["schema"] in FTM_PROPS, e
        assert set(e["properties"]) <= FTM_PROPS[e["schema"]], (e["schema"], set(e["properties"]))
        for prop, values in e["properties"].items():
            assert isinstance(values, list) and values and all(isinstance(v, str) and v for v in values), e
            if prop in ("country", "jurisdiction"):
                assert all(re.fullmatch(r"[a-z]{2}", v) and v in iso2 for v in values), values
            if prop in FTM_DATE_PROPS:
                for v in values:
                    dt.date.fromisoformat(v)
            if prop in FTM_ENTITY_PROPS:
                assert set(values) <= ids, (prop, values)
    assert_followthemoney_accepts(entities)
    named = {e["properties"]["name"][0]: e for e in entities if "name" in e["properties"]}
    assert named["Benjamin Netanyahu"]["schema"] == "Person"
    assert named["Benjamin Netanyahu"]["properties"]["position"] == ["Prime Minister"]
    assert named["Benjamin Netanyahu"]["properties"]["country"] == ["il"]
    assert named["Qatar"]["schema"] == "PublicBody" and named["Qatar"]["properties"]["jurisdiction"] == ["qa"]
    assert named["Hamas"]["schema"] == "Organization" and named["Hamas"]["properties"]["country"] == ["ps"]
    assert named[XSS]["schema"] == "Organization"
    links = [e for e in entities if e["schema"] == "UnknownLink"]
    assert len(links) == 7
    strike = [e for e in links if e["properties"]["role"] == ["strike"]
              and e["properties"]["subject"] == [named["Israel"]["id"]]]
    assert strike and strike[0]["properties"]["startDate"] == ["2024-10-12"]
    assert "CAMEO 195" in strike[0]["properties"]["description"][0]
    assert strike[0]["properties"]["recordId"] == ["d2"]


def test_export_graph_unknown_format_is_one_line(store_dir, tmp_path, capsys):
    assert main(["export-graph", "--store", store_dir, "--format", "xlsx", "-o", str(tmp_path / "x")]) == 2
    assert "use one of gexf, graphml, csv, neo4j, ftm" in capsys.readouterr().err
