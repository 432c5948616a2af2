"""The store side of a build: labels, N-Quads written by a thread, the dyad roll-up, kept parses.

:func:`kg.pipeline.build.build` and :func:`kg.pipeline.build.reextract` hand it
each task's result; it owns everything that touches the store while they parse.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from kg.pipeline.task import TaskResult, convert
from kg.rdf import iris
from kg.rdf.dyads import DyadUpdater
from kg.rdf.store import Store

if TYPE_CHECKING:
    from kg.nlp.parses import ParseStore
    from kg.pipeline.report import BuildReport

__all__ = ["StoreWriter", "FLUSH_QUADS", "TIDY_QUADS"]


class StoreWriter:
    """The store side of a build: one label per actor IRI, N-Quads loaded by a writer thread, the
    dyad roll-up and the kept parses' manifest.

    Each task is written in one transaction (whole documents). The writer thread
    spends its time inside Oxigraph, which releases the GIL, so writing overlaps
    parsing. At most one write is pending; a failed write raises at the next
    :meth:`add` or at :meth:`close`.
    """

    def __init__(self, st: Store, report: BuildReport, *, parses: "ParseStore | None" = None,
                 model: tuple[str | None, str | None] = (None, None), replace_graphs: bool = False,
                 fresh_labels: bool = False, staging_graph: str | None = None) -> None:
        self.st = st
        self.report = report
        self.labels: dict[str, str] = {}
        self.lookup = None if fresh_labels else st.label_of
        self.dyads = DyadUpdater(st)
        self.parses = parses
        self.model = model
        self.replace_graphs = replace_graphs
        self.staging_graph = staging_graph
        self.actors: set[str] = set()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="kg-store-writer")
        self._pending: tuple | None = None
        self._unflushed = 0

    def add(self, result: TaskResult) -> None:
        """Queue one task's documents for writing (labels checked against the store and earlier tasks)."""
        if not result.results:
            return
        conflict = False
        for iri, label in result.labels:
            have = self.labels.get(iri)
            if have is None:
                have = self.labels[iri] = (self.lookup(iri) if self.lookup else None) or label
            conflict = conflict or have != label
        shard = result.shard
        if conflict:  # an earlier label wins: convert this task again here
            again = convert(result.results, base=self.st.base_iri, cache=self.labels, lookup=self.lookup)
            text, count = again.nquads or "", again.quads
        elif shard is not None:
            text, count = Path(shard).read_text(encoding="utf-8"), result.quads
        else:
            text, count = result.nquads or "", result.quads
        self.dyads.add(result.dyad_events)
        part = self.parses.write_part(result.parses) if self.parses is not None and result.parses else None
        ids = [doc.id for doc, _ in result.results]
        relations = sum(len(rels) for _, rels in result.results)

        def committed() -> None:
            self.report.added += len(ids)
            self.report.relations += relations
            self.report.events += relations
            self.report.quads += count
            self.actors |= result.actors
            if part is not None and self.parses is not None:
                self.parses.record(part, ids, model=self.model[0], version=self.model[1])
            if shard is not None:
                Path(shard).unlink(missing_ok=True)

        if self.replace_graphs:
            write, payload = self.st.update, _replacement(text, ids, self.st.base_iri, self.staging_graph)
        else:
            write, payload = self.st.add_nquads, text
        self._unflushed += count
        flush = self._unflushed >= FLUSH_QUADS
        if flush:
            self._unflushed = 0
        tallies = self.dyads.take()

        done: Future = Future()

        def job() -> None:  # in the writer thread, one job at a time
            try:
                write(payload)
                self.dyads.write(tallies)  # the roll-up follows each batch (the marker stays till the end)
                if flush:  # Oxigraph's write buffers to disk: memory stays bounded, the write-ahead log small
                    self.st.flush()
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits
                done.set_exception(exc)
            else:
                done.set_result(None)

        self.wait()
        # pending before it is queued: a Ctrl-C inside submit() (after the queue took the job) must
        # still find it, or a batch would be stored and not counted
        self._pending = (done, committed)
        self._thread.submit(job)

    def wait(self) -> None:
        """Wait for the pending write (raising its error, if any).

        An interrupt (Ctrl-C) while waiting leaves the write pending, so that :meth:`close`
        waits for it again and counts it: the thread finishes the write either way.
        """
        if self._pending is not None:
            future, committed = self._pending
            try:
                future.result()
            except Exception:
                self._pending = None
                raise
            self._pending = None
            committed()

    def close(self, *, ok: bool = True) -> None:
        """Finish the pending write; when all went well, bring the dyad roll-up up to date."""
        try:
            self._thread.shutdown(wait=True)  # every queued write runs to its end
        finally:
            if self._pending is not None and not self._pending[0].done():
                self._pending = None  # interrupted before it was queued: never written
        self.wait()
        if ok:
            self.dyads.finish()


FLUSH_QUADS = 200_000
"""Quads written between two flushes of Oxigraph's write buffers (they grow to ~2 GB without flushes)."""
TIDY_QUADS = 250_000
"""From this many quads written, a build removes the write-ahead log it leaves (small ones are not worth a reopening)."""


def _replacement(text: str, doc_ids: list[str], base: str, staging_graph: str | None) -> str:
    """One SPARQL update that drops the documents' graphs and inserts their new quads."""
    actors = f"<{iris.actors_graph_iri(base=base)}>"
    drops = "".join(f"DROP SILENT GRAPH <{iris.graph_iri(d, base=base)}> ;\n" for d in doc_ids)
    body = []
    for line in text.splitlines():
        if not line:
            continue
        spo, graph = line[:-2].rstrip().rsplit(" ", 1)
        if staging_graph is not None and graph == actors:
            graph = f"<{staging_graph}>"
        body.append(f"GRAPH {graph} {{ {spo} . }}")
    return drops + "INSERT DATA {\n" + "\n".join(body) + "\n}"
