"""Relations of a parsed Doc: who did what to whom, how firmly, according to whom, when.

:mod:`kg.extract.relations` joins the pieces: frames from
:mod:`kg.extract.clauses`, arguments from :mod:`kg.extract.arguments` (actors,
pronouns and definite descriptions resolved by :mod:`kg.extract.coref`),
negation, modality and attribution from :mod:`kg.extract.modality`, the CAMEO
event code from :mod:`kg.extract.events` and the date from
:mod:`kg.extract.time`, into :class:`~kg.records.Relation` records with exact
document offsets and provenance.

In ``"actors"`` mode a relation needs at least one actor argument (subject or
object); conjoined actors are distributed into one relation each, conjoined
concepts stay one concept; the complements of object-control verbs, questions
and event nouns that are the object of a clause give no relation (gold
guidelines §1, §6). In ``"open"`` mode every clause's tuple is kept as written
(:mod:`kg.extract.openie`, for Open IE benchmarks).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

from kg.errors import ExtractionError
from kg.extract import clauses as C
from kg.extract import lexicon as L
from kg.extract import nominal as N
from kg.extract import patterns as P
from kg.extract import periphrases
from kg.extract import targets as T
from kg.extract.arguments import Arguments
from kg.extract.events import event_code, light_event
from kg.extract.gazetteer import using
from kg.extract.phrases import CONCEPT, ENTITY, GROUP, PRONOUN, ROLE, Arg
from kg.extract.modality import (
    Attribution,
    attribution_of,
    is_negated,
    modality_of,
    negated_argument,
    strongest,
)
from kg.extract.openie import open_relations
from kg.extract.quotes import quote_speakers
from kg.extract.time import date_range, event_date
from kg.records import ActorType, Mention, Modality, Provenance, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_relations", "sentences", "MODES"]

MODES = ("actors", "open", "events")

TARGET = "target"
"""How of an event-coding target (``mode="events"``, :mod:`kg.extract.targets`)."""
_HOW_PENALTY = {TARGET: 0.3, C.SVO: 0.0, C.DATIVE: 0.05, C.PASSIVE: 0.05, C.PREP: 0.05, C.LIGHT: 0.1, N.NOMINAL: 0.25, N.ATTRIBUTIVE: 0.25, C.COPULA: 0.2, C.IMPLICIT: 0.25}
_NOT_ABSTRACT = L.CONCRETE_EXCEPTIONS | L.JOINT_NOUNS | L.PACT_NOUNS
_SAYING = P.SPEECH_VERBS | L.SAYING_VERBS
_NOT_MERE_PLAN = _SAYING | L.DECIDING_VERBS | L.PUBLISHING_VERBS  # :func:`_mere_plan`
_KIND_PENALTY = {ENTITY: 0.0, ROLE: 0.05, GROUP: 0.1, PRONOUN: 0.2, CONCEPT: 0.15}


def sentences(doc: "Doc") -> "list[Span]":
    """The sentences of ``doc``, also cut at line breaks (headlines, bylines, lists).

    Leading and trailing whitespace tokens are dropped, and so are pieces with
    no word in them.
    """
    found: list[Span] = []

    def add(start: int, end: int) -> None:
        while start < end and (doc[start].is_space or not doc[start].text.strip()):
            start += 1
        while end > start and (doc[end - 1].is_space or not doc[end - 1].text.strip()):
            end -= 1
        if any(not t.is_punct and not t.is_space for t in doc[start:end]):
            found.append(doc[start:end])

    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                add(start, token.i)
                start = token.i + 1
        add(start, sent.end)
    return found


def _confidence(frame: C.Frame, subject: Arg, obj: Arg) -> float:
    score = 0.9 - _HOW_PENALTY.get(frame.how, 0.1)
    score -= _KIND_PENALTY.get(subject.kind, 0.1) + _KIND_PENALTY.get(obj.kind, 0.1)
    if frame.inherited:
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)


def _lemma_of(frame: C.Frame) -> str:
    return frame.verb.lemma_.lower()


def _named_thing(token: "Token") -> bool:
    """A named product, programme or aircraft ("plans for the A380"): a partner of a
    noun-incorporated predicate like an actor (guidelines §1), unlike a common noun."""
    if token.ent_type_ == "PRODUCT":
        return True
    return token.pos_ == "PROPN" and token.ent_type_ not in ("EVENT", "LOC", "DATE", "TIME", "LAW")


def abstract_noun(token: "Token", *, agentless: bool = True) -> bool:
    """True for a common noun that names an act, state, quality or measure rather than an entity:
    a derived nominal ("recommendation", "ownership", "bankruptcy",
    :data:`~kg.extract.lexicon.ABSTRACT_SUFFIXES`) or an underived one of
    :data:`~kg.extract.lexicon.ABSTRACT_NOUNS` ("the protest", "questions").

    Generalisation: a relation joins two entities (guidelines §1); "upheld the protest", "issued a
    recommendation", "filed for bankruptcy" relate the actor to no one. Names, actor nouns ("the
    administration"), pacts ("the agreement") and things with such suffixes
    (:data:`~kg.extract.lexicon.CONCRETE_EXCEPTIONS`: "equipment", "legislation") are not abstract; concrete and financial objects ("jets", "loans",
    "a stake") are left to the caller.
    """
    if token.pos_ != "NOUN" or token.ent_type_ or (agentless and C.has_agent(token)):
        return False  # "the Israeli occupation": an event with its agent, which stands for it
    lemma = token.lemma_.lower()
    if lemma in _NOT_ABSTRACT or lemma in L.ORG_DESCRIPTIONS or lemma in L.PERSON_DESCRIPTIONS:
        return False
    return lemma in L.ABSTRACT_NOUNS or (len(lemma) > 6 and lemma.endswith(L.ABSTRACT_SUFFIXES))


def _possessor(obj: Arg, args: Arguments, doc: "Doc") -> Arg | None:
    """The owner of an abstract object, which is the argument instead: "upheld Boeing's protest"
    → uphold Boeing, "rejected its offer" → reject (what "its" refers to).

    Generalisation: an act or state noun (:func:`abstract_noun`) is no entity, but its possessor
    is its agent, the participant the verb reaches through it (guidelines §8: a relation with a
    possessor, at most optional; MEANTIME annotates the possessor as the patient).
    """
    if obj.is_actor:
        return None
    token = doc[obj.head]
    if not abstract_noun(token, agentless=False):
        return None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    found = args.actor(owner) if owner is not None else None
    return found if found is not None and found.is_actor else None


_PEOPLE_NOUNS = frozenset({"worker", "workforce", "employee", "member", "staff", "personnel", "shareholder", "bondholder"})


def _specific_people(token: "Token") -> bool:
    """A group of people made specific by its organisation or owner ("their workforces", "most
    Unite union members", "the many Siemens employees"): an unnamed actor that can be the partner
    of an incorporated predicate (guidelines §1), unlike "workers" at large."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in _PEOPLE_NOUNS:
        return False
    return any(
        (c.dep_ == "poss" and c.pos_ in ("PRON", "PROPN"))
        or (c.dep_ in ("compound", "nmod") and (c.ent_type_ in ("ORG", "NORP") or c.pos_ == "PROPN"))
        for c in token.subtree
        if c.i < token.i
    )


_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "PRODUCT", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW"})


def _named_before(token: "Token") -> bool:
    """True when a name stands in a noun's phrase before it ("the Qantas order", "the Paris Air
    Show"): the phrase names its party, so the noun is no mere amount, plan or gathering."""
    return any(c.pos_ == "PROPN" or c.ent_type_ in _NAME_ENTS for c in token.subtree if c.i < token.i)


def _holding(token: "Token") -> bool:
    """An order, stake, share or holding with no name in its phrase
    (:data:`~kg.extract.lexicon.HOLDING_NOUNS`): an amount placed or owned, not an entity; "the
    Qantas order" names its party and stays."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in L.HOLDING_NOUNS:
        return False
    return not _named_before(token)


def _unnamed(token: "Token") -> bool:
    """A common noun with no name in its phrase ("the first flight", "planes"), unlike a named model
    ("the Airbus A330 jetliner")."""
    return token.pos_ == "NOUN" and token.ent_type_ not in _NAME_ENTS and not _named_before(token)


def _unnamed_vehicle(token: "Token", mention: Mention) -> bool:
    """A vehicle or flight with no name, not resolved to one ("the planes", "the first commercial
    flight"; not "the aircraft" that stands for "the A380"): what it does or where it goes relates
    no entity (guidelines §1: both ends entities; a single identifiable aircraft is named)."""
    lemma = token.lemma_.lower()
    if lemma not in L.PRODUCT_CLASS_NOUNS and lemma != "flight":
        return False
    return _unnamed(token) and mention.label.lower().split()[-1:] in ([lemma], [token.lower_])


def _gathering(token: "Token") -> bool:
    """An event people organise or attend with no name in its phrase
    (:data:`~kg.extract.lexicon.GATHERING_NOUNS`: "a business forum", "the rally")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in L.GATHERING_NOUNS:
        return False
    return not _named_before(token)


def _mere_plan(frame: C.Frame, token: "Token") -> bool:
    """A plan with no name in its phrase (:data:`~kg.extract.lexicon.PLAN_NOUNS`) as the object of a
    verb that neither decides on it (a measure, like a bill: "the Senate rejected the plan") nor
    makes it public ("presented a rescue plan"), nor says it: an intention, not an entity."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in L.PLAN_NOUNS:
        return False
    verb = _lemma_of(frame)
    if verb in _NOT_MERE_PLAN:
        return False
    return not _named_before(token)


def _distinct_codes(a: Mention, b: Mention) -> bool:
    """Two mentions of one label that an event coder counts as two actors: their codes differ
    ("Kenyan police detained Kenyan protesters": KENCOP, KENOPP)."""
    return bool(a.code and b.code and a.code != b.code)


def _clause_is_the_content(frame: C.Frame) -> bool:
    """A passive verb of saying with a that-clause ("which was announced by X that it would be
    closed"): what was said is the clause, so the passive subject is its topic, not a patient."""
    verb = frame.verb
    if frame.how != C.PASSIVE or verb.lemma_.lower() not in _SAYING:
        return False
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
               for c in verb.children)


def _reporting_only(frame: C.Frame, obj: Arg) -> bool:
    """A verb of saying (:data:`~kg.extract.lexicon.SAYING_VERBS`) relates nobody to its concept object or setting ("said in a statement",
    "explained the rationale") nor to a generic audience ("told reporters"): what it reports is
    attributed content, and the speech act alone is no relation (guidelines §1)."""
    if frame.verb.lemma_.lower() not in L.SAYING_VERBS or frame.verb.lemma_.lower() == "speak":
        return False
    return not obj.is_actor or (obj.kind == GROUP and not obj.mention.country)


def _relations_of_frame(
    frame: C.Frame,
    args: Arguments,
    provenance: Provenance,
    *,
    mode: str,
    inside: Callable[["Token"], bool],
    published: _dt.date | None = None,
    quoted: "dict[int, Token] | None" = None,
) -> Iterator[Relation]:
    if not all(inside(t) for t in (*frame.subjects, *frame.objects)):
        return
    if mode == "open":
        subjects = [a for a in (args.open(h) for h in frame.subjects) if a is not None]
        objects = [a for a in (args.open(h) for h in frame.objects) if a is not None]
    else:
        subjects, objects = args.group(frame.subjects), args.group(frame.objects)
        if frame.how in N.HOWS:  # an agent the phrase names, never a place ("the Gaza strikes")
            subjects = [s for s in subjects if s.is_actor and s.mention.type is not ActorType.LOCATION]
        if frame.how == N.NOMINAL:
            objects = [o for o in objects if o.is_actor or N.national(frame.verb.doc[o.head])]
        elif frame.how == C.LIGHT and not light_event(frame.predicate):
            objects = [
                o for o in objects
                if o.is_actor or _named_thing(frame.verb.doc[o.head]) or _specific_people(frame.verb.doc[o.head])
            ]
        elif frame.how == C.SVO and _lemma_of(frame) not in _SAYING:
            owners = [_possessor(o, args, frame.verb.doc) for o in objects]
            if any(owners):  # the owner of an act is no partner of a subject that is no actor either
                subjects = [s for s in subjects if s.is_actor]
            objects = [owner or o for owner, o in zip(owners, objects)]
    if not subjects or not objects:
        return
    attribution = attribution_of(frame.verb)
    if quoted and frame.verb.i in quoted:  # inside a quotation attributed at its edge
        speaker = quoted[frame.verb.i]
        if not attribution.reported:
            attribution = Attribution(speaker, True, False)
        elif attribution.reporter is None and attribution.source is not None and attribution.source.i != speaker.i:
            attribution = Attribution(attribution.source, True, attribution.negating, speaker)  # a report quoted
    negated = False
    if frame.speech is not None:  # "denied attacking X", parsed as a modifier of X
        outer = attribution_of(frame.speech)
        speaker = next((c for c in frame.speech.children if c.dep_ == "nsubj"), None)
        negating = frame.speech.lemma_.lower() in P.NEGATING_SPEECH_VERBS
        inner = speaker or outer.source
        reporter = outer.reporter or outer.source  # "Reuters reported that X denied attacking Y"
        if reporter is not None and (inner is None or reporter.i == inner.i):
            reporter = None
        attribution = Attribution(inner, True, negating, reporter)
        negated = is_negated(frame.speech)
    if frame.how in N.HOWS:
        modality = N.nominal_modality(frame.verb)
    else:
        modality = modality_of(frame.verb, reported=attribution.reported)
        negated = negated or is_negated(frame.verb)
    if negated_argument(frame.subjects) or (frame.how == C.SVO and negated_argument(frame.objects)):
        negated = not negated
    if attribution.reported:
        modality = strongest(modality, Modality.REPORTED)
    negated = negated != attribution.negating
    source = args.source(attribution.source) if attribution.source is not None else None
    reporter = args.source(attribution.reporter) if attribution.reporter is not None else None
    if source is None:  # an inner source with no node ("As we noted", unresolved): the outer one
        source, reporter = reporter, None
    if reporter is not None and reporter.label == source.label:
        reporter = None
    text = " ".join(t.text for t in frame.tokens) or frame.verb.text
    date, date_source, span = None, None, None
    if mode != "open" and frame.how not in N.HOWS:
        planned = modality in (Modality.PLANNED, Modality.HYPOTHETICAL)
        span = date_range(frame.verb, published, future=planned)
        if span is None:
            date, date_source = event_date(frame.verb, published, future=planned)
    for subject in subjects:
        for obj in objects:
            if mode != "open" and not (subject.is_actor or obj.is_actor):
                continue
            if subject.head == obj.head or (subject.mention.start, subject.mention.end) == (
                obj.mention.start,
                obj.mention.end,
            ):
                continue
            if (mode != "open" and subject.is_actor and obj.is_actor and subject.mention.label == obj.mention.label
                    and not (mode == "events" and _distinct_codes(subject.mention, obj.mention))):
                continue  # "As one US official put it": no actor acts on itself here
            if mode == "actors" and frame.objects == frame.subjects and obj.head < subject.head:
                continue  # "X and Y merged": one symmetric fact, stated once, first conjunct first
            if mode != "open" and not obj.is_actor and frame.predicate.split()[0] in P.STOP_PREDICATES:
                continue
            if mode != "open" and not obj.is_actor and frame.how != C.LIGHT and abstract_noun(frame.verb.doc[obj.head]):
                continue  # "upheld the protest", "filed for bankruptcy": an act or state, no partner
            if mode != "open" and not obj.is_actor and frame.how != C.LIGHT and _holding(frame.verb.doc[obj.head]):
                continue  # "received far more orders", "holds a 60% stake": an amount, no partner
            if mode != "open" and not obj.is_actor and frame.how != C.LIGHT and _mere_plan(frame, frame.verb.doc[obj.head]):
                continue  # "pursued an expansion plan": an intention, no partner
            subject_token = frame.verb.doc[subject.head]
            if mode != "open" and not subject.is_actor and subject_token.dep_ != "poss" and (
                    abstract_noun(subject_token) or _holding(subject_token)):
                continue  # "the recession hit X", "the move angered X": no entity acts (an owner, "the
                # occupation's plan to", names an agent)
            if mode != "open" and not obj.is_actor and _clause_is_the_content(frame):
                continue  # "the plant, which was announced by X that it would close": X announced the clause
            if mode != "open" and _reporting_only(frame, obj):
                continue
            if mode != "open" and frame.how == C.SVO and not obj.is_actor and _lemma_of(frame) in L.SUPPORT_VERBS:
                continue  # "made errors", "marked the end": the noun is the act, and it has no partner
            if (
                mode != "open"
                and not subject.is_actor
                and obj.mention.type is ActorType.LOCATION
                and frame.predicate.split()[-1] in P.LOCATIVE_PREPS
            ):
                continue  # "the summit is to begin in Baku": where, not who
            if mode == "actors" and not subject.is_actor and _unnamed_vehicle(subject_token, subject.mention):
                continue  # "the planes won't fly to X", "the new aircraft will replace Y": no entity acts
            code = event_code(
                frame.predicate,
                subject_type=subject.mention.type,
                object_type=obj.mention.type,
                object_label=obj.mention.label,
                verb=frame.verb,
                complement=frame.how == TARGET,
            )
            if (mode == "actors" and code is None and not obj.is_actor and frame.how != C.LIGHT
                    and _gathering(frame.verb.doc[obj.head])):
                continue  # "set up a business forum", "spoke at a rally": an event attended, no partner
                # (a coded act, "did not attend the climate summit", is a political act and stays)
            yield Relation(
                subject=subject.mention,
                predicate=frame.predicate,
                object=obj.mention,
                provenance=provenance,
                negated=negated,
                modality=modality,
                attributed_to=source,
                reported_by=reporter,
                event_code=code,
                date=date,
                date_source=date_source,
                date_start=span[0] if span else None,
                date_end=span[1] if span else None,
                confidence=_confidence(frame, subject, obj),
                predicate_text=text,
                nominal=frame.how in N.HOWS,
            )


def _sentence_relations(
    sent: "Span",
    args: Arguments,
    provenance: Provenance,
    *,
    mode: str,
    inside: Callable[["Token"], bool],
    published: _dt.date | None = None,
    quoted: "dict[int, Token] | None" = None,
) -> list[Relation]:
    by_verb: dict[int, list[tuple[C.Frame, list[Relation]]]] = {}
    found_frames = list(periphrases.frames(sent, copula=mode == "open", complements=mode == "open"))
    if mode != "open":  # nominal events stand also inside a clause's argument ("condemned Israel's strikes on X")
        found_frames += N.frames(sent)
    for frame in found_frames:
        if mode == "open" and frame.how == C.LIGHT:
            continue
        found = list(_relations_of_frame(
            frame, args, provenance, mode=mode, inside=inside, published=published, quoted=quoted or {}
        ))
        by_verb.setdefault(frame.verb.i, []).append((frame, found))
    result: list[Relation] = []
    for frames in by_verb.values():
        direct = any(f.how == C.SVO and any(r.object.is_actor for r in rels) for f, rels in frames)
        light = not direct and any(f.how == C.LIGHT and rels for f, rels in frames)
        for frame, rels in frames:
            if direct and frame.how == C.LIGHT:
                continue
            if light and frame.how in (C.SVO, C.PREP):
                rels = [r for r in rels if r.object.is_actor]  # "express concern over X" says more
            result.extend(rels)
    if mode == "events":
        result.extend(_event_targets(sent, by_verb, args, provenance, inside=inside, published=published,
                                     quoted=quoted or {}))
    return result


def _event_targets(
    sent: "Span",
    by_verb: "dict[int, list[tuple[C.Frame, list[Relation]]]]",
    args: Arguments,
    provenance: Provenance,
    *,
    inside: Callable[["Token"], bool],
    published: _dt.date | None,
    quoted: "dict[int, Token]",
) -> Iterator[Relation]:
    """``mode="events"``: a coded verb with an actor subject and no actor object relates its
    subject to the first actor in its phrase (:func:`kg.extract.targets.target_heads`), coded
    as the verb is coded in its clause; the predicate spells the path ("welcome resumption of link with")."""

    def actor(token: "Token") -> bool:
        arg = args.actor(token) if inside(token) else None
        return arg is not None and arg.is_actor

    def coded(verb: "Token") -> bool:
        return any(r.object.is_actor for _, rels in by_verb.get(verb.i, ()) for r in rels)

    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() in L.SAYING_VERBS or coded(verb):
            continue
        own = [f for f, _ in by_verb.get(verb.i, ()) if f.how not in N.HOWS]
        subjects, inherited = (own[0].subjects, own[0].inherited) if own else C.subjects_of(verb)
        subjects = tuple(s for s in subjects if actor(s))
        if not subjects:
            continue
        base = own[0].predicate if own else C.verb_lemma(verb)
        heads = tuple(h for h in T.target_heads(verb, is_actor=actor, coded=coded) if h not in subjects)
        if heads:
            dyads = [(subjects, heads, T.target_predicate(verb, heads[0], base))]
        else:  # "X and Y postponed their summit": each towards the other
            partners = T.reciprocal_partners(verb, subjects)
            base = T.bond_predicate(verb, base)  # "restore relation with" is coded as such
            dyads = [((s,), tuple(p for p in partners if p.i != s.i), base) for s in partners]
        for who, whom, predicate in dyads:
            frame = C.Frame(verb=verb, subjects=who, objects=whom, predicate=base, tokens=(verb,), how=TARGET,
                            inherited=inherited)
            for rel in _relations_of_frame(frame, args, provenance, mode="events", inside=inside,
                                           published=published, quoted=quoted):
                if rel.event_code is not None and rel.object.is_actor:
                    yield dataclasses.replace(rel, predicate=predicate)


def extract_relations(
    doc: "Doc",
    *,
    doc_id: str,
    offset: int = 0,
    published: _dt.date | None = None,
    mode: Literal["actors", "open", "events"] = "actors",
    dictionary: object | None = None,
) -> list[Relation]:
    """Extract the relations of a parsed Doc (one piece of a document).

    Args:
        doc: a spaCy Doc with a dependency parse and named entities.
        doc_id: the id of the document the Doc belongs to.
        offset: character offset of ``doc.text`` in the whole document; every
            Mention and Provenance offset is ``token.idx + offset``.
        published: the publication date: relative dates ("last Friday") are
            resolved against it; without it only absolute dates are kept.
        mode: ``"actors"`` for relations with at least one actor argument,
            ``"open"`` for every clause's tuple with full-phrase arguments.
        dictionary: an actor dictionary (``kg.dictionaries.ActorDictionary``) whose
            user entries (``--actors`` files) extraction should know: their names
            turn noun phrases into actors ("the occupation" → Israel) and their
            agent nouns make role phrases.

    Returns:
        The relations in text order, without duplicates.

    Raises:
        ValueError: ``mode`` is not one of :data:`MODES`.
        ExtractionError: the Doc was not parsed.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    text = doc.text if len(doc) else ""  # Doc.text joins every token: once per Doc
    if not text.strip():
        return []
    if not doc.has_annotation("DEP"):
        raise ExtractionError(
            f"document {doc_id!r}: the spaCy Doc has no dependency parse (use a pipeline with a parser)"
        )
    with using(dictionary):
        return _relations(doc, text, doc_id=doc_id, offset=offset, published=published, mode=mode)


def _relations(doc: "Doc", text: str, *, doc_id: str, offset: int, published: _dt.date | None,
               mode: str) -> list[Relation]:
    segments = sentences(doc)
    sentence_index = [-1] * len(doc)
    for number, seg in enumerate(segments):
        for i in range(seg.start, seg.end):
            sentence_index[i] = number
    args = Arguments(doc, offset=offset, sentence_of=lambda i: sentence_index[i], coref=mode != "open")
    relations: list[Relation] = []
    seen: set[tuple] = set()
    quoted = quote_speakers(doc) if mode != "open" else {}
    for number, sent in enumerate(segments):
        sentence = text[sent.start_char : sent.end_char]
        provenance = Provenance(
            doc_id=doc_id,
            sentence=sentence,
            start=sent.start_char + offset,
            end=sent.end_char + offset,
            sentence_index=number,
            extractor=P.EXTRACTOR,
        )
        if mode != "open" and sentence.rstrip(" \"'\u201d").endswith("?"):
            continue  # a question asserts nothing (gold guidelines §1)
        if mode == "open":
            found = open_relations(sent, provenance, offset=offset)
            relations.extend(found)
            continue
        inside = lambda t, n=number: sentence_index[t.i] == n  # noqa: E731
        for rel in _sentence_relations(
            sent, args, provenance, mode=mode, inside=inside, published=published, quoted=quoted
        ):
            key = (
                rel.subject.start,
                rel.subject.end,
                rel.subject.label,
                rel.predicate,
                rel.object.start,
                rel.object.end,
                rel.object.label,
            )
            if key not in seen:
                seen.add(key)
                relations.append(rel)
    return relations
