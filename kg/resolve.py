"""Within-document canonicalisation of actors: records in, records out.

:func:`resolve_document` takes the relations extracted from one document and
gives every actor mention one canonical name, type, country and code:

1. country variants, demonyms and seats of government resolve through an actor
   dictionary ("U.S.", "the United States", "America" → United States; a lone
   "Israeli" → Israel; "Washington" → United States);
2. a short person name resolves to the one full name of the same document that
   ends with it ("Netanyahu" → "Benjamin Netanyahu"), unless two full names share
   it (then it is left alone);
3. mentions with the same canonical name share their aliases (every other name
   they were written as), their country and code, and for persons their role
   and affiliation where one mention lacks them.

The dictionary is the small built-in table below (:data:`BUILTIN`), or any
object with ``lookup(name, on=date)``, ``demonym(word)``, ``metonym(name)`` and
``agent(noun)`` (:class:`ActorDictionary`), such as
``kg.dictionaries.default_dictionary()`` (the Phoenix dictionaries). Pure
Python: no spaCy here.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from kg.records import ActorType, Mention, Relation

__all__ = ["resolve_document", "resolve_mention", "ActorDictionary", "BuiltinDictionary", "BUILTIN", "Entry"]

# --------------------------------------------------------------------------
# The built-in table (data only; kg.dictionaries supersedes it when passed in)

COUNTRIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # canonical: (ISO-3, names and variants, demonyms)
    "United States": (
        "USA",
        ("US", "U.S.", "USA", "U.S.A.", "United States of America", "America", "the States"),
        ("American", "Americans"),
    ),
    "United Kingdom": ("GBR", ("UK", "U.K.", "Britain", "Great Britain"), ("British", "Briton", "Britons")),
    "Israel": ("ISR", ("State of Israel",), ("Israeli",)),
    "Iran": ("IRN", ("Islamic Republic of Iran", "Persia"), ("Iranian",)),
    "Russia": ("RUS", ("Russian Federation",), ("Russian",)),
    "China": ("CHN", ("People's Republic of China", "PRC"), ("Chinese",)),
    "France": ("FRA", (), ("French",)),
    "Germany": ("DEU", (), ("German",)),
    "Palestine": ("PSE", ("State of Palestine", "Palestinian Authority"), ("Palestinian",)),
    "Lebanon": ("LBN", (), ("Lebanese",)),
    "Syria": ("SYR", (), ("Syrian",)),
    "Iraq": ("IRQ", (), ("Iraqi",)),
    "Egypt": ("EGY", (), ("Egyptian",)),
    "Jordan": ("JOR", (), ("Jordanian",)),
    "Saudi Arabia": ("SAU", ("KSA",), ("Saudi",)),
    "Qatar": ("QAT", (), ("Qatari",)),
    "Turkey": ("TUR", ("Türkiye", "Turkiye"), ("Turkish",)),
    "Ukraine": ("UKR", (), ("Ukrainian",)),
    "Yemen": ("YEM", (), ("Yemeni",)),
}
"""The commonest country variants and demonyms."""

METONYMS: dict[str, str] = {"Washington": "United States"}
"""Seats of government standing for their country."""

AGENTS: dict[str, str] = {
    "official": "GOV",
    "government": "GOV",
    "administration": "GOV",
    "ministry": "GOV",
    "regime": "GOV",
    "diplomat": "GOV",
    "leader": "GOV",
    "spokesman": "GOV",
    "spokeswoman": "GOV",
    "force": "MIL",
    "troop": "MIL",
    "army": "MIL",
    "military": "MIL",
    "soldier": "MIL",
    "jet": "MIL",
    "police": "COP",
    "militant": "REB",
    "fighter": "REB",
    "rebel": "REB",
    "lawmaker": "LEG",
}
"""Role nouns (singular) → CAMEO agent codes."""

PEOPLES = frozenset(
    {"Palestinians", "Israelis", "Americans", "Iranians", "Russians", "Ukrainians", "Lebanese", "Syrians", "Kurds"}
)
"""Plural names of peoples: kept as Group actors."""

_PRONOUNS = frozenset(
    {
        "he",
        "him",
        "his",
        "she",
        "her",
        "hers",
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "who",
        "whom",
        "which",
        "that",
        "whose",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
    }
)
_NAMED = (ActorType.PERSON, ActorType.ORGANIZATION, ActorType.GROUP, ActorType.LOCATION)
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def normalize_name(name: str) -> str:
    """Collapse whitespace, unify quotes, strip surrounding punctuation.

    >>> normalize_name("  the  U.S. ")
    'the U.S.'
    """
    return _SPACES.sub(" ", name.translate(_QUOTES)).strip().strip(" \"',;:()[]")


@dataclass(frozen=True, slots=True)
class Entry:
    """A dictionary answer: canonical name, type, ISO-3 country, CAMEO actor code."""

    canonical: str
    type: str
    country: str | None = None
    code: str | None = None


class ActorDictionary(Protocol):
    """What :func:`resolve_document` needs from an actor dictionary (``kg.dictionaries`` fits).

    Entries have ``.canonical``, ``.type``, ``.country`` and ``.code``.
    """

    def lookup(self, name: str, on: _dt.date | None = None) -> Any: ...

    def demonym(self, word: str) -> Any: ...

    def metonym(self, name: str) -> Any: ...

    def agent(self, noun: str) -> str | None: ...


def _strip_the(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


class BuiltinDictionary:
    """The small built-in table as an :class:`ActorDictionary`.

    >>> BUILTIN.lookup("the U.S.").canonical
    'United States'
    >>> BUILTIN.demonym("Iranians").country
    'IRN'
    >>> BUILTIN.agent("troops")
    'MIL'
    """

    def __init__(self) -> None:
        self._names: dict[str, Entry] = {}
        self._demonyms: dict[str, Entry] = {}
        for canonical, (iso3, names, demonyms) in COUNTRIES.items():
            entry = Entry(canonical, "Country", iso3, iso3)
            for name in (canonical, *names):
                self._names[name] = entry
                if len(name) > 3:  # never fold acronyms: "US" is not "us"
                    self._names.setdefault(name.casefold(), entry)
            for word in demonyms:
                self._demonyms[word.casefold()] = entry
        for people in PEOPLES:
            country = self.demonym(people)
            self._names[people] = Entry(people, "Group", country.country if country else None, None)

    def lookup(self, name: str, on: _dt.date | None = None) -> Entry | None:
        name = normalize_name(name)
        for candidate in (name, _strip_the(name)):
            found = self._names.get(candidate) or self._names.get(candidate.casefold())
            if found is not None:
                return found
        return None

    def demonym(self, word: str) -> Entry | None:
        key = normalize_name(word).casefold()
        return self._demonyms.get(key) or (self._demonyms.get(key[:-1]) if key.endswith("s") else None)

    def metonym(self, name: str) -> Entry | None:
        canonical = METONYMS.get(_strip_the(normalize_name(name)))
        return self.lookup(canonical) if canonical else None

    def agent(self, noun: str) -> str | None:
        key = normalize_name(noun).lower()
        return AGENTS.get(key) or (AGENTS.get(key[:-1]) if key.endswith("s") else None)


BUILTIN = BuiltinDictionary()


def _as_type(value: object, default: ActorType) -> ActorType:
    if isinstance(value, ActorType):
        return value
    try:
        return ActorType(str(value))
    except ValueError:
        return default


def _ask(method: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a dictionary method, treating a missing method or odd input as no answer."""
    if method is None:
        return None
    try:
        return method(*args, **kwargs)
    except (TypeError, ValueError, KeyError):
        return None


