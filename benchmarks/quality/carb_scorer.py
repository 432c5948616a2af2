"""A CaRB scorer (Bhardwaj, Aggarwal & Mausam, EMNLP 2019), written for this project.

It follows the matching the paper describes and its reference implementation
(github.com/dair-iitd/CaRB, ``carb.py`` with the default "binary lenient" matcher):

* **Tuples.** A tuple is a relation phrase and arguments; arguments after the
  first are joined into one object ("binary" form), for gold and system alike.
  Gold cells starting with ``C: `` (context) and empty cells are dropped.
* **Tokens.** Each part is split on whitespace, lower-cased and stripped of
  punctuation (``normalize=True``, as asked for this project; the reference code
  compares raw tokens: pass ``normalize=False`` for that).
* **Pair score.** For a gold tuple *g* and a system tuple *s*, count the matching
  tokens part by part (relation with relation, subject with subject, object with
  object; each gold token consumes one system token). If the relations share no
  token the pair scores (0, 0); if the system tuple lacks a subject or object the
  gold has, also (0, 0). Otherwise precision = matched / system tokens, recall =
  matched / gold tokens. When the gold relation contains a speech verb ("said",
  "told", ...) the system arguments are also tried swapped, and the better of the
  two (precision first) is kept.
* **Recall** of a sentence: for each gold tuple, the best recall over all system
  tuples (a system tuple may serve several gold tuples).
* **Precision** of a sentence: a one-to-one matching, built greedily: repeatedly
  take the (gold, system) pair with the highest precision among unused rows and
  columns, min(#gold, #system) times; system tuples left over score 0.
* **Curve.** Every distinct system confidence is a threshold; at each, only the
  tuples with confidence >= threshold count. Precision = sum of matched precision
  / number of system tuples (1 when there are none), recall = sum of best recalls
  / number of gold tuples (sentences with no system tuple add their gold tuples to
  the denominator). AUC is the trapezoidal area under the (recall, precision)
  points plus (0, 1); the reported "best" point is the threshold with the highest F1.

Only sentences that have gold tuples are scored (system output for other
sentences is ignored), as in the reference implementation.

>>> gold = {"s": [Tuple("born in", ("Obama", "Hawaii"))]}
>>> pred = {"s": [Tuple("was born in", ("Barack Obama", "Hawaii"), 0.9)]}
>>> r = score(gold, pred)
>>> round(r.best.precision, 3), round(r.best.recall, 3)
(0.667, 1.0)
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Tuple", "Point", "CarbResult", "read_gold", "sentence_key", "tokens", "pair_score", "score"]

SPEECH_VERBS = ("said", "told", "added", "adds", "says")
_PUNCT = re.compile(f"[{re.escape(string.punctuation)}\u2018\u2019\u201c\u201d\u2013\u2014]")


@dataclass(frozen=True)
class Tuple:
    """One extraction: relation phrase, arguments (subject first), confidence."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0

    def binary(self) -> "Tuple":
        """Arguments after the first joined into one (CaRB's binary form)."""
        if len(self.args) <= 2:
            return self
        return Tuple(self.relation, (self.args[0], " ".join(self.args[1:])), self.confidence)


@dataclass(frozen=True)
class Point:
    """Precision and recall at one confidence threshold."""

    threshold: float
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class CarbResult:
    """The curve, its area, the best-F1 point and the point with every extraction."""

    curve: list[Point]
    auc: float
    best: Point
    all: Point
    sentences: int
    gold_tuples: int
    predicted_tuples: int
    per_sentence: dict[str, tuple[float, float, int, int]] = field(default_factory=dict)
    """At the lowest threshold: sentence key → (precision sum, recall sum, #system, #gold)."""


def sentence_key(sentence: str) -> str:
    """The key sentences are matched on: no whitespace (gold lines may carry a trailing space)."""
    return "".join(sentence.split())


def tokens(text: str, normalize: bool = True) -> list[str]:
    """Whitespace tokens; with ``normalize``, lower-cased without punctuation (empty ones dropped).

    >>> tokens("The U.S. `` Senate '' ,")
    ['the', 'us', 'senate']
    """
    words = text.split()
    if not normalize:
        return words
    out = []
    for w in words:
        w = _PUNCT.sub("", w.lower())
        if w:
            out.append(w)
    return out


