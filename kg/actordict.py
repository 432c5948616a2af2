"""PETRARCH-format (TABARI) actor and agent dictionaries, read into plain records.

The format (PETRARCH-2 ``docs/source/dictionaries.rst``; the Phoenix dictionaries use it) has
one actor per line, ``NAME [CODE]``, with ``+SYNONYM`` lines after it and, instead of one code,
an indented block of dated codes::

    GOLLUM
    +SMEAGOL
        [HOB < 950601]
        [HOBGOV 19950601 - 19990815]
        [HOBREB > 990816]

Underscores join words; a name ending in ``_`` is matched exactly, any other may take an
inflection on its last word ("ARGENTIN" names "Argentina" and "Argentines"). ``[---]`` is a
null code (a name that codes nothing). Dates are ``YYYYMMDD`` or ``YYMMDD``. An agent dictionary
lists role nouns, ``NOUN {PLURALS} [~GOV]``: ``~GOV`` is appended to the actor's code ("Arnor
officials" → ``ARNGOV``), ``NGO~`` prepended; ``!MACRO! = A, B`` lines define substitutions.
Both kinds of line may share one file. ``#`` starts a comment, ``<!-- … -->`` too.

:func:`read` gives the :class:`Actor` and :class:`Agent` records; :mod:`kg.dictionaries` turns
them into a dictionary layer (``kg extract --actors FILE``).

>>> actors, agents = read_text('''
... ARNOR_ [ARN]
... +ARNORIAN
... OFFICIAL [~GOV]
... ''', "demo.txt")
>>> actors[0].names, actors[0].blocks, agents[0].code
(('arnor', 'arnorian'), (('ARN', None, None),), 'GOV')
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DictionaryError

__all__ = ["NULL_CODES", "Actor", "Agent", "Block", "looks_like_petrarch", "plural", "read", "read_text"]

log = logging.getLogger(__name__)
NULL_CODES = frozenset({"---", "+++", "###"})
Block = tuple[str, "dt.date | None", "dt.date | None"]
"""(code, valid from, valid to); both dates ``None`` for the default code; code ``""`` for a null code."""

_CODE = re.compile(r"[A-Za-z0-9]+(?:/[A-Za-z0-9]+)*")
_MACRO = re.compile(r"(![A-Z]+!)\s*=\s*(.+)")


@dataclass(frozen=True)
class Actor:
    """One actor entry: its names (normalised: lower case, single spaces; the first is the
    primary), which of them may take an inflection on their last word, its code blocks, and
    the line it starts on."""

    names: tuple[str, ...]
    inflected: tuple[str, ...]
    blocks: tuple[Block, ...]
    line: int

    @property
    def canonical(self) -> str:
        """The primary name in title case ("minas tirith" → "Minas Tirith")."""
        return " ".join(w[:1].upper() + w[1:] for w in self.names[0].split())


@dataclass(frozen=True)
class Agent:
    """A role noun in all its forms (normalised) and its code: ``"GOV"`` is appended to an
    actor's code, ``"NGO~"`` (trailing tilde) prepended."""

    forms: tuple[str, ...]
    code: str
    line: int


def looks_like_petrarch(path: str | Path) -> bool:
    """True when the first entry line of a text file is ``NAME [CODE]``, ``NAME`` followed by
    ``+`` synonyms or an indented ``[CODE]``, or an agent macro (CSV and Turtle files never are)."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            lines = [raw for _, raw in zip(range(400), f)]
    except OSError:
        return False
    entries = [(n, body) for n, body in _bodies(lines) if body.strip()]
    for k, (_, body) in enumerate(entries[:20]):
        text = body.strip()
        if "," in text and "[" not in text and not _MACRO.fullmatch(text):
            return False  # a CSV header or row
        if text.startswith(("+", "[")) or _MACRO.fullmatch(text) or re.search(r"\[\s*[~A-Za-z0-9+#-]", text):
            return True
        if k + 1 < len(entries) and entries[k + 1][1].lstrip().startswith(("+", "[")):
            return True
    return False


def read(path: str | Path) -> tuple[list[Actor], list[Agent]]:
    """The actors and agents of a PETRARCH-format file.

    Raises:
        DictionaryError: unreadable file, or a malformed line (the message names file and line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DictionaryError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc.strerror})") from exc
    return read_text(text, str(path))


