# A copy of the referee for facts-only gold of real pages (the shared tools/score_real.py), kept in
# the repository so that scoring the real pages needs nothing outside it. Do not edit: refresh it
# from the shared copy when that changes.
#!/usr/bin/env python3
"""Score pipeline output against facts-only gold for real articles (no article text, no quotes).

usage: score_real.py OUT GOLD_DIR [--verbose] [--hits] [--json] [--strict-only]

Each GOLD_DIR/<stem>.yaml (files without a `gold:` mapping, such as README.yaml, are skipped)
is scored against the article in OUT/articles.parquet whose source_path has that stem; a gold
file with no such article counts all its facts as missed. Other articles in OUT are ignored.

Per table, each gold fact is paired with at most one predicted row of the same article:
every admissible (gold, prediction) pair is ranked by how well it agrees (date, names,
title words, value ...) and pairs are taken best first (greedy, one-to-one).

Keys (all must hold):
  visits     visitor_country and host_country equal; date = gold start_date vs date_start
  documents  doc_type (gold other/joint_statement also accept declaration, other, joint_statement;
             gold declaration also accepts joint_statement; a gold package - a row with `count` -
             of type other also accepts agreement and memorandum); parties equal as sets
             (lenient: a predicted superset with at most one extra party); date = gold date
  trade      indicator (gold other/target: accepts a predicted indicator or status 'target', any
             indicator when the gold description says 'target'); value within 1% (a null gold
             value needs a null prediction); currency equal; year when both give one (strict:
             a gold year must be given); gold `direction: [FROM, TO]` must equal flow_from/flow_to,
             or, where those are empty, the direction read from reporter/partner (exports, aid,
             investment, loan: reporter -> partner; imports: partner -> reporter)
  events     gold `type` equals event_type; gold actors a subset of countries; date = gold date

Dates: gold 'YYYY' = same year, 'YYYY-MM' = same month, 'YYYY-MM-DD' = same day, 'A/B' = the
predicted start lies in the interval, '--MM-DD' = same month and day, '--MM' = same month; a null gold date accepts
any prediction. Three modes:
  lenient   a gold date also accepts a null predicted date, or a predicted interval that
            contains the gold date (coarser but not wrong)
  strict    the predicted start must satisfy the rule above, with a precision no coarser
            than the gold's (a 'month' 1996-05 does not satisfy the day 1996-05-01)
  strict_excl_inferred  strict, except that gold facts marked `inferred: true` (trade:
            `inferred_year: true` too) get the lenient date rule
Counts: a matched gold fact is a hit; an unmatched one is missed; a predicted row that matches
nothing is an extra (so a second prediction of an already matched fact is an extra). Facts with
`optional: true` are neutral: matching one is neither a hit nor an extra, missing it is no miss.
Predicted events linked to a visit, document or trade row (visit_id/document_id/trade_id set)
may match gold events, but when they match none they are neutral, not extras: they restate rows
scored in their own tables, and the gold events lists hold only the other occurrences.

Output: per mode and table tp/fp/fn, precision, recall, F1; --verbose lists every missed gold
fact and every extra row (first 90 characters of its evidence) with the modes it applies to;
--hits also lists the pairs matched. Last line:
  REAL strict visits=P/R documents=P/R trade=P/R events=P/R | lenient ... | strict_excl_inferred ...
--json prints the same as one JSON object instead. --strict-only scores the strict mode only.
Needs pandas, pyarrow, pyyaml.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

TABLES = ["visits", "documents", "trade", "events"]
MODES = ["strict", "lenient", "strict_excl_inferred"]
SHORT = {"strict": "strict", "lenient": "lenient", "strict_excl_inferred": "strict-x"}
PREC_RANK = {"day": 0, "month": 1, "season": 2, "year": 3, "decade": 4, "unknown": 5}
LINK_COLS = ["visit_id", "document_id", "trade_id"]
DOC_EQUIV = {
    "other": {"declaration", "other", "joint_statement"},
    "joint_statement": {"declaration", "other", "joint_statement"},
    "declaration": {"declaration", "joint_statement"},
}
PACKAGE_EXTRA = {"agreement", "memorandum"}
STOP = {"the", "of", "and", "on", "in", "a", "an", "to", "for", "by", "with", "between", "at", "de"}


# ---------------------------------------------------------------- values

def val(v):
    """A cell or gold value as a plain Python value; None for every kind of missing."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else pd.Timestamp(v).to_pydatetime()
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):   # numpy scalars and arrays
        v = v.tolist()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def text(v) -> str | None:
    v = val(v)
    return None if v is None else str(v)


