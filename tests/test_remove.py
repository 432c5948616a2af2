"""Document updates (issue 12): kg remove, and a new version of a document replaces the old one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import NotFoundError
from kg.pipeline import build, remove
from kg.rdf import iris
from kg.rdf.store import Store

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.model

A = "Norway condemned Iceland over the fishing dispute."
B = "Norway praised Finland for its mediation."
C = "Norway condemned Iceland again on Friday."


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _labels(st: Store) -> set[str]:
    return {str(r[0]) for r in st.query(
        f"SELECT ?l WHERE {{ GRAPH <{iris.actors_graph_iri()}> {{ ?a rdfs:label ?l ; kgo:mentionedIn ?d }} }}").rows}


def _dyads(st: Store) -> dict[tuple[str, str, str], int]:
    return {(str(a), str(p), str(b)): int(n) for a, p, b, n in st.query(
        "SELECT ?al ?p ?bl ?n WHERE { ?d a kgo:Dyad ; rdf:subject/rdfs:label ?al ; kgo:predicate ?p ; "
        "rdf:object/rdfs:label ?bl ; kgo:count ?n }").rows}


def _sentences(st: Store) -> set[str]:
    return {str(r[0]) for r in st.query("SELECT ?s WHERE { ?e kgo:sentence ?s }").rows}


def test_remove_drops_the_document_and_what_only_it_supported(tmp_path, nlp):
    store = tmp_path / "store"
    src = _jsonl(tmp_path / "in.jsonl", {"id": "a", "text": A}, {"id": "b", "text": B}, {"id": "c", "text": C})
    assert build([src], store=store).failures == []
    with Store.open(store) as st:
        assert {"Norway", "Iceland", "Finland"} <= _labels(st)
        assert _dyads(st)[("Norway", "condemn", "Iceland")] == 2
        before = len(st)
    removal = remove(["b", "a"], store=store)
    assert sorted(removal.documents) == ["a", "b"] and removal.nodes >= 1
    with Store.open(store) as st:
        labels = _labels(st)
        assert "Norway" in labels and "Iceland" in labels  # still mentioned by c
        assert "Finland" not in labels and not st.query('ASK { ?x rdfs:label "Finland" }').boolean  # only b had it
        assert _dyads(st) == {("Norway", "condemn", "Iceland"): 1}
        assert _sentences(st) == {C}
        assert not st.has_document("a") and st.has_document("c")
        assert len(st) < before


def test_remove_of_an_unknown_document_removes_nothing(tmp_path, nlp):
    store = tmp_path / "store"
    build([_jsonl(tmp_path / "in.jsonl", {"id": "a", "text": A})], store=store)
    with Store.open(store) as st:
        before = len(st)
    with pytest.raises(NotFoundError, match="'nope': no such document"):
        remove(["a", "nope"], store=store)
    with Store.open(store) as st:
        assert len(st) == before
    proc = subprocess.run([sys.executable, "-m", "kg", "remove", "nope", "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2 and "no such document" in proc.stderr and "Traceback" not in proc.stderr


def test_a_given_id_with_a_new_text_replaces_the_old_version(tmp_path, nlp):
    store = tmp_path / "store"
    build([_jsonl(tmp_path / "v1.jsonl", {"id": "story", "text": A})], store=store)
    report = build([_jsonl(tmp_path / "v2.jsonl", {"id": "story", "text": B})], store=store)
    assert report.added == 1 and report.replaced == 1 and report.failures == []
    with Store.open(store) as st:
        assert _sentences(st) == {B}
        assert "Iceland" not in _labels(st)
        assert _dyads(st) == {("Norway", "praise", "Finland"): 1}
    again = build([tmp_path / "v2.jsonl"], store=store)  # the same text: nothing to do
    assert again.skipped == 1 and again.replaced == 0


def test_a_url_with_a_new_text_replaces_the_old_version(tmp_path, nlp):
    store = tmp_path / "store"
    build([_jsonl(tmp_path / "v1.jsonl", {"url": "https://news.example/n/1", "text": A})], store=store)
    report = build([_jsonl(tmp_path / "v2.jsonl", {"url": "https://news.example/n/1", "text": C})], store=store)
    assert report.replaced == 1
    with Store.open(store) as st:
        assert _sentences(st) == {C}
        assert st.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a kgo:Document }").rows[0][0] == 1


def test_an_edited_file_is_replaced_with_replace_and_kept_twice_without(tmp_path, nlp):
    article = tmp_path / "article.txt"
    article.write_text(A + "\n", encoding="utf-8")
    kept, replaced = tmp_path / "kept", tmp_path / "replaced"
    for store in (kept, replaced):
        build([article], store=store)
    article.write_text(C + "\n", encoding="utf-8")
    assert build([article], store=kept).replaced == 0
    assert build([article], store=replaced, replace=True).replaced == 1
    with Store.open(kept) as st:
        assert _sentences(st) == {A, C}
    with Store.open(replaced) as st:
        assert _sentences(st) == {C}
        assert _dyads(st) == {("Norway", "condemn", "Iceland"): 1}