def _agent_code(book: ActorDictionary, role: str | None) -> str | None:
    code = _ask(getattr(book, "agent", None), role) if role else None
    return str(code).lstrip("~")[:3] if code else None


def resolve_mention(
    mention: Mention, *, dictionary: ActorDictionary | None = None, on: _dt.date | None = None
) -> Mention:
    """One mention's canonical label, type, country and code from the dictionary.

    Countries, demonyms and seats of government take the dictionary's canonical
    name; a people ("Palestinians") stays a Group with its country; a place keeps
    its name (only its country is filled in); a person takes the dictionary's
    name only when the dictionary knows it as a person. Concepts (type Other)
    are returned unchanged.

    >>> m = Mention(text="U.S.", label="U.S.", type="Country", start=0, end=4)
    >>> resolve_mention(m).label, resolve_mention(m).country
    ('United States', 'USA')
    """
    if not mention.is_actor:
        return mention
    book = dictionary or BUILTIN
    name = normalize_name(mention.label) or mention.label
    metonym = _ask(getattr(book, "metonym", None), name)
    entry = metonym or _ask(getattr(book, "lookup", None), name, on=on)
    if entry is None and mention.type is not ActorType.PERSON:
        demonym = _ask(getattr(book, "demonym", None), name)
        if demonym is not None and not name.endswith("s"):
            entry = demonym  # a lone "Israeli": the country
        elif demonym is not None:  # a people: the group, with its country
            mention = replace(mention, type=ActorType.GROUP, country=mention.country or demonym.country)
    if entry is not None:
        kind = _as_type(getattr(entry, "type", None), mention.type)
        if mention.type is ActorType.PERSON and kind is not ActorType.PERSON:
            entry = None  # a surname that is also a place ("Austin") stays a person
        elif mention.type is ActorType.LOCATION and metonym is None:
            mention = replace(mention, country=mention.country or entry.country)
            entry = None  # a city is not its country
        elif mention.type is ActorType.GROUP and kind is ActorType.COUNTRY and name.endswith("s"):
            mention = replace(mention, country=mention.country or entry.country)
            entry = None  # "Palestinians" are the people, not the state
    if entry is not None:
        kind = _as_type(entry.type, mention.type)
        code = entry.code or mention.code
        agent = _agent_code(book, mention.role)
        if kind is ActorType.COUNTRY and entry.country and agent:
            code = entry.country + agent
        mention = replace(
            mention, label=entry.canonical, type=kind, country=entry.country or mention.country, code=code
        )
    elif mention.type is ActorType.COUNTRY and mention.code and mention.role and len(mention.code) == 3:
        agent = _agent_code(book, mention.role)
        mention = replace(mention, code=mention.code + agent) if agent else mention
    if mention.affiliation:
        aff = (
            _ask(getattr(book, "metonym", None), mention.affiliation)
            or _ask(getattr(book, "lookup", None), mention.affiliation, on=on)
            or _ask(getattr(book, "demonym", None), mention.affiliation)
        )
        if aff is not None:
            mention = replace(mention, affiliation=aff.canonical, country=mention.country or aff.country)
    return mention


