"""Issue 16 item 14: a store written by another Oxigraph version is not upgraded silently by ``kg build``."""

from __future__ import annotations

import json

import pyoxigraph as ox

from kg.rdf.store import MARKER, Store
from robustkit import assert_no_traceback, assert_one_line_error, kg

TEXT = "The Westmark harbour authority said on Tuesday that talks with the dock workers had resumed.\n"


def _store_recording(tmp_path, version):
    store = tmp_path / "store"
    Store.create(store).close()
    meta = json.loads((store / MARKER).read_text(encoding="utf-8"))
    assert meta["oxigraph"] == ox.__version__  # recorded at creation
    if version is None:
        meta.pop("oxigraph")
    else:
        meta["oxigraph"] = version
    (store / MARKER).write_text(json.dumps(meta) + "\n", encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    return store, doc


def _recorded(store):
    return json.loads((store / MARKER).read_text(encoding="utf-8")).get("oxigraph")


def test_an_older_oxigraph_store_needs_upgrade_store(tmp_path):
    store, doc = _store_recording(tmp_path, "0.3.22")
    refused = kg("build", doc, "--store", store)
    assert_one_line_error(refused, str(store), "Oxigraph 0.3.22", ox.__version__, "--upgrade-store")
    assert _recorded(store) == "0.3.22"
    upgraded = kg("build", doc, "--store", store, "--upgrade-store")
    assert upgraded.returncode == 0, upgraded.stderr
    assert "upgraded" in upgraded.stderr and "0.3.22" in upgraded.stderr
    assert _recorded(store) == ox.__version__


def test_kg_remove_on_an_older_oxigraph_store_needs_upgrade_store_too(tmp_path):
    store, doc = _store_recording(tmp_path, None)
    assert kg("build", doc, "--store", store).returncode == 0
    meta = json.loads((store / MARKER).read_text(encoding="utf-8"))
    (store / MARKER).write_text(json.dumps({**meta, "oxigraph": "0.3.22"}) + "\n", encoding="utf-8")
    refused = kg("remove", str(doc), "--store", store)
    assert_one_line_error(refused, str(store), "Oxigraph 0.3.22", "--upgrade-store")
    removed = kg("remove", str(doc), "--store", store, "--upgrade-store")
    assert removed.returncode == 0, removed.stderr
    assert "1 document" in removed.stdout, removed.stdout
    assert _recorded(store) == ox.__version__


def test_a_newer_oxigraph_store_is_refused(tmp_path):
    store, doc = _store_recording(tmp_path, "99.0.0")
    for extra in ((), ("--upgrade-store",)):
        proc = kg("build", doc, "--store", store, *extra)
        assert_one_line_error(proc, str(store), "Oxigraph 99.0.0")
    assert _recorded(store) == "99.0.0"


def test_same_minor_version_and_unrecorded_stores_just_work(tmp_path):
    major, minor, *_ = ox.__version__.split(".")
    store, doc = _store_recording(tmp_path, f"{major}.{minor}.0")
    proc = kg("build", doc, "--store", store)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert _recorded(store) == ox.__version__
    older, doc2 = _store_recording(tmp_path / "x", None)  # made by a kg that did not record it
    proc = kg("build", doc2, "--store", older)
    assert proc.returncode == 0, proc.stderr
    assert "no Oxigraph version recorded" in proc.stderr
    assert _recorded(older) == ox.__version__
