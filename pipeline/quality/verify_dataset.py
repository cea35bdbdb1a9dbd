"""Re-check a published dataset against the schemas: tables, column types, row checks, spans and links,
as the text policy it was published under says they must be."""
from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.base.registry import LINKS, SPANNED_TABLES, TABLES
from pipeline.publish import read_dataset
from pipeline.quality.validate_tables import one_line, validate_table
from pipeline.tables import assemble
from schemas.datapackage import withheld
from schemas.fields import ARROW_TYPES
from schemas.spec import FIELDS
from schemas.spec import TABLES as SPEC
from schemas.tables import schema_of


@dataclass
class TableCheck:
    name: str
    rows: int = 0
    problems: list[str] = field(default_factory=list)  # one line each


@dataclass
class DatasetCheck:
    tables: list[TableCheck] = field(default_factory=list)
    text_policy: str = "full"
    problems: list[str] = field(default_factory=list)  # of the dataset as a whole (its text policy)

    @property
    def ok(self) -> bool:
        return not self.problems and not any(t.problems for t in self.tables)

    def render(self, limit: int = 5, only_problems: bool = False) -> str:
        """A line per table (with `only_problems`, per table that has problems), then up to `limit` of its
        problems, indented; the dataset's own problems; the verdict."""
        lines = [] if only_problems else [f"text policy: {self.text_policy}"]
        lines += [f"dataset: {p}" for p in self.problems]
        width = max((len(t.name) for t in self.tables), default=0) + 2
        for t in self.tables:
            if only_problems and not t.problems:
                continue
            state = "ok" if not t.problems else f"{len(t.problems)} problem{'s' * (len(t.problems) != 1)}"
            lines.append(f"{t.name:<{width}}{t.rows:>8} rows  {state}")
            lines += [f"  {p}" for p in t.problems[:limit]]
            if len(t.problems) > limit:
                lines.append(f"  ... and {len(t.problems) - limit} more")
        lines.append("valid" if self.ok else "INVALID: the dataset does not match the schemas")
        return "\n".join(lines)


def check_dataset(out_dir: Path) -> DatasetCheck:
    """Read every table of the dataset in `out_dir` again and check it as a run does before publishing:
    the tables expected are there with the published column types, every row passes its Pandera
    schema, evidence is the article's text at its span, and every link names an existing row. The
    text policy the dataset's manifest records decides what the text columns hold: under snippet the
    article bodies are null (each evidence must still be as long as its span), under none the evidence
    too; a column the policy withholds that holds text is a fault. Raises UsageError when `out_dir`
    holds no dataset."""
    files = read_dataset.table_files(out_dir)
    policy, policy_problems = read_dataset.text_policy(out_dir)
    result = DatasetCheck(text_policy=policy, problems=policy_problems)
    frames: dict[str, pd.DataFrame] = {}
    for name in [*TABLES, *(n for n in files if n not in TABLES)]:
        check, frame = _read_table(name, files.get(name))
        result.tables.append(check)
        if frame is not None:
            frames[name] = frame
    checks = {t.name: t for t in result.tables}
    texts, full_text = _article_texts(frames.get("articles"), policy)
    found = _row_failures(frames, texts if full_text else None, policy)
    for name, df in frames.items():
        checks[name].problems += [_which(name, f["row"]) + f"{f['reason']} ({f['check']})" for f in found[name]]
        checks[name].problems += _withheld_but_published(name, df, policy)
        if name in SPANNED_TABLES and "articles" in frames and not full_text:
            checks[name].problems += _spans_without_text(name, df, texts)
    for table, problems in _dangling_links(frames):
        checks[table].problems += problems
    return result


def _article_texts(articles: pd.DataFrame | None, policy: str) -> tuple[dict, bool]:
    """Article id -> its text, and whether every article's text is there to check spans against."""
    texts = dict(zip(articles["article_id"], articles["text"])) if articles is not None else {}
    return texts, policy == "full" and all(isinstance(t, str) for t in texts.values())


