"""Fixtures of the robustness tests (issue #8); the helpers are in ``robustkit``."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from kg.rdf.store import Store
from robustkit import ARTICLES, COPIES, Baseline, by_graph, dump, kg, wal_sizes, write_corpus


@pytest.fixture(scope="session")
def small_store(tmp_path_factory, nlp) -> Path:
    """A store built (in this process) from the first three sample articles; copy it before changing it."""
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("small-corpus")
    for article in ARTICLES[:3]:
        shutil.copy(article, folder / article.name)
    store = tmp_path_factory.mktemp("small") / "store"
    report = build([folder], store=store)
    assert report.added == 3 and not report.failures
    return store


@pytest.fixture(scope="session")
def baseline(tmp_path_factory, nlp) -> Baseline:
    """The crash-test corpus built by an uninterrupted ``kg build`` (small transactions, as in the crash test)."""
    corpus = write_corpus(tmp_path_factory.mktemp("corpus") / "articles")
    store = tmp_path_factory.mktemp("baseline") / "store"
    started = time.monotonic()
    proc = kg("build", corpus, "--store", store, "--batch-documents", "2", "--batch-size", "4")
    seconds = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr
    lines = dump(store)
    documents = len(ARTICLES) * COPIES
    assert sum(1 for g in by_graph(lines) if "/graph/doc/" in g) == documents
    empty = tmp_path_factory.mktemp("empty") / "store"
    Store.create(empty).close()
    wal = sum(wal_sizes(store).values()) - sum(wal_sizes(empty).values())
    assert wal > 0
    return Baseline(corpus, store, lines, seconds, documents, wal)
