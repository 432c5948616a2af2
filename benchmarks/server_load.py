"""Load benchmark of ``kg serve``: queries per second and p50/p95 latency at 1, 8 and 32 clients.

Two datasets:

- the sample corpus (``examples/articles`` built with ``kg.pipeline.build``; if the
  pipeline or its spaCy model is unavailable, a small hand-made corpus instead);
- a SYNTHETIC graph of about 1 million triples, generated with the real graph
  model (records → ``kg.rdf.convert.document_quads`` → store): made-up actors,
  predicates and sentences, so only its size and shape are realistic.

Everything runs on 127.0.0.1: a ``kg serve`` subprocess and a client of N threads
(one keep-alive ``http.client`` connection each) on the same machine, so the
client's CPU is taken from the server's. Each level is
bounded by ``--seconds`` and ``--max-requests``. Queries are a fixed-seed mix of
an actor's events, a label lookup and an ASK, sent as SPARQL protocol GETs
asking for SPARQL JSON.

    python benchmarks/server_load.py                     # both datasets
    python benchmarks/server_load.py --only sample --seconds 3
    python benchmarks/server_load.py --keep /tmp/kg-bench  # reuse the generated stores
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.rdf.convert import document_quads  # noqa: E402
from kg.rdf.store import Store  # noqa: E402
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation  # noqa: E402

LEVELS = (1, 8, 32)
PREDICATES = ["meet with", "urge", "criticize", "accuse", "support", "threaten", "visit", "sign deal with",
              "condemn", "praise", "sanction", "negotiate with", "attack", "warn", "host", "call", "reject",
              "welcome", "invite", "blame"]
TYPES = [ActorType.PERSON, ActorType.ORGANIZATION, ActorType.COUNTRY, ActorType.GROUP]


# ----------------------------------------------------------------- datasets


def build_sample(path: Path) -> str:
    """The sample corpus via the real pipeline, else a hand-made stand-in; returns a description."""
    try:
        from kg.pipeline import build

        report = build([str(ROOT / "examples" / "articles")], store=path)
        if report.added:
            return f"sample corpus (examples/articles, {report.added} documents, kg.pipeline.build)"
    except Exception as exc:  # the pipeline or model may be missing on this machine
        print(f"# pipeline build failed ({type(exc).__name__}: {exc}); using a hand-made corpus", file=sys.stderr)
    shutil.rmtree(path, ignore_errors=True)
    synthetic(path, target=20_000, seed=1)
    return "hand-made stand-in for the sample corpus (pipeline unavailable)"


def _mention(text: str, name: str, kind: ActorType) -> Mention:
    i = text.index(name)
    return Mention(name, name, kind, i, i + len(name), country="XYZ" if kind is ActorType.PERSON else None)


def synthetic(path: Path, *, target: int, seed: int = 0, actors: int = 3000, per_doc: int = 5) -> int:
    """A SYNTHETIC store of at least ``target`` quads made with the real graph model."""
    rng = random.Random(seed)
    names = [(f"Actor {i:05d}", TYPES[i % len(TYPES)]) for i in range(actors)]
    start = dt.date(2024, 1, 1)
    with Store.create(path) as st:
        doc_no = 0
        while len(st) < target:
            batch = []
            for _ in range(200):
                doc_id = f"synthetic-{doc_no:06d}"
                doc_no += 1
                day = start + dt.timedelta(days=rng.randrange(365))
                rels = []
                sentences = []
                for k in range(per_doc):
                    (a, ta), (b, tb) = rng.sample(names, 2)
                    pred = rng.choice(PREDICATES)
                    sentence = f"{a} did {pred} {b} in sentence {k}."
                    offset = sum(len(s) + 1 for s in sentences)
                    sentences.append(sentence)
                    rels.append(Relation(
                        _mention(sentence, a, ta), pred, _mention(sentence, b, tb),
                        Provenance(doc_id, sentence, offset, offset + len(sentence), k),
                        negated=rng.random() < 0.05,
                        modality=Modality.ASSERTED if rng.random() < 0.85 else Modality.REPORTED,
                        event_code=rng.choice(["010", "036", "0213", "111", "190", None]),
                        date=day,
                    ))
                doc = Document(id=doc_id, text=" ".join(sentences), title=f"Synthetic story {doc_no}", published=day)
                batch.append(list(document_quads(doc, rels)))
            st.add_documents(batch)
        return len(st)


def _labels(path: Path, limit: int = 200) -> list[str]:
    with Store.open(path) as st:
        rows = st.query(f"""SELECT ?a (COUNT(?e) AS ?n) WHERE {{ ?e kgo:agent ?a }} GROUP BY ?a ORDER BY DESC(?n) LIMIT {limit}""").rows
        return [r[0] for r in rows]


# ----------------------------------------------------------------- load


def _queries(actors: list[str], rng: random.Random) -> list[str]:
    out = []
    for _ in range(500):
        iri = rng.choice(actors)
        kind = rng.random()
        if kind < 0.5:
            out.append(f"""SELECT ?pred ?other ?label ?sentence WHERE {{
                ?e kgo:agent <{iri}> ; kgo:predicate ?pred ; kgo:patient ?other ; kgo:sentence ?sentence .
                OPTIONAL {{ ?other rdfs:label ?label }} }} LIMIT 50""")
        elif kind < 0.85:
            out.append(f"SELECT ?label ?alias WHERE {{ <{iri}> rdfs:label ?label OPTIONAL {{ <{iri}> skos:altLabel ?alias }} }}")
        else:
            out.append(f"ASK {{ ?e kgo:patient <{iri}> ; kgo:negated true }}")
    return out


def _level(port: int, queries: list[str], clients: int, seconds: float, max_requests: int) -> dict:
    """``clients`` threads, each with one keep-alive connection, for ``seconds`` or ``max_requests``."""
    latencies: list[float] = []
    errors = [0]
    sent = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def one_client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = k
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if sent[0] >= max_requests:
                        return
                    sent[0] += 1
                path = "/sparql?" + urlencode({"query": queries[i % len(queries)]})
                i += clients
                t0 = time.perf_counter()
                conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
                resp = conn.getresponse()
                resp.read()
                took = time.perf_counter() - t0
                with lock:
                    latencies.append(took)
                    errors[0] += resp.status != 200
        finally:
            conn.close()

    threads = [threading.Thread(target=one_client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "clients": clients,
        "requests": len(latencies),
        "qps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))] * 1000,
        "errors": errors[0],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_dataset(name: str, path: Path, args: argparse.Namespace) -> None:
    import httpx

    with Store.open(path) as st:
        size = len(st)
    actors = _labels(path)
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(path), "--port", str(port),
           "--max-connections", "200", "--time-limit", "30"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                if httpx.get(base + "/health", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("kg serve did not start")
        workers = httpx.get(base + "/health", trust_env=False).json()["workers"]
        print(f"\n{name}: {size:,} quads, {len(actors)} actors sampled, {workers} query workers, {os.cpu_count()} CPUs")
        print(f"{'clients':>7} {'requests':>9} {'qps':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
        queries = _queries(actors, random.Random(42))
        _level(port, queries[:20], 4, 1.0, 100)  # warm-up
        for clients in LEVELS:
            r = _level(port, queries, clients, args.seconds, args.max_requests)
            print(f"{r['clients']:>7} {r['requests']:>9} {r['qps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['errors']:>6}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["sample", "large"], help="Run one dataset only.")
    parser.add_argument("--seconds", type=float, default=5.0, help="Duration of each level (default 5).")
    parser.add_argument("--max-requests", type=int, default=3000, help="Request cap of each level (default 3000).")
    parser.add_argument("--triples", type=int, default=1_000_000, help="Size of the synthetic graph (default 1M).")
    parser.add_argument("--workers", type=int, help="kg serve --workers (default: its own).")
    parser.add_argument("--keep", type=Path, help="Directory to keep (and reuse) the generated stores in.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.only in (None, "sample"):
            path = work / "sample"
            what = "sample corpus (kept store)" if path.exists() else build_sample(path)
            run_dataset(what, path, args)
        if args.only in (None, "large"):
            path = work / f"synthetic-{args.triples}"
            if not path.exists():
                t0 = time.perf_counter()
                n = synthetic(path, target=args.triples)
                print(f"# generated a SYNTHETIC graph of {n:,} quads in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
            run_dataset(f"SYNTHETIC graph (~{args.triples:,} triples, same model)", path, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
