"""Actor arguments: named entities, titles and appositions, role phrases.

:mod:`kg.extract.mentions` turns the head token of a noun phrase into an actor
:class:`~kg.records.Mention`:

- a named entity (PERSON → Person, ORG → Organization, GPE → Country when the
  gazetteer knows it as a country else Location, NORP → Group, FAC/LOC →
  Location), with the title around a person split off into ``role`` and
  ``affiliation`` ("Israeli Minister for Strategic Affairs Ron Dermer");
- a role phrase ("US officials", "Israeli jets", "Hamas fighters", "Biden
  administration officials", "officials in Tehran") that stands for its
  country or organisation;
- a bare plural group noun ("militants").

Concepts are built by :mod:`kg.extract.phrases`, pronouns resolved by
:mod:`kg.extract.coref`. Results hold no spaCy objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract import patterns as P
from kg.extract.gazetteer import BUILTIN, Entry, normalize_name
from kg.extract.phrases import (
    CONCEPT,
    ENTITY,
    GROUP,
    PRONOUN,
    ROLE,
    Arg,
    build_mention,
    clip,
    concept_of,
    entity_of,
    label_words,
    phrase_of,
    span_text,
    trim,
    under,
)
from kg.records import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = [
    "Arg",
    "ENTITY",
    "ROLE",
    "GROUP",
    "CONCEPT",
    "PRONOUN",
    "entity_of",
    "mention_of",
    "concept_of",
    "phrase_of",
    "span_text",
]

_INSTITUTION_NOUNS = frozenset(
    {"administration", "government", "cabinet", "camp", "team", "campaign", "regime", "office"}
)
_APPOS_DEPS = frozenset({"appos"})
_TITLE_PATH_DEPS = frozenset({"prep", "pobj", "compound", "appos", "nmod", "flat"})


def _entry_for_entity(text: str, label: str, *, place: bool = False) -> Entry | None:
    entry = (None if place else BUILTIN.metonym(text)) or BUILTIN.lookup(text)
    if entry is None and label == "NORP":
        entry = BUILTIN.demonym(text)
    return entry


def _entity_type(label: str, entry: Entry | None) -> ActorType:
    if entry is not None:
        return entry.type
    return ActorType(P.ENT_TYPES.get(label, "Other"))


def _find_affiliation(tokens: "list[Token]") -> tuple[Entry | None, "list[Token]"]:
    """The longest run of tokens the gazetteer knows (a country, demonym, institution).

    Returns the entry and the tokens left over (the title).
    """
    n = len(tokens)
    for size in range(min(n, 5), 0, -1):
        for i in range(0, n - size + 1):
            run = tokens[i : i + size]
            if any(t.is_punct for t in run):
                continue
            text = span_text(run)
            entry = BUILTIN.lookup(text) or BUILTIN.demonym(text) or BUILTIN.metonym(text)
            if entry is not None and entry.type is not ActorType.LOCATION:
                return entry, tokens[:i] + tokens[i + size :]
    first = tokens[0] if tokens else None
    if first is not None and first.ent_type_ in ("ORG", "NORP", "GPE"):
        ent = entity_of(first)
        if ent is not None and ent.end <= tokens[-1].i and ent.start == first.i:
            rest = [t for t in tokens if not ent.start <= t.i < ent.end]
            kind = ActorType.ORGANIZATION if first.ent_type_ == "ORG" else ActorType.COUNTRY
            return Entry(normalize_name(ent.text), kind), rest
    return None, tokens


def _role_text(tokens: "list[Token]") -> str | None:
    words = [t for t in tokens if t.dep_ not in ("det", "case", "punct") and not t.is_space and t.tag_ != "POS"]
    text = normalize_name(span_text(words)) if words else ""
    return text or None


def _title_person(token: "Token") -> "tuple[Token, Span] | None":
    """A PERSON entity named by a title phrase headed by ``token`` ("Minister for ... Ron Dermer",
    "the adviser, Jake Sullivan"), else None.

    The name follows the title; a plural ("Biden administration officials") is no title.
    """
    if token.ent_type_ == "PERSON" or token.tag_ in ("NNS", "NNPS"):
        return None
    is_title = token.lower_ in P.TITLE_NOUNS or token.lemma_.lower() in P.TITLE_NOUNS or token.pos_ == "PROPN"
    stack = [(c, 1) for c in token.children if c.dep_ in _TITLE_PATH_DEPS and c.i > token.i]
    while stack:
        child, depth = stack.pop(0)
        if child.ent_type_ == "PERSON" and child.dep_ in ("pobj", "appos", "compound", "nmod", "flat"):
            if child.dep_ == "appos" or is_title:
                ent = entity_of(child)
                if ent is not None:
                    return ent.root if ent.root.ent_type_ == "PERSON" else child, ent
        if depth < 3:
            stack.extend((c, depth + 1) for c in child.children if c.dep_ in _TITLE_PATH_DEPS)
    return None


def _title_head(token: "Token") -> "Token":
    """The title a name hangs from ("Minister" for "Ron Dermer" in "Minister for ... Ron Dermer")."""
    head = token
    for _ in range(3):
        if head.dep_ not in ("pobj", "prep", "appos") or head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in ("NOUN", "PROPN") and head.ent_type_ != "PERSON":
            found = _title_person(head)
            if found is not None and found[0].i == token.i:
                return head
    return token


def _titled_name(token: "Token", ent: "Span") -> bool:
    """True for an entity the NER mistyped that a personal title precedes ("Chancellor Scholz")."""
    if ent.label_ not in ("GPE", "ORG", "NORP", "LOC", "FAC") or token.i != ent.root.i:
        return False
    if BUILTIN.lookup(ent.text) or BUILTIN.demonym(ent.text):
        return False
    before = token.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.lower_ in P.PERSON_TITLES and before.head.i == token.i


def _locative(token: "Token") -> bool:
    """True for a place after a preposition of place ("in Washington")."""
    return token.dep_ == "pobj" and token.head.lower_ in P.LOCATIVE_PREPS


def _person(token: "Token", ent: "Span", np_head: "Token", offset: int) -> Arg:
    name = list(ent)
    # NER sometimes keeps a title inside the name ("President Biden")
    while len(name) > 1 and name[0].lower_ in P.TITLE_NOUNS:
        name = name[1:]
    title = [t for t in np_head.subtree if t.i < name[0].i and t.i not in range(ent.start, ent.end)]
    title = [t for t in title if not under(t, np_head, ("relcl", "acl", "poss"))]
    title += [t for t in ent if t.i < name[0].i]
    title.sort(key=lambda t: t.i)
    # an apposition that is a title: "Jake Sullivan, the national security adviser,"
    if not title:
        for child in token.children:
            if child.dep_ in _APPOS_DEPS and child.ent_type_ != "PERSON":
                title = [t for t in child.subtree if not under(t, child, ("relcl", "acl"))]
                break
    name = trim(name) or list(ent)
    entry, rest = _find_affiliation(title) if title else (None, [])
    role = _role_text(clip(rest, token))
    name = clip(name, token) or [token]
    label = normalize_name(span_text(name)) or name[-1].text
    mention = build_mention(
        name,
        token,
        offset,
        label=label,
        type=ActorType.PERSON,
        country=entry.country if entry else None,
        role=role,
        affiliation=entry.canonical if entry else None,
    )
    return Arg(mention, ENTITY, token.i)


def _role_phrase(token: "Token", offset: int, depth: int = 0) -> Arg | None:
    """An actor phrase headed by a role noun with a country or organisation modifier."""
    lemma = token.lemma_.lower()
    if lemma not in P.ROLE_NOUNS and token.lower_ not in P.ROLE_NOUNS:
        return None
    agent = P.ROLE_NOUNS.get(lemma, P.ROLE_NOUNS.get(token.lower_, ""))
    for child in sorted(token.children, key=lambda c: c.i):
        if child.i > token.i or child.dep_ not in ("compound", "amod", "nmod", "poss"):
            continue
        entry: Entry | None = None
        ent = entity_of(child)
        if ent is not None and ent.label_ in ("GPE", "NORP", "ORG", "FAC"):
            text = normalize_name(span_text(trim(list(ent)))) or child.text
            entry = _entry_for_entity(text, ent.label_) or BUILTIN.demonym(text)
            if entry is None and ent.label_ == "ORG":
                entry = Entry(text, ActorType.ORGANIZATION)
            if entry is None and ent.label_ == "GPE":
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
                BUILTIN.demonym(child.text) or BUILTIN.lookup(child.text) if child.pos_ in ("ADJ", "PROPN") else None
            )
            if entry is None and depth < 2 and child.pos_ == "NOUN":
                inner = _role_phrase(child, offset, depth + 1)
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
            code = entry.country + agent
        kind = ActorType.COUNTRY if entry.type is ActorType.GROUP else entry.type  # "Palestinian officials"
        mention = build_mention(
            tokens, token, offset, label=entry.canonical, type=kind, country=entry.country, code=code, role=token.lower_
        )
        return Arg(mention, ROLE, token.i)
    return _role_of_place(token, agent, offset)


def _role_of_place(token: "Token", agent: str, offset: int) -> Arg | None:
    """A plural role noun placed in a country or capital: "officials in Tehran" → Iran."""
    if token.tag_ not in ("NNS", "NNPS") and token.lemma_.lower() not in ("government", "leadership", "authority"):
        return None
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "from"):
            continue
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
            if entry is None:
                continue
            tokens = trim(
                [t for t in token.subtree if t.i <= pobj.i and not under(t, token, ("relcl", "acl", "appos"))]
            )
            code = entry.country + agent if entry.country and agent else entry.code
            mention = build_mention(
                tokens or [token],
                token,
                offset,
                label=entry.canonical,
                type=entry.type,
                country=entry.country,
                code=code,
                role=token.lower_,
            )
            return Arg(mention, ROLE, token.i)
    return None


def _entity_mention(token: "Token", ent: "Span", offset: int) -> Arg | None:
    tokens = trim(list(ent))
    if not tokens or any(t.is_quote or t.is_bracket for t in tokens):  # "Israel'-Iran": a broken span
        return None
    text = normalize_name(span_text(tokens))
    entry = _entry_for_entity(text, ent.label_, place=_locative(token))
    kind = _entity_type(ent.label_, entry)
    label = entry.canonical if entry else text
    country = entry.country if entry else None
    if ent.label_ == "NORP" and entry is not None and entry.type is ActorType.COUNTRY:
        # a people named as a noun ("the Israelis"): the group, with its country
        plural = token.tag_ in ("NNPS", "NNS") or text.endswith("s")
        kind, label = (ActorType.GROUP, text) if plural else (ActorType.COUNTRY, entry.canonical)
    mention = build_mention(
        tokens, token, offset, label=label, type=kind, country=country, code=entry.code if entry else None
    )
    return Arg(mention, ENTITY, token.i)


def _known_name(token: "Token", offset: int) -> Arg | None:
    """A proper name the NER missed but the gazetteer knows ("as reported by Axios")."""
    tokens = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "flat") or t.i == token.i]
    tokens = trim(tokens) or [token]
    entry = BUILTIN.lookup(span_text(tokens)) or BUILTIN.lookup(token.text)
    if entry is None:
        return None
    if BUILTIN.lookup(span_text(tokens)) is None:
        tokens = [token]
    mention = build_mention(
        tokens, token, offset, label=entry.canonical, type=entry.type, country=entry.country, code=entry.code
    )
    return Arg(mention, ENTITY, token.i)


def mention_of(token: "Token", offset: int = 0) -> Arg | None:
    """The actor argument headed by ``token`` (entity, title or role phrase), else None.

    Concepts and pronouns are not handled here (see :func:`concept_of` and
    :mod:`kg.extract.coref`).
    """
    if token.pos_ == "PRON" or token.is_punct or token.is_space:
        return None
    titled = _title_person(token)
    if titled is not None:
        head, ent = titled
        return _person(head, ent, token, offset)
    ent = entity_of(token)
    if ent is not None and ent.label_ != "PERSON" and _titled_name(token, ent):
        ent = token.doc.char_span(ent.start_char, ent.end_char, label="PERSON") or ent
    if ent is not None and ent.label_ in P.ENT_TYPES:
        known = BUILTIN.lookup(ent.text) if ent.label_ == "PERSON" else None
        if ent.label_ == "PERSON" and (known is None or known.type is ActorType.PERSON):
            return _person(token, ent, _title_head(token), offset)
        if known is not None:
            return _entity_mention(token, ent, offset)
        if ent.label_ in ("NORP", "GPE", "ORG") and token.i != ent.root.i and token.pos_ == "NOUN":
            pass  # a common noun swallowed by an entity: treat as a phrase below
        else:
            return _entity_mention(token, ent, offset)
    if ent is None and token.pos_ == "PROPN":
        known = _known_name(token, offset)
        if known is not None:
            return known
    role = _role_phrase(token, offset)
    if role is not None:
        return role
    if token.pos_ == "NOUN" and (token.lemma_.lower() in P.GROUP_NOUNS) and token.tag_ == "NNS":
        tokens = trim(clip(phrase_of(token), token)) or [token]
        label = label_words([t for t in tokens if t.dep_ == "compound" or t.i == token.i]) or token.lower_
        return Arg(build_mention(tokens, token, offset, label=label, type=ActorType.GROUP), GROUP, token.i)
    return None
