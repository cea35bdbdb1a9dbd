"""Find date expressions in text and normalise each to an interval with a precision."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Meteorological seasons, northern hemisphere: (first month, last month, year offset of last).
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
PRECISION_RANK = {"day": 0, "month": 1, "season": 2, "year": 3, "decade": 4, "unknown": 5}

_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[6-9]\d\d|20\d\d)"
_DASH = r"\s*[-\u2010-\u2015]\s*"
_RANGE = rf"(?:{_DASH}|\s+(?:to|and|until|till|through)\s+)"
_MONTH_INITIALS = "JFMASOND"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_END = r"(?![\w])"  # not followed by a letter or digit


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

    def shifted(self, offset: int) -> DateMention:
        return DateMention(self.start + offset, self.end + offset, self.text, self.date_start,
                           self.date_end, self.precision, self.source)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.sub(r"\D.*", "", s, flags=re.DOTALL))  # the leading digits ("21st" -> 21)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


class _Ctx:
    """Year completion from the publication date."""

    def __init__(self, published: dt.date | None):
        self.published = published

    def year(self, y: str | None) -> tuple[int | None, str]:
        if y:
            return int(y), "explicit"
        if self.published:
            return self.published.year, "inferred"
        return None, "unresolved"


def _days(ctx, d1, m1, d2, m2, y):
    year, source = ctx.year(y)
    if year is None:
        return None, None, "day", source
    m1n, m2n = _month(m1), _month(m2)
    y1 = year - 1 if m2n < m1n else year  # "30 December - 2 January 2021"
    a, b = _safe_date(y1, m1n, _day(d1)), _safe_date(year, m2n, _day(d2))
    if a is None or b is None or a > b:
        return None
    return a, b, "day", source


def _h_dmy_range_cross(m, ctx):
    return _days(ctx, m["d1"], m["m1"], m["d2"], m["m2"], m["y"])


def _h_dmy_range(m, ctx):
    return _days(ctx, m["d1"], m["m"], m["d2"], m["m"], m["y"])


def _h_day(m, ctx):
    return _days(ctx, m["d"], m["m"], m["d"], m["m"], m["y"])


def _h_numeric(m, ctx):
    y, mo = int(m["y"]), int(m["mo"])
    d1 = int(m["d1"]) if m["d1"] else int(m["d"])
    d2 = int(m["d"])
    a, b = _safe_date(y, mo, d1), _safe_date(y, mo, d2)
    if a is None or b is None or a > b:
        return None
    return a, b, "day", "explicit"


def _h_iso(m, ctx):
    a = _safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (a, a, "day", "explicit") if a else None


def _h_month_range(m, ctx):
    year, source = ctx.year(m["y"])
    if year is None:
        return None, None, "month", source
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    if m1 > m2:
        return None
    return dt.date(year, m1, 1), _month_end(year, m2), "month", source


def _h_month(m, ctx):
    year, source = ctx.year(m.groupdict().get("y"))
    if year is None:
        return None, None, "month", source
    mo = _month(m["m"])
    return dt.date(year, mo, 1), _month_end(year, mo), "month", source


def _season_interval(name: str, year: int):
    first, last = SEASONS[name.lower()]
    if first > last:  # winter spans the turn of the year: winter 2020 = Dec 2020 - Feb 2021
        return dt.date(year, first, 1), _month_end(year + 1, last)
    return dt.date(year, first, 1), _month_end(year, last)


def _h_season(m, ctx):
    year, source = ctx.year(m["y"])
    if year is None:
        return None, None, "season", source
    a, b = _season_interval(m["s"], year)
    return a, b, "season", source


def _h_part_year(m, ctx):
    y = int(m["y"])
    part = (m["p"] or "").lower().replace("-", " ").strip()
    halves = {"first half": (1, 6), "second half": (7, 12)}
    quarters = {"first quarter": (1, 3), "second quarter": (4, 6), "third quarter": (7, 9),
                "fourth quarter": (10, 12), "last quarter": (10, 12)}
    for table in (halves, quarters):
        for k, (a, b) in table.items():
            if k in part:
                return dt.date(y, a, 1), _month_end(y, b), "month", "explicit"
    # "early 2021", "mid-2018", "late 2019": the text does not say which months; keep the year.
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit"


def _h_decade(m, ctx):
    y = int(m["y"])
    return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade", "explicit"


def _h_year_range(m, ctx):
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y1 >= y2:
        return None
    return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", "explicit"


def _h_year(m, ctx):
    y = int(m["y"])
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit"


def _h_relative(m, ctx):
    p = ctx.published
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if p is None:
        prec = "year" if "year" in word else "month" if "month" in word else "day"
        return None, None, prec, "unresolved"
    if word == "recently":
        return None, p, "unknown", "publication"
    if word in ("yesterday", "today", "tomorrow"):
        d = p + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[word])
        return d, d, "day", "inferred"
    shift = -1 if word.startswith("last") else 1 if word.startswith("next") else 0
    if word.endswith("year"):  # "later this year" too: the whole year, as the gold convention says
        y = p.year + shift
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "inferred"
    if word.endswith("month"):
        first = dt.date(p.year, p.month, 1)
        if shift < 0:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        elif shift > 0:
            first = (first + dt.timedelta(days=32)).replace(day=1)
        return first, _month_end(first.year, first.month), "month", "inferred"
    if word.endswith("week"):
        monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6), "day", "inferred"
    return None


def _h_weekday(m, ctx):
    p = ctx.published
    if p is None:
        return None, None, "day", "unresolved"
    target = WEEKDAYS[m["w"].lower()]
    back = (p.weekday() - target) % 7  # the most recent such day, publication day included
    d = p - dt.timedelta(days=back)
    return d, d, "day", "inferred"


def _h_bare_season(m, ctx):
    p = ctx.published
    if p is None:
        return None, None, "season", "unresolved"
    a, b = _season_interval(m["s"], p.year)
    return a, b, "season", "inferred"


def _h_cross_year(m, ctx):
    a = _safe_date(int(m["y1"]), _month(m["m1"]), _day(m["d1"]))
    b = _safe_date(int(m["y2"]), _month(m["m2"]), _day(m["d2"]))
    if a is None or b is None or a > b:
        return None
    return a, b, "day", "explicit"


# (pattern, handler, the characters a match can start with). The last, as a lookahead, lets the regex
# engine skip to those characters instead of trying the pattern at every position: twice as fast.
_PATTERNS: list[tuple[str, Callable[..., tuple | None], str]] = [
    # 30 December 2020 - 2 January 2021 / December 30, 2020 - January 2, 2021
    (rf"\b(?P<d1>{_D})\s+(?P<m1>{_M}),?\s+(?P<y1>{_Y}){_RANGE}(?P<d2>{_D})\s+(?P<m2>{_M}),?\s+(?P<y2>{_Y}){_END}",
     _h_cross_year, r"\d"),
    (rf"\b(?P<m1>{_M})\s+(?P<d1>{_D}),?\s+(?P<y1>{_Y}){_RANGE}(?P<m2>{_M})\s+(?P<d2>{_D}),?\s+(?P<y2>{_Y}){_END}",
     _h_cross_year, _MONTH_INITIALS),
    # 28 February - 1 March 2017 / from 28 February to 1 March 2017
    (rf"\b(?P<d1>{_D})\s+(?P<m1>{_M}){_RANGE}(?P<d2>{_D})\s+(?P<m2>{_M})(?:,?\s+(?P<y>{_Y}))?{_END}",
     _h_dmy_range_cross, r"\d"),
    # February 28 - March 1, 2017 / November 30 December 1, 2017 (dash missing)
    (rf"\b(?P<m1>{_M})\s+(?P<d1>{_D})(?:{_RANGE}|,?\s+)(?P<m2>{_M})\s+(?P<d2>{_D})(?:,?\s+(?P<y>{_Y}))?{_END}",
     _h_dmy_range_cross, _MONTH_INITIALS),
    # 13-14 January 2021 / between 3 and 5 April / from 19 to 20 February 2020
    (rf"\b(?P<d1>{_D}){_RANGE}(?P<d2>{_D})\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?{_END}", _h_dmy_range, r"\d"),
    # October 25-26, 2019
    (rf"\b(?P<m>{_M})\s+(?P<d1>{_D}){_RANGE}(?P<d2>{_D})(?:,?\s+(?P<y>{_Y}))?{_END}", _h_dmy_range, _MONTH_INITIALS),
    # 15-16.07.2021, 14.05.2019, 14/05/2019
    (r"\b(?:(?P<d1>[0-3]?\d)\s*[-\u2013]\s*)?(?P<d>[0-3]?\d)[./](?P<mo>[01]?\d)[./](?P<y>(?:1[6-9]|20)\d\d)\b",
     _h_numeric, r"\d"),
    (r"\b(?P<y>(?:1[6-9]|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b", _h_iso, r"\d"),
    # 26 December 1991 / 10 May
    (rf"\b(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?{_END}", _h_day, r"\d"),
    # June 9, 1992 / June 9
    (rf"\b(?P<m>{_M})\s+(?P<d>{_D})(?!\d)(?:,?\s+(?P<y>{_Y}))?{_END}", _h_day, _MONTH_INITIALS),
    # January-September 2023
    (rf"\b(?P<m1>{_M}){_RANGE}(?P<m2>{_M}),?\s+(?P<y>{_Y}){_END}", _h_month_range, _MONTH_INITIALS),
    # October 2020
    (rf"\b(?P<m>{_M}),?\s+(?P<y>{_Y}){_END}", _h_month, _MONTH_INITIALS),
    # the fall of 1995 / spring 2010
    (rf"\b(?:the\s+)?(?P<s>{_SEASON})\s+(?:of\s+)?(?P<y>{_Y}){_END}", _h_season, r"tsaufw"),
    # the first half of 2023 / early 2021 / mid-2018
    (rf"\b(?P<p>(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of|early|mid|late|"
     rf"the\s+(?:beginning|start|middle|end)\s+of)[\s-]*(?P<y>{_Y}){_END}", _h_part_year, r"tfslem"),
    # the 1990s
    (r"\b(?:the\s+)?(?P<y>(?:1[6-9]|20)\d0)'?s\b", _h_decade, r"t\d"),
    # 2023-2025 / from 2019 to 2021
    (rf"\b(?P<y1>{_Y}){_RANGE}(?P<y2>{_Y}){_END}", _h_year_range, r"\d"),
    # year-less month after a preposition: "in March" (a bare "May" is too often the verb)
    (rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|until|[Dd]uring|[Ff]rom|[Ee]arly|[Ll]ate|mid-?)\s*(?P<x>(?P<m>{_M})){_END}(?!\s+\d)",
     _h_month, r"IiSsBbuDdFfEeLlm"),
    (r"\b(?:later|earlier)\s+this\s+year\b", _h_relative, r"LlEe"),
    (r"\b(?:last|this|next)\s+(?:year|month|week)\b|\b(?:yesterday|today|tomorrow|recently)\b",
     _h_relative, r"LlTtNnYyRr"),
    (rf"\b[Oo]n\s+(?P<x>(?P<w>{_WEEKDAY})){_END}", _h_weekday, r"Oo"),
    (rf"\b[Ii]n\s+(?P<x>the\s+(?P<s>{_SEASON})){_END}(?!\s+(?:of\s+)?\d)", _h_bare_season, r"Ii"),
    # a bare year, not inside a longer number ("1,814", "2021-22")
    (rf"(?<![\d,.$€£])\b(?P<y>{_Y})\b(?![,.]?\d)", _h_year, r"\d"),
]
_COMPILED = [(re.compile(rf"(?=[{first}]){p}", re.IGNORECASE if h in (_h_relative,) else 0), h)
             for p, h, first in _PATTERNS]


def find_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """All date expressions in `text`, left to right, without overlaps (longest wins)."""
    ctx = _Ctx(published)
    found: list[tuple[int, int, int, DateMention]] = []
    for prio, (rx, handler) in enumerate(_COMPILED):
        for m in rx.finditer(text):
            try:
                res = handler(m, ctx)
            except (ValueError, KeyError, IndexError, OverflowError):
                res = None
            if res is None:
                continue
            a, b, prec, source = res
            s, e = m.span("x") if "x" in m.groupdict() else m.span()
            found.append((s, -(e - s), prio, DateMention(s, e, text[s:e], a, b, prec, source)))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # Longest first, then earliest pattern, so "13-14 January 2021" beats "14 January 2021".
    for s, neg_len, prio, dm in sorted(found, key=lambda t: (t[1], t[2], t[0])):
        if any(s < te and ts < dm.end for ts, te in taken):
            continue
        taken.append((s, dm.end))
        out.append(dm)
    return sorted(out, key=lambda d: d.start)


def parse_date(text: str, published: dt.date | None = None) -> DateMention | None:
    """The first date expression in `text`, or None."""
    found = find_dates(text, published)
    return found[0] if found else None
