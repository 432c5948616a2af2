"""Event dates: the DATE/TIME phrase of a predicate, resolved against the publication date.

:func:`date_of` finds the date or time entity that modifies a predicate and
:func:`resolve_date` turns its text into a calendar day, following the gold
guidelines (``benchmarks/gold/README.md`` §10):

- the phrase must hang from the predicate itself (directly, in a prepositional
  phrase such as "in a call last Friday", or as "early on Saturday"), not from
  a clause below it, nor from the verb a clause depends on: in "the Pentagon
  said on Sunday that the U.S. will send", Sunday dates the saying, not the
  sending. Exceptions: a fronted date covers the conjoined verbs after it
  ("On Monday, Meloni welcomed ... and praised ..."), a raising governor
  passes its date down ("is expected on Tuesday to approve"), a clause of
  simultaneity takes its governor's time ("shelled on Oct. 9 as Ukraine attacked",
  "On Friday, when X cancelled ..."), and a date between the subject and its
  verb dates the verb ("Poland Friday joined", parsed onto the subject);
- a weekday is the latest such day on or before the publication date for past
  and reported events, the nearest on or after it for planned and hypothetical
  ones ("last Friday": strictly before, "next Friday": strictly after);
  "yesterday", "today", "tomorrow";
- other phrases are parsed by ``dateparser`` with the publication date as
  ``RELATIVE_BASE`` (never today's date) and kept only when they name one day
  ("October 26" → that day of the publication year); "last week", "in March",
  "overnight" give no date;
- without a publication date only absolute dates with a year are resolved.

The result never depends on the day the code runs.

>>> import datetime as dt
>>> resolve_date("last Friday", dt.date(2024, 10, 14))
datetime.date(2024, 10, 11)
>>> resolve_date("Monday", dt.date(2024, 10, 14), future=True)
datetime.date(2024, 10, 14)
>>> resolve_date("in March", dt.date(2024, 10, 14)) is None
True
>>> resolve_date("October 26, 2024", None)
datetime.date(2024, 10, 26)
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import TYPE_CHECKING, Any

from kg.extract import lexicon as L

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["date_of", "date_range", "event_date", "resolve_date", "date_phrase"]

_PRUNE = frozenset({
    "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass", "nsubj",
    "nsubjpass", "dobj", "dative", "attr", "oprd", "appos", "cc", "mark",
})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_STRIP = frozenset({"on", "at", "in", "early", "late", "by", "the", "during", "of", "from", "this"})
_NEUTRAL_BASE = _dt.datetime(2000, 1, 1)
_BOUNDS = frozenset({"until", "till", "by", "since", "before", "after", "through", "from"})


def _date_tokens(verb: "Token", skip: "Token | None" = None) -> "list[Token]":
    """Date/time tokens in the predicate's own phrase (clauses and arguments pruned)."""
    found: list[Token] = []
    stack = [c for c in verb.children if c.dep_ not in _PRUNE and (skip is None or c.i != skip.i)]
    while stack:
        token = stack.pop()
        if token.dep_ == "prep" and token.lower_ in _BOUNDS:
            continue  # "postponed until Tuesday": a bound, not the day of the event
        if token.ent_type_ in _TIME_ENTS:
            found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("relcl", "acl", "ccomp", "advcl"))
    return found


def _entity(token: "Token") -> "Span":
    doc = token.doc
    start = token.i
    while start > 0 and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


_SIMULTANEOUS = frozenset({"as", "when", "while"})
_HABITUAL = frozenset({
    "routinely", "usually", "often", "always", "regularly", "frequently", "typically", "generally",
    "normally", "sometimes", "repeatedly", "habitually", "customarily",
})
_PLANNING = frozenset({"plan", "schedule", "slate"})


def _subject_date(verb: "Token") -> "list[Token]":
    """A date written between the subject and its verb ("Poland Friday joined"), parsed onto the subject."""
    return [
        t for s in verb.children if s.dep_ in ("nsubj", "nsubjpass")
        for t in s.children
        if t.dep_ in ("appos", "npadvmod") and t.ent_type_ in _TIME_ENTS and s.i < t.i < verb.i
    ]


def date_phrase(verb: "Token") -> "Span | None":
    """The DATE/TIME entity that dates the predicate ``verb``, else None."""
    tokens = _date_tokens(verb) or _subject_date(verb)
    head = verb
    for _ in range(4):  # fronted dates of the first conjunct; dates of a raising governor
        if tokens or head.head.i == head.i:
            break
        gov = head.head
        if head.dep_ == "conj":
            tokens = [t for t in _date_tokens(gov, skip=head) if t.i < gov.i]
        elif head.dep_ == "xcomp" and gov.lemma_.lower() in L.RAISING_GOVERNORS:
            tokens = _date_tokens(gov, skip=head)
        elif head.dep_ == "advcl" and any(c.lower_ in _SIMULTANEOUS and c.dep_ in ("mark", "advmod") for c in head.children):
            tokens = _date_tokens(gov, skip=head)  # "shelled on Oct. 9 as Ukraine attacked": the same time
        else:
            break
        head = gov
    if not tokens:
        return None
    nearest = min(tokens, key=lambda t: abs(t.i - verb.i))
    return _entity(nearest)


