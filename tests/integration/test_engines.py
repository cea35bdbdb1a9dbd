"""The output does not depend on the engine or the number of workers; large tables are written in parts."""
import hashlib
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.conftest import ROOT, run_cli

TABLES = ["articles", "visits", "documents", "trade", "events", "quarantine", "rejected_inputs"]


def _digest(out: Path) -> dict[str, str]:
    return {t: hashlib.sha256((out / f"{t}.parquet").read_bytes()).hexdigest() for t in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("engines") / "raw"
    raw.mkdir()
    shutil.copy(next((ROOT / "raw").glob("*.txt")), raw)
    for f in sorted((ROOT / "tests" / "data" / "dev" / "raw").glob("*.txt")):
        shutil.copy(f, raw)
    (raw / "empty.txt").write_bytes(b"")
    return raw


@pytest.fixture(scope="module")
def one_worker(corpus: Path) -> Path:
    out = corpus.parent / "one"
    proc = run_cli("--raw", str(corpus), "--out", str(out), "--workers", "1", "--no-cache", "-q")
    assert proc.returncode == 0, proc.stderr
    return out


def test_two_local_workers_give_the_same_bytes(corpus: Path, one_worker: Path):
    out = corpus.parent / "two"
    proc = run_cli("--raw", str(corpus), "--out", str(out), "--workers", "2", "--batch-size", "2", "--no-cache", "-q")
    assert proc.returncode == 0, proc.stderr
    assert _digest(out) == _digest(one_worker)


def test_dask_local_cluster_with_two_worker_processes_gives_the_same_bytes(corpus: Path, one_worker: Path):
    out = corpus.parent / "dask"
    proc = run_cli("--raw", str(corpus), "--out", str(out), "--engine", "dask", "--workers", "2",
                   "--batch-size", "3", "--no-cache", "-q")
    assert proc.returncode == 0, proc.stderr
    assert _digest(out) == _digest(one_worker)


def test_dask_with_an_existing_scheduler(corpus: Path, one_worker: Path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = corpus.parent / "dask-address"
        proc = run_cli("--raw", str(corpus), "--out", str(out), "--engine", "dask", "--scheduler",
                       cluster.scheduler_address, "--no-cache", "-q")
        assert proc.returncode == 0, proc.stderr
    assert _digest(out) == _digest(one_worker)


def test_scheduler_without_dask_engine_is_a_usage_error(corpus: Path, tmp_path: Path):
    proc = run_cli("--raw", str(corpus), "--out", str(tmp_path / "o"), "--scheduler", "tcp://x:1")
    assert proc.returncode == 2 and "--engine dask" in proc.stderr


def test_large_tables_are_written_in_parts(corpus: Path, one_worker: Path):
    out = corpus.parent / "parts"
    proc = run_cli("--raw", str(corpus), "--out", str(out), "--rows-per-file", "20", "-q", "--no-cache",
                   "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    parts = sorted((out / "events").glob("part-*.parquet"))
    assert len(parts) > 1 and not (out / "events.parquet").exists()
    whole = pd.read_parquet(one_worker / "events.parquet")
    assert pd.read_parquet(out / "events").equals(whole)
    con = duckdb.connect(str(out / "bilateral.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == len(whole)
    finally:
        con.close()
    via_glob = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{out}/events/*.parquet')").fetchone()[0]
    assert via_glob == len(whole)
