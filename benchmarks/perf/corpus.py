"""Benchmark corpora.

``sample``: SYNTHETIC for size only. Documents are made by drawing paragraphs
(seeded, with replacement) from the 15 sample articles in ``examples/articles``
(original news-style text written for this project) and shuffling them, so each
document is distinct (its own content hash) while the text stays real prose. It
measures speed, not extraction quality.

``carb``: real text. The 641 CaRB dev sentences (Wikipedia and newswire, from
``../shared/data/carb_dev``) grouped 20 to a document. Only ~16k words, so it is
repeated (identical repeats get distinct ids) when more words are asked for.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles"
CARB = ROOT.parent / "shared" / "data" / "carb_dev" / "dev_sentences.txt"

__all__ = ["sample_documents", "carb_documents", "write_jsonl", "word_count", "ROOT"]


def word_count(text: str) -> int:
    return len(text.split())


def _paragraphs() -> list[str]:
    paras = []
    for path in sorted(ARTICLES.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        paras.extend(blocks[1:])  # the first block is the headline
    return paras


def sample_documents(words: int, *, seed: int = 7, per_doc: int = 5) -> Iterator[dict]:
    """JSON-able ``{"id", "title", "text", "published"}`` objects totalling about ``words`` words."""
    rng = random.Random(seed)
    paras = _paragraphs()
    total = 0
    n = 0
    while total < words:
        body = rng.choices(paras, k=per_doc)
        text = "\n\n".join(body)
        title = f"Synthetic story {n}"
        total += word_count(text)
        yield {"id": f"bench-{n:07d}", "title": title, "text": text,
               "published": f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"}
        n += 1


def carb_documents(words: int, *, per_doc: int = 20) -> Iterator[dict]:
    """Real sentences (CaRB dev), ``per_doc`` to a document, repeated up to ``words`` words."""
    if not CARB.is_file():
        raise FileNotFoundError(f"{CARB} is absent; use the sample corpus")
    sents = [s.strip() for s in CARB.read_text(encoding="utf-8").splitlines() if s.strip()]
    total = 0
    n = 0
    while total < words:
        for i in range(0, len(sents), per_doc):
            text = " ".join(sents[i : i + per_doc])
            total += word_count(text)
            yield {"id": f"carb-{n:07d}", "text": text}
            n += 1
            if total >= words:
                return


def documents(kind: str, words: int) -> Iterator[dict]:
    return carb_documents(words) if kind == "carb" else sample_documents(words)


def write_jsonl(path: Path, kind: str, words: int) -> tuple[int, int]:
    """Write a corpus file; returns (documents, words)."""
    docs = total = 0
    with path.open("w", encoding="utf-8") as fh:
        for d in documents(kind, words):
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
            docs += 1
            total += word_count(d["text"])
    return docs, total
