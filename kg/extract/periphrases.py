"""Frames of periphrastic constructions: a relation said through a fixed phrase, not a plain clause.

Each reader states one construction as a generalisation over the parse, with the verb it stands for:
"under attack by X" (:func:`under_frames`), "Y was informed only after X acted"
(:func:`late_notice_frames`), "X backtracked on Y" (:func:`reversal_frames`), "X is in talks
with Y" (:func:`state_frames`) and "X was in breach of Y" (:func:`in_state_frames`). Plain clauses
are :mod:`kg.extract.clauses`; :func:`frames` gathers both for a sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.extract.clauses import (
    IMPLICIT, LIGHT, PASSIVE, PREP, Frame, aux_tokens, content_of, in_order, is_passive, kids, modifier_agent,
    noun_partners, passive_agents, patients_of, predicate_phrase, predicates, subjects_of, usable, verb_frames,
    verb_lemma, with_conjuncts,
)
from kg.extract.control import blocked

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["frames", "under_frames", "late_notice_frames", "reversal_frames", "state_frames", "in_state_frames"]


def _under_agents(noun: "Token", host: "Token") -> "tuple[Token, ...]":
    """The agent of "under <noun>": a "by" phrase (on the noun or its host), an "of" phrase on the
    noun ("under the control of X") or a name or nationality before it ("under Israeli control")."""
    for head in (noun, host):
        for prep in kids(head, {"prep", "agent"}):
            if prep.lower_ == "by" or (head is noun and prep.lower_ == "of"):
                for pobj in kids(prep, {"pobj"}):
                    if usable(pobj):
                        return with_conjuncts(pobj)
    agent = modifier_agent(noun)
    return (agent,) if agent is not None else ()


def _described(token: "Token") -> "Token":
    """The noun a chain of appositions describes ("the A350, a jet, a design under ..." → A350)."""
    for _ in range(4):
        if token.dep_ != "appos" or token.head.pos_ not in ("NOUN", "PROPN"):
            break
        token = token.head
    return token


def under_frames(prep: "Token") -> "Iterator[Frame]":
    """"Under <event noun>" as a passive: "a jet under development by X" → X `develop` jet.

    Generalisation: "under" with an event noun (:data:`~kg.extract.lexicon.UNDER_NOUNS`:
    development, construction, review, investigation, attack, control, occupation) says its host
    undergoes the act, a passive without a participle: the host (the noun the phrase modifies,
    or the subject of "be"/"come"/"remain under") is the patient, the agent comes in a "by" or
    "of" phrase or as a nationality ("under Israeli occupation"). After "have" the subject is
    the agent and the object the patient ("X has the jet under development", also when the
    object is the noun a relative clause modifies: "a jet X has under development"). No agent,
    no relation ("the bridge is under construction").
    """
    if prep.lower_ != "under" or prep.dep_ != "prep":
        return
    for noun in kids(prep, {"pobj"}):
        verb = L.UNDER_NOUNS.get(noun.lemma_.lower())
        if verb is None or noun.pos_ != "NOUN":
            continue
        host = prep.head
        agents = _under_agents(noun, host)
        if host.pos_ in P.PREDICATE_POS and host.lemma_.lower() == "have":
            objs = kids(host, P.OBJ_DEPS)
            patients = with_conjuncts(objs[0]) if objs else ((host.head,) if host.dep_ in ("relcl", "acl") else ())
            agents = agents or subjects_of(host)[0]
        elif host.pos_ in P.PREDICATE_POS:
            patients = with_conjuncts(own[0]) if (own := kids(host, P.SUBJ_DEPS)) else ()
        elif host.pos_ in ("NOUN", "PROPN"):
            patients = (host,)
        else:
            continue
        # a description in apposition stands for the noun it describes ("the A350, a jet under ...")
        patients = tuple(map(_described, patients))
        agents = tuple(a for a in map(content_of, agents) if usable(a))
        patients = tuple(p for p in map(content_of, patients) if usable(p))
        if agents and patients:
            anchor = host if host.pos_ in P.PREDICATE_POS else noun
            yield Frame(anchor, agents, patients, verb, (prep, noun), PASSIVE)


_NOTICE_VERBS = frozenset({"notify", "inform", "tell", "brief", "warn", "alert", "apprise", "consult"})
_LATE_MARKS = frozenset({"after", "once", "when"})


def late_notice_frames(verb: "Token") -> "Iterator[Frame]":
    """"Y was informed only after X did Z": X `inform` Y, an agent the sentence implies.

    Generalisation: an agentless passive of informing (notify, inform, tell, brief, warn,
    consult) focused by "only" on a temporal clause ("only after", "only once", "only when")
    says the notice came late, from the one who acted: the temporal clause's subject is the
    informer ("US officials were only told after the army had moved" → army `tell` US
    officials). Without "only", with a by-agent, or without an actor acting in the clause,
    nothing. The relation carries a lower confidence (``how`` :data:`IMPLICIT`).
    """
    if verb_lemma(verb) not in _NOTICE_VERBS or not is_passive(verb) or passive_agents(verb):
        return
    patients = tuple(p for p in map(content_of, patients_of(verb)) if usable(p))
    if not patients:
        return
    for clause in kids(verb, {"advcl"}):
        marks = [m.lower_ for m in clause.children if m.dep_ == "mark"]
        focus = [a for a in (*verb.children, *clause.children) if a.dep_ == "advmod" and a.lower_ == "only"]
        if not marks or marks[0] not in _LATE_MARKS or not focus:
            continue
        actors = [s for s in kids(clause, P.SUBJ_DEPS) if usable(s) and s.pos_ in ("NOUN", "PROPN")]
        if actors:
            written = [*aux_tokens(verb), verb, *focus, *(m for m in clause.children if m.dep_ == "mark")]
            yield Frame(verb, with_conjuncts(actors[0]), patients, verb_lemma(verb), in_order(written), IMPLICIT)
            return


_REVERSAL_PREPS = frozenset({"on", "from"})
_STANCE_PREPS = frozenset({"for", "of", "on", "to", "with"})


def _stance_theme(verb: "Token") -> "Token | None":
    """What an earlier stance was about, from an "after (initially) V-ing ..." adjunct of ``verb``:
    its object, or the object of its object's phrase ("signaling support for the plan" → plan)."""
    for prep in kids(verb, {"prep", "advcl"}):
        clause = prep if prep.dep_ == "advcl" else next(iter(kids(prep, {"pcomp"})), None)
        word = prep.lower_ if prep.dep_ == "prep" else next((m.lower_ for m in kids(prep, {"mark"})), "")
        if clause is None or word not in ("after", "despite") or clause.tag_ != "VBG":
            continue
        for obj in kids(clause, P.OBJ_DEPS):
            for inner in kids(obj, {"prep"}):
                if inner.lower_ in _STANCE_PREPS:
                    for pobj in kids(inner, {"pobj"}):
                        return pobj
            return obj
    return None