def code(v) -> str | None:
    v = text(v)
    return None if v is None else v.upper()


def low(v) -> str | None:
    v = text(v)
    return None if v is None else v.lower()


def codes(v) -> set[str]:
    """A list cell (numpy array, list, tuple, JSON-ish string) or gold list as a set of upper codes."""
    v = val(v)
    if v is None:
        return set()
    if isinstance(v, str):
        v = re.findall(r"[A-Za-z]{3}", v)
    if not isinstance(v, (list, tuple, set)):
        v = [v]
    return {str(x).strip().upper() for x in v if val(x) is not None}


def number(v) -> float | None:
    v = val(v)
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def to_date(v) -> dt.date | None:
    v = val(v)
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", str(v))
    if m:
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            return None
    return None


def tokens(s) -> set[str]:
    s = text(s)
    if not s:
        return set()
    return set(re.findall(r"[a-z0-9]+", s.lower())) - STOP


def overlap(a: set, b: set) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


# ---------------------------------------------------------------- dates

def _month_end(y, m):
    return dt.date(y, 12, 31) if m == 12 else dt.date(y, m + 1, 1) - dt.timedelta(days=1)


def _one(s: str):
    """'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD[...]' -> (lo, hi, precision). ('--MM' and '--MM-DD',
    without a year, are handled by GoldDate.)"""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", s.strip())
    if not m:
        raise ValueError(s)
    y, mo, d = m.group(1), m.group(2), m.group(3)
    y = int(y)
    if mo is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    mo = int(mo)
    if d is None:
        return dt.date(y, mo, 1), _month_end(y, mo), "month"
    day = dt.date(y, mo, int(d))
    return day, day, "day"


class GoldDate:
    """A gold date: kind is 'range' (lo..hi, the predicted start must fall inside) or 'md'."""

    def __init__(self, raw):
        self.raw = raw
        self.md = None
        if isinstance(raw, dt.datetime):
            raw = raw.date()
        if isinstance(raw, dt.date):
            self.lo = self.hi = raw
            self.prec = "day"
            self.exact = "day"
            return
        s = str(raw).strip()
        if re.fullmatch(r"--\d{2}", s):              # month, year not given
            self.md = (int(s[2:4]), None)
            dt.date(2000, self.md[0], 1)
            self.lo = self.hi = None
            self.prec = "month"
            self.exact = "m"
            return
        if re.fullmatch(r"--\d{2}-\d{2}", s):
            self.md = (int(s[2:4]), int(s[5:7]))
            dt.date(2000, *self.md)                  # validates month and day
            self.lo = self.hi = None
            self.prec = "day"
            self.exact = "md"
            return
        if "/" in s:
            a, b = s.split("/", 1)
            lo, _, pa = _one(a)
            _, hi, pb = _one(b)
            self.lo, self.hi = lo, hi
            self.prec = max(pa, pb, key=PREC_RANK.get)
            self.exact = "interval"
            return
        self.lo, self.hi, self.prec = _one(s)
        self.exact = self.prec                     # year | month | day

    def __str__(self):
        return str(self.raw)

    def strict_ok(self, start: dt.date | None, prec: str | None) -> bool:
        if start is None:
            return False
        if prec in PREC_RANK and PREC_RANK[prec] > PREC_RANK[self.prec]:
            return False                           # a coarser prediction only agrees by accident
        if self.exact == "md":
            return (start.month, start.day) == self.md
        if self.exact == "m":
            return start.month == self.md[0]
        if self.exact == "year":
            return start.year == self.lo.year
        if self.exact == "month":
            return (start.year, start.month) == (self.lo.year, self.lo.month)
        if self.exact == "day":
            return start == self.lo
        return self.lo <= start <= self.hi         # interval

    def contained_in(self, start: dt.date | None, end: dt.date | None) -> bool:
        """The predicted interval holds the whole gold date (coarser but consistent)."""
        if start is None:
            return False
        end = end or start
        if self.exact == "m":
            return any((y, m) == (start.year, start.month) or (y, m) == (end.year, end.month)
                       for y in range(start.year, end.year + 1) for m in [self.md[0]]) and \
                (end - start).days < 366
        if self.exact == "md":
            for y in range(start.year, end.year + 1):
                try:
                    d = dt.date(y, *self.md)
                except ValueError:
                    continue
                if start <= d <= end:
                    return True
            return False
        return start <= self.lo and self.hi <= end


