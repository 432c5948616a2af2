"""Arguments of relations: the actor, concept or source a head token stands for.

:class:`Arguments` builds (and caches, per Doc) the argument of a head token:
an actor (:func:`kg.extract.mentions.mention_of`), else a pronoun, possessed
role noun or definite description resolved by :mod:`kg.extract.coref`; a
concept (:func:`kg.extract.phrases.concept_of`) when no actor fits; conjoined
heads as one argument each (actors) or one phrase (concepts); full phrases in
open mode; and the source of an attribution, with unnamed sources ("officials
familiar with the matter") as one anonymous-source actor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import patterns as P
from kg.extract.coref import Antecedents, demonym_person
from kg.extract.mentions import mention_of
from kg.extract.roles import located
from kg.extract.phrases import CONCEPT, ENTITY, GROUP, PRONOUN, Arg, concept_of, phrase_of, span_text
from kg.records import ActorType, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Arguments"]


_NAME_ENTS = frozenset({"ORG", "PERSON", "GPE", "NORP"})


def _named_apposition(token: "Token") -> "Token | None":
    """The name in apposition to a description, which is the argument itself (guidelines §7):
    "the European planemaker, Airbus, won" → Airbus; "the company's chief, Jane Doe, said" → Jane Doe.
    Only for a description that is no name itself ("Lockheed Martin, Boeing's rival" keeps its name)."""
    if token.ent_type_ or token.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in token.children:
        if child.dep_ == "appos" and child.ent_type_ in _NAME_ENTS and child.pos_ == "PROPN":
            return child
    return None


_NP_DEPS = frozenset({"compound", "amod", "flat", "nmod", "poss", "nummod", "det", "case"})


def _antecedent(relative: "Token") -> "Token":
    """What a relative pronoun stands for: the noun phrase right before it ("the government of
    Austria, which he thanked" → Austria's phrase), where the parser hung the clause on a noun
    further back ("in conjunction with the governments of X and Y (which ...": the governments,
    not "conjunction"); else the noun the clause modifies."""
    attached = relative.head.head
    before = relative.i - 1
    doc = relative.doc
    while before > attached.i and (doc[before].is_punct or doc[before].is_space):
        before -= 1
    if before <= attached.i:
        return attached
    near = doc[before]
    while near.dep_ in _NP_DEPS and near.head.i > near.i and near.head.i < relative.i:
        near = near.head
    if near.pos_ not in ("NOUN", "PROPN") or near.i <= attached.i:
        return attached
    if near.dep_ == "pobj" and near.head.lower_ in P.LOCATIVE_PREPS and near.head.head.i == attached.i:
        return attached  # "the plant in Ontario which ...": the plant, where the parser put it
    return near


def _singular_subject(relative: "Token") -> bool:
    """True when a subject relative pronoun agrees with a singular verb ("which owns", "who was"):
    it stands for one conjunct, not the coordination."""
    if relative.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = relative.head
    return any(t.tag_ == "VBZ" or t.lower_ in ("was", "is", "has") for t in [verb, *verb.children] if t.dep_ in ("aux", "auxpass", "relcl", "ROOT") or t is verb)


def _in_brackets(token: "Token") -> bool:
    """True inside a parenthesis of its sentence ("(550 for a Boeing 747)"): an aside, no antecedent."""
    for t in reversed(token.doc[token.sent.start : token.i]):
        if t.text == ")":
            return False
        if t.text == "(":
            return True
    return False


class Arguments:
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
            antecedent = _antecedent(token)
            if antecedent.i != token.i:
                arg = self.actor(antecedent)
        elif token.pos_ == "PRON":
            local = token.lower_ == "them" and self._local_plural(token) is not None
            arg = self._coref.resolve(token) if self._coref is not None and not local else None
        elif (named := _named_apposition(token)) is not None:
            arg = self.actor(named)
        else:
            described = self._coref.describe(token) if self._coref is not None and demonym_person(token) else None
            arg = described or (self._coref.mention(token) if self._coref is not None else mention_of(token, self.offset))
            if self._coref is not None and (arg is None or arg.kind == GROUP):
                arg = self._coref.possessed(token) or arg  # "its fighters"
            if self._coref is not None and arg is not None and arg.kind == GROUP:
                arg = self._coref.same_head(token) or arg  # "Turkish troops ... the troops"
            if self._coref is not None and arg is None:
                arg = self._coref.describe(token)  # "the chancellor", "the company"
        self._cache[token.i] = arg
        return arg

    def source(self, token: "Token") -> Mention | None:
        """Who a statement is attributed to; an unnamed one ("officials familiar with the
        matter", "diplomats", "people familiar with the agreement") is an anonymous source.

        A source that is no actor is still a source: "a new poll shows ...", "the study found ...",
        "according to federal statistics" attribute the content to that poll, study or statistics
        (a concept node); "a lawyer who said ..." to the relative pronoun's antecedent.
        """
        found = self.actor(token)
        if found is not None and _capitalised_common_noun(token):
            found = None  # "Iran Attacked Israel, Sources Say": a headline's capitals make no name
        if found is not None and not (found.kind == GROUP and not found.mention.country):
            return found.mention
        anonymous = token.lemma_.lower() in L.ANONYMOUS_SOURCES or token.lower_ in L.ANONYMOUS_SOURCES
        if not anonymous and not _capitalised_common_noun(token):
            if found is not None:
                return found.mention
            if token.lower_ in P.RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
                antecedent = _antecedent(token)
                return self.source(antecedent) if antecedent.i != token.i else None
            if token.pos_ not in ("NOUN", "PROPN"):
                return None  # an unresolved "he", "it", a number: no node to name
            described = concept_of(token, self.offset)
            return described.mention if described is not None else None
        tokens = phrase_of(token)
        start, end = tokens[0].idx + self.offset, tokens[-1].idx + len(tokens[-1]) + self.offset
        return Mention(
            text=span_text(tokens), label=L.ANONYMOUS_LABEL, type=ActorType.GROUP, start=start, end=end,
            resolved_by="anonymous",
        )

    def concept(self, token: "Token", conjuncts: "list[Token] | None" = None) -> Arg | None:
        """A concept argument, unless ``token`` is a pronoun or not nominal.

        An object "them" with no actor antecedent stands for the last plural
        noun before it in the sentence ("voted against them" → the tariffs).
        """
        if token.pos_ == "PRON" or token.lower_ in P.RELATIVE_PRONOUNS:
            if token.lower_ in P.RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
                antecedent = token.head.head
                if antecedent.i != token.i and antecedent.pos_ != "PRON":
                    return concept_of(antecedent, self.offset)
            if token.lower_ == "them" and token.dep_ in ("dobj", "pobj"):
                before = self._local_plural(token)
                found = concept_of(before, self.offset) if before is not None else None
                if found is not None:
                    start = token.idx + self.offset
                    mention = replace(
                        found.mention, text=token.text, start=start, end=start + len(token.text), resolved_by="coref"
                    )
                    return Arg(mention, PRONOUN, token.i)
            return None
        if not conjuncts:
            named = self._named_product(token)
            if named is not None:
                return named
        return located(concept_of(token, self.offset, conjuncts=conjuncts), token)

    def _named_product(self, token: "Token") -> Arg | None:
        """The named product a definite description of its class refers to: "the first Airbus A380
        landed ... The aircraft was greeted by X" → the aircraft is the Airbus A380.

        Generalisation: a singular "the" + class noun of made things
        (:data:`~kg.extract.lexicon.PRODUCT_CLASS_NOUNS`: aircraft, jet, car) with no name of its own
        takes the last product name (a PRODUCT entity, not one in brackets) of its own or the
        previous sentence, as "the company" takes the last company; none there, it stays a concept.
        """
        if token.lemma_.lower() not in L.PRODUCT_CLASS_NOUNS or token.tag_ != "NN" or token.ent_type_:
            return None
        dets = [c for c in token.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the" or any(c.ent_type_ for c in token.children if c.i < token.i):
            return None
        here = self.sentence_of(token.i)
        names = [e for e in token.doc.ents if e.label_ == "PRODUCT" and e.end <= token.i and e.root.pos_ in ("PROPN", "NOUN")
                 and 0 <= here - self.sentence_of(e.root.i) <= 1 and not e.root.like_num and not _in_brackets(e.root)]
        if not names:
            return None
        found = concept_of(names[-1].root, self.offset)
        if found is None:
            return None
        start = dets[0].idx + self.offset
        end = token.idx + len(token.text) + self.offset
        text = token.doc.text[dets[0].idx : token.idx + len(token.text)]
        return Arg(replace(found.mention, text=text, start=start, end=end, resolved_by="coref"), CONCEPT, token.i)

    def _local_plural(self, token: "Token") -> "Token | None":
        """The last plural common noun before an object "them" in its own sentence that is no actor
        ("jets are bought by the state, which leases them": the jets). Locality beats salience: such
        a noun is the antecedent before any actor of an earlier sentence."""
        if token.dep_ not in ("dobj", "pobj") or token.head.lemma_.lower() in L.OBJECT_CONTROL:
            return None  # "required them to act": an addressee who acts, no thing
        before = [
            t for t in token.sent[: token.i - token.sent.start]
            if t.tag_ == "NNS" and t.pos_ == "NOUN" and t.dep_ in ("dobj", "pobj", "nsubjpass")
            and t.lemma_.lower() not in L.TIME_NOUNS
        ]
        if not before or self.actor(before[-1]) is not None:
            return None
        return before[-1]

    def group(self, heads: "tuple[Token, ...]") -> list[Arg]:
        """Arguments for conjoined heads: actors one by one, concepts as one phrase;
        "both sides" as the two parties named just before."""
        if len(heads) == 1 and self._coref is not None:
            pair = self._coref.both(heads[0]) or self._coref.split(heads[0])
            if pair:
                return pair
        if len(heads) == 1 and heads[0].lower_ in P.RELATIVE_PRONOUNS and heads[0].head.dep_ == "relcl":
            antecedent = _antecedent(heads[0])  # "X and Y, which ...": each, unless a singular verb
            if antecedent.conjuncts and antecedent.i != heads[0].i and not _singular_subject(heads[0]):
                first = min([antecedent, *antecedent.conjuncts], key=lambda t: t.i)
                heads = (first, *sorted((c for c in first.conjuncts if c.i > first.i), key=lambda t: t.i))
        expanded: list = []
        for head in heads:  # "the two rivals, Renault and Peugeot,": each name in the apposition
            named = _named_apposition(head)
            conjuncts = sorted((c for c in named.conjuncts if c.i > named.i), key=lambda t: t.i) if named is not None else []
            expanded += [named, *conjuncts] if conjuncts and all(c.ent_type_ in _NAME_ENTS for c in conjuncts) else [head]
        heads = tuple(expanded)
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


def _capitalised_common_noun(token: "Token") -> bool:
    """A lone capitalised word that is a noun of unnamed sources ("Sources", "Officials" in a headline
    or at a sentence start): capitals there mark the position, not a name."""
    if token.lower_ == token.text or not token.is_alpha:
        return False
    word = token.lower_
    singular = word[:-1] if word.endswith("s") else word
    if word not in L.ANONYMOUS_SOURCES and singular not in L.ANONYMOUS_SOURCES:
        return False
    return not any(c.dep_ in ("compound", "amod", "poss", "nmod") and not c.is_punct for c in token.children)
