"""Within-document canonicalisation of actors: records in, records out.

:func:`resolve_document` takes the relations extracted from one document and
gives every actor mention one canonical name, type, country (ISO-3), CAMEO
actor code and, for persons, the role valid on the publication date. Each rule
that changes a mention is recorded in ``Mention.resolved_by`` so every merge is
explainable:

``user-dictionary``
    a user file (``--actors``) names it; this also turns a noun phrase into an
    actor ("the occupation" → Israel);
``metonym``
    a seat of government stands for its government ("Washington", "the
    Kremlin", "Downing Street" → the country, code ``USAGOV``...); a mention
    the extractor typed as a place (Location) is never read as a metonym;
``dictionary``
    the actor dictionary knows the name ("U.S." → United States, "Netanyahu" →
    Benjamin Netanyahu, "Sisi" → Abdel Fattah el-Sisi as Phoenix spells him);
``demonym``
    a lone nationality word ("Israeli" → Israel);
``short-name``
    a short name resolves to the one longer name of the same document that
    ends with it (persons: "Gallant" → "Yoav Gallant") or that extends it with
    words of an organisation's name ("Brightwater" → "Brightwater Group");
    two candidates (Jake and Dan Sullivan) block the merge, and a bare surname
    with no full name in the document stays its own actor;
``alias``
    the mention shares a canonical name with another and takes its facts
    (country, code; role and affiliation for persons).

Rules set by extraction (``coref`` for pronouns and definite descriptions,
``agent-noun`` for role phrases such as "US officials", ``metonym``,
``demonym``) are kept and combined with ``+`` ("coref+dictionary").

The dictionary is any object with ``lookup(name, on=date)``, ``demonym(word)``,
``metonym(name)`` and ``agent(noun)`` (:class:`ActorDictionary`), by default
``kg.dictionaries.default_dictionary()`` (the Phoenix dictionaries). Pure
Python: no spaCy here.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, Protocol

from kg.dictionaries import compose_code, default_dictionary
from kg.names import is_name, normalize_name
from kg.records import ActorType, Mention, Occurrence, Provenance, Relation

__all__ = ["resolve_document", "resolve_occurrences", "resolve_mention", "ActorDictionary", "add_rule"]

_PRONOUNS = frozenset({
    "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs", "who",
    "whom", "which", "that", "whose", "i", "me", "my", "we", "us", "our", "you", "your",
})
_NAMED = (ActorType.PERSON, ActorType.ORGANIZATION, ActorType.GROUP, ActorType.LOCATION)
_ORG_WORDS = frozenset({
    "group", "holdings", "holding", "inc", "corp", "corporation", "company", "co", "ltd", "plc", "llc",
    "sa", "ag", "gmbh", "partners", "capital", "bank", "motors", "steel", "rail", "pharma", "logistics",
    "foods", "pensions", "airlines", "energy", "industries", "technologies", "media", "international",
    "party", "movement", "organization", "organisation", "agency", "commission", "council", "committee",
    "authority", "union", "association", "foundation", "institute", "court", "forces", "network",
})
_DEMONYM_ENDINGS = ("i", "an", "ian", "ese", "ish", "ic", "ch", "ans", "ians", "is")


class ActorDictionary(Protocol):
    """What :func:`resolve_document` needs from an actor dictionary (``kg.dictionaries`` fits).

    Entries have ``.canonical``, ``.type``, ``.country`` and ``.code``; optionally
    ``.source`` (``"user"`` for user files).
    """

    def lookup(self, name: str, on: _dt.date | None = None) -> Any: ...

    def demonym(self, word: str) -> Any: ...

    def metonym(self, name: str) -> Any: ...

    def agent(self, noun: str) -> str | None: ...


def add_rule(mention: Mention, rule: str) -> Mention:
    """``mention`` with ``rule`` appended to its ``resolved_by`` (no repeats).

    >>> m = Mention(text="he", label="Netanyahu", type="Person", start=0, end=2, resolved_by="coref")
    >>> add_rule(m, "dictionary").resolved_by
    'coref+dictionary'
    """
    rules = [r for r in (mention.resolved_by or "").split("+") if r]
    if rule in rules:
        return mention
    return replace(mention, resolved_by="+".join([*rules, rule]))


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
    """The agent code of a role noun, as the dictionary writes it ("GOV", "GOVFRM", "NGO~"); of a
    title, its longest known ending ("first Deputy Prime Minister" → "prime minister": GOV)."""
    words = role.split() if role else []
    for k in range(len(words)):
        code = _ask(getattr(book, "agent", None), " ".join(words[k:]))
        if code:
            return str(code)
    return None


def _user_entry(book: ActorDictionary, mention: Mention, on: _dt.date | None) -> Any:
    """The user-file entry for a concept's text or label ("the occupation"), else None."""
    for name in (mention.text, mention.label):
        entry = _ask(getattr(book, "lookup", None), normalize_name(name), on=on)
        if entry is not None and getattr(entry, "source", None) == "user":
            return entry
    return None


