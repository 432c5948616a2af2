"""Actor graphs for graph databases and investigation tools: Neo4j bulk-import CSVs and FollowTheMoney entities.

* :func:`write_neo4j` writes ``nodes.csv`` and ``relationships.csv`` with the
  headers ``neo4j-admin database import full`` reads (``:ID``, ``:LABEL``,
  ``:START_ID``, ``:END_ID``, ``:TYPE``, typed properties such as ``count:int``
  and ``aliases:string[]``).
* :func:`write_ftm` writes FollowTheMoney entities, one JSON object per line
  (``ftm``/Aleph/OpenAleph import them): actors as ``Person``, ``Organization``,
  ``Company``, ``PublicBody`` (countries acting as states, and government
  bodies) or ``Address`` (places); relations as ``UnknownLink`` (subject, object,
  role = the relation, dates, the first sentence as summary); affiliations as
  ``Membership``. Concepts have no FtM schema and are left out with their edges.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["FTM_SCHEMAS", "NEO4J_NODE_HEADER", "NEO4J_RELATIONSHIP_HEADER", "ftm_entities", "neo4j_type",
           "write_ftm", "write_neo4j"]

NEO4J_NODE_HEADER = ("id:ID", "name", "type", "country", "code", "aliases:string[]", "roles:string[]", ":LABEL")
NEO4J_RELATIONSHIP_HEADER = (
    ":START_ID", ":END_ID", ":TYPE", "relation", "count:int", "negated:boolean", "modality", "cameo", "cameo_label",
    "quad_class:int", "goldstein:float", "goldstein_sum:float", "first_date:date", "last_date:date",
    "documents:string[]", "sentence", "kind")

FTM_SCHEMAS = ("Person", "Organization", "Company", "PublicBody", "Address", "UnknownLink", "Membership")

_COMPANY = re.compile(r"\b(ltd|limited|inc|plc|corp|corporation|company|co|group|holdings|gmbh|ag|sa|llc|"
                      r"pensions|bank|airlines?|motors|steel|energy)\.?$", re.IGNORECASE)
_PUBLIC = re.compile(r"\b(ministry|commission|council|agency|department|parliament|court|authority|government|"
                     r"army|police|forces|service|cabinet|office|senate|congress|assembly|treasury|"
                     r"central bank|united nations)\b", re.IGNORECASE)
_PUBLIC_CODES = ("GOV", "MIL", "JUD", "LEG", "ELI", "SPY", "COP", "IGO")


def _text(value: Any) -> str:
    """One line: neo4j-admin reads a field with a line break only with --multiline-fields."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _array(values: Any) -> str:
    return ";".join(_text(v).replace(";", ",") for v in values or () if _text(v))


def neo4j_type(relation: str) -> str:
    """A relationship type for Neo4j: upper-case words joined by ``_``.

    >>> neo4j_type("meet with"), neo4j_type("strike [negated]"), neo4j_type("1st call"), neo4j_type("—")
    ('MEET_WITH', 'STRIKE_NEGATED', 'R_1ST_CALL', 'RELATED_TO')
    """
    name = re.sub(r"[^A-Za-z0-9]+", "_", relation).strip("_").upper()
    if not name:
        return "RELATED_TO"
    return "R_" + name if name[0].isdigit() else name


def _evidence(data: Mapping[str, Any]) -> tuple[list[str], str | None]:
    evidence = data.get("evidence") or ()
    docs = list(dict.fromkeys(str(getattr(ev, "doc_id", None) or getattr(ev, "document", "")) for ev in evidence))
    return [d for d in docs if d], (getattr(evidence[0], "sentence", None) if evidence else None)


def _edges(G: nx.Graph):
    if G.is_multigraph():
        return G.edges(keys=True, data=True)
    return ((u, v, None, d) for u, v, d in G.edges(data=True))


