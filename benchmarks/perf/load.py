"""Store load rate (triples/second) and memory while streaming a corpus.

1. Load rate: the same SYNTHETIC quads (the real graph model, :mod:`benchmarks.perf.synth`
   records) written into fresh on-disk stores three ways, in batches of whole
   documents: N-Quads text in one transaction per batch (what ``kg build`` does),
   pyoxigraph term objects through ``extend()`` (the previous path), and
   ``bulk_load`` (no transactions; for reference). Store size on disk after each.
2. Memory of ``kg build``: a child process builds a corpus streamed from a
   JSONL file (SYNTHETIC for size: the sample articles' paragraphs reshuffled);
   the resident memory of its process tree (workers included) is sampled twice
   a second. Reported: peak, and growth per 100k words between the first fifth
   and the end (flat means ~0).
3. Memory of the store side alone at a larger scale (no parse): SYNTHETIC
   records for millions of triples streamed through the build's writer.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.perf.corpus import ROOT, write_jsonl


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _records(n_docs: int, seed: int = 3):
    """SYNTHETIC (Document, relations) records, as :mod:`benchmarks.perf.synth` makes them."""
    import datetime as dt
    import random

    from benchmarks.perf.synth import PREDICATES, TYPES, _mention, names
    from kg.records import Document, Modality, Provenance, Relation

    rng = random.Random(seed)
    people = names(5000, seed)
    for i in range(n_docs):
        doc_id = f"load-{i:07d}"
        rels, sentences, offset = [], [], 0
        for k in range(6):
            a, b = rng.sample(range(len(people)), 2)
            pred, code = rng.choice(PREDICATES)
            sentence = f"{people[a]} did {pred} {people[b]}, officials said in report {i}-{k}."
            sentences.append(sentence)
            rels.append(Relation(_mention(sentence, people[a], TYPES[a % 5], "USA"), pred,
                                 _mention(sentence, people[b], TYPES[b % 5], None),
                                 Provenance(doc_id, sentence, offset, offset + len(sentence), k),
                                 modality=Modality.ASSERTED, event_code=code, date=dt.date(2024, 5, 1 + k)))
            offset += len(sentence) + 1
        yield Document(id=doc_id, text=" ".join(sentences), title=f"Story {i}"), rels


def load_rates(work: Path, n_docs: int, batch: int = 64) -> dict:
    """Triples/second of the store write alone (payloads prepared beforehand), three ways."""
    import pyoxigraph as ox

    from kg.pipeline.task import convert
    from kg.rdf.convert import document_quads
    from kg.rdf.results import to_ox
    from kg.rdf.store import Store

    records = list(_records(n_docs))
    batches = [records[i : i + batch] for i in range(0, len(records), batch)]
    base = "https://w3id.org/newskg/id/"
    t = time.perf_counter()
    texts = [convert(b, base=base).nquads.encode("utf-8") for b in batches]
    convert_seconds = time.perf_counter() - t
    terms = [[ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for doc, rels in b
              for s, p, o, g in document_quads(doc, rels, base=base)] for b in batches]
    out: dict = {}
    for how in ("N-Quads, one transaction per batch (kg build)", "extend() of term objects (previous path)",
                "bulk_load (no transactions)"):
        path = work / f"load-{len(out)}"
        shutil.rmtree(path, ignore_errors=True)
        with Store.create(path) as st:
            start_size = len(st)
            t = time.perf_counter()
            for i in range(len(batches)):
                if how.startswith("N-Quads"):
                    st._store.load(texts[i], format=ox.RdfFormat.N_QUADS)
                elif how.startswith("extend"):
                    st._store.extend(terms[i])
                else:
                    st._store.bulk_load(texts[i], format=ox.RdfFormat.N_QUADS)
            st._store.flush()
            seconds = time.perf_counter() - t
            triples = len(st) - start_size
        wal = _du(path)
        Store.tidy(path)  # as kg build does after a large build: the write-ahead log goes
        out[how] = {"triples": triples, "seconds": seconds, "rate": triples / seconds, "bytes": _du(path),
                    "bytes_with_wal": wal}
        shutil.rmtree(path, ignore_errors=True)
    out["convert"] = {"seconds": convert_seconds, "rate": out[next(iter(out))]["triples"] / convert_seconds}
    return out


def _growth(samples: list[tuple[float, int]], seconds: float) -> tuple[float, float]:
    """RSS growth between the 30-40% and the 85-95% windows of the run, and the share of the run between them."""
    import statistics

    a = [r for t, r in samples if 0.30 * seconds <= t <= 0.40 * seconds] or [samples[0][1]]
    b = [r for t, r in samples if 0.85 * seconds <= t <= 0.95 * seconds] or [samples[-1][1]]
    return statistics.median(b) - statistics.median(a), 0.55


def _tree_rss(proc) -> int:
    try:
        rss = proc.memory_info().rss
        for child in proc.children(recursive=True):
            try:
                rss += child.memory_info().rss
            except Exception:  # noqa: BLE001 - a worker just ended
                pass
        return rss
    except Exception:  # noqa: BLE001
        return 0


def _sample(cmd: list[str], env: dict | None = None) -> tuple[float, list[tuple[float, int]]]:
    import psutil

    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    proc = psutil.Process(child.pid)
    samples = []
    while child.poll() is None:
        samples.append((time.perf_counter() - t0, _tree_rss(proc)))
        time.sleep(0.5)
    if child.returncode != 0:
        raise RuntimeError(child.stderr.read().decode() if child.stderr else "failed")
    return time.perf_counter() - t0, samples


def build_memory(work: Path, words: int, processes: int, batch_size: int) -> dict:
    corpus = work / f"mem-{words}.jsonl"
    if not corpus.exists():
        write_jsonl(corpus, "sample", words)
    store = work / f"mem-store-{processes}"
    shutil.rmtree(store, ignore_errors=True)
    seconds, samples = _sample([sys.executable, "-m", "kg", "--quiet", "build", str(corpus), "--store", str(store),
                                "--processes", str(processes), "--batch-size", str(batch_size)])
    shutil.rmtree(store, ignore_errors=True)
    peak = max(r for _, r in samples)
    # growth after start-up (imports, model load): a flat build stays put
    delta, share = _growth(samples, seconds)
    growth = delta / (words * share) * 100_000
    return {"words": words, "processes": processes, "seconds": seconds, "peak": peak, "growth_per_100k": growth,
            "quartiles": [samples[min(len(samples) - 1, int(len(samples) * q))][1] for q in (0.25, 0.5, 0.75, 1.0)]}


_WRITER_CHILD = r"""
import sys
from pathlib import Path
from benchmarks.perf.load import _records
from kg import pipeline
from kg.pipeline.task import convert
from kg.rdf.store import Store
from kg.pipeline.writer import StoreWriter
n = int(sys.argv[2])
report = pipeline.BuildReport(store=sys.argv[1])
batch = []
with Store.create(sys.argv[1]) as st:
    w = StoreWriter(st, report)
    for rec in _records(n):
        batch.append(rec)
        if len(batch) == 64:
            w.add(convert(batch, base=st.base_iri)); batch = []
    if batch:
        w.add(convert(batch, base=st.base_iri))
    w.close()
    print(len(st))
