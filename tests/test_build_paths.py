"""The build's graph is the plain conversion of what extraction finds, whichever way the build runs.

Over the sample corpus and 300 made-up BBC-style documents (:mod:`benchmarks.bbc_style`):
``kg.build`` with a process pool and small tasks (labels met in several tasks,
so the writer converts some tasks again) gives exactly the quads of the plain
path: ``extract`` → first label per IRI → ``document_quads`` → the store, with
the dyad roll-up recounted from the events. ``python -m benchmarks.graph_dump``
compares the graph of two commits.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kgtest import ROOT

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bbc_style import documents  # noqa: E402
from kg.config import load_settings  # noqa: E402
from kg.pipeline import build, extract  # noqa: E402
from kg.pipeline.task import keep_labels  # noqa: E402
from kg.rdf import dyads  # noqa: E402
from kg.rdf.convert import document_quads  # noqa: E402
from kg.rdf.store import ExportFormat, Store  # noqa: E402

pytestmark = pytest.mark.model


def _quads(store: Store) -> set[str]:
    buf = io.BytesIO()
    store.export(buf, ExportFormat.NQUADS)
    return set(buf.getvalue().decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    corpus = tmp_path_factory.mktemp("bbc") / "bbc-style.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for doc in documents(300):
            f.write(json.dumps({"id": doc.id, "text": doc.text, "published": doc.published.isoformat()}) + "\n")
    return [str(ROOT / "examples" / "articles"), str(ROOT / "examples" / "article.html"), str(corpus)]


def test_pool_build_equals_the_plain_path(inputs, tmp_path, nlp):
    report = build(inputs, store=tmp_path / "pool", settings=load_settings(processes=2), batch_documents=7)
    assert report.failures == [] and report.added == 316 and report.relations > 300
    with Store.open(tmp_path / "pool") as st:
        built = _quads(st)
    with Store.memory() as plain:
        labels: dict[str, str] = {}
        for doc, rels in extract(inputs):
            rels = keep_labels(rels, labels, base=plain.base_iri)
            plain.add_documents([list(document_quads(doc, rels, base=plain.base_iri))])
        dyads.rebuild(plain)
        assert built == _quads(plain)
