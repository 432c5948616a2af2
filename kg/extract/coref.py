"""Rule-based coreference: pronouns and definite descriptions to an earlier actor.

:mod:`kg.extract.coref` resolves, to an actor mentioned earlier in the same
sentence or the two sentences before (coreferee's English model cannot be
installed offline, so these are our own rules; ``benchmarks/quality/coref.py``
measures them):

- *he/she/him/her* → the last Person;
- *it* (as a subject) → the last singular Country or Organization that was a
  subject; *its* → the last singular Country or Organization;
- *they/them/their* → the last Group, Organization or plural role phrase
  ("US officials");
- definite descriptions (:meth:`Antecedents.describe`): "the chancellor", "the
  vice president", "the president-elect" → a Person (one whose title matches
  first, never one from a country that has no such title: "the chancellor" is
  not Xi Jinping), "the company"/"the firm" → an Organization that looks like a
  business, "the court" → a court, "the group"/"the organisation" → a Group or
  Organization, "the country"/"the kingdom" → a Country; "the government"/"the
  administration" → the Country mentioned most so far, at any distance (the
  story's state). A capitalised title is a description too ("the Prime Minister");
- head-noun match (:meth:`Antecedents.same_head`): any other definite description
  refers to the latest earlier role phrase or group noun with the same head noun whose
  modifiers include its own ("the occupation" after "the Israeli occupation", "the
  troops" after "Turkish troops"), at any distance; a description above prefers such an
  antecedent among its candidates ("the ministry" after "the Defence Ministry") and never
  takes one whose modifiers clash ("the foreign ministry");
- plural anaphors (:meth:`Antecedents.split`): "they", a bare "both", "the two
  companies", "the carmakers" → each actor of the last coordination in subject
  position ("Renault and Nissan").

A subject pronoun or description prefers an antecedent that was itself a
subject (salience); nothing refers to a co-argument of its own verb ("Biden
met him"). First and second person pronouns are not resolved. Resolved
mentions keep their own text and offsets and carry ``resolved_by="coref"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.extract import lexicon as L
from kg.extract import gender as G
from kg.extract import patterns as P
from kg.extract.gazetteer import BUILTIN
from kg.extract.mentions import mention_of
from kg.extract.phrases import GROUP, PRONOUN, ROLE, Arg
from kg.extract.phrases import build_mention
from kg.records import ActorType, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Antecedents", "WINDOW", "description_of", "with_rule"]

_GOVERNMENT_NOUNS = frozenset({"government", "administration"})

WINDOW = 2
"""How many sentences back an antecedent may be."""

_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "flat", "nummod", "det", "case"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    sentence: int
    arg: Arg
    subject: bool
    plural: bool
    governor: int


def _in_title(token: "Token") -> bool:
    """True inside the title before a person's name ("Secretary of *Defense* Lloyd Austin")."""
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.ent_type_ == "PERSON" and head.i > token.i and token.ent_type_ != "PERSON":
            return True
    return False


