"""Dates relative to the publication or to the previous date: "yesterday", "last week", "on Sunday",
"in the spring", "two days ago", "the following day" (counted once every date of the text is found)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from pipeline.nlp.date_interval import Anaphor, DateMention, month_end, offset_interval, season_interval, \
    shift_month, week_of
from pipeline.nlp.date_words import AGO_WORDS, ANAPHOR_OFFSETS, COUNT_DIRECTIONS, DAY_WORDS, NAMED_DAY, NOW_WORDS, NUM, \
    NUMBER_WORDS, PERIOD_SHIFTS, RECENT_WORDS, WEEKDAY_MODIFIERS, WEEKDAYS

_PARTS_OF_TODAY = ("morning", "afternoon", "evening")  # "this morning": the publication day
_UNIT = {"day": "day", "morning": "day", "afternoon": "day", "evening": "day", "night": "day", "week": "week",
         "month": "month", "year": "year"}
_PRECISION_OF_UNIT = {"day": "day", "week": "day", "month": "month", "year": "year"}
# What an anchor must be precise to for each unit: "the next day" needs a day, "the following year" a year.
_ANCHOR_PRECISIONS = {"day": ("day",), "week": ("day",), "month": ("day", "month"),
                      "year": ("day", "month", "season", "year")}
_COUNT_BEFORE = re.compile(rf"\b({NUM})\s+$", re.IGNORECASE)
_NAMED_DAY_WINDOW = 10  # characters before a weekday in which "Good", "Super"... are looked for
_COUNT_WINDOW = 10  # characters before "days later" in which its count is looked for


def _unresolved(word: str):
    prec = "year" if "year" in word else "month" if "month" in word else "day"
    return None, None, prec, "unresolved"


def relative(m, ctx):
    """Yesterday, today, this morning, last/this/next week, weekend, month or year, later this year, recently."""
    p = ctx.published
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if p is None:
        return _unresolved(word)
    if word in RECENT_WORDS:
        return None, p, "unknown", "publication"
    lead = word.split(" ", 1)[0]
    if word in DAY_WORDS or lead in NOW_WORDS and word.endswith(_PARTS_OF_TODAY):
        d = p + dt.timedelta(days=DAY_WORDS.get(word, 0))
        return d, d, "day", "inferred"
    shift = PERIOD_SHIFTS.get(lead, 0)  # "later this year": this year
    if word.endswith("year"):  # "later this year" too: the whole year, as the gold convention says
        y = p.year + shift
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "inferred"
    if word.endswith("month"):
        first = shift_month(p, shift)
        return first, month_end(first.year, first.month), "month", "inferred"
    if word.endswith("weekend"):
        saturday = week_of(p)[0] + dt.timedelta(weeks=shift, days=5)
        return saturday, saturday + dt.timedelta(days=1), "day", "inferred"
    if word.endswith("week"):
        monday, sunday = week_of(p + dt.timedelta(weeks=shift))
        return monday, sunday, "day", "inferred"
    return None


def _resolve_weekday(target: int, modifier: str, published: dt.date, tense: str | None) -> dt.date:
    way = WEEKDAY_MODIFIERS.get(modifier, 0)
    if way < 0:
        return published - dt.timedelta(days=(published.weekday() - target) % 7 or 7)
    if way > 0:
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if tense == "future":  # the first such day on or after publication
        return published + dt.timedelta(days=(target - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)  # on or before publication


def weekday(m, ctx):
    """Sunday, on Sunday, last Sunday, next Friday, this coming Monday: the way its tense goes."""
    s = m.start("w")
    if NAMED_DAY.search(m.string, max(0, s - _NAMED_DAY_WINDOW), s):
        return None  # "Good Friday", "Super Tuesday": a named day, not a date
    p = ctx.published
    if p is None:
        return None, None, "day", "unresolved"
    modifier = re.sub(r"\s+", " ", (m.groupdict().get("mod") or "").lower())
    tense = None if WEEKDAY_MODIFIERS.get(modifier, 0) else ctx.tense_at(m.start(), m.end())
    d = _resolve_weekday(WEEKDAYS[m["w"].lower()], modifier, p, tense)
    return d, d, "day", "inferred"


def bare_season(m, ctx):
    """In the spring: the publication year's."""
    p = ctx.published
    if p is None:
        return None, None, "season", "unresolved"
    a, b = season_interval(m["s"], p.year)
    return a, b, "season", "inferred"


def anaphor(m, ctx):
    """The following day, that day, two days later, a week earlier: counted from the previous date (an
    `Anaphor`); three days ago: counted from the publication date. A fifth value says where a count read
    back from the unit starts the expression."""
    unit = _UNIT[m["u"].lower().rstrip("s")]
    start = m.start()
    if m.groupdict().get("dir") is None:
        offset = ANAPHOR_OFFSETS[m["same"].lower()] if m["same"] else 0  # "that (same) day": the same one
        return None, None, _PRECISION_OF_UNIT[unit], Anaphor((unit, offset)), start
    n = _COUNT_BEFORE.search(m.string, max(0, start - _COUNT_WINDOW), start)
    if n is None:
        return None  # "days later" with no count: no one date
    start = n.start()
    count = int(n[1]) if n[1].isdigit() else NUMBER_WORDS[n[1].lower()]
    if m["dir"].lower() in AGO_WORDS:  # "two days ago" counts from the publication date
        p = ctx.published
        if p is None:
            return None, None, _PRECISION_OF_UNIT[unit], "unresolved", start
        return offset_interval(p, "day", unit, -count) + ("inferred", start)
    offset = count * COUNT_DIRECTIONS[m["dir"].lower()]
    return None, None, _PRECISION_OF_UNIT[unit], Anaphor((unit, offset)), start


def _counted(dm: DateMention, anchor: DateMention | None, unit: str, offset: int) -> DateMention:
    if anchor is None or anchor.date_start is None or anchor.date_end is None:
        return replace(dm, source="unresolved")
    # counting forward starts from the anchor's last day, backward from its first
    base = anchor.date_end if offset > 0 else anchor.date_start
    if unit == "day" and offset == 0 and anchor.date_start != anchor.date_end:
        a, b, prec = anchor.date_start, anchor.date_end, anchor.precision
    else:
        a, b, prec = offset_interval(base, anchor.precision, unit, offset)
    return replace(dm, date_start=a, date_end=b, precision=prec, source="inferred")


def resolve_anaphors(out: list[DateMention], anaphors: dict[int, tuple[str, int]]) -> list[DateMention]:
    """Count "the following day", "two days later"... from the previous date precise enough."""
    resolved: list[DateMention] = []
    for dm in out:
        rel = anaphors.get(dm.start)
        if rel is not None:
            unit, offset = rel
            wanted = _ANCHOR_PRECISIONS[unit]
            anchor = next((a for a in reversed(resolved) if a.date_start and a.date_end and a.precision in wanted),
                          None)
            dm = _counted(dm, anchor, unit, offset)
        resolved.append(dm)
    return resolved