def _weekday(words: list[str], published: _dt.date, future: bool) -> _dt.date | None:
    days = [w for w in words if w in L.WEEKDAYS]
    if len(days) != 1:
        return None
    target = L.WEEKDAYS.index(days[0])
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if "last" in words or "past" in words:
        return published - _dt.timedelta(days=back or 7)
    if "next" in words or "coming" in words:
        return published + _dt.timedelta(days=ahead or 7)
    if future:
        return published + _dt.timedelta(days=ahead)
    return published - _dt.timedelta(days=back)


@functools.lru_cache(maxsize=256)
def _parser(base: _dt.datetime) -> Any:
    from dateparser.date import DateDataParser  # imported on first use: a heavy import

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "current_period",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )


_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})


def _explicit(words: list[str]) -> bool:
    """A month and a day number: "Monday, Nov. 2" names its day, whatever the weekday says."""
    return any(w in _MONTHS for w in words) and any(w.isdigit() and 1 <= int(w) <= 31 for w in words)


def _roll_year(day: _dt.date, published: _dt.date, future: bool, words: list[str]) -> _dt.date:
    """A month and day written without a year lie on the event's side of the publication date.

    A planned event on "Jan. 15" in a December article is next year's; a past event on
    "Dec. 20" in a January article is last year's. Only when the day is more than a month
    on the wrong side, so that a date a few days off (a late report) stays in its year.
    """
    if _YEAR.search(" ".join(words)):
        return day
    if future and (published - day).days > 31:
        return _replace_year(day, day.year + 1)
    if not future and (day - published).days > 31:
        return _replace_year(day, day.year - 1)
    return day


def _replace_year(day: _dt.date, year: int) -> _dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


@functools.lru_cache(maxsize=4096)  # pure; the same phrases are asked again for each verb of a sentence
def resolve_date(text: str, published: _dt.date | None, *, future: bool = False) -> _dt.date | None:
    """The calendar day a date phrase names, relative to ``published``, else None.

    Args:
        text: the phrase ("last Friday", "on Tuesday", "October 26", "yesterday").
        published: the publication date; without it only dates with a year resolve.
        future: True for planned or hypothetical events (a weekday on or after
            ``published``), False for past and reported ones (on or before).
    """
    words = [w for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))]
    while words and words[0] in _STRIP:
        words = words[1:]
    if not words:
        return None
    if published is not None:
        if len(words) == 1 and words[0] in _DAY_WORDS:
            return published + _dt.timedelta(days=_DAY_WORDS[words[0]])
        if _explicit(words):  # "Monday, Nov. 2": the written date, not the weekday's guess
            words = [w for w in words if w not in L.WEEKDAYS]
        elif any(w in L.WEEKDAYS for w in words):
            return _weekday(words, published, future)
    if any(w in L.VAGUE_DATES for w in words) and not re.search(r"\d", text) and "ago" not in words:
        return None
    if published is None and not _YEAR.search(text):
        return None
    base = _dt.datetime.combine(published, _dt.time(12)) if published else _NEUTRAL_BASE
    try:
        found = _parser(base).get_date_data(" ".join(words))
    except Exception:  # dateparser raises assorted errors on odd input; no date then
        return None
    if found is None or found.date_obj is None or found.period not in ("day", "time"):
        return None
    day = found.date_obj.date()
    return _roll_year(day, published, future, words) if published is not None and _explicit(words) else day


def _tense_future(verb: "Token", planned: bool) -> bool:
    """Which side of the publication date the event lies on, from the verb's tense first.

    A verb of planning looks ahead ("planned a rally on Saturday": the rally's day); a
    past-tense or perfect verb ("told", "had met") looks back whatever the modality says
    (a reported past event is no plan); "will"/"shall" looks ahead; otherwise the modality
    decides (planned and hypothetical events look ahead).
    """
    if verb.lemma_.lower() in _PLANNING:
        return True  # "planned a rally on Saturday": the date is the planned event's
    head = verb
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in L.RAISING_GOVERNORS:
        head = verb.head  # "was expected to sign": the governor carries the tense
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll") for a in auxes):
        return True
    if head.tag_ == "VBD" or any(a.lemma_.lower() == "have" for a in auxes) or any(a.tag_ == "VBD" for a in auxes):
        return planned and head is not verb  # "was scheduled to meet on Friday" still looks ahead
    if head.tag_ in ("VBZ", "VBP") and not auxes:
        return True  # "the ministers meet Monday": a present with a day is a schedule
    return planned


