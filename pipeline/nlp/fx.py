"""Exchange rates to the US dollar: the European Central Bank's euro reference rates, as the
currencyconverter package bundles them (its `eurofxref-hist` file), crossed through the euro.

A rate is the rate of one day (a weekend or holiday day interpolated between the published days
around it, as currencyconverter does) or the mean of the daily rates over a period. No rate is
extrapolated: a day before a currency's first published rate or after the bundled file's last one,
or a period not wholly inside them, has none, and the reason says why."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

SOURCE = "European Central Bank euro foreign exchange reference rates (eurofxref-hist), bundled by currencyconverter"
_SIGNIFICANT = 6  # digits kept of a rate: the ECB publishes four to six


@dataclass(frozen=True)
class Rate:
    """US dollars per one unit of a currency, the last day it covers, and whether it is one day's rate or
    the mean of a period's days (`basis`: "day" or "period_mean")."""

    usd_per_unit: float
    date: dt.date
    basis: str


@functools.lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=False)


def currencies() -> frozenset[str]:
    """The ISO 4217 codes with a reference rate in the bundled file (USD included)."""
    return frozenset(_converter().currencies)


def bounds(currency: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day with a published rate for the currency, or None when it has none."""
    c = _converter()
    if currency not in c.currencies:
        return None
    first = max(c.bounds[currency].first_date, c.bounds["USD"].first_date)
    last = min(c.bounds[currency].last_date, c.bounds["USD"].last_date)
    return first, last


def _round(x: float) -> float:
    return float(f"{x:.{_SIGNIFICANT}g}")


@functools.lru_cache(maxsize=4096)
def _day(currency: str, day: dt.date) -> float:
    return _converter().convert(1.0, currency, "USD", date=day)


def day_rate(currency: str, day: dt.date) -> Rate | str:
    """The rate of one day, or the reason there is none."""
    span = bounds(currency)
    if span is None:
        return f"{currency}: no reference rate"
    if not span[0] <= day <= span[1]:
        return f"{currency}: no reference rate on {day} (rates from {span[0]} to {span[1]})"
    return Rate(_round(_day(currency, day)), day, "day")


@functools.lru_cache(maxsize=1024)
def period_rate(currency: str, start: dt.date, end: dt.date) -> Rate | str:
    """The mean of the daily rates from `start` to `end` (both included), or the reason there is none."""
    span = bounds(currency)
    if span is None:
        return f"{currency}: no reference rate"
    if start < span[0] or end > span[1]:
        return f"{currency}: no reference rate for all of {start} to {end} (rates from {span[0]} to {span[1]})"
    days = (end - start).days + 1
    total = sum(_day(currency, start + dt.timedelta(days=k)) for k in range(days))
    return Rate(_round(total / days), end, "period_mean")
