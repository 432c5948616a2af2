"""PETRARCH-format CAMEO verb dictionaries: matching a verb in its clause.

:mod:`kg.verbformat` reads the format (verb blocks, their patterns, synsets); this module
matches a verb against them, loads the shipped dictionary and the user's verb files, and holds
the one extraction runs with (:func:`using_verbs`). A pattern's words before its ``*`` must
stand before the verb, its words after it after the verb, in order (other words may come
between); a noun matches its plural.

:meth:`VerbDictionary.match` gives the most specific pattern of a verb: the one that
matched the most words; the verb's own code (else its block's) when no pattern matches.

>>> d = VerbDictionary.from_text('''
... --- MEET [040] ---
... HOLD {HOLDS HELD HOLDING} [---]
... - * TALKS [046] # HOLD
... - * TALKS (WITH +) [046] # HOLD
... - * {PEACE TALKS} [045] # HOLD
... ''')
>>> d.match("hold", after=["talks", "with", "rome"]).code
'046'
>>> d.match("hold", after=["peace", "talks"]).code, d.match("hold", after=["a", "rally"]).code
('045', '')
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.dictionaries import data_dir
from kg.errors import DictionaryError
from kg.verbformat import Element, VerbLine, VerbPattern, read_verbs

__all__ = ["VerbDictionary", "VerbMatch", "VerbPattern", "default_verbs", "read_verb_files", "active_verbs",
           "using_verbs", "singular"]


def singular(word: str) -> str:
    """A crude singular, for matching pattern nouns against the text ("talks" ~ "talk").

    >>> singular("warrants"), singular("rallies"), singular("press")
    ('warrant', 'rally', 'press')
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_singular = functools.lru_cache(maxsize=1 << 16)(singular)


@dataclass(frozen=True)
class VerbMatch:
    """What :meth:`VerbDictionary.match` found.

    Attributes:
        code: the event code, ``""`` for no event.
        words: how many words besides the verb matched (0: the verb alone).
        source: ``file:line`` of the pattern or verb line that decided.
        pattern: the pattern that matched, None for the verb alone.
    """

    code: str
    words: int
    source: str
    pattern: VerbPattern | None = None


Word = str | tuple[str, ...]
"""A word of the text: its form, or its forms (text and lemma), lower case."""


def _find(element: Element, words: Sequence[Word], start: int, stop: int) -> tuple[int, int] | None:
    """The first position >= start where one of the element's phrases matches, with its end."""
    for i in range(start, stop):
        for phrase in element:
            n = len(phrase)
            if i + n <= stop and (not n or _same(phrase[0], words[i])) \
                    and all(_same(phrase[k], words[i + k]) for k in range(1, n)):  # the first word apart: a hot loop
                return i, i + n
    return None


def _same(pattern_word: str, word: str | tuple[str, ...]) -> bool:
    if isinstance(word, tuple):
        for w in word:
            if pattern_word == w or (pattern_word[:1] == w[:1] and _singular(pattern_word) == _singular(w)):
                return True
        return False
    # singular() keeps a word's first letter: most pairs differ there (a hot loop: patterns x words)
    return pattern_word == word or (pattern_word[:1] == word[:1] and _singular(pattern_word) == _singular(word))


def _match_after(elements: Sequence[Element], words: Sequence[Word]) -> bool:
    at = 0
    for element in elements:
        found = _find(element, words, at, len(words))
        if found is None:
            return False
        at = found[1]
    return True


def _match_before(elements: Sequence[Element], words: Sequence[Word]) -> bool:
    """Elements in order, all before the verb (``words`` are the words before it, in text order)."""
    end = len(words)
    for element in reversed(elements):
        best = None
        for i in range(end - 1, -1, -1):  # the last occurrence before ``end``
            found = _find(element, words, i, end)
            if found is not None and found[0] == i:
                best = found
                break
        if best is None:
            return False
        end = best[0]
    return True


