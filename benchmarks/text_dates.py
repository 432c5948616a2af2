"""Date precision counting only dates the text states (``date_source: text``), beside the scorer's own.

    python benchmarks/text_dates.py PRED.jsonl [SCORER]

SCORER is a dev-set date scorer that takes a prediction file as its last argument (default
``../shared/data/tempeval_dev/score.py``; MEANTIME's ``score.py`` works too). It is run twice: on
the predictions as they are (recall over all dates, text and publication-date fallbacks; its
precision counts every date), then with every ``date_source: published`` date set to null, whose
precision counts the text's own dates only. Prints the scorer's last line for each.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1] / ".." / ".." / "shared" / "data" / "tempeval_dev" / "score.py"


def text_only(lines: list[str]) -> list[str]:
    """The prediction lines with publication-date fallbacks removed (their ``date`` set to null)."""
    out = []
    for line in lines:
        if line.strip():
            r = json.loads(line)
            if r.get("date_source") == "published":
                r["date"] = None
            out.append(json.dumps(r))
    return out


def last_line(scorer: Path, pred: Path) -> str:
    res = subprocess.run([sys.executable, str(scorer), str(pred)], capture_output=True, text=True, check=True)
    return res.stdout.strip().splitlines()[-1]


def main(argv: list[str]) -> None:
    if not argv:
        sys.exit(__doc__)
    pred = Path(argv[0])
    scorer = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not scorer.exists():
        sys.exit(f"no scorer at {scorer}")
    print("all dates:      ", last_line(scorer, pred))
    with tempfile.TemporaryDirectory() as tmp:
        only = Path(tmp) / "text_only.jsonl"
        only.write_text("\n".join(text_only(pred.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
        print("text dates only:", last_line(scorer, only))


if __name__ == "__main__":
    main(sys.argv[1:])
