"""SYNTHETIC BBC-style news documents (headline, short paragraphs, attributions, quotes), made up here.

Deterministic for a given ``seed``: the same documents on every machine, so a graph
built from them can be compared before and after a change of the build
(:mod:`benchmarks.graph_dump`, ``tests/test_build_paths.py``). Leaders, countries
and organisations are real names; every sentence is made up from the templates below.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from kg.records import Document

__all__ = ["documents"]

_PEOPLE = [
    ("Prime Minister", "Anna Korvel", "Velandia"), ("President", "Tomas Reyder", "Ostmark"),
    ("Foreign Minister", "Lena Hart", "Brevia"), ("Chancellor", "Piet Vandross", "Norlund"),
    ("Defence Secretary", "Omar Sadiq", "Qaristan"), ("President", "Joe Biden", "United States"),
    ("Prime Minister", "Keir Starmer", "United Kingdom"), ("President", "Emmanuel Macron", "France"),
    ("Chancellor", "Olaf Scholz", "Germany"), ("President", "Xi Jinping", "China"),
    ("Interior Minister", "Jean-Paul Mercier", "Ostmark"), ("Envoy", "Ana-Maria Dorescu", "Brevia"),
]
"""Hyphenated names are written with or without the hyphen: two labels of one actor IRI (the first met wins)."""
_ORGS = ["the United Nations", "Nato", "the European Union", "the World Health Organization", "Hamas",
         "the Red Cross"]
_COUNTRIES = ["Israel", "Egypt", "Qatar", "Iran", "Russia", "Ukraine", "Japan", "India", "Brazil", "Turkey"]
_VERBS = [("met", ""), ("criticised", ""), ("urged", "to resume talks"), ("accused", "of violating the truce"),
          ("praised", ""), ("warned", "against further escalation"), ("visited", ""), ("condemned", ""),
          ("thanked", ""), ("called on", "to release the detainees")]
_WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend", "last week"]
_HEADS = ["in talks", "under pressure", "hits back", "warns"]


def documents(n: int = 300, *, seed: int = 18) -> Iterator[Document]:
    """``n`` made-up documents ``bbc-000``, ``bbc-001``, … with a headline, 2-5 paragraphs and a date.

    >>> docs = list(documents(2))
    >>> [d.id for d in docs], docs[0].text == list(documents(1))[0].text
    (['bbc-000', 'bbc-001'], True)
    """
    rnd = random.Random(seed)

    def actor() -> str:
        k = rnd.random()
        if k < 0.5:
            title, name, country = rnd.choice(_PEOPLE)
            if "-" in name and rnd.random() < 0.5:
                name = name.replace("-", " ")
            return f"{country}'s {title} {name}" if rnd.random() < 0.3 else f"{title} {name}"
        return rnd.choice(_ORGS) if k < 0.75 else rnd.choice(_COUNTRIES)

    def sentence() -> str:
        a, b = actor(), actor()
        while b == a:
            b = actor()
        verb, tail = rnd.choice(_VERBS)
        text = f"{a[0].upper()}{a[1:]} {verb} {b}{' ' + tail if tail else ''} {rnd.choice(_WHEN)}."
        r = rnd.random()
        if r < 0.15:
            text = text[:-1] + f", a spokesman for {rnd.choice(_ORGS)} said."
        elif r < 0.25:
            text = f'"We will not accept this," {actor()} told reporters. ' + text
        elif r < 0.32:
            text = text[:-1] + ", according to officials in " + rnd.choice(_COUNTRIES) + "."
        return text

    for i in range(n):
        head = f"{actor()} {rnd.choice(_HEADS)}"
        paragraphs = [" ".join(sentence() for _ in range(rnd.randint(1, 3))) for _ in range(rnd.randint(2, 5))]
        text = head[0].upper() + head[1:] + "\n\n" + "\n\n".join(paragraphs)
        yield Document(id=f"bbc-{i:03d}", text=text, published=dt.date(2024, 1 + i % 9, 1 + i % 28))
