"""Score published tables against gold annotations (the format and matching rules: docs/GOLD_FORMAT.md)."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from pipeline.base.errors import UsageError
from schemas.spec import TABLES as SPEC

# The columns that must match for a row to count as found, and how the other columns are compared:
# both from the table spec (gold_keys, gold_fields).
KEYS = {name: t.gold_keys for name, t in SPEC.items() if t.gold_keys}
FIELDS = {name: dict(t.gold_fields) for name, t in SPEC.items() if t.gold_keys}
_STOP = {"the", "of", "and", "on", "in", "a", "an"}


def canon(v):
    """One comparable form for parquet cells and YAML values."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    if isinstance(v, (dt.date, dt.datetime)):
        return (v.date() if isinstance(v, dt.datetime) else v).isoformat()
    if hasattr(v, "tolist") and not isinstance(v, str):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return tuple(sorted(str(x) for x in v))
    if isinstance(v, str):
        return v.strip() or None
    return v


def key_equal(column: str, predicted, gold) -> bool:
    p, g = canon(predicted), canon(gold)
    if p is None or g is None:
        return p is None and g is None
    if column == "value":
        return abs(float(p) - float(g)) <= 1e-3 * max(abs(float(g)), 1.0)
    if column == "year":
        return int(p) == int(g)
    return p == g


def _words(s) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", str(s).lower())) - _STOP


def field_equal(kind: str, predicted, gold, prow=None, grow=None) -> bool:
    p, g = canon(predicted), canon(gold)
    if kind == "pair":
        return {canon(prow.get("reporter")), canon(prow.get("partner"))} == {grow.get("reporter"), grow.get("partner")}
    if p is None or g is None:
        return p is None and g is None
    if kind == "exact":
        return str(p).lower() == str(g).lower()
    if kind == "tokens":
        a, b = _words(p), _words(g)
        if not a or not b:
            return a == b
        return 2 * len(a & b) / (len(a) + len(b)) >= 0.6
    if kind == "set":
        return len({x.lower() for x in p} & {x.lower() for x in g}) >= max(1, len(g) // 2)
    raise ValueError(kind)


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where the gold quote is; apostrophes and runs of white space match loosely."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    parts = [re.escape(ch) if ch not in "'\u2019" else "['\u2019]" for ch in quote]
    pattern = re.sub(r"(\\ )+|\s+", r"\\s+", "".join(parts))
    m = re.search(pattern, text)
    return m.span() if m else None


def variants(gold: dict) -> list[dict]:
    out = [gold]
    out += [{**gold, **alt} for alt in gold.get("date_alternatives") or []]
    out += [{**gold, "year": y} for y in gold.get("year_alternatives") or []]
    return out


def load_gold(path: Path) -> dict:
    """One gold file: a mapping of table name -> list of rows, each with its `quote`. Raises
    UsageError, naming the file, for anything else."""
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UsageError(f"bad gold file {path}: {' '.join(str(exc).split())[:160]}") from None
    if not isinstance(gold, dict):
        raise UsageError(f"bad gold file {path}: expected a mapping of table names, got {type(gold).__name__}")
    for table in KEYS:
        rows = gold.get(table)
        if rows is None:
            continue
        if not isinstance(rows, list):
            raise UsageError(f"bad gold file {path}: {table} must be a list of rows")
        for n, row in enumerate(rows, 1):
            if not isinstance(row, dict) or not isinstance(row.get("quote"), str):
                raise UsageError(f"bad gold file {path}: {table} row {n} needs a `quote` string")
            for alt in ("date_alternatives", "year_alternatives"):
                if row.get(alt) is not None and not isinstance(row[alt], list):
                    raise UsageError(f"bad gold file {path}: {table} row {n}: {alt} must be a list")
            for name, kinds in (("value", (int, float)), ("year", (int,))):
                if row.get(name) is not None and (not isinstance(row[name], kinds) or isinstance(row[name], bool)):
                    raise UsageError(f"bad gold file {path}: {table} row {n}: {name} must be a number")
            if any(not isinstance(a, dict) for a in row.get("date_alternatives") or []):
                raise UsageError(f"bad gold file {path}: {table} row {n}: date_alternatives must be mappings")
    return gold


