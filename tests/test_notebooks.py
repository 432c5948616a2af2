"""The notebooks in notebooks/: stored clean, executed end to end, and their inline view offline.

Each notebook runs once per session in a fresh kernel of *this* interpreter (a
kernelspec made for ``sys.executable`` in a temporary Jupyter path, so the
notebooks see the kg under test whatever ``python`` is first on PATH). A cell
that raises fails the run; ``test_runner_fails_on_a_broken_cell`` shows it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kgtest import ROOT, SHARED, need

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
except ImportError:  # pragma: no cover - the notebook extra is installed by make test
    nbformat = None

NOTEBOOKS_DIR = ROOT / "notebooks"
NOTEBOOKS = ["01_quickstart", "02_sparql", "03_network_analysis", "04_corpus"]
KERNEL = "newskg-test"
PROBE = "KG-PROBE "
SEED = SHARED / "seed" / "article.txt"


def _need_jupyter() -> None:
    need(nbformat is not None, "nbformat/nbclient are not installed: pip install -e '.[notebook]'")
    try:
        import ipykernel  # noqa: F401
    except ImportError:
        need(False, "ipykernel is not installed: pip install -e '.[notebook]'")


def _need_model() -> None:
    from kg.errors import ModelError
    from kg.nlp import load_pipeline

    try:
        load_pipeline()
    except ModelError as exc:
        need(False, str(exc))


# ------------------------------------------------------------------ the runner


def make_jupyter_path(base: Path) -> Path:
    """A Jupyter data dir holding one kernelspec that runs ipykernel on this very interpreter."""
    spec = base / "kernels" / KERNEL
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "newskg tests", "language": "python",
    }), encoding="utf-8")
    return base


def run_notebook(nb, *, cwd: Path, jupyter_path: Path, tmpdir: Path | None = None, timeout: int = 300):
    """Execute ``nb`` in place, top to bottom; raises ``CellExecutionError`` at the first failing cell."""
    env = {**os.environ, "JUPYTER_PATH": str(jupyter_path), "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    if tmpdir is not None:
        env.update(TMPDIR=str(tmpdir), TEMP=str(tmpdir), TMP=str(tmpdir))
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(cwd)}})
    with pytest.MonkeyPatch.context() as mp:  # the kernelspec is looked up in this process
        mp.setenv("JUPYTER_PATH", str(jupyter_path))
        client.execute(env=env)
    return nb


def _probe_cell():
    """Appended to 01 for the view test: the node labels of the graph ``G`` the view draws."""
    return nbformat.v4.new_code_cell(
        f'import json as _json\nprint({PROBE!r} + _json.dumps(sorted(G.nodes[n]["label"] for n in G)))')


@pytest.fixture(scope="session")
def jupyter_path(tmp_path_factory) -> Path:
    _need_jupyter()
    return make_jupyter_path(tmp_path_factory.mktemp("jupyter"))


class _Executed:
    """Runs each notebook at most once per session, in a private TMPDIR; keeps the result."""

    def __init__(self, jupyter_path: Path, base: Path) -> None:
        self.jupyter_path = jupyter_path
        self.base = base
        self.done: dict[str, tuple[object, Path] | BaseException] = {}

    def __call__(self, name: str):
        if name not in self.done:
            nb = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
            if name == "01_quickstart":
                nb.cells.append(_probe_cell())
            tmpdir = self.base / name
            tmpdir.mkdir()
            try:
                run_notebook(nb, cwd=NOTEBOOKS_DIR, jupyter_path=self.jupyter_path, tmpdir=tmpdir)
            except Exception as exc:  # every test of this notebook reports the failing cell, none reruns it
                self.done[name] = exc
            else:
                self.done[name] = (nb, tmpdir)
        result = self.done[name]
        if isinstance(result, BaseException):
            pytest.fail(f"{name}.ipynb failed:\n{result}", pytrace=False)
        return result


@pytest.fixture(scope="session")
def executed(jupyter_path, tmp_path_factory) -> _Executed:
    _need_model()
    return _Executed(jupyter_path, tmp_path_factory.mktemp("notebook-tmp"))


def _outputs(nb, mime: str) -> list[str]:
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", ()):
            data = out.get("data", {}).get(mime)
            if data is not None:
                found.append(data if isinstance(data, str) else "".join(data))
            if mime == "stream" and out.get("output_type") == "stream":
                found.append(out["text"])
    return found


# ------------------------------------------------------------------ stored notebooks


def test_notebooks_are_the_four_documented_ones():
    assert sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb")) == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_stored_clean(name):
    _need_jupyter()
    path = NOTEBOOKS_DIR / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for cell in code:
        assert cell.outputs == [] and cell.execution_count is None, f"{name}: outputs not cleared"
    text = path.read_text(encoding="utf-8")
    assert "/work/" not in text and "/home/" not in text  # no machine-specific paths
    source = "\n".join(c.source for c in code)
    assert "tempfile.TemporaryDirectory" in source and "workdir.cleanup()" in source  # leaves nothing behind


def test_notebooks_are_linked_with_one_line_each():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in [readme]:
        section = re.search(r"^## Notebooks\s*$(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
        assert section, "no ## Notebooks section"
        for name in NOTEBOOKS:
            line = next((ln for ln in section.group(1).splitlines() if f"notebooks/{name}.ipynb)" in ln), None)
            assert line, f"{name} is not linked"
            assert len(line.split(")", 1)[1].strip(" :-–—")) > 20, f"{name}: say what it shows"


# ------------------------------------------------------------------ the runner itself


def test_runner_fails_on_a_broken_cell(jupyter_path, tmp_path):
    """The runner CI uses stops at the first failing cell and fails: shown once, on a notebook made here."""
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[
        v4.new_code_cell("import kg\nfrom kg.rdf.store import Store\nstore = Store.memory()"),
        v4.new_code_cell("kg.frame('SELECT this is not SPARQL', store=store)  # deliberately broken"),
        v4.new_code_cell("print('never reached')"),
    ])
    with pytest.raises(CellExecutionError) as err:
        run_notebook(nb, cwd=tmp_path, jupyter_path=jupyter_path, timeout=120)
    assert "QueryError" in str(err.value) and "invalid SPARQL" in str(err.value)
    assert nb.cells[0].execution_count == 1 and nb.cells[2].execution_count is None
    assert [o["output_type"] for o in nb.cells[1].outputs] == ["error"]


def test_runner_uses_this_interpreter(jupyter_path, tmp_path):
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[v4.new_code_cell("import sys, kg\nprint(sys.executable, kg.__file__)")])
    run_notebook(nb, cwd=tmp_path, jupyter_path=jupyter_path, timeout=120)
    printed = nb.cells[0].outputs[0]["text"].split()
    assert Path(printed[0]).resolve() == Path(sys.executable).resolve()
    assert Path(printed[1]).resolve() == (ROOT / "kg" / "__init__.py").resolve()


# ------------------------------------------------------------------ executing the notebooks


@pytest.mark.model
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_leaves_nothing_behind(executed, name):
    before = sorted(p.name for p in NOTEBOOKS_DIR.iterdir())
    root_before = sorted(p.name for p in ROOT.iterdir())
    nb, tmpdir = executed(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "a cell did not run"
    assert not [o for c in code for o in c.outputs if o["output_type"] == "error"]
    assert not [p.name for p in tmpdir.iterdir() if p.name.startswith("kg-notebook-")], "temporary store left behind"
    assert sorted(p.name for p in NOTEBOOKS_DIR.iterdir()) == before
    assert sorted(p.name for p in ROOT.iterdir()) == root_before


@pytest.mark.model
def test_sparql_notebook_frames_are_typed(executed):
    nb, _ = executed("02_sparql")
    printed = "".join(_outputs(nb, "stream"))
    assert "'published': 'datetime64" in printed  # dcterms:date became a datetime column
    assert "'events': 'int64'" in printed and "'day': 'datetime64" in printed


@pytest.mark.model
def test_network_notebook_plots(executed):
    nb, _ = executed("03_network_analysis")
    assert len(_outputs(nb, "image/png")) >= 2  # the dyad chart and the actor's weekly events
    assert any('class="kg-profile"' in h for h in _outputs(nb, "text/html"))


class _Attrs(HTMLParser):
    """Every tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _loads_from_network(page: str) -> list[str]:
    """What in ``page`` would fetch something from a server: src/href/action URLs, CSS url()/@import."""
    parser = _Attrs()
    parser.feed(page)
    bad = [f"<{tag} {k}={v}>" for tag, attrs in parser.tags for k, v in attrs.items()
           if k in ("src", "href", "action", "data", "poster", "srcset", "background") and v
           and not v.startswith(("data:", "#", "about:"))]
    bad += re.findall(r"url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", page)
    bad += re.findall(r"@import\s+[^;]+;", page)
    return bad


