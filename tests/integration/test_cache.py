"""Per-article results are reused by reruns, and only while the raw bytes and the pipeline are the same."""
import shutil
from pathlib import Path

import pytest

from pipeline import cache as cache_mod
from tests.conftest import ROOT, run_cli

DEV = ROOT / "tests" / "data" / "dev" / "raw"
TABLES = ["articles", "visits", "documents", "trade", "events", "diagnostics", "quarantine", "rejected_inputs"]


def _bytes(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.parquet").read_bytes() for t in TABLES}


def _reused(stdout: str) -> int:
    for line in stdout.splitlines():
        if line.startswith("reused from cache"):
            return int(line.split()[3])
    return 0


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(next((ROOT / "raw").glob("*.txt")), raw)
    for f in sorted(DEV.glob("*.txt"))[:3]:
        shutil.copy(f, raw)
    return raw


def test_unchanged_rerun_reuses_everything_and_is_byte_identical(corpus: Path, tmp_path: Path):
    args = ["--raw", str(corpus), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")]
    first = run_cli(*args, "-q")
    assert first.returncode == 0 and _reused(first.stdout) == 0
    before = _bytes(tmp_path / "out")
    second = run_cli(*args, "-q")
    assert second.returncode == 0 and _reused(second.stdout) == 4
    assert _bytes(tmp_path / "out") == before
    fresh = run_cli("--raw", str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache", "-q")
    assert _reused(fresh.stdout) == 0 and _bytes(tmp_path / "fresh") == before


def test_a_changed_file_is_extracted_again(corpus: Path, tmp_path: Path):
    args = ["--raw", str(corpus), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"), "-q"]
    assert run_cli(*args).returncode == 0
    victim = sorted(corpus.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nAn added closing line.\n", encoding="utf-8")
    again = run_cli(*args)
    assert again.returncode == 0 and _reused(again.stdout) == 3


def test_no_cache_neither_reads_nor_writes(corpus: Path, tmp_path: Path):
    proc = run_cli("--raw", str(corpus), "--out", str(tmp_path / "out"), "--no-cache", "-q")
    assert proc.returncode == 0 and not (tmp_path / ".pipeline-cache").exists()


def test_default_cache_lives_beside_the_output(corpus: Path, tmp_path: Path):
    assert run_cli("--raw", str(corpus), "--out", str(tmp_path / "out"), "-q").returncode == 0
    assert (tmp_path / ".pipeline-cache").is_dir()


def test_new_pipeline_version_or_damaged_entry_is_a_miss(tmp_path: Path, monkeypatch):
    c = cache_mod.ResultCache(tmp_path)
    c.put("ab" * 32, ("article", {"visits": []}))
    assert cache_mod.ResultCache(tmp_path).get("ab" * 32) == ("article", {"visits": []})
    other = cache_mod.ResultCache(tmp_path)
    other.prefix = "another-version"
    assert other.get("ab" * 32) is None
    path = c._path("ab" * 32)
    path.write_bytes(b"not a pickle")
    assert cache_mod.ResultCache(tmp_path).get("ab" * 32) is None


def test_fingerprint_covers_the_code():
    fp = cache_mod.fingerprint()
    assert len(fp) == 24 and fp == cache_mod.fingerprint()