def pred_precision(p: dict) -> str | None:
    prec = low(p.get("date_precision"))
    if prec in PREC_RANK:
        return prec
    s, e = to_date(p.get("date_start")), to_date(p.get("date_end"))
    if s is None:
        return None
    if e is None or e == s:
        return "day"
    if s.day == 1 and e == _month_end(s.year, s.month):
        return "month"
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
        return "year"
    return None


def date_check(gd: GoldDate | None, p: dict, rule: str) -> tuple[bool, int]:
    """(admissible, quality) of a predicted row's date against a gold date under a rule."""
    start, end = to_date(p.get("date_start")), to_date(p.get("date_end"))
    prec = pred_precision(p)
    if gd is None:
        return True, (2 if start is None else 1)
    if gd.strict_ok(start, prec):
        return True, (4 if prec == gd.prec else 3)
    if rule == "strict":
        return False, 0
    if start is None:
        return True, 1
    if gd.contained_in(start, end):
        return True, 2
    return False, 0


# ---------------------------------------------------------------- gold

class Fact:
    def __init__(self, table: str, idx: int, row: dict, problems: list, where: str):
        self.table, self.idx, self.row = table, idx, row
        self.optional = bool(row.get("optional"))
        self.inferred = bool(row.get("inferred")) or (table == "trade" and bool(row.get("inferred_year")))
        raw = {"visits": row.get("start_date", row.get("date_start")),
               "documents": row.get("date", row.get("date_start")),
               "events": row.get("date", row.get("date_start")),
               "trade": None}[table]
        self.date = None
        if val(raw) is not None:
            try:
                self.date = GoldDate(raw)
            except ValueError:
                problems.append(f"{where}: {table}[{idx}] date {raw!r} not understood; treated as absent")
        if table == "events" and not text(row.get("type")):
            problems.append(f"{where}: events[{idx}] has no `type`; it cannot match")
        # `alt: {field: [values]}`: other values that are also correct; each is tried as a variant.
        self.variants = []
        alt = row.get("alt") if isinstance(row.get("alt"), dict) else {}
        for field, values in alt.items():
            for v in values if isinstance(values, list) else [values]:
                other = {k: x for k, x in row.items() if k != "alt"}
                for f2 in (field, {"date": "start_date", "start_date": "date"}.get(field)):
                    if f2 in other or f2 == field:
                        other[f2] = v
                self.variants.append(Fact(table, idx, other, problems, where))

    def describe(self) -> str:
        g = self.row
        if self.table == "visits":
            who = text(g.get("visitor_name")) or text(g.get("visitor_title")) or "?"
            s = f"{code(g.get('visitor_country'))}->{code(g.get('host_country'))} {self.date} {who}"
        elif self.table == "documents":
            s = (f"{g.get('doc_type')} {sorted(codes(g.get('parties')))} {self.date} "
                 f"{(text(g.get('name')) or text(g.get('title')) or '')[:70]}")
            if g.get("count") is not None:
                s += f" (package of {g.get('count')})"
        elif self.table == "trade":
            s = f"{g.get('indicator')} {_fmt_num(number(g.get('value')))} {g.get('currency')} year={g.get('year')}"
            if g.get("direction"):
                s += f" {'->'.join(map(str, g.get('direction')))}"
            if text(g.get("description")):
                s += f" ({text(g.get('description'))[:60]})"
        else:
            s = f"{g.get('type')} {sorted(codes(g.get('actors')))} {self.date} '{text(g.get('event_type')) or ''}'"
        if self.inferred:
            s += " [inferred]"
        if self.optional:
            s += " [optional]"
        return s


def _fmt_num(x):
    if x is None:
        return "None"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:g}"


