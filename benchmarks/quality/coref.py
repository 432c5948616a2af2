"""Coreference quality: pronouns and definite descriptions on a small hand-made test set.

``benchmarks/gold/coref.jsonl`` holds 50 original news-style snippets (written for this
project, like the gold set) with their anaphors ("he", "its", "they", "the chancellor",
"the company", "the group"...) and the actor each refers to, or null when it refers to
no actor (pleonastic "it", first person, no antecedent in reach). Each snippet is parsed
with the real pipeline and every anaphor is resolved by :mod:`kg.extract.coref`
(``Antecedents.resolve`` for pronouns, ``Antecedents.describe`` for descriptions); the
answer is canonicalised with the actor dictionary and compared with the gold name as the
gold scorer does (case, accents, articles, aliases; a short name matches its full name).

- **precision**: correct answers / answers given (an answer to a null anaphor is wrong);
- **recall**: correct answers / anaphors that have an antecedent.

    python benchmarks/quality/coref.py [--show-errors]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.quality.common import (  # noqa: E402
    ROOT,
    f1,
    machine_description,
    model_description,
    ratio,
    table,
)
from benchmarks.quality.gold_scorer import names_match  # noqa: E402

COREF_FILE = ROOT / "benchmarks" / "gold" / "coref.jsonl"


@dataclass(frozen=True)
class Case:
    doc: str
    text: str
    anaphor: str
    gold: tuple[str, ...]
    got: str | None
    kind: str

    @property
    def correct(self) -> bool:
        if self.got is None:
            return False
        if len(self.gold) > 1:  # "both sides": every party, in any order
            got = self.got.split(" & ")
            return len(got) == len(self.gold) and all(any(names_match(g, x) for x in got) for g in self.gold)
        return any(names_match(g, self.got) for g in self.gold)


def read_cases(path: Path = COREF_FILE) -> list[dict]:
    """The test set: one JSON object per line (``id``, ``text``, ``anaphors``)."""
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def _span(doc, phrase: str, occurrence: int = 1):
    found = [m for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", doc.text)]
    if len(found) < occurrence:
        raise ValueError(f"{phrase!r} not found {occurrence} time(s) in {doc.text!r}")
    m = found[occurrence - 1]
    return doc.char_span(m.start(), m.end(), alignment_mode="expand")


def run(*, path: Path = COREF_FILE, model: str | None = None) -> dict:
    """Resolve every anaphor of the test set; returns the cases and the figures."""
    from kg.dictionaries import default_dictionary
    from kg.extract.coref import Antecedents
    from kg.extract.relations import sentences
    from kg.nlp import load_pipeline
    from kg.resolve import resolve_mention

    nlp = load_pipeline(model)
    book = default_dictionary()
    items = read_cases(path)
    started = time.perf_counter()
    cases: list[Case] = []
    for item, doc in zip(items, nlp.pipe(i["text"] for i in items), strict=True):
        index = [-1] * len(doc)
        for n, seg in enumerate(sentences(doc)):
            for i in range(seg.start, seg.end):
                index[i] = n
        antecedents = Antecedents(doc, offset=0, sentence_of=lambda i, index=index: index[i])
        for anaphor in item["anaphors"]:
            span = _span(doc, anaphor["text"], anaphor.get("occurrence", 1))
            head = span[-1]
            kind = "pronoun" if head.pos_ == "PRON" else "description"
            pair = antecedents.both(head) if kind == "description" else []
            if pair:
                got = " & ".join(resolve_mention(a.mention, dictionary=book).label for a in pair)
            else:
                arg = antecedents.resolve(head) if kind == "pronoun" else antecedents.describe(head)
                got = resolve_mention(arg.mention, dictionary=book).label if arg is not None else None
            gold = anaphor["antecedent"]
            gold = tuple(gold) if isinstance(gold, list) else ((gold,) if gold else ())
            cases.append(Case(item["id"], item["text"], anaphor["text"], gold, got, kind))
    seconds = time.perf_counter() - started
    return {"benchmark": "coref", "cases": cases, "seconds": seconds, **figures(cases)}


def figures(cases: list[Case]) -> dict[str, float]:
    """Precision, recall and F1 over all cases, and recall per kind."""
    answered = [c for c in cases if c.got is not None]
    with_gold = [c for c in cases if c.gold]
    correct = sum(c.correct for c in cases)
    p, r = ratio(correct, len(answered)), ratio(correct, len(with_gold))
    out = {"P": p, "R": r, "F1": f1(p, r)}
    for kind in ("pronoun", "description"):
        subset = [c for c in with_gold if c.kind == kind]
        out[f"R_{kind}"] = ratio(sum(c.correct for c in subset), len(subset))
    return out


def summary(out: dict) -> dict[str, float]:
    return {k: out[k] for k in ("P", "R", "F1")}


def report(out: dict) -> str:
    cases: list[Case] = out["cases"]
    rows = []
    for kind in ("pronoun", "description"):
        subset = [c for c in cases if c.kind == kind]
        answered = [c for c in subset if c.got is not None]
        gold = [c for c in subset if c.gold]
        ok = sum(c.correct for c in subset)
        p, r = ratio(ok, len(answered)), ratio(ok, len(gold))
        rows.append([kind, len(subset), len(gold), len(answered), ok, p, r, f1(p, r)])
    ok = sum(c.correct for c in cases)
    rows.append(["all", len(cases), sum(1 for c in cases if c.gold), sum(1 for c in cases if c.got), ok,
                 out["P"], out["R"], out["F1"]])
    return "\n".join([
        f"Coreference: {len(cases)} anaphors in {len({c.doc for c in cases})} snippets, {out['seconds']:.1f}s",
        table(rows, ["anaphors", "n", "with antecedent", "answered", "correct", "P", "R", "F1"]),
    ])


def errors(out: dict) -> str:
    lines = []
    for c in out["cases"]:
        if c.correct or (not c.gold and c.got is None):
            continue
        lines.append(f"{c.doc} {c.anaphor!r}: gold {' / '.join(c.gold) or None} got {c.got}\n    {c.text}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    ap.add_argument("--show-errors", action="store_true", help="print the wrong and missing answers")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    out = run(model=args.model)
    if args.json:
        print(json.dumps({k: round(v, 4) for k, v in figures(out["cases"]).items()}))
    else:
        print(report(out))
        print(f"model {model_description(args.model)}; {machine_description()}")
    if args.show_errors:
        print(errors(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