@pytest.mark.model
def test_quickstart_inline_view_is_offline_and_holds_the_graph(executed):
    nb, _ = executed("01_quickstart")
    probe = next(t for t in _outputs(nb, "stream") if t.startswith(PROBE))
    labels = json.loads(probe[len(PROBE):])
    assert labels, "the quickstart graph is empty"

    views = [h for h in _outputs(nb, "text/html") if "<iframe" in h]
    assert len(views) == 1
    frame = views[0]
    # the output cell holds the whole page in srcdoc: no src= to a file or a server (PyVis's blank output)
    tag = re.fullmatch(r'\s*<iframe srcdoc="([^"]*)"([^>]*)></iframe>\s*', frame)
    assert tag, frame[:200]
    assert "src=" not in tag.group(2) and "http" not in tag.group(2)
    page = html.unescape(tag.group(1))
    assert page.startswith("<!DOCTYPE html>") and "vis.Network" in page
    assert _loads_from_network(page) == [] and _loads_from_network(frame) == []
    assert "default-src 'none'" in page  # and the page's CSP would block any request anyway

    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page,
                                flags=re.DOTALL).group(1))
    assert sorted(n["label"] for n in data["nodes"]) == labels
    assert data["edges"] and all(e["rel"] for e in data["edges"])
    # the text/plain fallback beside it is a short summary, not the 0.5 MB page again
    cell = next(c for c in nb.cells if any("<iframe" in "".join(o.get("data", {}).get("text/html", ""))
                                           for o in c.get("outputs", ())))
    plain = "".join(cell.outputs[0]["data"]["text/plain"])
    assert len(plain) < 200


