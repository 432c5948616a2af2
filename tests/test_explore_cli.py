"""``kg analyze``, ``kg path``, ``kg actor``, ``kg viz`` and ``kg export-graph`` on the sample store."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from test_analytics_store import XSS, build_sample_store

from kg.cli import main


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("explore") / "store"
    build_sample_store(path).close()
    return str(path)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_explore_cli_analyze(capsys, store_dir):
    code, out, _ = run(capsys, "analyze", "--store", store_dir, "--top", "3", "--measure", "degree")
    assert code == 0
    assert "7 actors, 7 relations, 8 events" in out
    top = out.split("top actors by degree:")[1].split("communities")[0]
    assert [line.split()[1] for line in top.strip().splitlines()[2:]] == ["Qatar", "Benjamin", "Israel"]
    assert "strongest dyads" in out and re.search(r"Israel\s+Hezbollah\s+2\s+-20\.0", out)


def test_explore_cli_analyze_json_countries(capsys, store_dir):
    code, out, _ = run(capsys, "analyze", "--store", store_dir, "--graph", "countries", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["nodes"] == 5 and data["events"] == 7
    assert data["dyads"][0] == {"source": "Israel", "target": "Lebanon", "events": 2, "goldstein": -20.0,
                                "cooperation": 0, "conflict": 2}


def test_explore_cli_analyze_filters(capsys, store_dir):
    code, out, _ = run(capsys, "analyze", "--store", store_dir, "--json", "--quad-class", "4",
                       "--include-negated", "--modality", "all")
    assert code == 0
    assert json.loads(out)["events"] == 4  # three strikes and the negated attack


def test_explore_cli_path(capsys, store_dir):
    code, out, _ = run(capsys, "path", "Hezbollah", "<script>", "--store", store_dir)
    assert code == 0
    assert f"1. Hezbollah — Israel — Qatar — Benjamin Netanyahu — {XSS}  (4 steps)" in out
    assert "Israel —strike→ Hezbollah (2 events)" in out
    assert "2024-10-12 · Rockets over the north: “Israel strike Hezbollah (event 6).”" in out


def test_explore_cli_path_none(capsys, store_dir):
    code, out, _ = run(capsys, "path", "Hezbollah", "Hamas", "--store", store_dir, "--directed")
    assert code == 0 and out.strip() == "no path between Hezbollah and Hamas"


def test_explore_cli_actor(capsys, store_dir):
    code, out, _ = run(capsys, "actor", "netanyahu", "--store", store_dir)
    assert code == 0
    assert out.startswith("Benjamin Netanyahu  (Person, ISR)")
    assert "roles:        Prime Minister" in out and "affiliated:   Israel" in out
    assert "as agent (1 event):" in out and "—criticize→ Qatar" in out
    assert f"← accuse— {XSS}" in out
    assert f"“{XSS} accuse Benjamin Netanyahu (event 9).”" in out


def test_explore_cli_actor_json(capsys, store_dir):
    code, out, _ = run(capsys, "actor", "Egypt", "--store", store_dir, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["label"] == "Egypt" and len(data["as_agent"]) == 3 and data["as_patient"][0]["negated"] is True


@pytest.mark.parametrize("args, message", [
    (("actor", "Atlantis"), "no actor matches 'Atlantis'"),
    (("path", "Qatar", "Atlantis"), "no actor matches 'Atlantis'"),
    (("analyze", "--since", "soon"), "not a date"),
    (("analyze", "--event-type", "abc"), "CAMEO"),
    (("export-graph", "-o", "x.dot"), "unknown graph format"),
    (("export-graph", "--format", "gdelt", "-o", "/no-such-folder-kg/x.csv"), "cannot write"),
    (("export-graph", "--format", "gdelt-tsv", "-o", "/"), "cannot write"),
    (("viz", "--focus", "Atlantis"), "no actor matches"),
])
def test_explore_cli_errors_are_one_line(capsys, store_dir, tmp_path, args, message):
    code, _, err = run(capsys, *args, "--store", store_dir)
    assert code == 2
    assert err.startswith("kg: error:") and message in err and err.count("\n") == 1


def test_explore_cli_missing_store(capsys, tmp_path):
    code, _, err = run(capsys, "analyze", "--store", str(tmp_path / "nope"))
    assert code == 2 and "no such store" in err
    code, _, err = run(capsys, "export-graph", "--format", "gdelt", "-o", str(tmp_path / "x.csv"),
                       "--store", str(tmp_path / "nope"))
    assert code == 2 and "no such store" in err and err.count("\n") == 1
    assert not (tmp_path / "x.csv").exists()


def test_explore_cli_viz(capsys, store_dir, tmp_path):
    out_file = tmp_path / "g.html"
    code, out, _ = run(capsys, "viz", "--store", store_dir, "-o", str(out_file), "--focus", "Qatar", "--depth", "1")
    assert code == 0 and "wrote" in out and "5 of 7 actors around Qatar" in out
    page = out_file.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', page, flags=re.DOTALL).group(1))
    assert sorted(n["label"] for n in data["nodes"]) == ["Benjamin Netanyahu", "Egypt", "Hamas", "Israel", "Qatar"]
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page, flags=re.IGNORECASE)


@pytest.mark.parametrize("suffix", ["gexf", "graphml"])
def test_explore_cli_export_graph(capsys, store_dir, tmp_path, suffix):
    out_file = tmp_path / f"g.{suffix}"
    code, out, _ = run(capsys, "export-graph", "--store", store_dir, "-o", str(out_file), "--per-event")
    assert code == 0 and "(7 nodes, 8 edges)" in out
    G = (nx.read_gexf if suffix == "gexf" else nx.read_graphml)(out_file)
    assert G.number_of_edges() == 8


def test_explore_cli_export_csv_alias(capsys, store_dir, tmp_path):
    code, _, _ = run(capsys, "graph-export", "--store", store_dir, "-o", str(tmp_path / "g.csv"),
                       "--graph", "full")
    assert code == 0
    assert (tmp_path / "g.nodes.csv").read_text(encoding="utf-8").count("\n") == 9  # header + 8 nodes
    assert "affiliated with" in (tmp_path / "g.edges.csv").read_text(encoding="utf-8")


def test_explore_cli_help_lists_commands(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in ("analyze", "path", "actor", "viz", "export-graph"):
        assert name in out
    assert "graph-export" not in out
