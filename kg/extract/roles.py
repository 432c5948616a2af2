"""Role phrases: nouns that stand for the actor they belong to.

:mod:`kg.extract.roles` reads "US officials", "Israeli jets", "Hamas fighters",
"Biden administration officials", "officials in Tehran", "Chinese coast guard
ships", "Castellano Foods executives", "a UNIFIL spokesperson" as the country
or organisation they act for (gold guidelines §4), with the agent code of the
noun ("US officials" → ``USAGOV``) and ``resolved_by="agent-noun"``. Nouns of
attack ("Israeli tank fire", "Israeli strikes") stand for their country only as
an agent. A city modifier makes no actor of a generic group ("Milan
prosecutors" are prosecutors).

It also decides where a place name is a place (:func:`is_place`: "in
Washington", "visit Riyadh") rather than a seat of government standing for
its country (:func:`entry_for_entity`: "Tehran warned Washington").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.dictionaries import compose_code, default_dictionary
from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.extract.gazetteer import BUILTIN, Entry
from kg.extract.phrases import (
    ROLE,
    Arg,
    build_mention,
    entity_of,
    label_words,
    phrase_of,
    span_text,
    trim,
    under,
)
from kg.names import normalize_name
from kg.records import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["entry_for_entity", "is_place", "located", "place_country", "role_phrase", "title_before"]

_INSTITUTION_NOUNS = frozenset(
    {"administration", "government", "cabinet", "camp", "team", "campaign", "regime", "office"}
)
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_OF_NOUNS = frozenset({"ministry", "parliament", "army", "military"})


def entry_for_entity(text: str, label: str, *, place: bool = False) -> Entry | None:
    """What the gazetteer knows of an entity: a metonym (unless ``place``), a name, a demonym."""
    entry = (None if place else BUILTIN.metonym(text)) or BUILTIN.known(text)
    if entry is None and label == "NORP":
        entry = BUILTIN.demonym(text, broad=True)
    return entry


def is_place(token: "Token") -> bool:
    """True for a place: after a preposition of place ("in Washington"), or the
    object or goal of a verb of movement or attack ("visit Riyadh", "fired at Tel Aviv")."""
    if token.dep_ == "pobj" and token.head.lower_ in P.LOCATIVE_PREPS:
        return True
    verb = token.head.head if token.dep_ == "pobj" and token.head.lower_ in ("to", "at", "into", "toward") else None
    if token.dep_ in ("dobj", "obj") or (token.dep_ == "conj" and token.head.dep_ in ("dobj", "obj")):
        verb = token.head if token.dep_ != "conj" else token.head.head
    return verb is not None and verb.lemma_.lower() in L.PLACE_VERBS


def _agentive(token: "Token") -> bool:
    """True for a subject or the agent of a passive ("wounded by Israeli tank fire")."""
    return token.dep_ in _AGENT_DEPS or (token.dep_ == "pobj" and token.head.dep_ == "agent")


def _agent_words(token: "Token") -> list["Token"]:
    """The common-noun and adjective modifiers right before a head noun, with the head
    ("main opposition group", "human rights activists"): where an agent phrase may start."""
    words = [token]
    k = token.i - 1
    while k >= 0:
        t = token.doc[k]
        if t.pos_ not in ("NOUN", "ADJ") or t.ent_type_ or t.dep_ not in ("compound", "amod", "nmod"):
            break
        if not any(a.i == token.i for a in t.ancestors) or t.head.i > token.i:
            break
        words.insert(0, t)
        k -= 1
    return words


def _of_tail(token: "Token") -> list["Token"]:
    """The "of" phrase after a head noun ("minister of foreign affairs"), else []."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == token.i + 1:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if objs and not objs[0].ent_type_ in ("GPE", "NORP"):
                return [prep, *sorted(objs[0].subtree, key=lambda t: t.i)]
    return []


