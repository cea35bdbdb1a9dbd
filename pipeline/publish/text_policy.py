"""Withhold article text from the published tables as the --text policy says (full, snippet, none)."""
from __future__ import annotations

import json

import pandas as pd

from schemas.datapackage import TEXT_POLICIES, withheld
from schemas.spec import FIELDS

__all__ = ["TEXT_POLICIES", "apply_text_policy"]


def apply_text_policy(tables: dict[str, pd.DataFrame], policy: str) -> dict[str, pd.DataFrame]:
    """The tables as published under `policy`: 'full' keeps everything; 'snippet' nulls the article
    bodies (articles.text) and keeps the evidence sentences, the URL and the SHA-256 of each article;
    'none' nulls the evidence sentences too. Quarantined rows lose the same columns. Call it after
    validation: evidence is checked against the full text whatever is published."""
    if policy not in TEXT_POLICIES:
        raise ValueError(f"unknown text policy {policy!r}: one of {', '.join(TEXT_POLICIES)}")
    if policy == "full":
        return tables
    hidden = {name for name in FIELDS if withheld(name, policy)}
    out = {}
    for name, df in tables.items():
        cols = [c for c in df.columns if c in hidden]
        if cols:
            df = df.copy()
            for c in cols:
                df[c] = pd.Series([None] * len(df), index=df.index, dtype=object)
        if name == "quarantine" and len(df):
            df = df.copy()
            df["row"] = [_scrubbed(r, hidden) for r in df["row"]]
        out[name] = df
    return out


def _scrubbed(row_json: str, hidden: set[str]) -> str:
    try:
        row = json.loads(row_json)
    except (TypeError, ValueError):
        return row_json
    if isinstance(row, dict):
        row = {k: (None if k in hidden else v) for k, v in row.items()}
    return json.dumps(row, default=str, sort_keys=True, ensure_ascii=False)
