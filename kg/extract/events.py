"""CAMEO event codes for relations: verb lemma, particles, light-verb nouns, context.

:func:`event_code` maps a relation's predicate (a lemma phrase in active voice,
such as ``"meet with"``, ``"impose sanction on"``, ``"pull out of"``) to a CAMEO
event code, in this order:

1. context rules that the verb alone cannot decide (gold guidelines §11):
   "withdraw from"/"pull out of" talks (164) or a treaty (161), a commercial
   deal (no event), else a military retreat (0874); "suspend" an athlete (172)
   or mediation (165); "agree to"/"approve" a ceasefire (0871); "welcome" a
   visitor (043); "fire" a person (no event); a labour "strike against" a
   company (143) versus a military one (190); an "attack" in a speech (111);
   "caught X off guard" (no event: an idiom of surprise, not a seizure);
2. light-verb constructions, where the noun carries the event
   (:data:`~kg.extract.lexicon.LIGHT_EVENTS`: "impose sanctions on" 163,
   "hold talks with" 040, "fire rockets at" 190), then CAMEO.2.0's
   noun-incorporated patterns (:func:`kg.dictionaries.light_event_type`, data
   converted by ``scripts/convert_dictionaries.py`` into
   ``ontologies/dictionaries/cameo_light.tsv``: "abort meeting with" 164);
3. news defaults for the whole phrase (:data:`~kg.extract.lexicon.VERB_EVENTS`),
   then the CAMEO verb dictionary's pattern for the particles
   (:func:`kg.dictionaries.event_type`), then the news default for the lemma,
   then the dictionary's default for the verb.

The root (``code[:2]``) is the JSONL ``event_type``; Goldstein value and quad
class come with :func:`describe`. For planned and threatened actions the
caller codes the embedded event ("threatened to strike" → the strike), as the
gold guidelines ask; negation never changes the code.

>>> event_code("meet with")
'040'
>>> event_code("impose sanction on")
'163'
>>> event_code("pull out of", object_label="Doha talks")
'164'
>>> event_code("walk") is None
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.dictionaries import EventType, cameo_code, event_type, light_event_type
from kg.extract import lexicon as L
from kg.records import ActorType
from kg.verbdict import VerbPattern, Word, active_verbs, default_verbs, singular

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["event_code", "describe", "light_event"]

_PARTICLES = frozenset({
    "about", "across", "against", "along", "around", "at", "away", "back", "by", "down", "for", "from", "in",
    "into", "of", "off", "on", "onto", "out", "over", "through", "to", "toward", "towards", "up", "upon",
    "with", "behind", "among", "between", "favor", "favour", "support", "behalf",
})
_WITHDRAW = frozenset({("withdraw", "from"), ("pull", "out of"), ("pull", "from"), ("back", "out of")})


def _head(label: str | None) -> str:
    words = (label or "").lower().replace("-", " ").split()
    return singular(words[-1]) if words else ""


def _in_speech(verb: "Token | None") -> bool:
    """True for a verb modified by "in a speech/statement/interview"."""
    if verb is None:
        return False
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
            if any(p.dep_ == "pobj" and p.lemma_.lower() in L.SPEECH_NOUNS for p in prep.children):
                return True
    return False


def _context(
    lemma: str, particles: str, obj_head: str, subject_type: ActorType | None, object_type: ActorType | None,
    verb: "Token | None",
) -> str | None:
    """A code decided by the object or the setting, "" for no event, None when no rule applies."""
    if (lemma, particles) in _WITHDRAW:
        if obj_head in L.COMMERCIAL_NOUNS:
            return ""
        if obj_head in L.TALK_NOUNS:
            return "164"
        if obj_head in L.PACT_NOUNS:
            return "161"
        return "0874"
    if lemma == "suspend" and not particles:
        if object_type is ActorType.PERSON:
            return "172"
        if obj_head in ("mediation", "mediating"):
            return "165"
        if obj_head in L.TALK_NOUNS:
            return "164"
        return None
    if lemma in ("agree", "approve", "accept", "sign", "announce", "declare") and obj_head in L.TRUCE_NOUNS:
        return "0871"
    if lemma == "welcome" and not particles and object_type in (ActorType.PERSON, ActorType.COUNTRY):
        return "043"
    if lemma == "fire" and not particles and object_type is ActorType.PERSON:
        return ""  # dismissed, not shot at
    if (lemma, particles) == ("strike", "against"):
        military = (ActorType.COUNTRY, ActorType.LOCATION, ActorType.GROUP)
        return "190" if subject_type in military or object_type in military else "143"
    if lemma in ("attack", "hit", "strike", "slam", "blast") and _in_speech(verb):
        return "111"
    if verb is not None and _surprise_idiom(lemma, verb):
        return ""  # "caught the Pentagon off guard": surprised, not seized
    return None


def _surprise_idiom(lemma: str, verb: "Token") -> bool:
    for prep in verb.children:
        if prep.dep_ in ("prep", "prt") and any(
            (lemma, prep.lower_, p.lower_) in L.SURPRISE_IDIOMS for p in prep.children if p.dep_ == "pobj"
        ):
            return True
    return False


_OTHER_CLAUSE = frozenset({"conj", "cc", "ccomp", "advcl", "parataxis", "punct", "mark", "relcl", "acl"})


def _forms(token: "Token") -> Word:
    lower, lemma = token.lower_, token.lemma_.lower()
    return lower if lower == lemma else (lower, lemma)


def _around(lemma: str, predicate_rest: list[str], object_label: str | None,
            verb: "Token | None", complement: bool = False) -> tuple[list[Word], list[Word]]:
    """The words before the verb (its sentence, in order) and after it (its clause: objects, particles,
    prepositional phrases, an infinitive complement; not a conjoined or subordinate clause).

    A passive verb's subject counts as after it ("talks were held" is "held talks"). Without the
    verb's token (or for a noun standing as the predicate), the predicate's words and the object's
    label are the words after it. With ``complement`` a "that" clause is in the verb's phrase too,
    as PETRARCH reads it ("conceded that X is no easy partner" matches "* EASY_PARTNER").
    """
    if verb is None or verb.pos_ not in ("VERB", "AUX") or L.LEMMA_FIXES.get(verb.lemma_.lower(), verb.lemma_.lower()) != lemma:
        return [], [*predicate_rest, *(object_label or "").lower().split()]
    skip: set[int] = set()
    moved: list[Word] = []
    for child in verb.children:
        if child.i > verb.i and child.dep_ in _OTHER_CLAUSE and not (complement and child.dep_ == "ccomp"):
            skip.update(t.i for t in child.subtree)
        elif child.dep_ in ("nsubjpass", "csubjpass"):
            moved = [_forms(t) for t in child.subtree]
    after = moved + [_forms(t) for t in verb.subtree if t.i > verb.i and t.i not in skip]
    before = [_forms(t) for t in verb.doc[verb.sent.start:verb.i]]
    return before, after


def event_code(
    predicate: str,
    *,
    subject_type: ActorType | None = None,
    object_type: ActorType | None = None,
    object_label: str | None = None,
    verb: "Token | None" = None,
    complement: bool = False,
) -> str | None:
    """The CAMEO event code of a relation, else None.

    Args:
        predicate: the relation's lemma phrase ("meet with", "impose sanction on").
        subject_type: the subject's actor type, where known.
        object_type: the object's actor type, where known.
        object_label: the object's label (its head noun decides a few codes).
        verb: the predicate's token (for "in a speech"), if any.
        complement: the verb's complement clause is part of its phrase (an event-coding target
            found in it, :mod:`kg.extract.targets`).

    Returns:
        A code of ``ontologies/dictionaries/cameo_codes.tsv`` (e.g. ``"0874"``) or None.
    """
    words = predicate.lower().split()
    if not words:
        return None
    lemma = L.LEMMA_FIXES.get(words[0], words[0])
    rest = words[1:]
    noun = singular(rest[0]) if rest and rest[0] not in _PARTICLES else None
    particles = " ".join(w for w in (rest[1:] if noun else rest) if w in _PARTICLES)
    around = None  # the words around the verb: walked only when a verb dictionary is asked
    user = active_verbs()
    form = verb.lower_ if verb is not None and verb.pos_ in ("VERB", "AUX") else None
    if user is not None and (lemma in user or (form and form in user)):  # the user's dictionary decides its verbs
        compound = form is not None and any(
            c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ == "conj" for g in c.children) for c in verb.children)
        before, after = around = _around(lemma, rest, object_label, verb, complement)
        found_user = user.match(lemma, form=form, before=before, after=after, compound=compound)
        if found_user is not None:
            return found_user.code or None
    code = _context(lemma, particles, _head(object_label), subject_type, object_type, verb)
    found = None
    if code is None and noun is not None:
        after = (around or _around(lemma, rest, object_label, verb, complement))[1]
        found = default_verbs().match(lemma, after=after)
    if found is not None and (found.pattern is None or not _names_noun(found.pattern, noun)):
        found = None  # a pattern not about the predicate's noun: the rules below decide
    if code is None and found is not None and _content_words(found.pattern) > 1:  # more nouns than a light verb's
        code = found.code  # "launch {AIR STRIKE}" (195) beats the news default of "launch strike" (190)
    if code is None and noun is not None:
        code = L.LIGHT_EVENTS.get((lemma, noun))
    if code is None and found is not None:
        code = found.code
    if code is None and noun is not None and particles:  # CAMEO's "- * NOUN (PREP" patterns
        light = light_event_type(lemma, noun, particles.split()[0])
        code = light.code if light is not None else None
    if code is None:
        code = L.VERB_EVENTS.get(f"{lemma} {particles}".strip()) if particles else None
    if code is None and particles:
        specific = event_type(lemma, particles.split())
        default = event_type(lemma)
        if specific is not None and (default is None or specific.code != default.code):
            code = specific.code
    if code is None:
        code = L.VERB_EVENTS.get(lemma)
    if code is None:
        typed = event_type(lemma)
        code = typed.code if typed is not None else None
    return code or None


def _names_noun(pattern: VerbPattern, noun: str | None) -> bool:
    """True for a pattern that asks for the predicate's noun ("hold TALKS with": the noun names the event).

    Patterns about other words (the object's head: "meet with LEADERS", "send &MILITARY") are
    left to the news defaults, which the gold set holds to.
    """
    return any(singular(w) == noun for e in pattern.after for p in e for w in p)


def _content_words(pattern: VerbPattern | None) -> int:
    """The words of a pattern that are not particles or prepositions."""
    if pattern is None:
        return 0
    return sum(1 for e in pattern.after for w in min(e, key=len) if w not in _PARTICLES)


def light_event(predicate: str) -> bool:
    """True for a light-verb phrase whose noun names an event ("impose duty on", "claim responsibility for").

    Such a phrase keeps a concept object ("impose duties on European brandy").

    >>> light_event("impose duty on"), light_event("express concern over")
    (True, True)
    """
    words = predicate.lower().split()
    return len(words) > 2 and bool(L.LIGHT_EVENTS.get((L.LEMMA_FIXES.get(words[0], words[0]), singular(words[1]))))


def describe(code: str | None) -> EventType | None:
    """The CAMEO entry (name, Goldstein value, quad class) of a code, else None.

    >>> describe("190").goldstein
    -10.0
    """
    return cameo_code(code) if code else None