def agent_of(token: "Token") -> tuple[str, str, str] | None:
    """(agent code, the agent phrase as written, where it came from: ``user``, ``lexicon`` or
    ``phoenix``) of a noun heading a role phrase, the longest
    phrase first: a user dictionary's agents, then our role-noun lexicon (the head alone), then
    the Phoenix agents dictionary ("intelligence chief" → ``SPY``, "teacher" → ``EDU``).

    Codes are kept whole as the dictionary writes them ("GOVFRM"; "NGO~" prepends)."""
    words = _agent_words(token)
    tail = _of_tail(token)
    heads = [words[k:] for k in range(len(words))]
    phrases = [[*h, *tail] for h in heads if tail] + heads
    user = BUILTIN.has_user()
    shipped = default_dictionary()
    for tokens in phrases:
        text = " ".join(t.lower_ for t in tokens)
        if user:
            code = BUILTIN.user_agent(text)
            if code:
                return code, text, "user"
        if len(tokens) == 1:
            lemma = token.lemma_.lower()
            if lemma in P.ROLE_NOUNS or token.lower_ in P.ROLE_NOUNS:
                return P.ROLE_NOUNS.get(lemma, P.ROLE_NOUNS.get(token.lower_, "")), token.lower_, "lexicon"
        if tokens[-1].pos_ == "NOUN" or tokens[-1].i != token.i:
            code = shipped.agent(text)
            if code:
                return code, text, "phoenix"
    return None


def title_before(first: "Token") -> str | None:
    """The title written right before a name ("Prime Minister" in "Bree Prime Minister Romendacil"),
    when it is an agent phrase of the dictionaries, else None: the name's actor then acts in that
    capacity (a country-coded name takes the title's agent, as PETRARCH composes ``BREGOV``)."""
    words: list["Token"] = []
    k = first.i - 1
    if first.dep_ == "appos" and first.head.i == k and first.head.pos_ in ("PROPN", "NOUN"):
        words, k = [first.head], k - 1  # "Deputy Prime Minister Telemar" parsed with the name in apposition
    while k >= 0 and first.doc[k].pos_ in ("PROPN", "NOUN") and first.doc[k].dep_ in ("compound", "nmod") \
            and first.doc[k].head.i > k:
        words.insert(0, first.doc[k])
        k -= 1
    for start in range(len(words)):
        text = " ".join(t.lower_ for t in words[start:])
        if BUILTIN.user_agent(text) or P.ROLE_NOUNS.get(text) or default_dictionary().agent(text):
            return normalize_name(span_text(words[start:]))
    return None


def role_phrase(token: "Token", offset: int, depth: int = 0) -> Arg | None:
    """An actor phrase headed by a role noun with a country or organisation modifier."""
    lemma = token.lemma_.lower()
    found = agent_of(token)
    if found is None:
        return None
    agent, role, source = found
    # people who act for no state ("Lebanese detainees", "a Kenyan teacher") stay a group of their
    # own, coded with their country (LBN…, KENEDU); "Israeli officials", "US troops" are the state's
    lexical = lemma in P.ROLE_NOUNS or token.lower_ in P.ROLE_NOUNS
    own = (source == "phoenix" and not lexical) or (lemma in P.GROUP_NOUNS and not lexical and source != "user")
    if lemma in L.AGENT_ONLY_NOUNS and not _agentive(token):
        return None  # "condemned the Israeli strikes": a concept
    children = sorted(token.children, key=lambda c: c.i)
    if token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN") and not any(
            c.i < token.i and c.dep_ in _MODIFIER_DEPS for c in children):
        # "Danish media and government": the second noun shares the first one's country
        children = [c for c in sorted(token.head.children, key=lambda c: c.i) if c.i < token.head.i]
    for child in children:
        if child.i > token.i or child.dep_ not in _MODIFIER_DEPS:
            continue
        entry: Entry | None = _user_modifier(child)
        ent = entity_of(child)
        if entry is not None:
            pass
        elif ent is not None and ent.label_ in ("GPE", "NORP", "ORG", "FAC"):
            text = normalize_name(span_text(trim(list(ent)))) or child.text
            entry = entry_for_entity(text, ent.label_) or BUILTIN.demonym(text, broad=ent.label_ == "NORP")
            if entry is None and ent.label_ == "ORG":
                entry = Entry(text, ActorType.ORGANIZATION)
            if entry is None and ent.label_ == "GPE":
                if lemma in P.GROUP_NOUNS:
                    return None  # "Milan prosecutors": a generic group, not Milan
                country = place_country(text)
                entry = Entry(text, ActorType.LOCATION, country, country)  # "Basra's governor": Basra, IRQGOV
        elif ent is not None and ent.label_ == "PERSON":
            # "the Biden administration", "Biden administration officials"
            person = normalize_name(span_text(trim(list(ent))))
            after = token.doc[ent.end] if ent.end < len(token.doc) else None
            if lemma in _INSTITUTION_NOUNS:
                entry = Entry(f"{person} {token.lower_}", ActorType.ORGANIZATION)
            elif (
                after is not None
                and after.lemma_.lower() in _INSTITUTION_NOUNS
                and after.head.i in (token.i, child.i, ent.root.i)
            ):
                entry = Entry(f"{person} {after.lower_}", ActorType.ORGANIZATION)
        elif child.dep_ in ("amod", "compound", "nmod"):
            entry = (
                BUILTIN.demonym(child.text, broad=child.pos_ == "ADJ") or BUILTIN.lookup(child.text)
                if child.pos_ in ("ADJ", "PROPN")
                else None
            )
            if entry is None and depth < 2 and child.pos_ == "NOUN":
                inner = role_phrase(child, offset, depth + 1)
                if inner is not None and inner.mention.is_actor:
                    m = inner.mention
                    entry = Entry(m.label, m.type, m.country, m.code)
        if entry is None or entry.type is ActorType.OTHER:
            continue
        nation = entry.type in (ActorType.COUNTRY, ActorType.LOCATION) or (
            entry.type is ActorType.GROUP and entry.country and not entry.code)  # "Lebanese": a people
        if source == "phoenix" and not lexical and not nation:
            continue  # "Boeing employees", "the Airbus jetliner": only a country's people are coded so
        first = min((t.i for t in child.subtree), default=child.i)
        tokens = [t for t in token.subtree if first <= t.i <= token.i]
        while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
            tokens = tokens[1:]
        tokens = tokens or [token]
        code = entry.code
        if entry.type in (ActorType.COUNTRY, ActorType.LOCATION) and entry.country and agent:
            code = compose_code(entry.country, agent)
        people = entry.type is ActorType.GROUP and entry.country and not entry.code
        kind = ActorType.COUNTRY if people else entry.type  # "Palestinian officials"; "Houthi rebels" stay a group
        label = entry.canonical
        if own and entry.country and kind in (ActorType.COUNTRY, ActorType.LOCATION):
            kind, label = ActorType.GROUP, normalize_name(span_text(trim(tokens))) or label
            code = compose_code(entry.country, agent) if agent else entry.country
        mention = build_mention(
            tokens, token, offset, label=label, type=kind, country=entry.country, code=code,
            role=role, resolved_by="agent-noun",
        )
        return Arg(mention, ROLE, token.i)
    return _role_of_place(token, agent, role, offset, own)


