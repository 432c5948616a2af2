"""Helpers for the extraction tests: parse with the real model, extract, flatten to tuples."""

from __future__ import annotations

import pytest

from kg.extract import extract_relations
from kg.records import Relation
from kg.resolve import resolve_document


def as_tuple(rel: Relation, width: int = 3) -> tuple:
    """(subject label, predicate, object label[, negated, modality, attributed_to label])."""
    full = (
        rel.subject.label,
        rel.predicate,
        rel.object.label,
        rel.negated,
        str(rel.modality),
        rel.attributed_to.label if rel.attributed_to else None,
    )
    return full[:width]


@pytest.fixture(scope="session")
def relations_of(nlp):
    """Text → resolved relations of the real pipeline (``mode`` and ``resolve`` optional)."""

    def run(text: str, *, mode: str = "actors", resolve: bool = True, offset: int = 0) -> list[Relation]:
        found = extract_relations(nlp(text), doc_id="test", offset=offset, mode=mode)
        return resolve_document(found) if resolve else found

    return run


@pytest.fixture(scope="session")
def tuples_of(relations_of):
    """Text → relation tuples as wide as the expected one."""

    def run(text: str, width: int = 3) -> list[tuple]:
        return [as_tuple(r, width) for r in relations_of(text)]

    return run
