"""Exports for tools without Parquet: every format gives back the published rows (lists as JSON arrays,
integers as integers, dates as ISO strings, null apart from an empty string), and an export never
overwrites what it did not write."""
import csv
import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from click.testing import CliRunner

from pipeline.publish import read_dataset
from pipeline.publish import export as ex
from pipeline.cli.commands import app
from pipeline.base.errors import UsageError
from pipeline.publish.marker import add_to_marker
from pipeline.publish.write import publish
from tests.safety import snapshot

LIST = pa.list_(pa.string())


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Path:
    """A small dataset with what CSV and JSON find hard: null next to empty strings and empty lists,
    quotes, commas and line breaks, non-ASCII text, big and null integers, null dates."""
    out = tmp_path_factory.mktemp("awkward") / "out"
    articles = pd.DataFrame([
        {"article_id": "art_1", "source_path": "a, \"quoted\".txt", "sha256": "0" * 64, "title": "",
         "published_date": dt.date(2019, 3, 12), "authors": ["Ana Lima", "Jo \"JJ\" Park"], "repairs": [],
         "language": "en", "text": "Line one,\nline \"two\"; Zürich — 東京.\r\nEnd"},
        {"article_id": "art_2", "source_path": "b.txt", "sha256": "1" * 64, "title": None,
         "published_date": None, "authors": None, "repairs": ["encoding detected"], "language": "und",
         "text": ""},
    ])
    trade = pd.DataFrame([
        {"trade_id": "tra_1", "article_id": "art_1", "char_start": 0, "char_end": 8, "evidence": "Line one",
         "year": 2019, "value": 11_700_000.0, "currency": "USD", "date_start": dt.date(2019, 1, 1),
         "date_end": dt.date(2019, 12, 31), "inferred_fields": ["reporter", "partner"]},
        {"trade_id": "tra_2", "article_id": "art_1", "char_start": 0, "char_end": 4, "evidence": "Line",
         "year": None, "value": 0.1, "currency": None, "date_start": None, "date_end": None,
         "inferred_fields": []},
        {"trade_id": "tra_3", "article_id": "art_1", "char_start": 5, "char_end": 8, "evidence": "one",
         "year": 2_000_000_000_000, "value": None, "currency": "", "inferred_fields": None},
    ])
    publish({"articles": articles, "trade": trade}, out)
    return out


def published(out: Path) -> dict[str, list[dict]]:
    """Every table's rows as JSON-like values: dates ISO, lists lists."""
    tables = {}
    for name, files in read_dataset.table_files(out).items():
        rows = read_dataset.read_table(files).to_pylist()
        tables[name] = [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in r.items()} for r in rows]
    return tables


