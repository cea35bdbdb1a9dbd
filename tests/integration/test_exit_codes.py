"""Exit codes and stopping: 2 for a user's mistake (one line, no traceback), 3 for a run that failed and
published nothing (one line; -v shows the traceback), 130 for Ctrl-C or SIGTERM, which stop a run with
workers running within 5 s, keep the previous dataset and leave no staging files."""
import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.cli import commands
from tests.conftest import ROOT, run_cli

DEV = ROOT / "tests" / "data" / "dev" / "raw"
TABLES = ["articles", "visits", "documents", "trade", "events", "quarantine", "rejected_inputs"]


def state(out: Path) -> dict:
    return {t: hashlib.sha256((out / f"{t}.parquet").read_bytes()).hexdigest() for t in TABLES}


def no_traceback(stderr: str) -> bool:
    return "Traceback" not in stderr and len(stderr.strip().splitlines()) >= 1


def test_max_bytes_inf_is_a_usage_error(tmp_path: Path):
    proc = run_cli("--raw", str(DEV), "--out", str(tmp_path / "o"), "--max-bytes", "inf")
    assert proc.returncode == 2 and "not a size: 'inf'" in proc.stderr and no_traceback(proc.stderr)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(("content", "says"), [
    ("visits: [unclosed\n", "bad gold file"),
    ("- just\n- a list\n", "expected a mapping"),
    ("visits:\n  - visitor_country: CHL\n", "visits row 1 needs a `quote`"),
    ("trade:\n  - quote: x\n    value: lots\n", "value must be a number"),
    ("documents: 5\n", "documents must be a list"),
])
def test_a_bad_gold_file_is_a_usage_error_naming_it(tmp_path: Path, content: str, says: str):
    gold = tmp_path / "some-article.yaml"
    gold.write_text(content, encoding="utf-8")
    proc = run_cli("evaluate", str(gold), "--out", str(tmp_path / "nothing-here"))
    assert proc.returncode == 2, proc.stderr
    assert says in proc.stderr and str(gold) in proc.stderr and no_traceback(proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1


def test_an_unreachable_dask_scheduler_is_one_line_within_10_seconds(tmp_path: Path):
    t0 = time.monotonic()
    proc = run_cli("--raw", str(DEV), "--out", str(tmp_path / "o"), "--engine", "dask",
                   "--scheduler", "tcp://127.0.0.1:9", "-q")
    assert time.monotonic() - t0 < 10
    assert proc.returncode == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and no_traceback(proc.stderr)
    assert not (tmp_path / "o").exists()


def _one_empty_input(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")  # rejected without the language model: a fast run (--allow-empty)
    return raw


def test_a_failed_run_is_exit_3_with_one_line_and_v_shows_the_traceback(tmp_path, monkeypatch, capsys):
    import pipeline.runtime.run

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline.runtime.run, "publish", full_disk)
    raw = _one_empty_input(tmp_path)
    args = ["--raw", str(raw), "--out", str(tmp_path / "out"), "-q", "--no-cache", "--workers", "1", "--allow-empty"]
    assert commands.main(args) == commands.EXIT_FAILED
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: the run failed and published nothing: OSError") and "No space left" in err[-1]
    assert not any("Traceback" in line for line in err)
    assert commands.main([*args, "-v"]) == commands.EXIT_FAILED
    assert "Traceback (most recent call last)" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 300 KB file system: too small for a dataset."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mnt)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_is_exit_3_and_publishes_nothing(tmp_path: Path, tiny_disk: Path):
    out = tiny_disk / "out"
    proc = run_cli("--raw", str(DEV), "--out", str(out), "-q", "--no-cache", "--workers", "1")
    assert proc.returncode == 3, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("error: the run failed and published nothing") and "No space left" in last
    assert no_traceback(proc.stderr) and not out.exists()
    store = tiny_disk / ".out.versions"
    assert not store.exists() or not [p for p in store.iterdir() if p.name.startswith(("staging-", "parts-"))]


def test_too_many_workers_are_capped_with_a_warning(tmp_path: Path):
    raw = _one_empty_input(tmp_path)
    proc = run_cli("--raw", str(raw), "--out", str(tmp_path / "out"), "-q", "--workers", "1000", "--allow-empty")
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if "--workers 1000 capped at" in line]
    assert len(warnings) == 1 and "cores" in warnings[0]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """A small published dataset, and a larger corpus whose run is interrupted."""
    base = tmp_path_factory.mktemp("interrupt")
    small, large = base / "small", base / "large"
    small.mkdir()
    large.mkdir()
    for f in sorted(DEV.glob("*.txt"))[:2]:
        shutil.copy(f, small / f.name)
    for k in range(16):  # long enough that a run with warm caches is still working when the signal comes
        for f in sorted(DEV.glob("*.txt")):
            (large / f"{f.stem}-{k}.txt").write_bytes(f.read_bytes() + f"\nNote {k}.\n".encode())
    return base, small, large


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupt_stops_a_run_with_workers_within_5_seconds(corpora, how: str):
    base, small, large = corpora
    out = base / f"out-{how}"
    assert run_cli("--raw", str(small), "--out", str(out), "-q", "--no-cache", "--workers", "1").returncode == 0
    before = state(out)
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--raw", str(large), "--out", str(out), "-q",
                             "--no-cache", "--workers", "2", "--batch-size", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(_workers(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        workers = _workers(proc.pid)
        assert len(workers) == 2 and proc.poll() is None, "the run did not start its workers"
        time.sleep(3)  # workers loading the model or working on a batch
        t0 = time.monotonic()
        if how == "ctrl-c":
            os.killpg(proc.pid, signal.SIGINT)  # what a terminal does: the whole process group
        else:
            proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert took < 5, f"stopping took {took:.1f} s"
    assert "Traceback" not in err and "interrupted" in err
    time.sleep(0.5)
    assert not [w for w in workers if _alive(w)], "worker processes outlived the run"
    assert state(out) == before  # the previous dataset, whole
    store = base / f".out-{how}.versions"
    assert not [p.name for p in store.iterdir() if p.name.startswith(("staging-", "parts-"))]


def _workers(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-ww", "--ppid", str(pid), "-o", "pid=,args="], capture_output=True, text=True,
                           check=False).stdout
    return [int(line.split()[0]) for line in found.splitlines() if "spawn_main" in line]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
