"""The README's examples work on the store the README builds: its document ids exist, its
queries run and find something, the actors it names resolve, its time window keeps events."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
pytestmark = pytest.mark.model


def _commands(prefix: str) -> list[list[str]]:
    """Every ``kg PREFIX …`` line of the README's code blocks, split as a shell would (comments dropped)."""
    found, fence = [], None
    for line in README.splitlines():
        if line.startswith("```"):
            fence = None if fence is not None else line[3:].strip()
            continue
        line = line.removeprefix("$ ").strip()
        if fence in ("sh", "console", "") and line.startswith(f"kg {prefix} "):
            found.append(shlex.split(line, comments=True)[1:])
    return found


@pytest.fixture(scope="module")
def readme_store(nlp, tmp_path_factory):
    """The store of the README's ``kg build … --store kg-store`` line."""
    builds = [args for args in _commands("build") if "kg-store" in args]
    assert len(builds) == 1, builds
    path = tmp_path_factory.mktemp("readme") / "kg-store"
    args = [str(ROOT / a) if (ROOT / a).exists() else a for a in builds[0]]
    assert main([*args[:-1], str(path)]) == 0
    return str(path)


def test_readme_document_ids_are_in_its_store(readme_store):
    from kg.rdf.store import Store

    ids = set(re.findall(r"\bsample-\d\d\b", README)) | set(re.findall(r"/id/doc/([\w-]+)", README))
    assert ids
    with Store.open(readme_store) as st:
        stored = {str(r[0]) for r in st.query("SELECT ?id WHERE { ?d kgo:docId ?id }").rows}
    assert ids <= stored, ids - stored


def test_readme_queries_run_and_find_something(readme_store, capsys):
    queries = _commands("query")
    assert len(queries) >= 3
    for args in queries:
        args = [str(ROOT / a) if a.endswith(".rq") else a for a in args]
        capsys.readouterr()
        assert main([*args, "--store", readme_store]) == 0, args
        out = capsys.readouterr().out
        assert out.strip() and out.strip() != "false", args
        assert len(out.strip().splitlines()) >= 2 or "true" in out, (args, out)


def test_readme_actor_commands_resolve(readme_store, capsys):
    from kg.analytics import resolve_actor
    from kg.rdf.store import Store

    names = [args[1] for args in _commands("actor")]
    names += [n for args in _commands("path") for n in args[1:3]]
    names += [args[args.index("--focus") + 1] for args in _commands("viz") if "--focus" in args]
    assert len(names) >= 4
    with Store.open(readme_store) as st:
        for name in names:
            resolve_actor(st, name)


def test_readme_time_window_keeps_events(readme_store, capsys):
    since, until = re.search(r"`--since (\S+)` / `--until (\S+)`", README).groups()
    assert main(["analyze", "--store", readme_store, "--since", since, "--until", until, "--json"]) == 0
    out, err = capsys.readouterr()
    assert '"events": 0' not in out and "note" not in err