def load_gold(gold_dir: Path, problems: list):
    files = []
    for f in sorted(gold_dir.glob("*.yaml")) + sorted(gold_dir.glob("*.yml")):
        try:
            doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            problems.append(f"{f.name}: not valid YAML ({str(e).splitlines()[0]}); skipped")
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("gold"), dict):
            if f.stem.lower() != "readme":
                problems.append(f"{f.name}: no `gold:` mapping; skipped")
            continue
        facts = {}
        for t in TABLES:
            rows = doc["gold"].get(t) or []
            facts[t] = []
            for i, r in enumerate(rows):
                if not isinstance(r, dict):
                    problems.append(f"{f.name}: {t}[{i}] is not a mapping; skipped")
                    continue
                facts[t].append(Fact(t, i, r, problems, f.name))
        files.append((f.stem, facts))
    return files


# ---------------------------------------------------------------- predictions

def load_output(out: Path, problems: list) -> dict[str, pd.DataFrame]:
    tables = {}
    for name in ["articles", *TABLES]:
        f = out / f"{name}.parquet"
        if not f.exists():
            problems.append(f"missing {name}.parquet: treated as empty")
            tables[name] = pd.DataFrame()
            continue
        try:
            tables[name] = pd.read_parquet(f)
        except Exception as e:                      # unreadable file: say so, score as empty
            problems.append(f"{name}.parquet unreadable ({type(e).__name__}: {e}); treated as empty")
            tables[name] = pd.DataFrame()
    return tables


def stem_of(source_path: str) -> str:
    return Path(str(source_path).split("#", 1)[0]).stem


def rows_by_article(df: pd.DataFrame, table: str, problems: list) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if df.empty:
        return out
    if "article_id" not in df.columns:
        problems.append(f"{table}.parquet has no article_id column: its rows cannot be scored")
        return out
    for i, r in enumerate(df.to_dict("records")):
        r["_row"] = i
        out.setdefault(text(r.get("article_id")), []).append(r)
    return out


def pred_year(p: dict) -> int | None:
    y = number(p.get("year"))
    if y is not None:
        return int(y)
    d = to_date(p.get("date_start"))
    return d.year if d else None


def pred_direction(p: dict):
    ff, ft = code(p.get("flow_from")), code(p.get("flow_to"))
    if ff and ft:
        return [ff, ft]
    rep, par, ind = code(p.get("reporter")), code(p.get("partner")), low(p.get("indicator"))
    if rep and par:
        if ind == "imports":
            return [par, rep]
        if ind in ("exports", "aid", "investment", "loan"):
            return [rep, par]
    return None


def is_linked(p: dict) -> bool:
    return any(text(p.get(c)) for c in LINK_COLS)


def describe_pred(table: str, p: dict) -> str:
    d = to_date(p.get("date_start"))
    ds = f"{d}({pred_precision(p)})" if d else "None"
    if table == "visits":
        s = f"{code(p.get('visitor_country'))}->{code(p.get('host_country'))} {ds} {text(p.get('visitor_name'))}"
    elif table == "documents":
        s = f"{p.get('doc_type')} {sorted(codes(p.get('parties')))} {ds} {(text(p.get('title')) or '')[:60]}"
    elif table == "trade":
        dirn = pred_direction(p)
        s = (f"{p.get('indicator')} {_fmt_num(number(p.get('value')))} {text(p.get('currency'))} "
             f"year={pred_year(p)} {'->'.join(dirn) if dirn else 'no-direction'}")
    else:
        s = f"{p.get('event_type')} {sorted(codes(p.get('countries')))} {ds}"
        if is_linked(p):
            s += " [linked]"
    ev = (text(p.get("evidence")) or "").replace("\n", " ")[:90]
    return f"{s} | {ev!r}"


# ---------------------------------------------------------------- matching

def date_rule(mode: str, fact: Fact) -> str:
    if mode == "lenient" or (mode == "strict_excl_inferred" and fact.inferred):
        return "lenient"
    return "strict"


def admissible(table: str, f: Fact, p: dict, mode: str):
    """None if the pair is not admissible, else its quality (higher = better agreement);
    a fact with `alt` values is admissible when any of its variants is."""
    qs = [q for q in (_admissible(table, v, p, mode) for v in [f] + f.variants) if q is not None]
    return max(qs) if qs else None


