"""The work of one task: whole documents parsed (one pass), extracted, resolved and converted.

A build cuts its new documents into tasks of whole documents. Each task runs
:func:`analyse` (or, from kept parses, :func:`reanalyse`) wherever its runner
puts it (:mod:`kg.pipeline.runners`), so only records and N-Quads text cross
process boundaries, never spaCy Docs. The process that owns the store then only
checks labels and loads text into Oxigraph (:mod:`kg.pipeline.writer`).

Labels: names that differ only in case or punctuation share an actor IRI, and
the first label a build meets wins (:func:`keep_labels`). A task labels with the
first label met within it and reports it; when the store's (or an earlier
task's) label differs, the writer converts that task again from its records
(:func:`convert`). The graph is therefore the same whatever the runner.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.config import Settings, load_settings
from kg.dictionaries import ActorDictionary
from kg.errors import KgError
from kg.nlp import Piece, parse, parses
from kg.pipeline.documents import actor_dictionary, document_pieces, extract_parsed, spacy_pipeline
from kg.pipeline.report import Failure
from kg.rdf.convert import document_quads, mention_iri
from kg.rdf.dyads import DyadEvent, dyad_events
from kg.rdf.nquads import nquads_batch
from kg.records import Document, Mention, Relation
from kg.verbdict import read_verb_files

__all__ = ["TaskResult", "keep_labels", "convert", "analyse", "check_dictionaries", "parse_stage", "finish_stage", "reanalyse"]


@dataclass(slots=True)
class TaskResult:
    """What one task sends back to the store's owner."""

    results: list[tuple[Document, list[Relation]]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    labels: list[tuple[str, str]] = field(default_factory=list)
    """(IRI, label) for each IRI in the order first met, labelled as the task met it."""
    nquads: str | None = None
    shard: str | None = None
    """Path of the N-Quads shard the worker wrote (instead of ``nquads``)."""
    quads: int = 0
    dyad_events: list[DyadEvent] = field(default_factory=list)
    """The distinct asserted, non-negated events: (event, agent, relation, patient, predicate, CAMEO code)."""
    actors: set[str] = field(default_factory=set)
    parses: bytes | None = None
    documents: int = 0


@functools.lru_cache(maxsize=4)
def _book(actors_files: tuple[Path, ...]) -> ActorDictionary:
    """The actor dictionary of a task's settings, built once per worker process."""
    return actor_dictionary(load_settings(actors_files=actors_files))


def check_dictionaries(settings: Settings) -> None:
    """Read the user's ``--actors`` and ``--verbs`` files as a task will (and keep them cached for it),
    so that a bad file stops a build with its one-line error before a worker starts or a store is made."""
    _book(tuple(settings.actors_files))
    read_verb_files(settings.verbs_files)


def keep_labels(
    rels: list[Relation],
    cache: dict[str, str],
    *,
    base: str,
    lookup: Callable[[str], str | None] | None = None,
    on_new: Callable[[str, str], None] | None = None,
) -> list[Relation]:
    """Give each mention the first label seen for its IRI (``cache``, else ``lookup``, else its own).

    ``on_new(iri, label)`` is told each IRI met for the first time, in order.
    """

    def fix(m: Mention | None, doc_id: str) -> Mention | None:
        if m is None:
            return None
        iri = mention_iri(m, doc_id=doc_id, base=base)
        if iri not in cache:
            cache[iri] = (lookup(iri) if lookup else None) or m.label
            if on_new is not None:
                on_new(iri, cache[iri])
        label = cache[iri]
        if label == m.label:
            return m
        return replace(m, label=label, aliases=tuple(sorted({*m.aliases, m.label})))

    out = []
    for r in rels:
        d = r.provenance.doc_id
        s, o, a, b = fix(r.subject, d), fix(r.object, d), fix(r.attributed_to, d), fix(r.reported_by, d)
        same = s is r.subject and o is r.object and a is r.attributed_to and b is r.reported_by
        out.append(r if same else replace(r, subject=s, object=o, attributed_to=a, reported_by=b))
    return out


def convert(
    results: list[tuple[Document, list[Relation]]],
    *,
    base: str,
    cache: dict[str, str] | None = None,
    lookup: Callable[[str], str | None] | None = None,
) -> TaskResult:
    """Label, convert and serialise the records of whole documents."""
    cache = {} if cache is None else cache
    out = TaskResult(results=results, documents=len(results))
    batches = []
    for doc, rels in results:
        rels = keep_labels(rels, cache, base=base, lookup=lookup, on_new=lambda i, l: out.labels.append((i, l)))
        batches.append(document_quads(doc, rels, base=base))
        for rel in rels:
            for m in (rel.subject, rel.object, rel.attributed_to, rel.reported_by):
                if m is not None and m.is_actor:
                    out.actors.add(mention_iri(m, doc_id=rel.provenance.doc_id, base=base))
        out.dyad_events.extend(dyad_events(rels, base=base))
    out.nquads, out.quads = nquads_batch(batches)
    return out


def _finish(parsed: Iterable, settings: Settings, *, mode: str, keep_parses: bool, base: str,
            shard_dir: str | None) -> TaskResult:
    kept: list | None = [] if keep_parses else None

    def tap(stream: Iterable) -> Iterator:
        for item in stream:
            if kept is not None:
                kept.append(item)
            yield item

    failures: list = []
    results = list(extract_parsed(tap(parsed), settings=settings, failures=failures, mode=mode,
                                  book=_book(tuple(settings.actors_files))))
    out = convert(results, base=base)
    out.failures = failures
    if kept:
        out.parses = parses.pack(kept)
    if shard_dir is not None and out.nquads is not None:
        path = Path(shard_dir) / f"shard-{os.getpid()}-{uuid.uuid4().hex[:12]}.nq"
        tmp = path.with_suffix(".tmp")
        tmp.write_text(out.nquads, encoding="utf-8")
        os.replace(tmp, path)
        out.shard, out.nquads = str(path), None
    return out


def analyse(documents: list[Document], settings: Settings, *, mode: str = "actors", keep_parses: bool = False,
            base: str | None = None, shard_dir: str | None = None) -> TaskResult:
    """Parse (one pass), extract, resolve and convert whole documents: the work of one task."""
    if not documents:
        return TaskResult()
    nlp = spacy_pipeline(settings)
    parsed = parse(document_pieces(documents, settings.max_doc_chars), nlp, batch_size=settings.batch_size, processes=1)
    return _finish(parsed, settings, mode=mode, keep_parses=keep_parses, base=base or settings.base_iri,
                   shard_dir=shard_dir)


def parse_stage(texts: list[str], settings: Settings) -> bytes:
    """The parse of :func:`analyse` alone, for a parse-ahead runner's worker process: the texts
    of pieces (one ``nlp.pipe`` batch, as :func:`analyse` would batch them), as
    :func:`kg.nlp.parses.pack_docs` bytes."""
    nlp = spacy_pipeline(settings)
    return parses.pack_docs(nlp.pipe(texts, batch_size=settings.batch_size))


def finish_stage(parsed: Iterable[bytes], pieces: list[Piece], settings: Settings, *, mode: str = "actors",
                 keep_parses: bool = False, base: str | None = None, shard_dir: str | None = None) -> TaskResult:
    """The rest of :func:`analyse` on the pieces of whole documents, from :func:`parse_stage`'s bytes
    for them in order (consumed as extraction goes): extract, resolve, convert. The result is
    ``analyse``'s for those documents."""
    vocab = spacy_pipeline(settings).vocab

    def stream() -> Iterator[tuple]:
        left = iter(pieces)
        for data in parsed:
            for doc in parses.unpack_docs(data, vocab):
                piece = next(left, None)
                if piece is None:
                    raise KgError("a parse worker returned more parses than pieces sent")
                yield doc, piece
        if next(left, None) is not None:
            raise KgError("a parse worker returned fewer parses than pieces sent")

    return _finish(stream(), settings, mode=mode, keep_parses=keep_parses, base=base or settings.base_iri,
                   shard_dir=shard_dir)


def reanalyse(data: bytes, settings: Settings, *, mode: str = "actors", base: str | None = None,
              shard_dir: str | None = None, only: Iterable[str] | None = None) -> TaskResult:
    """Extract again from kept parses (DocBin bytes; only the documents ``only`` names, if given): no parse."""
    nlp = spacy_pipeline(settings)
    parsed = parses.unpack(data, nlp.vocab)
    if only is not None:
        wanted = set(only)
        parsed = ((d, p) for d, p in parsed if p.document.id in wanted)
    return _finish(parsed, settings, mode=mode, keep_parses=False, base=base or settings.base_iri,
                   shard_dir=shard_dir)
