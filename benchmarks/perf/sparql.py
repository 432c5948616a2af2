"""SPARQL latency on SYNTHETIC graphs of 100k, 1M and 5M triples: on-disk Oxigraph vs rdflib in memory.

The graphs come from :mod:`benchmarks.perf.synth` (the real graph model, made-up
content). The queries are the README's examples and the questions users ask
most: an actor's events, top dyads (from the roll-up and, for comparison, by
grouping the events), a text search on labels, a 1-hop lookup, ``kg stats``.

Oxigraph: the store opened read-only as ``kg query`` does; one warm-up run, then
the median of ``--runs``. rdflib: the same quads in an in-memory ``Dataset``
(union default graph) in a child process, one run per query, stopped after
``--rdflib-timeout`` seconds. The ratio is rdflib time / Oxigraph time.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.perf.corpus import ROOT

__all__ = ["queries", "run_oxigraph", "main"]


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_ACTOR_EVENTS = """
SELECT ?predicate ?patient ?sentence ?title WHERE {{
  ?e kgo:agent ?a ; kgo:predicate ?predicate ; kgo:patient/rdfs:label ?patient ;
     kgo:sentence ?sentence ; kgo:document ?d .
  ?a rdfs:label {label} .
  OPTIONAL {{ ?d dcterms:title ?title }}
}}"""


def queries(actor_label: str, actor_iri: str, needle: str, typical_label: str | None = None) -> dict[str, tuple[str, str]]:
    """name → (what it asks, SPARQL)."""
    who_did_what = (ROOT / "examples" / "who_did_what.rq").read_text(encoding="utf-8")
    return {
        "readme-actor-events": ("README: who did <actor> act on, with sentence and title (the busiest actor)",
                                _ACTOR_EVENTS.format(label=_lit(actor_label))),
        "readme-actor-typical": ("the same for a typical actor (the median agent by events)",
                                 _ACTOR_EVENTS.format(label=_lit(typical_label or actor_label))),
        "readme-sentences": ("README: kg query, sentences of <actor>'s events",
                             f"SELECT ?s WHERE {{ ?e kgo:agent/rdfs:label {_lit(actor_label)} ; kgo:sentence ?s }}"),
        "readme-labels": ("README: kg query, 5 labels", "SELECT ?l WHERE { ?a rdfs:label ?l } LIMIT 5"),
        "readme-persons": ("README: every person's label", "SELECT ?l WHERE { ?a a kgo:Person ; rdfs:label ?l }"),
        "who-did-what": ("examples/who_did_what.rq (ORDER BY over all events, LIMIT 25)", who_did_what),
        "top-dyads": ("top 10 dyads (agent, predicate, patient) by events, from the roll-up", """
SELECT ?al ?pred ?bl ?n WHERE {
  { SELECT ?d ?n WHERE { ?d kgo:count ?n } ORDER BY DESC(?n) LIMIT 10 }
  ?d rdf:subject/rdfs:label ?al ; kgo:predicate ?pred ; rdf:object/rdfs:label ?bl .
} ORDER BY DESC(?n)"""),
        "top-pairs-rollup": ("top 10 actor pairs (all predicates summed), grouping the roll-up", """
SELECT ?a ?b (SUM(?c) AS ?n) WHERE { ?d rdf:subject ?a ; rdf:object ?b ; kgo:count ?c }
GROUP BY ?a ?b ORDER BY DESC(?n) LIMIT 10"""),
        "top-pairs-events": ("top 10 actor pairs grouping the events (no roll-up; the 2-hop GROUP BY)", """
SELECT ?a ?b (COUNT(?e) AS ?n) WHERE { ?e kgo:agent ?a ; kgo:patient ?b } GROUP BY ?a ?b ORDER BY DESC(?n) LIMIT 10"""),
        "actor-top-partners": ("<actor>'s top partners with counts, from the roll-up", f"""
SELECT ?bl ?pred ?n WHERE {{ ?d rdf:subject <{actor_iri}> ; rdf:object ?b ; kgo:predicate ?pred ; kgo:count ?n .
  ?b rdfs:label ?bl }} ORDER BY DESC(?n) LIMIT 20"""),
        "label-search": ("text search on labels and aliases (CONTAINS, case-folded)", f"""
