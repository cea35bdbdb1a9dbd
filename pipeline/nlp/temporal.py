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
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from pipeline.nlp.rules import cardinals

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Meteorological seasons, northern hemisphere: (first month, last month, year offset of last).
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
# "a week", "two days", "twelve months" (the number words of pipeline/rules/common.yaml, one to twelve)
NUMBER_WORDS = {"a": 1, "an": 1, **{w: n for w, n in cardinals().items() if 1 <= n <= 12}}
TENSES = ("past", "future")
NUMERIC_ORDERS = ("dmy", "mdy")

_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DM = rf"{_D}\.?"  # a day before a month name: "21. June" (German and Nordic style) too
_Y = r"(?:1[6-9]\d\d|20\d\d)"
_DASH = r"\s*[-\u2010-\u2015]\s*"
_RANGE = rf"(?P<r>{_DASH}|\s+(?:to|and|until|till|through)\s+)"
# "and" joins the two ends of a range only after "between"; elsewhere "in 2004 and 2011" lists two dates
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+(?:years?|period|dates?|days?)\s+(?:of\s+)?)?$", re.IGNORECASE)
_MONTH_INITIALS = "JFMASOND"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = rf"(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}|\d{{1,2}})"
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


# Tense cues. Future: auxiliaries and plan words. Past: auxiliaries, common irregular past forms and
# "-ed" verbs (not after a determiner or "be", where they are adjectives or passives: "the disputed
# region", "will be joined"). The cue nearest before the date in its sentence decides; if there is
# none before it, the nearest after it ("On Sunday, the minister will travel").
_FUTURE_CUE = (r"will|won't|shall|'ll|would|is to|are to|was to|were to|is due|are due|due to|expected to|"
               r"expects? to|hopes? to|aims? to|scheduled|set to|slated|plans? to|planned|planning|intends? to|"
               r"proposed|upcoming|going to|to be held|to take place")
_REPORTING = r"said|told|added|noted|stated|announced|reported|quoted|confirmed"
_PAST_CUE = (rf"was|were|had|has|have|did|{_REPORTING}|met|held|made|took|came|went|began|left|spoke|gave|"
             r"saw|flew|paid|sent|won|led|wrote|became|got|brought|sought|drew|ran|fell|broke|struck|kept|lost|"
             r"found|stood|rose|sold|bought|ago|[a-z]{2,}(?<!e)ed|[a-z]*(?:agre|fre)ed")
# a participle after a determiner or "be" is an adjective or a passive ("the disputed region", "will be held")
_NOT_AFTER = r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bits )(?<!\btheir )"
_CUE = re.compile(rf"\b(?:(?P<f>{_FUTURE_CUE})|{_NOT_AFTER}(?P<p>{_PAST_CUE}))\b")
_REPORTING_WORD = re.compile(rf"(?:{_REPORTING})$")
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")


def tense_of(clause: str) -> str | None:
    """"future", "past" or None for a clause, from the cue words in it (the last cue wins)."""
    last = None
    for m in _CUE.finditer(clause):
        last = m
    if last is None:
        return None
    return "future" if last["f"] else "past"


def _tense_around(text: str, start: int, end: int) -> str | None:
    lo = max(0, start - 200)
    left = text[lo:start]
    cut = None
    for cut in _SENTENCE_END.finditer(left):
        pass
    if cut is not None:
        left = left[cut.end():]
    tense = tense_of(left)
    if tense:
        return tense
    right = text[end:end + 200]
    stop = _SENTENCE_END.search(right)
    for m in _CUE.finditer(right[:stop.start()] if stop else right):
        # "..., the minister said" after the date reports the clause; it does not date it
        if m["f"] or not _REPORTING_WORD.match(m["p"]):
            return "future" if m["f"] else "past"
    return None


_NUMERIC_PROBE = re.compile(r"\b([0-3]?\d)([/.-])([0-3]?\d)\2(?:1[6-9]|20)\d\d\b")