def _apply(mention: Mention, entry: Any, book: ActorDictionary, rule: str) -> Mention:
    kind = _as_type(getattr(entry, "type", None), mention.type)
    code = getattr(entry, "code", None) or mention.code
    agent = _agent_code(book, mention.role)
    country = getattr(entry, "country", None) or mention.country
    if kind is ActorType.COUNTRY and country and agent:
        code = compose_code(country, agent)  # "US officials" → USAGOV
    elif kind is ActorType.COUNTRY and mention.code and len(mention.code) > 3 and code == country:
        code = mention.code  # the government a metonym stands for ("Kremlin" → RUSGOV)
    # a name the extractor already canonicalised to the same code keeps its spelling ("Pentagon")
    same = bool(mention.code) and mention.code == getattr(entry, "code", None) and rule == "dictionary"
    label = mention.label if same and kind is mention.type else entry.canonical
    mention = replace(mention, label=label, type=kind, country=country, code=code)
    return add_rule(mention, rule)


def resolve_mention(
    mention: Mention, *, dictionary: ActorDictionary | None = None, on: _dt.date | None = None
) -> Mention:
    """One mention's canonical label, type, country and code from the dictionary.

    Countries, demonyms and seats of government take the dictionary's canonical
    name; a people ("Palestinians") stays a Group with its country; a place keeps
    its name (only its country is filled in); a person takes the dictionary's
    name (and the code of the role held on ``on``) only when the dictionary
    knows it as a person. A concept (type Other) becomes an actor only through
    a user dictionary entry.

    >>> m = Mention(text="U.S.", label="U.S.", type="Country", start=0, end=4)
    >>> r = resolve_mention(m)
    >>> r.label, r.country, r.resolved_by
    ('United States', 'USA', 'dictionary')
    """
    book = dictionary if dictionary is not None else default_dictionary()
    if not mention.is_actor:
        entry = _user_entry(book, mention, on)
        if entry is None:
            return mention
        return _apply(replace(mention, type=_as_type(entry.type, ActorType.ORGANIZATION)), entry, book,
                      "user-dictionary")
    name = normalize_name(mention.label) or mention.label
    if name.lower() in _PRONOUNS and not name.isupper():
        return mention  # "us" is no country
    entry, rule = None, "dictionary"
    found = _ask(getattr(book, "lookup", None), name, on=on)
    if found is not None and getattr(found, "source", None) == "user":
        entry, rule = found, "user-dictionary"
    if entry is None and mention.type is not ActorType.LOCATION and mention.type is not ActorType.PERSON:
        entry = _ask(getattr(book, "metonym", None), name)
        rule = "metonym" if entry is not None else rule
    if entry is None:
        entry = found
        if _demonym_like(name, found):
            rule = "demonym"  # "Israeli", "Iranian": the dictionary lists them as names of the state
    if entry is None and mention.type is not ActorType.PERSON:
        demonym = _ask(getattr(book, "demonym", None), name)
        if demonym is not None and not name.endswith("s"):
            entry, rule = demonym, "demonym"  # a lone "Israeli": the country
        elif demonym is not None:  # a people: the group, with its country (and its code, as PETRARCH codes them)
            country = mention.country or demonym.country
            mention = replace(mention, type=ActorType.GROUP, country=country, code=mention.code or country)
    if entry is not None:
        kind = _as_type(getattr(entry, "type", None), mention.type)
        if mention.type is ActorType.PERSON and kind is not ActorType.PERSON:
            entry = None  # a surname that is also a place ("Austin") stays a person
        elif mention.type is ActorType.LOCATION and rule != "user-dictionary":
            country = mention.country or entry.country
            mention = replace(mention, country=country, code=mention.code or country)
            entry = None  # a city is not its country: it keeps its node, coded with its country (Homs: SYR)
        elif mention.type is ActorType.GROUP and kind is ActorType.COUNTRY and name.endswith("s"):
            country = mention.country or entry.country
            mention = replace(mention, country=country, code=mention.code or country)
            entry = None  # "Palestinians" are the people, not the state (coded with it: PSE)
    if entry is None and mention.type is ActorType.PERSON:
        titled = _titled_person(mention, book, on)
        if titled is not None:
            return titled
    if entry is not None:
        mention = _apply(mention, entry, book, rule)
    elif mention.type is ActorType.COUNTRY and mention.code and mention.role and len(mention.code) == 3:
        agent = _agent_code(book, mention.role)
        mention = replace(mention, code=compose_code(mention.code, agent)) if agent else mention
    if mention.affiliation:
        aff = (
            _ask(getattr(book, "metonym", None), mention.affiliation)
            or _ask(getattr(book, "lookup", None), mention.affiliation, on=on)
            or _ask(getattr(book, "demonym", None), mention.affiliation)
        )
        if aff is not None:
            mention = replace(mention, affiliation=aff.canonical, country=mention.country or aff.country)
            if mention.type is ActorType.PERSON and not mention.code and getattr(aff, "type", None) == "Country":
                # "Kenyan President Kibaki": the country's code with the title's agent (KENGOV)
                code = compose_code(aff.country, _agent_code(book, mention.role)) if aff.country else None
                mention = replace(mention, code=code) if code else mention
    return mention


