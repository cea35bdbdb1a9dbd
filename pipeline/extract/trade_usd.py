"""A trade figure in US dollars at a stated reference rate (`pipeline/nlp/fx.py`), where the text gives no
dollar figure of its own.

Which rate: a measured figure over a period that had ended when the article was published (a year, a
quarter, "the first nine months") takes the mean of the period's daily rates; a measured figure of one
day takes that day's rate; anything else (a target, a forecast, a figure of the current period, one with
no date) the rate of the publication date. A figure whose currency has no reference rate, or whose
date is outside the bundled rates, keeps value_usd null, and a diagnostic `no_fx_rate` says why."""
from __future__ import annotations

import datetime as dt

from pipeline.nlp import fx

FX_COLUMNS = ("fx_rate", "fx_rate_date", "fx_rate_basis")
_NONE = dict.fromkeys(FX_COLUMNS)


def rate_for(row: dict, published: dt.date | None) -> fx.Rate | str:
    """The rate to convert the row's value at, or the reason there is none."""
    currency = row["currency"]
    start, end = row.get("period_start"), row.get("period_end")
    measured = row.get("status") == "actual"
    if measured and start is not None and end is not None and (published is None or end <= published):
        return fx.period_rate(currency, start, end)
    day = row.get("date_start")
    if measured and row.get("date_precision") == "day" and day is not None and day == row.get("date_end") \
            and (published is None or day <= published):
        return fx.day_rate(currency, day)
    if published is None:
        return f"{currency}: no date to take a rate at (no publication date)"
    return fx.day_rate(currency, published)


def in_usd(row: dict, published: dt.date | None) -> tuple[dict, str | None]:
    """The row with value_usd and the fx columns filled where a rate applies, and the reason when a
    figure in another currency gets no dollar value."""
    if row.get("value") is None or row.get("currency") in (None, "USD") or row.get("value_usd") is not None:
        return {**row, **_NONE}, None  # no amount, already dollars, or the text's own dollar figure
    rate = rate_for(row, published)
    if isinstance(rate, str):
        return {**row, **_NONE}, rate
    return {**row, "value_usd": row["value"] * rate.usd_per_unit, "fx_rate": rate.usd_per_unit,
            "fx_rate_date": rate.date, "fx_rate_basis": rate.basis}, None


def rows_in_usd(rows: list[dict], published: dt.date | None) -> tuple[list[dict], list[tuple[dict, str]]]:
    """`in_usd` for every row (same order), and each row without a rate beside its reason."""
    out, missing = [], []
    for row in rows:
        converted, reason = in_usd(row, published)
        out.append(converted)
        if reason is not None:
            missing.append((converted, reason))
    return out, missing
