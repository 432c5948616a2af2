"""The PETRARCH-2 validation dictionaries the unit-record benchmark gives ``kg``.

``kg`` reads PETRARCH-format actor and agent dictionaries itself (``--actors FILE``,
``Settings.actors_files``; :mod:`kg.actordict`): dated code blocks are resolved on each
document's date and agent nouns compose with countries inside ``kg`` ("Arnor officials" →
``ARNGOV``). So the harness only names the files; it no longer converts them or composes
"actor + agent" phrases of the texts (that was the harness doing ``kg``'s job).
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ACTORS", "AGENTS", "dictionary_files"]

ACTORS = "PETR.Validate.actors.txt"
AGENTS = "PETR.Validate.agents.txt"


def dictionary_files(folder: Path) -> tuple[Path, Path]:
    """The actor and agent dictionaries of the validation suite in ``folder``."""
    return folder / ACTORS, folder / AGENTS
