"""Validate every table with its Pandera schema; failing rows go to quarantine with the reason."""
from __future__ import annotations

import json
import logging
from typing import Any

import pandas as pd
import pandera.errors as pe

from pipeline.base.registry import SPANNED_TABLES, TABLES
from schemas.spec import TABLES as SPEC

log = logging.getLogger(__name__)

MAX_REASON = 200  # characters of a quarantine reason: one readable line, whatever the failing value


def one_line(text: str, limit: int = MAX_REASON) -> str:
    """`text` on one line (runs of white space, line breaks included, become one space), cut to `limit`
    characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _row_json(row: pd.Series | pd.DataFrame) -> str:
    return json.dumps({k: (v.tolist() if hasattr(v, "tolist") else v) for k, v in row.items()},
                      default=str, sort_keys=True, ensure_ascii=False)


def _cross_table_failures(name: str, df: pd.DataFrame, texts: dict[str, str]) -> list[tuple[int, str, str]]:
    """Checks that need the articles: foreign key and evidence == text[char_start:char_end]."""
    bad = []
    cols = zip(df.index, df["article_id"], df["char_start"], df["char_end"], df["evidence"])
    for idx, article_id, start, end, evidence in cols:
        text = texts.get(article_id)
        if text is None:
            bad.append((idx, "foreign_key", f"article_id {article_id} is not in articles"))
        elif text[int(start):int(end)] != evidence:
            bad.append((idx, "evidence_span", "evidence is not articles.text[char_start:char_end]"))
    return bad


def validate_table(name: str, df: pd.DataFrame, texts: dict[str, str] | None = None, schema: Any = None
                   ) -> tuple[pd.DataFrame, list[dict]]:
    """(valid rows, quarantine records). Lazy: all failures are collected, none raise. `schema`: another
    Pandera schema than the table's own (e.g. the table as published under a text policy)."""
    schema = schema if schema is not None else TABLES[name].schema
    failures: dict[int, list[tuple[str, str]]] = {}
    if schema is not None and len(df):
        try:
            schema.validate(df, lazy=True)
        except pe.SchemaErrors as err:
            fc = err.failure_cases
            for rec in fc.to_dict("records"):
                idx = rec.get("index")
                check = str(rec.get("check"))
                value = one_line(repr(rec.get("failure_case")), 80)
                reason = f"{rec.get('column') or 'row'}: failed {one_line(check, 80)} (value {value})"
                if idx is None or (isinstance(idx, float) and pd.isna(idx)):
                    # a failure that names no row (e.g. a missing column): every row is suspect
                    for i in df.index:
                        failures.setdefault(i, []).append((check, reason))
                else:
                    failures.setdefault(int(idx), []).append((check, reason))
    if texts is not None and name in SPANNED_TABLES and len(df):
        for idx, check, reason in _cross_table_failures(name, df, texts):
            failures.setdefault(idx, []).append((check, reason))
    quarantine = []
    for idx in sorted(failures):
        checks = failures[idx]
        quarantine.append({"table": name, "row": _row_json(df.loc[idx]),
                           "check": "; ".join(dict.fromkeys(c for c, _ in checks)),
                           "reason": one_line("; ".join(dict.fromkeys(r for _, r in checks)))})
        log.warning("%s: row quarantined: %s", name, quarantine[-1]["reason"])
    good = df.drop(index=list(failures)).reset_index(drop=True) if failures else df
    return good, quarantine


def check_links(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Quarantine the rows whose foreign key (the spec's: events.visit_id, documents.package_id...)
    names a row that is not published, because that row was quarantined; again until none is left,
    so that an event of a quarantined package member goes too. Returns (tables, quarantine records)."""
    tables = dict(tables)
    quarantine: list[dict] = []
    changed = True
    while changed:
        changed = False
        for name, spec in SPEC.items():
            df = tables.get(name)
            if df is None or not len(df):
                continue
            bad: dict[Any, list[str]] = {}
            for column, other, ref in spec.all_foreign_keys():
                if other not in tables or column not in df:
                    continue
                known = set(tables[other][ref])
                for idx, value in df[column].items():
                    if value is not None and not (isinstance(value, float) and pd.isna(value)) and value not in known:
                        bad.setdefault(idx, []).append(f"{column} {value} is not in {other} (quarantined or missing)")
            if not bad:
                continue
            for idx in sorted(bad):
                quarantine.append({"table": name, "row": _row_json(df.loc[idx]), "check": "foreign_key",
                                   "reason": one_line("; ".join(bad[idx]))})
                log.warning("%s: row quarantined: %s", name, quarantine[-1]["reason"])
            tables[name] = df.drop(index=list(bad)).reset_index(drop=True)
            changed = True
    return tables, quarantine
