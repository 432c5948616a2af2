"""The graph a build makes, as sorted N-Quads and a digest: compare a build before and after a change.

    python -m benchmarks.graph_dump OUT.nq [--generated 300] [--processes 1]

Builds the sample corpus (``examples/``) and ``--generated`` made-up BBC-style
documents (:mod:`benchmarks.bbc_style`) into a fresh store, writes every quad
sorted to ``OUT.nq`` and prints the count and SHA-256. Run it on two commits
(e.g. from ``git worktree`` checkouts): the same digest means the same graph
(the build mints no blank nodes, so equal sorted N-Quads are isomorphic graphs).
Measured for issue 18 (the build re-housed into ``kg/pipeline/``): the same digest
before and after each of its steps.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = [ROOT / "examples" / "articles", ROOT / "examples" / "articles.jsonl", ROOT / "examples" / "article.html"]


def graph_lines(work: Path, *, generated: int = 300, processes: int = 1) -> list[str]:
    """Sorted N-Quads lines of a fresh build of the sample and ``generated`` made-up documents (in ``work``);
    the sources (``kgo:source``, paths as given) are made relative to ``work`` and the repository."""
    from benchmarks.bbc_style import documents
    from kg.config import load_settings
    from kg.pipeline import build
    from kg.rdf.store import ExportFormat, Store

    corpus = work / "bbc-style.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for doc in documents(generated):
            f.write(json.dumps({"id": doc.id, "text": doc.text, "published": doc.published.isoformat()}) + "\n")
    store = work / "store"
    report = build([*map(str, SAMPLE), str(corpus)], store=store, settings=load_settings(processes=processes))
    if report.failures:
        raise SystemExit(f"build failed on {report.failures}")
    buf = io.BytesIO()
    with Store.open(store) as st:
        st.export(buf, ExportFormat.NQUADS)
    text = buf.getvalue().decode("utf-8")  # sources as given, made independent of where the files are
    return sorted(text.replace(f'"{work}/', '"').replace(f'"{ROOT}/', '"').splitlines())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--generated", type=int, default=300)
    ap.add_argument("--processes", type=int, default=1)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-graph-dump-") as tmp:
        lines = graph_lines(Path(tmp), generated=args.generated, processes=args.processes)
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(lines)} quads, sha256 {hashlib.sha256(text.encode('utf-8')).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
