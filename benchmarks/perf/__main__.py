"""Run the performance benchmarks of issue #7 and print their figures.

    python -m benchmarks.perf                 # everything (~45 min on 2 cores; graphs cached in --work)
    python -m benchmarks.perf --quick         # small sizes (~8 min), to check the scripts run
    python -m benchmarks.perf e2e sparql      # some of: e2e load sparql analytics
    python -m benchmarks.perf.e2e --help      # each part has its own options

Parts:
  e2e        kg build words/s as a ratio of plain nlp.pipe (same model, batch size, processes, corpus),
             2-process scaling against nlp.pipe(n_process=2)'s own, CPU by stage
  reextract  kg build --keep-parses, then --reextract: re-extraction time without a parse
  load       store load rate (triples/s), memory of kg build while streaming a corpus, memory of the store side
  sparql     query latency on SYNTHETIC graphs of 100k, 1M, 5M triples, Oxigraph vs rdflib in memory
  analytics  projection, PageRank, communities on SYNTHETIC actor graphs of ~1k, 10k, 100k nodes
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

PARTS = ("e2e", "reextract", "load", "sparql", "analytics")


def machine() -> str:
    import pyoxigraph
    import spacy

    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / (1 << 30):.0f} GB RAM"
    except ImportError:
        mem = "RAM unknown"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("?",)
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), {mem}; "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}, pyoxigraph {pyoxigraph.__version__}; "
            f"load average at start {load[0]:.2f}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.perf", description=__doc__.splitlines()[0])
    ap.add_argument("parts", nargs="*", choices=[*PARTS, []], default=[])
    ap.add_argument("--quick", action="store_true", help="small sizes: checks the scripts, not figures to quote")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "kg-perf-bench",
                    help="where generated graphs are kept between runs")
    args = ap.parse_args(argv)
    parts = args.parts or list(PARTS)
    print(f"# machine: {machine()}")
    print(f"# started {time.strftime('%Y-%m-%d %H:%M:%S')}; work folder {args.work}", flush=True)
    q = args.quick
    for part in parts:
        t = time.perf_counter()
        print(f"\n# ===== {part} =====", flush=True)
        if part == "e2e":
            from benchmarks.perf import e2e

            e2e.main(["--words", "20000", "--rounds", "1"] if q else [])
        elif part == "reextract":
            from benchmarks.perf import reextract

            reextract.main(["--words", "10000"] if q else [])
        elif part == "load":
            from benchmarks.perf import load

            load.main(["--load-docs", "500", "--words", "10000", "--writer-docs", "2000"] if q else [])
        elif part == "sparql":
            from benchmarks.perf import sparql

            sparql.main((["--sizes", "100k", "--rdflib-sizes", "100k", "--runs", "2"] if q else [])
                        + ["--work", str(args.work)])
        elif part == "analytics":
            from benchmarks.perf import analytics

            analytics.main((["--sizes", "1k"] if q else []) + ["--work", str(args.work)])
        print(f"# {part} took {time.perf_counter() - t:.0f} s", flush=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
