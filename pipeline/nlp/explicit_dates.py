"""Dates the text spells out: days, day ranges, months, seasons, parts of a year, decades and years.

Each reader takes a match of its pattern (pipeline/nlp/date_patterns.py) and the `DateContext`, and
returns (first day, last day, precision, source), or None when the match is no date."""
from __future__ import annotations

import datetime as dt

from pipeline.nlp.date_interval import day, month, month_end, safe_date, season_interval
from pipeline.nlp.date_words import COUNTED_MONTHS, NUMBER_WORDS, PARTS_OF_YEAR


def _day_interval(year: int, d1, m1, d2, m2) -> tuple[dt.date, dt.date] | None:
    m1n, m2n = month(m1), month(m2)
    y1 = year - 1 if m2n < m1n else year  # "30 December - 2 January 2021"
    a, b = safe_date(y1, m1n, day(d1)), safe_date(year, m2n, day(d2))
    if a is None or b is None or a > b:
        return None
    return a, b


def _days(m, ctx, d1, m1, d2, m2, y):
    year, source = ctx.year(y)
    if year is None:
        return None, None, "day", source
    found = _day_interval(year, d1, m1, d2, m2)
    if found and source == "inferred":
        shift = ctx.year_shift(m, *found)
        found = _day_interval(year + shift, d1, m1, d2, m2) if shift else found
    return (*found, "day", source) if found else None


def cross_year_range(m, ctx):
    """30 December 2020 - 2 January 2021."""
    a = safe_date(int(m["y1"]), month(m["m1"]), day(m["d1"]))
    b = safe_date(int(m["y2"]), month(m["m2"]), day(m["d2"]))
    if a is None or b is None or a > b:
        return None
    return a, b, "day", "explicit"


def cross_month_range(m, ctx):
    """28 February - 1 March 2017."""
    return _days(m, ctx, m["d1"], m["m1"], m["d2"], m["m2"], m["y"])


def day_range(m, ctx):
    """13-14 January 2021."""
    return _days(m, ctx, m["d1"], m["m"], m["d2"], m["m"], m["y"])


def one_day(m, ctx):
    """26 December 1994, June 7."""
    return _days(m, ctx, m["d"], m["m"], m["d"], m["m"], m["y"])


def month_range(m, ctx):
    """January-September 2023."""
    year, source = ctx.year(m["y"])
    if year is None:
        return None, None, "month", source
    m1, m2 = month(m["m1"]), month(m["m2"])
    if m1 > m2:
        return None
    return dt.date(year, m1, 1), month_end(year, m2), "month", source


def one_month(m, ctx):
    """October 2020, in March."""
    year, source = ctx.year(m.groupdict().get("y"))
    if year is None:
        return None, None, "month", source
    mo = month(m["m"])
    if source == "inferred":
        year += ctx.year_shift(m, dt.date(year, mo, 1), month_end(year, mo))
    return dt.date(year, mo, 1), month_end(year, mo), "month", source


def season(m, ctx):
    """The fall of 1998, spring 2010."""
    year, source = ctx.year(m["y"])
    if year is None:
        return None, None, "season", source
    a, b = season_interval(m["s"], year)
    return a, b, "season", source


def part_of_year(m, ctx):
    """The first half of 2023, the third quarter of this year; early 2021, mid-2018 keep the year."""
    y, source = ctx.relative_year(m["y"])
    part = (m["p"] or "").lower().replace("-", " ").strip()
    for table in PARTS_OF_YEAR:
        for k, (a, b) in table.items():
            if k in part:
                if y is None:
                    return None, None, "month", source
                return dt.date(y, a, 1), month_end(y, b), "month", source
    if y is None:
        return None, None, "year", source
    # "early 2021", "mid-2018", "late 2019": the text does not say which months; keep the year.
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", source


def counted_months(m, ctx):
    """The first nine months of 2023 (January to September), the last four months of this year."""
    n = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS.get(m["n"].lower(), 0)
    if not 1 <= n <= 12:
        return None
    y, source = ctx.relative_year(m["y"])
    if y is None:
        return None, None, "month", source
    first = 1 if COUNTED_MONTHS[m["from"].lower()] == 1 else 13 - n
    return dt.date(y, first, 1), month_end(y, first + n - 1), "month", source


def quarter(m, ctx):
    """Q3 2020, H1 2021, 2020 Q3."""
    y = int(m["y"] or m["y2"])
    q, h = m["q"] or m["q2"], m["h"] or m["h2"]
    first, last = ((int(q) - 1) * 3 + 1, int(q) * 3) if q else ((int(h) - 1) * 6 + 1, int(h) * 6)
    return dt.date(y, first, 1), month_end(y, last), "month", "explicit"


def decade(m, ctx):
    """The 1990s."""
    y = int(m["y"])
    return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade", "explicit"


def year_range(m, ctx):
    """2023-2025, from 2019 to 2021."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y1 >= y2:
        return None
    return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", "explicit"


def one_year(m, ctx):
    y = int(m["y"])
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit"
