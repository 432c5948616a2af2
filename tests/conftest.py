"""The one conftest: the real spaCy pipeline, paths to shared data, helpers for skipping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, why: str) -> None:
    """Skip when a component is missing, but fail in CI (where .ci/run installs it)."""
    if not condition:
        if IN_CI:
            pytest.fail(f"required in CI: {why}")
        pytest.skip(why)


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
