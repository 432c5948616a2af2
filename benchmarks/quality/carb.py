"""Open IE quality on the CaRB dev set (641 sentences, 2,548 gold tuples).

Runs ``kg`` in open mode (every clause, arguments as full phrases, the relation
phrase as written) over ``../shared/data/carb_dev/dev_sentences.txt``, one document
per sentence, batched through :func:`kg.pipeline.extract_documents`, and scores the
tuples with :mod:`benchmarks.quality.carb_scorer`.

    python benchmarks/quality/carb.py [--limit N] [--show-errors K] [--out system.tsv]

Reference F1 on CaRB *test* (Bhardwaj et al. 2019; Kolluru et al. 2020): ClausIE 0.45,
OpenIE-4 0.49, OpenIE6 0.53. This is the dev set, which is not the same sample.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.quality import carb_scorer as S  # noqa: E402
from benchmarks.quality.common import (  # noqa: E402
    Extractor, machine_description, model_description, pipeline_extractor, shared_data_dir, table,
)

REFERENCE_TEST_F1 = {"ClausIE": 0.45, "OpenIE-4": 0.49, "OpenIE6": 0.53}


def relation_tuple(rel) -> S.Tuple:
    """A ``kg.records.Relation`` (open mode) as a CaRB tuple: relation phrase as written, full phrases."""
    return S.Tuple(rel.predicate_text or rel.predicate, (rel.subject.text, rel.object.text), float(rel.confidence))


def load(data_dir: Path, limit: int | None = None) -> tuple[list[str], dict[str, list[S.Tuple]]]:
    """The dev sentences (first ``limit``) and their gold tuples keyed by sentence key."""
    folder = data_dir / "carb_dev"
    sentences = [line.rstrip("\n") for line in open(folder / "dev_sentences.txt", encoding="utf-8") if line.strip()]
    if limit:
        sentences = sentences[:limit]
    gold_all = S.read_gold(folder / "dev_gold.tsv")
    keys = {S.sentence_key(s) for s in sentences}
    return sentences, {k: v for k, v in gold_all.items() if k in keys}


def run(limit: int | None = None, *, data_dir: Path | None = None, extractor: Extractor | None = None,
        model: str | None = None, normalize: bool = True) -> dict:
    """Extract and score; returns the figures and the tuples (for error listings)."""
    data_dir = shared_data_dir(data_dir)
    sentences, gold = load(data_dir, limit)
    failures: list = []
    extractor = extractor or pipeline_extractor(mode="open", model=model, failures=failures)
    started = time.perf_counter()
    predicted: dict[str, list[S.Tuple]] = {}
    ids = {f"carb-{i:03d}": s for i, s in enumerate(sentences)}
    for doc_id, rels in extractor((doc_id, text, None) for doc_id, text in ids.items()):
        predicted.setdefault(S.sentence_key(ids[doc_id]), []).extend(relation_tuple(r) for r in rels)
    seconds = time.perf_counter() - started
    result = S.score(gold, predicted, normalize=normalize)
    return {
        "benchmark": "carb-dev", "sentences": len(sentences), "gold_tuples": result.gold_tuples,
        "predicted_tuples": result.predicted_tuples, "seconds": seconds, "failures": [str(f) for f in failures],
        "best": result.best, "all": result.all, "auc": result.auc, "thresholds": len(result.curve),
        "result": result, "sentence_list": sentences, "gold": gold, "predicted": predicted,
    }


def summary(out: dict) -> dict[str, float]:
    """The headline figures (for the summary table)."""
    return {"P": out["all"].precision, "R": out["all"].recall, "F1": out["all"].f1,
            "best_F1": out["best"].f1, "AUC": out["auc"]}


def report(out: dict) -> str:
    best, every = out["best"], out["all"]
    rows = [
        ["all extractions", every.threshold, every.precision, every.recall, every.f1],
        ["best-F1 threshold", best.threshold, best.precision, best.recall, best.f1],
    ]
    lines = [
        f"CaRB dev: {out['sentences']} sentences ({out['result'].sentences} with gold tuples), {out['gold_tuples']} gold tuples, "
        f"{out['predicted_tuples']} extracted tuples, {out['thresholds']} confidence level(s)",
        table(rows, ["point", "confidence>=", "P", "R", "F1"]),
        f"AUC {out['auc']:.3f}   elapsed {out['seconds']:.1f}s ({out['sentences'] / max(out['seconds'], 1e-9):.1f} sentences/s)",
        "reference F1 on CaRB test (not dev): " + ", ".join(f"{k} {v:.2f}" for k, v in REFERENCE_TEST_F1.items()),
    ]
    if out["failures"]:
        lines.append(f"{len(out['failures'])} documents failed, e.g. {out['failures'][0]}")
    return "\n".join(lines)


def errors(out: dict, k: int = 20) -> str:
    """The ``k`` sentences with the lowest recall: their gold and system tuples."""
    res: S.CarbResult = out["result"]
    by_key = {S.sentence_key(s): s for s in out["sentence_list"]}
    worst = sorted(res.per_sentence.items(), key=lambda kv: (kv[1][1] / max(kv[1][3], 1), -kv[1][3]))[:k]
    lines = []
    for key, (pn, rn, n_sys, n_gold) in worst:
        lines.append(f"\n# recall {rn / max(n_gold, 1):.2f} precision {pn / n_sys if n_sys else 1:.2f}: {by_key.get(key, key)}")
        for t in out["gold"].get(key, []):
            lines.append(f"  gold: ({t.args[0] if t.args else ''} | {t.relation} | {' ; '.join(t.args[1:])})")
        for t in out["predicted"].get(key, []):
            lines.append(f"  sys : ({t.args[0]} | {t.relation} | {' ; '.join(t.args[1:])})  [{t.confidence:.2f}]")
    return "\n".join(lines)


_BE_HAVE = frozenset({"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "'s"})
_PASSIVE = re.compile(r"\b(is|are|was|were|be|been|being)\s+(\w+\s+)?\w+(ed|en|wn|ne|lt|pt|ght)\b")


def gold_kind(t: S.Tuple) -> str:
    """A rough class of a gold tuple, for the recall breakdown."""
    words = t.relation.lower().split()
    if len(t.args) > 2:
        kind = "n-ary (3+ arguments)"
    elif words and words[0] in _BE_HAVE and not _PASSIVE.search(t.relation.lower()):
        kind = "be/have (noun-mediated)"
    elif _PASSIVE.search(t.relation.lower()):
        kind = "passive verb"
    else:
        kind = "active verb"
    return kind


def breakdown(out: dict) -> str:
    """Recall by kind of gold tuple (best system tuple per gold, all extractions) and empty sentences."""
    sums: dict[str, list[float]] = {}
    empty = 0
    for key, gold_tuples in out["gold"].items():
        preds = out["predicted"].get(key, [])
        empty += not preds
        for g in gold_tuples:
            best = max((S.pair_score(g, p)[1] for p in preds), default=0.0)
            row = sums.setdefault(gold_kind(g), [0.0, 0])
            row[0] += best
            row[1] += 1
    rows = [[k, n, s / n] for k, (s, n) in sorted(sums.items(), key=lambda kv: -kv[1][1])]
    return ("recall by kind of gold tuple:\n" + table(rows, ["gold tuple kind", "tuples", "recall"])
            + f"\nsentences with no extraction: {empty}/{len(out['gold'])}")


def write_system(out: dict, path: Path) -> None:
    """System tuples in the official scorer's tabbed format (sentence, confidence, relation, args)."""
    by_key = {S.sentence_key(s): s for s in out["sentence_list"]}
    with open(path, "w", encoding="utf-8") as f:
        for key, tuples in out["predicted"].items():
            for t in tuples:
                f.write("\t".join([by_key[key], f"{t.confidence:.4f}", t.relation, *t.args]) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N sentences")
    ap.add_argument("--data", type=Path, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    ap.add_argument("--no-normalize", action="store_true", help="compare raw tokens, like the reference code")
    ap.add_argument("--show-errors", type=int, nargs="?", const=20, default=0, metavar="K",
                    help="print the K sentences with the lowest recall (default 20)")
    ap.add_argument("--out", type=Path, help="write system tuples in CaRB's tabbed format")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    out = run(args.limit, data_dir=args.data, model=args.model, normalize=not args.no_normalize)
    if args.out:
        write_system(out, args.out)
    if args.json:
        print(json.dumps({**summary(out), "sentences": out["sentences"], "gold_tuples": out["gold_tuples"],
                          "predicted_tuples": out["predicted_tuples"], "seconds": round(out["seconds"], 2)}))
    else:
        print(report(out))
        print(f"model {model_description(args.model)}; {machine_description()}")
    if args.show_errors:
        print(breakdown(out))
        print(errors(out, args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
