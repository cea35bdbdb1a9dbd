"""One consolidated row per cluster: the chosen value of every column, how it was chosen, and the conflicts."""
from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from pipeline.consolidate.match import GENERIC_VALUES, NAME_SIMILARITY, date_score, interval_of, similar_names
from schemas.fields import CONSOLIDATION
from schemas.spec import FIELDS as SPEC_FIELDS
from schemas.spec import TABLES as SPEC_TABLES

DATES = ("date_start", "date_end", "date_precision", "date_edtf")
LONGEST = frozenset({"visitor_name", "visitor_title", "occasion", "title", "issuer", "commodity"})
LATEST = frozenset({"status"})
NAMES = frozenset({"visitor_name"})  # a longest-rule column whose values conflict when they are not one name
# column -> the column whose chosen mention it follows: a mode qualifies its category, a code's root, Goldstein value
# and quad class are the code's, and the target goes with the source (a tuple: the first of its columns the table has)
PAIRED: dict[str, str | tuple[str, ...]] = {"plover_mode": "plover_type", "cameo_root": "cameo_code", "goldstein": "cameo_code",
          "quad_class": "cameo_code", "target_country": "source_country",
          # a dollar value goes with its amount, a rate with its dollar value; coordinates with their place
          "value_usd": "value", "fx_rate": "value_usd", "fx_rate_date": "value_usd", "fx_rate_basis": "value_usd",
          **dict.fromkeys(("geonames_id", "latitude", "longitude", "geo_precision"), ("host_city", "place", "location"))}
_EARLY = dt.date.min


# List columns that are never null (an empty list when no mention gives a value): parties, organisations...
_NON_NULL_LISTS = frozenset(c.name for t in SPEC_TABLES.values() if t.kind == "consolidated" for c in t.columns
                            if SPEC_FIELDS[c.name].type == "list" and not c.nullable)


def consolidated_row(columns: list[str], cluster_id: str, rows: list[dict], reported: list[dt.date | None],
                     reprints: dict[str, list[dt.date | None]] | None = None) -> dict:
    """The row of `columns` for the mentions `rows` (published on the dates `reported`, None unknown); the
    `reprints` of their articles (article id -> the reprints' publication dates) count as articles too."""
    row = {**_consolidated_row(columns, cluster_id, rows, reported), **_reports(rows, reported, reprints or {})}
    return {c: ([] if v is None and c in _NON_NULL_LISTS else v) for c, v in row.items()}


def _pair_follows(out: dict, rows: list[dict]) -> None:
    """A column that qualifies another (PLOVER's mode qualifies its category) takes its value from a mention that
    has the chosen value of the other, never a mix of two mentions' values."""
    for col, pair in PAIRED.items():
        of = next((c for c in ((pair,) if isinstance(pair, str) else pair) if c in out), None)
        if col in out and of is not None:
            out[col] = next((r.get(col) for r in rows if r.get(of) == out[of] and not _missing(r.get(col))), None)


def _consolidated_row(columns: list[str], cluster_id: str, rows: list[dict], reported: list[dt.date | None]) -> dict:
    """Each column chosen by its rule (`_choose`), the dates by their precision (`_dates`), then the reports."""
    if len(rows) == 1:  # most facts are reported once: nothing to choose
        return _single_row(columns, cluster_id, rows[0], reported[0])
    rows, reported = _earliest_first(rows, reported)
    out: dict = {columns[0]: cluster_id}
    chosen_by: list[str] = []
    conflicts: list[str] = []
    for col in columns[1:]:
        if col in DATES or col in CONSOLIDATION:
            continue
        choice = _choose(col, [r.get(col) for r in rows], reported)
        out[col] = choice.value
        if choice.varied:
            chosen_by.append(f"{col}:{choice.rule}")
        if choice.clash:
            conflicts.append(col)
    _pair_follows(out, rows)
    dates, date_rule, date_clash = _dates(rows)
    out.update(dates)
    if date_rule:
        chosen_by += ["date_start:most_precise", "date_end:most_precise"]
    if date_clash:
        conflicts += ["date_start", "date_end"]
    return {**out, "chosen_by": chosen_by, "conflicts": conflicts}


def _single_row(columns: list[str], cluster_id: str, r: dict, reported: dt.date | None) -> dict:
    """The row of a fact reported once: its mention's values as they are."""
    return {**{c: (None if _missing(r.get(c)) else r.get(c)) for c in columns if c not in CONSOLIDATION},
            columns[0]: cluster_id, "chosen_by": [], "conflicts": []}


