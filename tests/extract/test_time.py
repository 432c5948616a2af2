"""Event dates (kg.extract.time): phrases resolved against the publication date, then on real parses."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract import extract_relations
from kg.extract.time import resolve_date

MONDAY = dt.date(2024, 10, 14)
SATURDAY = dt.date(2024, 10, 19)


@pytest.mark.parametrize(
    "text, published, future, expected",
    [
        # a weekday of a past event: the latest such day on or before publication (same day counts)
        ("Friday", MONDAY, False, dt.date(2024, 10, 11)),
        ("on Monday", MONDAY, False, MONDAY),
        ("Sunday", MONDAY, False, dt.date(2024, 10, 13)),
        ("early Saturday", MONDAY, False, dt.date(2024, 10, 12)),
        ("Tuesday night", MONDAY, False, dt.date(2024, 10, 8)),
        # planned or hypothetical: the nearest on or after
        ("Wednesday", MONDAY, True, dt.date(2024, 10, 16)),
        ("Monday", MONDAY, True, MONDAY),
        # "last" strictly before, "next" strictly after
        ("last Friday", MONDAY, False, dt.date(2024, 10, 11)),
        ("last Saturday", SATURDAY, False, dt.date(2024, 10, 12)),
        ("next Monday", MONDAY, True, dt.date(2024, 10, 21)),
        ("yesterday", MONDAY, False, dt.date(2024, 10, 13)),
        ("today", MONDAY, False, MONDAY),
        ("tomorrow", MONDAY, True, dt.date(2024, 10, 15)),
        # explicit dates: the publication year unless written
        ("October 26", dt.date(2024, 11, 2), False, dt.date(2024, 10, 26)),
        ("on 26 October 2023", MONDAY, False, dt.date(2023, 10, 26)),
        ("two days ago", MONDAY, False, dt.date(2024, 10, 12)),
        # no calendar day: no date (gold §10)
        ("last week", MONDAY, False, None),
        ("next month", MONDAY, True, None),
        ("in March", MONDAY, False, None),
        ("March", MONDAY, False, None),
        ("this month", MONDAY, False, None),
        ("overnight", MONDAY, False, None),
        ("days", MONDAY, False, None),
        ("2024", MONDAY, False, None),
        ("", MONDAY, False, None),
    ],
)
def test_time_resolve_date(text, published, future, expected):
    assert resolve_date(text, published, future=future) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("October 26, 2024", dt.date(2024, 10, 26)),  # absolute: fine without a publication date
        ("last Friday", None),  # relative: never invented
        ("October 26", None),  # which year?
        ("yesterday", None),
    ],
)
def test_time_without_publication_date_only_absolute_dates(text, expected):
    assert resolve_date(text, None) == expected


def test_time_does_not_depend_on_today():
    assert resolve_date("last Friday", dt.date(1999, 12, 31)) == dt.date(1999, 12, 24)
    assert resolve_date("March 3", dt.date(1999, 12, 31)) == dt.date(1999, 3, 3)


# --------------------------------------------------------------------------- real parses


def _dates(nlp, text, published):
    found = extract_relations(nlp(text), doc_id="t", published=published)
    return {(r.subject.label, r.predicate, r.object.label): r.date for r in found}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, published, triple, expected",
    [
        ("France condemned Russia on Monday.", dt.date(2024, 10, 15), ("France", "condemn", "Russia"), dt.date(2024, 10, 14)),
        # a date in a prepositional phrase of the verb ("in a call last Friday")
        (
            "In a call last Friday, Jake Sullivan urged Ron Dermer to act.",
            MONDAY,
            ("Jake Sullivan", "urge", "Ron Dermer"),
            dt.date(2024, 10, 11),
        ),
        # a date of the reporting verb is not the event's (gold §10, matrix_date)
        (
            "The Pentagon said on Sunday that the U.S. will send 100 troops to Israel.",
            MONDAY,
            ("United States", "send to", "Israel"),
            None,
        ),
        (
            "Unite threatened on Monday to strike against Northmoor Steel.",
            MONDAY,
            ("Unite", "strike against", "Northmoor Steel"),
            None,
        ),
        # a planned event: the weekday on or after publication
        (
            "Blinken visited Israel on Tuesday and is scheduled to meet Netanyahu on Wednesday.",
            dt.date(2024, 10, 22),
            ("Blinken", "meet", "Netanyahu"),
            dt.date(2024, 10, 23),
        ),
        # a date in one conjunct is not copied to the other ...
        (
            "Kamala Harris met with Volodymyr Zelensky on Thursday, and she called on Congress to act.",
            dt.date(2024, 9, 27),
            ("Kamala Harris", "call on", "Congress"),
            None,
        ),
        # ... but a fronted date covers both
        (
            "On Monday, Giorgia Meloni welcomed Keir Starmer to Rome and praised him.",
            dt.date(2024, 9, 17),
            ("Giorgia Meloni", "praise", "Keir Starmer"),
            dt.date(2024, 9, 16),
        ),
        ("Israel struck Iran on October 26.", dt.date(2024, 11, 2), ("Israel", "strike", "Iran"), dt.date(2024, 10, 26)),
        ("Israel struck Iran last week.", MONDAY, ("Israel", "strike", "Iran"), None),
        ("Israel struck Iran on Saturday.", None, ("Israel", "strike", "Iran"), None),  # no publication date
    ],
)
def test_time_dates_on_relations(nlp, text, published, triple, expected):
    dates = _dates(nlp, text, published)
    assert triple in dates, dates
    assert dates[triple] == expected
