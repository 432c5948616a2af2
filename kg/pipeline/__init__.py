"""Build a corpus: ingest → parse → extract → resolve → RDF → store, one document at a time.

The only package that imports every stage. Its modules, each importing only
those above it in this list (one document's build never climbs back up):

* :mod:`kg.pipeline.report`: :class:`BuildReport` and :class:`Failure`;
* :mod:`kg.pipeline.documents`: the work on documents without a store (read
  inputs, parse once, extract, resolve): :func:`extract`, :func:`extract_text`,
  :func:`extract_mentions`, :func:`extract_documents`;
* :mod:`kg.pipeline.task`: the work of one task (whole documents to labelled
  N-Quads and dyad events);
* :mod:`kg.pipeline.procs` and :mod:`kg.pipeline.runners`: where tasks run (this
  process, a local process pool, a Dask cluster);
* :mod:`kg.pipeline.writer`: the store side (labels, the writer thread, the
  dyad roll-up, kept parses);
* :mod:`kg.pipeline.build`: the orchestration: :func:`build`, :func:`remove`,
  :func:`reextract`.
"""

from __future__ import annotations

from kg.pipeline.build import build, reextract, remove
from kg.pipeline.documents import (
    TITLE_CONFIDENCE,
    extract,
    extract_documents,
    extract_mentions,
    extract_parsed,
    extract_text,
)
from kg.pipeline.report import BuildReport, Failure

__all__ = ["Failure", "BuildReport", "extract", "extract_mentions", "extract_documents", "extract_parsed",
           "extract_text", "build", "remove", "reextract", "TITLE_CONFIDENCE"]
