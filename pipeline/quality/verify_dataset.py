"""Re-check a published dataset against the schemas: tables, column types, row checks, spans and links."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.tables import assemble

from pipeline.publish import read_dataset
from pipeline.base.registry import LINKS, SPANNED_TABLES, TABLES
from pipeline.quality.validate_tables import one_line, validate_table
from schemas.fields import ARROW_TYPES


@dataclass
class TableCheck:
    name: str
    rows: int = 0
    problems: list[str] = field(default_factory=list)  # one line each


@dataclass
class DatasetCheck:
    tables: list[TableCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(t.problems for t in self.tables)

    def render(self, limit: int = 5) -> str:
        """A line per table, then up to `limit` of its problems, indented."""
        lines = []
        for t in self.tables:
            state = "ok" if not t.problems else f"{len(t.problems)} problems"
            lines.append(f"{t.name:<18}{t.rows} rows  {state}")
            lines += [f"  {p}" for p in t.problems[:limit]]
            if len(t.problems) > limit:
                lines.append(f"  ... and {len(t.problems) - limit} more")
        lines.append("valid" if self.ok else "INVALID: the dataset does not match the schemas")
        return "\n".join(lines)


def check_dataset(out_dir: Path) -> DatasetCheck:
    """Read every table of the dataset in `out_dir` again and check it as a run does before publishing:
    the tables expected are there with the published column types, every row passes its Pandera
    schema, evidence is the article's text at its span, and every link names an existing row. Raises
    UsageError when `out_dir` holds no dataset."""
    files = read_dataset.table_files(out_dir)
    result = DatasetCheck()
    frames: dict[str, pd.DataFrame] = {}
    checks: dict[str, TableCheck] = {}
    for name in [*TABLES, *(n for n in files if n not in TABLES)]:
        check = checks[name] = TableCheck(name)
        result.tables.append(check)
        if name not in files:
            check.problems.append("table missing")
            continue
        table = read_dataset.read_table(files[name])
        check.rows = table.num_rows
        expected = ARROW_TYPES.get(name)
        if expected is None:
            check.problems.append("not a table of this pipeline's schemas")
            continue
        if not table.schema.equals(expected):
            check.problems.append(_schema_difference(table.schema, expected))
            continue
        frames[name] = assemble.frame_from_arrow(name, table)
    articles = frames.get("articles")
    texts = dict(zip(articles["article_id"], articles["text"])) if articles is not None else {}
    full_text = all(isinstance(t, str) for t in texts.values())
    quiet = logging.getLogger(validate_table.__module__)
    level = quiet.level
    quiet.setLevel(max(level, logging.ERROR))  # each failing row is reported below, not logged once more
    try:
        found = {name: validate_table(name, df, texts if name in SPANNED_TABLES and full_text else None)[1]
                 for name, df in frames.items()}
    finally:
        quiet.setLevel(level)
    for name, df in frames.items():
        spanned = name in SPANNED_TABLES and articles is not None
        failures = found[name]
        checks[name].problems += [_which(name, f["row"]) + f"{f['reason']} ({f['check']})" for f in failures]
        if spanned and not full_text:  # no text to check spans against: the article must exist
            missing = sorted(set(df["article_id"]) - texts.keys())
            checks[name].problems += [f"article_id {a} is not in articles" for a in missing]
    for table, _, column, parent in LINKS:
        if table in frames and parent in frames:
            known = set(frames[parent][TABLES[parent].id_column])
            dangling = sorted({v for v in frames[table][column] if isinstance(v, str) and v not in known})
            checks[table].problems += [f"{column} {v} is not a row of {parent}" for v in dangling]
    return result


def _which(name: str, row: str) -> str:
    """The failing row's id, as a prefix (a row of a table without ids: none)."""
    id_column = TABLES[name].id_column if name in TABLES else None
    try:
        rid = json.loads(row).get(id_column) if id_column else None
    except (ValueError, AttributeError):
        rid = None
    return f"{rid}: " if isinstance(rid, str) else ""


def _schema_difference(got, expected) -> str:
    if got.names != expected.names:
        missing = [n for n in expected.names if n not in got.names]
        extra = [n for n in got.names if n not in expected.names]
        return one_line(f"columns differ from the schema: missing {missing or 'none'}, unexpected {extra or 'none'}"
                        + ("" if missing or extra else ", order differs"))
    wrong = [f"{f.name} is {f.type}, not {e.type}" for f, e in zip(got, expected) if not f.type.equals(e.type)]
    return one_line("column types differ from the schema: " + "; ".join(wrong or ["nullability or metadata"]))
