"""What counts as a name: pronouns and descriptions are mentions, never names.

Only names become an actor's ``rdfs:label``/``skos:altLabel`` (an unnamed actor
such as "gunmen" keeps its canonical descriptive label); "he", "both sides",
"the company" or "Iran's envoy" are recorded as mentions with the rule that
resolved them. Concepts with a proper name ("Abraham Accords") may be shared by
documents; other concepts ("the proposal") belong to their document.
Pure Python, no imports from other stages: every stage may use it.
"""

from __future__ import annotations

import functools
import re

__all__ = ["PRONOUNS", "is_pronoun", "is_name", "normalize_name"]

PRONOUNS = frozenset({
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
    "they", "them", "their", "theirs", "themselves", "i", "me", "my", "mine", "myself",
    "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
    "who", "whom", "whose", "which", "that", "this", "these", "those", "both", "one", "each other",
    "one another", "both sides", "both parties", "both countries", "both men", "both women",
    "the two", "the two sides", "the two countries", "the two men", "the two leaders", "each", "all",
    "someone", "somebody", "everyone", "everybody", "nobody", "no one", "others", "the other",
})
"""Words and phrases that only point at an actor (lower case)."""

_NOT_NAME_START = frozenset({
    "his", "her", "its", "their", "our", "my", "your", "whose", "both", "all", "each", "some",
    "many", "several", "a", "an", "this", "that", "these", "those", "two", "three", "other",
    "another", "either", "neither", "such", "any", "no", "every", "most", "few",
})
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "du", "del", "della", "des",
                        "la", "le", "van", "von", "der", "den", "ter", "ten"})
"""Lower-case words a name may start with ("al-Sisi", "bin Salman", "von der Leyen", "de Gaulle")."""
_EDGE = " \t\n\"'“”‘’.,;:()[]"


_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


@functools.lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """A name as written, tidied: whitespace collapsed, quotes unified, surrounding punctuation stripped
    (cached: extraction asks for the same names again and again).

    >>> normalize_name("  the  U.S. ")
    'the U.S.'
    """
    return _SPACES.sub(" ", name.translate(_QUOTES)).strip().strip(" \"',;:()[]")


def _clean(text: str) -> str:
    return " ".join(str(text).replace("\u2019", "'").split()).strip(_EDGE)


def is_pronoun(text: str) -> bool:
    """True for a pronoun or a phrase that only points at someone ("he", "It", "both sides").

    >>> is_pronoun("He"), is_pronoun("both sides"), is_pronoun("Hezbollah"), is_pronoun("US")
    (True, True, False, False)
    """
    cleaned = _clean(text)
    if not cleaned or (cleaned.isupper() and len(cleaned) > 1):
        return False  # "US", "IT" as written are acronyms
    return cleaned.lower() in PRONOUNS


def is_name(text: str) -> bool:
    """True when ``text`` is a proper name ("Benjamin Netanyahu", "the Kremlin", "U.S."), False
    for a pronoun or a description ("he", "the company", "Iran's envoy", "US officials").

    A name's first and last words (its head) have a capital letter or a digit
    (the first may be a particle: "al-Sisi", "von der Leyen"); a phrase that
    starts with a possessive or a quantifier ("its foreign ministry", "both
    sides") or a common noun ("union leaders in London") is a description. A
    leading "the" is allowed ("the Netherlands").

    >>> [is_name(t) for t in ("Khalil al-Hayya", "the European Commission", "U.N.", "G7")]
    [True, True, True, True]
    >>> [is_name(t) for t in ("He", "it", "both sides", "the minister", "Iran's envoy", "Hamas leaders")]
    [False, False, False, False, False, False]
    >>> [is_name(t) for t in ("Its Foreign Ministry", "", "  ", "gunmen", "union leaders in London")]
    [False, False, False, False, False]
    >>> [is_name(t) for t in ("al-Sisi", "von der Leyen", "eBay")]
    [True, True, True]
    """
    cleaned = _clean(text)
    if not cleaned or is_pronoun(cleaned):
        return False
    words = cleaned.split()
    if words[0].lower() == "the":
        words = words[1:]
    if not words or words[0].lower() in _NOT_NAME_START:
        return False
    head, first = words[-1], words[0]
    if head.lower().endswith(("'s", "'")):  # "Reuters'", a possessive is no head
        return False
    if not _capital(first) and first.lower().split("-")[0] not in _PARTICLES:
        return False
    return _capital(head)


def _capital(word: str) -> bool:
    return any(c.isupper() or c.isdigit() for c in word)