def _short_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """Short person names → the one full name that ends with them."""
    fulls = sorted({m.label for m in mentions if m.type is ActorType.PERSON and len(m.label.split()) > 1})
    shorts = {m.label for m in mentions if m.type in _NAMED and m.label not in fulls}
    found: dict[str, str] = {}
    for short in shorts:
        words = short.split()
        matches = [f for f in fulls if f.split()[-len(words) :] == words and f != short]
        if len(matches) == 1:
            found[short] = matches[0]
    return found


def _alias_of(mention: Mention) -> str | None:
    """The name a mention was written as, if it is a name (not a pronoun or a role phrase)."""
    text = normalize_name(mention.text)
    if not text or (text.lower() in _PRONOUNS and not text.isupper()):
        return None
    if mention.role and text.lower().endswith(mention.role.lower()):
        return None
    return text


def resolve_document(
    relations: list[Relation],
    *,
    dictionary: ActorDictionary | None = None,
    on: _dt.date | None = None,
) -> list[Relation]:
    """Canonicalise the actors of one document's relations.

    Args:
        relations: the relations extracted from one document (any order).
        dictionary: an actor dictionary (``lookup``, ``demonym``, ``metonym``,
            ``agent``); the built-in gazetteer when None.
        on: the date dated dictionary entries are looked up on (the
            publication date), if known.

    Returns:
        The relations in the same order, with resolved subject, object and
        ``attributed_to`` mentions carrying merged aliases.
    """
    if not relations:
        return []
    resolved: dict[Mention, Mention] = {}
    originals = [m for r in relations for m in (r.subject, r.object, r.attributed_to) if m is not None]
    for mention in originals:
        if mention not in resolved:
            resolved[mention] = resolve_mention(mention, dictionary=dictionary, on=on)
    shorts = _short_names(resolved.values())
    for original, mention in resolved.items():
        full = shorts.get(mention.label)
        if full is not None:
            resolved[original] = replace(mention, label=full, type=ActorType.PERSON)
    # one name, one type: a name the NER once called a person is a person throughout
    persons = {m.label for m in resolved.values() if m.type is ActorType.PERSON}
    for original, mention in resolved.items():
        if (
            mention.label in persons
            and mention.type in _NAMED
            and mention.type is not ActorType.PERSON
            and not mention.code
        ):
            resolved[original] = replace(mention, type=ActorType.PERSON)

    # merge what the mentions of one actor know
    aliases: dict[str, set[str]] = {}
    facts: dict[str, dict[str, str]] = {}
    for original, mention in resolved.items():
        if not mention.is_actor:
            continue
        names = aliases.setdefault(mention.label, set())
        for name in (_alias_of(original), normalize_name(original.label)):
            if name and name != mention.label:
                names.add(name)
        known = facts.setdefault(mention.label, {})
        fields = ("country", "code", "role", "affiliation") if mention.type is ActorType.PERSON else ("country",)
        for field in fields:
            value = getattr(mention, field)
            if value and field not in known:
                known[field] = value
    final: dict[Mention, Mention] = {}
    for original, mention in resolved.items():
        if mention.is_actor:
            known = facts.get(mention.label, {})
            fill = {k: v for k, v in known.items() if not getattr(mention, k)}
            mention = replace(mention, aliases=tuple(sorted(aliases.get(mention.label, ()))), **fill)
        final[original] = mention
    return [
        replace(
            r,
            subject=final[r.subject],
            object=final[r.object],
            attributed_to=final[r.attributed_to] if r.attributed_to is not None else None,
        )
        for r in relations
    ]
