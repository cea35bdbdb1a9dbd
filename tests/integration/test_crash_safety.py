"""kill -9 at random moments never leaves a broken or mixed dataset, and a reader holding the
DuckDB file open does not break a run."""
import hashlib
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.publish.marker import MARKER
from pipeline.publish.write import RETIRED_GRACE_SECONDS
from tests.conftest import ROOT, run_cli
from tests.safety import snapshot

TABLES = ["articles", "visits", "documents", "trade", "events", "quarantine", "rejected_inputs"]
DEV = ROOT / "tests" / "data" / "dev" / "raw"


def state(out: Path) -> tuple:
    """What a user sees in `out`: the bytes of every table (a missing file shows as None)."""
    return tuple(hashlib.sha256((out / f"{t}.parquet").read_bytes()).hexdigest()
                 if (out / f"{t}.parquet").exists() else None for t in TABLES)


def readable(out: Path) -> bool:
    con = duckdb.connect(str(out / "bilateral.duckdb"), read_only=True)
    try:
        return all(con.execute(f'SELECT count(*) FROM "{t}"').fetchone() is not None for t in TABLES)
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("crash")
    raw_a, raw_b = base / "raw-a", base / "raw-b"
    raw_a.mkdir()
    raw_b.mkdir()
    for f in (ROOT / "raw").glob("*.txt"):
        shutil.copy(f, raw_a / f.name)
        shutil.copy(f, raw_b / f.name)
    for f in sorted(DEV.glob("*.txt"))[:2]:
        shutil.copy(f, raw_b / f.name)
    cache = base / "cache"
    refs = {}
    for name, raw in (("a", raw_a), ("b", raw_b)):
        out = base / f"ref-{name}"
        assert run_cli("--raw", str(raw), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
        refs[name] = state(out)
    assert refs["a"] != refs["b"]
    return base, {"a": raw_a, "b": raw_b}, refs, cache


def test_kill_9_twenty_times_leaves_the_previous_or_the_new_dataset(corpora):
    base, raws, refs, cache = corpora
    out = base / "out"
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
    current = "a"
    rng = random.Random(20)
    t0 = time.monotonic()
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
    duration = time.monotonic() - t0
    store = base / ".out.versions"
    outcomes = []
    for i in range(20):
        target = "b" if current == "a" else "a"
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--raw", str(raws[target]), "--out", str(out),
                                 "-q", "--cache-dir", str(cache)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if i % 2:  # aim at the publish step: wait for the staging folder, then a random instant
            deadline = time.monotonic() + 60
            while not list(store.glob("staging-*")) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.12))  # publishing takes about 0.1 s
        else:  # any moment of the run
            time.sleep(rng.uniform(0, duration))
        proc.kill()
        proc.wait()
        seen = state(out)
        assert seen in (refs[current], refs[target]), f"kill {i}: a mixed or broken dataset"
        assert readable(out)
        if seen == refs[target]:
            current = target
        outcomes.append(seen == refs[target])
    print("kills that landed after the swap:", sum(outcomes), "of", len(outcomes))
    # a later run cleans up what the killed runs left and publishes normally: of the versions, only
    # the current one stays, and those that were current (or written) too recently to remove
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache),
                   "--keep-versions", "1").returncode == 0
    assert state(out) == refs["a"]
    current = Path(os.path.realpath(out))
    left = [p for p in store.iterdir() if p.name.startswith("v")]
    assert current in left
    assert all(time.time() - p.stat().st_mtime < RETIRED_GRACE_SECONDS for p in left if p != current)
    assert not (base / ".out.lock").exists()


def test_a_reader_holding_the_database_open_does_not_break_a_run(corpora):
    base, raws, refs, cache = corpora
    out = base / "held"
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
    con = duckdb.connect(str(out / "bilateral.duckdb"), read_only=True)
    try:
        before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        proc = run_cli("--raw", str(raws["b"]), "--out", str(out), "-q", "--cache-dir", str(cache))
        assert proc.returncode == 0, proc.stderr
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == before  # still the old version
    finally:
        con.close()
    assert state(out) == refs["b"]
    new = duckdb.connect(str(out / "bilateral.duckdb"), read_only=True)
    try:
        assert new.execute("SELECT count(*) FROM articles").fetchone()[0] > before
    finally:
        new.close()


def test_a_real_output_folder_the_pipeline_wrote_is_replaced_whole(corpora, tmp_path: Path):
    _, raws, refs, cache = corpora
    ref = tmp_path / "ref"
    assert run_cli("--raw", str(raws["b"]), "--out", str(ref), "-q", "--cache-dir", str(cache)).returncode == 0
    out = tmp_path / "out"
    shutil.copytree(ref, out)  # a real folder, as publish leaves it where links cannot be made
    old = snapshot(out)
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
    assert out.is_symlink() and state(out) == refs["a"]
    (kept,) = (tmp_path / ".out.versions").glob("folder-*")
    assert snapshot(kept) == old  # kept whole, as a version


def test_a_real_output_folder_without_the_marker_is_refused_whole(corpora, tmp_path: Path):
    _, raws, _, cache = corpora
    ref = tmp_path / "ref"
    assert run_cli("--raw", str(raws["b"]), "--out", str(ref), "-q", "--cache-dir", str(cache)).returncode == 0
    out = tmp_path / "out"
    shutil.copytree(ref, out, ignore=shutil.ignore_patterns(MARKER))  # the same files, not the pipeline's mark
    old = snapshot(tmp_path)
    proc = run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and "did not create" in proc.stderr
    assert snapshot(tmp_path) == old


def test_a_real_output_folder_holding_other_files_is_left_alone(corpora, tmp_path: Path):
    _, raws, _, cache = corpora
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale.txt").write_text("from an older version")
    before = snapshot(tmp_path)
    proc = run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert snapshot(tmp_path) == before
