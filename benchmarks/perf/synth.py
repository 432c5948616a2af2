"""SYNTHETIC news graphs of a chosen size, made with the real graph model.

Records (documents, actors, relations) are generated with a fixed seed, then
written through the build's own store path (:func:`kg.pipeline.task.convert` →
N-Quads → the writer thread → Oxigraph, with the dyad roll-up), so the graph has
exactly the shape ``kg build`` makes: events with provenance, direct edges,
actors with aliases and countries, documents, dyads. Only the size and shape
are realistic: names, sentences and predicates are made up.

Actor popularity is skewed (agents drawn from a Zipf-like law, patients
uniformly), like news where a few actors dominate.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
import shutil
import time
from pathlib import Path

from kg import pipeline
from kg.pipeline.task import convert
from kg.rdf.store import Store
from kg.pipeline.writer import StoreWriter
from kg.records import ActorType, Document, Mention, Modality, Provenance, Relation

__all__ = ["synth_store", "names", "PREDICATES"]

PREDICATES = [
    ("meet with", "036"), ("urge", "0211"), ("criticize", "111"), ("accuse", "112"), ("support", "051"),
    ("threaten", "138"), ("visit", "042"), ("sign deal with", "057"), ("condemn", "111"), ("praise", "051"),
    ("sanction", "163"), ("negotiate with", "046"), ("attack", "190"), ("warn", "130"), ("host", "043"),
    ("call", "010"), ("reject", "120"), ("welcome", "051"), ("invite", "044"), ("blame", "112"),
]
_SYL = ["ka", "ro", "mi", "ten", "var", "lu", "shan", "de", "bel", "tor", "na", "vi", "sar", "ol", "gri", "fen",
        "ma", "zu", "pel", "ran", "ko", "lis", "dor", "ei", "ham", "tu", "ber", "no", "qua", "sil"]
TYPES = [ActorType.PERSON, ActorType.PERSON, ActorType.ORGANIZATION, ActorType.COUNTRY, ActorType.GROUP]
COUNTRIES = ["USA", "ISR", "QAT", "EGY", "FRA", "DEU", "CHN", "GBR", "IRN", "LBN", "RUS", "UKR"]


def names(n: int, seed: int = 1) -> list[str]:
    """``n`` distinct made-up names ("Karo Tenvar")."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        first = "".join(rng.choice(_SYL) for _ in range(rng.randint(1, 2))).capitalize()
        last = "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()
        name = f"{first} {last}"
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append(name)
    return out


def _mention(text: str, name: str, kind: ActorType, country: str | None) -> Mention:
    i = text.index(name)
    return Mention(name, name, kind, i, i + len(name), country=country,
                   aliases=(name.split()[-1],) if kind is ActorType.PERSON else ())


def synth_store(path: Path, *, triples: int, actors: int | None = None, seed: int = 0, per_doc: int = 6,
                batch: int = 64) -> dict:
    """A SYNTHETIC store of at least ``triples`` triples at ``path`` (replaced); returns its figures."""
    shutil.rmtree(path, ignore_errors=True)
    rng = random.Random(seed)
    events_wanted = max(50, triples // 29)
    actors = actors or max(200, events_wanted // 2)
    people = names(actors, seed)
    kinds = [TYPES[i % len(TYPES)] for i in range(actors)]
    countries = [COUNTRIES[i % len(COUNTRIES)] if kinds[i] is not ActorType.GROUP else None for i in range(actors)]
    cum, total = [], 0.0
    for i in range(actors):
        total += 1.0 / (i + 1) ** 0.9
        cum.append(total)
    start = dt.date(2024, 1, 1)
    report = pipeline.BuildReport(store=str(path))
    t0 = time.perf_counter()
    events = 0
    with Store.create(path) as st:
        writer = StoreWriter(st, report)
        doc_no = 0
        while True:
            results = []
            for _ in range(batch):
                doc_id = f"synthetic-{doc_no:07d}"
                doc_no += 1
                day = start + dt.timedelta(days=rng.randrange(365))
                rels, sentences, offset = [], [], 0
                for k in range(per_doc):
                    a = bisect.bisect_left(cum, rng.random() * total)
                    b = rng.randrange(actors)
                    if a == b:
                        b = (b + 1) % actors
                    pred, code = rng.choice(PREDICATES)
                    sentence = f"{people[a]} did {pred} {people[b]}, officials said in report {doc_no}-{k}."
                    sentences.append(sentence)
                    roll = rng.random()
                    rels.append(Relation(
                        _mention(sentence, people[a], kinds[a], countries[a]), pred,
                        _mention(sentence, people[b], kinds[b], countries[b]),
                        Provenance(doc_id, sentence, offset, offset + len(sentence), k),
                        negated=roll < 0.05,
                        modality=Modality.ASSERTED if roll < 0.85 else rng.choice(
                            [Modality.REPORTED, Modality.PLANNED, Modality.HYPOTHETICAL]),
                        event_code=code if rng.random() < 0.7 else None,
                        date=day, confidence=0.8,
                    ))
                    offset += len(sentence) + 1
                doc = Document(id=doc_id, text=" ".join(sentences), title=f"Synthetic story {doc_no}", published=day)
                results.append((doc, rels))
                events += len(rels)
            writer.add(convert(results, base=st.base_iri))
            if events >= events_wanted:
                writer.wait()
                if len(st) >= triples:
                    break
        writer.close()
        size = len(st)
    return {"triples": size, "events": events, "actors": actors, "documents": doc_no,
            "seconds": time.perf_counter() - t0, "quads_written": report.quads}
