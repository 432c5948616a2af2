"""Everyday use of the ``kg`` command without rough edges (issue 17): query formats and messages,
missing extras, empty inputs, time windows that keep nothing, counts, country names."""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from test_analytics_store import build_sample_store, sample_documents

from kg.cli import main
from kg.rdf.convert import document_quads
from kg.rdf.store import Store

ROOT = Path(__file__).resolve().parent.parent


def kg(*args: str, cwd: Path = ROOT, block: str | None = None) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` in a fresh interpreter; ``block`` names a module made unimportable (a missing extra)."""
    code = "import sys\n"
    if block:
        code += f"sys.modules[{block!r}] = None\n"
    code += "from kg.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kg: error: "), proc.stderr
    return lines[0]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("everyday") / "store"
    build_sample_store(path).close()
    return path


@pytest.fixture(scope="module")
def undated_store(tmp_path_factory):
    """The sample store's events, from documents without a publication date (the events have none either)."""
    path = tmp_path_factory.mktemp("undated") / "store"
    with Store.create(path) as st:
        st.add_documents([list(document_quads(dataclasses.replace(doc, published=None), rels))
                          for doc, rels in sample_documents()])
    return path


# ------------------------------------------------------------------ kg query


@pytest.mark.parametrize("fmt, expected", [
    ("table", "true"), ("csv", "true"), ("tsv", "true"), ("json", {"head": {}, "boolean": True})])
def test_query_ask_in_every_format(capsys, store_dir, fmt, expected):
    code = main(["query", "ASK { ?e a kgo:Event }", "--store", str(store_dir), "--format", fmt])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert (json.loads(out) if fmt == "json" else out.strip()) == expected


def test_query_ask_false_in_csv(store_dir):
    proc = kg("query", "ASK { ?e kgo:agent/rdfs:label 'Nobody at all' }", "--store", str(store_dir), "--format", "csv")
    assert proc.returncode == 0 and proc.stdout == "false\n", proc.stderr


def _help_examples() -> list[str]:
    """The ``kg query`` examples of the root help and of ``kg query --help``, as typed in a shell."""
    from kg.cli import app, query_cli

    texts = [query_cli.__doc__, app.info.help]
    examples = [line.split("#")[0].strip() for text in texts for line in text.splitlines()
                if "kg query '" in line]
    return [re.sub(r"^.*?(kg query )", r"\1", e) for e in examples]


def test_query_help_examples_are_valid_sparql(store_dir):
    examples = _help_examples()
    assert len(examples) == 2
    for example in examples:
        args = shlex.split(example)[2:]
        proc = kg("query", *args, "--store", str(store_dir))
        assert proc.returncode == 0, (example, proc.stderr)
    proc = kg("query", "--help")
    assert "kgo:agent/rdfs:label" in proc.stdout


@pytest.mark.parametrize("update, word", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("PREFIX ex: <urn:x:>\n# drop everything\ndelete where { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
])
def test_query_update_says_updates_are_not_supported(store_dir, update, word):
    before = len(Store.open(store_dir))
    line = one_line_error(kg("query", update, "--store", str(store_dir)))
    assert f"SPARQL Update ({word}) is not supported" in line and "kg build" in line
    with Store.open(store_dir) as st:
        assert len(st) == before


def test_query_invalid_sparql_is_still_called_invalid(store_dir):
    line = one_line_error(kg("query", "SELECT ?x WHERE { ?x", "--store", str(store_dir)))
    assert "invalid SPARQL" in line


# ------------------------------------------------------------------ missing extras


def _extras() -> dict[str, list[str]]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]


def test_every_optional_extra_has_its_modules_mapped():
    from kg.extras import EXTRAS

    assert set(_extras()) - {"test", "all"} <= set(EXTRAS.values())
    for module, extra in EXTRAS.items():
        assert extra in _extras(), (module, extra)


@pytest.mark.parametrize("block, args, extra", [
    ("starlette", ("serve", "--store", "{store}", "--port", "0"), "server"),
    ("uvicorn", ("serve", "--store", "{store}", "--port", "0"), "server"),
    ("httpx", ("push", "--store", "{store}", "--endpoint", "http://127.0.0.1:9/store"), "server"),
    ("distributed", ("build", "{doc}", "--store", "{new}", "--cluster", "tcp://127.0.0.1:9"), "cluster"),
])
def test_missing_extra_is_a_one_line_hint(tmp_path, store_dir, block, args, extra):
    doc = tmp_path / "a.txt"
    doc.write_text("Qatar hosted Hamas officials.", encoding="utf-8")
    fill = {"store": str(store_dir), "doc": str(doc), "new": str(tmp_path / "new")}
    line = one_line_error(kg(*(a.format(**fill) for a in args), block=block))
    assert f"pip install 'newskg[{extra}]'" in line and f"{block} is not installed" in line
    assert line.startswith(f"kg: error: kg {args[0]} needs") or line.startswith("kg: error: --cluster needs")
    assert not (tmp_path / "new").exists()


def test_missing_pandas_names_the_notebook_extra(store_dir):
    code = ("import sys; sys.modules['pandas'] = None\n"
            "import kg\n"
            "try:\n"
            f"    kg.frame('SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1', store={str(store_dir)!r})\n"
            "except ImportError as exc:\n"
            "    print(type(exc).__name__, isinstance(exc, kg.KgError), exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60).stdout
    assert out.startswith("MissingExtraError True a DataFrame needs the notebook extra"), out
    assert "pip install 'newskg[notebook]'" in out


# ------------------------------------------------------------------ kg build


def test_build_of_an_empty_folder_creates_no_store(tmp_path):
    (tmp_path / "empty").mkdir()
    line = one_line_error(kg("build", "empty", "--store", "new-store", cwd=tmp_path))
    assert "no documents found in empty" in line
    assert not (tmp_path / "new-store").exists()


def test_build_of_only_bad_inputs_creates_no_store(tmp_path):
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    one_line_error(kg("build", "bad.jsonl", "--store", "new-store", cwd=tmp_path))
    assert not (tmp_path / "new-store").exists()


# ------------------------------------------------------------------ time windows


def test_since_on_a_store_without_dates_says_why(capsys, undated_store):
    code = main(["analyze", "--store", str(undated_store), "--since", "2024-10-01"])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("0 actors, 0 relations, 0 events")
    assert "kg: note: none of the store's 11 events has a date" in err
    assert "--since/--until keep nothing" in err and "published" in err


def test_until_before_every_date_names_the_span(capsys, store_dir):
    code = main(["viz", "--store", str(store_dir), "--until", "2024-01-31", "-o", str(store_dir.parent / "g.html")])
    _, err = capsys.readouterr()
    assert code == 0
    assert "kg: note: no event is dated … to 2024-01-31: the store's dated events run from 2024-10-10 to 2024-10-15" in err


def test_a_window_that_keeps_events_adds_no_note(capsys, store_dir):
    assert main(["analyze", "--store", str(store_dir), "--since", "2024-10-12"]) == 0
    assert "note" not in capsys.readouterr().err


# ------------------------------------------------------------------ counts and names


def test_counts_are_singular_for_one(capsys, store_dir):
    code = main(["analyze", "--store", str(store_dir), "--doc", "d3", "--actor", "Egypt"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("2 actors, 1 relation, 1 event\n")
    assert not re.search(r"\b1 (actors|relations|events|nodes|edges)\b", out)


@pytest.mark.model
def test_build_summary_says_one_document(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Qatar hosted Hamas officials in Doha on Monday.", encoding="utf-8")
    proc = kg("build", "a.txt", "--store", "s", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("1 document read, 1 added, 0 already in the store; 1 relation, 1 event, 2 actors;")
    assert proc.stdout.rstrip().endswith("; 0 failures")


def test_countries_graph_names_countries_without_a_country_actor(capsys, store_dir):
    code = main(["analyze", "--store", str(store_dir), "--graph", "countries", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    labels = {a["label"] for a in data["top_actors"]}
    assert "Palestine" in labels and "Lebanon" in labels  # Hamas (PSE) and Hezbollah (LBN): no Country actor
    assert not labels & {"PSE", "LBN"}
