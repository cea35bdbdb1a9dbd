"""One fact mentioned twice in an article is one row: a headline or lead restating the body, a pasted
duplicate paragraph, "the agreement" named again. The first, most complete mention is kept as the
evidence; a later mention only fills what the kept one leaves empty (its date, a city)."""
from __future__ import annotations

import dataclasses
from typing import Any

from rapidfuzz import fuzz

from pipeline.extract.rows import Fact, R
from pipeline.nlp.rules import lexicon

_PART_SIMILARITY = 95  # rapidfuzz partial_ratio: a title of two words or more that is part of the other
_GENERIC_MAX_WORDS = 4  # a generic title ("the historic bilateral agreement") is this short at most
_TITLE_SIMILARITY = 85  # rapidfuzz token_sort_ratio: "$200m loan agreement" ~ "200m loan agreement"
_FILLABLE = {
    "visits": ("host_city", "occasion", "visitor_title"),
    "documents": ("place", "issuer"),
    "trade": ("commodity", "value_usd"),  # a USD figure always has its own value_usd, so it is never filled
}
# What the kept mention left unsaid and the other stated, taken over and marked inferred.
_FILLABLE_INFERRED = {"trade": ("year", "flow_from", "flow_to", "reporter", "partner")}
_DATE_FIELDS = ("date_start", "date_end", "date_precision", "date_text", "date_source")


def _dates_agree(a: dict, b: dict) -> bool:
    """Both undated, one undated, or one interval inside the other ("2023" and "12 May 2023")."""
    sa, ea, sb, eb = a.get("date_start"), a.get("date_end"), b.get("date_start"), b.get("date_end")
    if sa is None or sb is None or ea is None or eb is None:
        return True
    return (sa <= sb and eb <= ea) or (sb <= sa and ea <= eb)


def _same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, full = sorted((a.lower(), b.lower()), key=len)
    return set(short.split()) <= set(full.replace("-", " ").split())  # "Lula" / "Luiz Inacio Lula da Silva"


def _same_office(a: dict, b: dict) -> bool:
    """Two mentions of one visitor named only by office ("the Chilean president" twice)."""
    return not a.get("visitor_name") and not b.get("visitor_name") and a.get("visitor_role") == b.get("visitor_role")


def _same_fact(table: str, a: dict, b: dict) -> bool:
    """Whether two mentions of `table` state one fact: dates that agree, and the table's own test."""
    same = _SAME_FACT.get(table)
    return same is not None and _dates_agree(a, b) and same(a, b)


def _same_visit(a: dict, b: dict) -> bool:
    """"X will visit Y" and "X's visit to Y" in one article: one visit, by one visitor (or office)."""
    return (a["visitor_country"] == b["visitor_country"] and a["host_country"] == b["host_country"]
            and (_same_name(a.get("visitor_name"), b.get("visitor_name")) or _same_office(a, b)))


def _same_document(a: dict, b: dict) -> bool:
    """"are expected to sign the accord" and "signed the accord": one instrument, of one kind, parties and
    issuer, its titles alike or one of them generic."""
    if a.get("count") != b.get("count") or a["doc_type"] != b["doc_type"]:
        return False
    if sorted(a.get("parties") or []) != sorted(b.get("parties") or []):
        return False
    if a.get("issuer") and b.get("issuer") and a["issuer"] != b["issuer"]:
        return False
    if _similar_titles(a["title"], b["title"]):
        return True
    # "the historic treaty" and "the Border Security Treaty"; resolutions are many, of many bodies
    return a["doc_type"] != "resolution" and _generic(a["title"]) != _generic(b["title"])


def _same_figure(a: dict, b: dict) -> bool:
    """One figure of one status, indicator and currency, its amount restated, its year and direction agreeing."""
    if a.get("status") != b.get("status") or a.get("value") is None or b.get("value") is None:
        return False
    return (a["indicator"] == b["indicator"] and a.get("currency") == b.get("currency")
            and _same_amount(a, b) and _same_direction(a, b))


_SAME_VALUE_WITHIN = 0.005  # two amounts this close (a share of the larger) are one amount written twice


def _same_amount(a: dict, b: dict) -> bool:
    va, vb = a["value"], b["value"]
    return abs(va - vb) <= _SAME_VALUE_WITHIN * max(abs(va), abs(vb)) or _restated(a, b)


def _same_direction(a: dict, b: dict) -> bool:
    """The same year and flow where both say it, and the same two states where both name them."""
    return (all(_agree(a.get(k), b.get(k)) for k in ("year", "flow_from", "flow_to"))
            and (None in (a.get("reporter"), b.get("reporter"), a.get("partner"), b.get("partner"))
                 or {a["reporter"], a["partner"]} == {b["reporter"], b["partner"]}))


_SAME_FACT = {"visits": _same_visit, "documents": _same_document, "trade": _same_figure}  # table -> its test


def _agree(x: Any, y: Any) -> bool:
    return x is None or y is None or x == y


def _digits(value: float) -> int:
    """Significant digits of an amount as written: 2e9 -> 1, 1.96e9 -> 3."""
    return len(f"{abs(value):.12e}".split("e")[0].replace(".", "").rstrip("0")) or 1


def _round_to(value: float, digits: int) -> float:
    return float(f"{value:.{digits - 1}e}")


_RESTATED_WITHIN = 0.05  # a rounded figure is at most 5% from the exact one it restates