SELECT DISTINCT ?a ?l WHERE {{ {{ ?a rdfs:label ?l }} UNION {{ ?a skos:altLabel ?l }}
  FILTER(CONTAINS(LCASE(?l), {_lit(needle)})) }} LIMIT 20"""),
        "one-hop": ("1-hop lookup: every triple about <actor>", f"SELECT ?p ?o WHERE {{ <{actor_iri}> ?p ?o }}"),
    }


def _stats_queries() -> dict[str, str]:
    from kg.rdf import stats

    return {"stats-counts": stats._COUNTS, "stats-actors": stats._ACTORS, "stats-concepts": stats._CONCEPTS,
            "top-actors-1-query": stats._TOP % 10}


def time_store_stats(store_path: Path, runs: int = 5) -> float:
    """Median seconds of ``kg stats``'s work (:func:`kg.rdf.stats.store_stats`: counts, then the top 10 actors
    counted per node first and described after)."""
    from kg.rdf.store import Store
    from kg.rdf.stats import store_stats

    with Store.open(store_path) as st:
        store_stats(st)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            store_stats(st)
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def pick_actor(store_path: Path) -> tuple[str, str, str, str]:
    """The busiest agent (label, IRI), a 4-letter piece of its name to search for, and the median agent's label."""
    from kg.rdf.store import Store

    with Store.open(store_path) as st:
        rows = st.query("""SELECT ?a ?l (SUM(?c) AS ?n) WHERE { ?d a kgo:Dyad ; rdf:subject ?a ; kgo:count ?c .
                           ?a rdfs:label ?l } GROUP BY ?a ?l ORDER BY DESC(?n) ?l""").rows
    label = str(rows[0][1])
    return label, str(rows[0][0]), label.split()[-1][:4].lower(), str(rows[len(rows) // 2][1])


def run_oxigraph(store_path: Path, qs: dict[str, str], runs: int = 5) -> dict[str, dict]:
    from kg.rdf.store import Store

    out = {}
    with Store.open(store_path) as st:
        for name, q in qs.items():
            n = len(st.query(q).rows)  # warm-up
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                st.query(q)
                times.append(time.perf_counter() - t)
            out[name] = {"seconds": statistics.median(times), "rows": n}
    return out


_RDFLIB_CHILD = r"""
import json, signal, sys, time
from rdflib import Dataset
from kg.rdf.namespaces import PREFIXES
path, timeout = sys.argv[1], float(sys.argv[2])
qs = json.loads(sys.stdin.read())
class Slow(Exception):
    pass
def alarm(*_):
    raise Slow()
signal.signal(signal.SIGALRM, alarm)
t = time.perf_counter()
ds = Dataset(default_union=True)
ds.parse(path, format="nquads")
print(json.dumps({"load": time.perf_counter() - t, "triples": len(ds)}), flush=True)
for name, q in qs.items():
    t = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        rows = len(list(ds.query(q, initNs=PREFIXES)))
        took = time.perf_counter() - t
    except Slow:
        rows, took = None, None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    print(json.dumps({"name": name, "seconds": took, "rows": rows}), flush=True)
"""


def run_rdflib(store_path: Path, qs: dict[str, str], timeout: float) -> tuple[dict, dict[str, dict]]:
    """Load the store's quads into rdflib (in a child process) and time each query."""
    from kg.rdf.store import ExportFormat, Store

    nq = store_path.parent / (store_path.name + ".nq")
    if not nq.exists():
        with Store.open(store_path) as st:
            st.export(nq, ExportFormat.NQUADS)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", _RDFLIB_CHILD, str(nq), str(timeout)], input=json.dumps(qs),
                          capture_output=True, text=True, env=env)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.startswith("{")]
    if not lines:
        return {"error": proc.stderr.strip().splitlines()[-1:] or ["no output"]}, {}
    return lines[0], {l["name"]: l for l in lines[1:]}


SIZES = {"100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}


def ensure_store(work: Path, size: str) -> Path:
    from benchmarks.perf.synth import synth_store

    path = work / f"graph-{size}"
    meta = work / f"graph-{size}.json"
    if not meta.exists() or not (path / "kg-store.json").exists():
        print(f"# generating the SYNTHETIC {size}-triple graph in {path} ...", flush=True)
        info = synth_store(path, triples=SIZES[size], actors=100_000 if size == "5m" else None)
        meta.write_text(json.dumps(info))
        (work / f"graph-{size}.nq").unlink(missing_ok=True)
    return path


def main(argv: list[str] | None = None) -> dict:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100k,1m,5m")
    ap.add_argument("--rdflib-sizes", default="100k,1m", help="sizes also run in rdflib (5m needs ~10 GB, ~15 min)")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "kg-perf-bench")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        path = ensure_store(args.work, size)
        info = json.loads((args.work / f"graph-{size}.json").read_text())
        label, iri, needle, typical = pick_actor(path)
        qs = {k: v for k, (_, v) in queries(label, iri, needle, typical).items()} | _stats_queries()
        ox = run_oxigraph(path, qs, args.runs)
        rd_meta, rd = ({}, {})
        if size in args.rdflib_sizes.split(","):
            rd_meta, rd = run_rdflib(path, qs, args.rdflib_timeout)
        print(f"\n## SPARQL latency, SYNTHETIC graph of {info['triples']:,} triples "
              f"({info['events']:,} events, {info['actors']:,} actors); busiest actor {label!r} "
              f"({ox['readme-actor-events']['rows']} events as agent), typical actor {typical!r}")
        if rd_meta.get("load"):
            print(f"rdflib: {rd_meta['triples']:,} triples loaded in {rd_meta['load']:.0f} s")
        print(f"{'query':<22} {'rows':>7} {'oxigraph ms':>12} {'rdflib ms':>12} {'rdflib/oxigraph':>16}")
        for name in qs:
            o = ox[name]
            r = rd.get(name)
            rs = "-" if r is None else (f">{args.rdflib_timeout * 1000:.0f}" if r["seconds"] is None
                                       else f"{r['seconds'] * 1000:.1f}")
            ratio = "-" if r is None else (f">{args.rdflib_timeout / o['seconds']:.0f}x" if r["seconds"] is None
                                          else f"{r['seconds'] / o['seconds']:.0f}x")
            print(f"{name:<22} {o['rows']:>7} {o['seconds'] * 1000:>12.1f} {rs:>12} {ratio:>16}")
        whole = time_store_stats(path, args.runs)
        print(f"kg stats (store_stats: the three stats-* counts, then the top 10 actors counted per node and "
              f"described; top-actors-1-query is the same ranking in one query): {whole * 1000:.0f} ms")
        results[size] = {"info": info, "oxigraph": ox, "rdflib": rd, "rdflib_load": rd_meta, "kg_stats": whole}
    return results


if __name__ == "__main__":
    main()
