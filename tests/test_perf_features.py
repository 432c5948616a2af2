"""Performance features keep the graph exact: N-Quads writes, the writer, dyad counts, kept parses.

No timing here (benchmarks/perf measures speed); every test checks that a
faster path gives the same graph as the plain one.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg import pipeline
from kg.config import load_settings
from kg.pipeline import documents
from kg.pipeline.task import convert, keep_labels
from kg.rdf import dyads, iris
from kg.rdf.convert import document_quads
from kg.rdf.nquads import nquads, term
from kg.rdf.results import to_ox
from kg.rdf.store import ExportFormat, Store
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation
from kg.pipeline.writer import StoreWriter

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "articles"


# ----------------------------------------------------------------- records


def _m(text: str, label: str | None = None, kind: ActorType = ActorType.COUNTRY) -> Mention:
    return Mention(text, label or text, kind, 0, len(text))


def _rel(doc_id: str, start: int, a: Mention, pred: str, b: Mention, *, negated: bool = False,
         modality: Modality = Modality.ASSERTED, code: str | None = None) -> Relation:
    sentence = f"{a.text} {pred} {b.text} ({start})."
    return Relation(a, pred, b, Provenance(doc_id, sentence, start, start + len(sentence)), negated=negated,
                    modality=modality, event_code=code)


def _doc(doc_id: str) -> Document:
    return Document(id=doc_id, text=f"text of {doc_id}", title=f"Title {doc_id}", published=dt.date(2024, 10, 11))


A, B, C = _m("Arland"), _m("Borduria"), _m("Carpania")


def _sample_results() -> list[tuple[Document, list[Relation]]]:
    d1, d2 = _doc("d1"), _doc("d2")
    return [
        (d1, [
            _rel("d1", 0, A, "urge", B, code="036"),
            _rel("d1", 40, A, "urge", B, code="036"),
            _rel("d1", 80, A, "urge", B, negated=True, code="036"),           # not counted
            _rel("d1", 120, A, "urge", B, modality=Modality.HYPOTHETICAL),    # not counted
            _rel("d1", 160, A, "attack", B, code="190"),
        ]),
        (d2, [
            _rel("d2", 0, A, "urge", B, code="111"),
            _rel("d2", 40, C, "meet with", A),
        ]),
    ]


def _quads(store: Store, *, skip_dyads: bool = False) -> set[str]:
    buf = io.BytesIO()
    store.export(buf, ExportFormat.NQUADS)
    lines = set(buf.getvalue().decode("utf-8").splitlines())
    if skip_dyads:
        graph = iris.dyads_graph_iri()
        lines = {line for line in lines if not line.rstrip(" .").endswith(f"<{graph}>")}
    return lines


def _write(store: Store, results: list[tuple[Document, list[Relation]]], *, per_task: int = 1) -> pipeline.BuildReport:
    """The build's store side (labels, writer thread, dyads) fed with records, a task per ``per_task`` documents."""
    report = pipeline.BuildReport(store="memory")
    writer = StoreWriter(store, report)
    for i in range(0, len(results), per_task):
        writer.add(convert(results[i : i + per_task], base=store.base_iri))
    writer.close()
    return report


def _reference(store: Store, results: list[tuple[Document, list[Relation]]]) -> None:
    """The plain path: labels as the store knows them, then one add_documents per document."""
    cache: dict[str, str] = {}
    for doc, rels in results:
        rels = keep_labels(rels, cache, base=store.base_iri, lookup=store.label_of)
        store.add_documents([list(document_quads(doc, rels, base=store.base_iri))])


# ----------------------------------------------------------------- N-Quads writes


def test_nquads_writes_the_same_terms_as_pyoxigraph_objects():
    g = URIRef("https://w3id.org/newskg/id/graph/doc/x")
    s = URIRef("https://w3id.org/newskg/id/actor/x")
    p = URIRef("https://w3id.org/newskg/ontology#sentence")
    objects = [
        Literal('quote " backslash \\ newline \n return \r tab \t end'),
        Literal("\u202egnp.exe\u202c \U0001f4a3 \u2028 \x00\x01\x7f caf\u00e9"),
        Literal(True), Literal(False), Literal(3), Literal(Decimal("0.850")),
        Literal(dt.date(2024, 10, 11), datatype=XSD.date), Literal("https://x.org/a?b=c", datatype=XSD.anyURI),
        Literal("Paris", lang="fr"), Literal("plain", datatype=XSD.string), Literal(""),
        URIRef("https://w3id.org/newskg/id/concept/caf%C3%A9"),
    ]
    quads = [(s, p, o, g) for o in objects]
    with Store.memory() as fast, Store.memory() as plain:
        assert fast.add_documents([quads]) == len(quads)
        plain._store.extend([ox.Quad(to_ox(a), to_ox(b), to_ox(c), to_ox(d)) for a, b, c, d in quads])
        assert _quads(fast) == _quads(plain)