def _user_modifier(child: "Token") -> Entry | None:
    """The user-dictionary actor a modifier names ("Valdoria" in "Valdoria officials"), else None."""
    if not BUILTIN.has_user() or child.pos_ not in ("PROPN", "NOUN", "ADJ"):
        return None
    ent = entity_of(child)
    words = trim(list(ent)) if ent is not None else [t for t in child.subtree if t.i <= child.i
                                                       and t.dep_ in ("compound", "flat") or t.i == child.i]
    for tokens in (words, [child]):
        entry = BUILTIN.user(span_text(trim(tokens) or [child]))
        if entry is not None:
            return entry
    return None


def place_country(name: str) -> str | None:
    """The ISO-3 country of a place the dictionaries know ("Basra" → IRQ, "Homs" → SYR), else None.

    The Phoenix dictionaries list cities, regions and territories as names of their country;
    the place stays a place (a Location node) and only its country is taken, for coding."""
    entry = BUILTIN.user(name) or BUILTIN.lookup(name)
    if entry is not None and entry.country:
        return entry.country
    found = default_dictionary().lookup(name)
    return found.country if found is not None and found.type == "Country" else None


def _role_of_place(token: "Token", agent: str, role: str, offset: int, own: bool) -> Arg | None:
    """A role noun placed in a country or capital: "officials in Tehran" → Iran,
    "a government spokesperson in Berlin" → Germany; an institution "of" a place
    is that place's ("the government of Canada" → Canada, guidelines §8)."""
    lemma = token.lemma_.lower()
    if lemma in L.AGENT_ONLY_NOUNS and not _agentive(token):
        return None
    group = lemma in P.GROUP_NOUNS - {"official", "diplomat"}
    preps = [c for c in token.children if c.dep_ == "prep"]
    if not preps and token.dep_ == "conj":  # "lawmakers and officials in Fornost": both are in it
        preps = [c for c in token.head.children if c.dep_ == "prep" and c.i > token.i]
    for prep in preps:
        if prep.lower_ not in ("in", "from", "of"):
            continue
        # "protesters in Tehran" act for no state: a group of their own, coded with the country (IRNOPP)
        own_here = (own or (group and prep.lower_ == "in")) and prep.lower_ != "of"  # "the governor of Mosul": Mosul's
        if prep.lower_ == "of" and lemma not in _INSTITUTION_NOUNS | _OF_NOUNS and lemma not in P.TITLE_NOUNS:
            continue  # "the government of Canada" is Canada, "the governor of Basra" Basra's; "the people of Canada" are people
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            ent = entity_of(pobj)
            user = _user_modifier(pobj)
            if user is None and (ent is None or ent.label_ != "GPE"):
                continue
            text = span_text(trim(list(ent))) if ent is not None else pobj.text
            place = user or BUILTIN.metonym(text) or BUILTIN.lookup(text)
            if place is None and prep.lower_ != "of":  # "officials in Kenya": Kenya's
                place = BUILTIN.known_country(text)
            entry = (
                place
                if place is not None and (place.type is ActorType.COUNTRY or place is user and place.type is not ActorType.LOCATION)
                else BUILTIN.country(place.country if place else None)
            )
            if entry is None and (prep.lower_ == "of" or group):
                # "the provincial government of Ontario": the province; "the governor of Basra": Basra, in Iraq;
                # "protesters in Basra" a group coded IRQOPP ("a court in Lima" stays a concept, coded PER)
                country = place_country(text)
                if prep.lower_ == "of" or country:
                    entry = Entry(normalize_name(text), ActorType.LOCATION, country, country)
            if entry is None:
                continue
            tokens = trim(
                [t for t in token.subtree if t.i <= pobj.i and not under(t, token, ("relcl", "acl", "appos"))]
            )
            code = compose_code(entry.country, agent) if entry.country and agent else entry.code
            label, kind = entry.canonical, entry.type
            if own_here and entry.country and entry.type in (ActorType.COUNTRY, ActorType.LOCATION):
                label, kind = label_words(phrase_of(token)) or token.lower_, ActorType.GROUP
            mention = build_mention(
                tokens or [token],
                token,
                offset,
                label=label,
                type=kind,
                country=entry.country,
                code=code,
                role=role,
                resolved_by="agent-noun",
            )
            return Arg(mention, ROLE, token.i)
    return None


