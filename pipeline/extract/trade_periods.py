"""The period a trade figure measures: a year, a fiscal year, a half, a quarter, a month or a run of months.

A figure's date says when it was; its period says what stretch of time the amount covers, so that a sum over
nine months is never read as a year's. A date of one day (a loan signed on 3 May) or a date read from the
publication ("has allocated") is no period."""
from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources
from typing import TypedDict

from pipeline.extract.rows import TradeRow
from pipeline.extract.trade_dates import fiscal_year_end
from pipeline.nlp.date_interval import month_end
from pipeline.nlp.rules import cues
from pipeline.nlp.temporal import DateMention

_FISCAL_NAMED = cues("trade", "fiscal_year_named")  # (label, regex) as written
FISCAL_WINDOW = 60  # characters either side of the amount read for a fiscal year named as one
_AFTER_AMOUNT = 25  # characters after the amount read for a bare fiscal year ("$2 billion in 2021-22")


@functools.cache
def fiscal_year_starts() -> dict[str, int]:
    """ISO3 -> the month its government's fiscal year begins (pipeline/data/fiscal_years.tsv)."""
    text = resources.files("pipeline").joinpath("data/fiscal_years.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {iso3: int(month) for iso3, month in rows[1:]}


def fiscal_years_near(text: str, amount_start: int, amount_end: int) -> tuple[int, int, str] | None:
    """The fiscal year nearest the amount, as (first calendar year, last calendar year, text): written right
    after it ("$2 billion in 2021-22") or named as one within FISCAL_WINDOW characters ("in fiscal year
    2021-22, exports reached $2 billion"). `text` is the sentence, offsets in it."""
    after = text[amount_end: amount_end + _AFTER_AMOUNT]
    end = fiscal_year_end(after)
    if end is not None:
        found = re.search(rf"{end - 1}[-\u2013/]\d\d", after)
        return end - 1, end, found.group(0) if found else after.strip()
    best: tuple[int, int, int, str] | None = None
    lo = max(0, amount_start - FISCAL_WINDOW)
    for _, rx in _FISCAL_NAMED:
        for m in rx.finditer(text, lo, amount_end + FISCAL_WINDOW):
            start = int(m.group(1))
            last = start // 100 * 100 + int(m.group(2))
            if last != start + 1:
                continue
            gap = amount_start - m.end() if m.end() <= amount_start else max(0, m.start() - amount_end)
            if best is None or gap < best[0]:
                best = (gap, start, last, m.group(0))
    return None if best is None else best[1:]


def fiscal_period(first: int, last: int, states: list[str | None]) -> tuple[dt.date, dt.date] | None:
    """The days a fiscal year spans, where the row's states that have a known fiscal year agree on its first
    month; else None (the period stays open)."""
    starts = {fiscal_year_starts()[s] for s in states if s in fiscal_year_starts()}
    if len(starts) != 1:
        return None
    month = starts.pop()
    if month == 1:
        return None  # a calendar fiscal year is not written with two years
    return dt.date(first, month, 1), month_end(last, month - 1)


def period_type(start: dt.date | None, end: dt.date | None, precision: str, source: str | None) -> str | None:
    """The kind of period a figure's date covers (vocabulary `figure_period`), or None when it is a point in
    time or unknown."""
    if start is None or end is None or source == "publication" or precision not in ("month", "season", "year",
                                                                                    "decade"):
        return None
    if precision in ("year", "decade"):
        return "year" if start.year == end.year else "years"
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day != 1 or end != month_end(end.year, end.month):
        return "months"
    if months == 1:
        return "month"
    if months == 3 and start.month % 3 == 1:
        return "quarter"
    if months == 6 and start.month in (1, 7):
        return "half_year"
    if months == 12 and start.month == 1:
        return "year"
    return "months"


class PeriodFields(TypedDict):
    period_type: str | None
    period_start: dt.date | None
    period_end: dt.date | None


def period_fields(date: DateMention | None) -> PeriodFields:
    """The period columns of a figure dated by `date`: its kind and days, or nulls for a point in time."""
    if date is None:
        return {"period_type": None, "period_start": None, "period_end": None}
    kind = period_type(date.date_start, date.date_end, date.precision, date.source)
    return {"period_type": kind, "period_start": date.date_start if kind else None,
            "period_end": date.date_end if kind else None}


def with_fiscal_year(row: TradeRow, text: str, amount_start: int, amount_end: int) -> None:
    """A figure of a fiscal year ("in fiscal year 2021-22", "$2 billion in 2021-22"): its year is the one the
    fiscal year ends, its period and date the fiscal year's months where the row's states' fiscal year is
    known (marked inferred), else the period stays open and the date covers the two calendar years."""
    found = fiscal_years_near(text, amount_start, amount_end)
    if found is None:
        return
    first, last, written = found
    span = fiscal_period(first, last, [row["reporter"], row["partner"]])
    row["year"] = last
    row["period_type"] = "fiscal_year"
    row["period_start"], row["period_end"] = span if span else (None, None)
    row["date_start"], row["date_end"] = span if span else (dt.date(first, 1, 1), dt.date(last, 12, 31))
    row["date_precision"] = "month" if span else "year"
    row["date_text"], row["date_source"] = written, "explicit"
    if span:
        row["inferred_fields"] = sorted(set(row["inferred_fields"]) | {"period_start", "period_end", "date_start",
                                                                       "date_end"})
