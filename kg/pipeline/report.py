"""What a build did: the report, and the documents (or inputs) that failed on the way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kg.records import Document
from kg.words import counted

__all__ = ["Failure", "BuildReport", "Progress"]

Progress = Callable[[Document], None]
"""Told each document once it is done with (written, skipped or failed)."""


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input) that could not be processed; the rest went on."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(slots=True)
class BuildReport:
    """What a build did."""

    store: str
    documents: int = 0
    added: int = 0
    skipped: int = 0
    replaced: int = 0
    relations: int = 0
    events: int = 0
    actors: int = 0
    quads: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def summary(self) -> str:
        """One paragraph for people."""
        replaced = f", {counted(self.replaced, 'earlier version')} replaced" if self.replaced else ""
        text = (
            f"{counted(self.documents, 'document')} read, {self.added:,} added{replaced}, {self.skipped:,} already in the store; "
            f"{counted(self.relations, 'relation')}, {counted(self.events, 'event')}, {counted(self.actors, 'actor')}; "
            f"{counted(self.quads, 'quad')} written to {self.store} in {self.seconds:.1f}s; "
            f"{counted(len(self.failures), 'failure')}"
        )
        return text + "".join(f"\n  failed: {f}" for f in self.failures)