def _titled_person(mention: Mention, book: ActorDictionary, on: _dt.date | None) -> Mention | None:
    """A person named with a nationality or title in front ("Jordanian King Abdullah", "President
    Romendacil"): the dictionary's person for the rest of the name if it knows one, else the
    person with the nationality's country and the title's agent as code (``JORGOV``)."""
    words = mention.label.split()
    country, agent, k = None, None, 0
    while k < len(words) - 1:
        two = " ".join(words[k:k + 2]) if k + 2 < len(words) else ""
        demonym = _ask(getattr(book, "demonym", None), words[k]) if country is None else None
        if demonym is not None and demonym.country:
            country, k = demonym.country, k + 1
            continue
        code = _ask(getattr(book, "agent", None), two) if two else None
        if code:
            agent, k = agent or str(code), k + 2
            continue
        code = _ask(getattr(book, "agent", None), words[k])
        if code and words[k][:1].isupper():
            agent, k = agent or str(code), k + 1
            continue
        break
    if k == 0 or (country is None and agent is None):
        return None
    rest = replace(mention, label=" ".join(words[k:]))
    found = _ask(getattr(book, "lookup", None), rest.label, on=on)
    if found is not None and getattr(found, "type", None) == "Person" and (
            country is None or getattr(found, "country", None) in (None, country)):
        return _apply(rest, found, book, "dictionary")
    if country is None:
        return None
    return add_rule(replace(mention, country=country, code=compose_code(country, agent)), "demonym")


def _demonym_like(name: str, entry: Any) -> bool:
    """True for a nationality word the dictionary lists as a name of its country."""
    if entry is None or getattr(entry, "type", None) != "Country" or " " in name:
        return False
    return name.lower() != entry.canonical.lower() and name.lower().endswith(_DEMONYM_ENDINGS)


def _extends(short: list[str], long: list[str], kind: ActorType) -> bool:
    """True when ``long`` is ``short`` completed: a person's full name, an organisation's long name."""
    if len(long) <= len(short):
        return False
    if kind is ActorType.PERSON:
        return long[-len(short):] == short
    if long[: len(short)] == short:  # "Brightwater" → "Brightwater Group"
        return all(w.lower().strip(".") in _ORG_WORDS for w in long[len(short):])
    return long[-len(short):] == short and short[-1].lower() in _ORG_WORDS  # "the Commission"


def _short_names(mentions: Iterable[Mention]) -> dict[tuple[str, ActorType], tuple[str, ActorType]]:
    """(short name, type) → (the one longer name it stands for, its type).

    A person's full name may complete a short name of any named type (the NER
    often types a lone surname as a place); an organisation's only one of its own type.
    """
    labels: dict[str, ActorType] = {}
    for m in mentions:
        if m.type in _NAMED and (m.type is ActorType.PERSON or m.label not in labels):
            labels[m.label] = m.type  # a person wins
    found: dict[tuple[str, ActorType], tuple[str, ActorType]] = {}
    for m in {(m.label, m.type) for m in mentions if m.type in _NAMED}:
        short, kind = m
        words = short.split()
        matches = [
            (full, full_kind)
            for full, full_kind in labels.items()
            if (full_kind is ActorType.PERSON and _extends(words, full.split(), ActorType.PERSON))
            or (full_kind is kind and kind is not ActorType.PERSON and _extends(words, full.split(), kind))
        ]
        if len(matches) == 1:
            found[(short, kind)] = matches[0]
    return found


