"""A faster loop for spaCy's rule lemmatizer: the same lemmas, one table look-up per token.

spaCy's ``Lemmatizer`` in ``rule`` mode makes a ``Token`` (and a ``MorphAnalysis``)
for every token and looks its lemma up by ``(orth, pos, morph)``, about 2.5 µs
a token. Here the same key is read from one ``Doc.to_array`` call and looked up
in a table of lemma hashes filled by the component's own ``rule_lemmatize`` on a
miss, so every lemma is the one spaCy gives: the same function on the same key
(``rule_lemmatize`` reads nothing else of the token). Tokens whose lemma is set
already (by the attribute ruler's exceptions) keep it, as spaCy's loop does unless
``overwrite``; tokens without a POS are left to ``rule_lemmatize`` each time.
``tests/test_ruler.py`` checks the two give identical tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["speed_up_lemmatizer"]


def _call(self: Lemmatizer, doc: "Doc") -> "Doc":
    if not self._validated:
        self._validate_tables(Errors.E1004)
    try:
        if not len(doc):
            return doc
        table: dict[tuple[int, int, int], int] = self._kg_lemmas
        add = self.vocab.strings.add
        overwrite = self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = table.get(key)
            if found is None:
                found = add(self.rule_lemmatize(doc[i])[0])
                if pos:  # no POS: spaCy warns each time; let it
                    table[key] = found
            doc[i].lemma = found
        return doc
    except Exception as exc:  # noqa: BLE001 - the stock component's contract
        return self.get_error_handler()(self.name, self, [doc], exc)


class TableLemmatizer(Lemmatizer):
    """spaCy's Lemmatizer with the loop of :func:`_call`."""

    __call__ = _call


class TableEnglishLemmatizer(EnglishLemmatizer):
    """spaCy's English lemmatizer with the loop of :func:`_call`."""

    __call__ = _call


_TABLE = {Lemmatizer: TableLemmatizer, EnglishLemmatizer: TableEnglishLemmatizer}


def speed_up_lemmatizer(nlp: "Language") -> bool:
    """Run ``nlp``'s rule lemmatizer through :func:`_call`; True if it was swapped (else left as it was).

    Only spaCy's own lemmatizers in ``rule`` mode are swapped (another's rules may read more
    of a token than its key).

    >>> import spacy
    >>> speed_up_lemmatizer(spacy.blank("en"))
    False
    """
    swapped = False
    for _name, component in nlp.pipeline:
        table = _TABLE.get(type(component))
        if table is None or getattr(component, "mode", None) != "rule":
            continue
        component._kg_lemmas = {}
        component.__class__ = table
        swapped = True
    return swapped
