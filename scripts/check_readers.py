"""Read one small input of every supported kind with the installed ``kg``; exit 1 if any fails.

``.ci/run`` runs it in a venv made by a plain ``pip install .`` (no extras), so CI sees
what a user's fresh install resolves today (issue 16: the HTML reader once needed a
module that only the test extras happened to bring). Needs no spaCy model.

    python scripts/check_readers.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

SAMPLES = {
    "text": ("a.txt", "The harbour authority said on Tuesday that talks with the dock workers had resumed.\n"),
    "markdown": ("b.md", "# Port talks\n\nThe union said the workers wanted a written promise about pay.\n"),
    "html": ("c.html", "<html><head><title>Port talks</title></head><body><article><h1>Port talks</h1>"
                       "<p>The harbour authority of Westmark said on Tuesday that negotiations with the dock "
                       "workers had resumed after a week of strikes that left dozens of ships waiting.</p>"
                       "<p>The union's spokesman told reporters that the workers wanted a written promise "
                       "about pay and hours before they would return to the cranes.</p></article></body></html>"),
    "jsonl": ("d.jsonl", '{"id": "port-1", "text": "The dock workers returned to the cranes on Friday."}\n'),
}


def main() -> int:
    from kg.ingest import read_documents

    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for kind, (name, content) in SAMPLES.items():
            path = Path(tmp) / name
            path.write_text(content, encoding="utf-8")
            failures: list = []
            try:
                docs = list(read_documents([path], on_error=failures.append))
            except Exception as exc:  # noqa: BLE001 - report every kind, then fail
                failures.append(f"{type(exc).__name__}: {exc}")
                docs = []
            if docs and not failures:
                print(f"{kind}: ok")
            else:
                bad += 1
                print(f"{kind}: FAILED {'; '.join(map(str, failures)) or 'no document read'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