def read_gold(path, normalize_keys: bool = True) -> dict[str, list[Tuple]]:
    """CaRB gold TSV (``sentence, relation, arg0, arg1, ...``) → sentence → tuples.

    Keys are :func:`sentence_key` of the sentence when ``normalize_keys``.
    """
    gold: dict[str, list[Tuple]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 3:
                continue
            sentence, relation = cells[0], cells[1].strip()
            args = tuple(c.strip() for c in cells[2:] if c.strip() and not c.strip().startswith("C: "))
            key = sentence_key(sentence) if normalize_keys else sentence
            gold.setdefault(key, []).append(Tuple(relation, args))
    return gold


def _overlap(gold: list[str], pred: list[str]) -> int:
    left = list(pred)
    n = 0
    for w in gold:
        if w in left:
            n += 1
            left.remove(w)
    return n


def _lenient(gold: Tuple, pred: Tuple, normalize: bool) -> tuple[float, float]:
    g_rel, p_rel = tokens(gold.relation, normalize), tokens(pred.relation, normalize)
    matched = _overlap(g_rel, p_rel)
    if matched == 0:
        return (0.0, 0.0)
    p_num = r_num = matched
    p_den, r_den = len(p_rel), len(g_rel)
    for i, g_arg in enumerate(gold.args):
        g_words = tokens(g_arg, normalize)
        r_den += len(g_words)
        if i >= len(pred.args):
            if i < 2:
                return (0.0, 0.0)
            continue
        p_words = tokens(pred.args[i], normalize)
        p_den += len(p_words)
        m = _overlap(g_words, p_words)
        p_num += m
        r_num += m
    return (p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)


def pair_score(gold: Tuple, pred: Tuple, normalize: bool = True) -> tuple[float, float]:
    """(precision, recall) of one system tuple against one gold tuple (binary lenient match).

    >>> pair_score(Tuple("born in", ("Obama", "Hawaii")), Tuple("was born in", ("Obama", "Honolulu , Hawaii")))
    (0.6666666666666666, 1.0)
    >>> pair_score(Tuple("born in", ("Obama", "Hawaii")), Tuple("lives in", ("Obama", "Chicago")))
    (0.5, 0.5)
    >>> pair_score(Tuple("born", ("Obama", "Hawaii")), Tuple("lives in", ("Obama", "Hawaii")))
    (0.0, 0.0)
    """
    g, p = gold.binary(), pred.binary()
    straight = _lenient(g, p, normalize)
    if not any(verb in gold.relation for verb in SPEECH_VERBS) or len(p.args) < 2:
        return straight
    swapped = _lenient(g, Tuple(p.relation, (p.args[1], p.args[0]), p.confidence), normalize)
    return max(straight, swapped)


def _sentence_sums(scores: list[list[tuple[float, float]]], cols: list[int]) -> tuple[float, float]:
    """(precision numerator, recall numerator) using only system tuples ``cols``."""
    recall = sum(max((row[j][1] for j in cols), default=0.0) for row in scores)
    precision = 0.0
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    for _ in range(min(len(scores), len(cols))):
        best, bi, bj = -1.0, -1, -1
        for i, row in enumerate(scores):
            if i in used_rows:
                continue
            for j in cols:
                if j in used_cols:
                    continue
                if row[j][0] > best:
                    best, bi, bj = row[j][0], i, j
        used_rows.add(bi)
        used_cols.add(bj)
        precision += best
    return precision, recall


def _auc(points: Sequence[tuple[float, float]]) -> float:
    """Trapezoidal area under (recall, precision) points, sorted by recall."""
    by_recall: dict[float, float] = {}
    for r, p in points:
        by_recall[r] = p  # the last point at a recall wins, as in the reference code
    xs = sorted(by_recall)
    return sum((xs[k] - xs[k - 1]) * (by_recall[xs[k]] + by_recall[xs[k - 1]]) / 2 for k in range(1, len(xs)))


def score(gold: Mapping[str, Sequence[Tuple]], predicted: Mapping[str, Sequence[Tuple]],
          normalize: bool = True) -> CarbResult:
    """Score system tuples against gold tuples; both map the same sentence keys to tuples."""
    thresholds = sorted({t.confidence for key in gold for t in predicted.get(key, ())})
    index = {c: k for k, c in enumerate(thresholds)}
    n = len(thresholds)
    p_num, p_den, r_num, r_den = [0.0] * n, [0] * n, [0.0] * n, [0] * n
    per_sentence: dict[str, tuple[float, float, int, int]] = {}
    n_pred = 0
    for key, gold_tuples in gold.items():
        preds = list(predicted.get(key, ()))
        n_pred += len(preds)
        scores = [[pair_score(g, p, normalize) for p in preds] for g in gold_tuples]
        prev = 0
        for conf in sorted({p.confidence for p in preds}):
            c = index[conf]
            cols = [j for j, p in enumerate(preds) if p.confidence >= conf]
            pn, rn = _sentence_sums(scores, cols)
            if key not in per_sentence:  # the sentence's lowest confidence: all its tuples
                per_sentence[key] = (pn, rn, len(cols), len(gold_tuples))
            for k in range(prev, c + 1):
                p_num[k] += pn
                p_den[k] += len(cols)
                r_num[k] += rn
                r_den[k] += len(gold_tuples)
            prev = c + 1
        for k in range(prev, n):  # thresholds above this sentence's highest confidence
            r_den[k] += len(gold_tuples)
        per_sentence.setdefault(key, (0.0, 0.0, 0, len(gold_tuples)))
    curve = [Point(thresholds[k], p_num[k] / p_den[k] if p_den[k] else 1.0, r_num[k] / r_den[k] if r_den[k] else 0.0)
             for k in range(n)]
    n_gold = sum(len(v) for v in gold.values())
    if not curve:
        empty = Point(1.0, 0.0, 0.0)
        return CarbResult([], 0.0, empty, empty, len(gold), n_gold, 0, per_sentence)
    best = max(curve, key=lambda pt: pt.f1)  # first of equal F1s, i.e. lowest threshold
    auc = _auc([(pt.recall, pt.precision) for pt in curve] + [(0.0, 1.0)])
    return CarbResult(curve, auc, best, curve[0], len(gold), n_gold, n_pred, per_sentence)


def tuples_by_sentence(rows: Iterable[tuple[str, Tuple]]) -> dict[str, list[Tuple]]:
    """Group (sentence, tuple) pairs by :func:`sentence_key`."""
    out: dict[str, list[Tuple]] = {}
    for sentence, t in rows:
        out.setdefault(sentence_key(sentence), []).append(t)
    return out
