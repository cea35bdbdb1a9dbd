"""Dates as EDTF strings (ISO 8601-2, Extended Date/Time Format), checked with the `edtf` library.

    day        2017-02-28, or an interval 2017-02-28/2017-03-01
    month      2015-03, or 2015-03/2015-05
    season     1995-23 (autumn 1995; 21 spring, 22 summer, 23 autumn, 24 winter)
    year       2014, or 2019/2021
    decade     199X
    open       ../2019-05-14 (no earlier bound)

and back into words for people (`describe_edtf`: "autumn 1995", "28 February – 1 March 2017").
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from pipeline.nlp.date_words import MONTHS

_SEASON_CODES = {3: 21, 6: 22, 9: 23, 12: 24}
# A day and its month as written, with no year: "7 September", "September 7th", "Sept. 7".
_DAY_MONTH = re.compile(r"(?:(?:on|the)\s+)?(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m1>[A-Za-z]+\.?)"
                        r"|(?P<m2>[A-Za-z]+\.?)\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)", re.IGNORECASE)


def to_edtf(start: dt.date | None, end: dt.date | None, precision: str | None) -> str | None:
    """The EDTF form of an interval and its precision; None when there is no date."""
    if start is None or end is None:
        one = start or end
        if one is None:
            return None
        known = one.isoformat()
        text = f"../{known}" if start is None else f"{known}/.."
        return text if valid(text) else None
    text = _closed(start, end, precision or "day")
    if valid(text):
        return text
    fallback = f"{start.isoformat()}/{end.isoformat()}" if start != end else start.isoformat()
    return fallback if valid(fallback) else None


def partial_edtf(date_text: str | None) -> str | None:
    """A day and month the text gives with no year it supports ("on 7 September") as EDTF with the year
    unspecified (XXXX-09-07), so the row keeps what the text says; None for anything else."""
    m = _DAY_MONTH.fullmatch((date_text or "").strip())
    if m is None:
        return None
    name, d = (m["m1"], m["d1"]) if m["m1"] else (m["m2"], m["d2"])
    month = MONTHS.get(name.lower().rstrip("."))
    if month is None or not 1 <= int(d) <= calendar.monthrange(2000, month)[1]:
        return None
    text = f"XXXX-{month:02d}-{int(d):02d}"
    return text if _parses(text) else None


def _closed(start: dt.date, end: dt.date, precision: str) -> str:
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    whole_years = whole_months and start.month == 1 and end.month == 12
    if precision == "decade" and whole_years and start.year % 10 == 0 and end.year == start.year + 9:
        return f"{start.year // 10}X"
    if precision in ("year", "decade") and whole_years:
        return str(start.year) if start.year == end.year else f"{start.year}/{end.year}"
    if precision == "season" and whole_months and start.month in _SEASON_CODES and \
            (end.year * 12 + end.month) - (start.year * 12 + start.month) == 2:
        return f"{start.year}-{_SEASON_CODES[start.month]}"
    if whole_months and precision in ("month", "season", "year"):
        first, last = f"{start.year}-{start.month:02d}", f"{end.year}-{end.month:02d}"
        return first if first == last else f"{first}/{last}"
    return start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}"


def valid(text: str) -> bool:
    """Whether the `edtf` library parses the string. The strings made here come from real dates, so
    whether they parse depends only on their shape ("2017-02-28/2017-03-01" has the shape of every
    day interval): the library (a slow parser) sees the first string of each shape, and strings whose
    values cannot be real dates are checked one by one."""
    shape = re.sub(r"\d", "9", text)
    if not _REAL_VALUES.fullmatch(text):
        return _parses(text)
    if shape not in _SHAPES:
        _SHAPES[shape] = _parses(text)
    return _SHAPES[shape]


_SHAPES: dict[str, bool] = {}
# Years, months 01-12, days 01-31, season codes 21-24, in the shapes to_edtf writes.
_DAY = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_MONTH = r"\d{4}-(?:0[1-9]|1[0-2]|2[1-4])"
_ONE = rf"(?:{_DAY}|{_MONTH}|\d{{4}}|\d{{3}}X)"
_REAL_VALUES = re.compile(rf"{_ONE}(?:/{_ONE})?|\.\./{_ONE}|{_ONE}/\.\.")


@functools.lru_cache(maxsize=4096)
def _parses(text: str) -> bool:
    from edtf import parse_edtf

    try:
        parse_edtf(text)
    except Exception:  # the library raises several error types for bad input
        return False
    return True


# EDTF season codes (ISO 8601-2, 21-41) as words about their year.
_SEASON_WORDS = {21: "spring {}", 22: "summer {}", 23: "autumn {}", 24: "winter {}",
                 25: "spring {} (northern hemisphere)", 26: "summer {} (northern hemisphere)",
                 27: "autumn {} (northern hemisphere)", 28: "winter {} (northern hemisphere)",
                 29: "spring {} (southern hemisphere)", 30: "summer {} (southern hemisphere)",
                 31: "autumn {} (southern hemisphere)", 32: "winter {} (southern hemisphere)",
                 33: "the first quarter of {}", 34: "the second quarter of {}", 35: "the third quarter of {}",
                 36: "the fourth quarter of {}", 37: "the first four months of {}", 38: "May to August {}",
                 39: "the last four months of {}", 40: "the first half of {}", 41: "the second half of {}"}
_DASH = "\u2013"


def describe_edtf(text: str | None) -> str:
    """An EDTF string in the words a person expects: "1995-23" autumn 1995, "2015-03" March 2015,
    "2017-02-28/2017-03-01" 28 February – 1 March 2017, "2019/2021" 2019–2021, "199X" the 1990s,
    "../2019-05-14" on or before 14 May 2019, "2014~" about 2014, "2014?" 2014 (uncertain). What the
    `edtf` library cannot parse, or a form not described here, is given back as it is; None is ""."""
    if not isinstance(text, str) or not text:
        return ""
    plain = _plain_words(text)
    if plain is not None:
        return plain
    return _described_by_library(text)


_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _plain_ymd(text: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a plain EDTF date (2015, 2015-03, 2015-03-07) that is a real date, else None
    (a season such as 1995-23 is not plain)."""
    m = _PLAIN.fullmatch(text)
    if m is None:
        return None
    year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if year < 1:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return year, month, day


