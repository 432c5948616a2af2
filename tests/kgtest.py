"""Shared test helpers, importable from any test module as ``from kgtest import ...``.

(``tests/`` is on ``sys.path`` through ``pythonpath`` in pyproject.toml; tests import helpers
from here, ``serverkit`` or ``robustkit``, never from ``conftest``, which only holds fixtures.)
"""

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
