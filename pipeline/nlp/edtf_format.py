"""Dates as EDTF strings (ISO 8601-2, Extended Date/Time Format), checked with the `edtf` library.

    day        2017-02-28, or an interval 2017-02-28/2017-03-01
    month      2015-03, or 2015-03/2015-05
    season     1995-23 (autumn 1995; 21 spring, 22 summer, 23 autumn, 24 winter)
    year       2014, or 2019/2021
    decade     199X
    open       ../2019-05-14 (no earlier bound)
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

_SEASON_CODES = {3: 21, 6: 22, 9: 23, 12: 24}


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