def event_date(
    verb: "Token", published: _dt.date | None, *, future: bool = False
) -> tuple[_dt.date | None, str | None]:
    """The event's date and where it comes from: ``(day, "text")``, ``(published, "published")`` or ``(None, None)``.

    A date phrase of the event is resolved (see the module docstring) and gives its day or
    nothing ("last week" names no day, and then the publication date would be a guess). With
    no time in the text, a past or present event that is not planned (``future`` false) takes
    the publication date, marked ``"published"`` so that it never passes for a stated date.
    """
    phrase = date_phrase(verb)
    if phrase is not None:
        day = resolve_date(phrase.text, published, future=_tense_future(verb, future))
        return (day, "text") if day is not None else (None, None)
    if published is not None and not future and _on_report_day(verb, published):
        return published, "published"
    return None, None


def _on_report_day(verb: "Token", published: _dt.date) -> bool:
    """Whether nothing in the sentence puts the event off the publication day.

    Not when the sentence names another time, one the parse did not tie to the verb
    ("the treaty, signed in 1949, created ..."; a phrase naming the publication day
    itself is no objection), nor for a pluperfect ("had been sent": before the time
    of the report), nor for a habit ("routinely audits", "often meets").
    """
    for ent in verb.sent.ents:
        if ent.label_ in _TIME_ENTS and resolve_date(ent.text, published) != published:
            return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("had", "'d") for a in auxes):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in verb.children):
        return False  # "routinely audits": a habit, no one day
    return True


_RANGE_SPLIT = re.compile(r"\s*(?:\band\b|\bto\b|\bthrough\b|\buntil\b|\btill\b|[-–—])\s*", re.I)
_RANGE_HEADS = frozenset({"between", "from"})


def date_range(verb: "Token", published: _dt.date | None, *, future: bool = False) -> tuple[_dt.date, _dt.date] | None:
    """The first and last day of a span that dates the event ("between March and May", "from June 2 to 6").

    The span hangs from the verb as "between X and Y" or "from X to Y". A month gives its
    first day as a start and its last as an end; a bare day number borrows the other
    side's month, a year written on either side holds for both. None when either side
    names no day or month, or the start would follow the end.
    """
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in _RANGE_HEADS:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or not (obj.ent_type_ in _TIME_ENTS or obj.lower_.rstrip(".") in _MONTHS):
            continue
        end = prep.right_edge.i
        nxt = verb.doc[end + 1] if end + 1 < len(verb.doc) else None
        if nxt is not None and nxt.head.i == verb.i and nxt.lower_ in ("to", "until", "till", "through"):
            end = nxt.right_edge.i  # "from March 3 | to May 5", both hung from the verb
        text = verb.doc[prep.i + 1:end + 1].text  # the parse, not the entity: NER cuts spans
        return _span(text, published, future)
    return None


def _span(text: str, published: _dt.date | None, future: bool) -> tuple[_dt.date, _dt.date] | None:
    body = re.sub(r"^\s*(?:between|from)\s+", "", text.strip(), flags=re.I)
    parts = [p for p in _RANGE_SPLIT.split(body, maxsplit=1) if p]
    if len(parts) != 2:
        return None
    year = _YEAR.search(parts[1]) or _YEAR.search(parts[0])
    left, right = [re.findall(r"[a-z0-9]+", p.lower()) for p in parts]
    if right and all(w.isdigit() and int(w) <= 31 for w in right):  # "June 2 to 6": the start's month
        right = [w for w in left if w in _MONTHS] + right
    bounds = []
    for words, end in ((left, False), (right, True)):
        if year and not _YEAR.search(" ".join(words)):
            words = words + [year.group(0)]
        bound = _month_bound(words, published, future, end) or _day_bound(words, published, future)
        if bound is None:
            return None
        bounds.append(bound)
    start, stop = bounds
    if start > stop and not year:  # "between December and February": the start is the year before
        start = _replace_year(start, start.year - 1)
    return (start, stop) if start <= stop else None


def _month_bound(words: list[str], published: _dt.date | None, future: bool, end: bool) -> _dt.date | None:
    months = [w for w in words if w in _MONTHS]
    if len(months) != 1 or any(w.isdigit() and int(w) <= 31 for w in words):
        return None
    years = [int(w) for w in words if _YEAR.fullmatch(w)]
    if not years and published is None:
        return None
    month = _MONTH_NUMBER[months[0][:3]]
    first = _dt.date(years[0] if years else published.year, month, 1)
    if not years:
        first = _roll_year(first, published, future, words) if not end else _roll_year(
            _last_day(first), published, future, words).replace(day=1)
    return _last_day(first) if end else first


def _day_bound(words: list[str], published: _dt.date | None, future: bool) -> _dt.date | None:
    if not _explicit(words):
        return None
    return resolve_date(" ".join(words), published, future=future)


def _last_day(first: _dt.date) -> _dt.date:
    nxt = first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)
    return nxt - _dt.timedelta(days=1)


_MONTH_NUMBER = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))}


def date_of(verb: "Token", published: _dt.date | None, *, future: bool = False) -> _dt.date | None:
    """The date the text states for the event headed by ``verb`` (see the module docstring), else None."""
    phrase = date_phrase(verb)
    if phrase is None:
        return None
    return resolve_date(phrase.text, published, future=_tense_future(verb, future))