def _restated(a: dict, b: dict) -> bool:
    """One figure is the other rounded ("nearly $2 billion" in the lead, "$1.96 billion" in the body): it has
    fewer significant digits, lies within 5% of the other on the side its qualifier says, and, stated
    without a qualifier, is the other rounded to its own digits."""
    rounded, exact = sorted((a, b), key=lambda r: _digits(r["value"]))
    r, e = rounded["value"], exact["value"]
    if _digits(r) == _digits(e) or abs(r - e) > _RESTATED_WITHIN * max(r, e):
        return False
    qualifier = rounded.get("value_qualifier")
    if qualifier == "more than":
        return e >= r
    if qualifier == "less than":
        return e <= r
    return qualifier == "about" or _round_to(e, _digits(r)) == r


def _similar_titles(a: str, b: str) -> bool:
    """Near-equal titles, or one inside the other when the shorter says more than its type word
    ("loan agreement" in "the $50m loan agreement", but not "resolution" in "resolution on X")."""
    a, b = a.lower().strip(), b.lower().strip()
    if fuzz.token_sort_ratio(a, b) >= _TITLE_SIMILARITY:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short.split()) >= 2 and fuzz.partial_ratio(short, long_) >= _PART_SIMILARITY


_GENERIC_WORDS = lexicon("documents", "generic_title_words")


def _generic(title: str) -> bool:
    """"the historic agreement", "this agreement": a title that only says what kind of instrument it is,
    so it can be a later or earlier mention of a named one of the same kind and parties."""
    words = title.lower().replace("-", " ").split()
    return len(words) <= _GENERIC_MAX_WORDS and all(w in _GENERIC_WORDS for w in words[:-1])


def _rank(table: str, row: dict) -> tuple[int, int]:
    """Which of two mentions to keep: for a figure the exact one first (more significant digits), then the
    more complete."""
    digits = _digits(row["value"]) if table == "trade" and row.get("value") is not None else 0
    return digits, _completeness(row)


def _completeness(row: dict) -> int:
    named = int(bool(row.get("title")) and not _generic(row["title"]))  # a named instrument over "the agreement"
    # a date stated in the mention over one carried to it from elsewhere
    stated = int(row.get("date_start") is not None and "date_start" not in (row.get("inferred_fields") or ()))
    return named + stated + sum(row.get(k) is not None for k in ("date_start", "host_city", "place", "year", "visitor_title",
                                                        "occasion", "issuer"))


_PRECISIONS = ("decade", "year", "season", "month", "day")


def _narrowness(row: dict) -> int:
    """Of two equally complete mentions, the one with the finer date precision ("November 2003" over
    "2003") is kept; at one precision, the first (a day inside a stated two-day visit is not its date)."""
    p = row.get("date_precision")
    return _PRECISIONS.index(p) + 1 if row.get("date_start") is not None and p in _PRECISIONS else 0


def merge_facts(table: str, facts: list[Fact[R]]) -> list[Fact[R]]:
    """`facts` (one article, one table, in text order) with repeated mentions of one fact merged; each merged
    row keeps the anchor and links of the mention kept (a member's `package` follows its package row into
    the merged list). Rows that belong to a list of distinct facts in one span are never merged."""
    kept, where = _merged(table, [dict(f.row) for f in facts])
    return [dataclasses.replace(facts[k], row=row, package=_moved(facts[k].package, where)) for row, k in kept]


def _moved(index: int | None, where: list[int]) -> int | None:
    return None if index is None else where[index]


def _merged(table: str, rows: list[dict]) -> tuple[list[tuple[Any, int]], list[int]]:
    """The merged rows, each with the index (in `rows`) of the mention it keeps as the evidence; and for each
    input row, the index of the merged row it became."""
    kept: list[tuple[dict, int]] = []
    where: list[int] = []
    for n, row in enumerate(rows):
        twin = next((k for k, (r, _) in enumerate(kept) if r["char_start"] != row["char_start"]
                     and _same_fact(table, r, row)), None)
        if twin is None:
            where.append(len(kept))
            kept.append((row, n))
            continue
        where.append(twin)
        other_row, other_n = kept[twin]
        if (_rank(table, other_row), _narrowness(other_row)) >= (_rank(table, row), _narrowness(row)):
            (first, first_n), other = (other_row, other_n), row
        else:
            (first, first_n), other = (row, n), other_row
        merged = dict(first)
        if merged.get("date_start") is None and other.get("date_start") is not None:
            merged.update({k: other.get(k) for k in _DATE_FIELDS})
            merged["inferred_fields"] = sorted(set(merged.get("inferred_fields") or []) | {"date_start", "date_end"})
        if table == "documents" and _generic(merged["title"]) and not _generic(other["title"]):
            merged["title"] = other["title"]  # "the historic treaty" is the Border Security Treaty
        for k in _FILLABLE.get(table, ()):
            if merged.get(k) is None and other.get(k) is not None:
                merged[k] = other[k]
        filled = [k for k in _FILLABLE_INFERRED.get(table, ()) if merged.get(k) is None and other.get(k) is not None]
        if filled:
            merged.update({k: other[k] for k in filled})
            merged["inferred_fields"] = sorted(set(merged.get("inferred_fields") or []) | set(filled))
        kept[twin] = (merged, first_n)
    return kept, where
