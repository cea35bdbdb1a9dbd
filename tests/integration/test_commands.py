"""The subcommands in process (click's CliRunner): run is the default and takes one file, settings files
give defaults, every mistake is one line and exit 2, each version has its manifest, validate re-checks a
dataset, report calls pipeline.publish.report, and pandas reads integers and dates with their types."""
import datetime as dt
import json
import os
import shutil
import sys
import types
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.cli import commands
from pipeline.cli.commands import app
from pipeline.nlp.rules import rules_digest
from tests.conftest import ROOT

SEED = next((ROOT / "raw").glob("*.txt"))


def one_line_error(result, code: int = 2) -> bool:
    return (result.exit_code == code and len(result.stderr.splitlines()) == 1
            and result.stderr.startswith("error: ") and "Traceback" not in result.stderr)


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> tuple[Path, Path, object]:
    """The seed article given as one file to the default command, with settings from pipeline.toml."""
    home = tmp_path_factory.mktemp("single")
    (home / "articles").mkdir()
    article = home / "articles" / "one.txt"
    shutil.copy(SEED, article)
    (home / "articles" / "other.txt").write_text("Not read: only the file given is.\n")
    (home / "pipeline.toml").write_text('out = "published"\nquiet = true\n[run]\nworkers = 1\nno-cache = true\n')
    cwd = os.getcwd()
    os.chdir(home)
    try:
        result = CliRunner().invoke(app, ["--raw", "articles/one.txt"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return home, home / "published", result


def test_the_default_command_reads_one_file_with_the_settings_defaults(single):
    home, out, result = single
    assert out.is_dir()  # `out` from pipeline.toml
    articles = pd.read_parquet(out / "articles.parquet")
    assert articles["source_path"].tolist() == ["one.txt"]
    assert len(pd.read_parquet(out / "visits.parquet")) > 0
    assert not (home / ".pipeline-cache").exists()  # no-cache from [run]
    assert result.stdout == "" and "progress" not in result.stderr  # quiet, from pipeline.toml


def test_each_version_has_a_manifest_of_what_made_it(single):
    home, out, _ = single
    version = Path(os.path.realpath(out))
    manifest = json.loads((version / "manifest.json").read_text())
    assert manifest["command"] == ["python -m pipeline", "--raw", "articles/one.txt"]
    assert manifest["inputs"]["raw"] == str(home / "articles" / "one.txt")
    assert (manifest["inputs"]["files"], manifest["inputs"]["articles"], manifest["inputs"]["rejected"]) == (1, 1, 0)
    assert manifest["arguments"]["workers"] == 1 and manifest["arguments"]["cache_dir"] is None
    assert manifest["versions"]["bilateral-pipeline"] and manifest["versions"]["spacy"]
    assert manifest["versions"]["fingerprint"]
    assert manifest["versions"]["rules_digest"] == rules_digest()  # the rules' version, as rule_matcher is configured
    assert set(manifest["timings_seconds"]) == {"read_and_extract", "merge", "validate", "write"}
    assert all(t >= 0 for t in manifest["timings_seconds"].values())
    package = json.loads((version / "datapackage.json").read_text())
    assert set(manifest["tables"]) == {r["name"] for r in package["resources"]}
    for name, table in manifest["tables"].items():
        assert table["rows"] == pq.read_metadata(version / table["files"][0]).num_rows, name


def test_the_same_inputs_give_the_same_input_digest(single, tmp_path: Path):
    home, out, _ = single
    again = tmp_path / "again"
    result = CliRunner().invoke(app, ["run", "--raw", str(home / "articles" / "one.txt"), "--out", str(again), "-q",
                                      "--workers", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads((p / "manifest.json").read_text()) for p in (out, again))
    assert first["inputs"]["digest"] == second["inputs"]["digest"]
    for name in first["tables"]:  # the manifest changes from run to run; the tables do not
        assert (out / f"{name}.parquet").read_bytes() == (again / f"{name}.parquet").read_bytes()


def test_pandas_reads_integers_and_dates_with_their_types(single):
    _, out, _ = single
    trade = pd.read_parquet(out / "trade.parquet")
    assert str(trade["year"].dtype) == "Int64" and str(trade["char_start"].dtype) == "Int64"
    dates = trade["date_start"].dropna()
    assert len(dates) and all(type(d) is dt.date for d in dates)  # dates, not timestamps or strings
    trade.to_json()  # pandas can write what it read (it cannot write date32[pyarrow] columns)
    documents = pd.read_parquet(out / "documents.parquet")
    assert str(documents["count"].dtype) == "Int64"
    assert documents["count"].isna().any()  # null stays null in an integer column


def test_validate_passes_a_published_dataset(single):
    _, out, _ = single
    result = CliRunner().invoke(app, ["validate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "valid"
    assert "visits" in result.stdout and "ok" in result.stdout


@pytest.mark.parametrize("damage", ["evidence", "vocabulary", "column type", "missing table", "dangling link"])
def test_validate_finds_a_damaged_dataset(single, tmp_path: Path, damage: str):
    _, out, _ = single
    copy = tmp_path / "copy"
    shutil.copytree(os.path.realpath(out), copy)
    name = {"evidence": "visits", "vocabulary": "documents", "column type": "trade", "missing table": "diagnostics",
            "dangling link": "events"}[damage]
    path = copy / f"{name}.parquet"
    table = pq.read_table(path)
    if damage == "missing table":
        path.unlink()
        package = json.loads((copy / "datapackage.json").read_text())
        package["resources"] = [r for r in package["resources"] if r["name"] != name]
        (copy / "datapackage.json").write_text(json.dumps(package))
    else:
        column, value = {"evidence": ("evidence", "Words the article never had."),
                         "vocabulary": ("doc_type", "napkin"), "column type": ("year", None),
                         "dangling link": ("visit_id", "vis_0000000000000000")}[damage]
        rows = table.to_pylist()
        rows[0][column] = value
        if damage == "column type":
            rows = [{**r, "year": str(r["year"])} for r in rows]  # years as text
        pq.write_table(pa_table(rows, table.schema, retype=damage == "column type"), path)
    result = CliRunner().invoke(app, ["validate", "--out", str(copy)])
    assert result.exit_code == commands.EXIT_STRICT, result.output
    assert result.stdout.splitlines()[-1].startswith("INVALID")
    problem_lines = [line for line in result.stdout.splitlines() if line.startswith(f"{name} ")]
    assert problem_lines and "problem" in problem_lines[0], result.stdout
    expected = {"evidence": "evidence", "vocabulary": "doc_type", "column type": "year is string",
                "missing table": "table missing", "dangling link": "is not a row of visits"}[damage]
    assert expected in result.stdout


def pa_table(rows, schema, retype: bool):
    import pyarrow as pa

    if retype:
        schema = pa.schema([pa.field(f.name, pa.string()) if f.name == "year" else f for f in schema])
    return pa.Table.from_pylist(rows, schema=schema.remove_metadata())


def test_report_calls_the_report_module(single, monkeypatch):
    _, out, _ = single
    calls = []
    fake = types.ModuleType("pipeline.publish.report")
    fake.write_report = lambda out_dir: calls.append(out_dir) or Path(out_dir) / "report.html"
    monkeypatch.setitem(sys.modules, "pipeline.publish.report", fake)
    result = CliRunner().invoke(app, ["report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert calls == [out] and f"report written to {out / 'report.html'}" in result.stdout


def test_report_without_the_report_module_is_one_line(single, monkeypatch):
    _, out, _ = single
    monkeypatch.setitem(sys.modules, "pipeline.publish.report", None)  # as if pipeline/publish/report.py were missing
    result = CliRunner().invoke(app, ["report", "--out", str(out)])
    assert one_line_error(result) and "report" in result.stderr


@pytest.mark.parametrize("argv", [
    ["evalute", "gold.yaml"],  # a mistyped command
    ["--bogus"],
    ["run", "--workers", "0"],
    ["--max-bytes", "lots"],
    ["--lock-timeout", "-1"],
    ["--engine", "spark"],
    ["--raw", "no/such/folder"],
    ["--scheduler", "tcp://x:1"],
    ["evaluate"],
    ["evaluate", "missing-gold.yaml"],
    ["export", "--format", "xlsx"],
    ["export", "--out", "no-dataset-here"],
    ["validate", "--out", "no-dataset-here"],
    ["report", "--out", "no-dataset-here", "--bogus"],
], ids=lambda a: " ".join(a))
def test_every_mistake_is_one_line_and_exit_2(argv, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, argv)
    assert one_line_error(result), (result.exit_code, result.stderr)
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.parametrize(("settings", "says"), [
    ("workers = 0\n", "workers = 0: must be at least 1"),
    ("colour = 'blue'\n", "colour is not an option of any command"),
    ("[run]\nformat = 'csv'\n", "format is not an option of `run`"),
    ("[deploy]\nout = 'x'\n", "[deploy] is not a command"),
    ("out = [unclosed\n", "is not valid TOML"),
], ids=["bad value", "unknown key", "key of another command", "unknown command", "not TOML"])
def test_a_bad_settings_file_is_one_line_naming_it(settings: str, says: str, tmp_path: Path, monkeypatch):
    (tmp_path / "pipeline.toml").write_text(settings)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--raw", "nothing"])
    assert one_line_error(result), result.stderr
    assert "pipeline.toml" in result.stderr and says in result.stderr


def test_pyproject_settings_apply_per_command_and_the_command_line_wins(tmp_path: Path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.pipeline]\nout = "from-settings"\n'
                                             '[tool.pipeline.export]\nformat = "sqlite"\n')
    monkeypatch.chdir(tmp_path)
    seen = {}

    def fake_export(out, fmt, destination):
        seen.update(out=out, fmt=fmt)
        raise commands.UsageError("stop here")

    monkeypatch.setattr("pipeline.publish.export.export", fake_export)
    assert CliRunner().invoke(app, ["export"]).exit_code == 2
    assert seen == {"out": Path("from-settings"), "fmt": "sqlite"}
    assert CliRunner().invoke(app, ["export", "--out", "given", "--format", "csv"]).exit_code == 2
    assert seen == {"out": Path("given"), "fmt": "csv"}


def test_help_lists_the_commands_and_the_run_options(capsys):
    with pytest.raises(SystemExit) as stop:
        commands.main(["--help"])
    assert stop.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for words in ("evaluate", "export", "report", "run", "validate", "Options of run (the default command)",
                  "--raw PATH", "or one file", "Exit codes"):
        assert words in text
    with pytest.raises(SystemExit):
        commands.main(["export", "--help"])
    assert "csv|jsonl|sqlite" in capsys.readouterr().out