class VerbDictionary:
    """Verb lemma → its verb lines and patterns, read from one or more PETRARCH-format files."""

    def __init__(self) -> None:
        self._verbs: dict[str, list[VerbLine]] = {}
        self._forms: dict[str, list[VerbLine]] = {}
        """Word form → verb lines: each verb, its ``{...}`` forms, else its regular forms."""
        self.sources: tuple[str, ...] = ()

    def __contains__(self, word: object) -> bool:
        """True for a verb lemma or form the dictionary lists."""
        return isinstance(word, str) and (word.lower() in self._verbs or word.lower() in self._forms)

    def __len__(self) -> int:
        return len(self._verbs)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> "VerbDictionary":
        """Read a PETRARCH-format verb dictionary.

        Raises:
            DictionaryError: the file cannot be read, or a line is malformed (the message
                names the file and line).
        """
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DictionaryError(f"{p}: not UTF-8 text ({exc.reason}): cannot read verb dictionary") from None
        except OSError as exc:
            raise DictionaryError(f"cannot read verb dictionary {p}: {exc.strerror or exc}") from None
        return cls.from_text(text, name=str(p))

    @classmethod
    def from_text(cls, text: str, *, name: str = "<verbs>") -> "VerbDictionary":
        """Read verb-dictionary text (see the module docstring); ``name`` is used in errors."""
        d = cls()
        d._verbs, d._forms = read_verbs(text, name)
        if not d._verbs:
            raise DictionaryError(f"{name}: no verb found (a verb dictionary has '--- NAME [code] ---' blocks "
                                  "of verb lines and '- * WORDS [code]' patterns)")
        d.sources = (name,)
        return d

    def verbs(self) -> Iterator[str]:
        """The verb lemmas this dictionary knows."""
        return iter(self._verbs)

    def match(self, lemma: str, *, form: str | None = None, before: Sequence[Word] = (),
              after: Sequence[Word] = (), compound: bool = False) -> VerbMatch | None:
        """The most specific entry of the verb given the words around it; None for an unknown verb.

        Args:
            lemma: the verb's lemma ("hold").
            form: the verb as written ("held"); when given and listed, it is looked up first, as
                PETRARCH does (a dictionary may code "LEFT" apart from "LEAVE").
            before: the words before the verb in its sentence, in text order (lower case; a
                word may be a tuple of its forms, e.g. text and lemma).
            after: the words after the verb in its clause, likewise.
            compound: the verb's subject is compound (for ``%`` patterns).

        A pattern matching more words beats one matching fewer; between equals, the
        earlier line wins; a multi-word verb ("cordon off") counts its extra words; the
        verb alone (its own code, else its block's) is the fallback.
        """
        entries = (self._forms.get(form.lower()) if form else None) or self._verbs.get(lemma.lower()) \
            or self._forms.get(lemma.lower())
        if not entries:
            return None
        best: VerbMatch | None = None
        for verb in entries:
            extra = len(verb.before) + len(verb.after)
            if extra and not (_match_before([(verb.before,)] if verb.before else [], before)
                              and _match_after([(verb.after,)] if verb.after else [], after)):
                continue
            if best is None or extra > best.words:
                best = VerbMatch(verb.code, extra, verb.name, None)
            for pattern in verb.patterns:
                n = pattern.words + extra
                if best is not None and n <= best.words:
                    continue
                if pattern.compound and not compound:
                    continue
                if _match_before(pattern.before, before) and _match_after(pattern.after, after):
                    best = VerbMatch(pattern.code, n, pattern.source, pattern)
        return best

    def extend(self, other: "VerbDictionary") -> "VerbDictionary":
        """A dictionary whose verbs are ``other``'s where both know a verb, else this one's."""
        out = VerbDictionary()
        out._verbs = {**self._verbs, **other._verbs}
        out._forms = {**self._forms, **other._forms}
        out.sources = (*self.sources, *other.sources)
        return out


@functools.cache
def default_verbs() -> VerbDictionary:
    """The shipped CAMEO.2.0 verb dictionary (``ontologies/dictionaries/cameo_patterns.txt``), read once."""
    return VerbDictionary.from_file(data_dir() / "cameo_patterns.txt")


@functools.lru_cache(maxsize=8)
def _read_verb_files(paths: tuple[str, ...], stamps: tuple[float, ...]) -> VerbDictionary | None:
    d: VerbDictionary | None = None
    for p in paths:
        one = VerbDictionary.from_file(p)
        d = one if d is None else d.extend(one)
    return d


def read_verb_files(paths: Iterable[str | os.PathLike[str]]) -> VerbDictionary | None:
    """The user's verb files merged (a later file's verb replaces an earlier one's); None for none.

    Cached per paths and modification times (a build reads them once per process).
    """
    names = tuple(str(p) for p in paths)
    if not names:
        return None
    stamps = []
    for p in names:
        try:
            stamps.append(os.stat(p).st_mtime)
        except OSError as exc:
            raise DictionaryError(f"cannot read verb dictionary {p}: {exc.strerror or exc}") from None
    return _read_verb_files(names, tuple(stamps))


_ACTIVE: contextvars.ContextVar[VerbDictionary | None] = contextvars.ContextVar("kg_user_verbs", default=None)


def active_verbs() -> VerbDictionary | None:
    """The user verb dictionary extraction is running with (:func:`using_verbs`), else None."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using_verbs(verbs: VerbDictionary | None) -> Iterator[None]:
    """Code events with ``verbs`` (a user dictionary, which wins over the shipped one) inside the block."""
    token = _ACTIVE.set(verbs)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