def numeric_order_of(text: str) -> str | None:
    """The day/month order the text's numeric dates show ("dmy" when one reads 25/12/2019, "mdy" for
    12/25/2019), or None when none tells or they disagree."""
    seen = set()
    for m in _NUMERIC_PROBE.finditer(text):
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b:
            seen.add("dmy")
        elif b > 12 >= a:
            seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None


class _Ctx:
    """What a handler needs besides its match: the publication date and the caller's hints."""

    def __init__(self, text: str, published: dt.date | None, tense: str | None, numeric_order: str | None):
        self.text = text
        self.published = published
        self.tense = tense
        self._order = numeric_order
        self._order_known = numeric_order is not None

    def year(self, y: str | None) -> tuple[int | None, str]:
        if y:
            return int(y), "explicit"
        if self.published:
            return self.published.year, "inferred"
        return None, "unresolved"

    def numeric_order(self) -> str | None:
        if not self._order_known:  # computed once per text, and only when a numeric date needs it
            self._order, self._order_known = numeric_order_of(self.text), True
        return self._order

    def tense_at(self, start: int, end: int) -> str | None:
        return self.tense or _tense_around(self.text, start, end)


def _year_shift(m, ctx, a: dt.date, b: dt.date) -> int:
    """A year-less date completed with the publication year lies on the wrong side of publication for
    its tense: "had travelled there in November" (published in January) is last year's November, "will
    visit in March" (published in October) next year's March. With no tense cue the year stays."""
    p = ctx.published
    if a > p or b < p:
        tense = ctx.tense_at(m.start(), m.end())
        if tense == "past" and a > p:
            return -1
        if tense == "future" and b < p:
            return 1
    return 0


def _day_interval(year: int, d1, m1, d2, m2) -> tuple[dt.date, dt.date] | None:
    m1n, m2n = _month(m1), _month(m2)
    y1 = year - 1 if m2n < m1n else year  # "30 December - 2 January 2021"
    a, b = _safe_date(y1, m1n, _day(d1)), _safe_date(year, m2n, _day(d2))
    if a is None or b is None or a > b:
        return None
    return a, b


def _days(m, ctx, d1, m1, d2, m2, y):
    year, source = ctx.year(y)
    if year is None:
        return None, None, "day", source
    found = _day_interval(year, d1, m1, d2, m2)
    if found and source == "inferred":
        shift = _year_shift(m, ctx, *found)
        found = _day_interval(year + shift, d1, m1, d2, m2) if shift else found
    return (*found, "day", source) if found else None


def _h_dmy_range_cross(m, ctx):
    return _days(m, ctx, m["d1"], m["m1"], m["d2"], m["m2"], m["y"])


def _h_dmy_range(m, ctx):
    return _days(m, ctx, m["d1"], m["m"], m["d2"], m["m"], m["y"])


def _h_day(m, ctx):
    return _days(m, ctx, m["d"], m["m"], m["d"], m["m"], m["y"])


def _h_numeric(m, ctx):
    y, a, b, sep = int(m["y"]), int(m["a"]), int(m["b"]), m["sep"]
    a1 = int(m["a1"]) if m["a1"] else None
    order: str | None
    if a > 12 >= b:
        order = "dmy"
    elif b > 12 >= a:
        order = "mdy"
    elif a == b:
        order = "dmy"  # 05/05/2019 reads the same either way
    else:
        order = ctx.numeric_order() or ("dmy" if sep == "." and a1 is None else None)
        if order is None and sep == ".":
            order = "dmy"
    if order is None:  # 05/04/2018 with no convention: the year is all that is certain
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit"
    if order == "mdy":
        if a1 is not None:
            return None
        d1 = d2 = _safe_date(y, a, b)
    else:
        d2 = _safe_date(y, b, a)
        d1 = _safe_date(y, b, a1) if a1 is not None else d2
    if d1 is None or d2 is None or d1 > d2:
        return None
    return d1, d2, "day", "explicit"


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
    if source == "inferred":
        year += _year_shift(m, ctx, dt.date(year, mo, 1), _month_end(year, mo))
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


