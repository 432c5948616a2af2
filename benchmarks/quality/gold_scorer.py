"""Score extracted relations against ``benchmarks/gold/gold.jsonl`` (no model needed).

Matching follows the gold README's "Scoring recommendations" and the issue's brief:

* **Names** (subject, object, ``attributed_to``) are compared after
  normalisation: Unicode NFKC, accents removed, case-folded, dots removed
  ("U.S." → "us"), hyphens and other punctuation as spaces, articles
  (*the, a, an*) and a trailing possessive removed; then the aliases of the gold
  README §2 (``Pentagon`` ≡ "US Department of Defense", "U.S." ≡ ``United States``,
  "MSF" ≡ ``Doctors Without Borders``, the acronyms it expands...). Two names match
  when equal or when one is a token suffix of the other ("Netanyahu" ~ "Benjamin
  Netanyahu", "strikes" ~ "Israeli strikes").
* **Predicates** match *exactly* when the normalised lemma phrases are equal
  (plural nouns singularised, "favour" = "favor"), and *leniently* when exact,
  or the head lemmas (first words) are equal, or the gold event type is set and
  the predicted one equals it, or one phrase's words are contained in the
  other's with a shared content word ("talk with" ~ "hold talks with").
* A gold relation and a prediction **match** when subject, object (with
  direction) and predicate match; each gold and each prediction is used at most
  once per sentence (greedy, best pairs first: exact predicate, then exact names).
  Headline figures use the lenient predicate; the exact-predicate figures are
  reported beside them.
* **Attributes** are scored over matched pairs: ``negated``, ``modality``,
  ``attributed_to`` (name match; gold ``"anonymous"`` accepts any generic source),
  ``event_type`` (two-digit root), ``date`` (exact, null must be null; only a date
  the text states counts, a ``date_source: published`` fallback is null), subject
  and object type.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Rel", "GoldSentence", "GoldResult", "read_gold", "norm_name", "names_match", "norm_predicate",
    "predicate_match", "match_sentence", "score", "from_relation",
]

ARTICLES = frozenset({"the", "a", "an"})
PREPOSITIONS = frozenset({"with", "to", "on", "at", "in", "of", "for", "from", "against", "out", "into", "by",
                          "over", "about", "up", "off", "down", "as"})
LIGHT_VERBS = frozenset({"hold", "make", "have", "take", "give", "launch", "stage", "impose", "issue", "express",
                         "open", "sign", "fire", "offer", "raise"})
ANONYMOUS = frozenset({"anonymous", "unnamed", "unknown", "source", "sources", "official", "officials", "diplomat",
                       "diplomats", "people", "person", "someone", "analyst", "analysts", "insider", "insiders"})

# gold README §2: canonical forms and the aliases a scorer should accept (normalised keys).
_ALIAS_GROUPS = {
    "united states": ["us", "usa", "america", "united states of america", "u s"],
    "united kingdom": ["britain", "uk", "great britain"],
    "united nations": ["un"],
    "european union": ["eu"],
    "pentagon": ["united states military", "us military", "us department of defense", "department of defense",
                 "us defense department", "defense department"],
    "state department": ["department of state", "us state department", "us department of state"],
    "houthis": ["ansar allah", "houthi", "houthi rebels", "houthi movement"],
    "unifil": ["united nations interim force in lebanon", "un interim force in lebanon"],
    "doctors without borders": ["medecins sans frontieres", "msf"],
    "competition and markets authority": ["cma"],
    "international criminal court": ["icc"],
    "world health organization": ["who"],
    "international olympic committee": ["ioc"],
    "court of arbitration for sport": ["cas"],
    "united states congress": ["congress", "us congress"],
}
_ALIASES = {alias: canon for canon, aliases in _ALIAS_GROUPS.items() for alias in aliases}


@dataclass(frozen=True)
class Rel:
    """A relation, gold or predicted, in the gold file's vocabulary."""

    subject: str
    predicate: str
    object: str
    subject_type: str | None = None
    object_type: str | None = None
    negated: bool = False
    modality: str = "asserted"
    attributed_to: str | None = None
    event_type: str | None = None
    date: str | None = None

    def short(self) -> str:
        flags = [self.modality]
        if self.negated:
            flags.append("NEG")
        if self.attributed_to:
            flags.append(f"by={self.attributed_to}")
        flags.append(f"ev={self.event_type}")
        if self.date:
            flags.append(self.date)
        return (f"{self.subject} [{self.subject_type}] --{self.predicate}--> {self.object} [{self.object_type}]"
                f"  ({', '.join(flags)})")


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    published: str | None
    relations: tuple[Rel, ...]
    phenomena: tuple[str, ...] = ()