def test_nquads_refuses_an_iri_that_would_close_the_term():
    evil = URIRef("https://x.org/a> <https://x.org/p> <https://x.org/o> <https://x.org/g> .\n<https://x.org/b")
    with pytest.raises(ValueError, match="not a valid IRI"):
        term(evil)
    with Store.memory() as st, pytest.raises(ValueError):
        st.add_documents([[(evil, evil, evil, evil)]])


def test_nquads_text_loads_back_to_the_same_quads():
    quads = list(document_quads(*_sample_results()[0]))
    with Store.memory() as a, Store.memory() as b:
        a.add_nquads(nquads(quads))
        b._store.extend([ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in quads])
        assert _quads(a) == _quads(b)


# ----------------------------------------------------------------- the writer and labels


def test_writer_gives_the_graph_of_the_plain_path():
    results = _sample_results()
    with Store.memory() as fast, Store.memory() as plain:
        report = _write(fast, results)
        _reference(plain, results)
        assert _quads(fast, skip_dyads=True) == _quads(plain)
        assert report.added == 2 and report.relations == 7


def test_writer_keeps_the_first_label_across_tasks_and_the_store():
    """Names differing in case share an IRI: the first label met wins, even when another task met another one."""
    d1, d2, d3 = _doc("l1"), _doc("l2"), _doc("l3")
    results = [
        (d1, [_rel("l1", 0, _m("Acme Corp", kind=ActorType.ORGANIZATION), "sue", B)]),
        (d2, [_rel("l2", 0, _m("ACME CORP", kind=ActorType.ORGANIZATION), "sue", C)]),
        (d3, [_rel("l3", 0, _m("acme corp", kind=ActorType.ORGANIZATION), "pay", A)]),
    ]
    with Store.memory() as fast, Store.memory() as plain:
        _write(fast, results[:1])          # the store already knows "Acme Corp"...
        _write(fast, results[1:], per_task=2)   # ...a later build meets "ACME CORP" first in its task
        _reference(plain, results)
        assert _quads(fast, skip_dyads=True) == _quads(plain)
        rows = fast.query("SELECT DISTINCT ?l WHERE { ?a rdfs:label ?l FILTER(LCASE(?l) = 'acme corp') }").rows
        assert rows == (("Acme Corp",),)


# ----------------------------------------------------------------- dyads


def _dyads(store: Store) -> dict[tuple[str, str, str], tuple]:
    rows = store.query("""
        SELECT ?al ?pred ?bl ?n ?g ?q WHERE {
          ?d a kgo:Dyad ; rdf:subject/rdfs:label ?al ; rdf:object/rdfs:label ?bl ; kgo:predicate ?pred ; kgo:count ?n .
          OPTIONAL { ?d kgo:goldstein ?g } OPTIONAL { ?d kgo:quadClass ?q } }""").rows
    return {(a, p, b): (n, g, q) for a, p, b, n, g, q in rows}


EXPECTED_DYADS = {
    # 036 (+4, quad 1) twice and 111 (-2, quad 3) once; the negated and the hypothetical events are not counted
    ("Arland", "urge", "Borduria"): (3, Decimal("6"), 3),
    ("Arland", "attack", "Borduria"): (1, Decimal("-10"), 4),
    ("Carpania", "meet with", "Arland"): (1, None, None),
}


def test_dyads_count_the_asserted_non_negated_events():
    with Store.memory() as st:
        _write(st, _sample_results())
        assert _dyads(st) == EXPECTED_DYADS
        node = iris.dyad_iri(iris.actor_iri("Arland"), iris.relation_iri("urge"), iris.actor_iri("Borduria"))
        assert st.query(f"ASK {{ GRAPH <{iris.dyads_graph_iri()}> {{ <{node}> a kgo:Dyad }} }}").boolean
        # the dyads never look like events
        assert st.query("ASK { ?d a kgo:Dyad ; kgo:agent ?a }").boolean is False


def test_dyads_follow_incremental_builds():
    results = _sample_results()
    with Store.memory() as st:
        _write(st, results[:1])
        assert _dyads(st)[("Arland", "urge", "Borduria")] == (2, Decimal("8"), 1)
        assert ("Carpania", "meet with", "Arland") not in _dyads(st)
        _write(st, results[1:])
        assert _dyads(st) == EXPECTED_DYADS