class _Malformed(DictionaryError):
    """One malformed line: skipped with a warning (the Phoenix files have a few typos)."""


def read_text(text: str, where: str = "<text>") -> tuple[list[Actor], list[Agent]]:
    """:func:`read` on a string; ``where`` names it in messages.

    A code block or synonym before any actor name is an error; a malformed line (a date
    such as ``9008223``, an unbalanced bracket, an undefined macro) is skipped with a
    logged warning naming it, unless nothing else in the file could be read.
    """
    actors: list[Actor] = []
    agents: list[Agent] = []
    macros: dict[str, list[str]] = {}
    current: dict | None = None
    skipped: list[_Malformed] = []

    def close() -> None:
        if current is not None and current["names"]:
            actors.append(Actor(tuple(current["names"]), tuple(current["inflected"]), tuple(current["blocks"]),
                                current["line"]))

    for number, body in _bodies(text.splitlines()):
        stripped = body.strip()
        if not stripped:
            continue
        try:
            indented = body[:1] in (" ", "\t")
            if stripped.startswith("[") and (indented or current is not None and not current["blocks"]):
                if current is None:
                    raise DictionaryError(f"{where}:{number}: code block {stripped!r} before any actor name")
                current["blocks"].extend(_blocks(stripped, where, number))
                continue
            if stripped.startswith("+"):
                if current is None:
                    raise DictionaryError(f"{where}:{number}: synonym {stripped!r} before any actor name")
                _add_name(current, stripped[1:], where, number)
                continue
            m = _MACRO.fullmatch(stripped)
            if m:
                macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
                continue
            if stripped.count("{") != stripped.count("}"):
                raise _Malformed(f"{where}:{number}: unbalanced braces in {stripped!r}")
            name, _, rest = stripped.partition("[")
            plurals = None
            if "{" in name:
                name, _, plurals = name.partition("{")
                plurals = plurals.split("}")[0]
            if not name.strip():
                raise _Malformed(f"{where}:{number}: expected NAME [CODE], got {stripped!r}")
            if "~" in rest:
                close()
                current = None
                code = rest.split("]")[0].replace(" ", "")
                if "]" not in rest:
                    raise _Malformed(f"{where}:{number}: unbalanced brackets in {stripped!r}")
                agents.append(_agent(name, plurals, code, macros, where, number))
                continue
            blocks = _blocks("[" + rest, where, number) if rest else []
            close()
            current = {"names": [], "inflected": [], "blocks": blocks, "line": number}
            _add_name(current, name, where, number)
        except _Malformed as exc:
            skipped.append(exc)
    close()
    if skipped and not actors and not agents:
        raise DictionaryError(f"{skipped[0]} (nothing else in the file could be read)")
    for exc in skipped:
        log.warning("%s; line skipped", exc)
    return actors, agents


def _blocks(text: str, where: str, number: int) -> list[Block]:
    """The ``[...]`` code blocks of a line (usually one; a few Phoenix lines hold two)."""
    if text.count("[") != text.count("]") or not text.rstrip().endswith("]"):
        raise _Malformed(f"{where}:{number}: unbalanced brackets in {text!r}")
    return [_block(inner, where, number) for inner in re.findall(r"\[([^\]]*)\]", text)]


