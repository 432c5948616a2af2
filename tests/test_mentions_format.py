"""kg extract --format mentions: every actor mention, pronouns included, with what it resolved to."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.pipeline import extract_mentions

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.model

TEXT = ("Olga Petrenko met Danish officials in Oslo on Monday. She said its licence had lapsed. "
        "Petrenko thanked them.")


def test_mentions_cover_names_descriptions_and_pronouns(tmp_path, nlp):
    src = tmp_path / "a.txt"
    src.write_text(TEXT + "\n", encoding="utf-8")
    [(doc, found)] = list(extract_mentions([src]))
    by_text = {o.text: o for o in found}
    assert all(TEXT[o.start:o.end] == o.text for o in found)  # offsets index the text
    assert by_text["She"].mention.label == "Olga Petrenko" and "coref" in by_text["She"].mention.resolved_by
    assert by_text["Petrenko"].mention.label == "Olga Petrenko"  # resolved within the document
    assert by_text["Danish officials"].mention.label == "Denmark"
    assert by_text["them"].mention.label == "Denmark"
    assert by_text["its"].mention is None  # no state or organisation before it: unresolved, still listed
    assert [o.start for o in found] == sorted(o.start for o in found)
    assert kg.extract_mentions is extract_mentions


def test_cli_prints_one_json_line_per_mention_with_null_label_when_unresolved():
    proc = subprocess.run([sys.executable, "-m", "kg", "extract", "-", "--format", "mentions"], input=TEXT,
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines and all(r["kind"] == "mention" and set(r) == {"kind", "doc", "start", "end", "text", "label", "iri",
                                                                 "type", "country", "code", "resolved_by"} for r in lines)
    she = next(r for r in lines if r["text"] == "She")
    assert (she["start"], she["end"], she["label"], she["type"]) == (54, 57, "Olga Petrenko", "Person")
    assert she["iri"].startswith("https://w3id.org/newskg/id/actor/olga-petrenko-")
    its = next(r for r in lines if r["text"] == "its")
    assert its["label"] is None and its["iri"] is None
