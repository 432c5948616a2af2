"""Open information extraction: every clause as (subject, relation as written, arguments).

:func:`open_relations` serves ``mode="open"`` (Open IE benchmarks such as
CaRB). Unlike the actor relations it keeps the sentence's own wording and
voice:

- the relation is written as in the text, with auxiliaries, negation, adverbs
  between them and the verb, particles, and the preposition of a prepositional
  argument ("was erected in", "will not wire tap", "helped to raise");
- passives keep their written order ("A large gravestone | was erected in | 1866");
- intransitive verbs with a prepositional phrase give a tuple ("The population |
  boomed | in the city"); verbs with no argument at all give none;
- further arguments (more prepositional phrases, dates) are joined into the
  object, as CaRB's binary form does ("He | held | the post as Attorney-General
  until 1834");
- conjoined subjects and objects are distributed, conjoined verbs inherit the
  subject, relative pronouns are replaced by the noun they modify, and an
  infinitive complement joins its governor ("helped to raise | funds");
- appositions give "is" tuples ("Jake Sullivan | is | the national security adviser").

Arguments are full phrases without their conjuncts, relative clauses of verbs
that have their own tuple, or trailing punctuation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract import patterns as P
from kg.extract.clauses import copula_of, is_passive, predicates, subjects_of
from kg.extract.phrases import phrase_of
from kg.records import ActorType, Mention, Provenance, Relation

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["OpenTuple", "open_tuples", "open_relations"]

_ARG_PREP_SKIP = frozenset({"according"})
_CLAUSE_DEPS = frozenset({"conj", "cc", "advcl", "parataxis", "relcl", "punct", "mark", "xcomp", "ccomp", "csubj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_OBJECTS = frozenset({"dobj", "obj", "dative", "attr", "oprd", "acomp"})
_PRE_VERB = frozenset({"aux", "auxpass", "neg"})


@dataclass(frozen=True, slots=True)
class OpenTuple:
    """One open tuple: token runs for subject, relation and (joined) arguments."""

    verb: "Token"
    subject: "tuple[Token, ...]"
    relation: "tuple[Token, ...]"
    argument: "tuple[Token, ...]"
    inherited: bool = False

    @property
    def lemma(self) -> str:
        """The relation as a lemma phrase: verb lemma plus particles and the final preposition."""
        words = [self.verb.lemma_.lower()]
        for t in self.relation:
            if t.i > self.verb.i and t.dep_ in ("prt", "prep", "agent"):
                words.append(t.lower_)
            elif t.i > self.verb.i and t.dep_ == "xcomp":
                words.append(t.lemma_.lower())  # "help raise"
        return " ".join(words)


def _phrase(head: "Token", *, skip: "frozenset[str]" = frozenset({"relcl"})) -> "list[Token]":
    tokens = phrase_of(head, full=True, without=skip)
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _conjuncts(token: "Token") -> "list[Token]":
    return [token, *sorted((c for c in token.conjuncts if c.i > token.i), key=lambda c: c.i)]


def _subjects(verb: "Token") -> "tuple[list[Token], bool]":
    """The written subjects of ``verb`` (the patient of a passive, the noun of a relative clause)."""
    own = [c for c in verb.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
    cop = copula_of(verb)
    if not own and cop is not None:
        own = [c for c in cop.children if c.dep_ in _SUBJECTS and c.dep_ != "expl"]
    if own:
        head = own[0]
        if head.lower_ in P.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head], True
        return _conjuncts(head), False
    if verb.dep_ == "relcl":
        return [verb.head], True
    if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG"):
        return [verb.head], True
    if is_passive(verb) and verb.dep_ == "conj":
        return _subjects(verb.head)[0], True
    found, _ = subjects_of(verb) if not is_passive(verb) else ((), False)
    return list(found), True


def _relation_tokens(verb: "Token") -> "list[Token]":
    head = [verb]
    cop = copula_of(verb)
    if cop is not None:
        head.append(cop)
    found = [c for h in head for c in h.children if c.dep_ in _PRE_VERB]
    first = min([verb.i, *(t.i for t in found)])
    # adverbs inside the verb group ("was never vaulted") or right before the verb ("typically have")
    found += [
        c for h in head for c in h.children
        if c.dep_ == "advmod" and (first <= c.i < verb.i or c.i == verb.i - 1) and not c.text.istitle()
    ]
    found += [c for c in verb.children if c.dep_ == "prt"]
    return sorted({t.i: t for t in [*head, *found]}.values(), key=lambda t: t.i)


def _argument_heads(verb: "Token") -> "list[Token]":
    """Objects, then prepositional phrases and dates after the verb, in text order."""
    heads = [c for c in verb.children if c.dep_ in _OBJECTS]
    cop = copula_of(verb)
    if cop is not None:
        heads += [c for c in cop.children if c.dep_ in ("attr",) and c.i > verb.i]
    heads += [
        c
        for c in verb.children
        if (c.dep_ in ("prep", "agent") and c.i > verb.i and c.lower_ not in _ARG_PREP_SKIP)
        or (c.dep_ in ("npadvmod", "tmod") and c.i > verb.i)
    ]
    return sorted(heads, key=lambda t: t.i)


def _join(parts: "list[list[Token]]") -> "tuple[Token, ...]":
    seen: dict[int, Token] = {}
    for part in parts:
        for token in part:
            seen.setdefault(token.i, token)
    return tuple(sorted(seen.values(), key=lambda t: t.i))


def _verb_tuples(verb: "Token") -> "Iterator[OpenTuple]":
    subjects, inherited = _subjects(verb)
    if not subjects:
        return
    relation = _relation_tokens(verb)
    heads = _argument_heads(verb)
    xcomps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if not any(h.dep_ in _OBJECTS for h in heads) and xcomps:
        # "helped to raise funds": one relation through the infinitive
        inner = xcomps[0]
        relation = [*relation, *(c for c in inner.children if c.dep_ == "aux"), inner]
        heads = [*(h for h in heads if h.i < inner.i), *_argument_heads(inner)]
    if verb.lemma_ in ("say", "report", "announce", "believe", "state", "claim") and not heads:
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
        if clauses:
            marks = [m for m in clauses[0].children if m.dep_ == "mark" and m.i < clauses[0].i]
            relation = [*relation, *marks]
            body = [t for t in clauses[0].subtree if t not in marks]
            for subject in subjects:
                yield OpenTuple(verb, tuple(_phrase(subject)), tuple(relation), tuple(body), inherited)
            return
    if not heads:
        return
    first = heads[0]
    rest = heads[1:]
    if first.dep_ in ("prep", "agent"):
        objects = [p for p in first.children if p.dep_ in ("pobj", "pcomp")]
        if not objects:
            return
        relation = [*relation, first]
        variants = [[*_phrase(o), *(t for h in rest for t in _phrase(h))] for o in _conjuncts(objects[0])]
    else:
        variants = [[*_phrase(o), *(t for h in rest for t in _phrase(h))] for o in _conjuncts(first)]
    for subject in subjects:
        for argument in variants:
            if argument:
                yield OpenTuple(verb, tuple(_phrase(subject)), tuple(relation), _join([argument]), inherited)


def _appositions(sent: "Span") -> "Iterator[OpenTuple]":
    for token in sent:
        if token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN"):
            head = token.head
            subject = _phrase(head, skip=frozenset({"relcl", "appos", "acl", "prep"}))
            yield OpenTuple(token, tuple(subject), (), tuple(_phrase(token)), True)


def open_tuples(sent: "Span") -> "Iterator[OpenTuple]":
    """The open tuples of one sentence, predicate by predicate, then appositions."""
    for verb in predicates(sent):
        yield from _verb_tuples(verb)
    yield from _appositions(sent)


def _text(tokens: "tuple[Token, ...]") -> str:
    """The tokens as written, runs of adjacent tokens kept with their own spacing."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return " ".join(run[0].doc[run[0].i : run[-1].i + 1].text for run in runs)


def _mention(tokens: "tuple[Token, ...]", offset: int) -> Mention:
    text = _text(tokens)
    start, end = tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1]) + offset
    return Mention(text=text, label=" ".join(text.split()), type=ActorType.OTHER, start=start, end=end)


def open_relations(sent: "Span", provenance: Provenance, *, offset: int = 0) -> "list[Relation]":
    """The open tuples of ``sent`` as :class:`~kg.records.Relation` records (concept arguments)."""
    found: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for t in open_tuples(sent):
        if not t.subject or not t.argument:
            continue
        subject, obj = _mention(t.subject, offset), _mention(t.argument, offset)
        written = _text(t.relation) if t.relation else "is"
        key = (subject.text, written, obj.text)
        if key in seen or subject.text == obj.text:
            continue
        seen.add(key)
        confidence = 0.5 if not t.relation else 0.85 - 0.15 * t.inherited - 0.1 * (len(t.argument) > 15)
        found.append(
            Relation(
                subject=subject,
                predicate=t.lemma if t.relation else "be",
                object=obj,
                provenance=provenance,
                negated=any(c.dep_ == "neg" for c in t.relation),
                confidence=round(confidence, 2),
                predicate_text=written,
            )
        )
    return found