def _read_table(name: str, files: list[Path] | None) -> tuple[TableCheck, pd.DataFrame | None]:
    """A table's check so far and its frame: none when it is missing, not of this pipeline's schemas, or
    published with other column types."""
    check = TableCheck(name)
    if files is None:
        check.problems.append("table missing")
        return check, None
    table = read_dataset.read_table(files)
    check.rows = table.num_rows
    expected = ARROW_TYPES.get(name)
    if expected is None:
        check.problems.append("not a table of this pipeline's schemas")
        return check, None
    if not table.schema.equals(expected):
        check.problems.append(_schema_difference(table.schema, expected))
        return check, None
    return check, assemble.frame_from_arrow(name, table)


def _row_failures(frames: dict[str, pd.DataFrame], texts: dict | None, policy: str) -> dict[str, list[dict]]:
    """Table -> the rows its Pandera schema (as published under `policy`) refuses, spans checked against
    `texts` when given."""
    quiet = logging.getLogger(validate_table.__module__)
    level = quiet.level
    quiet.setLevel(max(level, logging.ERROR))  # each failing row is reported by the caller, not logged once more
    try:
        return {name: validate_table(name, df, texts if name in SPANNED_TABLES else None,
                                     schema=_published_schema(name, policy))[1]
                for name, df in frames.items()}
    finally:
        quiet.setLevel(level)


def _spans_without_text(name: str, df: pd.DataFrame, texts: dict) -> list[str]:
    """No text to check spans against: the article must exist, and evidence be as long as its span."""
    missing = sorted(set(df["article_id"]) - texts.keys())
    return [f"article_id {a} is not in articles" for a in missing] + _span_lengths(name, df)


def _dangling_links(frames: dict[str, pd.DataFrame]) -> list[tuple[str, list[str]]]:
    """(table, a line per value of a link column that names no row of the parent table), for every link of
    the registry whose two tables were read."""
    out = []
    for table, _, column, parent in LINKS:
        if table in frames and parent in frames:
            known = set(frames[parent][TABLES[parent].id_column])
            dangling = sorted({v for v in frames[table][column] if isinstance(v, str) and v not in known})
            out.append((table, [f"{column} {v} is not a row of {parent}" for v in dangling]))
    return out


def _published_schema(name: str, policy: str):
    """The table's Pandera schema as published under `policy` (the withheld columns null)."""
    if policy == "full" or TABLES[name].schema is None:
        return None
    return schema_of(SPEC[name], policy)


def _withheld_but_published(name: str, df: pd.DataFrame, policy: str) -> list[str]:
    """A line per column the policy withholds that holds text all the same (in quarantine: in its rows)."""
    hidden = [c for c in df.columns if c in SPEC[name].column_names and withheld(c, policy)]
    problems = [f"{c}: {n} rows hold text that --text {policy} withholds"
                for c in hidden if (n := int(df[c].notna().sum()))]
    if name == "quarantine" and policy != "full":
        leaked = Counter(k for row in df["row"] for k, v in _as_dict(row).items()
                         if v is not None and k in FIELDS and withheld(k, policy))
        problems += [f"row: {n} quarantined rows hold {k}, which --text {policy} withholds"
                     for k, n in sorted(leaked.items())]
    return problems


def _span_lengths(name: str, df: pd.DataFrame) -> list[str]:
    """Without the article text, a published evidence sentence must at least be as long as its span."""
    if "evidence" not in df:
        return []
    bad = [(rid, start, end) for rid, start, end, evidence
           in zip(df[TABLES[name].id_column] if TABLES[name].id_column else [None] * len(df),
                  df["char_start"], df["char_end"], df["evidence"])
           if isinstance(evidence, str) and not (pd.isna(start) or pd.isna(end)) and int(end) - int(start) != len(evidence)]
    return [(f"{rid}: " if isinstance(rid, str) else "")
            + f"evidence is not as long as its span {int(start)}:{int(end)} (evidence_span)" for rid, start, end in bad]


def _as_dict(row) -> dict:
    try:
        value = json.loads(row)
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


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
