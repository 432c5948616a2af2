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

from kg.dictionaries import default_dictionary
from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.extract.gazetteer import BUILTIN, Entry
from kg.extract.phrases import (
    ENTITY,
    GROUP,
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
from kg.extract.roles import entry_for_entity, is_place, role_phrase, title_before
from kg.names import normalize_name
from kg.records import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["mention_of"]

_APPOS_DEPS = frozenset({"appos"})
_EVALUATIVE = frozenset({"new", "last", "latest", "planned", "several", "remaining", "other", "many", "some", "more"})
_TITLE_PATH_DEPS = frozenset({"prep", "pobj", "compound", "appos", "nmod", "flat"})


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
            entry = BUILTIN.user(text) or BUILTIN.lookup(text) or BUILTIN.demonym(text) or BUILTIN.metonym(text)
            if entry is None and run[0].pos_ == "PROPN":  # a country the curated table lacks ("Kenya's")
                entry = BUILTIN.known_country(text)
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


def _country_possessor(token: "Token") -> bool:
    """True for a token of a possessor that names a country ("Egypt" of "Egypt's president")."""
    poss = token
    while poss.dep_ != "poss" and poss.head.i != poss.i:
        poss = poss.head
    ent = entity_of(poss)
    text = span_text(trim(list(ent))) if ent is not None else poss.text
    return BUILTIN.known_country(text) is not None


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


def _person(token: "Token", ent: "Span", np_head: "Token", offset: int) -> Arg:
    name = list(ent)
    # NER sometimes keeps a title inside the name ("President Biden")
    while len(name) > 1 and name[0].lower_ in P.TITLE_NOUNS:
        name = name[1:]
    title = [t for t in np_head.subtree if t.i < name[0].i and t.i not in range(ent.start, ent.end)]
    # a possessor is kept when it is a country's name ("Gondor's Prime Minister Falastur"), not a pronoun
    title = [t for t in title if not under(t, np_head, ("relcl", "acl"))
             and not (under(t, np_head, ("poss",)) and not _country_possessor(t))]
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


def _entity_mention(token: "Token", ent: "Span", offset: int) -> Arg | None:
    tokens = trim(list(ent))
    if not tokens or any(t.is_quote or t.is_bracket for t in tokens):  # "Israel'-Iran": a broken span
        return None
    text = normalize_name(span_text(tokens))
    place = is_place(token)
    entry = entry_for_entity(text, ent.label_, place=place)
    kind = _entity_type(ent.label_, entry)
    label = entry.canonical if entry else text
    country = entry.country if entry else None
    if ent.label_ == "NORP" and entry is not None and entry.type is ActorType.COUNTRY:
        # a people named as a noun ("the Israelis"): the group, with its country
        plural = token.tag_ in ("NNPS", "NNS") or text.endswith("s")
        kind, label = (ActorType.GROUP, text) if plural else (ActorType.COUNTRY, entry.canonical)
    if entry is None and kind is ActorType.ORGANIZATION and text.split()[-1].lower() in L.ARMED_GROUP_WORDS:
        kind = ActorType.GROUP  # "Rapid Support Forces": a non-state armed group
    region = [c for c in token.children if c.dep_ == "amod" and c.lower_ in L.REGION_WORDS and c.i < ent.start]
    if region and kind is ActorType.COUNTRY:  # "central Israel", "northern Gaza": a place in it
        tokens = [region[0], *tokens]
        kind, label = ActorType.LOCATION, f"{region[0].lower_} {label}"
    rule = None
    if entry is not None and entry.canonical != text:
        if ent.label_ == "NORP":
            rule = "demonym"
        elif not place and BUILTIN.metonym(text) is not None:
            rule = "metonym"
    mention = build_mention(
        tokens, token, offset, label=label, type=kind, country=country, code=entry.code if entry else None,
        resolved_by=rule,
    )
    return Arg(mention, ENTITY, token.i)


_NAME_GLUE = frozenset({"of", "for", "without", "and", "the", "&", "de", "du", "des", "la", "le"})


def _known_name(token: "Token", offset: int) -> Arg | None:
    """A proper name the NER missed but the gazetteer knows ("as reported by Axios",
    "UNICEF", "Doctors Without Borders")."""
    whole = sorted(token.subtree, key=lambda t: t.i)
    if len(whole) > 1 and all(t.text[:1].isupper() or t.lower_ in _NAME_GLUE for t in whole):
        entry = BUILTIN.known(span_text(whole))  # a name with a preposition in it
        if entry is not None:
            mention = build_mention(
                whole, token, offset, label=entry.canonical, type=entry.type, country=entry.country, code=entry.code
            )
            return Arg(mention, ENTITY, token.i)
    tokens = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "flat") or t.i == token.i]
    tokens = trim(tokens) or [token]
    entry = BUILTIN.known(span_text(tokens))
    if entry is None:  # the head alone
        entry, tokens = BUILTIN.known(token.text), [token]
    if entry is None:
        return None
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
    named = _user_named(token, offset)
    if named is not None:
        return named
    titled = _title_person(token)
    if titled is not None:
        head, ent = titled
        return _person(head, ent, token, offset)
    ent = entity_of(token)
    if ent is not None and ent.label_ != "PERSON" and _titled_name(token, ent):
        ent = token.doc.char_span(ent.start_char, ent.end_char, label="PERSON") or ent
    if ent is not None and ent.label_ in ("PERSON", "GPE", "LOC", "NORP") and _business_name(ent):
        ent = token.doc.char_span(ent.start_char, ent.end_char, label="ORG") or ent  # "Solvane Pharma"
    if ent is not None and ent.label_ in ("PERSON", "ORG") and _named_place(token):
        ent = token.doc.char_span(ent.start_char, ent.end_char, label="GPE") or ent  # "the city Homs"
    if ent is not None and ent.label_ in ("GPE", "LOC") and _person_like(token, ent):
        ent = token.doc.char_span(ent.start_char, ent.end_char, label="PERSON") or ent  # "Blinken", "Scholz"
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
        known = _known_name(token, offset) or _unknown_name(token, offset)
        if known is not None:
            return known
    if ent is None and token.pos_ == "NOUN" and (token.text.isupper() and len(token.text) > 2 or token.text.istitle()):
        known = _known_name(token, offset)  # "UNICEF" tagged as a noun; "Doctors Without Borders"
        if known is not None:
            return known
    role = role_phrase(token, offset)
    if role is not None:
        return role
    if token.pos_ == "NOUN" and (token.lemma_.lower() in P.GROUP_NOUNS) and token.tag_ == "NNS":
        tokens = trim(clip(phrase_of(token), token)) or [token]
        qualifiers = [t for t in tokens if t.dep_ == "amod" and t.head.i == token.i and t.lower_ not in _EVALUATIVE]
        if token.lemma_.lower() in L.QUALIFIED_GROUP_NOUNS and not qualifiers:
            return None  # "countries" alone is no actor; "developing countries" is
        words = [t for t in tokens if t.dep_ == "compound" or t.i == token.i or t in qualifiers]
        label = label_words(words) or token.lower_
        return Arg(build_mention(tokens, token, offset, label=label, type=ActorType.GROUP), GROUP, token.i)
    return None


