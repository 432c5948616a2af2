"""Issue 16 item 10: article text never drives the terminal: one table printer neutralises control characters."""

from __future__ import annotations

import subprocess
import sys

from kgtest import ROOT

HOSTILE = "Red\x1b[31m Army\x1b[0m\x1b]0;owned title\x07 \x1b[2J\x9b1m\rover\x08\x00\u202eevil"


def no_control(text: str) -> bool:
    return not any((ord(c) < 32 and c not in "\n") or 0x7f <= ord(c) <= 0x9f or c == "\u202e" for c in text)


def test_clean_strips_escape_sequences_and_replaces_other_controls():
    from kg.cli.terminal import clean

    out = clean(HOSTILE)
    assert no_control(out)
    assert "Red" in out and "Army" in out and "evil" in out
    assert "31m" not in out and "owned title" not in out  # whole sequences go, not just the ESC byte
    assert clean(None) == "" and clean(3) == "3"


def test_print_table_cleans_every_cell(capsys):
    from kg.cli.terminal import print_table

    print_table(("name", "n"), [(HOSTILE, 1), ("plain", None)])
    out = capsys.readouterr().out
    assert no_control(out) and "plain" in out


def test_kg_query_table_prints_no_escape_codes(tmp_path):
    from kg.rdf.store import Store

    store = tmp_path / "store"
    label = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if 32 <= ord(c) < 127 else f"\\u{ord(c):04X}" for c in label)
    with Store.create(store) as st:
        st.update('INSERT DATA { GRAPH <http://example.org/g> { '
                  f'<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "{escaped}" }} }}')
    q = "SELECT ?l WHERE { <http://example.org/a> rdfs:label ?l }"
    proc = subprocess.run([sys.executable, "-m", "kg", "query", q, "--store", str(store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Army" in proc.stdout and no_control(proc.stdout), repr(proc.stdout)
