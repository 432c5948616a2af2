"""kg.nlp.ruler and kg.nlp.lemmas: the table-driven attribute ruler and lemmatizer loop give exactly the
tokens spaCy's own components give."""

from __future__ import annotations

import pytest
from kgtest import EXAMPLES, SHARED, need

pytestmark = pytest.mark.model

# the rules' odd corners: contractions, two-token rules, regex rules, spaces, DEP-keyed rules
TRICKY = [
    "I ain't gonna do it, y'all. Let's go; c'mon, we gotta be there.",
    "He gets it; she got it. There is a dog and there's a cat, aren't there?",
    "  \n\n  Spaces   here\t\n  and\u00a0there ",
    "Doin' nothin' with 'em is 'nuff. Ol' Sam's goin' home.",
    "I'd have said that if you'd asked me; it was him, not her, who did it himself.",
    "She can't and won't; they shan't. It is what it is. Do you? I do. Does he? He did.",
    "That that is is that that is not is not. Something, anyone, nobody: everybody knows.",
    "",
]


def _stock_and_table():
    import spacy

    from kg.nlp import default_model
    from kg.nlp.lemmas import speed_up_lemmatizer
    from kg.nlp.ruler import speed_up_attribute_ruler

    try:
        model = default_model()
        stock = spacy.load(model, exclude=["senter"])
        table = spacy.load(model, exclude=["senter"])
    except Exception as exc:  # noqa: BLE001 - any failure to load is "no model"
        need(False, f"no spaCy model: {exc}")
    assert speed_up_attribute_ruler(table), "the default pipeline's rules should all be supported"
    assert speed_up_lemmatizer(table), "the default pipeline's lemmatizer is spaCy's rule lemmatizer"
    return stock, table


def _tokens(doc):
    return [(t.text, t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def _texts():
    texts = list(TRICKY)
    texts += [p.read_text(encoding="utf-8") for p in sorted((EXAMPLES / "articles").glob("*.txt"))]
    carb = SHARED / "data" / "carb_dev" / "dev_sentences.txt"
    if carb.is_file():  # real text, when ../shared is beside the repo
        lines = carb.read_text(encoding="utf-8").splitlines()
        texts += [" ".join(lines[i : i + 20]) for i in range(0, len(lines), 20)]
    return texts


def test_table_ruler_gives_the_same_tokens_as_spacy():
    stock, table = _stock_and_table()
    texts = _texts()
    assert type(table.get_pipe("attribute_ruler")).__name__ == "TableAttributeRuler"
    assert type(table.get_pipe("lemmatizer")).__name__.startswith("Table")
    differing = []
    for a, b in zip(stock.pipe(texts), table.pipe(texts)):
        if _tokens(a) != _tokens(b):
            differing.append([(x, y) for x, y in zip(_tokens(a), _tokens(b)) if x != y][:3])
    assert not differing, differing[:3]


def test_table_ruler_applies_later_rules_over_earlier_ones():
    """A pattern-by-pattern check on a doc whose tags are set by hand: the rule order decides."""
    import spacy
    from spacy.tokens import Doc

    from kg.nlp.ruler import speed_up_attribute_ruler

    def build():
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
        ruler.add([[{"TAG": "NN", "LOWER": "nothing"}]], {"POS": "PRON", "MORPH": "PronType=Ind"})
        ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
        ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
        return nlp

    def run(nlp):
        doc = Doc(nlp.vocab, words=["Nothing", "gon", "na", "y'", "all", "book"], tags=["NN", "VB", "TO", "PRP", "DT", "NN"])
        doc = nlp(doc)
        return [(t.pos_, t.lemma_, str(t.morph)) for t in doc]

    stock, table = build(), build()
    assert speed_up_attribute_ruler(table)
    assert run(table) == run(stock)
    assert run(table)[0] == ("PRON", "", "PronType=Ind")
    assert run(table)[2][1] == "to" and run(table)[3][1] == "you"


def test_unsupported_rules_keep_spacys_component():
    import spacy

    from kg.nlp.ruler import speed_up_attribute_ruler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    assert speed_up_attribute_ruler(nlp) is False
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert nlp("a a b")[0].pos_ == "DET"


def test_kg_pipeline_uses_the_table_ruler(nlp):
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "TableAttributeRuler"
    assert type(nlp.get_pipe("lemmatizer")).__name__.startswith("Table")


def test_table_lemmatizer_keeps_set_lemmas_and_swaps_only_rule_mode():
    import spacy
    from spacy.tokens import Doc

    from kg.nlp.lemmas import speed_up_lemmatizer

    nlp = spacy.blank("en")
    lookup = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert speed_up_lemmatizer(nlp) is False and type(lookup).__name__ == "EnglishLemmatizer"
    stock, table = _stock_and_table()
    doc = Doc(table.vocab, words=["They", "were", "running"], pos=["PRON", "AUX", "VERB"], lemmas=["", "BE!", ""])
    stock_doc = Doc(stock.vocab, words=["They", "were", "running"], pos=["PRON", "AUX", "VERB"], lemmas=["", "BE!", ""])
    got = [t.lemma_ for t in table.get_pipe("lemmatizer")(doc)]
    assert got == [t.lemma_ for t in stock.get_pipe("lemmatizer")(stock_doc)]
    assert got[1] == "BE!" and got[2] == "run"
