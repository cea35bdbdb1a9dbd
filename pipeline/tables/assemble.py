"""Give rows deterministic ids, link events to their detail rows, build frames."""
from __future__ import annotations

import dataclasses
import hashlib
import json

import numpy as np
import pandas as pd

from pipeline.tables.arrow_tables import arrow_from_columns, to_arrow
from pipeline.nlp.edtf_format import partial_edtf, to_edtf

from pipeline.io.ingest import Article
from pipeline.base.registry import EXTRACTED_TABLES, LINKS, TABLES
from schemas.fields import COLUMNS
from schemas.spec import FIELDS as SPEC_FIELDS
from schemas.spec import TABLES as SPEC


def make_id(prefix: str, article_id: str, row: dict, keys: tuple[str, ...],
            fallbacks: dict[str, str] | None = None) -> str:
    """Hash of the article, the evidence span, the anchor and the key fields (a null key field: its
    fallback field, such as the title of a visitor named only by office)."""
    fallbacks = fallbacks or {}
    payload = [article_id, row["char_start"], row["char_end"], row.get("_anchor"),
               *[row.get(fallbacks[k]) if row.get(k) is None and k in fallbacks else row.get(k) for k in keys]]
    digest = hashlib.sha256(json.dumps(payload, default=str, sort_keys=True).encode()).hexdigest()
    return f"{prefix}_{digest[:16]}"


def assign_ids(article_id: str, tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Ids for every row of one article, then the links between its rows (events to their detail
    rows, package members to their package) from the row keys that give the linked row's index."""
    out: dict[str, list[dict]] = {}
    for name in EXTRACTED_TABLES:
        spec = TABLES[name]
        prefix = (spec.id_column or name).removesuffix("_id")[:3]
        rows, seen = [], set()
        for row in tables.get(name, []):
            row = {**row, "article_id": article_id}
            rid = make_id(prefix, article_id, row, spec.key_fields, spec.key_fallbacks)
            n = 1
            while rid in seen:  # same sentence, same keys: keep both, deterministically
                n += 1
                rid = make_id(prefix, article_id, {**row, "_anchor": f"{row.get('_anchor')}#{n}"}, spec.key_fields,
                              spec.key_fallbacks)
            seen.add(rid)
            row[spec.id_column] = rid
            rows.append(row)
        out[name] = rows
    for table, ref, column, parent in LINKS:
        for row in out[table]:
            idx = row.pop(ref, None)
            row[column] = out[parent][idx][TABLES[parent].id_column] if idx is not None else None
    return out


def article_row(article: Article) -> dict:
    return dataclasses.asdict(article)


def _edtf(row: dict) -> str | None:
    """The row's date as EDTF; a day and month with no year ("on 7 September" on an undated page) keeps
    its unspecified year (XXXX-09-07) rather than no date."""
    found = to_edtf(row.get("date_start"), row.get("date_end"), row.get("date_precision"))
    if found is None and row.get("date_start") is None and row.get("date_end") is None \
            and row.get("date_precision") == "day":
        return partial_edtf(row.get("date_text"))
    return found


def _completed(cols: list[str], rows: list[dict]) -> list[dict]:
    """Rows with what assembling adds: the EDTF date of a dated table, and `inferred_fields` as the
    distinct names in column order (empty when the rule marked nothing)."""
    if "date_edtf" in cols:
        rows = [{**r, "date_edtf": _edtf(r)} for r in rows]
    if "inferred_fields" in cols:
        order = {c: i for i, c in enumerate(cols)}
        rows = [{**r, "inferred_fields": sorted(set(r.get("inferred_fields") or ()),
                                                key=lambda c: (order.get(c, len(order)), c))} for r in rows]
    return rows


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """A frame with the table's columns in contract order, sorted deterministically."""
    cols = COLUMNS[name]
    rows = _completed(cols, rows)
    df = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)
    return _normalised(name, df)


def arrow_table(name: str, rows: list[dict]):
    """The Arrow table of `frame(name, rows)`, built from the rows without the pandas round trip
    (what batches write as parts). Rows sort as `frame` sorts them."""
    cols = COLUMNS[name]
    keys = [c for c in dict.fromkeys(("article_id", "char_start", TABLES[name].id_column)) if c and c in cols]
    if any(r.get(k) is None for r in rows for k in keys):
        return to_arrow(name, frame(name, rows))  # a missing sort key: sort as pandas does
    rows = sorted(rows, key=lambda r: tuple(r[k] for k in keys))
    rows = _completed(cols, rows)
    return arrow_from_columns(name, {c: [r.get(c) for r in rows] for c in cols})


def frame_from_arrow(name: str, table) -> pd.DataFrame:
    """The same frame as `frame` from an Arrow table of the published schema (merged batch parts)."""
    cols = COLUMNS[name]
    df = table.select(cols).to_pandas(date_as_object=True)
    for c in cols:
        if df[c].dtype == object and len(df) and any(isinstance(v, np.ndarray) for v in df[c]):
            df[c] = [v.tolist() if isinstance(v, np.ndarray) else v for v in df[c]]
    return _normalised(name, df)


def _normalised(name: str, df: pd.DataFrame) -> pd.DataFrame:
    cols = COLUMNS[name]
    df = df.astype({c: object for c in cols})
    spec = SPEC[name]
    for column in spec.columns:  # numbers in the dtypes the schemas expect (pandas' Int64 when nullable)
        kind = SPEC_FIELDS[column.name].type
        if kind == "integer":
            df[column.name] = (pd.array(df[column.name].tolist(), dtype="Int64") if column.nullable
                               else df[column.name].astype("int64"))
        elif kind == "number":
            df[column.name] = df[column.name].astype("float64")
    sort = [c for c in ("article_id", "char_start", TABLES[name].id_column) if c and c in df]
    if sort and len(df):
        df = df.sort_values(sort, kind="mergesort").reset_index(drop=True)
    return df
