"""Dates written in digits ("14.05.2019", "5/14/2019", "2019-03-12") and the day/month order a text shows."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.nlp.date_interval import safe_date

NUMERIC_ORDERS = ("dmy", "mdy")
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


def _order(a: int, b: int, sep: str, a1: int | None, ctx) -> str | None:
    """The order of a numeric date a<sep>b<sep>year (a1: the first day of a range "15-16.07.2021")."""
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    if a == b:
        return "dmy"  # 05/05/2019 reads the same either way
    order = ctx.numeric_order() or ("dmy" if sep == "." and a1 is None else None)
    if order is None and sep == ".":
        order = "dmy"
    return order


def numeric(m, ctx):
    """15-16.07.2021, 14.05.2019, 14/05/2019, 5/14/2019, 14-05-2019."""
    y, a, b, sep = int(m["y"]), int(m["a"]), int(m["b"]), m["sep"]
    a1 = int(m["a1"]) if m["a1"] else None
    order = _order(a, b, sep, a1, ctx)
    if order is None:  # 05/04/2018 with no convention: the year is all that is certain
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "explicit"
    if order == "mdy":
        if a1 is not None:
            return None
        d1 = d2 = safe_date(y, a, b)
    else:
        d2 = safe_date(y, b, a)
        d1 = safe_date(y, b, a1) if a1 is not None else d2
    if d1 is None or d2 is None or d1 > d2:
        return None
    return d1, d2, "day", "explicit"


def iso(m, ctx):
    """2019-03-12, 2024.10.23, 2024/10/23: year first is never ambiguous."""
    a = safe_date(int(m["y"]), int(m["mo"]), int(m["d"]))
    return (a, a, "day", "explicit") if a else None
