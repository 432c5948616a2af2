"""Helpers shared by the quality benchmarks: paths, the extractor, tables.

The benchmarks import ``kg`` lazily (inside :func:`pipeline_extractor`), so the
scorers and their tests work without a spaCy model or a working extractor.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
"""The repository root (``benchmarks/quality/`` is two levels down)."""

GOLD_FILE = ROOT / "benchmarks" / "gold" / "gold.jsonl"


def shared_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``../shared/data`` beside the repository, or ``$KG_SHARED_DATA``, or ``explicit``."""
    if explicit:
        return Path(explicit)
    if os.environ.get("KG_SHARED_DATA"):
        return Path(os.environ["KG_SHARED_DATA"])
    return ROOT.parent / "shared" / "data"


# An extractor takes (doc_id, text, published) triples and yields (doc_id, relations).
Extractor = Callable[[Iterable[tuple[str, str, Any]]], Iterator[tuple[str, list]]]


def pipeline_extractor(
    *, mode: str = "actors", model: str | None = None, actors_files: Sequence[Path] = (),
    batch_size: int | None = None, failures: list | None = None, verbs_files: Sequence[Path] = (),
) -> Extractor:
    """An :data:`Extractor` backed by :func:`kg.pipeline.extract_documents` (one batched parse).

    Documents that fail are reported in ``failures`` (``kg.pipeline.Failure``) and
    yield no relations.
    """
    from kg.config import load_settings
    from kg.pipeline import extract_documents
    from kg.records import Document

    changes: dict[str, Any] = {"model": model, "batch_size": batch_size}
    if actors_files:
        changes["actors_files"] = tuple(Path(p) for p in actors_files)
    if verbs_files:
        changes["verbs_files"] = tuple(Path(p) for p in verbs_files)
    settings = load_settings(**changes)
    sink = failures if failures is not None else []

    def run(items: Iterable[tuple[str, str, Any]]) -> Iterator[tuple[str, list]]:
        docs = [Document(id=doc_id, text=text, published=published) for doc_id, text, published in items]
        seen: set[str] = set()
        for doc, rels in extract_documents(docs, settings=settings, failures=sink, mode=mode):
            seen.add(doc.id)
            yield doc.id, list(rels)
        for doc in docs:  # failed documents: no relations
            if doc.id not in seen:
                yield doc.id, []

    return run


def model_description(model: str | None = None) -> str:
    """``name version`` of the spaCy pipeline the benchmarks use (loads it)."""
    try:
        from kg.nlp import load_pipeline

        nlp = load_pipeline(model)
        return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"
    except Exception as exc:  # the report must still print
        return f"unavailable ({exc.__class__.__name__})"


def machine_description() -> str:
    """CPU count, Python and platform, for the figures' footnote."""
    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def table(rows: Sequence[Sequence[Any]], header: Sequence[str] | None = None) -> str:
    """A plain aligned text table."""
    cells = [[_fmt(c) for c in row] for row in ([header] if header else []) + list(rows)]
    if not cells:
        return ""
    widths = [max(len(r[i]) if i < len(r) else 0 for r in cells) for i in range(max(len(r) for r in cells))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        if header and n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def ratio(num: float, den: float, empty: float = 0.0) -> float:
    """``num / den``, or ``empty`` when ``den`` is 0."""
    return num / den if den else empty


def f1(p: float, r: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0
