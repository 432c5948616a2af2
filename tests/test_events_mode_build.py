"""``kg build --mode events``: a store built for event data holds each coded verb's target as an
event coder finds it (:mod:`kg.extract.targets`), and the GDELT export counts that dyad; the
default mode does not. Sentences written for this test."""

from __future__ import annotations

import csv
import json

import pytest

from kg.cli import main

pytestmark = pytest.mark.model

ARTICLE = {"id": "ev-1", "published": "2024-02-01",
           "text": "Kenya welcomed the resumption of trade links with Tanzania."}


def _dyads(tmp_path, *mode: str) -> set[tuple[str, str, str]]:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    store = tmp_path / ("store" + "".join(mode).replace("-", ""))
    assert main(["build", str(src), "--store", str(store), *mode]) == 0
    out = tmp_path / "events.csv"
    assert main(["export-graph", "--store", str(store), "-o", str(out), "--format", "gdelt"]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        return {(r["Actor1CountryCode"], r["Actor2CountryCode"], r["EventRootCode"]) for r in csv.DictReader(fh)}


def test_events_mode_store_exports_the_dyad(tmp_path, nlp):
    assert ("KEN", "TZA", "04") in _dyads(tmp_path, "--mode", "events")


def test_default_mode_store_has_no_such_dyad(tmp_path, nlp):
    assert not [d for d in _dyads(tmp_path) if d[:2] == ("KEN", "TZA")]


def test_open_mode_is_no_store_mode(tmp_path):
    from kg.errors import ConfigError
    from kg.pipeline import build

    with pytest.raises(ConfigError, match="mode"):
        build([str(tmp_path)], store=tmp_path / "s", mode="open")
