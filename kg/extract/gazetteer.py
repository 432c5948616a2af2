"""The built-in actor dictionary: countries, demonyms, institutions, role nouns.

:mod:`kg.extract.gazetteer` turns the tables of :mod:`kg.extract.patterns` into
lookups with the interface of an actor dictionary (``lookup``, ``demonym``,
``metonym``, ``agent``; see :class:`kg.resolve.ActorDictionary`). Extraction
uses it to type and name actors as it finds them ("US officials" → United
States); :func:`kg.resolve.resolve_document` canonicalises again afterwards,
with the Phoenix dictionaries when given. The curated table answers first (it is
small, precise and fast); :meth:`BuiltinDictionary.known`,
:meth:`~BuiltinDictionary.demonym` and :meth:`~BuiltinDictionary.metonym` then
fall back on the Phoenix dictionaries of :mod:`kg.dictionaries` (persons,
organisations and groups by name, countries by their own name or adjective —
never a city for its country —, capitals and seats of government from
``metonyms.tsv``).

>>> BUILTIN.lookup("U.S.").canonical
'United States'
>>> BUILTIN.demonym("Israeli").country
'ISR'
>>> BUILTIN.agent("officials")
'GOV'
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from kg.dictionaries import default_dictionary
from kg.dictionaries import normalize as _dict_key
from kg.extract import patterns as P
from kg.names import normalize_name
from kg.records import ActorType

__all__ = ["Entry", "BuiltinDictionary", "BUILTIN", "using"]

_ACTIVE: ContextVar[Any] = ContextVar("kg_extract_user_dictionary", default=None)


@contextlib.contextmanager
def using(dictionary: Any) -> Iterator[None]:
    """Make ``dictionary``'s user entries (``source == "user"``) known to extraction for a while.

    Extraction then reads the user's names ("the occupation" → Israel) and agent
    nouns as it finds them. Safe across threads (a context variable).
    """
    # the shipped dictionary alone has no user entries: asking it for them would only cost time
    token = _ACTIVE.set(dictionary if getattr(dictionary, "has_user_entries", True) else None)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a dictionary knows of a name: canonical form, type, ISO-3 country, CAMEO code."""

    canonical: str
    type: ActorType
    country: str | None = None
    code: str | None = None