def _admissible(table: str, f: Fact, p: dict, mode: str):
    g, rule = f.row, date_rule(mode, f)
    if table == "visits":
        if code(g.get("visitor_country")) != code(p.get("visitor_country")):
            return None
        if code(g.get("host_country")) != code(p.get("host_country")):
            return None
        ok, dq = date_check(f.date, p, rule)
        if not ok:
            return None
        gname = tokens(g.get("visitor_name")) or tokens(g.get("visitor_title"))
        pname = tokens(p.get("visitor_name")) | tokens(p.get("visitor_title"))
        return 2 * dq + overlap(gname, pname)
    if table == "documents":
        gt, pt = low(g.get("doc_type")), low(p.get("doc_type"))
        allowed = set(DOC_EQUIV.get(gt, {gt}))
        if g.get("count") is not None and gt == "other":
            allowed |= PACKAGE_EXTRA
        if pt not in allowed:
            return None
        gp, pp = codes(g.get("parties")), codes(p.get("parties"))
        if gp != pp:
            if mode != "lenient" or not (pp > gp and len(pp - gp) <= 1):
                return None
        ok, dq = date_check(f.date, p, rule)
        if not ok:
            return None
        name = tokens(g.get("name")) or tokens(g.get("title"))
        return 2 * dq + overlap(name, tokens(p.get("title"))) + (0.5 if pt == gt else 0) + (0.25 if gp == pp else 0)
    if table == "trade":
        gi, pi = low(g.get("indicator")), low(p.get("indicator"))
        if gi in ("other", "target"):
            ok = (pi == gi or pi == "target" or low(p.get("status")) == "target"
                  or gi == "target" or "target" in (low(g.get("description")) or ""))
        else:
            ok = pi == gi
        if not ok:
            return None
        pv, pcur = number(p.get("value")), code(p.get("currency"))
        # the figure as given, or the same figure in another currency (`value_alt: {CUR: value}`)
        figures = [(number(g.get("value")), code(g.get("currency")))]
        if isinstance(g.get("value_alt"), dict):
            figures += [(number(v), code(c)) for c, v in g["value_alt"].items()]
        gv = None
        for fv, fcur in figures:
            if (fv is None) == (pv is None) and fcur == pcur and (fv is None or abs(pv - fv) <= 0.01 * abs(fv)):
                gv = fv
                break
        else:
            return None
        gy, py = number(g.get("year")), pred_year(p)
        if gy is not None:
            if py is None:
                if rule == "strict":
                    return None
            elif int(gy) != py:
                return None
        gd = g.get("direction")
        if gd:
            if pred_direction(p) != [str(x).upper() for x in gd]:
                return None
        closeness = 1.0 if gv is None or gv == 0 else 1.0 - abs(pv - gv) / abs(gv)
        return (closeness + (0.5 if pi == gi else 0) + (0.5 if gy is not None and py == int(gy) else 0)
                + (0.25 if gy is None and py is None else 0))
    # events
    if low(g.get("type")) is None or low(g.get("type")) != low(p.get("event_type")):
        return None
    ga, pc = codes(g.get("actors")), codes(p.get("countries"))
    if not ga <= pc:
        return None
    ok, dq = date_check(f.date, p, rule)
    if not ok:
        return None
    return 2 * dq + (0.5 if ga == pc else 0) + (0.25 if not is_linked(p) else 0) + \
        0.25 * overlap(tokens(g.get("event_type")), tokens(p.get("evidence")))


def match(table: str, facts: list[Fact], preds: list[dict], mode: str) -> dict[int, int]:
    """Greedy one-to-one matching, best pair first: {fact index: pred index}."""
    pairs = []
    for fi, f in enumerate(facts):
        for pi, p in enumerate(preds):
            q = admissible(table, f, p, mode)
            if q is not None:
                pairs.append((-q, f.optional, fi, pi))
    pairs.sort()
    used_f, used_p = {}, set()
    for _, _, fi, pi in pairs:
        if fi in used_f or pi in used_p:
            continue
        used_f[fi] = pi
        used_p.add(pi)
    return used_f


