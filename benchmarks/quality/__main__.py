"""Run the quality benchmarks (gold set, CaRB, PETRARCH-2, coreference) and print a summary table.

    python -m benchmarks.quality [--carb-limit N] [--model NAME] [--json]
    python benchmarks/quality            # the same

Each benchmark also runs standalone (``python benchmarks/quality/carb.py`` ...).
A benchmark that fails (no data, extractor error) is reported and the others go on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.quality import carb, coref, gold, petrarch  # noqa: E402
from benchmarks.quality.common import machine_description, model_description, table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run the gold-set, CaRB, PETRARCH-2 and coreference quality benchmarks.")
    ap.add_argument("--carb-limit", type=int, help="only the first N CaRB dev sentences")
    ap.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    ap.add_argument("--data", type=Path, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--quiet", action="store_true", help="only the summary table")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    results: dict[str, dict] = {}
    rows = []
    jobs = [
        ("gold", "own gold set", lambda: gold.run(model=args.model), gold),
        ("carb", "CaRB dev (Open IE)", lambda: carb.run(args.carb_limit, data_dir=args.data, model=args.model), carb),
        ("petrarch", "PETRARCH-2 records", lambda: petrarch.run(data_dir=args.data, model=args.model), petrarch),
        ("coref", "coreference test set", lambda: coref.run(model=args.model), coref),
    ]
    for key, title, job, module in jobs:
        try:
            out = job()
        except Exception as exc:  # report and go on
            results[key] = {"error": f"{exc.__class__.__name__}: {exc}"}
            rows.append([title, "FAILED", f"{exc.__class__.__name__}: {str(exc)[:80]}", ""])
            if not args.quiet:
                traceback.print_exc()
            continue
        figures = module.summary(out)
        results[key] = {**figures, "seconds": round(out["seconds"], 2)}
        if not args.quiet and not args.json:
            print(f"== {title} ==")
            print(module.report(out))
            print()
        rows.append([title, "  ".join(f"{k} {v:.3f}" for k, v in figures.items()), f"{out['seconds']:.1f}s", ""])
    total = time.perf_counter() - started
    if args.json:
        print(json.dumps({"results": results, "seconds": round(total, 2), "model": model_description(args.model),
                          "machine": machine_description()}))
        return 0
    print("== summary ==")
    print(table([r[:3] for r in rows], ["benchmark", "figures", "time"]))
    print(f"total {total:.1f}s; model {model_description(args.model)}; {machine_description()}")
    print("reference F1 on CaRB test (not dev): " + ", ".join(f"{k} {v:.2f}" for k, v in carb.REFERENCE_TEST_F1.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
