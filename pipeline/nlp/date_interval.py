"""The date interval a date expression denotes (`DateMention`), and the calendar arithmetic on intervals."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from pipeline.nlp.date_words import MONTHS, SEASONS


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text, with the interval it denotes."""

    start: int
    end: int
    text: str
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str
    source: str  # explicit | inferred | publication | unresolved


class Anaphor(tuple):
    """A handler's answer for a date counted from the previous one: (unit, signed offset)."""


def month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def day(s: str) -> int:
    return int(re.sub(r"\D.*", "", s, flags=re.DOTALL))  # the leading digits ("21st" -> 21)


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def week_of(d: dt.date) -> tuple[dt.date, dt.date]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def shift_month(d: dt.date, months: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + months
    return dt.date(k // 12, k % 12 + 1, 1)


def season_interval(name: str, year: int) -> tuple[dt.date, dt.date]:
    first, last = SEASONS[name.lower()]
    if first > last:  # winter spans the turn of the year: winter 2020 = Dec 2020 - Feb 2021
        return dt.date(year, first, 1), month_end(year + 1, last)
    return dt.date(year, first, 1), month_end(year, last)


def offset_interval(d: dt.date, prec: str, unit: str, offset: int) -> tuple[dt.date, dt.date, str]:
    """The day, week (Monday to Sunday), month or year `offset` units from `d`."""
    if unit == "day":
        x = d + dt.timedelta(days=offset)
        return x, x, "day"
    if unit == "week":
        return week_of(d + dt.timedelta(weeks=offset)) + ("day",)
    if unit == "month":
        first = shift_month(d, offset)
        return first, month_end(first.year, first.month), "month"
    return dt.date(d.year + offset, 1, 1), dt.date(d.year + offset, 12, 31), "year"