def _alias_of(mention: Mention) -> str | None:
    """The name a mention was written as, if it is a name (not a pronoun, a description or a role phrase)."""
    text = normalize_name(mention.text)
    if not text or not is_name(text):
        return None
    if mention.role and text.lower().endswith(mention.role.lower()):
        return None
    if mention.resolved_by and "coref" in mention.resolved_by.split("+"):
        return None  # "the chancellor" is a description, not a name
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
            ``agent``); ``kg.dictionaries.default_dictionary()`` when None.
        on: the date dated dictionary entries are looked up on (the
            publication date), if known.

    Returns:
        The relations in the same order, with resolved subject, object and
        ``attributed_to`` and ``reported_by`` mentions carrying merged aliases and the rules that
        resolved them (``resolved_by``).
    """
    if not relations:
        return []
    book = dictionary if dictionary is not None else default_dictionary()
    resolved: dict[Mention, Mention] = {}
    originals = [
        m for r in relations for m in (r.subject, r.object, r.attributed_to, r.reported_by) if m is not None
    ]
    for mention in originals:
        if mention not in resolved:
            resolved[mention] = resolve_mention(mention, dictionary=book, on=on)
    shorts = _short_names(resolved.values())
    for original, mention in resolved.items():
        full = shorts.get((mention.label, mention.type))
        if full is not None:
            resolved[original] = add_rule(replace(mention, label=full[0], type=full[1]), "short-name")
    for original, mention in resolved.items():
        if mention.type is ActorType.PERSON and not mention.code and " " not in mention.label \
                and mention.label not in {full[0] for full in shorts.values()}:
            entry = _ask(getattr(book, "surname", None), mention.label, on)
            if entry is not None and not any(m.type is ActorType.PERSON and m.label.split()[-1] == mention.label
                                             and m.label != mention.label for m in resolved.values()):
                resolved[original] = _apply(mention, entry, book, "surname-on-date")  # "Bush" in 2008: USAGOV
    # one name, one type: a name the NER once called a person is a person throughout
    persons = {m.label for m in resolved.values() if m.type is ActorType.PERSON}
    for original, mention in resolved.items():
        if mention.label in persons and mention.type in _NAMED and mention.type is not ActorType.PERSON:
            if not mention.code:
                resolved[original] = replace(mention, type=ActorType.PERSON)
    final = _merge(resolved)
    return [
        replace(
            r,
            subject=final[r.subject],
            object=final[r.object],
            attributed_to=final[r.attributed_to] if r.attributed_to is not None else None,
            reported_by=final[r.reported_by] if r.reported_by is not None else None,
        )
        for r in relations
    ]


def resolve_occurrences(
    occurrences: list[Occurrence],
    *,
    dictionary: ActorDictionary | None = None,
    on: _dt.date | None = None,
) -> list[Occurrence]:
    """Canonicalise the actor mentions of one document with the rules of :func:`resolve_document`
    (dictionary, short names within the document, shared facts); unresolved ones stay as they are."""
    mentions = [o.mention for o in occurrences if o.mention is not None]
    if not mentions:
        return list(occurrences)
    doc_id = occurrences[0].doc_id
    where = Provenance(doc_id=doc_id, sentence="", start=0, end=0)
    resolved = resolve_document([Relation(m, "mention", m, where) for m in mentions], dictionary=dictionary, on=on)
    it = iter(r.subject for r in resolved)
    return [replace(o, mention=next(it)) if o.mention is not None else o for o in occurrences]


def _merge(resolved: dict[Mention, Mention]) -> dict[Mention, Mention]:
    """Share aliases and facts among the mentions of one actor."""
    aliases: dict[str, set[str]] = {}
    facts: dict[str, dict[str, str]] = {}
    for original, mention in resolved.items():
        if not mention.is_actor:
            continue
        names = aliases.setdefault(mention.label, set())
        for name in (_alias_of(original), normalize_name(original.label) if original.is_actor else None):
            if name and name != mention.label and is_name(name):
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
            if fill and not mention.resolved_by:
                mention = add_rule(mention, "alias")
        final[original] = mention
    return final
