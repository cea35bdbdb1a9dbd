"""Per-article results are reused by reruns, and only while the raw bytes and the pipeline are the same."""
import datetime as dt
import json
import pickle
import shutil
from pathlib import Path

import pytest

from pipeline.runtime import cache as cache_mod
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
    first = run_cli(*args)  # not -q: the summary says what was reused
    assert first.returncode == 0 and _reused(first.stdout) == 0
    before = _bytes(tmp_path / "out")
    second = run_cli(*args, "--force")  # --force: run again, rather than leave the unchanged output as it is
    assert second.returncode == 0 and _reused(second.stdout) == 4
    assert _bytes(tmp_path / "out") == before
    fresh = run_cli("--raw", str(corpus), "--out", str(tmp_path / "fresh"), "--no-cache")
    assert _reused(fresh.stdout) == 0 and _bytes(tmp_path / "fresh") == before


def test_a_changed_file_is_extracted_again(corpus: Path, tmp_path: Path):
    args = ["--raw", str(corpus), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")]
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


def _article_and_rows():
    from pipeline.io import formats, ingest

    record = formats.Record("talks.txt", b"Talks\n\nThe ministers of Ruritania and Freedonia met in Oslo.", "txt")
    article = ingest.parse_record(record)
    start = article.text.index("Oslo")
    rows = {"visits": [], "documents": [], "trade": [], "diagnostics": [],
            "events": [{"char_start": start, "char_end": start + 4, "evidence": "Oslo", "event_type": "meeting",
                        "countries": ["NOR"], "date_start": dt.date(2024, 3, 4), "date_end": None,
                        "_anchor": 3, "_visit_ref": None}]}
    return record, article, rows


def test_new_pipeline_version_or_damaged_entry_is_a_miss(tmp_path: Path, monkeypatch):
    record, article, rows = _article_and_rows()
    c = cache_mod.ResultCache(tmp_path)
    c.put(record, article, rows)
    assert cache_mod.ResultCache(tmp_path).get(record, article) == rows
    other = cache_mod.ResultCache(tmp_path)
    other.prefix = "another-version"
    assert other.get(record, article) is None
    path = c._path(record.sha256, record.source_format)
    path.write_bytes(b"not a pickle")
    assert cache_mod.ResultCache(tmp_path).get(record, article) is None


def test_entries_are_plain_json_never_pickles(tmp_path: Path):
    record, article, rows = _article_and_rows()
    cache_mod.ResultCache(tmp_path).put(record, article, rows)
    entries = list(tmp_path.rglob("*.json"))
    assert len(entries) == 1 and not list(tmp_path.rglob("*.pkl"))
    entry = json.loads(entries[0].read_text(encoding="ascii"))
    assert entry["fingerprint"] == cache_mod.fingerprint() and len(entry["hmac"]) == 64
    assert "source_path" not in entries[0].read_text() and "talks.txt" not in entries[0].read_text()


def test_a_pickle_in_the_cache_is_never_loaded(tmp_path: Path):
    """A pickle placed where an entry goes (by an attacker) is a miss; its code never runs."""
    record, article, _ = _article_and_rows()
    c = cache_mod.ResultCache(tmp_path)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path = c._path(record.sha256, record.source_format)
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps(Payload()))
    path.with_suffix(".pkl").write_bytes(pickle.dumps(Payload()))
    assert c.get(record, article) is None
    assert not marker.exists()


def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path, caplog):
    record, article, rows = _article_and_rows()
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    c = cache_mod.ResultCache(folder)
    c.put(record, article, rows)
    assert c.get(record, article) is None and not list(folder.rglob("*.json"))
    assert "writable by other users" in caplog.text


def test_fingerprint_covers_the_code():
    fp = cache_mod.fingerprint()
    assert len(fp) == 24 and fp == cache_mod.fingerprint()
