"""Helpers for the ingest tests: read everything, collecting failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import IngestFailure, read_documents
from kg.records import Document

DATA = Path(__file__).parent.parent / "data" / "ingest"


class Collected:
    """Documents and failures from one ``read_documents`` call."""

    def __init__(self, sources, **kwargs) -> None:
        self.failures: list[IngestFailure] = []
        self.docs: list[Document] = list(read_documents(sources, on_error=self.failures.append, **kwargs))


@pytest.fixture
def collect():
    """Call as ``collect([paths], max_input_bytes=...)`` → Collected."""
    return Collected


@pytest.fixture
def data_dir() -> Path:
    return DATA
