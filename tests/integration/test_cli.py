"""The CLI end to end on the seed article: tables, scores, determinism, README queries."""
import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.conftest import ROOT, run_cli

TABLES = ["articles", "visits", "documents", "trade", "events", "visits_consolidated", "documents_consolidated",
          "trade_consolidated", "events_consolidated", "diagnostics", "quarantine", "rejected_inputs"]


def test_publishes_every_table(seed_output: Path):
    for name in TABLES:
        assert (seed_output / f"{name}.parquet").is_file(), name
    assert (seed_output / "bilateral.duckdb").is_file()
    package = json.loads((seed_output / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} == set(TABLES)
    assert all(f["description"] for r in package["resources"] for f in r["schema"]["fields"])


def test_seed_publishes_diagnostics_and_the_inferred_and_package_columns(seed_output: Path):
    package = json.loads((seed_output / "datapackage.json").read_text())
    fields = {r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]} for r in package["resources"]}
    lists = {r["name"]: {f["name"]: f.get("x-list-of") for f in r["schema"]["fields"]} for r in package["resources"]}
    for name in ["visits", "documents", "trade", "events"]:
        # a list of strings: `any` to the validator, which cannot type Parquet lists as `array`
        assert (fields[name]["inferred_fields"], lists[name]["inferred_fields"]) == ("any", "string"), name
    assert (fields["documents"]["count"], fields["documents"]["package_id"]) == ("integer", "string")
    assert {"diagnostic_id", "kind", "detail", "evidence"} <= set(fields["diagnostics"])
    con = duckdb.connect(str(seed_output / "bilateral.duckdb"), read_only=True)
    try:
        kinds = dict(con.execute("SELECT kind, count(*) FROM diagnostics GROUP BY kind").fetchall())
        assert kinds and set(kinds) <= {"trigger_without_row", "unresolved_place", "unknown_currency"}
        # every fact row has a list, and the seed article fills some values from its two main countries
        for name in ["visits", "documents", "trade", "events"]:
            assert con.execute(f"SELECT count(*) FROM {name} WHERE inferred_fields IS NULL").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM events WHERE len(inferred_fields) > 0").fetchone()[0] > 0
        assert con.execute("SELECT typeof(count) FROM documents LIMIT 1").fetchone() == ("BIGINT",)
    finally:
        con.close()


def test_the_summary_counts_diagnostics_by_kind(tmp_path: Path):
    proc = run_cli("--raw", str(ROOT / "raw"), "--out", str(tmp_path / "out"), "--no-cache")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("diagnostics"))
    total = int(line.split()[1])
    by_kind = dict((k, int(n)) for k, n in re.findall(r"(\w+) (\d+)", line.partition("(")[2]))
    assert total == len(pd.read_parquet(tmp_path / "out" / "diagnostics.parquet")) == sum(by_kind.values())


def test_evidence_is_the_text_span(seed_output: Path):
    text = pd.read_parquet(seed_output / "articles.parquet").set_index("article_id")["text"]
    for name in ["visits", "documents", "trade", "events", "diagnostics"]:
        df = pd.read_parquet(seed_output / f"{name}.parquet")
        assert len(df) > 0, name
        for r in df.itertuples():
            assert text[r.article_id][r.char_start:r.char_end] == r.evidence


def test_evaluate_against_seed_gold(seed_output: Path):
    proc = run_cli("evaluate", *map(str, sorted((ROOT / "tests" / "data" / "seed" / "gold").glob("*.yaml"))),
                   "--out", str(seed_output), "--scores-only")
    assert proc.returncode == 0, proc.stderr
    f1 = {m[0]: float(m[1]) for m in re.findall(r"^(\w+)\s+P=\S+ R=\S+ F1=(\S+)", proc.stdout, re.MULTILINE)}
    assert set(f1) == {"visits", "documents", "trade", "events"}
    assert f1["visits"] >= 0.95 and f1["documents"] >= 0.95 and f1["trade"] >= 0.95, proc.stdout
    assert f1["events"] >= 0.90, proc.stdout


def test_two_runs_give_identical_parquet(seed_output: Path, tmp_path: Path):
    again = tmp_path / "again"
    assert run_cli("--raw", str(ROOT / "raw"), "--out", str(again), "-q").returncode == 0
    for name in TABLES:
        assert (seed_output / f"{name}.parquet").read_bytes() == (again / f"{name}.parquet").read_bytes(), name


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    return re.findall(r"```sql\n(.*?)```", readme, re.DOTALL)


def test_readme_queries_run(seed_output: Path):
    queries = _readme_queries()
    assert len(queries) >= 3
    con = duckdb.connect(str(seed_output / "bilateral.duckdb"), read_only=True)
    try:
        for q in queries:
            rows = con.execute(q).fetchall()
            assert rows, f"README query returned nothing on the seed:\n{q}"
    finally:
        con.close()


def test_missing_raw_folder_is_a_usage_error(tmp_path: Path):
    proc = run_cli("--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "raw folder not found" in proc.stderr and "Traceback" not in proc.stderr


def test_bad_files_are_rejected_and_the_run_goes_on(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    seed = next((ROOT / "raw").glob("*.txt"))
    (raw / seed.name).write_bytes(seed.read_bytes())
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / "copy.txt").write_bytes(seed.read_bytes())
    proc = run_cli("--raw", str(raw), "--out", str(tmp_path / "out"), "-q")
    assert proc.returncode == 0, proc.stderr
    assert "empty.txt" in proc.stderr and "image.png" in proc.stderr
    rejected = pd.read_parquet(tmp_path / "out" / "rejected_inputs.parquet")
    assert sorted(rejected["path"]) == ["empty.txt", "image.png", seed.name] or \
        sorted(rejected["path"]) == sorted(["copy.txt", "empty.txt", "image.png"])
    assert len(pd.read_parquet(tmp_path / "out" / "articles.parquet")) == 1


def test_failed_run_keeps_previous_output(seed_output: Path, tmp_path: Path, monkeypatch):
    import shutil

    from pipeline.publish import write as pub

    out = tmp_path / "out"
    shutil.copytree(seed_output, out)
    before = (out / "visits.parquet").read_bytes()

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pub.duckdb, "connect", boom)
    frames = {n: pd.read_parquet(seed_output / f"{n}.parquet") for n in TABLES}
    with pytest.raises(RuntimeError):
        pub.publish(frames, out)
    assert (out / "visits.parquet").read_bytes() == before
    assert not list((tmp_path / ".out.versions").glob("staging-*"))