def read_csv(path: Path, schema: pa.Schema) -> list[dict]:
    """A CSV export read back with the published types: JSON arrays parsed, dates ISO."""
    flat = pa.schema([pa.field(f.name, pa.string() if pa.types.is_list(f.type) else f.type) for f in schema])
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types=flat, strings_can_be_null=True, quoted_strings_can_be_null=False))
    assert table.column_names == schema.names
    lists = {f.name for f in schema if pa.types.is_list(f.type)}
    return [{k: (json.loads(v) if k in lists and v is not None else
                 v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
            for row in table.to_pylist()]


def read_sqlite(path: Path, name: str, schema: pa.Schema) -> list[dict]:
    con = sqlite3.connect(path)
    try:
        cur = con.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
        assert [d[0] for d in cur.description] == schema.names
        lists = {f.name for f in schema if pa.types.is_list(f.type)}
        return [{k: json.loads(v) if k in lists and v is not None else v for k, v in zip(schema.names, row)}
                for row in cur.fetchall()]
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ex.FORMATS)
@pytest.mark.parametrize("which", ["seed", "awkward"])
def test_every_format_round_trips_the_published_rows(which: str, fmt: str, seed_output: Path, awkward: Path,
                                                     tmp_path: Path):
    out = {"seed": seed_output, "awkward": awkward}[which]
    want = published(out)
    done = ex.export(out, fmt, tmp_path / "export")
    assert done.rows == {name: len(rows) for name, rows in want.items()}
    for name, files in read_dataset.table_files(out).items():
        schema = read_dataset.schema_of(files)
        if fmt == "csv":
            got = read_csv(tmp_path / "export" / f"{name}.csv", schema)
        elif fmt == "jsonl":
            lines = (tmp_path / "export" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            got = [json.loads(line) for line in lines]
            assert all(list(row) == schema.names for row in got)
        else:
            got = read_sqlite(tmp_path / "export" / ex.SQLITE_NAME, name, schema)
        assert got == want[name], f"{fmt} {name}"


def test_csv_cells_read_without_any_library(awkward: Path, tmp_path: Path):
    ex.export(awkward, "csv", tmp_path / "csv")
    with open(tmp_path / "csv" / "trade.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["year"] for r in rows] == ["2019", "", "2000000000000"]  # integers, not 2019.0
    assert [r["date_start"] for r in rows] == ["2019-01-01", "", ""]
    assert [r["inferred_fields"] for r in rows] == ['["reporter","partner"]', "[]", ""]
    with open(tmp_path / "csv" / "articles.csv", newline="", encoding="utf-8") as fh:
        arts = list(csv.DictReader(fh))
    assert json.loads(arts[0]["authors"]) == ["Ana Lima", 'Jo "JJ" Park']
    assert arts[0]["text"] == "Line one,\nline \"two\"; Zürich — 東京.\r\nEnd"


def test_sqlite_types_and_keys(awkward: Path, tmp_path: Path):
    ex.export(awkward, "sqlite", tmp_path / "db")
    con = sqlite3.connect(tmp_path / "db" / ex.SQLITE_NAME)
    try:
        assert con.execute("SELECT typeof(year), typeof(value), typeof(date_start) FROM trade ORDER BY rowid"
                           ).fetchall() == [("integer", "real", "text"), ("null", "real", "null"),
                                            ("integer", "null", "null")]
        # list columns are JSON: SQLite's JSON functions read them
        assert con.execute("SELECT count(*) FROM trade, json_each(trade.inferred_fields)").fetchone() == (2,)
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO trade (trade_id) VALUES ('tra_1')")  # the id is the primary key
    finally:
        con.close()


def test_the_command_exports_beside_the_dataset_by_default(awkward: Path):
    result = CliRunner().invoke(app, ["export", "--out", str(awkward), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    dest = awkward.parent / "out-jsonl"
    assert sorted(p.name for p in dest.glob("*.jsonl")) == ["articles.jsonl", "trade.jsonl"]
    assert str(dest) in result.stdout


def test_a_new_export_replaces_the_earlier_one_whole(awkward: Path, tmp_path: Path):
    dest = tmp_path / "exports"
    ex.export(awkward, "csv", dest)
    add_to_marker(dest, "stale_table.csv")  # a table an earlier export wrote, listed in its marker
    (dest / "stale_table.csv").write_text("left from an earlier export\n")
    ex.export(awkward, "csv", dest)
    assert sorted(p.name for p in dest.iterdir()) == [".bilateral-pipeline-output", "articles.csv", "trade.csv"]
    assert [p.name for p in tmp_path.iterdir()] == ["exports"]  # no staging, old copy or lock left


@pytest.mark.parametrize("case", ["foreign folder", "user file in an export", "user's csv in an export", "file",
                                  "link", "inside the dataset", "working folder"])
def test_an_unsafe_destination_is_refused_and_nothing_is_touched(awkward: Path, tmp_path: Path, monkeypatch,
                                                                 case: str):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(home)
    (home / "mine").mkdir()
    (home / "mine" / "notes.csv").write_text("a user's table")
    ex.export(awkward, "csv", home / "earlier")
    (home / "earlier" / "my notes.txt").write_text("added by the user")
    ex.export(awkward, "csv", home / "earlier-csv")
    (home / "earlier-csv" / "my_table.csv").write_text("a,b\n1,2\n")  # named as an export names, not listed
    (home / "report.pdf").write_bytes(b"%PDF-")
    os.symlink("mine", home / "latest")
    dest = {"foreign folder": home / "mine", "user file in an export": home / "earlier",
            "user's csv in an export": home / "earlier-csv", "file": home / "report.pdf",
            "link": home / "latest", "inside the dataset": awkward / "csv", "working folder": home}[case]
    before, dataset_before = snapshot(home), snapshot(awkward.parent)
    result = CliRunner().invoke(app, ["export", "--out", str(awkward), "--to", str(dest)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --to ") and len(result.stderr.splitlines()) == 1
    assert snapshot(home) == before and snapshot(awkward.parent) == dataset_before


def test_a_failed_export_keeps_the_earlier_one(awkward: Path, tmp_path: Path, monkeypatch):
    dest = tmp_path / "exports"
    ex.export(awkward, "jsonl", dest)
    before = snapshot(tmp_path)

    def full_disk(files, target):
        target.write_text("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ex, "_write_jsonl", full_disk)
    result = CliRunner().invoke(app, ["export", "--out", str(awkward), "--format", "jsonl", "--to", str(dest)])
    assert result.exit_code == 3
    assert result.stderr.startswith("error: the export failed and wrote nothing: OSError")
    assert snapshot(tmp_path) == before


def test_no_dataset_and_a_bad_format_are_usage_errors(tmp_path: Path):
    with pytest.raises(UsageError, match="no published dataset"):
        ex.export(tmp_path / "nothing", "csv")
    with pytest.raises(UsageError, match="unknown export format"):
        ex.export(tmp_path / "nothing", "xlsx")
    result = CliRunner().invoke(app, ["export", "--format", "xlsx"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and "'xlsx' is not one of" in result.stderr
