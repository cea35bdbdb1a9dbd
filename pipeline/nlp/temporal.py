"""Find date expressions in text and normalise each to an interval with a precision.

Conventions (the reasons are in the README, "Dates"):
- Relative expressions ("yesterday", "last week", "on Sunday") are resolved against the publication
  date; without one they are kept, unresolved.
- A weekday goes the way its clause's tense says: "will travel on Sunday" is the Sunday on or after
  publication, "met on Sunday" the one on or before it. The tense comes from the caller (`tense`), or
  from small cue lists around the date; with no cue at all the past is taken (news reports what
  happened). "last Sunday" / "next Sunday" are always before / after the publication day.
- "the following day", "two days later", "on the same day" count from the previous date in the text
  that is precise enough; with none, they stay unresolved.
- Numeric dates follow the outlet's order when the caller knows it (`numeric_order`), else the order
  shown by an unambiguous numeric date in the same text; dotted dates are day-first; a slashed date
  whose day and month cannot be told apart is kept at year precision, never guessed.
- "early/mid/late March" keep the whole month (as "early 2021" keeps the whole year).

The parts: the words (`date_words`, from pipeline/rules/dates.yaml), the patterns (`date_patterns`) and
their readers (`explicit_dates`, `numeric_dates`, `relative_dates`), the interval type and calendar
arithmetic (`date_interval`), the tense cues (`tense`). This module finds, ranks and completes the matches.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace

from pipeline.nlp.date_context import DateContext
from pipeline.nlp.date_interval import Anaphor, DateMention, month_end
from pipeline.nlp.date_patterns import COMPILED
from pipeline.nlp.date_words import BETWEEN, WEEKDAY, WEEKDAYS
from pipeline.nlp.numeric_dates import NUMERIC_ORDERS, numeric_order_of
from pipeline.nlp.relative_dates import resolve_anaphors
from pipeline.nlp.tense import tense_of

__all__ = ["NUMERIC_ORDERS", "TENSES", "DateMention", "find_dates", "numeric_order_of", "tense_of", "with_tense"]

TENSES = ("past", "future")
_WEEKDAY_BEFORE = re.compile(rf"{WEEKDAY},?\s+(?:the\s+)?$")
_BETWEEN_WINDOW = 30  # characters before a range joined by "and" in which "between" is looked for
_WEEKDAY_GAP = 6  # characters at most between a weekday and the date it names ("Tuesday, 21 June")

# (start, minus length, pattern's rank, mention): the order in which overlapping matches are kept
_Found = tuple[int, int, int, DateMention]


def find_dates(text: str, published: dt.date | None = None, *, tense: str | None = None,
               numeric_order: str | None = None) -> list[DateMention]:
    """All date expressions in `text`, left to right, without overlaps (longest wins).

    `tense` ("past" / "future") says which way a bare weekday goes, for every weekday in `text` (pass it
    with a clause whose verb you know); None infers it per date from the words around it.
    `numeric_order` ("dmy" / "mdy") is the outlet's order for numeric dates; None lets the text tell.
    """
    if tense not in (None, *TENSES):
        raise ValueError(f"tense must be one of {TENSES} or None, not {tense!r}")
    if numeric_order not in (None, *NUMERIC_ORDERS):
        raise ValueError(f"numeric_order must be one of {NUMERIC_ORDERS} or None, not {numeric_order!r}")
    ctx = DateContext(text, published, tense, numeric_order)
    found: list[_Found] = []
    anaphors: dict[int, tuple[str, int]] = {}
    for prio, (rx, reader) in enumerate(COMPILED):
        for m in rx.finditer(text):
            try:
                res = reader(m, ctx)
            except (ValueError, KeyError, IndexError, OverflowError):
                res = None
            if res is not None:
                found.extend(_mentions(m, text, res, prio, anaphors))
    out = _without_overlaps(found)
    out = _absorb_weekdays(text, out, anaphors)
    if anaphors:
        out = resolve_anaphors(out, anaphors)
    return out


def _mentions(m: re.Match, text: str, res: tuple, prio: int, anaphors: dict[int, tuple[str, int]]) -> list[_Found]:
    """The mention(s) of one match read as `res`; a date counted from the previous one goes in `anaphors`."""
    a, b, prec, source = res[:4]
    s, e = m.span("x") if "x" in m.groupdict() else m.span()
    if _is_list(m, text) and not (prec == "day" and a is not None and b is not None and (b - a).days == 1):
        return _list_items(m, text, a, b, prec, source, prio)
    if len(res) == 5:  # the reader found where the expression starts (a count read backwards)
        s = res[4]
    if isinstance(source, Anaphor):
        anaphors[s] = tuple(source)
        source = "unresolved"
    return [(s, -(e - s), prio, DateMention(s, e, text[s:e], a, b, prec, source))]


def _without_overlaps(found: list[_Found]) -> list[DateMention]:
    """Longest first, then earliest pattern, so "13-14 January 2021" beats "14 January 2021"; text order."""
    out: list[DateMention] = []
    starts: list[int] = []  # the kept spans, which never overlap, by start: a new span can only overlap
    ends: list[int] = []    # the kept span that starts last at or before it, or the first one after
    for s, neg_len, prio, dm in sorted(found, key=lambda t: (t[1], t[2], t[0])):
        i = bisect.bisect_right(starts, s)
        if (i and ends[i - 1] > s) or (i < len(starts) and starts[i] < dm.end):
            continue
        starts.insert(i, s)
        ends.insert(i, dm.end)
        out.append(dm)
    out.sort(key=lambda d: d.start)
    return out


def _is_list(m: re.Match, text: str) -> bool:
    """"in 2004 and 2011", "on 3 and 5 May": two dates, not a range (unlike "between 2004 and 2011"; the
    caller keeps "on 3 and 4 May", two days in a row, as the one stretch it is)."""
    r = m.groupdict().get("r")
    return r is not None and r.strip().lower() == "and" and not BETWEEN.search(
        text, max(0, m.start() - _BETWEEN_WINDOW), m.start())


def _list_items(m: re.Match, text: str, a: dt.date | None, b: dt.date | None, prec: str, source: str,
                prio: int) -> list[_Found]:
    """The two dates of a range pattern read as a list: the first ends with its own day, month or year, the
    second starts with its own. Each competes with the other patterns' matches on its own length ("July 1
    2014" beats the list's "2014")."""
    first, last = (a, a), (b, b)
    if a is not None and b is not None and prec == "month":
        first, last = (a, month_end(a.year, a.month)), (dt.date(b.year, b.month, 1), b)
    elif a is not None and b is not None and prec == "year":
        first, last = (a, dt.date(a.year, 12, 31)), (dt.date(b.year, 1, 1), b)
    s, e = m.span()
    rs, re_ = m.span("r")
    return [(s, s - rs, prio, DateMention(s, rs, text[s:rs], *first, prec, source)),
            (re_, re_ - e, prio, DateMention(re_, e, text[re_:e], *last, prec, source))]


