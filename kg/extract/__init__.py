"""Extraction: parsed spaCy Docs in, plain :mod:`kg.records` out.

:mod:`kg.extract` holds small pure functions over spaCy Docs, one module per
family: :mod:`~kg.extract.clauses` (predicate–argument frames) and
:mod:`~kg.extract.control` (complements that give no relation),
:mod:`~kg.extract.mentions` and :mod:`~kg.extract.roles` (actors, titles, role
phrases), :mod:`~kg.extract.phrases` (spans, concepts),
:mod:`~kg.extract.coref` (pronouns and definite descriptions),
:mod:`~kg.extract.arguments` (the argument of a head token),
:mod:`~kg.extract.modality` (negation, modality, attribution),
:mod:`~kg.extract.events` (CAMEO codes), :mod:`~kg.extract.nominal` (events
stated as noun phrases), :mod:`~kg.extract.time` (dates),
:mod:`~kg.extract.openie` (open mode) and :mod:`~kg.extract.relations` (the
records), with their data in :mod:`~kg.extract.patterns`,
:mod:`~kg.extract.lexicon` and :mod:`~kg.extract.gazetteer` (which falls back
on :mod:`kg.dictionaries`). Importing it loads no model.
"""

from __future__ import annotations

from kg.extract.relations import MODES, extract_relations, sentences

__all__ = ["extract_relations", "sentences", "MODES"]
