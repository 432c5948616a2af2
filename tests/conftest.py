"""The one conftest: the real spaCy pipeline, shared data, and the fixtures of each test folder.

Helpers that tests import themselves live beside it: ``kgtest`` (paths, ``need``),
``serverkit`` (a hand-made store, a running ``kg serve``), ``robustkit`` (the real ``kg``
command, store snapshots); ``tests/`` is on ``sys.path`` through pyproject.toml.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

import pytest

from kgtest import IN_CI, ROOT, SHARED, need
from robustkit import ARTICLES, COPIES, Baseline, by_graph, dump, kg, wal_sizes, write_corpus
from serverkit import Server, free_port, make_store, sample_documents, start_server, stop, wait_http, XSS, _env


def pytest_configure(config):
    """``--doctest-modules`` imports every module of kg/; kg/server/* need the server extra (Starlette).

    Without it their doctests are skipped ("unable to import module"), except in CI, where every
    extra is installed and an import error fails the run.
    """
    if not IN_CI and find_spec("starlette") is None:
        config.option.doctest_ignore_import_errors = True


# --------------------------------------------------------------------------- everywhere

@pytest.fixture(scope="session")
def nlp():
    """The real default spaCy pipeline, loaded once."""
    from kg.errors import ModelError
    from kg.nlp import load_pipeline

    try:
        return load_pipeline()
    except ModelError as exc:
        need(False, str(exc))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repo; tests that read it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> str:
    path = shared_dir / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip("../shared/seed/article.txt is absent")
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- tests/extract

def as_tuple(rel, width: int = 3) -> tuple:
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
    from kg.extract import extract_relations
    from kg.resolve import resolve_document

    def run(text: str, *, mode: str = "actors", resolve: bool = True, offset: int = 0) -> list:
        found = extract_relations(nlp(text), doc_id="test", offset=offset, mode=mode)
        return resolve_document(found) if resolve else found

    return run


@pytest.fixture(scope="session")
def tuples_of(relations_of):
    """Text → relation tuples as wide as the expected one."""

    def run(text: str, width: int = 3) -> list[tuple]:
        return [as_tuple(r, width) for r in relations_of(text)]

    return run


# --------------------------------------------------------------------------- tests/ingest

class Collected:
    """Documents and failures from one ``read_documents`` call."""

    def __init__(self, sources, **kwargs) -> None:
        from kg.ingest import read_documents

        self.failures: list = []
        self.docs: list = list(read_documents(sources, on_error=self.failures.append, **kwargs))


@pytest.fixture
def collect():
    """Call as ``collect([paths], max_input_bytes=...)`` → Collected."""
    return Collected


@pytest.fixture
def data_dir() -> Path:
    """tests/data/ingest: the reader tests' input files."""
    return ROOT / "tests" / "data" / "ingest"


# --------------------------------------------------------------------------- tests/robustness

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
    from kg.rdf.store import Store

    corpus = write_corpus(tmp_path_factory.mktemp("corpus") / "articles")
    store = tmp_path_factory.mktemp("baseline") / "store"
    started = time.monotonic()
    proc = kg("build", corpus, "--store", store, "--batch-documents", "2", "--batch-size", "4")
    seconds = time.monotonic() - started  # scales the crash test's kill times, not asserted on
    assert proc.returncode == 0, proc.stderr
    lines = dump(store)
    documents = len(ARTICLES) * COPIES
    assert sum(1 for g in by_graph(lines) if "/graph/doc/" in g) == documents
    empty = tmp_path_factory.mktemp("empty") / "store"
    Store.create(empty).close()
    wal = sum(wal_sizes(store).values()) - sum(wal_sizes(empty).values())
    assert wal > 0
    return Baseline(corpus, store, lines, seconds, documents, wal)


# --------------------------------------------------------------------------- tests/server

@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A store holding serverkit's four hand-made documents (a module may define its own)."""
    return make_store(tmp_path_factory.mktemp("server") / "store")


@pytest.fixture(scope="session")
def server(sample_store, tmp_path_factory) -> Iterator[Server]:
    """``kg serve`` on the sample store with small limits: 1.5 s per query, 50 rows, 20 kB bodies."""
    log = tmp_path_factory.mktemp("serve-log") / "serve.log"
    srv = start_server(sample_store, log, "--time-limit", "1.5", "--max-rows", "50",
                       "--max-request-bytes", "20000", "--workers", "2")
    yield srv
    stop(srv.proc)


@pytest.fixture
def launch(tmp_path) -> Iterator:
    """``launch(store, *options)`` → a fresh :class:`Server`, stopped after the test."""
    started: list[Server] = []

    def _launch(store: Path, *extra: str) -> Server:
        srv = start_server(store, tmp_path / f"serve-{len(started)}.log", *extra)
        started.append(srv)
        return srv

    yield _launch
    for srv in started:
        stop(srv.proc)


@pytest.fixture
def helpers():
    """serverkit's helpers, for tests that need them directly."""
    import types

    return types.SimpleNamespace(free_port=free_port, make_store=make_store, sample_documents=sample_documents,
                                 wait_http=wait_http, stop=stop, env=_env, XSS=XSS, ROOT=ROOT)
