"""Convert PETRARCH-2's validation dictionaries into ``kg`` user actor CSVs (our own reader).

PETRARCH's ``PETR.Validate.actors.txt`` (TABARI format) lists an actor per line,
``NAME [CODE]``, with ``+SYNONYM`` lines after it and, instead of one code, an
indented block of dated codes (``[HOB < 950601]``, ``[HOBGOV 19950601 - 19990815]``,
``[HOBREB > 990816]``, ``[DOL]`` for the default). Underscores join words; a
trailing underscore means "this exact word", otherwise the last word also matches
inflected forms ("ARGENTIN" → "Argentina"). ``PETR.Validate.agents.txt`` lists
role nouns, ``NOUN {PLURALS} [~GOV]`` (``~GOV`` appends to the actor's code,
``NGO~`` prepends), with ``!MACRO! = A, B`` substitutions.

A ``kg`` user CSV (``name,canonical,type,country,code``) has one code per name
and no agents, so :func:`user_csv` writes, for one date:

* every actor name and synonym with its code valid on that date (first dated
  block that applies, else the undated one); the inflected forms of a name
  without trailing underscore that occur in the texts given;
* every *actor + agent* phrase that occurs in the texts ("Arnor security
  officials", "MSF Arnor", "human rights activists in Arnor") with the composed
  code (ARNGOV, NGOARN, ARNOPP), as TABARI composes them;
* type ``Country`` for three-letter codes, else Group for rebel/opposition
  codes, else Organization; ``country`` = the code's first three letters where
  they look like a country.

Null codes (``---``, ``+++``, ``###``) leave the code column empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ActorEntry", "Agent", "Converter", "read_actors", "read_agents", "code_on", "user_rows", "user_csv"]

_NULL = {"---", "+++", "###"}
_NON_COUNTRY = {"IGO", "NGO", "NGM", "MNC", "IMG", "UNO", "IMF", "IBR", "G77"}
_GROUPISH = ("REB", "INS", "UAF", "OPP", "MOP", "RAD", "MUS", "SEP")
_SUFFIXES = ("s", "es", "a", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "ia", "ish")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'\u2019-]*")


@dataclass
class ActorEntry:
    """One actor: its names (first is primary), whether each is exact, its code blocks."""

    names: list[tuple[str, bool]] = field(default_factory=list)
    """(name with spaces, exact-match flag)."""
    blocks: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)
    """(code, valid from, valid to); both None = default."""

    @property
    def canonical(self) -> str:
        return " ".join(w.capitalize() if w.isalpha() else w for w in self.names[0][0].split())


@dataclass(frozen=True)
class Agent:
    """A role noun (all its forms, lower case) and its code, appended (``~X``) or prepended (``X~``)."""

    forms: tuple[str, ...]
    code: str
    prefix: bool


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        text = f"{1900 + yy if yy >= 30 else 2000 + yy}{text[2:]}"
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _block(text: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    """``CODE``, ``CODE <D``, ``CODE >D``, ``CODE D1-D2`` → (code, from, to)."""
    text = text.strip()
    if not text:
        return None
    parts = text.split(None, 1)
    code = parts[0].split("/")[0].upper()
    rest = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not rest:
        return code, None, None
    if rest.startswith("<"):
        return code, dt.date.min, _date(rest[1:]) - dt.timedelta(days=1)
    if rest.startswith(">"):
        return code, _date(rest[1:]) + dt.timedelta(days=1), dt.date.max
    start, end = rest.split("-")
    return code, _date(start), _date(end)


def _name(raw: str) -> tuple[str, bool]:
    raw = raw.strip()
    exact = raw.endswith("_")
    return " ".join(raw.replace("_", " ").split()), exact


def _lines_without_xml_comments(text: str) -> Iterable[str]:
    inside = False
    for line in text.splitlines():
        if inside:
            if "-->" in line:
                inside = False
            continue
        stripped = line.strip()
        if stripped.startswith("<!") or stripped.startswith("<"):
            if "-->" not in stripped and stripped.startswith("<!--"):
                inside = True
            continue
        yield line


def read_actors(path: str | Path) -> list[ActorEntry]:
    """Parse a TABARI/PETRARCH actor dictionary."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    for line in _lines_without_xml_comments(Path(path).read_text(encoding="utf-8", errors="replace")):
        body = _strip_comment(line)
        if not body.strip():
            continue
        if body[0] in " \t" and body.strip().startswith("["):  # indented code block
            if current is not None:
                block = _block(body.strip().strip("[]"))
                if block:
                    current.blocks.append(block)
            continue
        if body.lstrip().startswith("+"):
            if current is not None:
                current.names.append(_name(body.lstrip()[1:]))
            continue
        name, _, code = body.partition("[")
        current = ActorEntry(names=[_name(name)])
        entries.append(current)
        block = _block(code.split("]")[0]) if code else None
        if block:
            current.blocks.append(block)
    return [e for e in entries if e.names and e.names[0][0]]