def write_neo4j(G: nx.Graph, folder: str | Path) -> list[Path]:
    """Write ``folder/nodes.csv`` and ``folder/relationships.csv`` for ``neo4j-admin database import full``.

    Node labels are ``Actor`` plus the actor type (``Concept`` for concepts);
    relationship types come from the relation (:func:`neo4j_type`), which is
    also kept as the ``relation`` property. Arrays use ``;``, the importer's
    default delimiter.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nodes_path, rels_path = folder / "nodes.csv", folder / "relationships.csv"
    with open(nodes_path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(NEO4J_NODE_HEADER)
        for node, d in G.nodes(data=True):
            kind = str(d.get("type") or "Other")
            labels = "Concept" if kind in ("Other", "Concept") else f"Actor;{kind}"
            out.writerow([_text(node), _text(d.get("label") or node), kind, _text(d.get("country")),
                          _text(d.get("code")), _array(d.get("aliases")), _array(d.get("roles")), labels])
    with open(rels_path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(NEO4J_RELATIONSHIP_HEADER)
        for u, v, key, d in _edges(G):
            relation = str(d.get("relation") or key or "related to")
            docs, sentence = _evidence(d)
            number = lambda x: "" if x is None else repr(float(x))  # noqa: E731
            out.writerow([
                _text(u), _text(v), neo4j_type(relation), _text(relation), int(d.get("count", 1)),
                "true" if d.get("negated") else "false", _text(d.get("modality")), _text(d.get("cameo")),
                _text(d.get("cameo_label")), "" if d.get("quad_class") is None else int(d["quad_class"]),
                number(d.get("goldstein")), number(d.get("goldstein_sum")), _text(d.get("first_date")),
                _text(d.get("last_date")), _array(docs), _text(sentence), _text(d.get("kind") or "event")])
    return [nodes_path, rels_path]


def _ftm_id(key: Any) -> str:
    return "newskg-" + hashlib.sha1(str(key).encode("utf-8")).hexdigest()[:24]


def _schema(d: Mapping[str, Any]) -> str | None:
    kind, label, code = str(d.get("type") or ""), str(d.get("label") or ""), str(d.get("code") or "")
    if kind == "Person":
        return "Person"
    if kind == "Country":
        return "PublicBody"
    if kind == "Location":
        return "Address"
    if kind in ("Organization", "Group"):
        if _PUBLIC.search(label) or any(code[3:].startswith(c) or code.startswith(c) for c in _PUBLIC_CODES):
            return "PublicBody"
        if kind == "Organization" and _COMPANY.search(label):
            return "Company"
        return "Organization"
    return None  # concepts and unknown kinds


def ftm_entities(G: nx.Graph, countries: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The FollowTheMoney entities of ``G`` (dicts with ``id``, ``schema``, ``properties``: lists of strings).

    ``countries`` maps the graph's ISO-3 codes to FtM's ISO-2 lower-case codes
    (:func:`kg.dictionaries.iso2_codes`); without a mapping no country is written.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Ron Dermer", type="Person", country="ISR", roles=("Minister",))
    >>> G.add_node("b", label="Israel", type="Country", country="ISR")
    >>> G.add_edge("a", "b", key="serve", relation="serve", count=1, evidence=())
    'serve'
    >>> [(e["schema"], e["properties"].get("country")) for e in ftm_entities(G, {"ISR": "il"})]
    [('Person', ['il']), ('PublicBody', ['il']), ('UnknownLink', None)]
    """
    countries = countries or {}
    out: list[dict[str, Any]] = []
    schema_of: dict[Any, str] = {}
    for node, d in G.nodes(data=True):
        schema = _schema(d)
        if schema is None:
            continue
        schema_of[node] = schema
        label = _text(d.get("label") or node)
        props: dict[str, list[str]] = {("full" if schema == "Address" else "name"): [label]}
        aliases = [_text(a) for a in d.get("aliases") or () if _text(a) and _text(a) != label]
        if aliases and schema != "Address":
            props["alias"] = aliases
        country = countries.get(str(d.get("country") or ""))
        if country:
            props["country"] = [country]
            if schema == "PublicBody" and d.get("type") == "Country":
                props["jurisdiction"] = [country]
        if schema == "Person" and d.get("roles"):
            props["position"] = [_text(r) for r in d["roles"]]
        if schema != "Address":
            props["sourceUrl"] = [str(node)] if str(node).startswith("http") else []
            if not props["sourceUrl"]:
                del props["sourceUrl"]
        out.append({"id": _ftm_id(node), "schema": schema, "properties": props})
    for u, v, key, d in _edges(G):
        if u not in schema_of or v not in schema_of:
            continue
        relation = str(d.get("relation") or key or "related to")
        docs, sentence = _evidence(d)
        member = d.get("kind") == "affiliation" and schema_of[u] == "Person" and schema_of[v] in (
            "Organization", "Company", "PublicBody")
        if member:
            props = {"member": [_ftm_id(u)], "organization": [_ftm_id(v)], "role": ["affiliated with"]}
        else:
            props = {"subject": [_ftm_id(u)], "object": [_ftm_id(v)], "role": [_text(relation)]}
        if d.get("first_date"):
            props["startDate"] = [_text(d["first_date"])]
        if d.get("last_date"):
            props["endDate"] = [_text(d["last_date"])]
        if sentence:
            props["summary"] = [_text(sentence)]
        flags = [f for f in ("negated" if d.get("negated") else None,
                             d.get("modality") if d.get("modality") not in (None, "asserted") else None) if f]
        cameo = f"CAMEO {d['cameo']} {d.get('cameo_label') or ''}".strip() if d.get("cameo") else None
        described = "; ".join(x for x in (cameo, f"{int(d.get('count', 1))} event(s)", *flags) if x)
        props["description"] = [described]
        if docs:
            props["recordId"] = docs
        out.append({"id": _ftm_id((u, v, key, relation)), "schema": "Membership" if member else "UnknownLink",
                    "properties": props})
    return out


def write_ftm(G: nx.Graph, path: str | Path, countries: Mapping[str, str] | None = None) -> Path:
    """Write :func:`ftm_entities` to ``path``, one JSON object per line (UTF-8); the path."""
    path = Path(path)
    with open(path, "w", encoding="utf-8") as fh:
        for entity in ftm_entities(G, countries):
            fh.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
    return path