def _bodies(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(line number, text without comments) for each line; XML-style ``<!-- -->`` comments and
    ``<...>`` markup lines count as comments."""
    inside = False
    for number, line in enumerate(lines, 1):
        if inside:
            if "-->" in line:
                inside = False
            yield number, ""
            continue
        stripped = line.strip()
        if stripped.startswith("<"):
            inside = stripped.startswith("<!--") and "-->" not in stripped
            yield number, ""
            continue
        yield number, line.split("#", 1)[0].rstrip()


def _norm(raw: str) -> str:
    return " ".join(raw.replace("_", " ").lower().split())


def _add_name(entry: dict, raw: str, where: str, number: int) -> None:
    raw = raw.strip()
    if "[" in raw:  # "+NAME [CODE]": a synonym with its own code is not in the format
        raw = raw.split("[", 1)[0].strip()
    name = _norm(raw)
    if not name:
        raise _Malformed(f"{where}:{number}: empty actor name")
    entry["names"].append(name)
    if not raw.endswith("_"):
        entry["inflected"].append(name)


def _date(text: str, where: str, number: int) -> dt.date:
    if not re.fullmatch(r"\d{6}|\d{8}", text):
        raise _Malformed(f"{where}:{number}: date {text!r} is not YYMMDD or YYYYMMDD")
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{1900 + yy if yy >= 30 else 2000 + yy}{text[2:]}"
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise _Malformed(f"{where}:{number}: date {text!r} is not a date ({exc})") from exc


def _block(text: str, where: str, number: int) -> Block:
    """``CODE``, ``CODE <D``, ``CODE >D``, ``CODE D1-D2`` → (code, from, to)."""
    parts = text.strip().split(None, 1)
    if not parts:
        raise _Malformed(f"{where}:{number}: empty code block []")
    code = parts[0]
    if code in NULL_CODES:
        code = ""
    elif not _CODE.fullmatch(code):
        raise _Malformed(f"{where}:{number}: code {code!r} is not letters and digits")
    code = code.split("/")[0].upper()
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not rest:
        return code, None, None
    if rest.startswith("<"):
        return code, None, _date(rest[1:], where, number) - dt.timedelta(days=1)
    if rest.startswith(">"):
        return code, _date(rest[1:], where, number) + dt.timedelta(days=1), None
    start, sep, end = rest.partition("-")
    if not sep:
        raise _Malformed(f"{where}:{number}: dates {rest!r} are not <D, >D or D1-D2")
    return code, _date(start, where, number), _date(end, where, number)


def _agent(name: str, plurals: str | None, code: str, macros: dict[str, list[str]],
           where: str, number: int) -> Agent:
    bare = code.strip("~")
    if not re.fullmatch(r"[A-Za-z0-9]+", bare) or code.count("~") != 1:
        raise _Malformed(f"{where}:{number}: agent code {code!r} is not ~CODE or CODE~")
    variants = [name.strip()]
    for macro, words in macros.items():
        if macro in name:
            variants = [v.replace(macro, w) for v in variants for w in words]
    if any(re.search(r"![A-Z]+!", v) for v in variants):
        raise _Malformed(f"{where}:{number}: undefined macro in {name.strip()!r}")
    forms: list[str] = []
    for v in variants:
        forms.append(_norm(v))
        if plurals is None and v == name.strip():
            forms.append(plural(_norm(v)))
    forms.extend(_norm(p) for p in re.split(r"[,\s]+", plurals or "") if p.strip())
    return Agent(tuple(dict.fromkeys(f for f in forms if f)), bare.upper() + ("~" if code.endswith("~") else ""),
                 number)


def plural(noun: str) -> str:
    """The regular English plural of a noun phrase's last word, as PETRARCH's ``{PLURALS}`` and
    the agent conversion form it.

    >>> plural("deputy"), plural("boss"), plural("chairman"), plural("army chief")
    ('deputies', 'bosses', 'chairmen', 'army chiefs')
    """
    head, _, last = noun.rpartition(" ")
    if re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    else:
        last += "s"
    return f"{head} {last}".strip()