_PLACE_PREPS = frozenset({"in", "of", "at", "near", "from", "on", "into", "outside", "inside", "across", "around"})


def _place_code(token: "Token") -> tuple[str, str] | None:
    """(country, code) of a place or actor a token names, for coding ("Bree", "Homs" → SYR)."""
    ent = entity_of(token)
    if ent is None and not (BUILTIN.has_user() and token.pos_ == "PROPN"):
        return None
    if ent is not None and ent.label_ not in ("GPE", "LOC", "FAC", "NORP", "ORG"):
        return None
    text = normalize_name(span_text(trim(list(ent)))) if ent is not None else token.text
    entry = BUILTIN.user(text)
    if entry is not None and entry.code:
        return entry.country or "", entry.code
    if ent is None or ent.label_ == "ORG":
        return None
    entry = BUILTIN.metonym(text) if ent.label_ != "NORP" else None
    entry = entry if entry is not None else BUILTIN.lookup(text)
    if ent.label_ == "NORP" and entry is None:
        entry = BUILTIN.demonym(text, broad=True)
    country = entry.country if entry is not None and entry.type in (ActorType.COUNTRY, ActorType.LOCATION) else None
    country = country or (place_country(text) if ent.label_ != "NORP" else None)
    return (country, country) if country else None


def located(arg: Arg | None, token: "Token") -> Arg | None:
    """A concept that names a place of a country takes that country as its code, for coding the
    event's target as PETRARCH does ("attend the Tokyo summit" → JPN, "shelled a district of Homs"
    → SYR, "the closure of guest houses in Bree"); the concept stays a concept (its own node)."""
    if arg is None or arg.mention.code:
        return arg
    queue: list[tuple["Token", int]] = [(token, 0)]
    while queue:
        head, depth = queue.pop(0)
        for child in sorted(head.children, key=lambda c: c.i):
            if child.dep_ in ("compound", "amod", "nmod", "poss", "appos") or (
                    child.dep_ == "pobj" and head.dep_ == "prep"):
                found = _place_code(child)
                if found is not None:
                    country, code = found
                    return replace(arg, mention=replace(arg.mention, country=country or None, code=code))
            if depth < 3 and (child.dep_ in ("compound", "poss", "pobj", "appos")
                              or (child.dep_ == "prep" and child.lower_ in _PLACE_PREPS)):
                queue.append((child, depth + 1))
    return arg
