"""The one conftest: the real spaCy pipeline, paths to shared data, helpers for skipping."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import pytest

from kgtest import IN_CI, SHARED, need


def pytest_configure(config):
    """``--doctest-modules`` imports every module of kg/; kg/server/* need the server extra (Starlette).

    Without it their doctests are skipped ("unable to import module"), except in CI, where every
    extra is installed and an import error fails the run.
    """
    if not IN_CI and find_spec("starlette") is None:
        config.option.doctest_ignore_import_errors = True


@pytest.fixture(scope="session")
def nlp():
    """The real default spaCy pipeline, loaded once."""
    from kg.errors import ModelError
    from kg.nlp import load_pipeline

    try:
        return load_pipeline()
    except ModelError as exc:
        need(False, str(exc))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repo; tests that read it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_article(shared_dir: Path) -> str:
    path = shared_dir / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip("../shared/seed/article.txt is absent")
    return path.read_text(encoding="utf-8")
