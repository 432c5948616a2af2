"""Re-extraction from kept parses vs a fresh build: ``kg build --keep-parses`` then ``kg build --reextract``.

The corpus is SYNTHETIC for size (the sample articles' paragraphs reshuffled).
Timed in this process with the model loaded beforehand: a build keeping its
parses (the cost of keeping them: DocBin files), then a re-extraction of the
whole store (extraction, resolution, each document's graph replaced, the
roll-up recounted) with no parse.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.perf.corpus import write_jsonl


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000)
    ap.add_argument("--processes", type=int, default=1)
    args = ap.parse_args(argv)

    from kg import pipeline
    from kg.config import load_settings
    from kg.nlp import load_pipeline

    work = Path(tempfile.mkdtemp(prefix="kg-reextract-"))
    try:
        corpus = work / "corpus.jsonl"
        docs, words = write_jsonl(corpus, "sample", args.words)
        settings = load_settings(processes=args.processes)
        load_pipeline(settings.model)
        warm = work / "warm.jsonl"
        write_jsonl(warm, "sample", 1500)
        pipeline.build([warm], store=work / "warm", settings=settings)

        t = time.perf_counter()
        pipeline.build([corpus], store=work / "plain", settings=settings)
        plain = time.perf_counter() - t
        t = time.perf_counter()
        pipeline.build([corpus], store=work / "kept", settings=settings, keep_parses=True)
        kept = time.perf_counter() - t
        parses = _du(work / "kept" / "parses")
        t = time.perf_counter()
        report = pipeline.reextract(work / "kept", settings=settings)
        again = time.perf_counter() - t
        assert report.added == docs and not report.failures
    finally:
        shutil.rmtree(work, ignore_errors=True)
    mb = 1 << 20
    print(f"\n## re-extraction from kept parses ({docs} documents, {words:,} words, --processes {args.processes})")
    print(f"build                         {plain:7.1f} s")
    print(f"build --keep-parses           {kept:7.1f} s  (+{(kept / plain - 1) * 100:.0f}%; parses take "
          f"{parses / mb:.0f} MB, {parses / words * 1000 / 1024:.1f} KB per 1k words)")
    print(f"build --reextract             {again:7.1f} s  ({plain / again:.1f}x faster than the build: no parse)")
    return {"build": plain, "keep": kept, "reextract": again, "parses_bytes": parses, "words": words}


if __name__ == "__main__":
    main()
