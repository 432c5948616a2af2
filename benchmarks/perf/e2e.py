"""End to end: ``kg build`` words/second as a ratio of plain ``nlp.pipe``, and 2-process scaling.

Both sides use the same model, batch size, process count and corpus, in the same
run, interleaved round by round so that a noisy machine slows both alike:

* ``nlp.pipe(texts, batch_size=B, n_process=P)`` consuming every Doc;
* ``kg.pipeline.build([corpus.jsonl], store=fresh, settings(batch_size=B, processes=P))``:
  ingest, parse, extract, resolve, N-Quads, store (with the dyad roll-up).
  With ``--processes 1`` a build parses in one worker process while the main one
  extracts, converts and writes (``parse_ahead``, the default on two or more
  cores); the row ``1 inline`` is the same build with ``parse_ahead`` off, all in
  one process, for comparison (``--no-inline`` skips it).

The baseline is the stock pipeline (``spacy.load(model)`` without the components
no one uses: senter, textcat...); ``kg build`` runs its own copy, whose
attribute ruler is table-driven (:mod:`kg.nlp.ruler`, same annotations). The model
is loaded once in this process before timing (both sides then fork
their workers from it), so neither side pays the model load. Figures: the ratio
of median rates and of best rates, and the CPU-time ratio (all threads and
workers), which a busy machine disturbs least. Then where the time of a
one-process build goes (CPU seconds by stage) and a cold ``kg build`` from the
shell for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.perf.corpus import ROOT, word_count, write_jsonl


def _cpu_split() -> tuple[float, float]:
    """CPU seconds of this process (all threads) and of its finished children."""
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime, b.ru_utime + b.ru_stime


def _cpu() -> float:
    return sum(_cpu_split())


def _timed(fn) -> tuple[float, float]:
    c, t = _cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - t, _cpu() - c


def stage_profile(corpus: Path, work: Path, settings) -> dict[str, float]:
    """CPU seconds by stage of a one-process build (timers around each stage; the writer thread on its own)."""
    import kg.pipeline as kp
    import kg.pipeline.documents as kd
    import kg.pipeline.task as kt
    from kg.rdf.store import Store

    acc = {"parse": 0.0, "extract": 0.0, "resolve": 0.0, "convert": 0.0,
           "store writes (writer thread)": 0.0, "  of which the dyad roll-up": 0.0}
    lock = threading.Lock()
    saved = (kt.parse, kd.extract_relations, kd.resolve_document, kt.convert, Store.add_nquads, Store.update)

    def parse(*a, **k):
        gen = saved[0](*a, **k)
        while True:
            t = time.thread_time()
            try:
                item = next(gen)
            except StopIteration:
                acc["parse"] += time.thread_time() - t
                return
            acc["parse"] += time.thread_time() - t
            yield item

    def wrap(key, fn):
        def inner(*a, **k):
            t = time.thread_time()
            try:
                return fn(*a, **k)
            finally:
                with lock:
                    acc[key] += time.thread_time() - t
        return inner

    from kg.rdf import dyads

    saved_write = dyads.DyadUpdater.write
    kt.parse, kd.extract_relations = parse, wrap("extract", saved[1])
    kd.resolve_document, kt.convert = wrap("resolve", saved[2]), wrap("convert", saved[3])
    Store.add_nquads = wrap("store writes (writer thread)", saved[4])
    Store.update = wrap("store writes (writer thread)", saved[5])
    dyads.DyadUpdater.write = wrap("  of which the dyad roll-up", saved_write)
    try:
        store = work / "profile-store"
        shutil.rmtree(store, ignore_errors=True)
        t0 = time.thread_time()
        wall = time.perf_counter()
        kp.build([corpus], store=store, settings=settings)
        main = time.thread_time() - t0
        wall = time.perf_counter() - wall
    finally:
        kt.parse, kd.extract_relations, kd.resolve_document, kt.convert, Store.add_nquads, Store.update = saved
        dyads.DyadUpdater.write = saved_write
    named = sum(v for k, v in acc.items() if k in ("parse", "extract", "resolve", "convert"))
    acc["other (ingest, labels, chunking)"] = max(0.0, main - named)
    acc["main thread total"] = main
    acc["wall"] = wall
    return acc


def cprofile_build(corpus: Path, work: Path, settings, top: int) -> str:
    """A one-process build under cProfile: the costliest functions by own time, and the
    cumulative time of the extraction's entry points (profiling slows Python code, not spaCy's C)."""
    import cProfile
    import io
    import pstats

    from kg import pipeline

    store = work / "cprofile-store"
    shutil.rmtree(store, ignore_errors=True)
    prof = cProfile.Profile()
    prof.enable()
    pipeline.build([corpus], store=store, settings=settings)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"(pipe|extract_relations|_relations|Antecedents|mention_of|"
                                                r"resolve_document|convert|nquads_batch|document_quads)\b")
    text = buf.getvalue()
    print(f"\n## cProfile of a one-process build (own time, then the stages' cumulative time)\n{text}")
    return text


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=100_000, help="corpus size (default 100k words)")
    ap.add_argument("--corpus", choices=("sample", "carb"), default="sample",
                    help="sample: SYNTHETIC, paragraphs of examples/articles reshuffled; carb: real CaRB dev sentences")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--no-cold", action="store_true")
    ap.add_argument("--no-inline", action="store_true",
                    help="do not also time --processes 1 with parse_ahead off (the whole build in one process)")
    ap.add_argument("--cprofile", type=int, default=0, metavar="N",
                    help="also profile a one-process build with cProfile and print its N costliest functions")
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args(argv)

    from kg import pipeline
    from kg.config import load_settings
    from kg.nlp import default_model, load_pipeline

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-e2e-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / f"corpus-{args.corpus}-{args.words}.jsonl"
    docs, words = write_jsonl(corpus, args.corpus, args.words)
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert sum(word_count(t) for t in texts) == words
    procs = [int(p) for p in args.processes.split(",")]
    base = load_settings(batch_size=args.batch_size)
    load_pipeline(base.model)  # kg's own copy (its table attribute ruler) for the builds
    import spacy

    from kg.nlp import _UNUSED

    nlp = spacy.load(base.model or default_model(), exclude=list(_UNUSED))  # plain spaCy: the baseline
    print(f"# corpus: {docs} documents, {words:,} words ({args.corpus}: "
          f"{'SYNTHETIC for size: sample paragraphs reshuffled' if args.corpus == 'sample' else 'real CaRB dev sentences'})")
    print(f"# model {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}, components {nlp.pipe_names}, "
          f"batch size {args.batch_size}, {os.cpu_count()} CPUs")
    # warm-up: lazy tables of the extraction and the dictionaries load here, before any fork
    warm = work / "warm.jsonl"
    write_jsonl(warm, args.corpus, 1500)
    shutil.rmtree(work / "warm-store", ignore_errors=True)
    pipeline.build([warm], store=work / "warm-store", settings=base)
    list(nlp.pipe(texts[:8], batch_size=args.batch_size))

    variants: list[tuple[str, int, object]] = []  # (label, processes of the nlp.pipe it is compared with, settings)
    for p in procs:
        variants.append((str(p), p, base.with_(processes=p)))
        if p == 1 and not args.no_inline:
            variants.append(("1 inline", 1, base.with_(processes=1, parse_ahead=False)))
    runs: dict[str, dict[str, list]] = {label: {"pipe": [], "build": [], "pipe_cpu": [], "build_cpu": [],
                                                "build_main_cpu": []} for label, _, _ in variants}
    for r in range(args.rounds):
        for p in procs:
            wall, cpu = _timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=args.batch_size, n_process=p)))
            for label, q, settings in variants:
                if q != p:
                    continue
                runs[label]["pipe"].append(words / wall)
                runs[label]["pipe_cpu"].append(cpu)
                store = work / f"store-{label.replace(' ', '-')}"
                shutil.rmtree(store, ignore_errors=True)
                own = _cpu_split()[0]
                wall2, cpu2 = _timed(lambda: pipeline.build([corpus], store=store, settings=settings))
                runs[label]["build_main_cpu"].append(_cpu_split()[0] - own)
                runs[label]["build"].append(words / wall2)
                runs[label]["build_cpu"].append(cpu2)
                print(f"  round {r + 1} processes {label}: nlp.pipe {words / wall:,.0f} w/s, kg build "
                      f"{words / wall2:,.0f} w/s (ratio {wall / wall2:.2f})", flush=True)

    out: dict = {"documents": docs, "words": words, "corpus": args.corpus, "batch_size": args.batch_size}
    print(f"\n## kg build vs plain nlp.pipe ({words:,} words, {args.rounds} rounds, interleaved)")
    print(f"{'processes':>9} {'nlp.pipe w/s':>13} {'kg build w/s':>13} {'ratio (median)':>15} {'ratio (best)':>13} "
          f"{'ratio (CPU)':>12}")
    for label, _, _ in variants:
        pr, br = runs[label]["pipe"], runs[label]["build"]
        med = statistics.median(br) / statistics.median(pr)
        best = max(br) / max(pr)
        cpu = statistics.median(runs[label]["pipe_cpu"]) / statistics.median(runs[label]["build_cpu"])
        out[label] = {"pipe": statistics.median(pr), "build": statistics.median(br), "ratio": med, "ratio_best": best,
                      "ratio_cpu": cpu}
        print(f"{label:>9} {statistics.median(pr):>13,.0f} {statistics.median(br):>13,.0f} {med:>15.2f} {best:>13.2f} "
              f"{cpu:>12.2f}")
    if "1 inline" in runs:
        print("(1: the default, one worker process parses ahead while the main one extracts, converts and writes; "
              "1 inline: parse_ahead off, the whole build in one process)")
    for label, p, _ in variants:
        if p > 1 or label == "1":
            main_cpu = statistics.median(runs[label]["build_main_cpu"])
            workers = statistics.median(runs[label]["build_cpu"]) - main_cpu
            out[label]["main_cpu"], out[label]["workers_cpu"] = main_cpu, workers
            print(f"kg build --processes {label}: {main_cpu:.1f} s CPU in the main process against {workers:.1f} s "
                  f"in the worker processes")
            if label == "1" and workers:  # parse ahead: the worker parses, the main process does the rest beside it
                floor = statistics.median(runs[label]["pipe_cpu"]) / workers
                out[label]["ratio_worker_cpu"] = floor
                print(f"  nlp.pipe's CPU / the parse worker's CPU = {floor:.2f}: the ratio a build reaches when the "
                      f"main process has a core of its own (its {main_cpu:.1f} s beside the worker's {workers:.1f} s)")
    if "1" in runs and "2" in runs:
        print(f"\n## scaling, 2 processes vs 1 (median of per-round gains)")
        sp = [b / a for a, b in zip(runs["1"]["pipe"], runs["2"]["pipe"])]
        gp = statistics.median(sp)
        out["scaling"] = {"pipe": gp}
        for one in ("1", "1 inline"):
            if one in runs:
                sb = [b / a for a, b in zip(runs[one]["build"], runs["2"]["build"])]
                gb = statistics.median(sb)
                out["scaling"][one] = gb
                print(f"nlp.pipe(n_process=2) gains x{gp:.2f}; kg build --processes 2 gains x{gb:.2f} over "
                      f"--processes {one}")

    if not args.no_profile:
        prof = stage_profile(corpus, work, base.with_(processes=1, parse_ahead=False))
        out["profile"] = prof
        parse = prof["parse"] or 1.0
        print(f"\n## where a one-process build's CPU goes (timers per stage, {words:,} words)")
        for key, value in prof.items():
            if key == "wall":
                continue
            print(f"{key:<36} {value:8.1f} s  {value / parse * 100:6.0f}% of parse")
        print(f"{'wall':<36} {prof['wall']:8.1f} s")

    if args.cprofile:
        out["cprofile"] = cprofile_build(corpus, work, base.with_(processes=1, parse_ahead=False), args.cprofile)

    if not args.no_cold:
        store = work / "cold-store"
        shutil.rmtree(store, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "--quiet", "build", str(corpus), "--store", str(store),
                        "--batch-size", str(args.batch_size)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        cold = time.perf_counter() - t
        out["cold"] = words / cold
        print(f"\n## cold `kg build` from the shell (Python start, imports, model load included): "
              f"{cold:.1f} s, {words / cold:,.0f} w/s")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return out


if __name__ == "__main__":
    main()