def evaluate(out_dir: Path, gold_files: list[Path]) -> dict:
    """Per table: precision, recall, F1 and the fields matched, of the dataset in `out_dir` against the gold
    files; and a note per gold row missed, predicted row extra and field that differs."""
    golds = [(g.stem, load_gold(g)) for g in gold_files]
    by_stem = _articles_by_stem(out_dir)
    result: dict[str, Any] = {"tables": {}, "notes": []}
    for table, keys in KEYS.items():
        path = out_dir / f"{table}.parquet"
        df = pd.read_parquet(path) if path.exists() else pd.DataFrame()
        tally = _Tally(table, keys, result["notes"], {f: [0, 0] for f in FIELDS[table]})
        for stem, gold in golds:
            rows = gold.get(table) or []
            if stem not in by_stem:
                tally.fn += sum(not r.get("optional") for r in rows)
                tally.notes.append(f"{stem}: no article with this file name in the output")
                continue
            aid, text = by_stem[stem]
            tally.score_article(stem, text, df[df["article_id"] == aid] if len(df) else df, rows)
        result["tables"][table] = tally.scores()
    return result


def _articles_by_stem(out_dir: Path) -> dict[str, tuple[str, str]]:
    """Input file name without its suffix -> (article id, text): how gold files name their article."""
    arts = pd.read_parquet(out_dir / "articles.parquet")
    if len(arts) and arts["text"].isna().all():
        raise UsageError(f"{out_dir} was published without the articles' text (--text snippet or none); "
                         "evaluate needs a dataset published with --text full")
    return {Path(p).stem: (aid, text) for aid, p, text in zip(arts["article_id"], arts["source_path"], arts["text"])}


@dataclass
class _Tally:
    """One table's counts, and the notes, while the gold rows of each article are matched to its rows."""
    table: str
    keys: tuple[str, ...]
    notes: list[str]
    hits: dict[str, list[int]]  # field -> [equal, compared]
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def score_article(self, stem: str, text: str, pred: pd.DataFrame, rows: list[dict]) -> None:
        """Match each gold row of the article named `stem` to one predicted row (`pred`), then count the
        predicted rows no gold row took."""
        used: set = set()
        for g in rows:
            span = find_quote(text, g["quote"])
            match = self._match(pred, used, span, g) if span is not None else None
            if match is None:
                if not g.get("optional"):
                    self.fn += 1
                    want = {k: canon(g.get(k)) for k in self.keys}
                    self.notes.append(f"{stem} {self.table}: MISSED {g['quote']!r} {want}")
                continue
            used.add(match)
            if g.get("optional"):
                continue
            self.tp += 1
            self._compare_fields(stem, pred.loc[match], g)
        for idx in pred.index:
            if idx not in used:
                self.fp += 1
                r = pred.loc[idx]
                got = {k: canon(r.get(k)) for k in self.keys}
                self.notes.append(f"{stem} {self.table}: EXTRA {got} from {str(r['evidence'])[:80]!r}")

    def _match(self, pred: pd.DataFrame, used: set, span: tuple[int, int], g: dict) -> Any:
        """The first predicted row not yet taken that overlaps the quote's span and whose keys equal the gold
        row's (or one of its variants'), or None."""
        for idx, r in pred.iterrows():
            if idx in used or not (r["char_start"] < span[1] and span[0] < r["char_end"]):
                continue
            if any(all(key_equal(k, r.get(k), v.get(k)) for k in self.keys) for v in variants(g)):
                return idx
        return None

    def _compare_fields(self, stem: str, r: pd.Series, g: dict) -> None:
        for f, kind in FIELDS[self.table].items():
            if f in g:
                self.hits[f][1] += 1
                if field_equal(kind, r.get(f), g.get(f), r, g):
                    self.hits[f][0] += 1
                else:
                    self.notes.append(f"{stem} {self.table}.{f}: got {canon(r.get(f))!r}, want {canon(g.get(f))!r}")

    def scores(self) -> dict:
        tp, fp, fn = self.tp, self.fp, self.fn
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
                "fields": {f: (h, n) for f, (h, n) in self.hits.items() if n}}


def render(result: dict, verbose: bool = True) -> str:
    lines = [f"  {n}" for n in result["notes"]] if verbose else []
    for table, t in result["tables"].items():
        fields = " ".join(f"{f}={h}/{n}" for f, (h, n) in t["fields"].items())
        lines.append(f"{table:<10} P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f} "
                     f"tp={t['tp']} fp={t['fp']} fn={t['fn']}  fields: {fields}")
    return "\n".join(lines)