def notes_for(table: str, f: Fact, p: dict) -> list[str]:
    """Disagreements outside the keys, shown with --hits."""
    g, out = f.row, []
    if f.date is None and to_date(p.get("date_start")) is not None and table != "trade":
        out.append(f"gold has no date, predicted {to_date(p.get('date_start'))}")
    if table == "visits" and val(g.get("end_date")) is not None:
        try:
            ge = GoldDate(g.get("end_date"))
        except ValueError:
            ge = None
        pe = to_date(p.get("date_end"))
        if ge is not None and not (pe is not None and ge.strict_ok(pe, None)):
            out.append(f"end date {pe} for gold {ge}")
    if table == "trade":
        if g.get("year") is None and pred_year(p) is not None:
            out.append(f"gold has no year, predicted {pred_year(p)}")
        if low(g.get("indicator")) != low(p.get("indicator")):
            out.append(f"indicator {p.get('indicator')} for gold {g.get('indicator')}")
    if table == "documents":
        if low(g.get("doc_type")) != low(p.get("doc_type")):
            out.append(f"doc_type {p.get('doc_type')} for gold {g.get('doc_type')}")
        if codes(g.get("parties")) != codes(p.get("parties")):
            out.append(f"parties {sorted(codes(p.get('parties')))}")
    gs, ps = low(g.get("status")), low(p.get("status"))
    if gs and ps and gs != ps:
        out.append(f"status {ps} for gold {gs}")
    return out


# ---------------------------------------------------------------- scoring

def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f1, 3)


def score(out: Path, gold_dir: Path, modes: list[str]) -> dict:
    problems: list[str] = []
    gold_files = load_gold(gold_dir, problems)
    tables = load_output(out, problems)
    arts = tables["articles"]
    by_stem: dict[str, str] = {}
    if not arts.empty:
        if "source_path" not in arts.columns or "article_id" not in arts.columns:
            problems.append("articles.parquet lacks source_path or article_id: no article can be matched")
        else:
            for sp, aid in zip(arts["source_path"], arts["article_id"]):
                st = stem_of(sp)
                if st in by_stem:
                    problems.append(f"two articles with stem {st!r}: the first ({by_stem[st]}) is scored")
                    continue
                by_stem[st] = text(aid)
    preds_by = {t: rows_by_article(tables[t], t, problems) for t in TABLES}
    counts = {m: {t: {"tp": 0, "fp": 0, "fn": 0, "neutral": 0} for t in TABLES} for m in modes}
    files_out = {}
    gold_stems = set()
    for stem, facts in gold_files:
        gold_stems.add(stem)
        aid = by_stem.get(stem)
        fo = {"article_id": aid, "tables": {}}
        if aid is None:
            problems.append(f"{stem}: no article with this stem in articles.parquet; its facts count as missed")
        for t in TABLES:
            fl = facts[t]
            preds = preds_by[t].get(aid, []) if aid else []
            tinfo = {"missed": [], "extra": [], "hits": [], "neutral": []}
            missed_modes: dict[int, list] = {}
            extra_modes: dict[int, list] = {}
            neutral_modes: dict[int, list] = {}
            hit_modes: dict[tuple, list] = {}
            for m in modes:
                mt = match(t, fl, preds, m)
                c = counts[m][t]
                for fi, f in enumerate(fl):
                    if fi in mt:
                        if f.optional:
                            c["neutral"] += 1
                            neutral_modes.setdefault(mt[fi], []).append(m)
                        else:
                            c["tp"] += 1
                            hit_modes.setdefault((fi, mt[fi]), []).append(m)
                    elif not f.optional:
                        c["fn"] += 1
                        missed_modes.setdefault(fi, []).append(m)
                matched_p = set(mt.values())
                for pi, p in enumerate(preds):
                    if pi in matched_p:
                        continue
                    if t == "events" and is_linked(p):
                        c["neutral"] += 1
                        neutral_modes.setdefault(pi, []).append(m)
                        continue
                    c["fp"] += 1
                    extra_modes.setdefault(pi, []).append(m)
            for fi, ms in missed_modes.items():
                tinfo["missed"].append({"modes": ms, "gold_index": fl[fi].idx, "gold": fl[fi].describe()})
            for pi, ms in extra_modes.items():
                tinfo["extra"].append({"modes": ms, "row": preds[pi]["_row"], "pred": describe_pred(t, preds[pi])})
            for pi, ms in neutral_modes.items():
                tinfo["neutral"].append({"modes": ms, "row": preds[pi]["_row"], "pred": describe_pred(t, preds[pi])})
            for (fi, pi), ms in sorted(hit_modes.items()):
                tinfo["hits"].append({"modes": ms, "gold_index": fl[fi].idx, "gold": fl[fi].describe(),
                                      "row": preds[pi]["_row"], "pred": describe_pred(t, preds[pi]),
                                      "notes": notes_for(t, fl[fi], preds[pi])})
            fo["tables"][t] = tinfo
        files_out[stem] = fo
    unscored = sorted(s for s in by_stem if s not in gold_stems)
    scores = {}
    for m in modes:
        scores[m] = {}
        for t in TABLES:
            c = counts[m][t]
            p, r, f1 = prf(c["tp"], c["fp"], c["fn"])
            scores[m][t] = {**c, "precision": p, "recall": r, "f1": f1}
    last = "REAL " + " | ".join(
        f"{m} " + " ".join(f"{t}={scores[m][t]['precision']:.3f}/{scores[m][t]['recall']:.3f}" for t in TABLES)
        for m in modes)
    without = sum(1 for fo in files_out.values() if not fo["article_id"])
    return {"out": str(out), "gold_dir": str(gold_dir), "modes": modes, "problems": problems,
            "gold_files": len(gold_files), "gold_files_without_article": without,
            "articles_without_gold": unscored, "scores": scores, "files": files_out, "last_line": last}