def reversal_frames(verb: "Token") -> "Iterator[Frame]":
    """Going back on a stance: "X backtracked on Y", "X reversed course on Y" → X `backtrack on` Y.

    Generalisation: a verb of reversal (:data:`~kg.extract.lexicon.REVERSAL_VERBS`, or an idiom of
    :data:`~kg.extract.lexicon.REVERSAL_IDIOMS`: "reversed course", "made a U-turn") relates its
    subject to what it gave up, named in an "on"/"from" phrase; the idiom's noun is no object of
    its own ("reverse course" relates nobody to a course). With no such phrase the reversal is of
    the stance an "after (initially) V-ing Y" adjunct states, and Y is the theme ("after
    initially backing the plan, X backtracked" → X `backtrack on` plan). Without either, nothing.
    """
    lemma = verb_lemma(verb)
    objs = kids(verb, P.OBJ_DEPS)
    idiom = next((o for o in objs if (lemma, o.lemma_.lower()) in L.REVERSAL_IDIOMS), None)
    if lemma not in L.REVERSAL_VERBS and idiom is None:
        return
    subjects, inherited = subjects_of(verb)
    subjects = tuple(s for s in map(content_of, subjects) if usable(s))
    if not subjects:
        return
    written = [*aux_tokens(verb), verb, *kids(verb, {"prt"})]
    for head in (verb, idiom) if idiom is not None else (verb,):
        for prep in kids(head, {"prep"}):
            if prep.lower_ in _REVERSAL_PREPS:
                for pobj in kids(prep, {"pobj"}):
                    if usable(pobj):
                        extra = [idiom] if idiom is not None else []
                        yield Frame(verb, subjects, with_conjuncts(pobj), "backtrack on",
                                    in_order([*written, *extra, prep]), PREP, inherited)
                        return
    theme = _stance_theme(verb) if not objs or idiom is not None else None
    if theme is not None and usable(theme):
        yield Frame(verb, subjects, (theme,), "backtrack on", in_order(written), PREP, inherited)


