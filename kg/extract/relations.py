"""Relations of a parsed Doc: who did what to whom, how firmly, according to whom.

:mod:`kg.extract.relations` joins the pieces: frames from
:mod:`kg.extract.clauses`, arguments from :mod:`kg.extract.mentions` (with
pronouns resolved by :mod:`kg.extract.coref`), and negation, modality and
attribution from :mod:`kg.extract.modality`, into :class:`~kg.records.Relation`
records with exact document offsets and provenance.

In ``"actors"`` mode a relation needs at least one actor argument (subject or
object); conjoined actors are distributed into one relation each, conjoined
concepts stay one concept. In ``"open"`` mode every clause's tuple is kept with
full-phrase arguments (for Open IE benchmarks).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

from kg.errors import ExtractionError
from kg.extract import clauses as C
from kg.extract import patterns as P
from kg.extract.coref import Antecedents
from kg.extract.mentions import (
    CONCEPT,
    ENTITY,
    GROUP,
    PRONOUN,
    ROLE,
    Arg,
    concept_of,
    mention_of,
    phrase_of,
    span_text,
)
from kg.extract.modality import (
    attribution_of,
    is_negated,
    modality_of,
    negated_argument,
    noun_modality,
    strongest,
)
from kg.records import ActorType, Mention, Modality, Provenance, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["extract_relations", "sentences", "MODES"]

MODES = ("actors", "open")

_HOW_PENALTY = {C.SVO: 0.0, C.DATIVE: 0.05, C.PASSIVE: 0.05, C.PREP: 0.05, C.LIGHT: 0.1, C.NOMINAL: 0.25, C.COPULA: 0.2}
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


class _Arguments:
    """Builds (and caches) the argument of a head token within one Doc."""

    def __init__(self, doc: "Doc", *, offset: int, sentence_of: Callable[[int], int], coref: bool) -> None:
        self.offset = offset
        self.sentence_of = sentence_of
        self._coref = Antecedents(doc, offset=offset, sentence_of=sentence_of) if coref else None
        self._cache: dict[int, Arg | None] = {}

    def actor(self, token: "Token") -> Arg | None:
        """The actor ``token`` heads or refers to, else None."""
        if token.i in self._cache:
            return self._cache[token.i]
        self._cache[token.i] = None  # guards against cycles in odd parses
        arg: Arg | None = None
        word = token.lower_
        if word in P.RELATIVE_PRONOUNS and token.tag_ in ("WDT", "WP", "IN", "DT") and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if antecedent.i != token.i:
                arg = self.actor(antecedent)
        elif token.pos_ == "PRON":
            arg = self._coref.resolve(token) if self._coref is not None else None
        else:
            arg = mention_of(token, self.offset)
        self._cache[token.i] = arg
        return arg

    def concept(self, token: "Token", conjuncts: "list[Token] | None" = None) -> Arg | None:
        """A concept argument, unless ``token`` is a pronoun or not nominal."""
        if token.pos_ == "PRON" or token.lower_ in P.RELATIVE_PRONOUNS:
            if token.lower_ in P.RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
                antecedent = token.head.head
                if antecedent.i != token.i and antecedent.pos_ != "PRON":
                    return concept_of(antecedent, self.offset)
            return None
        return concept_of(token, self.offset, conjuncts=conjuncts)

    def group(self, heads: "tuple[Token, ...]") -> list[Arg]:
        """Arguments for conjoined heads: actors one by one, concepts as one phrase."""
        actors = [(h, self.actor(h)) for h in heads]
        if not any(a for _, a in actors):
            heads = tuple(h for h in heads if h.pos_ != "PRON" or h.lower_ in P.RELATIVE_PRONOUNS)
            if not heads:
                return []
            concept = self.concept(heads[0], list(heads[1:]))
            return [concept] if concept is not None else []
        found = []
        for head, arg in actors:
            arg = arg or self.concept(head)
            if arg is not None:
                found.append(arg)
        return found

    def open(self, head: "Token") -> Arg | None:
        """A full-phrase argument (open mode): the head's subtree without conjuncts."""
        if head.is_punct or head.is_space:
            return None
        tokens = phrase_of(head, full=True)
        if head.lower_ in P.RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            head = head.head.head  # "a ceasefire that took effect": the ceasefire took effect
            tokens = phrase_of(head, full=True, without=frozenset({"relcl"}))
        text = span_text(tokens)
        if not text.strip():
            return None
        actor = mention_of(head, self.offset) if head.pos_ != "PRON" else None
        # a typed argument only when the phrase is the name itself ("President Biden" stays a phrase)
        kind = actor.mention.type if actor is not None and actor.mention.text == text else ActorType.OTHER
        start, end = tokens[0].idx + self.offset, tokens[-1].idx + len(tokens[-1]) + self.offset
        label = " ".join(text.split())
        mention = Mention(text=text, label=label, type=kind, start=start, end=end)
        return Arg(mention, CONCEPT if kind is ActorType.OTHER else ENTITY, head.i)


def _confidence(frame: C.Frame, subject: Arg, obj: Arg) -> float:
    score = 0.9 - _HOW_PENALTY.get(frame.how, 0.1)
    score -= _KIND_PENALTY.get(subject.kind, 0.1) + _KIND_PENALTY.get(obj.kind, 0.1)
    if frame.inherited:
        score -= 0.1
    return round(min(0.95, max(0.05, score)), 2)