@pytest.mark.model
def test_quickstart_runs_without_the_seed_article(jupyter_path, tmp_path):
    """The optional ../shared/seed/article.txt: 01 falls back to a bundled article when it is absent."""
    _need_model()
    if not SEED.is_file():
        pytest.skip("the seed is absent already: the main run covered the fallback")
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    (repo / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    shutil.copy(NOTEBOOKS_DIR / "01_quickstart.ipynb", repo / "notebooks")
    nb = nbformat.read(repo / "notebooks" / "01_quickstart.ipynb", as_version=4)
    run_notebook(nb, cwd=repo / "notebooks", jupyter_path=jupyter_path, tmpdir=tmp_path)
    assert any(t.startswith("04_dermer_washington_talks.txt") for t in _outputs(nb, "stream"))


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.model
@pytest.mark.browser
def test_quickstart_inline_view_draws_in_a_notebook_page_offline(executed):
    """The output cell, put in a page as Jupyter or VS Code would, draws the graph in Chromium with the network cut."""
    need(Path(CHROMIUM).exists(), f"Chromium is not installed at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    nb, _ = executed("01_quickstart")
    labels = json.loads(next(t for t in _outputs(nb, "stream") if t.startswith(PROBE))[len(PROBE):])
    frame = next(h for h in _outputs(nb, "text/html") if "<iframe" in h)
    host = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="output_html">{frame}</div></body></html>'
    url, requests = "http://notebook.invalid/", []

    def route(r):
        if r.request.url == url:
            r.fulfill(body=host, content_type="text/html; charset=utf-8")
        else:
            requests.append(r.request.url)
            r.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.route("**/*", route)
            page.goto(url)
            view = next(f for f in page.frames if f.url == "about:srcdoc")
            view.wait_for_function("window.kg && kg.network && kg.network.body.nodeIndices.length > 0", timeout=15000)
            assert view.evaluate("kg.network.body.nodeIndices.length") == len(labels)
            assert sorted(view.evaluate("kg.data.nodes.map((n) => n.label)")) == labels
            box = page.locator("iframe").bounding_box()
            assert box and box["height"] >= 400 and box["width"] > 300  # not a blank, collapsed output
        finally:
            browser.close()
    assert requests == []