def test_dyads_are_recounted_after_an_interrupted_build(tmp_path):
    path = tmp_path / "st"
    with Store.create(path) as st:
        _write(st, _sample_results())
        node = iris.dyad_iri(iris.actor_iri("Arland"), iris.relation_iri("attack"), iris.actor_iri("Borduria"))
        st.update(f"DELETE WHERE {{ GRAPH ?g {{ <{node}> kgo:count ?n }} }} ; "
                  f"INSERT DATA {{ GRAPH <{iris.dyads_graph_iri()}> {{ <{node}> kgo:count 99 }} }}")
        (path / dyads.STALE_MARKER).touch()  # what a killed build leaves
    with Store.create(path) as st:
        updater = dyads.DyadUpdater(st)
        updater.add([])
        updater.finish()
        assert _dyads(st) == EXPECTED_DYADS
    assert not (path / dyads.STALE_MARKER).exists()


def test_dyads_are_rebuilt_in_a_store_made_before_them():
    with Store.memory() as st:
        _reference(st, _sample_results())  # add_documents alone keeps no roll-up
        assert _dyads(st) == {}
        _write(st, [(_doc("d3"), [_rel("d3", 0, C, "meet with", A)])])
        want = dict(EXPECTED_DYADS)
        want[("Carpania", "meet with", "Arland")] = (2, None, None)
        assert _dyads(st) == want
        assert dyads.rebuild(st) == 3 and _dyads(st) == want


# ----------------------------------------------------------------- kept parses (real model)


@pytest.fixture(scope="module")
def built(tmp_path_factory, nlp):
    path = tmp_path_factory.mktemp("perf") / "store"
    report = pipeline.build([SAMPLE], store=path, keep_parses=True, batch_documents=4)
    assert report.failures == [] and report.added == 15
    with Store.open(path) as st:
        return path, _quads(st)


@pytest.mark.model
def test_build_equals_the_plain_path_on_the_sample(built):
    path, got = built
    with Store.memory() as plain:
        _reference(plain, list(pipeline.extract([SAMPLE])))
        assert {q for q in got if iris.dyads_graph_iri() not in q} == _quads(plain)
    assert any(iris.dyads_graph_iri() in q for q in got)


@pytest.mark.model
def test_incremental_dyads_equal_a_recount(built, tmp_path):
    import shutil

    path, before = built
    shutil.copytree(path, tmp_path / "store")
    with Store.create(tmp_path / "store") as st:
        counted = _dyads(st)
        assert counted and dyads.rebuild(st) == len(counted)
        assert _dyads(st) == counted
        assert _quads(st) == before


@pytest.mark.model
def test_build_with_two_processes_equals_one(built, tmp_path):
    _, one = built
    report = pipeline.build([SAMPLE], store=tmp_path / "p2", settings=load_settings(processes=2),
                            batch_documents=3)
    assert report.added == 15 and report.failures == []
    with Store.open(tmp_path / "p2") as st:
        assert _quads(st) == one


@pytest.mark.model
def test_build_in_one_process_equals_parse_ahead(built, tmp_path, monkeypatch):
    from kg.pipeline import runners

    _, ahead = built  # the default: parsed ahead by a worker process when there are two cores
    def no_worker(*a, **k):
        raise AssertionError("parse_ahead off: the build runs in this process")

    monkeypatch.setattr(runners, "ParseAheadRunner", no_worker)
    report = pipeline.build([SAMPLE], store=tmp_path / "inline", settings=load_settings(parse_ahead=False),
                            batch_documents=4)
    assert report.added == 15 and report.failures == []
    with Store.open(tmp_path / "inline") as st:
        assert _quads(st) == ahead


@pytest.mark.model
def test_parse_ahead_runner_is_the_default_on_two_cores(nlp, monkeypatch):
    from kg.pipeline import runners
    from kg.pipeline.task import analyse

    monkeypatch.setattr(runners, "_cores", lambda: 1)
    assert type(runners.make_runner(load_settings())) is runners.InlineRunner
    monkeypatch.setattr(runners, "_cores", lambda: 2)
    assert type(runners.make_runner(load_settings(parse_ahead=False))) is runners.InlineRunner
    docs = [Document(id=f"d{i}", text=f"France condemned Russia on day {i}. Germany praised Japan.") for i in range(5)]
    settings = load_settings().with_(processes=1)
    with runners.make_runner(load_settings()) as runner:
        assert type(runner) is runners.ParseAheadRunner
        got = list(runner.map(analyse, [((docs[i:i + 2], settings), {}) for i in range(0, 5, 2)]))
    want = [analyse(docs[i:i + 2], settings) for i in range(0, 5, 2)]
    assert [r.nquads for r in got] == [r.nquads for r in want] and all(r.quads for r in got)
    assert [[d.id for d, _ in r.results] for r in got] == [["d0", "d1"], ["d2", "d3"], ["d4"]]