def _earliest_first(rows: list[dict], reported: list[dt.date | None]) -> tuple[list[dict], list[dt.date | None]]:
    """The mentions and their report dates, the earliest report first (unknown dates last), so that ties go to it."""
    order = sorted(range(len(rows)), key=lambda i: (reported[i] is None, reported[i] or _EARLY, rows[i]["_id"]))
    return [rows[i] for i in order], [reported[i] for i in order]


def _reports(rows: list[dict], reported: list[dt.date | None], reprints: dict[str, list[dt.date | None]]) -> dict:
    """How often and when the fact was reported, by which mentions, in how many articles (reprints of them
    too) and independent texts."""
    sources = {r["article_id"] for r in rows}
    echoes = [d for a in sorted(sources) for d in reprints.get(a, ())]
    known = [d for d in (*reported, *echoes) if d is not None]
    return {"mention_count": len(rows), "article_count": len(sources) + len(echoes), "source_count": len(sources),
            "first_reported": min(known, default=None), "last_reported": max(known, default=None),
            "mention_ids": sorted(r["_id"] for r in rows)}


@dataclass(frozen=True)
class _Choice:
    """A column's chosen value, the rule that chose it, whether the mentions gave more than one value
    (`varied`: the rule is recorded) and whether they conflict."""

    value: Any
    rule: str = ""
    varied: bool = False
    clash: bool = False


def _choose(col: str, values: list, reported: list[dt.date | None]) -> _Choice:
    """The value of one column among the mentions' `values` (earliest report first): by the column's rule,
    the first of `_RULES` whose columns hold it, else the majority."""
    given = [_key(v) for v in values if not _missing(v)]
    if not given:
        return _Choice(None)
    rule = next((rule for cols, rule in _RULES if col in cols), _majority)
    return replace(rule(col, values, given, reported), varied=len(set(given)) > 1)


def _longest(col: str, values: list, given: list, reported: list[dt.date | None]) -> _Choice:
    """The longest value (the fullest name or title); names conflict when one is not a form of another."""
    present: list = [v for v in values if not _missing(v)]
    value = max(present, key=lambda v: len(v.strip()) if isinstance(v, str) else len(v))
    clash = col in NAMES and any(similar_names(a, value) < NAME_SIMILARITY for a in set(given))
    return _Choice(value, "longest", clash=clash)


def _latest(col: str, values: list, given: list, reported: list[dt.date | None]) -> _Choice:
    """The value of the latest report (a status changes: planned, then held), else the first given."""
    latest = max(range(len(values)), key=lambda i: (reported[i] is not None, reported[i] or _EARLY, -i))
    value = values[latest] if not _missing(values[latest]) else next(v for v in values if not _missing(v))
    return _Choice(value, "latest_report")


def _majority(col: str, values: list, given: list, reported: list[dt.date | None]) -> _Choice:
    """The most frequent specific value (a generic one only when no other is given), the earliest on a tie;
    two specific values conflict."""
    counts = Counter(given)
    specific = [k for k in counts if k not in GENERIC_VALUES] or list(counts)
    top = max(counts[k] for k in specific)
    winner = next(k for k in given if k in specific and counts[k] == top)
    value = next(v for v in values if not _missing(v) and _key(v) == winner)
    return _Choice(value, "majority", clash=len(specific) > 1)


_RULES: tuple[tuple[frozenset[str], Callable[[str, list, list, list[dt.date | None]], _Choice]], ...] = (
    (LONGEST, _longest), (LATEST, _latest))  # columns -> their rule, tried in order; the rest take the majority


def _dates(rows: list[dict]) -> tuple[dict, bool, bool]:
    """The narrowest date (the most frequent among equally narrow ones, then the earliest report's), whether
    the mentions gave more than one, and whether two of them cannot be the same date."""
    dated = [(i, r) for i, r in ((interval_of(r.get("date_start"), r.get("date_end")), r) for r in rows)
             if i is not None]
    if not dated:
        r = rows[0]
        return {c: r.get(c) for c in DATES}, False, False
    counts = Counter(i for i, _ in dated)
    narrowest = min((i[1] - i[0]).days for i in counts)
    best = max((i for i in counts if (i[1] - i[0]).days == narrowest), key=lambda i: counts[i])
    top = counts[best]
    best = next(i for i, _ in dated if (i[1] - i[0]).days == narrowest and counts[i] == top)
    row = next(r for i, r in dated if i == best)
    distinct = list(counts)
    clash = any(date_score(a, b) is None or (date_score(a, b) or 0) < 0.8
                for k, a in enumerate(distinct) for b in distinct[k + 1:])
    return {c: row.get(c) for c in DATES}, len(distinct) > 1, clash


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, (list, tuple)) and not v)


def _key(v):
    return tuple(v) if isinstance(v, list) else v