def _relations_of_frame(
    frame: C.Frame,
    args: _Arguments,
    provenance: Provenance,
    *,
    mode: str,
    inside: Callable[["Token"], bool],
) -> Iterator[Relation]:
    if not all(inside(t) for t in (*frame.subjects, *frame.objects)):
        return
    if mode == "open":
        subjects = [a for a in (args.open(h) for h in frame.subjects) if a is not None]
        objects = [a for a in (args.open(h) for h in frame.objects) if a is not None]
    else:
        subjects, objects = args.group(frame.subjects), args.group(frame.objects)
        if frame.how in (C.LIGHT, C.NOMINAL):
            objects = [o for o in objects if o.is_actor]
    if not subjects or not objects:
        return
    if frame.how == C.NOMINAL:
        modality, negated = noun_modality(frame.verb), False
    else:
        modality, negated = modality_of(frame.verb), is_negated(frame.verb)
    if negated_argument(frame.subjects) or (frame.how == C.SVO and negated_argument(frame.objects)):
        negated = not negated
    attribution = attribution_of(frame.verb)
    if attribution.reported:
        modality = strongest(modality, Modality.REPORTED)
    negated = negated != attribution.negating
    source: Mention | None = None
    if attribution.source is not None:  # an unnamed source ("analysts said") stays reported, unattributed
        found = args.actor(attribution.source)
        source = found.mention if found is not None else None
    text = " ".join(t.text for t in frame.tokens) or frame.verb.text
    for subject in subjects:
        for obj in objects:
            if mode != "open" and not (subject.is_actor or obj.is_actor):
                continue
            if subject.head == obj.head or (subject.mention.start, subject.mention.end) == (
                obj.mention.start,
                obj.mention.end,
            ):
                continue
            if mode != "open" and subject.is_actor and obj.is_actor and subject.mention.label == obj.mention.label:
                continue  # "As one US official put it": no actor acts on itself here
            if mode != "open" and not obj.is_actor and frame.verb.lemma_.lower() in P.STOP_PREDICATES:
                continue
            yield Relation(
                subject=subject.mention,
                predicate=frame.predicate,
                object=obj.mention,
                provenance=provenance,
                negated=negated,
                modality=modality,
                attributed_to=source,
                confidence=_confidence(frame, subject, obj),
                predicate_text=text,
            )


def _sentence_relations(
    sent: "Span", args: _Arguments, provenance: Provenance, *, mode: str, inside: Callable[["Token"], bool]
) -> list[Relation]:
    by_verb: dict[int, list[tuple[C.Frame, list[Relation]]]] = {}
    for frame in C.frames(sent, copula=mode == "open", nominal=mode != "open"):
        if mode == "open" and frame.how in (C.LIGHT, C.NOMINAL):
            continue
        found = list(_relations_of_frame(frame, args, provenance, mode=mode, inside=inside))
        by_verb.setdefault(frame.verb.i, []).append((frame, found))
    result: list[Relation] = []
    for frames in by_verb.values():
        direct = any(f.how == C.SVO and any(r.object.is_actor for r in rels) for f, rels in frames)
        light = not direct and any(f.how == C.LIGHT and rels for f, rels in frames)
        for frame, rels in frames:
            if direct and frame.how == C.LIGHT:
                continue
            if light and frame.how == C.SVO:
                rels = [r for r in rels if r.object.is_actor]  # "express concern over X" says more
            result.extend(rels)
    return result


def extract_relations(
    doc: "Doc",
    *,
    doc_id: str,
    offset: int = 0,
    published: _dt.date | None = None,
    mode: Literal["actors", "open"] = "actors",
) -> list[Relation]:
    """Extract the relations of a parsed Doc (one piece of a document).

    Args:
        doc: a spaCy Doc with a dependency parse and named entities.
        doc_id: the id of the document the Doc belongs to.
        offset: character offset of ``doc.text`` in the whole document; every
            Mention and Provenance offset is ``token.idx + offset``.
        published: the publication date (reserved for date resolution; unused).
        mode: ``"actors"`` for relations with at least one actor argument,
            ``"open"`` for every clause's tuple with full-phrase arguments.

    Returns:
        The relations in text order, without duplicates.

    Raises:
        ValueError: ``mode`` is not one of :data:`MODES`.
        ExtractionError: the Doc was not parsed.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    if len(doc) == 0 or not doc.text.strip():
        return []
    if not doc.has_annotation("DEP"):
        raise ExtractionError(
            f"document {doc_id!r}: the spaCy Doc has no dependency parse (use a pipeline with a parser)"
        )
    segments = sentences(doc)
    sentence_index = [-1] * len(doc)
    for number, seg in enumerate(segments):
        for i in range(seg.start, seg.end):
            sentence_index[i] = number
    args = _Arguments(doc, offset=offset, sentence_of=lambda i: sentence_index[i], coref=mode == "actors")
    relations: list[Relation] = []
    seen: set[tuple] = set()
    for number, sent in enumerate(segments):
        provenance = Provenance(
            doc_id=doc_id,
            sentence=sent.text,
            start=sent.start_char + offset,
            end=sent.end_char + offset,
            sentence_index=number,
            extractor=P.EXTRACTOR,
        )
        inside = lambda t, n=number: sentence_index[t.i] == n  # noqa: E731
        for rel in _sentence_relations(sent, args, provenance, mode=mode, inside=inside):
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