def _relative_year(word: str, ctx) -> tuple[int | None, str]:
    """A year written as digits, or as "this/last/next/the (current) year" from the publication date."""
    if word[:1].isdigit():
        return int(word), "explicit"
    p = ctx.published
    if p is None:
        return None, "unresolved"
    w = word.lower()
    return p.year + (-1 if w.startswith("last") else 1 if w.startswith("next") else 0), "inferred"


def _h_part_year(m, ctx):
    y, source = _relative_year(m["y"], ctx)
    part = (m["p"] or "").lower().replace("-", " ").strip()
    halves = {"first half": (1, 6), "second half": (7, 12)}
    quarters = {"first quarter": (1, 3), "second quarter": (4, 6), "third quarter": (7, 9),
                "fourth quarter": (10, 12), "last quarter": (10, 12)}
    for table in (halves, quarters):
        for k, (a, b) in table.items():
            if k in part:
                if y is None:
                    return None, None, "month", source
                return dt.date(y, a, 1), _month_end(y, b), "month", source
    if y is None:
        return None, None, "year", source
    # "early 2021", "mid-2018", "late 2019": the text does not say which months; keep the year.
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", source


def _h_quarter(m, ctx):
    y = int(m["y"] or m["y2"])
    q, h = m["q"] or m["q2"], m["h"] or m["h2"]
    first, last = ((int(q) - 1) * 3 + 1, int(q) * 3) if q else ((int(h) - 1) * 6 + 1, int(h) * 6)
    return dt.date(y, first, 1), _month_end(y, last), "month", "explicit"


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