def read_gold(path: str | Path) -> list[GoldSentence]:
    """The gold set (one JSON object per line, format in ``benchmarks/gold/README.md``)."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            rels = tuple(Rel(r["subject"], r["predicate"], r["object"], r.get("subject_type"), r.get("object_type"),
                             bool(r.get("negated", False)), r.get("modality", "asserted"), r.get("attributed_to"),
                             r.get("event_type"), r.get("date")) for r in d.get("relations", ()))
            out.append(GoldSentence(d["id"], d["text"], d.get("published"), rels, tuple(d.get("phenomena", ()))))
    return out


def from_relation(rel) -> Rel:
    """A ``kg.records.Relation`` as a :class:`Rel`."""
    att = rel.attributed_to
    return Rel(
        subject=rel.subject.label, predicate=rel.predicate, object=rel.object.label,
        subject_type=str(rel.subject.type), object_type=str(rel.object.type),
        negated=bool(rel.negated), modality=str(rel.modality),
        attributed_to=(att.label if hasattr(att, "label") else att) if att is not None else None,
        event_type=rel.event_type,
        date=rel.date.isoformat() if rel.date and getattr(rel, "date_source", "text") == "text" else None,
    )


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("\u2019", "'").replace(".", "")
    text = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group(0) == "'s" else "s", text)
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


def norm_name(name: str | None) -> str:
    """The comparison key of a name.

    >>> norm_name("The U.S.")
    'united states'
    >>> norm_name("Abdel Fattah el-Sisi")
    'abdel fattah el sisi'
    >>> norm_name("Médecins Sans Frontières")
    'doctors without borders'
    """
    if not name:
        return ""
    key = " ".join(w for w in _fold(name).split() if w not in ARTICLES)
    return _ALIASES.get(key, key)


def names_match(gold: str | None, pred: str | None, *, suffix: bool = True) -> bool:
    """Equal after :func:`norm_name`, or (with ``suffix``) one a token suffix of the other.

    >>> names_match("Benjamin Netanyahu", "Netanyahu"), names_match("Israeli strikes", "strikes")
    (True, True)
    >>> names_match("Israel", "Israel Katz"), names_match("Pentagon", "US Department of Defense")
    (False, True)
    """
    g, p = norm_name(gold).split(), norm_name(pred).split()
    if not g or not p:
        return False
    if g == p:
        return True
    if not suffix:
        return False
    short, long_ = (g, p) if len(g) <= len(p) else (p, g)
    return long_[-len(short):] == short


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def norm_predicate(predicate: str) -> tuple[str, ...]:
    """The words of a lemma phrase, case-folded, singular, US spelling.

    >>> norm_predicate("Hold talks with"), norm_predicate("vote in favour of")
    (('hold', 'talk', 'with'), ('vote', 'in', 'favor', 'of'))
    """
    words = _fold(predicate).replace("favour", "favor").split()
    return tuple(w if i == 0 else _singular(w) for i, w in enumerate(words))


def predicate_match(gold: Rel, pred: Rel) -> str | None:
    """``"exact"``, ``"lenient"`` or ``None``.

    >>> g = Rel("A", "hold talks with", "B", event_type="04")
    >>> predicate_match(g, Rel("A", "hold talks with", "B")), predicate_match(g, Rel("A", "talk with", "B"))
    ('exact', 'lenient')
    >>> predicate_match(g, Rel("A", "meet", "B", event_type="04")), predicate_match(g, Rel("A", "reject", "B"))
    ('lenient', None)
    """
    g, p = norm_predicate(gold.predicate), norm_predicate(pred.predicate)
    if not g or not p:
        return None
    if g == p:
        return "exact"
    if g[0] == p[0]:
        return "lenient"
    if gold.event_type and pred.event_type == gold.event_type:
        return "lenient"
    gs, ps = set(g), set(p)
    shared = (gs & ps) - PREPOSITIONS - LIGHT_VERBS
    if shared and (gs <= ps or ps <= gs):
        return "lenient"
    return None


def _anonymous(pred: str | None) -> bool:
    if not pred:
        return False
    key = norm_name(pred)
    return key in ANONYMOUS or bool(set(key.split()) & ANONYMOUS) or pred[:1].islower()


def attribution_match(gold: str | None, pred: str | None) -> bool:
    """Null must be null; ``"anonymous"`` accepts a generic source; else :func:`names_match`."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if gold.casefold() == "anonymous":
        return _anonymous(pred)
    return names_match(gold, pred)


ATTRIBUTES = ("negated", "modality", "attributed_to", "event_type", "date", "subject_type", "object_type")


def attribute_ok(name: str, gold: Rel, pred: Rel) -> bool:
    if name == "attributed_to":
        return attribution_match(gold.attributed_to, pred.attributed_to)
    return getattr(gold, name) == getattr(pred, name)


@dataclass(frozen=True)
class Pair:
    gold: int
    pred: int
    predicate: str  # "exact" or "lenient"
    exact_names: bool


