"""The on-disk Oxigraph store: whole-document writes, reopening, read-only access, export."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.rdf.convert import document_quads
from kg.rdf.store import ExportFormat, Store
from kg.records import ActorType, Document, Mention, Provenance, Relation


def _quads(doc_id: str, subject: str = "France", obj: str = "Russia"):
    text = f"{subject} condemned {obj}."
    doc = Document(id=doc_id, text=text, published=dt.date(2024, 1, 2))
    rel = Relation(
        Mention(subject, subject, ActorType.COUNTRY, 0, len(subject)), "condemn",
        Mention(obj, obj, ActorType.COUNTRY, len(text) - len(obj) - 1, len(text) - 1),
        Provenance(doc_id, text, 0, len(text)),
    )
    return list(document_quads(doc, [rel]))


def test_store_create_write_reopen(tmp_path):
    path = tmp_path / "st"
    with Store.create(path) as st:
        base = len(st)
        assert st.add_documents([_quads("a"), _quads("b", "Germany")]) > 0
        assert st.has_document("a") and not st.has_document("zzz")
        size = len(st)
    with Store.open(path) as st:
        assert len(st) == size > base
        rows = st.query("SELECT ?l WHERE { ?e kgo:agent/rdfs:label ?l } ORDER BY ?l").rows
        assert rows == (("France",), ("Germany",))


def test_store_same_quads_twice_change_nothing(tmp_path):
    with Store.create(tmp_path / "st") as st:
        st.add_documents([_quads("a")])
        size = len(st)
        st.add_documents([_quads("a")])
        assert len(st) == size


def test_store_not_a_store_is_refused(tmp_path):
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "file.txt").write_text("hello")
    with pytest.raises(StoreError, match="not a kg store"):
        Store.create(tmp_path / "junk")
    with pytest.raises(StoreError, match="not a kg store"):
        Store.open(tmp_path / "junk")
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "absent")


def test_store_second_writer_is_refused(tmp_path):
    path = tmp_path / "st"
    Store.create(path).close()
    with Store.create(path):
        code = f"from kg.rdf.store import Store\nStore.create({str(path)!r})"
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert proc.returncode != 0
        assert "StoreLockedError" in proc.stderr
        with Store.open(path) as reader:  # readers are not blocked
            assert len(reader) > 0


def test_store_lock_error_type_in_process(tmp_path):
    path = tmp_path / "st"
    with Store.create(path):
        with pytest.raises(StoreLockedError):
            Store.create(path)


@pytest.mark.parametrize("query", ["SELEC ?x", "SELECT ?x WHERE { ?x nope:y ?z }"])
def test_store_bad_query_raises_query_error(query):
    with pytest.raises(QueryError):
        Store.memory().query(query)


@pytest.mark.parametrize("suffix", ["ttl", "nq", "trig", "jsonld", "nt"])
def test_store_export_reparses(tmp_path, suffix):
    path = tmp_path / "st"
    with Store.create(path) as st:
        st.add_documents([_quads("a"), _quads("b", "Germany")])
    out = tmp_path / f"out.{suffix}"
    with Store.open(path) as st:
        fmt = ExportFormat.from_path(out)
        st.export(out, fmt)
        n = len(st)
    rdflib_format = {"ttl": "turtle", "nq": "nquads", "trig": "trig", "jsonld": "json-ld", "nt": "nt"}[suffix]
    if fmt.has_graphs:
        ds = Dataset()
        ds.parse(out, format=rdflib_format)
        assert len(ds) == n or sum(1 for _ in ds.quads()) == n
    else:
        assert len(Graph().parse(out, format=rdflib_format)) > 0


def test_store_export_unknown_suffix(tmp_path):
    with pytest.raises(StoreError, match=".xyz"):
        ExportFormat.from_path(tmp_path / "x.xyz")
