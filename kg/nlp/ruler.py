"""A faster drop-in for spaCy's ``attribute_ruler``: same rules, same output, no Matcher.

The English pipelines map fine-grained tags to POS and morphology, and fix a few
lemmas, with ~180 one- and two-token rules run through spaCy's general
``Matcher``. That is about a tenth of ``en_core_web_sm``'s whole parse time.
Here the same rules (read from the loaded component, so they stay the model's)
are indexed by tag and lower-case form and checked against one array per Doc.
Matches are applied exactly as ``AttributeRuler.set_annotations`` applies them:
all rules matched on the Doc as it came in, then applied in rule order, so a
later rule wins.

Only the pattern shapes the shipped rules use are supported (exact values,
``IN``, ``NOT_IN`` and ``REGEX`` on ``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``,
no operators); a pipeline with any other rule keeps spaCy's own component.
``tests/test_ruler.py`` checks the two give identical tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.pipeline import AttributeRuler
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["TableAttributeRuler", "speed_up_attribute_ruler"]

_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_INDEX_ORDER = (1, 0, 2, 3)  # index a rule by its lower form first: the most selective key
_EQ, _IN, _NOT_IN, _REGEX = range(4)


class _Unsupported(Exception):
    pass


def _test(key: str, spec: Any, strings: Any) -> tuple[int, int, Any]:
    """(field, operation, operand) for one key of a token pattern; operands are string hashes."""
    if key not in _FIELDS:
        raise _Unsupported(key)
    field = _FIELDS.index(key)
    if key == "IS_SPACE":
        if not isinstance(spec, bool):
            raise _Unsupported(spec)
        return field, _EQ, int(spec)
    if isinstance(spec, str):
        return field, _EQ, strings.add(spec)
    if isinstance(spec, dict) and len(spec) == 1:
        (op, value), = spec.items()
        if op == "IN":
            return field, _IN, frozenset(strings.add(x) for x in value)
        if op == "NOT_IN":
            return field, _NOT_IN, frozenset(strings.add(x) for x in value)
        if op == "REGEX" and isinstance(value, str):
            return field, _REGEX, re.compile(value)
    raise _Unsupported(spec)


def _holds(value: int, op: int, operand: Any, text: Callable[[int], str]) -> bool:
    if op == _EQ:
        return value == operand
    if op == _IN:
        return value in operand
    if op == _NOT_IN:
        return value not in operand
    return bool(operand.search(text(value)))


class _Table:
    """The rules of one attribute ruler, each indexed under one value its first token must have."""

    def __init__(self, ruler: Any) -> None:
        strings = ruler.vocab.strings
        self.strings = strings
        self.index: list[dict[int, list]] = [{} for _ in _FIELDS]
        self.anywhere: list = []
        for number, rule in enumerate(ruler.patterns):
            index = rule.get("index", 0)
            for pattern in rule["patterns"]:
                if not 1 <= len(pattern) <= 2 or not all(isinstance(p, dict) for p in pattern):
                    raise _Unsupported(pattern)
                tests = tuple(tuple(_test(k, v, strings) for k, v in p.items()) for p in pattern)
                entry = (number, tests, index)
                first = {field: (op, operand) for field, op, operand in tests[0]}
                for field in _INDEX_ORDER:
                    op, operand = first.get(field, (None, None))
                    if op in (_EQ, _IN):
                        for h in ([operand] if op == _EQ else operand):
                            self.index[field].setdefault(h, []).append(entry)
                        break
                else:
                    self.anywhere.append(entry)
        self.attrs = ruler.attrs

    def matches(self, doc: Doc) -> list[tuple[int, int]]:
        """(rule number, index of the token to set), in the order spaCy applies them."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        n = len(rows)
        text = self.strings.__getitem__
        found: set[tuple[int, int]] = set()
        indexes = tuple(enumerate(self.index))
        for i, row in enumerate(rows):
            for field, index in indexes:
                entries = index.get(row[field])
                if entries:
                    self._check(entries, rows, i, n, text, found)
            if self.anywhere:
                self._check(self.anywhere, rows, i, n, text, found)
        return sorted(found)

    @staticmethod
    def _check(entries: list, rows: list, i: int, n: int, text: Callable[[int], str],
               found: set[tuple[int, int]]) -> None:
        for number, tests, index in entries:
            size = len(tests)
            if i + size > n:
                continue
            ok = True
            for k in range(size):
                row = rows[i + k]
                for field, op, operand in tests[k]:
                    if not _holds(row[field], op, operand, text):
                        ok = False
                        break
                if not ok:
                    break
            if ok:
                found.add((number, i + size + index if index < 0 else i + index))


class TableAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with its matching done from a table (see :mod:`kg.nlp.ruler`)."""

    _kg_table: _Table

    def __call__(self, doc: Doc) -> Doc:
        try:
            table = self._kg_table
            for number, target in table.matches(doc):
                set_token_attrs(doc[target], table.attrs[number])
            return doc
        except Exception as exc:  # noqa: BLE001 - the stock component's contract
            return self.get_error_handler()(self.name, self, [doc], exc)


def _swap(ruler: AttributeRuler) -> bool:
    try:
        table = _Table(ruler)
    except (_Unsupported, ValueError, KeyError, TypeError):
        return False
    ruler._kg_table = table
    ruler.__class__ = TableAttributeRuler
    return True


def speed_up_attribute_ruler(nlp: Language) -> bool:
    """Run ``nlp``'s attribute ruler from a table; True if it was swapped (else left as it was).

    >>> import spacy
    >>> speed_up_attribute_ruler(spacy.blank("en"))
    False
    """
    swapped = False
    for _name, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            swapped = _swap(component) or swapped
    return swapped