def _plain_words(text: str) -> str | None:
    """describe_edtf of the forms most rows have (a plain date, an interval of two), without the `edtf`
    library's parser, which costs milliseconds per string: the same words, or None for any other form."""
    if "/" in text:
        lower, _, upper = text.partition("/")
        a, b = _plain_ymd(lower), _plain_ymd(upper)
        if a is None or b is None:
            return None
        if (a[1] is None) == (b[1] is None) and (a[2] is None) == (b[2] is None):
            return _compact(a, b)
        return f"{_day_words(*a)} {_DASH} {_day_words(*b)}"
    ymd = _plain_ymd(text)
    return _day_words(*ymd) if ymd else None


def _described_by_library(text: str) -> str:
    """describe_edtf through the `edtf` library's parse: every form it knows."""
    try:
        said = _say(_parsed(text))
    except Exception:  # the library raises several error types for bad input
        return text
    return said or text


@functools.lru_cache(maxsize=4096)
def _parsed(text: str):
    from edtf import parse_edtf

    return parse_edtf(text)


def _say(obj) -> str | None:
    from edtf import Date, Interval, Season, UncertainOrApproximate, Unspecified

    if isinstance(obj, Interval):
        return _interval(obj.lower, obj.upper)
    if isinstance(obj, UncertainOrApproximate):
        inner = _say(obj.date)
        return _qualified(inner, obj.ua) if inner else None
    if isinstance(obj, Season):
        words, year = _SEASON_WORDS.get(int(obj.season)), obj.get_year()
        return words.format(year) if words and year and year.isdigit() else None
    if isinstance(obj, Unspecified):
        said = _unspecified(obj)
        return _qualified(said, obj.ua) if said else None
    if type(obj) is Date:
        ymd = _ymd(obj)
        return _day_words(*ymd) if ymd else None
    return None


def _qualified(said: str, ua) -> str:
    if ua is None:
        return said
    if ua.is_uncertain_and_approximate:
        return f"about {said} (uncertain)"
    if ua.is_approximate:
        return f"about {said}"
    if ua.is_uncertain:
        return f"{said} (uncertain)"
    return said


def _unspecified(obj) -> str | None:
    """199X: the 1990s; 19XX: the 1900s; a year with an unknown month or day: the year, saying so."""
    year, month, day = obj.get_year(), obj.get_month(), obj.get_day()
    if re.fullmatch(r"\d{2,3}X+", year) and month is None and day is None:
        return f"the {year.replace('X', '0')}s"
    if year.isdigit() and month and "X" in month and day in (None, "XX"):
        return f"{int(year)} (month unknown)"
    if year.isdigit() and month and month.isdigit() and day == "XX":
        return f"{calendar.month_name[int(month)]} {int(year)} (day unknown)"
    return None


def _ymd(obj) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a plain date (or one wrapped in no qualifier); None for anything else."""
    from edtf import Date, UncertainOrApproximate

    if isinstance(obj, UncertainOrApproximate) and obj.ua is None:
        obj = obj.date
    if type(obj) is not Date:
        return None
    year, month, day = obj.get_year(), obj.get_month(), obj.get_day()
    if not (year and year.isdigit()) or not all(p is None or p.isdigit() for p in (month, day)):
        return None
    return int(year), int(month) if month else None, int(day) if day else None


def _day_words(year: int, month: int | None, day: int | None) -> str:
    if month is None:
        return str(year)
    if day is None:
        return f"{calendar.month_name[month]} {year}"
    return f"{day} {calendar.month_name[month]} {year}"


def _interval(lower, upper) -> str | None:
    from edtf import UnspecifiedIntervalSection

    if isinstance(lower, UnspecifiedIntervalSection) and isinstance(upper, UnspecifiedIntervalSection):
        return None
    if isinstance(lower, UnspecifiedIntervalSection):
        end = _say(upper)
        return end and (f"on or before {end}" if lower.is_open else f"until {end} (start unknown)")
    if isinstance(upper, UnspecifiedIntervalSection):
        start = _say(lower)
        return start and (f"on or after {start}" if upper.is_open else f"from {start} (end unknown)")
    a, b = _ymd(lower), _ymd(upper)
    if a and b and (a[1] is None) == (b[1] is None) and (a[2] is None) == (b[2] is None):
        return _compact(a, b)
    start, end = _say(lower), _say(upper)
    return f"{start} {_DASH} {end}" if start and end else None


def _compact(a: tuple, b: tuple) -> str:
    """Two dates of the same precision, the parts they share said once: 3–5 May 2023, March–May 2015."""
    (y1, m1, d1), (y2, m2, d2) = a, b
    if m1 is None:
        return f"{y1}{_DASH}{y2}"
    if y1 != y2:
        return f"{_day_words(*a)} {_DASH} {_day_words(*b)}"
    if d1 is None:
        return f"{calendar.month_name[m1]}{_DASH}{calendar.month_name[m2]} {y1}"
    if m1 == m2:
        return f"{d1}{_DASH}{d2} {calendar.month_name[m1]} {y1}"
    return f"{d1} {calendar.month_name[m1]} {_DASH} {d2} {calendar.month_name[m2]} {y1}"
