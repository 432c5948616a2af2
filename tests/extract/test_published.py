"""Publication dates of .txt/.md files: front matter and --published, so relative dates resolve."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import load_settings
from kg.errors import ConfigError
from kg.pipeline import extract

ROOT = Path(__file__).resolve().parents[2]
BODY = "Norway signed a fishing agreement with Iceland last Friday.\n"


def _dates(path: Path, **settings) -> list[dt.date | None]:
    return [r.date for _, rels in extract([path], settings=load_settings(**settings)) for r in rels]


def test_front_matter_date_resolves_relative_dates(nlp, tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: Fishing deal\npublished: 2024-10-14\n---\n\n{BODY}", encoding="utf-8")
    assert _dates(path) == [dt.date(2024, 10, 11)]


def test_published_option_for_files_without_a_date(nlp, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    assert _dates(path) == [None]
    assert _dates(path, published="2024-10-14") == [dt.date(2024, 10, 11)]


def test_the_documents_own_date_wins_over_the_option(nlp, tmp_path):
    path = tmp_path / "a.md"
    path.write_text(f"---\ndate: 2024-03-04\n---\n{BODY}", encoding="utf-8")
    assert _dates(path, published="2024-10-14") == [dt.date(2024, 3, 1)]


def test_bad_published_setting_is_a_config_error():
    with pytest.raises(ConfigError, match="ISO date"):
        load_settings(published="last week")


def test_cli_published_option(nlp, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg", "extract", str(path), "--published", "2024-10-14"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["date"] for line in proc.stdout.splitlines()] == ["2024-10-11"]
    bad = subprocess.run([sys.executable, "-m", "kg", "extract", str(path), "--published", "soon"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert bad.returncode == 2 and "ISO date" in bad.stderr and "Traceback" not in bad.stderr
