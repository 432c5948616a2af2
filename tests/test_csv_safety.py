"""Issue 16 item 13: CSV meant for spreadsheets never starts a text cell with = + - @ (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import networkx as nx

from kgtest import ROOT

HOSTILE = ["=HYPERLINK(\"http://x.example/\",\"click\")", "+1+cmd", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


def test_spreadsheet_safe_prefixes_formula_starts_and_keeps_numbers():
    from kg.csvsafe import spreadsheet_safe

    for value in HOSTILE:
        assert spreadsheet_safe(value) == "'" + value
    for value in ("-3", "-0.25", "+7", "1e-5", "Mayor Smith", "", "'quoted"):
        assert spreadsheet_safe(value) == value


def test_export_graph_csv_guards_every_text_cell(tmp_path):
    from kg.analytics.exports import write_csv

    G = nx.MultiDiGraph()
    G.add_node("a", label=HOSTILE[0], actor_type="Person")
    G.add_node("b", label="@Westmark", actor_type="Organization")
    G.add_edge("a", "b", relation="-attack", count=2)
    nodes, edges = tmp_path / "n.csv", tmp_path / "e.csv"
    write_csv(G, nodes, edges)
    cells = [c for p in (nodes, edges) for row in csv.reader(p.open(encoding="utf-8")) for c in row]
    assert "'" + HOSTILE[0] in cells and "'@Westmark" in cells and "'-attack" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:].isdigit())]
    assert "2" in cells  # numbers stay numbers


def test_query_csv_guards_literals(tmp_path):
    from kg.rdf.store import Store

    store = tmp_path / "store"
    with Store.create(store) as st:
        st.update('INSERT DATA { GRAPH <http://example.org/g> { '
                  '<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "=1+2", "-5", "@x" } }')
    q = "SELECT ?l WHERE { <http://example.org/a> rdfs:label ?l } ORDER BY ?l"
    proc = subprocess.run([sys.executable, "-m", "kg", "query", q, "--store", str(store), "--format", "csv"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows[0] == ["l"]
    assert sorted(r[0] for r in rows[1:]) == sorted(["'=1+2", "-5", "'@x"])