def _user_named(token: "Token", offset: int) -> Arg | None:
    """A noun phrase a user dictionary names ("the occupation" → Israel), longest phrase first."""
    if token.pos_ not in ("NOUN", "PROPN") or not BUILTIN.has_user():
        return None
    full = [t for t in phrase_of(token, full=True, without=frozenset({"relcl", "acl", "appos"}))]
    for tokens in (full, phrase_of(token), [token]):
        tokens = trim(tokens) or [token]
        entry = BUILTIN.user(span_text(tokens))
        if entry is not None:
            mention = build_mention(
                tokens, token, offset, label=entry.canonical, type=entry.type, country=entry.country,
                code=entry.code, role=title_before(tokens[0]), resolved_by="user-dictionary",
            )
            return Arg(mention, ENTITY, token.i)
    return None


_PLACE_WORDS = frozenset({"city", "town", "village", "province", "district", "region", "capital", "port",
                          "governorate", "suburb", "neighbourhood", "neighborhood"})


def _named_place(token: "Token") -> bool:
    """True for a name that a place noun introduces ("Syria's third city Homs", "the town of
    Qusayr"): a place, whatever type the recogniser gave it."""
    if any(c.dep_ == "compound" and c.lemma_.lower() in _PLACE_WORDS and c.i < token.i for c in token.children):
        return True
    head = token.head
    return (token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PLACE_WORDS
            and head.head.i == head.i - 1) or (token.dep_ == "appos" and head.lemma_.lower() in _PLACE_WORDS)


def _business_name(ent: "Span") -> bool:
    """True for a name ending in a business word the NER took for a person or place ("Calder Rail")."""
    words = ent.text.split()
    named = len(words) > 1 or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in ent.root.children)
    return named and words[-1].lower() in L.BUSINESS_WORDS and not BUILTIN.lookup(ent.text)


def _person_like(token: "Token", ent: "Span") -> bool:
    """True for an unknown one-word "place" that meets, calls or talks ("Blinken is not expected to meet")."""
    if len(ent) != 1 or BUILTIN.known(ent.text) or BUILTIN.metonym(ent.text) or BUILTIN.demonym(ent.text):
        return False
    if default_dictionary().lookup(ent.text) is not None:
        return False  # a place the dictionary knows (a city of a country)
    head = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "with" else token.head
    verbs = [head, *(c for c in head.children if c.dep_ == "xcomp")]  # "is expected to meet"
    personal = any(v.lemma_.lower() in L.PERSONAL_VERBS for v in verbs)
    return token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass") and personal


def _unknown_name(token: "Token", offset: int) -> Arg | None:
    """A proper name the NER and the dictionaries missed, typed by its company: "Modi" beside
    "Xi" is a person, "Unite" beside "Northmoor Steel" an organisation; an acronym or a name
    that is the subject of a verb is an organisation."""
    if token.dep_ in ("compound", "flat", "poss") or not token.text[:1].isupper() or token.lower_ in L.NOT_NAMES:
        return None
    if token.lower_ in P.TITLE_NOUNS or token.lemma_.lower() in P.ROLE_NOUNS:
        return None  # "Ambassador", "Minister": a title, not a name
    kind = None
    for other in token.conjuncts:
        ent = entity_of(other)
        if ent is not None and ent.label_ in ("PERSON", "ORG"):
            kind = ActorType.PERSON if ent.label_ == "PERSON" else ActorType.ORGANIZATION
            break
    if kind is None and ((token.text.isupper() and len(token.text) > 2) or token.dep_ == "nsubj"):
        kind = ActorType.ORGANIZATION
    if kind is None:
        return None
    tokens = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "flat") or t.i == token.i]
    tokens = trim(tokens) or [token]
    label = normalize_name(span_text(tokens))
    return Arg(build_mention(tokens, token, offset, label=label, type=kind), ENTITY, token.i)
