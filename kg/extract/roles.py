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

from typing import TYPE_CHECKING

from kg.dictionaries import compose_code
from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.extract.gazetteer import BUILTIN, Entry
from kg.extract.phrases import (
    ROLE,
    Arg,
    build_mention,
    entity_of,
    span_text,
    trim,
    under,
)
from kg.names import normalize_name
from kg.records import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["role_phrase", "entry_for_entity", "is_place"]

_INSTITUTION_NOUNS = frozenset(
    {"administration", "government", "cabinet", "camp", "team", "campaign", "regime", "office"}
)
_AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


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


def role_phrase(token: "Token", offset: int, depth: int = 0) -> Arg | None:
    """An actor phrase headed by a role noun with a country or organisation modifier."""
    lemma = token.lemma_.lower()
    user = BUILTIN.user_agent(token.lower_) if BUILTIN.has_user() else None
    if lemma not in P.ROLE_NOUNS and token.lower_ not in P.ROLE_NOUNS and user is None:
        return None
    agent = user or P.ROLE_NOUNS.get(lemma, P.ROLE_NOUNS.get(token.lower_, ""))
    if lemma in L.AGENT_ONLY_NOUNS and not _agentive(token):
        return None  # "condemned the Israeli strikes": a concept
    for child in sorted(token.children, key=lambda c: c.i):
        if child.i > token.i or child.dep_ not in ("compound", "amod", "nmod", "poss"):
            continue
        entry: Entry | None = None
        ent = entity_of(child)
        if ent is not None and ent.label_ in ("GPE", "NORP", "ORG", "FAC"):
            text = normalize_name(span_text(trim(list(ent)))) or child.text
            entry = entry_for_entity(text, ent.label_) or BUILTIN.demonym(text, broad=ent.label_ == "NORP")
            if entry is None and ent.label_ == "ORG":
                entry = Entry(text, ActorType.ORGANIZATION)
            if entry is None and ent.label_ == "GPE":
                if lemma in P.GROUP_NOUNS:
                    return None  # "Milan prosecutors": a generic group, not Milan
                entry = Entry(text, ActorType.LOCATION)
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
        first = min((t.i for t in child.subtree), default=child.i)
        tokens = [t for t in token.subtree if first <= t.i <= token.i]
        while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct):
            tokens = tokens[1:]
        tokens = tokens or [token]
        code = entry.code
        if entry.type is ActorType.COUNTRY and entry.country and agent:
            code = compose_code(entry.country, agent)
        people = entry.type is ActorType.GROUP and entry.country and not entry.code
        kind = ActorType.COUNTRY if people else entry.type  # "Palestinian officials"; "Houthi rebels" stay a group
        mention = build_mention(
            tokens, token, offset, label=entry.canonical, type=kind, country=entry.country, code=code,
            role=token.lower_, resolved_by="agent-noun",
        )
        return Arg(mention, ROLE, token.i)
    return _role_of_place(token, agent, offset)


def _role_of_place(token: "Token", agent: str, offset: int) -> Arg | None:
    """A role noun placed in a country or capital: "officials in Tehran" → Iran,
    "a government spokesperson in Berlin" → Germany; an institution "of" a place
    is that place's ("the government of Canada" → Canada, guidelines §8)."""
    lemma = token.lemma_.lower()
    if (lemma in L.AGENT_ONLY_NOUNS and not _agentive(token)) or lemma in P.GROUP_NOUNS - {"official", "diplomat"}:
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "from", "of"):
            continue
        if prep.lower_ == "of" and lemma not in _INSTITUTION_NOUNS | {"ministry", "parliament", "army", "military"}:
            continue  # "the government of Canada" is Canada; "the people of Canada" are people
        for pobj in prep.children:
            ent = entity_of(pobj) if pobj.dep_ == "pobj" else None
            if ent is None or ent.label_ != "GPE":
                continue
            place = BUILTIN.metonym(ent.text) or BUILTIN.lookup(ent.text)
            entry = (
                place
                if place is not None and place.type is ActorType.COUNTRY
                else BUILTIN.country(place.country if place else None)
            )
            if entry is None and prep.lower_ == "of":  # "the provincial government of Ontario": the province
                entry = Entry(normalize_name(ent.text), ActorType.LOCATION)
            if entry is None:
                continue
            tokens = trim(
                [t for t in token.subtree if t.i <= pobj.i and not under(t, token, ("relcl", "acl", "appos"))]
            )
            code = compose_code(entry.country, agent) if entry.country and agent else entry.code
            mention = build_mention(
                tokens or [token],
                token,
                offset,
                label=entry.canonical,
                type=entry.type,
                country=entry.country,
                code=code,
                role=token.lower_,
                resolved_by="agent-noun",
            )
            return Arg(mention, ROLE, token.i)
    return None
