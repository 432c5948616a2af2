"""Finding an actor by what people type: the one ranking behind ``kg actor``/``kg path``/``--focus``,
the explorer's search box (``/?q=``) and, ported rule for rule, the ``kg viz`` page's search.

Names are compared folded: case and accents ignored ("noel" finds Jean-Noël
Barrot), hyphens and punctuation read as spaces. A query matches a name, best
first, as:

0. the whole label;
1. the whole of an alias;
2. the initials of the label's words ("UN" → United Nations, "EU" → European
   Union; "of", "the", "and", "for" are skipped);
3. the first whole words of the label ("Unite" → Unite union before United States);
4. the start of the label ("Isr" → Israel);
5. the start of words of the label or an alias, in order ("jake sul" → Jake Sullivan,
   "noel" → Jean-Noël Barrot);
6. anywhere in the label or an alias.

Ties go to the actor with more events, then the shorter label.

>>> rank("UN", [("u1", "Unite union", (), 9), ("u2", "United Nations", ("U.N.",), 3)])
['u2', 'u1']
>>> rank("noel", [("b", "Jean-Noël Barrot", (), 1), ("x", "Noelle Park", (), 5)])
['x', 'b']
>>> fold("  Jean-Noël  BARROT ")
'jean noel barrot'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence

__all__ = ["fold", "initials", "match_tier", "rank"]

_SKIP = frozenset({"of", "the", "and", "for", "de", "la", "le", "du", "des", "al"})
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """``text`` lower-cased, without accents, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", plain.casefold().replace("_", " ")).split())


def initials(folded: str) -> str:
    """The first letters of the words of a folded name, short words skipped ("united nations" → "un")."""
    words = folded.split()
    kept = [w for w in words if w not in _SKIP] or words
    return "".join(w[0] for w in kept)


def match_tier(query: str, label: str, aliases: Iterable[str] = ()) -> int | None:
    """How well ``query`` matches an actor with ``label`` and ``aliases`` (0 best, see the module), else None."""
    q = fold(query)
    if not q:
        return None
    name = fold(label)
    others = [fold(a) for a in aliases]
    if name == q:
        return 0
    if q in others:
        return 1
    compact = q.replace(" ", "")
    if len(compact) >= 2 and len(name.split()) >= 2 and initials(name) == compact:
        return 2
    if name.startswith(q + " "):
        return 3
    if name.startswith(q):
        return 4
    if any(_word_prefixes(q, n) for n in (name, *others)):
        return 5
    if q in name or any(q in a for a in others):
        return 6
    return None


def _word_prefixes(query: str, name: str) -> bool:
    """Every word of ``query`` starts a word of ``name``, in order."""
    words = name.split()
    i = 0
    for part in query.split():
        while i < len(words) and not words[i].startswith(part):
            i += 1
        if i == len(words):
            return False
        i += 1
    return True


def rank(query: str, candidates: Iterable[tuple[Hashable, str, Sequence[str], float]]) -> list[Hashable]:
    """Keys of the ``(key, label, aliases, weight)`` candidates that match ``query``, best first.

    ``weight`` breaks ties within a tier (more events first), then the shorter label.
    """
    scored = []
    for key, label, aliases, weight in candidates:
        tier = match_tier(query, label, aliases)
        if tier is not None:
            scored.append(((tier, -float(weight or 0), len(label), fold(label), str(key)), key))
    return [key for _, key in sorted(scored, key=lambda s: s[0])]
