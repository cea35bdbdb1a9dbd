"""The published dataset as a package others can open: Frictionless-valid, a card and a codebook,
a DuckDB file older DuckDB releases read, and the --text policy."""
import json
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from frictionless import validate

from pipeline.publish.write import DUCKDB_STORAGE_NUMBER
from schemas.codebook import render_codebook
from tests.conftest import ROOT, run_cli
from tests.integration.test_cli import TABLES, _readme_queries

BIN = Path(sys.executable).parent


def _errors(folder: Path) -> list[str]:
    report = validate(str(folder / "datapackage.json"))
    return [f"{task.name}: {e.type}: {e.note}" for task in report.tasks for e in task.errors]


def test_frictionless_validate_passes_on_the_seed(seed_output: Path):
    proc = subprocess.run([str(BIN / "frictionless"), "validate", "datapackage.json"], cwd=seed_output,
                          check=False, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "INVALID" not in proc.stdout and proc.stdout.count("VALID") == len(TABLES)


def test_the_validator_catches_a_broken_key_and_a_value_outside_its_vocabulary(seed_output: Path, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(seed_output, copy)
    events = pq.read_table(copy / "events.parquet").to_pandas()
    events.loc[0, "event_type"] = "picnic"
    visit_rows = events.index[events["visit_id"].notna()]
    events.loc[visit_rows[0], "visit_id"] = "vis_0000000000000000"
    schema = pq.read_schema(copy / "events.parquet")
    (copy / "events.parquet").unlink()
    pq.write_table(pa.Table.from_pandas(events, schema=schema, preserve_index=False), copy / "events.parquet")
    errors = _errors(copy)
    assert any("foreign-key" in e for e in errors), errors
    assert any("constraint-error" in e and "enum" in e for e in errors), errors


def test_the_package_declares_keys_and_publishing_metadata(seed_output: Path):
    package = json.loads((seed_output / "datapackage.json").read_text())
    for key in ("name", "title", "version", "created", "licenses", "sources", "contributors"):
        assert package[key], key
    outlets = sorted(set(pd.read_parquet(seed_output / "articles.parquet")["outlet"].dropna()))
    assert package["sources"][:len(outlets)] == [{"title": o} for o in outlets]
    looked_up = package["sources"][len(outlets):]  # the reference data some columns come from
    assert [s["title"].split(" ")[0] for s in looked_up] == ["European", "GeoNames", "countryinfo's", "GDELT's"]
    assert all(s["path"].startswith("https://") and s["x-fills"] for s in looked_up)
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["visits"]["schema"]["primaryKey"] == ["visit_id"]
    assert resources["events"]["schema"]["foreignKeys"]
    assert package["x-text-policy"] == "full"


def test_the_card_and_codebook_are_published(seed_output: Path):
    card = (seed_output / "README.md").read_text(encoding="utf-8")
    for name in TABLES:
        rows = len(pd.read_parquet(seed_output / f"{name}.parquet"))
        assert f"| `{name}` | {rows} |" in card, name
    for section in ("## Sources", "## How it was made", "## Text policy", "## Accuracy", "## Known limits",
                    "## Licence", "## How to cite"):
        assert section in card
    assert "**full**" in card
    assert (seed_output / "CODEBOOK.md").read_text(encoding="utf-8") == render_codebook()


def test_the_duckdb_file_is_in_the_storage_format_of_duckdb_1_1(seed_output: Path):
    header = (seed_output / "bilateral.duckdb").read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    assert struct.unpack("<Q", header[12:20])[0] == DUCKDB_STORAGE_NUMBER == 64
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{seed_output / 'bilateral.duckdb'}' AS d (READ_ONLY)")
        tags = con.execute("SELECT tags FROM duckdb_databases() WHERE database_name = 'd'").fetchone()[0]
        assert tags["storage_version"] == "v1.0.0+"
    finally:
        con.close()


def test_the_duckdb_command_line_runs_the_readme_queries(seed_output: Path):
    cli = BIN / "duckdb"  # the duckdb-cli package (a test dependency)
    version = subprocess.run([str(cli), "--version"], check=False, capture_output=True, text=True, timeout=60).stdout
    assert version.startswith("v1."), version  # the 1.x command line, which cannot read 2.0's default format
    for query in _readme_queries():
        proc = subprocess.run([str(cli), "-readonly", "-csv", str(seed_output / "bilateral.duckdb")], input=query,
                              check=False, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0 and not proc.stderr, proc.stderr
        assert len(proc.stdout.splitlines()) >= 2, query  # a header and at least one row


@pytest.mark.parametrize("policy", ["snippet", "none"])
def test_text_policy(policy, tmp_path: Path):
    out = tmp_path / "out"
    proc = run_cli("--raw", str(ROOT / "raw"), "--out", str(out), "-q", "--text", policy)
    assert proc.returncode == 0, proc.stderr
    articles = pd.read_parquet(out / "articles.parquet")
    assert len(articles) and articles["text"].isna().all()
    assert articles["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    events = pd.read_parquet(out / "events.parquet")
    assert len(events)
    assert events["evidence"].isna().all() == (policy == "none")
    assert events["evidence"].notna().all() == (policy == "snippet")
    card = (out / "README.md").read_text(encoding="utf-8")
    assert f"**{policy}**" in card and "No gold annotations were scored" in card
    assert json.loads((out / "datapackage.json").read_text())["x-text-policy"] == policy
    assert _errors(out) == []


def test_a_bad_text_policy_is_a_usage_error(tmp_path: Path):
    proc = run_cli("--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"), "--text", "most")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_frictionless_validate_passes_on_300_generated_articles(tmp_path: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    made = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "300", str(raw)],
                          check=False, capture_output=True, text=True, timeout=600)
    assert made.returncode == 0, made.stderr
    proc = run_cli("--raw", str(raw), "--out", str(out), "-q", "--no-cache", "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert len(pd.read_parquet(out / "articles.parquet")) >= 290
    assert _errors(out) == []


def test_evaluate_puts_its_scores_in_the_card(seed_output: Path, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(seed_output, copy)
    (copy / "README.md").write_text("a card from before\n", encoding="utf-8")  # (other tests evaluate the seed too)
    gold = sorted((ROOT / "tests" / "data" / "seed" / "gold").glob("*.yaml"))
    proc = run_cli("evaluate", *map(str, gold), "--out", str(copy), "--scores-only")
    assert proc.returncode == 0, proc.stderr
    card = (copy / "README.md").read_text(encoding="utf-8")
    for table in ("visits", "documents", "trade", "events"):
        scores = re.search(rf"^{table}\s+P=(\S+) R=(\S+) F1=(\S+)", proc.stdout, re.MULTILINE)
        assert scores, proc.stdout
        assert f"| `{table}` | {' | '.join(scores.groups())} |" in card
    for name in TABLES:  # the rest of the card is unchanged
        assert f"| `{name}` | {len(pd.read_parquet(copy / f'{name}.parquet'))} |" in card
