"""`validate` checks a dataset as the text policy its manifest records says it was published (full, snippet,
none): a dataset published under any policy is valid as published, and a real fault in it is found in each
mode, text withheld by the policy but present all the same included."""
import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.cli import commands as cli
from pipeline.cli.commands import app
from tests.conftest import ROOT

POLICIES = ("full", "snippet", "none")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Path]:
    """The seed published once under each text policy."""
    home = tmp_path_factory.mktemp("policies")
    out = {}
    for policy in POLICIES:
        out[policy] = home / policy
        result = CliRunner().invoke(app, ["run", "--raw", str(ROOT / "raw"), "--out", str(out[policy]), "-q",
                                          "--workers", "1", "--no-cache", "--text", policy])
        assert result.exit_code == 0, result.output
    return out


def _validate(out: Path):
    return CliRunner().invoke(app, ["validate", "--out", str(out)])


def _problem_tables(stdout: str) -> set[str]:
    return {line.split()[0] for line in stdout.splitlines() if line.rstrip().endswith(("problem", "problems"))}


@pytest.mark.parametrize("policy", POLICIES)
def test_a_dataset_is_valid_as_published_under_its_text_policy(published, policy):
    result = _validate(published[policy])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[0] == f"text policy: {policy}"
    assert result.stdout.splitlines()[-1] == "valid"
    assert _problem_tables(result.stdout) == set()


def _rewrite(path: Path, change) -> None:
    table = pq.read_table(path)
    rows = table.to_pylist()
    change(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema.remove_metadata()), path)


def _first(column, value):
    def change(rows):
        rows[0][column] = value
    return change


def _text_back(full: Path, table: str, column: str):
    """The column as the full-text dataset has it: what the policy withholds, published after all."""
    original = pq.read_table(full / f"{table}.parquet").column(column).to_pylist()

    def change(rows):
        for row, value in zip(rows, original):
            row[column] = value
    return change


def _shift_span(rows):
    rows[0]["char_start"] += 1


def _say_policy(path_name: str, policy: str):
    def change(folder: Path):
        path = folder / path_name
        data = json.loads(path.read_text())
        if path_name == "manifest.json":
            data["arguments"]["text"] = policy
        else:
            data["x-text-policy"] = policy
        path.write_text(json.dumps(data))
    return change


# damage -> (the policies it applies to, table, the change, what validate must say)
DAMAGES = {
    "a value outside its vocabulary": (POLICIES, "documents", _first("doc_type", "napkin"), "doc_type"),
    "a link to no row": (POLICIES, "events", _first("visit_id", "vis_0000000000000000"), "is not a row of visits"),
    "evidence edited": (("full",), "visits", _first("evidence", "Words the article never had."), "evidence"),
    "evidence span shifted": (("snippet",), "visits", _shift_span, "evidence is not as long as its span"),
    "article bodies published": (("snippet", "none"), "articles", "text", "rows hold text that --text"),
    "evidence published": (("none",), "events", "evidence", "rows hold text that --text none withholds"),
    "the datapackage names another policy": (POLICIES, None, "datapackage.json", "but datapackage.json says"),
    "an unknown policy": (POLICIES, None, "manifest.json", "not one of full, snippet, none"),
}
CASES = [(policy, damage) for damage, (policies, *_) in DAMAGES.items() for policy in policies]


@pytest.mark.parametrize(("policy", "damage"), CASES, ids=[f"{p}: {d}" for p, d in CASES])
def test_validate_finds_a_fault_under_every_text_policy(published, tmp_path: Path, policy: str, damage: str):
    _, table, change, expected = DAMAGES[damage]
    copy = tmp_path / "copy"
    shutil.copytree(os.path.realpath(published[policy]), copy)
    if table is None:
        other = "bogus" if damage == "an unknown policy" else next(p for p in POLICIES if p != policy)
        _say_policy(change, other)(copy)
    elif isinstance(change, str):
        _rewrite(copy / f"{table}.parquet", _text_back(published["full"], table, change))
    else:
        _rewrite(copy / f"{table}.parquet", change)
    result = _validate(copy)
    assert result.exit_code == cli.EXIT_STRICT, result.stdout
    assert result.stdout.splitlines()[-1].startswith("INVALID")
    assert expected in result.stdout, result.stdout
    # the fault is found where it is, and nothing else is reported under the dataset's policy
    assert _problem_tables(result.stdout) == ({table} if table else set()), result.stdout
    if table is None:
        assert any(line.startswith("dataset: ") for line in result.stdout.splitlines()), result.stdout


def test_validate_keeps_each_table_name_apart_from_its_row_count(published):
    from schemas.spec import TABLES

    lines = _validate(published["full"]).stdout.splitlines()
    rows = [line for line in lines if " rows " in line]
    assert len(rows) == len(TABLES)
    for line in rows:
        name, count, *_ = line.split()
        assert name in TABLES and count.isdigit(), line  # "visits_consolidated4" would be neither
