"""Issue 16 item 3: what a fresh ``pip install`` gives must read every input kind.

The HTML reader needs ``lxml.html.clean``, a separate project (``lxml_html_clean``)
since lxml 5.2: it is declared, and a reader that cannot be imported fails only the
inputs of its kind, never the whole build.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from kgtest import ROOT
from robustkit import assert_no_traceback, env

ARTICLE_HTML = """<html><head><title>Port talks</title></head><body><article>
<h1>Port talks</h1>
<p>The harbour authority of Westmark said on Tuesday that negotiations with the dock workers had resumed
after a week of strikes that left dozens of container ships waiting outside the port.</p>
<p>The union's spokesman told reporters that the workers wanted a written promise about pay and hours
before they would return to the cranes.</p>
</article></body></html>
"""


def test_the_html_cleaner_is_a_declared_dependency():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.replace("-", "_").lower().startswith("lxml_html_clean") for d in deps), deps
    import lxml.html.clean  # noqa: F401  (what justext, under trafilatura, imports)


def test_a_reader_that_cannot_be_imported_fails_its_inputs_only(tmp_path):
    """As on a fresh install without lxml_html_clean: the .txt is built, the .html is one skipped input."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.html").write_text(ARTICLE_HTML, encoding="utf-8")
    (folder / "b.txt").write_text("The Westmark harbour authority said on Tuesday that talks with the dock workers "
                                  "had resumed.\n", encoding="utf-8")
    store = tmp_path / "store"
    script = ("import sys; sys.modules['lxml.html.clean'] = None; from kg.cli import main; "
              "sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", script, "build", str(folder), "--store", str(store)],
                          capture_output=True, text=True, timeout=300, env=env(), cwd=ROOT)
    assert_no_traceback(proc)
    assert proc.returncode == 3, proc.stderr  # one input skipped
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("kg: skipped")]
    assert len(skipped) == 1 and "a.html" in skipped[0] and "lxml.html.clean" in skipped[0], proc.stderr
    assert "1 added" in proc.stdout, proc.stdout


def test_check_readers_script_reads_every_kind():
    """``scripts/check_readers.py`` (run by .ci/run in a plain ``pip install .`` venv) passes here too."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_readers.py")], capture_output=True,
                          text=True, timeout=120, env=env(), cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for kind in ("text", "markdown", "html", "jsonl"):
        assert f"{kind}: ok" in proc.stdout, proc.stdout