def _week_of(d: dt.date) -> tuple[dt.date, dt.date]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def _shift_month(d: dt.date, months: int) -> dt.date:
    k = d.year * 12 + d.month - 1 + months
    return dt.date(k // 12, k % 12 + 1, 1)


def _h_relative(m, ctx):
    p = ctx.published
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if p is None:
        prec = "year" if "year" in word else "month" if "month" in word else "day"
        return None, None, prec, "unresolved"
    if word == "recently":
        return None, p, "unknown", "publication"
    if word in ("yesterday", "today", "tomorrow", "tonight") or word.startswith("this ") and word.endswith(
            ("morning", "afternoon", "evening")):
        d = p + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
        return d, d, "day", "inferred"
    shift = -1 if word.startswith("last") else 1 if word.startswith("next") else 0
    if word.endswith("year"):  # "later this year" too: the whole year, as the gold convention says
        y = p.year + shift
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "inferred"
    if word.endswith("month"):
        first = _shift_month(p, shift)
        return first, _month_end(first.year, first.month), "month", "inferred"
    if word.endswith("weekend"):
        saturday = _week_of(p)[0] + dt.timedelta(weeks=shift, days=5)
        return saturday, saturday + dt.timedelta(days=1), "day", "inferred"
    if word.endswith("week"):
        monday, sunday = _week_of(p + dt.timedelta(weeks=shift))
        return monday, sunday, "day", "inferred"
    return None


def _resolve_weekday(target: int, modifier: str, published: dt.date, tense: str | None) -> dt.date:
    if modifier in ("last", "past", "this past"):
        return published - dt.timedelta(days=(published.weekday() - target) % 7 or 7)
    if modifier in ("next", "coming", "this coming"):
        return published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
    if tense == "future":  # the first such day on or after publication
        return published + dt.timedelta(days=(target - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)  # on or before publication


_NAMED_DAY = re.compile(r"(?:Good|Black|Super|Ash|Holy|Easter|Palm|Bloody|Cyber|Maundy|Shrove|Giving)\s+$")


def _h_weekday(m, ctx):
    s = m.start("w")
    if _NAMED_DAY.search(m.string, max(0, s - 10), s):
        return None  # "Good Friday", "Super Tuesday": a named day, not a date
    p = ctx.published
    if p is None:
        return None, None, "day", "unresolved"
    modifier = re.sub(r"\s+", " ", (m.groupdict().get("mod") or "").lower())
    tense = None if modifier in ("last", "past", "this past", "next", "coming", "this coming") \
        else ctx.tense_at(m.start(), m.end())
    d = _resolve_weekday(WEEKDAYS[m["w"].lower()], modifier, p, tense)
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


_UNIT = {"day": "day", "morning": "day", "afternoon": "day", "evening": "day", "night": "day", "week": "week",
         "month": "month", "year": "year"}
_PRECISION_OF_UNIT = {"day": "day", "week": "day", "month": "month", "year": "year"}


class _Anaphor(tuple):
    """A handler's answer for a date counted from the previous one: (unit, signed offset)."""


_COUNT_BEFORE = re.compile(rf"\b({_NUM})\s+$", re.IGNORECASE)


def _h_anaphor(m, ctx):
    unit = _UNIT[m["u"].lower().rstrip("s")]
    start = m.start()
    if m.groupdict().get("dir") is None:
        same = (m["same"] or "same").lower()
        offset = -1 if same in ("previous", "preceding") else 1 if same in ("following", "next") else 0
    else:
        n = _COUNT_BEFORE.search(m.string, max(0, start - 10), start)
        if n is None:
            return None  # "days later" with no count: no one date
        start = n.start()
        count = int(n[1]) if n[1].isdigit() else NUMBER_WORDS[n[1].lower()]
        if m["dir"].lower() == "ago":  # "two days ago" counts from the publication date
            p = ctx.published
            if p is None:
                return None, None, _PRECISION_OF_UNIT[unit], "unresolved", start
            return _offset_interval(p, "day", unit, -count) + ("inferred", start)
        offset = -count if m["dir"].lower() in ("earlier", "before") else count
    return None, None, _PRECISION_OF_UNIT[unit], _Anaphor((unit, offset)), start


def _offset_interval(d: dt.date, prec: str, unit: str, offset: int) -> tuple[dt.date, dt.date, str]:
    if unit == "day":
        x = d + dt.timedelta(days=offset)
        return x, x, "day"
    if unit == "week":
        return _week_of(d + dt.timedelta(weeks=offset)) + ("day",)
    if unit == "month":
        first = _shift_month(d, offset)
        return first, _month_end(first.year, first.month), "month"
    return dt.date(d.year + offset, 1, 1), dt.date(d.year + offset, 12, 31), "year"


# What an anchor must be precise to for each unit: "the next day" needs a day, "the following year" a year.
_ANCHOR_PRECISIONS = {"day": ("day",), "week": ("day",), "month": ("day", "month"),
                      "year": ("day", "month", "season", "year")}


def _resolve_anaphors(out: list[DateMention], anaphors: dict[int, tuple[str, int]]) -> list[DateMention]:
    """Count "the following day", "two days later"... from the previous date precise enough."""
    resolved: list[DateMention] = []
    for dm in out:
        rel = anaphors.get(dm.start)
        if rel is not None:
            unit, offset = rel
            wanted = _ANCHOR_PRECISIONS[unit]
            anchor = next((a for a in reversed(resolved) if a.date_start and a.date_end and a.precision in wanted),
                          None)
            if anchor is None or anchor.date_start is None or anchor.date_end is None:
                dm = replace(dm, source="unresolved")
            else:
                # counting forward starts from the anchor's last day, backward from its first
                base = anchor.date_end if offset > 0 else anchor.date_start
                if unit == "day" and offset == 0 and anchor.date_start != anchor.date_end:
                    a, b, prec = anchor.date_start, anchor.date_end, anchor.precision
                else:
                    a, b, prec = _offset_interval(base, anchor.precision, unit, offset)
                dm = replace(dm, date_start=a, date_end=b, precision=prec, source="inferred")
        resolved.append(dm)
    return resolved


# (pattern, handler, the characters a match can start with). The last, as a lookahead, lets the regex
# engine skip to those characters instead of trying the pattern at every position: twice as fast.
_PATTERNS: list[tuple[str, Callable[..., tuple | None], str]] = [
    # 30 December 2020 - 2 January 2021 / December 30, 2020 - January 2, 2021
    (rf"\b(?P<d1>{_DM})\s+(?P<m1>{_M}),?\s+(?P<y1>{_Y}){_RANGE}(?P<d2>{_DM})\s+(?P<m2>{_M}),?\s+(?P<y2>{_Y}){_END}",
     _h_cross_year, r"\d"),
    (rf"\b(?P<m1>{_M})\s*(?P<d1>{_D}),?\s+(?P<y1>{_Y}){_RANGE}(?P<m2>{_M})\s*(?P<d2>{_D}),?\s+(?P<y2>{_Y}){_END}",
     _h_cross_year, _MONTH_INITIALS),
    # 28 February - 1 March 2017 / from 28 February to 1 March 2017
    (rf"\b(?P<d1>{_DM})\s+(?P<m1>{_M}){_RANGE}(?P<d2>{_DM})\s+(?P<m2>{_M})(?:,?\s+(?P<y>{_Y}))?{_END}",
     _h_dmy_range_cross, r"\d"),
    # February 28 - March 1, 2017 / November 30 December 1, 2017 (dash missing)
    (rf"\b(?P<m1>{_M})\s*(?P<d1>{_D})(?:{_RANGE}|,?\s+)(?P<m2>{_M})\s*(?P<d2>{_D})(?:,?\s+(?P<y>{_Y}))?{_END}",
     _h_dmy_range_cross, _MONTH_INITIALS),
    # 13-14 January 2021 / 4th-5th March / between 3 and 5 April / from 19 to 20 February 2020
    (rf"\b(?P<d1>{_D}){_RANGE}(?P<d2>{_DM})\s+(?:of\s+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?{_END}", _h_dmy_range,
     r"\d"),
    # October 25-26, 2019 / March4-5 / March 21 to 23
    (rf"\b(?P<m>{_M})\s*(?P<d1>{_D}){_RANGE}(?P<d2>{_D})(?:,?\s+(?P<y>{_Y}))?{_END}", _h_dmy_range,
     _MONTH_INITIALS),
    # 15-16.07.2021, 14.05.2019, 14/05/2019, 5/14/2019, 14-05-2019
    ((r"\b(?:(?P<a1>[0-3]?\d)\s*[-\u2013]\s*)?(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
     r"(?P<y>(?:1[6-9]|20)\d\d)\b"), _h_numeric, r"\d"),
    # 2019-03-12, 2024.10.23, 2024/10/23: year first is never ambiguous
    (r"\b(?P<y>(?:1[6-9]|20)\d\d)(?P<sep>[-./])(?P<mo>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d.]\d)", _h_iso, r"\d"),
    # 26 December 1991 / 10 May / the 3rd of March / 21. June 2011
    (rf"\b(?P<d>{_DM})\s+(?:of\s+)?(?P<m>{_M})(?:,?\s+(?P<y>{_Y}))?{_END}", _h_day, r"\d"),
    # June 9, 1992 / June 9 / March4
    (rf"\b(?P<m>{_M})\s*(?P<d>{_D})(?!\d)(?:,?\s+(?P<y>{_Y}))?{_END}", _h_day, _MONTH_INITIALS),
    # January-September 2023
    (rf"\b(?P<m1>{_M}){_RANGE}(?P<m2>{_M}),?\s+(?P<y>{_Y}){_END}", _h_month_range, _MONTH_INITIALS),
    # October 2020
    (rf"\b(?P<m>{_M}),?\s+(?P<y>{_Y}){_END}", _h_month, _MONTH_INITIALS),
    # the fall of 1995 / spring 2010
    (rf"\b(?:the\s+)?(?P<s>{_SEASON})\s+(?:of\s+)?(?P<y>{_Y}){_END}", _h_season, r"tsaufw"),
    # the first half of 2023 / the third quarter of this year / early 2021 / mid-2018
    ((rf"\b(?P<p>(?:the\s+)?(?:first|second|third|fourth|last)\s+(?:half|quarter)\s+of|early|mid|late|"
     rf"the\s+(?:beginning|start|middle|end)\s+of)[\s-]*"
     rf"(?P<y>{_Y}|(?:this|last|next|the)\s+(?:current\s+)?year){_END}"), _h_part_year, r"tfslem"),
    # Q3 2020 / H1 2021 / Q4 of 2019 / 2020 Q3
    ((rf"\b(?:(?:Q(?P<q>[1-4])|H(?P<h>[12]))\s*(?:of\s+)?(?P<y>{_Y})|(?P<y2>{_Y})\s*(?:Q(?P<q2>[1-4])|H(?P<h2>[12])))"
     rf"{_END}"), _h_quarter, r"QH\d"),
    # the 1990s
    (r"\b(?:the\s+)?(?P<y>(?:1[6-9]|20)\d0)'?s\b", _h_decade, r"t\d"),
    # 2023-2025 / from 2019 to 2021
    (rf"\b(?P<y1>{_Y}){_RANGE}(?P<y2>{_Y}){_END}", _h_year_range, r"\d"),
    # year-less month after a preposition: "in March" (a bare "May" is too often the verb)
    (rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|until|[Dd]uring|[Ff]rom|[Ee]arly|[Ll]ate|mid-?)\s*(?P<x>(?P<m>{_M})){_END}(?!\s+\d)",
     _h_month, r"IiSsBbuDdFfEeLlm"),
    (r"\b(?:later|earlier)\s+this\s+(?:year|month|week)\b", _h_relative, r"LlEe"),
    ((r"\b(?:last|this|next)\s+(?:year|month|week|weekend)\b|\bthis\s+(?:morning|afternoon|evening)\b|"
     r"\b(?:yesterday|today|tomorrow|tonight|recently)\b"), _h_relative, r"LlTtNnYyRr"),
    # Sunday / on Sunday / Sunday's talks / last Sunday / next Friday / this coming Monday ("Mondays" is a
    # habit, not a date)
    (rf"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his(?:\s+(?:coming|past))?|[Cc]oming|[Pp]ast)\s+)?(?P<w>{_WEEKDAY}){_END}",
     _h_weekday, "LlNnTtCcPpMWFS"),
    # the following day / on the same day / that day / two days later / a week earlier / three days ago
    ((r"\b(?:the\s+(?P<same>same|following|next|previous|preceding)|that(?:\s+same)?)\s+"
     r"(?P<u>day|week|month|year|morning|afternoon|evening|night)\b"), _h_anaphor, "Tt"),
    # two days later / a week earlier / three days ago (the number is read back from the unit)
    (r"\b(?P<u>(?:day|week|month|year)s?)\s+(?P<dir>later|earlier|afterwards|ago|(?:after|before)(?=\s*[,.;:)]|\s*$))\b",
     _h_anaphor, "DdWwMmYy"),
    (rf"\b[Ii]n\s+(?P<x>the\s+(?P<s>{_SEASON})){_END}(?!\s+(?:of\s+)?\d)", _h_bare_season, r"Ii"),
    # a bare year, not inside a longer number ("1,814", "2021-22")
    (rf"(?<![\d,.$€£])\b(?P<y>{_Y})\b(?![,.]?\d)", _h_year, r"\d"),
]
_IGNORECASE = (_h_relative, _h_anaphor)
_COMPILED = [(re.compile(rf"(?=[{first}])(?:{p})", re.IGNORECASE if h in _IGNORECASE else 0), h)
             for p, h, first in _PATTERNS]
_WEEKDAY_BEFORE = re.compile(rf"{_WEEKDAY},?\s+(?:the\s+)?$")


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
    ctx = _Ctx(text, published, tense, numeric_order)
    found: list[tuple[int, int, int, DateMention]] = []
    anaphors: dict[int, tuple[str, int]] = {}
    for prio, (rx, handler) in enumerate(_COMPILED):
        for m in rx.finditer(text):
            try:
                res = handler(m, ctx)
            except (ValueError, KeyError, IndexError, OverflowError):
                res = None
            if res is None:
                continue
            a, b, prec, source = res[:4]
            s, e = m.span("x") if "x" in m.groupdict() else m.span()
            if _is_list(m, text) and not (prec == "day" and a is not None and b is not None and (b - a).days == 1):
                found.extend(_list_items(m, text, a, b, prec, source, prio))
                continue
            if len(res) == 5:  # the handler found where the expression starts (a count read backwards)
                s = res[4]
            if isinstance(source, _Anaphor):
                anaphors[s] = tuple(source)
                source = "unresolved"
            found.append((s, -(e - s), prio, DateMention(s, e, text[s:e], a, b, prec, source)))
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    # Longest first, then earliest pattern, so "13-14 January 2021" beats "14 January 2021".
    for s, neg_len, prio, dm in sorted(found, key=lambda t: (t[1], t[2], t[0])):
        if any(s < te and ts < dm.end for ts, te in taken):
            continue
        taken.append((s, dm.end))
        out.append(dm)
    out.sort(key=lambda d: d.start)
    out = _absorb_weekdays(text, out, anaphors)
    if anaphors:
        out = _resolve_anaphors(out, anaphors)
    return out


def _is_list(m: re.Match, text: str) -> bool:
    """"in 2004 and 2011", "on 3 and 5 May": two dates, not a range (unlike "between 2004 and 2011"; the
    caller keeps "on 3 and 4 May", two days in a row, as the one stretch it is)."""
    r = m.groupdict().get("r")
    return r is not None and r.strip().lower() == "and" and not _BETWEEN.search(text, max(0, m.start() - 30), m.start())


def _list_items(m: re.Match, text: str, a: dt.date | None, b: dt.date | None, prec: str, source: str,
                prio: int) -> list:
    """The two dates of a range pattern read as a list: the first ends with its own day, month or year, the
    second starts with its own. Each competes with the other patterns' matches on its own length ("July 1
    2014" beats the list's "2014")."""
    first, last = (a, a), (b, b)
    if a is None or b is None:
        pass
    elif prec == "month":
        first, last = (a, _month_end(a.year, a.month)), (dt.date(b.year, b.month, 1), b)
    elif prec == "year":
        first, last = (a, dt.date(a.year, 12, 31)), (dt.date(b.year, 1, 1), b)
    s, e = m.span()
    rs, re_ = m.span("r")
    return [(s, s - rs, prio, DateMention(s, rs, text[s:rs], *first, prec, source)),
            (re_, re_ - e, prio, DateMention(re_, e, text[re_:e], *last, prec, source))]


def _absorb_weekdays(text: str, out: list[DateMention], anaphors: dict) -> list[DateMention]:
    """"Tuesday, 21 June 2011": the weekday belongs to the date after it, not a date of its own."""
    keep: list[DateMention] = []
    for dm in out:
        if keep and dm.precision == "day" and dm.start not in anaphors and keep[-1].end <= dm.start and dm.start - keep[-1].end <= 6 \
                and keep[-1].text[:1].isupper() and keep[-1].text.split()[-1].lower() in WEEKDAYS \
                and _WEEKDAY_BEFORE.search(text, keep[-1].start, dm.start):
            prev = keep.pop()
            dm = replace(dm, start=prev.start, text=text[prev.start:dm.end])
        keep.append(dm)
    return keep


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
