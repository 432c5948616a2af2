"""CAMEO coding logic on PETRARCH-2's unit-test records (284 sentences, 359 expected codings).

Runs the pipeline in ``mode="events"`` (each coded verb's target is the first actor in its phrase,
as PETRARCH finds it; :mod:`kg.extract.targets`) with ``Settings(actors_files=(PETR.Validate.actors.txt,
PETR.Validate.agents.txt))`` (``kg`` reads the PETRARCH format itself, dated codes on
each record's date; :mod:`benchmarks.quality.petrarch_dicts`) and
``verbs_files=(PETR.Validate.verbs.txt,)`` (``--no-verbs``: kg's own verb dictionary), and compares, record by
record, the extracted relations' subject code, object code (``Mention.code``) and CAMEO
root (``event_code[:2]``) with each expected ``<EventCoding sourcecode targetcode eventcode>``.

    python benchmarks/quality/petrarch.py [--limit N] [--show-errors] [--no-verbs] [--mode events|actors]

Caveat (data README): the actors are fictional (Arnor, Gondor...), the dictionaries
are tiny, several records test PETRARCH configuration options, and some expected
codes are test-only (21x, 22x, 34x, 80x, 90x, 91x are not CAMEO). This checks the
coding *logic*; it is not an accuracy claim.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.quality import petrarch_dicts as D  # noqa: E402
from benchmarks.quality.common import (  # noqa: E402
    Extractor, machine_description, model_description, pipeline_extractor, shared_data_dir, table,
)

CAMEO_ROOTS = frozenset(f"{n:02d}" for n in range(1, 21))


@dataclass(frozen=True)
class Record:
    index: int
    id: str
    category: str
    date: dt.date | None
    text: str
    codings: tuple[tuple[str, str, str], ...]
    noevents: bool = False
    error: str | None = None

    @property
    def doc_id(self) -> str:
        return f"petr-{self.index:03d}"  # record ids repeat in the file

    @property
    def cameo_only(self) -> bool:
        return all(ev[:2] in CAMEO_ROOTS for _, _, ev in self.codings)


Coded = tuple[str | None, str | None, str | None]
"""(source code, target code, event code) of one extracted relation."""


def read_records(path: str | Path) -> list[Record]:
    """The ``<Sentence>`` records of a PETRARCH validation file."""
    out = []
    for k, s in enumerate(ET.parse(path).getroot().iter("Sentence")):
        codings, noevents, error = [], False, None
        for e in s.findall("EventCoding"):
            if "error" in e.attrib:
                error = e.get("error")
            elif e.get("noevents", "").lower() == "true":
                noevents = True
            else:
                codings.append((e.get("sourcecode", ""), e.get("targetcode", ""), e.get("eventcode", "")))
        date = s.get("date")
        out.append(Record(k, s.get("id", f"#{k}"), s.get("category", ""),
                          dt.date(int(date[:4]), int(date[4:6]), int(date[6:8])) if date and len(date) == 8 else None,
                          " ".join((s.findtext("Text") or "").split()), tuple(codings), noevents, error))
    return out


def mention_code(mention) -> str | None:
    """The actor code ``kg`` gave a mention (``Mention.code``)."""
    return getattr(mention, "code", None) if mention is not None else None


def _primary(code: str | None) -> str | None:
    return code[:3] if code else None


def coding_flags(expected: tuple[str, str, str], coded: Sequence[Coded], primary: bool = False) -> dict[str, bool]:
    """Which parts of one expected coding some extracted relation matches.

    >>> coding_flags(("ARN", "GON", "064"), [("ARN", "GON", "0411"), ("ARN", None, "064")])
    {'all': False, 'dyad': True, 'source': True, 'target': True, 'root': True}
    >>> coding_flags(("ARNGOV", "GON", "064"), [("ARN", "GON", "061")], primary=True)['all']
    True
    """
    src, tgt, ev = expected
    f = _primary if primary else (lambda c: c)
    src, tgt = f(src), f(tgt)
    root = ev[:2]
    got = [(f(s), f(t), e[:2] if e else None) for s, t, e in coded]
    return {
        "all": any(s == src and t == tgt and r == root for s, t, r in got),
        "dyad": any(s == src and t == tgt for s, t, _ in got),
        "source": any(s == src for s, _, _ in got),
        "target": any(t == tgt for _, t, _ in got),
        "root": any(r == root for _, _, r in got),
    }


FLAGS = ("all", "dyad", "source", "target", "root")


def score(records: Sequence[Record], coded: Mapping[str, Sequence[Coded]]) -> dict:
    """Record- and coding-level shares, event precision, no-event accuracy, error records."""
    scored = [r for r in records if r.error is None and not r.noevents and r.codings]
    noevents = [r for r in records if r.error is None and r.noevents]
    errors = [r for r in records if r.error is not None]
    out: dict = {"records": len(records), "scored": len(scored), "codings": sum(len(r.codings) for r in scored),
                 "noevents": len(noevents), "errors": len(errors)}
    for name, subset, primary in (("exact", scored, False), ("primary", scored, True),
                                  ("cameo_only", [r for r in scored if r.cameo_only], False)):
        rec = {k: 0 for k in FLAGS}
        cod = {k: 0 for k in FLAGS}
        n_cod = 0
        for r in subset:
            flags = [coding_flags(c, coded.get(r.doc_id, ()), primary) for c in r.codings]
            n_cod += len(flags)
            for k in FLAGS:
                rec[k] += all(fl[k] for fl in flags)
                cod[k] += sum(fl[k] for fl in flags)
        out[name] = {"records": len(subset), "codings": n_cod,
                     "record_share": {k: rec[k] / len(subset) if subset else 0.0 for k in FLAGS},
                     "coding_share": {k: cod[k] / n_cod if n_cod else 0.0 for k in FLAGS}}
    # event precision over non-error records: extracted events equal to an expected coding
    n_events = n_good = 0
    for r in records:
        if r.error is not None:
            continue
        expected = {(s, t, e[:2]) for s, t, e in r.codings}
        for s, t, e in coded.get(r.doc_id, ()):
            if e:
                n_events += 1
                n_good += (s, t, e[:2]) in expected
    out["events"] = n_events
    out["event_precision"] = n_good / n_events if n_events else 0.0
    out["noevents_ok"] = sum(not any(e for _, _, e in coded.get(r.doc_id, ())) for r in noevents)
    out["noevents_accuracy"] = out["noevents_ok"] / len(noevents) if noevents else 0.0
    out["errors_with_events"] = sum(any(e for _, _, e in coded.get(r.doc_id, ())) for r in errors)
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in scored:
        flags = [coding_flags(c, coded.get(r.doc_id, ())) for c in r.codings]
        by_cat[r.category][0] += all(fl["all"] for fl in flags)
        by_cat[r.category][1] += 1
    out["by_category"] = {k: (v[0], v[1]) for k, v in sorted(by_cat.items())}
    return out


def run(limit: int | None = None, *, data_dir: Path | None = None,
        extractor_factory: Callable[[tuple[Path, ...]], Extractor] | None = None,
        model: str | None = None, verbs: bool = True, mode: str = "events") -> dict:
    """Extract every record with the validation dictionaries (``kg`` reads them as they are), score.

    ``extractor_factory(actors_files) -> Extractor`` replaces the pipeline (for tests). With
    ``verbs`` (the default) the suite's ``PETR.Validate.verbs.txt`` is the run's user verb
    dictionary (``Settings.verbs_files``), as PETRARCH codes these records with it. ``mode``:
    ``"events"`` (targets as PETRARCH finds them) or ``"actors"`` (the default graph's relations).
    """
    folder = shared_data_dir(data_dir) / "petrarch2_validation"
    records = read_records(folder / "PETR.UnitTest.records.xml")
    if limit:
        records = records[:limit]
    files = D.dictionary_files(folder)
    failures: list = []
    coded: dict[str, list[Coded]] = {}
    raw: dict[str, list] = {}
    fictional_hits = 0
    started = time.perf_counter()
    extract = (extractor_factory(files) if extractor_factory
               else pipeline_extractor(mode=mode, model=model, actors_files=files, failures=failures,
                                       verbs_files=(folder / "PETR.Validate.verbs.txt",) if verbs else ()))
    for doc_id, rels in extract((r.doc_id, r.text, r.date) for r in records):
        raw[doc_id] = rels
        coded[doc_id] = [(mention_code(x.subject), mention_code(x.object), x.event_code) for x in rels]
        fictional_hits += sum(1 for x in rels for m in (x.subject, x.object)
                              if (getattr(m, "code", None) or "")[:3] in FICTIONAL_ROOTS)
    seconds = time.perf_counter() - started
    out = score(records, coded)
    out.update({"benchmark": "petrarch", "seconds": seconds, "failures": [str(f) for f in failures],
                "dictionary_hits": fictional_hits, "coded": coded, "raw": raw, "record_list": records})
    return out


# Three-letter roots of the validation suite's fictional actors (Tolkien and Harry Potter names).
FICTIONAL_ROOTS = frozenset({"ARN", "GON", "HOB", "ERI", "OSG", "CAL", "BRE", "FOR", "MOR", "MRG", "DAG", "ELF", "ELR",
                             "ITH", "SHR", "ROH", "TOK", "WIZ", "RNG", "HGW", "ORC", "AMR", "DOL", "FRO", "BIL", "SAM"})


def summary(out: dict) -> dict[str, float]:
    share = out["exact"]["record_share"]
    return {"all3": share["all"], "source": share["source"], "target": share["target"], "root": share["root"],
            "noevents": out["noevents_accuracy"], "event_P": out["event_precision"]}


def report(out: dict) -> str:
    rows = []
    for name, label in (("exact", "records, exact codes"), ("primary", "records, first 3 letters of actor codes"),
                        ("cameo_only", "records with CAMEO roots only")):
        s = out[name]["record_share"]
        rows.append([f"{label} (n={out[name]['records']})", s["all"], s["dyad"], s["source"], s["target"], s["root"]])
    s = out["exact"]["coding_share"]
    rows.append([f"codings, exact (n={out['exact']['codings']})", s["all"], s["dyad"], s["source"], s["target"], s["root"]])
    lines = [
        f"PETRARCH-2 unit tests: {out['records']} records: {out['scored']} with {out['codings']} expected codings, "
        f"{out['noevents']} no-event, {out['errors']} error records; "
        f"{out['seconds']:.1f}s",
        table(rows, ["share matching", "all 3", "src+tgt", "source", "target", "root"]),
        f"no-event records with no coded relation: {out['noevents_ok']}/{out['noevents']} ({out['noevents_accuracy']:.3f})",
        f"extracted coded relations: {out['events']}, of which equal to an expected coding: {out['event_precision']:.3f}",
        f"error records (expected: discarded) that produced coded relations: {out['errors_with_events']}/{out['errors']}",
        "all-3 share by category: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in out["by_category"].items()),
    ]
    if out["dictionary_hits"] == 0:
        lines.append("WARNING: no Mention.code carried a PETRARCH-only code: Settings.actors_files seems not to be "
                     "applied")
    if out["failures"]:
        lines.append(f"{len(out['failures'])} documents failed, e.g. {out['failures'][0]}")
    return "\n".join(lines)


def errors(out: dict) -> str:
    lines = []
    for r in out["record_list"]:
        got = out["coded"].get(r.doc_id, [])
        if r.error is None and r.codings and all(coding_flags(c, got)["all"] for c in r.codings):
            continue
        if r.noevents and not any(e for *_, e in got):
            continue
        want = "error=" + r.error if r.error else ("noevents" if r.noevents else
                                                    " ".join(f"{s}>{t}:{e}" for s, t, e in r.codings))
        lines.append(f"\n{r.id} [{r.category}] {r.date} want {want}\n  {r.text}")
        for rel, (s, t, e) in zip(out["raw"].get(r.doc_id, []), got):
            lines.append(f"  got {s}>{t}:{e}   ({rel.subject.label} --{rel.predicate}--> {rel.object.label})")
        if not got:
            lines.append("  got nothing")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N records")
    ap.add_argument("--data", type=Path, help="the shared data folder (default ../shared/data)")
    ap.add_argument("--model", help="spaCy pipeline (default: kg's default)")
    ap.add_argument("--show-errors", action="store_true", help="print each record not fully matched")
    ap.add_argument("--no-verbs", action="store_true",
                    help="code with kg's own verb dictionary, not the suite's PETR.Validate.verbs.txt")
    ap.add_argument("--mode", choices=("events", "actors"), default="events",
                    help="kg's extraction mode (default events: each coded verb's target as PETRARCH finds it)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    out = run(args.limit, data_dir=args.data, model=args.model, verbs=not args.no_verbs, mode=args.mode)
    if args.json:
        print(json.dumps({**summary(out), "seconds": round(out["seconds"], 2)}))
    else:
        print(report(out))
        print(f"model {model_description(args.model)}; {machine_description()}")
    if args.show_errors:
        print(errors(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
