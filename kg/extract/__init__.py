"""Extraction: parsed spaCy Docs in, plain :mod:`kg.records` out.

:mod:`kg.extract` holds small pure functions over spaCy Docs, one module per
family: :mod:`~kg.extract.clauses` (predicate–argument frames),
:mod:`~kg.extract.mentions` (actors, titles, role phrases, concepts),
:mod:`~kg.extract.coref` (pronouns), :mod:`~kg.extract.modality` (negation,
modality, attribution), :mod:`~kg.extract.relations` (the records), with their
data in :mod:`~kg.extract.patterns` and :mod:`~kg.extract.gazetteer`.
Importing it loads no model.
"""

from __future__ import annotations

from kg.extract.relations import MODES, extract_relations, sentences

__all__ = ["extract_relations", "sentences", "MODES"]