def _dying_parse(texts, settings):  # module level: the pool pickles it by name
    import os

    os._exit(3)


@pytest.mark.model
def test_a_parse_ahead_worker_that_dies_stops_the_build_with_an_error(nlp, tmp_path, monkeypatch):
    from kg.errors import KgError
    from kg.pipeline import runners

    monkeypatch.setattr(runners, "_cores", lambda: 2)
    monkeypatch.setattr(runners, "parse_stage", _dying_parse)
    with pytest.raises(KgError, match="parse worker process died"):
        pipeline.build([SAMPLE], store=tmp_path / "store", batch_documents=4)


@pytest.mark.model
def test_kept_parses_reextract_to_the_same_graph_without_parsing(built, tmp_path, monkeypatch):
    import shutil

    from kg.nlp.parses import ParseStore

    path, before = built
    copy = tmp_path / "store"
    shutil.copytree(path, copy)
    kept = ParseStore(copy)
    assert sorted(d for p in kept.parts() for d in p.docs) == sorted(
        str(r[0]) for r in Store.open(copy).query("SELECT ?id WHERE { ?d kgo:docId ?id }").rows)

    def no_parse(*a, **k):
        raise AssertionError("re-extraction must not parse")

    monkeypatch.setattr("kg.pipeline.task.parse", no_parse)
    monkeypatch.setattr("kg.pipeline.documents.parse", no_parse)
    report = pipeline.reextract(copy)
    assert report.failures == [] and report.added == 15
    with Store.open(copy) as st:
        assert _quads(st) == before


@pytest.mark.model
def test_reextract_applies_a_changed_extraction(built, tmp_path, monkeypatch):
    import shutil

    path, _ = built
    copy = tmp_path / "store"
    shutil.copytree(path, copy)
    with Store.open(copy) as st:
        top = st.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?e a kgo:Event ; kgo:predicate ?p } "
                       "GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1").rows[0][0]
        events = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a kgo:Event }").rows[0][0]
    real = documents.extract_relations
    monkeypatch.setattr(documents, "extract_relations",
                        lambda *a, **k: [r for r in real(*a, **k) if r.predicate != top])
    pipeline.reextract(copy)
    with Store.open(copy) as st:
        assert st.query(f"ASK {{ ?e kgo:predicate {term(Literal(top))} }}").boolean is False
        assert st.query(f"ASK {{ ?d a kgo:Dyad ; kgo:predicate {term(Literal(top))} }}").boolean is False
        assert 0 < st.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a kgo:Event }").rows[0][0] < events
        assert st.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a kgo:Document }").rows[0][0] == 15
        # the roll-up matches the events left
        total = st.query("SELECT (SUM(?n) AS ?s) WHERE { ?d a kgo:Dyad ; kgo:count ?n }").rows[0][0]
        asserted = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?e a kgo:Event ; kgo:modality 'asserted' ; "
                            "kgo:negated false }").rows[0][0]
        assert total == asserted


@pytest.mark.model
def test_reextract_without_kept_parses_says_so(tmp_path, nlp):
    from kg.errors import ParseError

    pipeline.build([SAMPLE / "01_doha_ceasefire_talks.txt"], store=tmp_path / "st")
    with pytest.raises(ParseError, match="--keep-parses"):
        pipeline.reextract(tmp_path / "st")


@pytest.mark.model
def test_pack_and_unpack_rebuild_split_documents(nlp):
    from kg.nlp import parses
    from kg.nlp import parse, pieces_of

    text = (SAMPLE / "01_doha_ceasefire_talks.txt").read_text(encoding="utf-8")
    doc = Document(id="long", text=text, title="T", url="https://x.org/a", published=dt.date(2024, 1, 2), source="s")
    parsed = list(parse(pieces_of([doc], 1000), nlp))
    assert len(parsed) > 1
    back = list(parses.unpack(parses.pack(parsed), nlp.vocab))
    bare = parses.unpack_docs(parses.pack_docs(d for d, _ in parsed), nlp.vocab)
    assert [d.text for d in bare] == [p.text for _, p in parsed]
    assert [(p.offset, p.index, p.text) for _, p in back] == [(p.offset, p.index, p.text) for _, p in parsed]
    assert back[0][1].document == doc
    for (d1, _), (d2, _), d3 in zip(parsed, back, bare, strict=True):
        assert [(t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_, str(t.morph), t.is_sent_start)
                for t in d1] == \
               [(t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_, str(t.morph), t.is_sent_start)
                for t in d2] == \
               [(t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_, str(t.morph), t.is_sent_start)
                for t in d3]
