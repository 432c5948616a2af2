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
        # a written date beats its weekday (the weekday alone would give the Monday before publication)
        ("on Monday, Nov. 2", dt.date(2020, 11, 10), False, dt.date(2020, 11, 2)),
        ("Friday, Nov. 6", dt.date(2020, 11, 2), True, dt.date(2020, 11, 6)),
        # a month and day without a year lie on the event's side of the publication date
        ("Feb. 1", dt.date(2023, 12, 12), True, dt.date(2024, 2, 1)),  # planned: next year
        ("December 20", dt.date(2024, 1, 5), False, dt.date(2023, 12, 20)),  # past: last year
        ("Feb. 1", dt.date(2023, 12, 12), False, dt.date(2023, 2, 1)),  # past: this year
        ("December 20", dt.date(2024, 12, 15), False, dt.date(2024, 12, 20)),  # a few days off: same year
        ("Feb. 1, 2023", dt.date(2023, 12, 12), True, dt.date(2023, 2, 1)),  # a written year stands
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


def _sources(nlp, text, published):
    found = extract_relations(nlp(text), doc_id="t", published=published)
    return {(r.subject.label, r.predicate, r.object.label): (r.date, r.date_source) for r in found}


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


@pytest.mark.model
@pytest.mark.parametrize(
    "text, published, triple, expected",
    [
        # a written date beats the weekday before it
        ("Northwind Bank sued Castellan Foods on Monday, Nov. 2.", dt.date(2020, 11, 10),
         ("Northwind Bank", "sue", "Castellan Foods"), (dt.date(2020, 11, 2), "text")),
        # a planned succession on a month and day in December: next year
        ("Anna Berg will replace Tom Ruiz on Jan. 15.", dt.date(2023, 12, 12),
         ("Anna Berg", "replace", "Tom Ruiz"), (dt.date(2024, 1, 15), "text")),
        # a past-tense verb looks back, even in a reported clause
        ("Officials said Northwind Bank warned Castellan Foods on Tuesday.", MONDAY,
         ("Northwind Bank", "warn", "Castellan Foods"), (dt.date(2024, 10, 8), "text")),
        # a clause of simultaneity ("as", "when") takes the time of its main clause
        ("Russia shelled Kharkiv on Oct. 9 as Ukraine attacked Belgorod.", MONDAY,
         ("Ukraine", "attack", "Belgorod"), (dt.date(2024, 10, 9), "text")),
        # a weekday between the subject and the verb dates the verb
        ("Norway and Denmark Thursday formally recognised Palestine.", MONDAY,
         ("Norway", "recognise", "Palestine"), (dt.date(2024, 10, 10), "text")),
        # a bare present with a weekday is a schedule: the next such day
        ("Germany meets France on Thursday.", MONDAY, ("Germany", "meet", "France"), (dt.date(2024, 10, 17), "text")),
        # "until" bounds the event, it does not date it; and a named time blocks the fallback
        ("France blocked Russia until Tuesday.", MONDAY, ("France", "block", "Russia"), (None, None)),
        # no time in the text: the publication date, said so
        ("France condemned Russia.", MONDAY, ("France", "condemn", "Russia"), (MONDAY, "published")),
        # ... but not for a plan, a pluperfect, or when the sentence names another time
        ("France will condemn Russia.", MONDAY, ("France", "condemn", "Russia"), (None, None)),
        ("France had condemned Russia.", MONDAY, ("France", "condemn", "Russia"), (None, None)),
        ("The ministry routinely audits Northwind Bank.", MONDAY, ("ministry", "audit", "Northwind Bank"), (None, None)),
        # a verb of planning dates the planned event: ahead
        ("Greenpeace planned a protest with Oxfam on Saturday.", MONDAY,
         ("Greenpeace", "plan protest with", "Oxfam"), (dt.date(2024, 10, 19), "text")),
        ("In 1999, France condemned Russia.", MONDAY, ("France", "condemn", "Russia"), (None, None)),
        # a time naming the publication day itself is no objection
        ("France condemned Russia, which had shelled Kyiv today.", MONDAY, ("France", "condemn", "Russia"),
         (MONDAY, "published")),
        ("France condemned Russia.", None, ("France", "condemn", "Russia"), (None, None)),  # no publication date
    ],
)
def test_time_date_source(nlp, text, published, triple, expected):
    found = _sources(nlp, text, published)
    assert triple in found, found
    assert found[triple] == expected


def _spans(nlp, text, published):
    found = extract_relations(nlp(text), doc_id="t", published=published)
    return {(r.subject.label, r.predicate, r.object.label): (r.date, r.date_source, r.date_start, r.date_end) for r in found}


@pytest.mark.model
@pytest.mark.parametrize(
    "text, published, triple, start, end",
    [
        # months: first day of the first, last day of the last
        ("Northwind Bank sued Castellan Foods between March and May.", MONDAY,
         ("Northwind Bank", "sue", "Castellan Foods"), dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
        # the start month after the end month: the year before
        ("Russia shelled Ukraine between December and February.", dt.date(2024, 3, 1),
         ("Russia", "shell", "Ukraine"), dt.date(2023, 12, 1), dt.date(2024, 2, 29)),
        # "from ... to", each side hung from the verb
        ("Germany shelled Ukraine from March 3 to May 5.", MONDAY,
         ("Germany", "shell", "Ukraine"), dt.date(2024, 3, 3), dt.date(2024, 5, 5)),
        # a bare day borrows the start's month; a planned span after publication
        ("France will host Italy from June 2 to 6.", MONDAY, ("France", "host", "Italy"),
         dt.date(2025, 6, 2), dt.date(2025, 6, 6)),
        # a year on one side holds for both
        ("France hosted Italy from June 2 to June 6, 2021.", MONDAY, ("France", "host", "Italy"),
         dt.date(2021, 6, 2), dt.date(2021, 6, 6)),
    ],
)
def test_time_ranges_give_a_start_and_an_end(nlp, text, published, triple, start, end):
    found = _spans(nlp, text, published)
    assert triple in found, found
    assert found[triple] == (None, "text", start, end)


def test_time_a_span_is_ordered_and_needs_both_ends():
    from kg.records import ActorType, Mention, Provenance, Relation

    a = Mention("France", "France", ActorType.COUNTRY, 0, 6)
    b = Mention("Italy", "Italy", ActorType.COUNTRY, 13, 18)
    p = Provenance("t", "France hosted Italy.", 0, 20)
    ok = Relation(a, "host", b, p, date_start=dt.date(2024, 3, 1), date_end=dt.date(2024, 5, 31))
    assert ok.date_source == "text" and ok.date is None
    with pytest.raises(ValueError):
        Relation(a, "host", b, p, date_start=dt.date(2024, 3, 1))
    with pytest.raises(ValueError):
        Relation(a, "host", b, p, date_start=dt.date(2024, 5, 1), date_end=dt.date(2024, 3, 1))
    with pytest.raises(ValueError):
        Relation(a, "host", b, p, date=dt.date(2024, 3, 1), date_start=dt.date(2024, 3, 1), date_end=dt.date(2024, 5, 1))