def _tag(ms, modes):
    return "[all]" if len(ms) == len(modes) else "[" + ",".join(SHORT[m] for m in ms) + "]"


def print_text(res: dict, verbose: bool, hits: bool):
    modes = res["modes"]
    print(f"score_real: {res['out']} vs {res['gold_dir']}: {res['gold_files']} gold files, "
          f"{res['gold_files_without_article']} without an article; "
          f"{len(res['articles_without_gold'])} output articles without gold (not scored)")
    if verbose or hits:
        for stem, fo in res["files"].items():
            lines = []
            for t, ti in fo["tables"].items():
                for h in ti["hits"] if hits else []:
                    note = ("  ! " + "; ".join(h["notes"])) if h["notes"] else ""
                    lines.append(f"  {t:9s} HIT    {_tag(h['modes'], modes):22s} {h['gold']}\n"
                                 f"  {'':9s}    <=  {h['pred']}{note}")
                for x in ti["missed"] if verbose else []:
                    lines.append(f"  {t:9s} MISSED {_tag(x['modes'], modes):22s} {x['gold']}")
                for x in ti["extra"] if verbose else []:
                    lines.append(f"  {t:9s} EXTRA  {_tag(x['modes'], modes):22s} {x['pred']}")
                if hits:
                    for x in ti["neutral"]:
                        lines.append(f"  {t:9s} NEUTRAL {_tag(x['modes'], modes):21s} {x['pred']}")
            if lines or fo["article_id"] is None:
                print(f"== {stem} ({fo['article_id'] or 'NO ARTICLE'})")
                print("\n".join(lines))
    for p in res["problems"]:
        print("problem:", p)
    print(f"{'mode':21s} {'table':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'neutral':>7s}")
    for m in modes:
        for t in TABLES:
            s = res["scores"][m][t]
            print(f"{m:21s} {t:10s} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                  f"{s['tp']:4d} {s['fp']:4d} {s['fn']:4d} {s['neutral']:7d}")
    print(res["last_line"])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 epilog="Matching rules: see the module docstring.")
    ap.add_argument("out", type=Path, help="pipeline output folder (articles.parquet, visits.parquet, ...)")
    ap.add_argument("gold_dir", type=Path, help="folder of <stem>.yaml gold files")
    ap.add_argument("--verbose", action="store_true", help="list every missed gold fact and every extra row")
    ap.add_argument("--hits", action="store_true", help="also list matched pairs and neutral rows")
    ap.add_argument("--json", action="store_true", help="print the result as JSON instead of text")
    ap.add_argument("--strict-only", action="store_true", help="score the strict mode only")
    a = ap.parse_args(argv)
    for p, what in ((a.out, "output folder"), (a.gold_dir, "gold folder")):
        if not p.is_dir():
            print(f"score_real: {what} {p} does not exist or is not a folder", file=sys.stderr)
            return 1
    modes = ["strict"] if a.strict_only else MODES
    res = score(a.out, a.gold_dir, modes)
    if a.json:
        json.dump(res, sys.stdout, indent=1, default=str)
        print()
    else:
        print_text(res, a.verbose, a.hits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
