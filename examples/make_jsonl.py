"""Build examples/articles.jsonl from the sample articles in examples/articles/.

Each .txt file is named NN_<slug>.txt; its first line is the headline, followed
by a blank line and the body. The publication dates below are part of the
(fictional) sample corpus and are used to resolve relative dates such as
"on Tuesday" or "last Friday" in the article bodies.

Usage:  python examples/make_jsonl.py
"""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ARTICLES_DIR = HERE / "articles"
OUT_PATH = HERE / "articles.jsonl"

# Article number -> ISO publication date (all distinct, Sept-Nov 2024).
PUBLISHED = {
    "01": "2024-09-12",  # Thursday
    "02": "2024-09-23",  # Monday
    "03": "2024-09-27",  # Friday
    "04": "2024-10-04",  # Friday
    "05": "2024-10-10",  # Thursday
    "06": "2024-10-17",  # Thursday
    "07": "2024-11-08",  # Friday
    "08": "2024-09-19",  # Thursday
    "09": "2024-10-08",  # Tuesday
    "10": "2024-10-22",  # Tuesday
    "11": "2024-11-05",  # Tuesday
    "12": "2024-09-30",  # Monday
    "13": "2024-10-15",  # Tuesday
    "14": "2024-10-29",  # Tuesday
    "15": "2024-11-14",  # Thursday
}


def read_article(path: Path) -> tuple[str, str]:
    """Return (headline, body) for one article file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].strip()
    body_lines = lines[1:]
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
    # Paragraphs are separated by a blank line; keep them as "\n\n".
    paragraphs, current = [], []
    for line in body_lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return title, "\n\n".join(paragraphs)


def main() -> None:
    records = []
    for path in sorted(ARTICLES_DIR.glob("[0-9][0-9]_*.txt")):
        number, slug = path.stem.split("_", 1)
        if number not in PUBLISHED:
            raise SystemExit(f"no publication date for {path.name}")
        title, text = read_article(path)
        records.append(
            {
                "id": f"sample-{number}",
                "title": title,
                "text": text,
                "published": PUBLISHED[number],
                "url": f"https://example.com/news/{slug.replace('_', '-')}",
            }
        )
    missing = set(PUBLISHED) - {r["id"].split("-")[1] for r in records}
    if missing:
        raise SystemExit(f"missing article files for: {sorted(missing)}")
    with OUT_PATH.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} articles to {OUT_PATH}")


if __name__ == "__main__":
    main()