_STATE_PREPS = frozenset({"in", "at"})
_STATE_PARTNER_PREPS = frozenset({"with", "against", "to"})


def state_frames(verb: "Token") -> "Iterator[Frame]":
    """A copula with a phrase of standing relation: "X is in talks with Y" → X *be in talks with* Y.

    Generalisation: "be" says where or what something is ("is in Paris"), no relation; but "in"/"at"
    with a noun of a standing relation (:data:`~kg.extract.lexicon.STATE_NOUNS`: talks, war,
    contact, dispute) and that noun's own partner phrase ("with", "against", "to") states a
    relation with the partner, as the light verb of :func:`incorporated` does ("is at war with X",
    "is in contact with X"). Without such a noun ("is in Paris", "is in trouble") nothing.
    """
    if verb.lemma_.lower() != "be":
        return
    own = [s for s in map(content_of, kids(verb, P.SUBJ_DEPS)) if usable(s)]
    if not own:
        return
    subjects = with_conjuncts(own[0])
    for prep in kids(verb, {"prep"}):
        if prep.lower_ not in _STATE_PREPS:
            continue
        for noun in kids(prep, {"pobj"}):
            if noun.pos_ != "NOUN" or (noun.lower_ not in L.STATE_NOUNS and noun.lemma_.lower() not in L.STATE_NOUNS):
                continue
            for inner in kids(noun, {"prep"}):
                if inner.lower_ not in _STATE_PARTNER_PREPS:
                    continue
                for partner in kids(inner, {"pobj"}):
                    if usable(partner):
                        written = [*aux_tokens(verb), verb, prep, noun, inner]
                        predicate = predicate_phrase("be", prep.lower_, noun.lower_, inner.lower_)
                        yield Frame(verb, subjects, with_conjuncts(partner), predicate, in_order(written), LIGHT)
                        return


def in_state_frames(verb: "Token") -> "Iterator[Frame]":
    """"X is in <state> of Y": X `verb` Y, the verb the state noun stands for.

    Generalisation: "be in" with a deverbal noun of a state held towards something
    (:data:`~kg.extract.lexicon.IN_STATE_NOUNS`: possession, control, breach, violation,
    support) and its "of" phrase says the subject holds that state towards the phrase's object:
    "was in possession of the files" → `possess` files, "is in breach of the accord" → `breach`
    accord; a partner phrase on that object folds in as after a verb ("in possession of
    documents from X" → `possess documents from` X). "In" with other nouns ("in Paris", "in
    trouble") gives nothing here.
    """
    if verb.lemma_.lower() != "be":
        return
    subjects = tuple(s for s in map(content_of, subjects_of(verb)[0]) if usable(s))
    if not subjects:
        return
    for prep in kids(verb, {"prep"}):
        if prep.lower_ != "in":
            continue
        for noun in kids(prep, {"pobj"}):
            lemma = L.IN_STATE_NOUNS.get(noun.lemma_.lower())
            if lemma is None or noun.pos_ != "NOUN":
                continue
            for of in kids(noun, {"prep"}):
                if of.lower_ != "of":
                    continue
                for pobj in kids(of, {"pobj"}):
                    obj = content_of(pobj)
                    if not usable(obj):
                        continue
                    written = [*aux_tokens(verb), verb, prep, noun, of]
                    yield Frame(verb, subjects, with_conjuncts(obj), lemma, in_order(written), PREP)
                    for preps, partner in noun_partners(obj):
                        predicate = predicate_phrase(lemma, obj.lemma_, *(p.lower_ for p in preps))
                        yield Frame(verb, subjects, with_conjuncts(partner), predicate,
                                    in_order([*written, obj, *preps]), LIGHT)
                    return


def frames(sent: "Span", *, copula: bool = False, complements: bool = True) -> "Iterator[Frame]":
    """All frames of a sentence, predicate by predicate in text order.

    Without ``copula``, "be" heads no frame ("X is in Y" says where, not who did what).
    Without ``complements``, the complements of object-control verbs and demands
    give none (:func:`kg.extract.control.blocked`).
    """
    skip = set() if complements else blocked(sent)
    for token in sent:
        if token.lower_ == "under" and token.head.i not in skip:
            yield from under_frames(token)
    for token in predicates(sent):
        if token.i in skip:
            continue
        reversal = list(reversal_frames(token))
        if reversal:
            yield from reversal
            continue
        yield from late_notice_frames(token)
        if copula or token.lemma_.lower() != "be":
            yield from verb_frames(token, copula=copula)
        else:
            yield from state_frames(token)
            yield from in_state_frames(token)
