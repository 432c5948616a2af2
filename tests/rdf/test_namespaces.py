"""The vocabulary in code and ontologies/kg.ttl stay in step."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, URIRef

from kg.rdf.namespaces import KGO

ROOT = Path(__file__).resolve().parents[2]


def _declared() -> set[str]:
    g = Graph().parse(ROOT / "ontologies" / "kg.ttl")
    ns = str(KGO._NS)
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        terms |= {str(s)[len(ns):] for s in g.subjects(RDF.type, kind) if str(s).startswith(ns)}
    return terms


def test_namespaces_every_ttl_term_is_in_kgo():
    in_code = set(KGO.__annotations__)
    assert _declared() == in_code


def test_namespaces_every_kgo_use_in_code_is_declared():
    used = set()
    for path in (ROOT / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "KGO":
                if not node.attr.startswith("_"):
                    used.add(node.attr)
    assert used <= _declared(), used - _declared()


def test_namespaces_typo_raises():
    with pytest.raises(AttributeError):
        KGO.partcipant  # noqa: B018


def test_namespaces_terms_are_iris():
    assert isinstance(KGO.agent, URIRef)