def read_agents(path: str | Path) -> list[Agent]:
    """Parse a PETRARCH agent dictionary (macros expanded, regular plurals added)."""
    macros: dict[str, list[str]] = {}
    agents: list[Agent] = []
    for line in _lines_without_xml_comments(Path(path).read_text(encoding="utf-8", errors="replace")):
        body = _strip_comment(line).strip()
        if not body:
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", body)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.fullmatch(r"([^{\[]+?)\s*(?:\{([^}]*)\})?\s*\[\s*([^\]]*?)\s*\]", body)
        if not m:
            continue
        noun, plurals, code = m.group(1).strip(), m.group(2), m.group(3).replace(" ", "")
        variants = [noun]
        for macro, words in macros.items():
            if macro in noun:
                variants = [v.replace(macro, w) for v in variants for w in words]
        forms: set[str] = set()
        for v in variants:
            text = " ".join(v.replace("_", " ").lower().split())
            forms.add(text)
            if "!" not in v:
                forms.add(_plural(text))
        for p in (plurals or "").split(","):
            if p.strip():
                forms.add(" ".join(p.replace("_", " ").lower().split()))
        prefix = code.endswith("~")
        agents.append(Agent(tuple(sorted(forms)), code.strip("~").upper(), prefix))
    return agents


def _plural(noun: str) -> str:
    head, _, last = noun.rpartition(" ")
    if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}".strip()


def code_on(entry: ActorEntry, on: dt.date | None) -> str | None:
    """The entry's code on a date: the first dated block that applies, else the default."""
    default = next((c for c, a, b in entry.blocks if a is None and b is None), None)
    if on is not None:
        for code, start, end in entry.blocks:
            if start is not None and start <= on <= end:
                return None if code in _NULL else code
    if default is None or default in _NULL:
        return None
    return default


def _type(code: str | None) -> str:
    if not code:
        return "Organization"
    if len(code) == 3 and code.isalpha() and code not in _NON_COUNTRY:
        return "Country"
    if any(g in code[3:] for g in _GROUPISH):
        return "Group"
    return "Organization"


def _country(code: str | None) -> str:
    if code and len(code) >= 3 and code[:3].isalpha() and code[:3] not in _NON_COUNTRY:
        return code[:3]
    return ""


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(" ".join(text.split()))]


def _surface_forms(name: str, exact: bool, vocabulary: set[str]) -> set[str]:
    """The name, and (not ``exact``) inflections of its last word found in the capitalised vocabulary."""
    forms = {name}
    if exact:
        return forms
    head, _, last = name.rpartition(" ")
    low = last.lower()
    for word in vocabulary:
        wl = word.lower()
        if wl.startswith(low) and wl[len(low):] in _SUFFIXES and word[:1].isupper():
            forms.add(f"{head} {word}".strip())
    return forms


