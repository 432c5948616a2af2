"""The public Python API for notebooks: cheap import, typed DataFrames, the inline view, rich HTML reprs.

No spaCy model needed: stores are in memory or made here from the ontology alone.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import re
import subprocess
import sys
import tomllib
from decimal import Decimal

import networkx as nx
import pytest

import kg
from kgtest import ROOT

pd = pytest.importorskip("pandas")

from kg.analytics.measures import TimelineEntry  # noqa: E402
from kg.analytics.profile import ActorProfile  # noqa: E402
from kg.rdf.results import QueryResult  # noqa: E402
from kg.rdf.store import Store  # noqa: E402
from kg.records import Mention, Provenance, Relation  # noqa: E402

EVIL = "<script>alert('x')</script> & \"quoted\""


# ------------------------------------------------------------------ the package surface


def test_import_kg_stays_cheap():
    heavy = ("pandas", "networkx", "pyoxigraph", "rdflib", "spacy", "matplotlib", "jinja2", "kg.notebook",
             "kg.analytics", "kg.viz", "kg.rdf.store")
    code = f"import sys, kg; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


NOTEBOOK_API = ["open_store", "build", "query", "frame", "relations_frame", "show", "view", "actor_graph",
                "full_graph", "country_graph", "country_labels", "centrality", "top_actors", "communities",
                "dyads", "timeline", "actor_profile", "to_frame", "nodes_frame", "edges_frame", "extract_text"]


def test_every_public_name_resolves_and_completes():
    for name in kg.__all__:
        assert getattr(kg, name) is not None, name
    assert set(NOTEBOOK_API) <= set(kg.__all__) <= set(dir(kg))
    assert kg.View is importlib.import_module("kg.viz").View
    with pytest.raises(AttributeError):
        kg.no_such_thing  # noqa: B018


@pytest.mark.parametrize("name", NOTEBOOK_API)
def test_notebook_api_is_documented_and_typed(name):
    fn = getattr(kg, name)
    assert inspect.getdoc(fn) and len(inspect.getdoc(fn)) > 30, f"kg.{name} needs a docstring"
    sig = inspect.signature(fn)
    assert sig.return_annotation is not inspect.Signature.empty, f"kg.{name} needs a return type"
    for p in sig.parameters.values():
        if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL) and p.name != "published":
            assert p.annotation is not inspect.Parameter.empty, f"kg.{name}({p.name}) needs a type"


def test_docs_and_notebooks_use_only_existing_names():
    texts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    used = {m for text in texts for m in re.findall(r"\bkg\.([A-Za-z_]\w*)\(", text)}
    assert used and not [n for n in sorted(used) if not hasattr(kg, n)]


# ------------------------------------------------------------------ typed DataFrames


def test_query_result_to_frame_types_each_column():
    r = QueryResult(
        ("iri", "label", "day", "when", "n", "x", "dec", "flag", "maybe", "mixed", "none", "big"),
        (("https://w3id.org/newskg/id/actor/a", "A", dt.date(2024, 10, 11), dt.datetime(2024, 10, 11, 9, 30),
          3, 1.5, Decimal("2.25"), True, False, "x", None, 10**30),
         ("https://w3id.org/newskg/id/actor/b", "B", None, None, 4, 2, None, False, None, 7, None, 1)))
    df = r.to_frame()
    assert list(df.columns) == list(r.variables)
    assert df["iri"].tolist() == ["https://w3id.org/newskg/id/actor/a", "https://w3id.org/newskg/id/actor/b"]
    assert pd.api.types.is_datetime64_any_dtype(df["day"]) and df["day"][0].date() == dt.date(2024, 10, 11)
    assert pd.isna(df["day"][1])
    assert pd.api.types.is_datetime64_any_dtype(df["when"]) and df["when"][0].hour == 9
    assert str(df["n"].dtype) == "int64" and int(df["n"].sum()) == 7
    assert str(df["x"].dtype) == "float64" and str(df["dec"].dtype) == "float64" and df["dec"][0] == 2.25
    assert str(df["flag"].dtype) == "bool" and str(df["maybe"].dtype) == "boolean"
    assert df["mixed"].tolist() == ["x", 7] and df["none"].isna().all()
    assert df["big"].tolist() == [10**30, 1]  # too big for int64: kept as Python ints


def test_query_result_to_frame_ask_construct_and_empty():
    assert QueryResult(boolean=True).to_frame().to_dict("list") == {"boolean": [True]}
    triples = QueryResult(triples=(("s", "p", "o"),)).to_frame()
    assert list(triples.columns) == ["subject", "predicate", "object"] and len(triples) == 1
    empty = QueryResult(variables=("a", "b")).to_frame()
    assert list(empty.columns) == ["a", "b"] and empty.empty


_TYPED = """
SELECT ?day ?n ?yes ?score ?who ?name WHERE {
  VALUES (?day ?n ?yes ?score ?who ?name) {
    ("2024-10-11"^^xsd:date 3 true 1.5 <https://w3id.org/newskg/cameo/190> "Qatar")
    (UNDEF 4 false UNDEF <https://w3id.org/newskg/cameo/111> "Egypt")
  }
}
"""


def test_frame_runs_sparql_with_typed_columns_and_separate_labels():
    store = Store.memory()
    df = kg.frame(_TYPED, store=store)
    assert list(df.columns) == ["day", "n", "yes", "score", "who", "name"]
    assert pd.api.types.is_datetime64_any_dtype(df["day"]) and str(df["n"].dtype) == "int64"
    assert str(df["yes"].dtype) == "bool" and str(df["score"].dtype) == "float64"
    labelled = kg.frame(_TYPED, store=store, labels=True)
    assert list(labelled.columns) == ["day", "n", "yes", "score", "who", "who_label", "name"]
    assert labelled["who"].tolist() == ["https://w3id.org/newskg/cameo/190", "https://w3id.org/newskg/cameo/111"]
    assert labelled["who_label"].tolist() == ["Use conventional military force", "Criticize or denounce"]
    # an IRI column with no labels gets no label column; plain strings never do
    plain = kg.frame("SELECT ?x ?s WHERE { VALUES (?x ?s) { (<https://example.org/nothing> 'text') } }",
                     store=store, labels=True)
    assert list(plain.columns) == ["x", "s"]


def test_frame_and_show_open_a_store_directory_read_only(tmp_path):
    path = tmp_path / "store"
    Store.create(path).close()
    assert kg.frame("SELECT (COUNT(*) AS ?n) WHERE { ?t kgo:quadClass ?q }", store=path)["n"][0] > 0
    assert kg.query("ASK { ?t kgo:quadClass 4 }", store=str(path)).to_frame()["boolean"][0]
    assert isinstance(kg.show(path), kg.View)  # an empty graph still draws
    with Store.create(path):  # nothing left open or locked
        pass


def test_frame_reports_bad_sparql():
    with pytest.raises(kg.QueryError, match="invalid SPARQL"):
        kg.frame("SELECT nothing", store=Store.memory())


# ------------------------------------------------------------------ relations as a table


def _mention(text, label, kind="Country", start=0):
    return Mention(text=text, label=label, type=kind, start=start, end=start + len(text))


def _relation(**kw):
    sentence = kw.pop("sentence", "Paris condemned Moscow.")
    return Relation(_mention("Paris", "France"), kw.pop("predicate", "condemn"), _mention("Moscow", "Russia", start=16),
                    Provenance("d1", sentence, 0, len(sentence)), **kw)


def test_relations_frame_columns_and_types():
    rels = [_relation(event_code="111", date=dt.date(2024, 10, 11)),
            _relation(negated=True, modality="hypothetical", attributed_to=_mention("AFP", "AFP", "Organization"))]
    df = kg.relations_frame(rels)
    assert df[["subject", "predicate", "object"]].values.tolist() == [["France", "condemn", "Russia"]] * 2
    assert df["negated"].tolist() == [False, True] and str(df["negated"].dtype) == "bool"
    assert df["modality"].tolist() == ["asserted", "hypothetical"]
    assert df["attributed_to"].tolist()[1] == "AFP" and pd.isna(df["attributed_to"][0])
    assert df["event_type"][0] == "11" and df["subject_text"][0] == "Paris"
    assert pd.api.types.is_datetime64_any_dtype(df["date"]) and pd.isna(df["date"][1])
    assert df["date_source"][0] == "text" and pd.isna(df["date_source"][1])  # issue 14: where a date came from
    pairs = kg.relations_frame([(kg.Document(id="d1", text="..."), rels)])  # the shape kg.extract yields
    assert len(pairs) == 2
    empty = kg.relations_frame([])
    assert empty.empty and "sentence" in empty.columns


# ------------------------------------------------------------------ rich HTML, escaped


def _no_raw(markup: str) -> None:
    assert "<script" not in markup and "alert('x')" not in markup
    assert "&lt;script&gt;" in markup


def test_mention_and_relation_html_escape_article_text():
    m = Mention(text=EVIL, label=EVIL, type="Person", start=0, end=len(EVIL), role=EVIL, affiliation="Hamas")
    _no_raw(m._repr_html_())
    assert "Hamas" in m._repr_html_() and "Person" in m._repr_html_()
    r = _relation(predicate="urge", sentence=EVIL, attributed_to=m, negated=True, modality="planned",
                  event_code="020", date=dt.date(2024, 10, 11))
    out = r._repr_html_()
    _no_raw(out)
    for shown in ("France", "urge", "Russia", "planned", "2024-10-11", "020"):
        assert shown in out
    assert out.count("<div") == out.count("</div>")


def test_actor_profile_and_query_result_html_escape():
    entry = TimelineEntry(dt.date(2024, 10, 11), "agent", EVIL, "x", EVIL, True, "reported", None, None, EVIL, EVIL, None)
    profile = ActorProfile("iri", EVIL, "Group", "PSE", None, (EVIL,), (), (), (entry,), ())
    html = profile._repr_html_()
    _no_raw(html)
    assert "1 event as agent" in html and "0 events as patient" in html and "2024-10-11" in html
    table = QueryResult(("a", "b"), ((EVIL, None),) * 3)._repr_html_()
    _no_raw(table)
    assert table.count("<tr>") == 4 and "3 rows" in table
    assert "first 100 shown" in QueryResult(("a",), ((1,),) * 101)._repr_html_()
    assert "boolean" in QueryResult(boolean=False)._repr_html_()


# ------------------------------------------------------------------ the inline view


def test_show_a_graph_inline_without_the_network():
    G = nx.MultiDiGraph()
    G.add_node("q", label="Qatar <Doha>", type="Country")
    G.add_node("e", label="Egypt", type="Country")
    G.add_edge("q", "e", key="urge", relation="urge", count=2)
    v = kg.show(G, title="t", height=333)
    assert isinstance(v, kg.View)
    out = v._repr_html_()
    assert out.startswith('<iframe srcdoc="') and "height:333px" in out
    assert not re.search(r"\s(src|href)=", out.split('srcdoc="', 1)[1].split('"', 1)[1])
    assert "Qatar \\u003cDoha\\u003e" in v.html and "<Doha>" not in v.html  # the label is data, escaped
    assert not re.search(r"<(script|link|img)[^>]*\s(src|href)=", v.html)
    assert len(repr(v)) < 100  # text/plain beside the HTML output is a summary, not the page
    with pytest.raises(TypeError, match="filters only with a store"):
        kg.show(G, start="2024-10-01")


def test_show_a_store_with_filters():
    v = kg.show(Store.memory(), start="2024-10-01", modalities=None)
    assert "vis.Network" in v.html
    with pytest.raises(kg.KgError):
        kg.show(Store.memory(), start="not a date")


# ------------------------------------------------------------------ optional dependencies


def test_extras_keep_a_plain_install_lean():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = " ".join(meta["dependencies"]).lower()
    extras = {k: " ".join(v).lower() for k, v in meta["optional-dependencies"].items()}
    for heavy in ("pandas", "matplotlib", "ipykernel", "nbclient", "nbformat", "starlette", "uvicorn", "pytest"):
        assert heavy not in core, heavy
    for pkg in ("pandas", "matplotlib", "ipykernel", "nbclient", "nbformat"):
        assert pkg in extras["notebook"]
    assert "starlette" in extras["server"] and "uvicorn" in extras["server"]
    named = re.search(r"newskg\[([^\]]+)\]", extras["all"]).group(1).split(",")
    assert set(named) == set(extras) - {"all"}
    assert "'.[all]'" in (ROOT / "Makefile").read_text(encoding="utf-8")  # make test installs every extra
