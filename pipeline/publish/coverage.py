"""The dates a dataset covers, reckoned once for every page that states them (the card, the report): its
facts' intervals and its articles' publication dates."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pandas as pd

DATED_TABLES = ("events", "documents", "trade")  # the fact tables, each row an interval date_start..date_end


def date_range(columns: Iterable[pd.Series]) -> tuple[dt.date, dt.date] | None:
    """The first and last date in `columns` (dates, timestamps or ISO strings; nulls ignored), or None."""
    found = [pd.to_datetime(c, errors="coerce").dropna() for c in columns]
    found = [c for c in found if len(c)]
    if not found:
        return None
    dates = pd.concat(found)
    return dates.min().date(), dates.max().date()


def fact_dates(tables: Mapping[str, pd.DataFrame]) -> tuple[dt.date, dt.date] | None:
    """From the earliest start to the latest end of the events', documents' and trade figures' dates."""
    return date_range(tables[name][column] for name in DATED_TABLES if name in tables
                      for column in ("date_start", "date_end") if column in tables[name])


def publication_dates(tables: Mapping[str, pd.DataFrame]) -> tuple[dt.date, dt.date] | None:
    articles = tables.get("articles")
    if articles is None or "published_date" not in articles:
        return None
    return date_range([articles["published_date"]])