def _absorb_weekdays(text: str, out: list[DateMention], anaphors: dict) -> list[DateMention]:
    """"Tuesday, 21 June 2011": the weekday belongs to the date after it, not a date of its own."""
    keep: list[DateMention] = []
    for dm in out:
        if keep and dm.precision == "day" and dm.start not in anaphors and _names_weekday_of(text, keep[-1], dm):
            prev = keep.pop()
            dm = replace(dm, start=prev.start, text=text[prev.start:dm.end])
        keep.append(dm)
    return keep


def _names_weekday_of(text: str, prev: DateMention, dm: DateMention) -> bool:
    """`prev` is a capitalised weekday just before `dm` ("Tuesday, the 21st")."""
    return prev.end <= dm.start and dm.start - prev.end <= _WEEKDAY_GAP and prev.text[:1].isupper() \
        and prev.text.split()[-1].lower() in WEEKDAYS and _WEEKDAY_BEFORE.search(text, prev.start, dm.start) is not None


def with_tense(mention: DateMention, published: dt.date | None, tense: str | None) -> DateMention:
    """The same mention resolved again with a tense the caller knows better (for example from the
    parse of its governing verb). Only weekdays depend on tense; other mentions come back unchanged."""
    words = mention.text.split()
    if published is None or not words or words[-1].lower() not in WEEKDAYS:
        return mention
    again = find_dates(mention.text, published, tense=tense)
    if len(again) != 1:
        return mention
    return replace(mention, date_start=again[0].date_start, date_end=again[0].date_end)
