"""Analytics time for actor graphs of about 1k, 10k and 100k nodes (SYNTHETIC graphs).

Each size is a store made by :mod:`benchmarks.perf.synth` with N actors and
about 2N events (the 100k one is the 5M-triple graph of the SPARQL benchmark).
Timed, once each: the projection (``kg.analytics.actor_graph``: two SPARQL
queries and the NetworkX build), PageRank (``centrality(G, "pagerank")``) and
Louvain communities (``communities(G)``).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from benchmarks.perf.sparql import ensure_store

SIZES = {"1k": (1_000, 58_000), "10k": (10_000, 580_000)}


def ensure_graph(work: Path, size: str) -> Path:
    if size == "100k":
        return ensure_store(work, "5m")
    from benchmarks.perf.synth import synth_store

    actors, triples = SIZES[size]
    path = work / f"actors-{size}"
    meta = work / f"actors-{size}.json"
    if not meta.exists() or not (path / "kg-store.json").exists():
        print(f"# generating the SYNTHETIC graph with {actors:,} actors in {path} ...", flush=True)
        meta.write_text(json.dumps(synth_store(path, triples=triples, actors=actors, seed=5)))
    return path


_ROLLUP = """
SELECT ?a ?b ?pred ?n ?g ?q WHERE {
  GRAPH <%s> { ?d rdf:subject ?a ; rdf:object ?b ; kgo:predicate ?pred ; kgo:count ?n .
    OPTIONAL { ?d kgo:goldstein ?g } OPTIONAL { ?d kgo:quadClass ?q } }
  FILTER NOT EXISTS { ?a a kgo:Concept } FILTER NOT EXISTS { ?b a kgo:Concept }
}"""


def rollup_graph(st):
    """The actor graph's edges (with counts, no evidence) straight from the dyad roll-up: one query."""
    import networkx as nx

    from kg.rdf import iris

    G = nx.MultiDiGraph()
    for a, b, pred, n, g, q in st.query(_ROLLUP % iris.dyads_graph_iri(base=st.base_iri)).rows:
        G.add_edge(a, b, key=pred, relation=pred, count=n, weight=float(n), goldstein_sum=g, quad_class=q)
    return G


def measure(path: Path) -> dict:
    from kg.analytics import actor_graph, centrality, communities
    from kg.rdf.store import Store

    import networkx as nx

    centrality(nx.MultiDiGraph([("a", "b")]), "pagerank")  # imports (scipy) before timing
    out = {}
    with Store.open(path) as st:
        t = time.perf_counter()
        H = rollup_graph(st)
        out["rollup"] = time.perf_counter() - t
        out["rollup_edges"] = H.number_of_edges()
        t = time.perf_counter()
        G = actor_graph(st)
        out["projection"] = time.perf_counter() - t
    out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
    t = time.perf_counter()
    centrality(G, "pagerank")
    out["pagerank"] = time.perf_counter() - t
    t = time.perf_counter()
    found = communities(G)
    out["communities"] = time.perf_counter() - t
    out["n_communities"] = len(found)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1k,10k,100k")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "kg-perf-bench")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    rows = []
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        r = measure(ensure_graph(args.work, size))
        results[size] = r
        rows.append((size, r))
    print("\n## analytics on SYNTHETIC actor graphs (asserted, non-negated events between actors)")
    print(f"{'graph':>6} {'nodes':>8} {'edges':>8} {'projection s':>13} {'PageRank s':>11} {'communities s':>14} "
          f"{'edges from roll-up s':>21}")
    for size, r in rows:
        print(f"{size:>6} {r['nodes']:>8,} {r['edges']:>8,} {r['projection']:>13.2f} {r['pagerank']:>11.2f} "
              f"{r['communities']:>14.2f} {r['rollup']:>21.2f}")
    print("(projection: kg.analytics.actor_graph, edges with their evidence; the last column reads the same edges' "
          "counts, without evidence, from the dyad roll-up in one query)")
    return results


if __name__ == "__main__":
    main()