"""


def writer_memory(work: Path, n_docs: int) -> dict:
    store = work / "writer-store"
    shutil.rmtree(store, ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    seconds, samples = _sample([sys.executable, "-c", _WRITER_CHILD, str(store), str(n_docs)], env=env)
    from kg.rdf.store import Store

    with Store.open(store) as st:
        triples = len(st)
    shutil.rmtree(store, ignore_errors=True)
    delta, share = _growth(samples, seconds)
    growth = delta / max(1, triples * share) * 1_000_000
    return {"triples": triples, "seconds": seconds, "peak": max(r for _, r in samples),
            "growth_per_million": growth}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--load-docs", type=int, default=6000, help="SYNTHETIC documents for the load rate (~0.8M quads)")
    ap.add_argument("--words", type=int, default=300_000, help="corpus for the build's memory")
    ap.add_argument("--processes", default="1,2")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--writer-docs", type=int, default=25_000, help="SYNTHETIC documents through the writer (~3.5M quads)")
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-load-"))
    work.mkdir(parents=True, exist_ok=True)
    out: dict = {}
    mb = 1 << 20

    rates = load_rates(work, args.load_docs)
    out["load"] = rates
    print(f"\n## store load rate (SYNTHETIC records, {args.load_docs:,} documents, batches of 64 documents, on disk)")
    print(f"{'how':<48} {'triples':>9} {'seconds':>8} {'triples/s':>10} {'on disk MB':>11} {'with log MB':>12}")
    for how, r in rates.items():
        if how != "convert":
            print(f"{how:<48} {r['triples']:>9,} {r['seconds']:>8.1f} {r['rate']:>10,.0f} {r['bytes'] / mb:>11.0f} "
                  f"{r['bytes_with_wal'] / mb:>12.0f}")
    print(f"(store write alone, payloads made beforehand; making the N-Quads from records took "
          f"{rates['convert']['seconds']:.1f} s, {rates['convert']['rate']:,.0f} triples/s, in the workers)")

    for p in [int(x) for x in args.processes.split(",")]:
        m = build_memory(work, args.words, p, args.batch_size)
        out[f"memory-{p}"] = m
        print(f"\n## memory of `kg build --processes {p} --batch-size {args.batch_size}` on {args.words:,} words "
              f"(process tree RSS, sampled every 0.5 s)")
        print(f"peak {m['peak'] / mb:,.0f} MB; at 25/50/75/100% of the run: "
              f"{', '.join(f'{q / mb:,.0f}' for q in m['quartiles'])} MB; "
              f"growth {m['growth_per_100k'] / mb:+.0f} MB per 100k words after start-up ({m['seconds']:.0f} s)")

    if args.writer_docs:
        w = writer_memory(work, args.writer_docs)
        out["writer"] = w
        print(f"\n## memory of the store side alone (SYNTHETIC records streamed through the build's writer, no parse)")
        print(f"{w['triples']:,} triples in {w['seconds']:.0f} s: peak {w['peak'] / mb:,.0f} MB, "
              f"growth {w['growth_per_million'] / mb:+.0f} MB per million triples after start-up")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return out


if __name__ == "__main__":
    main()
