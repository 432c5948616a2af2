"""Actor-relation quality on our own gold set (``benchmarks/gold/gold.jsonl``).

Runs the pipeline (actors mode, each gold line one document with its
``published`` date) and scores with :mod:`benchmarks.quality.gold_scorer`: relation
P/R/F1 (micro; lenient and exact predicate), attribute accuracy over matched
pairs, per-phenomenon recall and the no-relation sentences.

    python benchmarks/quality/gold.py [--show-errors] [--limit N] [--gold FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.quality import gold_scorer as G  # noqa: E402
from benchmarks.quality.common import (  # noqa: E402
    GOLD_FILE, Extractor, machine_description, model_description, pipeline_extractor, table,
)


def run(limit: int | None = None, *, gold_file: Path | None = None, extractor: Extractor | None = None,
        model: str | None = None, ids: set[str] | None = None) -> dict:
    """Extract and score; returns the figures and the :class:`~gold_scorer.GoldResult`."""
    gold = G.read_gold(gold_file or GOLD_FILE)
    if ids:
        gold = [s for s in gold if s.id in ids]
    if limit:
        gold = gold[:limit]
    failures: list = []
    extractor = extractor or pipeline_extractor(mode="actors", model=model, failures=failures)
    started = time.perf_counter()
    items = [(s.id, s.text, dt.date.fromisoformat(s.published) if s.published else None) for s in gold]
    predicted = {doc_id: [G.from_relation(r) for r in rels] for doc_id, rels in extractor(items)}
    seconds = time.perf_counter() - started
    result = G.score(gold, predicted)
    return {"benchmark": "gold", "result": result, "seconds": seconds, "failures": [str(f) for f in failures]}


def summary(out: dict) -> dict[str, float]:
    r: G.GoldResult = out["result"]
    ok, n = r.no_relation
    return {"P": r.lenient.precision, "R": r.lenient.recall, "F1": r.lenient.f1, "F1_exact_predicate": r.exact.f1,
            "no_relation_clean": ok / n if n else 0.0}


def report(out: dict) -> str:
    r: G.GoldResult = out["result"]
    rows = [[name, prf.tp, prf.fp, prf.fn, prf.precision, prf.recall, prf.f1]
            for name, prf in (("lenient predicate", r.lenient), ("exact predicate", r.exact))]
    lines = [
        f"Gold set: {r.sentences} sentences, {r.gold_relations} gold relations, {r.predicted_relations} extracted "
        f"in {out['seconds']:.1f}s",
        table(rows, ["relations", "TP", "FP", "FN", "P", "R", "F1"]),
        "",
        f"attributes over {r.lenient.tp} matched pairs:",
        table([[a, f"{ok}/{n}", ok / n if n else 0.0] for a, (ok, n) in r.attributes.items()],
              ["attribute", "correct", "accuracy"]),
        "",
        "recall per phenomenon (gold relations in sentences with the tag):",
        table([[t, f"{m}/{n}", m / n if n else 0.0] for t, (m, n) in sorted(r.phenomena.items(), key=lambda kv: -kv[1][1])],
              ["phenomenon", "matched", "recall"]),
        "",
        f"no-relation sentences with no output: {r.no_relation[0]}/{r.no_relation[1]} "
        f"({r.no_relation[0] / r.no_relation[1] if r.no_relation[1] else 0:.3f}); "
        f"false positives there: {r.no_relation_fp}",
    ]
    if out["failures"]:
        lines.append(f"{len(out['failures'])} documents failed, e.g. {out['failures'][0]}")
    return "\n".join(lines)


def errors(out: dict) -> str:
    """Misses (with a diagnosis), false positives and wrong attributes, sentence by sentence."""
    r: G.GoldResult = out["result"]
    lines = ["", "error kinds:", table(sorted(G.error_kinds(r).items(), key=lambda kv: -kv[1]), ["kind", "count"])]
    for d in r.details:
        matched_g = {p.gold: p for p in d["pairs"]}
        matched_p = {p.pred for p in d["pairs"]}
        out_lines = []
        for i, g in enumerate(d["gold"]):
            if i not in matched_g:
                out_lines.append(f"  MISS  {g.short()}\n        why: {G.diagnose(g, d['pred'])}")
        for j, p in enumerate(d["pred"]):
            if j not in matched_p:
                out_lines.append(f"  FP    {p.short()}")
        for i, pair in matched_g.items():
            g, p = d["gold"][i], d["pred"][pair.pred]
            wrong = [f"{a}: gold {getattr(g, a)!r} got {getattr(p, a)!r}" for a in G.ATTRIBUTES if not G.attribute_ok(a, g, p)]
            if wrong or pair.predicate != "exact":
                note = "" if pair.predicate == "exact" else f" [lenient predicate: gold {g.predicate!r} got {p.predicate!r}]"
                out_lines.append(f"  ATTR  {g.subject} --{g.predicate}--> {g.object}: {'; '.join(wrong) or 'ok'}{note}")
        if out_lines:
            lines.append(f"\n{d['id']} [{', '.join(d['phenomena'])}] {d['text']}")
            lines.extend(out_lines)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, help=f"gold JSONL (default {GOLD_FILE})")
    ap.add_argument("--limit", type=int, help="only the first N sentences")
    ap.add_argument("--id", action="append", help="only these sentence ids (repeatable)")
    ap.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    ap.add_argument("--show-errors", action="store_true", help="print misses, false positives and wrong attributes")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    out = run(args.limit, gold_file=args.gold, model=args.model, ids=set(args.id) if args.id else None)
    if args.json:
        r: G.GoldResult = out["result"]
        print(json.dumps({**summary(out), "attributes": {a: r.accuracy(a) for a in G.ATTRIBUTES},
                          "phenomena": {t: m / n for t, (m, n) in r.phenomena.items() if n},
                          "seconds": round(out["seconds"], 2)}))
    else:
        print(report(out))
        print(f"model {model_description(args.model)}; {machine_description()}")
    if args.show_errors:
        print(errors(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