def _clause_verbs(token: "Token") -> set[int]:
    """The verb of ``token`` and the verbs it is the infinitive of ("is expected to host him")."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    found = {verb.i}
    for _ in range(4):
        if verb.dep_ not in ("xcomp",) or verb.head.i == verb.i:
            break
        verb = verb.head
        found.add(verb.i)
    return found


def _object_in_clause(token: "Token") -> bool:
    """True when the verb ``token``'s phrase hangs from has a direct or prepositional object
    before ``token`` ("thanked Rosa for *her* help", "praised him for *his* work")."""
    node = token.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return any(c.dep_ in ("dobj", "dative") and c.i < token.i for c in node.children)


def _modifiers(token: "Token") -> set[str]:
    """The lower-case lemmas of the words that restrict a noun before it ("Israeli", "defence")."""
    return {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod", "nummod") and c.i < token.i}


def with_rule(mention: Mention, rule: str) -> Mention:
    """``mention`` with ``rule`` added to its ``resolved_by`` ("coref", "coref+agent-noun")."""
    rules = [r for r in (mention.resolved_by or "").split("+") if r]
    return mention if rule in rules else replace(mention, resolved_by="+".join([rule, *rules]))


def description_of(token: "Token") -> "tuple[str, str] | None":
    """(category, words) of a definite description headed by ``token``, else None.

    The category is ``"person"``, ``"country"`` or an organisation kind of
    :data:`~kg.extract.lexicon.ORG_DESCRIPTIONS` ("business", "court", "group",
    "any"); the words are the description as written, lower-case ("vice president").
    """
    if demonym_person(token):
        return "person", token.lower_  # "the Hungarian": a person of that nation named before
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON", "GPE", "NORP", "ORG"):
        return None
    if token.tag_ in ("NNS", "NNPS") and token.lower_ != "both":
        return None
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in ("the", "this", "that"):
        return None
    mods = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
    if any(m.ent_type_ for m in mods):
        return None  # "the Israeli premier", "the Biden administration": role phrases, not descriptions
    # a capitalised title is still a description ("the Prime Minister"): only a name makes a role phrase
    first = min([token.i, *(m.i for m in mods)])
    words = token.doc[first : token.i + 1].text.lower()
    last = words.split()[-1]
    lemma = token.lemma_.lower()
    if last in L.PERSON_DESCRIPTIONS or lemma in L.PERSON_DESCRIPTIONS:
        return "person", words
    if lemma in L.ORG_DESCRIPTIONS or last in L.ORG_DESCRIPTIONS:
        return L.ORG_DESCRIPTIONS.get(lemma, L.ORG_DESCRIPTIONS.get(last, "any")), words
    if lemma in L.COUNTRY_DESCRIPTIONS:
        return "country", words
    return None


def demonym_person(token: "Token") -> bool:
    """A singular nationality word used as a noun after "the" ("the Hungarian", "the German"):
    it describes a person of that nation, as a title describes its holder."""
    if token.ent_type_ != "NORP" or token.lower_.endswith("s") or token.dep_ in ("amod", "compound"):
        return False
    if token.tag_ not in ("NNP", "NN", "JJ"):  # the tagger often calls the noun an adjective
        return False
    if any(c.dep_ != "det" for c in token.children if c.i < token.i):
        return False
    dets = [c for c in token.children if c.dep_ == "det"]
    return bool(dets) and dets[0].lower_ == "the" and BUILTIN.demonym(token.text, broad=True) is not None


def _country_of(mention: Mention) -> str | None:
    if mention.country:
        return mention.country
    entry = BUILTIN.known(mention.label)
    return entry.country if entry is not None else None


def _business(mention: Mention) -> bool:
    words = mention.label.lower().split()
    return bool(words) and (words[-1] in L.BUSINESS_WORDS or (mention.code or "").startswith(("MNC", "BUS")))


def _fits(category: str, words: str, cand: _Candidate) -> bool:
    """True when a candidate can be what a description of ``category`` describes."""
    mention = cand.arg.mention
    kind = mention.type
    if category == "person":
        if kind is not ActorType.PERSON:
            return False
        nation = BUILTIN.demonym(words, broad=True) if " " not in words and words not in L.PERSON_DESCRIPTIONS else None
        if nation is not None:  # "the Hungarian": only a person known to be of that nation
            return _country_of(mention) == nation.country
        allowed = L.TITLE_COUNTRIES.get(words.split()[-1])
        country = _country_of(mention) if allowed else None
        return not (allowed and country and country not in allowed)
    if category == "country":
        return kind is ActorType.COUNTRY and not cand.plural and not mention.role
    if kind not in (ActorType.ORGANIZATION, ActorType.GROUP) or (cand.plural and cand.arg.kind != ROLE):
        return False
    if category == "court":
        return any(w in mention.label.lower() for w in ("court", "tribunal"))
    if category == "business":
        return kind is ActorType.ORGANIZATION and not (mention.code or "").startswith(("IGO", "NGO"))
    return True


def _compatible(pronoun: str, cand: _Candidate) -> bool:
    kind = cand.arg.mention.type
    if pronoun in P.PERSON_PRONOUNS:
        return kind is ActorType.PERSON
    if pronoun in P.THING_PRONOUNS:
        return kind in (ActorType.COUNTRY, ActorType.ORGANIZATION) and not cand.plural
    if pronoun in P.PLURAL_PRONOUNS:
        return kind in (ActorType.GROUP, ActorType.ORGANIZATION) or (kind is ActorType.COUNTRY and cand.plural)
    return False


class Antecedents:
    """The actor mentions of one Doc, in order, for resolving pronouns.

    Args:
        doc: the parsed document piece.
        offset: character offset of ``doc`` in the whole document.
        sentence_of: maps a token index to its sentence number.
    """

    def __init__(self, doc: "Doc", *, offset: int, sentence_of: Callable[[int], int]) -> None:
        self._offset = offset
        self._doc = doc
        self._sentence_of = sentence_of
        self._candidates: list[_Candidate] = []
        self._mentions: dict[int, Arg | None] = {}
        seen: set[int] = set()
        for token in doc:
            if token.dep_ in _MODIFIER_DEPS or token.pos_ in ("PRON", "VERB", "AUX", "ADP", "PUNCT", "SPACE"):
                continue
            if _in_title(token):
                continue
            arg = self._mentions[token.i] = mention_of(token, offset)
            if arg is None and description_of(token) is not None:
                arg = self.describe(token)  # a description is an antecedent too ("The firm said it")
            if arg is None or arg.head in seen:
                continue
            seen.add(arg.head)
            self._candidates.append(
                _Candidate(
                    index=token.i,
                    sentence=sentence_of(token.i),
                    arg=arg,
                    subject=token.dep_ in _SUBJECT_DEPS
                    or token.head.dep_ == "appos"
                    and token.head.head.dep_ in _SUBJECT_DEPS
                    or token.dep_ == "appos"  # "the airline, Ryanair, said it": the name is the subject
                    and token.head.dep_ in _SUBJECT_DEPS,
                    plural=(token.tag_ == "NNS" or (token.tag_ == "NNPS" and not token.ent_type_))
                    and arg.kind != PRONOUN,
                    governor=token.head.i,
                )
            )
        self._by_head: dict[str, list[_Candidate]] = {}
        for cand in self._candidates:
            self._by_head.setdefault(doc[cand.index].lemma_.lower(), []).append(cand)
        self._coordinations = self._find_coordinations()
        self._animate = self._find_animate()
        self._genders = self._find_genders()

    def _person(self, cand: _Candidate) -> bool:
        """True for a Person candidate, or a name typed otherwise that the document shows is a person."""
        return cand.arg.mention.type is ActorType.PERSON or cand.arg.mention.label in self._animate

    def _find_animate(self) -> set[str]:
        """Labels of names typed Organization or Location that the document shows are people: a
        surname of a person named in full elsewhere ("Ana Ruiz ... Ruiz"), or a name described by a
        gendered noun ("Ruiz, the daughter of ...", "Ruiz was the son of ..."). Dictionary names and
        business names are never people."""
        surnames = {c.arg.mention.label.split()[-1] for c in self._candidates
                    if c.arg.mention.type is ActorType.PERSON and " " in c.arg.mention.label and c.arg.kind != PRONOUN}
        found = set()
        for cand in self._candidates:
            mention = cand.arg.mention
            if (mention.type not in (ActorType.ORGANIZATION, ActorType.LOCATION) or cand.arg.kind in (PRONOUN, ROLE, GROUP)
                    or BUILTIN.known(mention.label) is not None or _business(mention)):
                continue
            if mention.label.split()[-1] in surnames or self._gender_words(self._doc[cand.index]):
                found.add(mention.label)
        return found

    def _gender_words(self, token: "Token") -> set[str]:
        """Genders marked by the words around a name: itself and its modifiers ("actress Ana Lima",
        "Mrs Lima"), an apposition ("Lima, the daughter of ..."), a copular description ("Lima was
        the son of ...") and the word before it."""
        near = [token, *(t for t in token.subtree if t.i < token.i and t.dep_ in ("compound", "amod", "nmod", "appos"))]
        near += [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "appos":
            near.append(token.head)
        if token.dep_ in _SUBJECT_DEPS and token.head.lemma_ == "be":
            near += [c for c in token.head.children if c.dep_ == "attr"]
        if token.i > 0:
            near.append(self._doc[token.i - 1])
        return {g for t in near if (g := G.word_gender(t.text.rstrip("."))) is not None}

    def _find_genders(self) -> dict[str, str]:
        """Person label -> gender, from what the document says of that person (see :mod:`kg.extract.gender`):
        a gendered title or noun next to a mention ("Mrs", "her husband, Tom Reyes", "actress Ana Lima"),
        else a frequent given name. A bare surname takes the gender of the full name it shortens.
        Contradictory evidence leaves the person unknown."""
        votes: dict[str, set[str]] = {}
        for cand in self._candidates:
            mention = cand.arg.mention
            if not self._person(cand) or cand.arg.kind == PRONOUN:
                continue
            found = self._gender_words(self._doc[cand.index])
            found |= {g for w in mention.text.split() if (g := G.word_gender(w.rstrip("."))) is not None}
            if not found:
                by_name = G.given_name_gender(mention.label) or G.given_name_gender(mention.text)
                found = {by_name} if by_name else set()
            votes.setdefault(mention.label, set()).update(found)
        genders = {label: next(iter(g)) for label, g in votes.items() if len(g) == 1}
        for label in votes:
            if label not in genders and " " not in label:
                fuller = {genders[o] for o in genders if o.split()[-1] == label and o != label}
                if len(fuller) == 1:
                    genders[label] = fuller.pop()
        return genders

    def _find_coordinations(self) -> "list[list[_Candidate]]":
        """Conjoined actors ("General Motors and Chrysler"), each as its candidates in order, for
        plural anaphors (:meth:`split`)."""
        by_index = {c.index: c for c in self._candidates}
        found = []
        for cand in self._candidates:
            token = self._doc[cand.index]
            if token.dep_ == "conj":
                continue
            members = [cand, *(by_index[c.i] for c in token.conjuncts if c.i in by_index and c.i > token.i)]
            labels = {m.arg.mention.label for m in members}
            if len(members) > 1 and len(labels) == len(members) and all(m.arg.kind != PRONOUN for m in members):
                found.append(members)
        return found

    def split(self, token: "Token") -> list[Arg]:
        """A plural anaphor whose antecedent is a coordination: each conjunct, with the anaphor's
        text and offsets ("GM and Chrysler ... *they*", "*both* will", "*the two companies*",
        "*the automakers*"); else an empty list.

        Generalisation: a plural pronoun, a bare "both" or a plural definite description of
        organisations (the head a :data:`~kg.extract.lexicon.ORG_DESCRIPTIONS` noun) refers to
        the actors last conjoined as a subject, in the same or the previous sentence (split
        antecedents); a plural group or role phrase named after them ("US officials") is the
        antecedent instead, and so is nothing for a pronoun when no coordination is in reach.
        """
        word = token.lower_
        description = (
            token.pos_ == "NOUN"
            and token.tag_ == "NNS"
            and (token.lemma_.lower() in L.ORG_DESCRIPTIONS or token.lemma_.lower().endswith("maker"))
            and any(c.lower_ in ("the", "both", "these", "those", "two", "three") for c in token.children)
        )
        # a subject, or the addressee of urging or requiring (who must be able to act); an object
        # "them" is a thing as often as not ("voted against them": the tariffs)
        pronoun = (
            word in P.PLURAL_PRONOUNS
            and token.pos_ == "PRON"
            and not word.endswith("selves")
            and (token.dep_ in _SUBJECT_DEPS or token.head.lemma_.lower() in L.OBJECT_CONTROL)
        )
        bare_both = word == "both" and token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
        if not (description or pronoun or bare_both):
            return []
        here = self._sentence_of(token.i)
        pool = [
            co for co in self._coordinations
            if co[-1].index < token.i and here - co[0].sentence <= WINDOW and co[0].subject
            and co[0].governor not in _clause_verbs(token) | {token.head.i}  # not a co-argument of its own verb
            and all(m.arg.mention.type in (ActorType.ORGANIZATION, ActorType.COUNTRY, ActorType.GROUP) for m in co)
        ]
        if not pool:
            return []
        chosen = pool[-1]
        if pronoun:
            members = {m.index for m in chosen}
            later = [
                c for c in self._candidates
                if chosen[-1].index < c.index < token.i and c.index not in members and c.plural and c.arg.kind != PRONOUN
            ]
            if later:  # "GM and Chrysler met US officials, who said they ...": the officials
                return []
        start = token.idx + self._offset
        first = min([token.i, *(c.i for c in token.children if c.dep_ in ("det", "nummod", "amod", "compound"))])
        written = build_mention(list(token.doc[first : token.i + 1]), token, self._offset, label="x", type=ActorType.OTHER)
        if pronoun or bare_both:
            written = replace(written, text=token.text, start=start, end=start + len(token.text))
        return [
            Arg(with_rule(replace(m.arg.mention, text=written.text, start=written.start, end=written.end), "coref"),
                PRONOUN, token.i)
            for m in chosen
        ]

    def mention(self, token: "Token") -> Arg | None:
        """:func:`mention_of` ``token``, computed once per Doc (the candidates asked for most)."""
        if token.i not in self._mentions:
            self._mentions[token.i] = mention_of(token, self._offset)
        return self._mentions[token.i]

    def resolve(self, token: "Token") -> Arg | None:
        """The actor ``token`` (a pronoun) refers to, as an :class:`Arg` with the pronoun's
        text and offsets, else None."""
        word = token.lower_
        if word not in P.PERSON_PRONOUNS | P.THING_PRONOUNS | P.PLURAL_PRONOUNS:
            return None
        here = self._sentence_of(token.i)
        if word in P.PERSON_PRONOUNS:
            ahead = self._cataphor(token)
            if ahead is not None:
                return ahead
        reflexive = word.endswith(("self", "selves"))
        clause = _clause_verbs(token) if not reflexive else set()
        gender = G.pronoun_gender(word)
        pool = [
            c
            for c in self._candidates
            if c.index < token.i
            and here - c.sentence <= (1 if word in P.THING_PRONOUNS else WINDOW)
            and (_compatible(word, c) or word in P.PERSON_PRONOUNS and self._person(c))
            and self._genders.get(c.arg.mention.label, gender) == gender
            and (reflexive or c.governor != token.head.i or token.head.i == token.i)
            and not (c.subject and c.governor in clause and token.dep_ not in _SUBJECT_DEPS)
        ]
        if not pool:
            return None
        chosen = pool[-1]
        if word in P.THING_PRONOUNS and token.dep_ != "poss":
            # "it" names things far more often than states: only a subject "it",
            # and only for an earlier subject ("While the US ..., it is pressing")
            subjects = [c for c in pool if c.subject]
            if token.dep_ not in _SUBJECT_DEPS or not subjects:
                return None
            chosen = subjects[-1]
        elif word in P.THING_PRONOUNS:
            # a possessive "its": the subject state or organisation, else the nearest one
            chosen = ([c for c in pool if c.subject] or pool)[-1]
        elif token.dep_ in _SUBJECT_DEPS or (token.dep_ == "poss" and not _object_in_clause(token)):
            # a subject or possessive person pronoun prefers the subject of its own or the previous
            # sentence to a nearer object (the centre of attention: "Ana trained under Rosa
            # before starting her career" is Ana's career); an object pronoun keeps recency, and so
            # does a possessive in a clause with an object ("thanked Rosa for her help")
            subjects = [c for c in pool if c.subject]
            if subjects and subjects[-1].sentence >= here - 1:
                chosen = subjects[-1]
            elif word in P.PERSON_PRONOUNS:
                # no subject nearby: the person the text has spoken of most so far (the topic)
                counts: dict[str, int] = {}
                for c in self._candidates:
                    if c.index < token.i and c.arg.kind != PRONOUN:
                        counts[c.arg.mention.label] = counts.get(c.arg.mention.label, 0) + 1
                chosen = max(pool, key=lambda c: (counts.get(c.arg.mention.label, 0), c.index))
        start = token.idx + self._offset
        mention = replace(chosen.arg.mention, text=token.text, start=start, end=start + len(token.text))
        return Arg(with_rule(mention, "coref"), PRONOUN, token.i)

    def _cataphor(self, token: "Token") -> Arg | None:
        """A person pronoun inside a fronted adverbial ("After *her* retirement, Ana Lima ...",
        "Known for *his* temper, Reyes ...") as the subject of the clause it introduces, when that
        subject is a person of the pronoun's gender; else None.

        Generalisation: a preposed adjunct is interpreted against its main clause, whose subject is
        the topic the adjunct anticipates (backward anaphora), so the pronoun looks ahead to it."""
        node = token
        for _ in range(8):
            if node.head.i == node.i:
                return None
            if node.dep_ in ("advcl", "prep", "npadvmod", "ccomp") and node.head.pos_ in ("VERB", "AUX"):
                verb = node.head
                subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
                if subject is not None and subject.i > token.i and max(t.i for t in node.subtree) < subject.i:
                    break
            node = node.head
        else:
            return None
        cand = next((c for c in self._candidates if c.index == subject.i), None)
        if cand is None:
            return None
        adjunct = {t.i for t in node.subtree}
        gender = G.pronoun_gender(token.lower_)
        if any(c.index in adjunct and c.index < token.i and self._person(c) and c.arg.kind != PRONOUN
               and self._genders.get(c.arg.mention.label, gender) == gender for c in self._candidates):
            return None  # the adjunct names its own person first ("While Ana was resting her knee, Rosa ...")
        if not self._person(cand) or cand.arg.kind == PRONOUN:
            return None
        if self._genders.get(cand.arg.mention.label, gender) != gender:
            return None
        start = token.idx + self._offset
        mention = replace(cand.arg.mention, text=token.text, start=start, end=start + len(token.text))
        return Arg(with_rule(mention, "coref"), PRONOUN, token.i)

    def describe(self, token: "Token") -> Arg | None:
        """The actor a definite description headed by ``token`` refers to ("the chancellor"),
        as an :class:`Arg` with the description's text and offsets, else None."""
        found = description_of(token)
        if found is None:
            return self.same_head(token)
        category, words = found
        here = self._sentence_of(token.i)
        if category == "country" and token.lemma_.lower() in _GOVERNMENT_NOUNS:
            return self._government(token)
        pool = [
            c
            for c in self._candidates
            if c.index < token.i
            and here - c.sentence <= WINDOW
            and c.governor != token.head.i
            and _fits(category, words, c)
            and not self._head_clash(token, c)
        ]
        if not pool:
            return None
        chosen = pool[-1]
        if category == "person":
            titled = [c for c in pool if c.arg.mention.role and words.split()[-1] in c.arg.mention.role.lower()]
            subjects = [c for c in pool if c.subject]
            chosen = (titled or subjects or pool)[-1]
        elif category == "business":
            chosen = ([c for c in pool if _business(c.arg.mention)] or pool)[-1]
        else:  # the same head noun first ("the ministry": "the Defence Ministry"); a group prefers a
            # Group; then, as for pronouns, a subject
            same = [c for c in pool if self._head_match(token, c)]
            if category == "group":
                pool = [c for c in pool if c.arg.mention.type is ActorType.GROUP] or pool
            chosen = (same or [c for c in pool if c.subject] or pool)[-1]
        return self._as_description(token, chosen)

    def _as_description(self, token: "Token", chosen: _Candidate) -> Arg:
        """``chosen``'s actor with the text and offsets of the description headed by ``token``."""
        first = min([token.i, *(c.i for c in token.children if c.dep_ in ("compound", "amod", "nmod", "det"))])
        tokens = [t for t in token.doc[first : token.i + 1] if t.dep_ != "det"]
        written = build_mention(tokens, token, self._offset, label="x", type=ActorType.OTHER)
        mention = replace(chosen.arg.mention, text=written.text, start=written.start, end=written.end)
        return Arg(with_rule(mention, "coref"), PRONOUN, token.i)

    def _head_match(self, token: "Token", cand: _Candidate) -> bool:
        """True when ``cand`` is headed by ``token``'s noun in the same number and carries every
        modifier ``token`` has ("the occupation" / "the Israeli occupation"; not "the earlier
        occupation" / "the Israeli occupation")."""
        head = self._doc[cand.index]
        if cand.index >= token.i or cand.arg.kind == PRONOUN or head.lemma_.lower() != token.lemma_.lower():
            return False  # a description resolved before is no evidence: only a written-out mention
        if (token.tag_ in ("NNS", "NNPS")) != (head.tag_ in ("NNS", "NNPS")):
            return False
        return _modifiers(token) <= _modifiers(head)

    def _head_clash(self, token: "Token", cand: _Candidate) -> bool:
        """True when ``cand`` has ``token``'s head noun but lacks one of its modifiers: "the foreign
        ministry" is not "the Defence Ministry" (a modifier names a different one)."""
        head = self._doc[cand.index]
        return head.lemma_.lower() == token.lemma_.lower() and not _modifiers(token) <= _modifiers(head)

    def same_head(self, token: "Token") -> Arg | None:
        """The actor a definite description refers to by its head noun, as an :class:`Arg` with the
        description's text and offsets, else None.

        Generalisation (the head-match rule of sieve coreference): a definite noun phrase ("the",
        "this", "that") with no name of its own whose head noun heads an earlier role phrase or
        group noun (an actor written as "<actor> <noun>": "the Israeli occupation", "Turkish
        troops", "Hamas fighters"), and whose modifiers are all among that phrase's, refers to
        it, the latest one, at any distance in the document ("the Israeli occupation ... the
        occupation's plan" → Israel). A modifier the antecedent lacks blocks it ("the Israeli
        occupation ... the earlier occupation"), and so does a different number ("US officials
        ... the official"); a co-argument of the same verb is no antecedent, nor is a description
        resolved before (only a written-out phrase is evidence). Names with a common-noun head
        ("the Defence Ministry") are reached by :meth:`describe` within :data:`WINDOW`.
        A made thing (:data:`~kg.extract.lexicon.PRODUCT_CLASS_NOUNS`: "the aircraft") refers to the
        product, not to the maker its role phrase stood for ("Airbus aircraft").
        """
        if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON", "GPE", "NORP", "ORG"):
            return None
        if token.lemma_.lower() in L.PRODUCT_CLASS_NOUNS:
            return None  # "the new aircraft": the made thing, not its maker ("Airbus aircraft" → Airbus)
        dets = [c for c in token.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("the", "this", "that"):
            return None
        if any(c.ent_type_ or c.dep_ == "poss" for c in token.children if c.i < token.i):
            return None
        same = [
            c for c in self._by_head.get(token.lemma_.lower(), ())
            if c.governor != token.head.i and self._head_match(token, c)
            and c.arg.kind in (ROLE, GROUP)
        ]
        return self._as_description(token, same[-1]) if same else None

    def _government(self, token: "Token") -> Arg | None:
        """ "The government", "the administration": the state the article is about so far, the
        country mentioned most often before it (ties: the latest), at any distance. Unlike "the
        country", it names the topic's state, not the nearest one ("thanked the government of
        Germany ... the government will give GM" is the American government of the story)."""
        counts: dict[str, int] = {}
        last: dict[str, _Candidate] = {}
        for c in self._candidates:
            if c.index >= token.i:
                break
            mention = c.arg.mention
            if mention.type is ActorType.COUNTRY and not c.plural and c.arg.kind != PRONOUN:
                counts[mention.label] = counts.get(mention.label, 0) + 1
                last[mention.label] = c
        if not counts:
            return None
        chosen = max(last.values(), key=lambda c: (counts[c.arg.mention.label], c.index))
        first = min([token.i, *(c.i for c in token.children if c.dep_ in ("compound", "amod", "nmod", "det"))])
        tokens = [t for t in token.doc[first : token.i + 1] if t.dep_ != "det"]
        written = build_mention(tokens, token, self._offset, label="x", type=ActorType.OTHER)
        mention = replace(chosen.arg.mention, text=written.text, start=written.start, end=written.end)
        return Arg(with_rule(mention, "coref"), PRONOUN, token.i)

    def both(self, token: "Token") -> list[Arg]:
        """ "Both sides"/"both countries": the last two distinct actors of the same or the
        previous sentence, each with the phrase's text and offsets; else an empty list."""
        if token.lower_ not in ("sides", "parties", "countries", "governments", "leaders", "men", "nations"):
            return []
        if not any(c.lower_ == "both" and c.dep_ in ("det", "predet", "amod", "nummod") for c in token.children):
            return []
        here = self._sentence_of(token.i)
        pool = [
            c
            for c in self._candidates
            if c.index < token.i and here - c.sentence <= 1 and c.arg.kind not in (PRONOUN, GROUP)
        ]
        labels: list[_Candidate] = []
        for cand in reversed(pool):
            if cand.arg.mention.label not in {c.arg.mention.label for c in labels}:
                labels.append(cand)
            if len(labels) == 2:
                break
        if len(labels) < 2:
            return []
        first = min([token.i, *(c.i for c in token.children if c.dep_ in ("det", "predet", "amod", "nummod"))])
        written = build_mention(list(token.doc[first : token.i + 1]), token, self._offset, label="x", type=ActorType.OTHER)
        return [
            Arg(with_rule(replace(c.arg.mention, text=written.text, start=written.start, end=written.end), "coref"),
                PRONOUN, token.i)
            for c in reversed(labels)
        ]

    def possessed(self, token: "Token") -> Arg | None:
        """A role noun owned by a pronoun ("its fighters", "their troops") as the owner's actor."""
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        agent = P.ROLE_NOUNS.get(token.lemma_.lower(), P.ROLE_NOUNS.get(token.lower_))
        if owner is None or agent is None or owner.lower_ not in P.THING_PRONOUNS | P.PLURAL_PRONOUNS:
            return None
        if token.lemma_.lower() in L.AGENT_ONLY_NOUNS and token.dep_ not in ("nsubj", "nsubjpass"):
            return None  # "trashed its embassy": a building
        found = self.resolve(owner)
        if found is None or found.mention.type is ActorType.PERSON:
            return None
        base = found.mention
        written = build_mention([owner, token], token, self._offset, label="x", type=ActorType.OTHER)
        code = base.country + agent if base.type is ActorType.COUNTRY and base.country and agent else base.code
        mention = replace(
            base, text=written.text, start=written.start, end=written.end, role=token.lower_, code=code
        )
        return Arg(with_rule(mention, "agent-noun"), ROLE, token.i)