class Converter:
    """The date-independent part of the conversion (names found in the texts, actor+agent phrases)."""

    def __init__(self, actors: list[ActorEntry], agents: list[Agent], texts: Iterable[str]) -> None:
        texts = [" ".join(t.split()) for t in texts]
        vocabulary = {w.strip(".'") for t in texts for w in _words(t)}
        self.forms: list[tuple[str, ActorEntry]] = []
        phrases: dict[tuple[str, ...], ActorEntry] = {}
        for entry in actors:
            for name, exact in entry.names:
                if not name:
                    continue
                for form in sorted(_surface_forms(name, exact, vocabulary)):
                    self.forms.append((form, entry))
                    phrases.setdefault(tuple(form.lower().split()), entry)
        self.compounds = _compounds(texts, phrases, agents)

    def rows(self, on: dt.date | None) -> list[tuple[str, str, str, str, str]]:
        """The CSV rows (name, canonical, type, country, code) valid on ``on``."""
        rows: list[tuple[str, str, str, str, str]] = []
        seen: set[str] = set()

        def add(name: str, canonical: str, code: str | None) -> None:
            key = " ".join(name.lower().replace(".", "").split())
            if key and key not in seen:
                seen.add(key)
                rows.append((name, canonical, _type(code), _country(code), code or ""))

        codes = {}
        for form, entry in self.forms:
            if id(entry) not in codes:
                code = code_on(entry, on)
                codes[id(entry)] = code if code and re.fullmatch(r"[A-Z0-9]{3,}", code) else None
            add(form, entry.canonical, codes[id(entry)])
        for surface, entry, before, after in self.compounds:
            code = codes.get(id(entry))
            if code:
                add(surface, surface, _compose(code, before, after))
        return rows


def user_rows(actors: list[ActorEntry], agents: list[Agent], texts: Iterable[str],
              on: dt.date | None) -> list[tuple[str, str, str, str, str]]:
    """The CSV rows (name, canonical, type, country, code) valid on ``on`` for these texts."""
    return Converter(actors, agents, texts).rows(on)


def _match_at(words: list[str], i: int, table: dict[tuple[str, ...], object], longest: int):
    for n in range(min(longest, len(words) - i), 0, -1):
        key = tuple(words[i:i + n])
        if key in table:
            return n, table[key]
    return 0, None


def _compounds(texts: list[str], phrases: dict, agents: list[Agent]) -> list[tuple[str, ActorEntry, list, list]]:
    """(surface, actor, agents before, agents after) for [agent]* actor ['s] [agent]* and "agent of/in actor"."""
    agent_table = {tuple(f.split()): a for a in agents for f in a.forms}
    longest_agent = max((len(k) for k in agent_table), default=1)
    longest_actor = max((len(k) for k in phrases), default=1)
    found: list[tuple[str, ActorEntry, list, list]] = []
    for text in texts:
        words = [w.rstrip(",.;:") for w in re.sub(r"(\w)('s|\u2019s)\b", r"\1 \2", text).split()]
        low = [w.lower() for w in words]
        i = 0
        while i < len(words):
            start = i
            before: list[Agent] = []
            while True:
                n, agent = _match_at(low, i, agent_table, longest_agent)
                if not n:
                    break
                before.append(agent)
                i += n
            n, actor = _match_at(low, i, phrases, longest_actor)
            if not n:
                # "agent of/in ACTOR"
                if before and i < len(words) and low[i] in ("of", "in", "from"):
                    n2, actor2 = _match_at(low, i + 1, phrases, longest_actor)
                    if n2:
                        found.append((_join(words[start:i + 1 + n2]), actor2, before, []))
                i = start + 1
                continue
            i += n
            if i < len(words) and low[i] in ("'s", "\u2019s"):
                i += 1
            after: list[Agent] = []
            while True:
                m, agent = _match_at(low, i, agent_table, longest_agent)
                if not m:
                    break
                after.append(agent)
                i += m
            if before or after:
                found.append((_join(words[start:i]), actor, before, after))
            i = max(i, start + 1)
    return found


def _join(words: list[str]) -> str:
    return re.sub(r" ('s|\u2019s)\b", r"\1", " ".join(words))


def _compose(code: str, before: list[Agent], after: list[Agent]) -> str:
    """Prefix agents before, suffix agents after; a code already present is not repeated (USAGOV + GOV)."""
    for agent in before + after:
        present = {code[k:k + len(agent.code)] for k in range(0, len(code), 3)}
        if agent.code in present:
            continue
        code = agent.code + code if agent.prefix else code + agent.code
    return code


def user_csv(rows: list[tuple[str, str, str, str, str]]) -> str:
    """The rows as a ``kg`` user dictionary CSV (with header)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "canonical", "type", "country", "code"])
    w.writerows(rows)
    return buf.getvalue()
