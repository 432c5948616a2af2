"""End to end with the real model and the real store: build, rebuild, reopen, query, SHACL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.rdf.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "articles"

pytestmark = pytest.mark.model


def kg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the real ``kg`` command in a child process."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, input=stdin, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "store"
    report = build([SAMPLE], store=path)
    assert report.failures == []
    assert report.added == len(list(SAMPLE.glob("*.txt")))
    return path


def test_end_to_end_build_twice_changes_nothing(sample_store):
    with Store.open(sample_store) as st:
        before = len(st)
    report = build([SAMPLE], store=sample_store)
    assert report.added == 0 and report.skipped == report.documents > 0
    with Store.open(sample_store) as st:
        assert len(st) == before


def test_end_to_end_store_reopens_in_a_new_process(sample_store):
    proc = kg("stats", "--store", str(sample_store), "--json")
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    assert stats["documents"] == len(list(SAMPLE.glob("*.txt")))
    assert stats["events"] > 20 and stats["actors"] > 10
    assert stats["top_actors"]


def test_end_to_end_graph_conforms_to_shapes(sample_store):
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(
        union_graph(sample_store),
        shacl_graph=str(ROOT / "ontologies" / "shapes.ttl"),
        ont_graph=str(ROOT / "ontologies" / "kg.ttl"),
        inference="rdfs",
    )
    assert conforms, text[:3000]


def union_graph(path: Path):
    """The union of the store's graphs as an rdflib Graph (via N-Triples)."""
    import pyoxigraph as ox
    from rdflib import Graph

    with Store.open(path) as st:
        nt = st.raw_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").serialize(format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=nt, format="nt")


def test_end_to_end_query_finds_sullivan_events_with_sentences(tmp_path, seed_article):
    article = tmp_path / "seed.txt"
    article.write_text(seed_article, encoding="utf-8")
    store = tmp_path / "store"
    assert kg("build", str(article), "--store", str(store)).returncode == 0
    query = """
        SELECT ?predicate ?patient ?sentence WHERE {
          ?e kgo:agent ?a ; kgo:predicate ?predicate ; kgo:patient/rdfs:label ?patient ; kgo:sentence ?sentence .
          ?a rdfs:label "Jake Sullivan" .
        }"""
    proc = kg("query", query, "--store", str(store), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["results"]["bindings"]
    assert any(r["predicate"]["value"] == "urge" and r["patient"]["value"] == "Ron Dermer"
               and "Jake Sullivan urged" in r["sentence"]["value"] for r in rows), rows


@pytest.mark.parametrize("top", [0, 1, 3, 10, 40, 1000])
def test_top_actors_equal_the_one_query_ranking(sample_store, top):
    """kg stats counts per node first, then describes the busiest: the same rows as grouping every event."""
    from kg.rdf.stats import _TOP, top_actors

    with Store.open(sample_store) as st:
        fast = top_actors(st, top)
        step_by_step = top_actors(st, top, first=1)  # asks again and again, four times more each time
        plain = [{"actor": str(r["actor"]), "label": str(r["label"]), "type": str(r["type"]), "events": int(r["events"])}
                 for r in st.query(_TOP % top).dicts()]
        concepts = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a kgo:Concept }").rows[0][0]
    assert concepts > 0  # the sample has concept patients, which the ranking must leave out
    assert fast == plain == step_by_step
    if top:
        assert fast


def test_a_given_id_reused_for_another_text_replaces_it(tmp_path, nlp):
    """Documents are skipped by id; a JSONL id given to a changed text replaces the stored version."""
    first = tmp_path / "v1.jsonl"
    first.write_text(json.dumps({"id": "story-1", "text": "Israel struck Hezbollah positions in Lebanon."}) + "\n",
                     encoding="utf-8")
    store = tmp_path / "store"
    assert build([first], store=store).failures == []
    again = build([first], store=store)  # the same text: skipped quietly
    assert again.skipped == 1 and again.failures == [] and again.replaced == 0
    changed = tmp_path / "v2.jsonl"
    changed.write_text(
        json.dumps({"id": "story-1", "text": "Iran condemned the strike on Lebanon."}) + "\n"
        + json.dumps({"id": "story-2", "text": "Egypt hosted the talks."}) + "\n"
        + json.dumps({"id": "story-2", "text": "Qatar hosted the talks."}) + "\n",
        encoding="utf-8")
    report = build([changed], store=store)
    assert report.added == 2 and report.replaced == 1 and report.skipped == 1
    assert [f.message.split(":")[0] for f in report.failures] == [
        "id 'story-2' was given to another text earlier in this build"]
    with Store.open(store) as st:
        sentences = {str(r[0]) for r in st.query("SELECT ?s WHERE { ?e kgo:sentence ?s }").rows}
    assert not any("Israel struck" in s for s in sentences) and any("Iran condemned" in s for s in sentences)


def test_sample_store_has_no_pronoun_or_description_labels(sample_store):
    """Issue 12: "he", "both sides", "its campaign" were labels and aliases; they are mentions now."""
    from kg.names import is_name, is_pronoun

    with Store.open(sample_store) as st:
        labels = {str(r[0]) for r in st.query("SELECT ?l WHERE { ?a rdfs:label ?l }").rows}
        aliases = {str(r[0]) for r in st.query("SELECT ?l WHERE { ?a skos:altLabel ?l }").rows}
        pronouns = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?r a kgo:Resolution ; kgo:resolvedText ?t ; kgo:start ?s "
                            'FILTER(LCASE(?t) IN ("he", "she", "it", "they")) }').rows[0][0]
    assert not [x for x in labels | aliases if is_pronoun(x)]
    assert not [a for a in aliases if not is_name(a)]
    assert pronouns > 5  # kept as mentions, with their offsets
    proc = kg("actor", "he", "--store", str(sample_store))
    assert proc.returncode == 2 and "pronoun, not a name" in proc.stderr and "Traceback" not in proc.stderr


def test_two_documents_proposals_are_two_concepts(tmp_path, nlp):
    """Issue 12: a concept is its document's own unless it is a proper name."""
    src = tmp_path / "two.jsonl"
    src.write_text(json.dumps({"id": "p-1", "text": "Norway rejected the proposal on Monday."}) + "\n"
                   + json.dumps({"id": "p-2", "text": "Chile welcomed the proposal."}) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    assert build([src], store=store).failures == []
    with Store.open(store) as st:
        rows = st.query('SELECT DISTINCT ?c ?d WHERE { ?e kgo:patient ?c ; kgo:document ?d . '
                        '?c a kgo:Concept ; rdfs:label "proposal" }').rows
    assert len(rows) == 2 and len({r[0] for r in rows}) == 2, rows
