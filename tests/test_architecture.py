"""The layering of DESIGN §1: data flows one way; the graph side never imports spaCy or extraction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

# module prefix -> kg modules it may import (besides the shared core)
CORE = {"kg", "kg.errors", "kg.records", "kg.config", "kg.names", "kg.extras", "kg.words", "kg.search"}
ALLOWED = {
    "kg.ingest": {"kg.ingest"},
    "kg.nlp": {"kg.ruler"},
    "kg.ruler": set(),
    "kg.extract": {"kg.extract", "kg.nlp", "kg.dictionaries"},
    "kg.resolve": {"kg.dictionaries"},
    "kg.dictionaries": set(),
    "kg.rdf": {"kg.rdf"},
    "kg.analytics": {"kg.rdf", "kg.analytics"},
    "kg.viz": {"kg.viz", "kg.analytics"},
    "kg.server": {"kg.server", "kg.rdf", "kg.analytics", "kg.viz", "kg.stats"},
    "kg.stats": {"kg.rdf"},
}
FORBIDDEN_EXTERNAL = {
    "kg.rdf": {"spacy"},
    "kg.analytics": {"spacy"},
    "kg.viz": {"spacy"},
    "kg.server": {"spacy"},
    "kg.extract": {"rdflib", "pyoxigraph"},
    "kg.resolve": {"spacy", "rdflib", "pyoxigraph"},
    "kg.ingest": {"spacy", "rdflib", "pyoxigraph"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _stage(module: str) -> str | None:
    for prefix in sorted(ALLOWED, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return prefix
    return None


@pytest.mark.parametrize("path", sorted(KG.rglob("*.py")), ids=lambda p: str(p.relative_to(KG)))
def test_architecture_stages_import_only_what_is_below(path):
    module = _module_name(path)
    stage = _stage(module)
    if stage is None:  # pipeline, cli, commands, output: the wiring layer
        return
    for name in _imports(path):
        root = name.split(".")[0]
        assert root not in FORBIDDEN_EXTERNAL.get(stage, set()), f"{module} imports {name}"
        if root != "kg" or name in CORE:
            continue
        target = _stage(name) or name
        assert target == stage or target in ALLOWED[stage], f"{module} imports {name}"
