"""The `kg` command as users run it: exit codes, one-line errors, formats, help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def kg(*args: str, stdin: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          input=stdin, cwd=cwd, timeout=300)


def _one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("kg: error")]
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0]


def test_cli_help_lists_commands_with_examples():
    proc = kg("--help")
    assert proc.returncode == 0
    for command in ("extract", "build", "query", "export", "stats"):
        assert command in proc.stdout
    assert "Examples" in proc.stdout


@pytest.mark.parametrize("command", ["extract", "build", "query", "export", "stats"])
def test_cli_every_command_has_help_with_an_example(command):
    proc = kg(command, "--help")
    assert proc.returncode == 0
    assert "Example" in proc.stdout


def test_cli_every_command_is_in_readme():
    from kg.cli import app
    import typer.main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name for c in typer.main.get_command(app).commands.values()]
    missing = [n for n in names if f"kg {n}" not in readme]
    assert not missing, missing


@pytest.mark.model
def test_cli_extract_jsonl_from_stdin_follows_the_contract(nlp):
    proc = kg("extract", "-", stdin="France and Germany condemned Russia on Monday.\n")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert {(r["subject"]["label"], r["predicate"], r["object"]["label"]) for r in records} == {
        ("France", "condemn", "Russia"), ("Germany", "condemn", "Russia")}
    for r in records:
        assert set(r) >= {"doc", "sentence", "start", "end", "subject", "predicate", "object", "negated",
                          "modality", "attributed_to", "reported_by", "event_type", "date", "confidence"}
        assert set(r["subject"]) >= {"text", "label", "type", "iri"}
        assert r["subject"]["type"] == "Country"


@pytest.mark.model
def test_cli_extract_table_and_ttl(nlp, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("The convoy was attacked by militants near Gaza.", encoding="utf-8")
    table = kg("extract", str(doc), "--format", "table")
    assert table.returncode == 0 and "attack" in table.stdout
    ttl = kg("extract", str(doc), "--format", "ttl")
    from rdflib import Graph

    assert len(Graph().parse(data=ttl.stdout, format="turtle")) > 5


@pytest.mark.parametrize("args, needle", [
    (("extract", "no/such/file.txt"), "no/such/file.txt"),
    (("query", "SELEC nothing", "--store", "{store}"), "SPARQL"),
    (("stats", "--store", "{notastore}"), "not a kg store"),
    (("stats", "--store", "{absent}"), "no such store"),
    (("export", "-o", "out.xyz", "--store", "{store}"), ".xyz"),
    (("query", "--store", "{store}"), "give a query"),
])
def test_cli_errors_are_one_line_with_exit_2(tmp_path, args, needle):
    from kg.rdf.store import Store

    store = tmp_path / "store"
    Store.create(store).close()
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "x.txt").write_text("x")
    fill = {"store": str(store), "notastore": str(tmp_path / "junk"), "absent": str(tmp_path / "absent")}
    proc = kg(*(a.format(**fill) for a in args), cwd=tmp_path)
    _one_line_error(proc, needle)


def test_cli_query_formats(tmp_path):
    from kg.rdf.store import Store

    store = tmp_path / "store"
    Store.create(store).close()
    q = "SELECT ?c WHERE { ?c a skos:Concept ; skos:notation '190' }"
    as_csv = kg("query", q, "--store", str(store), "--format", "csv")
    assert as_csv.returncode == 0 and as_csv.stdout.splitlines()[0].strip() == "c"
    as_json = kg("query", q, "--store", str(store), "--format", "json")
    assert json.loads(as_json.stdout)["head"]["vars"] == ["c"]
    table = kg("query", q, "--store", str(store))
    assert re.search(r"cameo/190", table.stdout)


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_cli_query_service_that_cannot_be_reached_is_a_one_line_error(tmp_path, fmt):
    """SERVICE is evaluated while results are read: its failure is a query error, not an internal error."""
    from kg.rdf.store import Store

    store = tmp_path / "store"
    Store.create(store).close()
    proc = kg("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
              "--store", str(store), "--format", fmt)
    _one_line_error(proc, "query failed")