def match_sentence(gold: Sequence[Rel], pred: Sequence[Rel], *, lenient: bool = True) -> list[Pair]:
    """One-to-one matches between gold and predicted relations of one sentence (greedy, best first).

    >>> gold = [Rel("France", "condemn", "Russia"), Rel("Germany", "condemn", "Russia")]
    >>> pred = [Rel("Germany", "condemn", "Russia"), Rel("Germany", "condemn", "Russia")]
    >>> [(m.gold, m.pred) for m in match_sentence(gold, pred)]
    [(1, 0)]
    """
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if not (names_match(g.subject, p.subject) and names_match(g.object, p.object)):
                continue
            how = predicate_match(g, p)
            if how is None or (how == "lenient" and not lenient):
                continue
            exact = norm_name(g.subject) == norm_name(p.subject) and norm_name(g.object) == norm_name(p.object)
            candidates.append((how == "exact", exact, -i, -j, Pair(i, j, how, exact)))
    candidates.sort(key=lambda c: c[:4], reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, pair in candidates:
        if pair.gold in used_g or pair.pred in used_p:
            continue
        used_g.add(pair.gold)
        used_p.add(pair.pred)
        pairs.append(pair)
    return sorted(pairs, key=lambda p: p.gold)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class GoldResult:
    lenient: PRF
    exact: PRF
    attributes: dict[str, tuple[int, int]]
    """Attribute → (correct, matched pairs)."""
    phenomena: dict[str, tuple[int, int]]
    """Phenomenon tag → (matched gold relations, gold relations)."""
    no_relation: tuple[int, int]
    """(no-relation sentences with no prediction, no-relation sentences)."""
    no_relation_fp: int
    sentences: int
    gold_relations: int
    predicted_relations: int
    details: list[dict] = field(default_factory=list)
    """Per sentence: id, text, gold, pred, pairs (lenient)."""

    def accuracy(self, name: str) -> float:
        ok, n = self.attributes.get(name, (0, 0))
        return ok / n if n else 0.0


def score(gold: Sequence[GoldSentence], predicted: Mapping[str, Sequence[Rel]]) -> GoldResult:
    """Score predictions (sentence id → relations) against the gold sentences."""
    lenient, exact = PRF(), PRF()
    attrs: dict[str, list[int]] = {a: [0, 0] for a in ATTRIBUTES}
    phen: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    no_rel = [0, 0]
    no_rel_fp = 0
    details = []
    n_pred = 0
    for sent in gold:
        pred = list(predicted.get(sent.id, ()))
        n_pred += len(pred)
        pairs = match_sentence(sent.relations, pred)
        strict = match_sentence(sent.relations, pred, lenient=False)
        for prf, ps in ((lenient, pairs), (exact, strict)):
            prf.tp += len(ps)
            prf.fp += len(pred) - len(ps)
            prf.fn += len(sent.relations) - len(ps)
        for pair in pairs:
            g, p = sent.relations[pair.gold], pred[pair.pred]
            for a in ATTRIBUTES:
                attrs[a][0] += attribute_ok(a, g, p)
                attrs[a][1] += 1
        for tag in sent.phenomena:
            if sent.relations:
                phen[tag][0] += len(pairs)
                phen[tag][1] += len(sent.relations)
        if not sent.relations:
            no_rel[1] += 1
            no_rel[0] += not pred
            no_rel_fp += len(pred)
        details.append({"id": sent.id, "text": sent.text, "gold": list(sent.relations), "pred": pred, "pairs": pairs,
                        "phenomena": list(sent.phenomena)})
    return GoldResult(
        lenient, exact, {a: (v[0], v[1]) for a, v in attrs.items()},
        {t: (v[0], v[1]) for t, v in sorted(phen.items())}, (no_rel[0], no_rel[1]), no_rel_fp,
        len(gold), sum(len(s.relations) for s in gold), n_pred, details,
    )


def diagnose(gold: Rel, preds: Iterable[Rel]) -> str:
    """Why a gold relation was missed, judged from the sentence's predictions."""
    preds = list(preds)
    if not preds:
        return "no relation extracted from the sentence"
    for p in preds:
        s, o = names_match(gold.subject, p.subject), names_match(gold.object, p.object)
        pm = predicate_match(gold, p) is not None
        if s and o and not pm:
            return f"predicate differs: {p.predicate!r}"
        if names_match(gold.subject, p.object) and names_match(gold.object, p.subject):
            return f"direction reversed: {p.subject} --{p.predicate}--> {p.object}"
    for p in preds:
        s, o = names_match(gold.subject, p.subject), names_match(gold.object, p.object)
        pm = predicate_match(gold, p) is not None
        if s and pm:
            return f"object differs: {p.object!r}"
        if o and pm:
            return f"subject differs: {p.subject!r}"
    return "not found"


def error_kinds(result: GoldResult) -> Counter:
    """Counts of miss and false-positive kinds (first words of :func:`diagnose`)."""
    kinds: Counter = Counter()
    for d in result.details:
        matched_g = {p.gold for p in d["pairs"]}
        matched_p = {p.pred for p in d["pairs"]}
        for i, g in enumerate(d["gold"]):
            if i not in matched_g:
                kinds["miss: " + diagnose(g, d["pred"]).split(":")[0]] += 1
        for j, _ in enumerate(d["pred"]):
            if j not in matched_p:
                kinds["false positive" + (" (no-relation sentence)" if not d["gold"] else "")] += 1
        for pair in d["pairs"]:
            g, p = d["gold"][pair.gold], d["pred"][pair.pred]
            for a in ATTRIBUTES:
                if not attribute_ok(a, g, p):
                    kinds[f"matched, wrong {a}"] += 1
    return kinds