def _strip_the(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


def _singular(noun: str) -> str:
    low = noun.lower()
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


class BuiltinDictionary:
    """Small in-memory dictionary built from :mod:`kg.extract.patterns`."""

    def __init__(self) -> None:
        self._names: dict[str, Entry] = {}
        self._folded: dict[str, Entry] = {}
        self._demonyms: dict[str, Entry] = {}
        self._metonyms: dict[str, Entry] = {}
        self._codes: dict[str, Entry] = {}
        by_name: dict[str, Entry] = {}
        for canonical, iso3, names, demonyms in P.COUNTRIES:
            entry = Entry(canonical, ActorType.COUNTRY, iso3, iso3)
            by_name[canonical] = entry
            self._codes[iso3] = entry
            for name in (canonical, *names):
                self._add(name, entry)
            for word in demonyms:
                self._demonyms[word] = entry
                self._demonyms[word.lower()] = entry
        for name, canonical, kind, iso3, code in P.INSTITUTIONS:
            self._add(name, Entry(canonical, ActorType(kind), iso3, code))
        for name, iso3 in P.LOCATIONS:
            self._add(name, Entry(_strip_the(name), ActorType.LOCATION, iso3, None))
        for name in P.NEWS_OUTLETS:
            self._add(name, Entry(name, ActorType.ORGANIZATION, None, None))
        for name in P.PEOPLE_GROUPS:
            country = self._demonyms.get(name)
            self._add(name, Entry(name, ActorType.GROUP, country.country if country else None, None))
        for name, canonical in P.METONYMS:
            self._metonyms[name] = by_name[canonical]

    def _add(self, name: str, entry: Entry) -> None:
        self._names.setdefault(name, entry)
        if len(name) > 3:  # never fold short acronyms: "US" is not "us"
            self._folded.setdefault(name.casefold(), entry)

    def lookup(self, name: str, on: _dt.date | None = None) -> Entry | None:
        """The entry for a name (exact, then without "the", then case-folded), else None."""
        name = normalize_name(name)
        for candidate in (name, _strip_the(name)):
            entry = self._names.get(candidate) or self._folded.get(candidate.casefold())
            if entry is not None:
                return entry
        return None

    def has_user(self) -> bool:
        """True while a user dictionary is active (:func:`using`)."""
        return _ACTIVE.get() is not None

    def user(self, name: str) -> Entry | None:
        """The entry of a user dictionary active through :func:`using`, else None."""
        book = _ACTIVE.get()
        if book is None or not name.strip():
            return None
        try:
            found = book.lookup(name)
        except (TypeError, ValueError, KeyError):
            return None
        if found is None or getattr(found, "source", None) != "user":
            return None
        kind = ActorType(found.type) if found.type in ActorType._value2member_map_ else ActorType.ORGANIZATION
        return Entry(found.canonical, kind, found.country, found.code)

    def user_agent(self, noun: str) -> str | None:
        """The agent code a user dictionary gives a noun ("militiamen" → REB; "NGO~" for a prefix
        agent, see :func:`kg.dictionaries.compose_code`), else None."""
        book = _ACTIVE.get()
        agent = getattr(book, "user_agent", None)
        code = agent(noun) if agent is not None else None
        return str(code) if code else None

    def known(self, name: str, on: _dt.date | None = None) -> Entry | None:
        """A user entry (:meth:`user`), :meth:`lookup`, else the Phoenix dictionary: a person,
        organisation or group by any of its names, a country only by its own name
        ("Argentina", not "Buenos Aires")."""
        entry = self.user(name) or self.lookup(name)
        if entry is not None or not name.strip():
            return entry
        found = default_dictionary().lookup(name, on=on)
        if found is None:
            return None
        kind = ActorType(found.type) if found.type in ActorType._value2member_map_ else ActorType.ORGANIZATION
        if kind is ActorType.COUNTRY and _dict_key(name) != _dict_key(found.canonical):
            return None
        return Entry(found.canonical, kind, found.country, found.code)

    def known_country(self, name: str) -> Entry | None:
        """The country :meth:`known` finds by its own name ("Kenya", one the curated table may
        lack), else None (a person, organisation or group is no country)."""
        entry = self.known(name)
        return entry if entry is not None and entry.type is ActorType.COUNTRY else None

    def demonym(self, word: str, *, broad: bool = False) -> Entry | None:
        """The country of a demonym, adjective or people ("Israeli", "Israelis"), else None.

        With ``broad`` (for words the NER or the tagger calls a nationality or an
        adjective) the Phoenix dictionary is asked too ("Kenyan", "Philippine");
        it also lists cities as country names, so only then.
        """
        word = normalize_name(word)
        entry = self._demonyms.get(word) or self._demonyms.get(word.lower())
        if entry is None and broad and word[:1].isupper():
            found = default_dictionary().demonym(word)
            if found is not None and found.country:
                entry = self._codes.get(found.country) or Entry(found.canonical, ActorType.COUNTRY, found.country,
                                                               found.country)
        return entry

    def metonym(self, name: str) -> Entry | None:
        """The country a seat of government stands for ("Washington", "the Kremlin", "Tehran"), else None.

        The entry's code is the government's ("RUSGOV").
        """
        entry = self._metonyms.get(_strip_the(normalize_name(name)))
        found = default_dictionary().metonym(name)
        if found is not None and found.country:
            base = entry or self._codes.get(found.country)
            canonical = base.canonical if base else found.canonical
            return Entry(canonical, ActorType.COUNTRY, found.country, found.code or found.country)
        return entry

    def country(self, iso3: str | None) -> Entry | None:
        """The country with an ISO-3 code, else None."""
        return self._codes.get(iso3 or "")

    def agent(self, noun: str) -> str | None:
        """The agent code of a role noun (singular or plural), else None."""
        noun = normalize_name(noun).lower()
        code = P.ROLE_NOUNS.get(noun)
        if code is None:
            code = P.ROLE_NOUNS.get(_singular(noun))
        return code or None


BUILTIN = BuiltinDictionary()
"""The shared instance (built from data at import; cheap and pure)."""
