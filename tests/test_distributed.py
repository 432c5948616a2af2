"""``kg build --cluster``: a local Dask cluster of two worker processes builds the same graph as one process.

The cluster listens on 127.0.0.1 only and is shut down by the fixture, whatever
the test does.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from kg import pipeline
from kg.rdf.store import ExportFormat, Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "articles"

pytestmark = [pytest.mark.model, pytest.mark.cluster]


def _sorted_nquads(path: Path) -> list[str]:
    buf = io.BytesIO()
    with Store.open(path) as st:
        st.export(buf, ExportFormat.NQUADS)
    return sorted(buf.getvalue().decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install 'newskg[cluster]')")
    for name in ("distributed", "distributed.worker", "distributed.core", "distributed.comm", "distributed.nanny"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # teardown chatter (closed heartbeats) is not a failure
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, memory_limit="3GiB")
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


@pytest.fixture(scope="module")
def single(tmp_path_factory, nlp) -> list[str]:
    path = tmp_path_factory.mktemp("single") / "store"
    report = pipeline.build([SAMPLE], store=path)
    assert report.failures == []
    return _sorted_nquads(path)


def test_cluster_build_equals_single_process_build(client, single, tmp_path):
    shards = tmp_path / "shards"
    report = pipeline.build([SAMPLE], store=tmp_path / "store", cluster=client, shard_dir=shards, batch_documents=3)
    assert report.failures == [] and report.added == 15
    assert len(client.scheduler_info()["workers"]) == 2
    assert _sorted_nquads(tmp_path / "store") == single
    assert list(shards.iterdir()) == []  # every shard loaded, then removed


def test_cluster_build_without_shared_folder_and_then_incremental(client, single, tmp_path):
    files = sorted(SAMPLE.glob("*.txt"))
    first = pipeline.build(files[:6], store=tmp_path / "store", cluster=client, batch_documents=2)
    rest = pipeline.build([SAMPLE], store=tmp_path / "store", cluster=client, batch_documents=2)
    assert (first.added, rest.added, rest.skipped) == (6, 9, 6)
    assert _sorted_nquads(tmp_path / "store") == single


def test_cluster_by_address_from_the_cli(client, single, tmp_path):
    from kg.cli import main

    assert main(["build", str(SAMPLE), "--store", str(tmp_path / "store"), "--cluster", client.scheduler.address]) == 0
    assert _sorted_nquads(tmp_path / "store") == single
