"""The output lock: one holder at a time, a clear message naming it, stale locks taken over."""
import errno
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.publish import output_lock
from pipeline.publish.output_lock import LockPathTaken, OutputLock, OutputLocked


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_second_holder_is_refused_with_the_holders_pid(tmp_path: Path):
    path = tmp_path / ".out.lock"
    with OutputLock(path):
        body = json.loads(path.read_text())
        assert body["pid"] == os.getpid() and body["host"] and body["started"]
        with pytest.raises(OutputLocked) as err:
            OutputLock(path, timeout=0).acquire()
        assert f"pid {os.getpid()}" in str(err.value) and "\n" not in str(err.value)
    assert not path.exists()  # released and removed
    with OutputLock(path):  # free again
        pass


def test_a_waiting_holder_gets_the_lock_when_the_first_releases(tmp_path: Path):
    path = tmp_path / ".out.lock"
    first = OutputLock(path)
    first.acquire()
    threading.Timer(0.5, first.release).start()
    t0 = time.monotonic()
    with OutputLock(path, timeout=10):
        waited = time.monotonic() - t0
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert 0.3 < waited < 5


def test_the_wait_is_bounded(tmp_path: Path):
    path = tmp_path / ".out.lock"
    with OutputLock(path):
        t0 = time.monotonic()
        with pytest.raises(OutputLocked):
            OutputLock(path, timeout=0.6).acquire()
        assert 0.5 < time.monotonic() - t0 < 3


def test_a_lock_left_by_a_dead_run_is_taken_over_with_a_warning(tmp_path: Path, caplog):
    path = tmp_path / ".out.lock"
    dead = _dead_pid()
    path.write_text(json.dumps({"pid": dead, "host": "elsewhere", "started": "2020-01-01T00:00:00+00:00"}))
    with caplog.at_level(logging.WARNING, logger="pipeline.publish.output_lock"), OutputLock(path, timeout=0):
        assert json.loads(path.read_text())["pid"] == os.getpid()
    assert any("stale" in r.message and str(dead) in r.message for r in caplog.records)


def test_a_lock_held_by_a_killed_process_is_free_at_once(tmp_path: Path):
    path = tmp_path / ".out.lock"
    code = ("import sys, time; from pipeline.publish.output_lock import OutputLock; "
            f"OutputLock({str(path)!r}).acquire(); print('held', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(OutputLocked, match=f"pid {proc.pid}"):
            OutputLock(path).acquire()
    finally:
        proc.kill()
        proc.wait()
    with OutputLock(path):  # the kernel released the dead holder's lock; its file said who it was
        assert json.loads(path.read_text())["pid"] == os.getpid()


def test_without_flock_a_live_holder_is_respected_and_a_dead_one_replaced(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(output_lock, "fcntl", None)
    path = tmp_path / ".out.lock"
    import socket
    path.write_text(json.dumps({"pid": os.getppid(), "host": socket.gethostname(), "started": "x"}))
    with pytest.raises(OutputLocked, match=f"pid {os.getppid()}"):
        OutputLock(path).acquire()
    path.write_text(json.dumps({"pid": _dead_pid(), "host": socket.gethostname(), "started": "x"}))
    with OutputLock(path):
        assert json.loads(path.read_text())["pid"] == os.getpid()
        with pytest.raises(OutputLocked):
            OutputLock(path).acquire()
    assert not path.exists()


def test_without_flock_a_fresh_lock_works(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(output_lock, "fcntl", None)
    path = tmp_path / ".out.lock"
    with OutputLock(path), pytest.raises(OutputLocked, match=f"pid {os.getpid()}"):
        OutputLock(path).acquire()
    assert not path.exists()
    with OutputLock(path):
        pass


class _NoFlock:
    LOCK_EX, LOCK_NB = 2, 4

    @staticmethod
    def flock(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")


def test_a_file_system_without_flock_falls_back_to_exclusive_creation(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(output_lock, "fcntl", _NoFlock)
    path = tmp_path / ".out.lock"
    with OutputLock(path):
        assert json.loads(path.read_text())["pid"] == os.getpid()
        with pytest.raises(OutputLocked, match=f"pid {os.getpid()}"):
            OutputLock(path).acquire()
    path.write_text("")  # an empty file: a run that died at once, or someone's; cannot be told
    past = time.time() - 60
    os.utime(path, (past, past))
    with pytest.raises(LockPathTaken):
        OutputLock(path).acquire()
    assert path.read_bytes() == b""


USERS_FILES = [
    # (what a user left at the lock's path, its bytes, seconds since it was written)
    ("notes", b"my notes\n", 0),
    ("binary", bytes(range(256)), 0),
    ("JSON of another program", b'{"pid": 1234}', 0),
    ("a lock-like JSON with more in it", json.dumps({"pid": 1, "host": "h", "started": "x", "mine": 1}).encode(), 0),
    ("a big file", b"x" * 300_000, 0),
    ("an empty file, left long ago", b"", 60),
]
FLOCK = [("flock", None), ("no flock", "none"), ("flock unsupported here", "unsupported")]


@pytest.mark.parametrize("kind, data, age", USERS_FILES, ids=[c[0] for c in USERS_FILES])
@pytest.mark.parametrize("locking, fake", FLOCK, ids=[c[0] for c in FLOCK])
def test_a_users_file_at_the_lock_path_is_refused_and_kept_byte_for_byte(tmp_path: Path, monkeypatch, kind, data,
                                                                         age, locking, fake):
    if fake == "none":
        monkeypatch.setattr(output_lock, "fcntl", None)
    elif fake == "unsupported":
        monkeypatch.setattr(output_lock, "fcntl", _NoFlock)
    path = tmp_path / ".out.lock"
    path.write_bytes(data)
    past = time.time() - age
    os.utime(path, (past, past))
    for _ in range(3):
        with pytest.raises(LockPathTaken) as err:
            OutputLock(path, timeout=0, what="--out out").acquire()
        assert str(path) in str(err.value) and "\n" not in str(err.value)
        assert path.read_bytes() == data


@pytest.mark.parametrize("locking, fake", FLOCK, ids=[c[0] for c in FLOCK])
def test_an_empty_lock_file_just_made_counts_as_held(tmp_path: Path, monkeypatch, locking, fake):
    if fake == "none":
        monkeypatch.setattr(output_lock, "fcntl", None)
    elif fake == "unsupported":
        monkeypatch.setattr(output_lock, "fcntl", _NoFlock)
    path = tmp_path / ".out.lock"
    path.write_bytes(b"")  # a run between creating its lock file and writing it
    with pytest.raises(OutputLocked, match="holder unknown"):
        OutputLock(path, timeout=0).acquire()
    assert path.read_bytes() == b""


def test_release_leaves_a_file_put_in_the_locks_place(tmp_path: Path):
    path = tmp_path / ".out.lock"
    lock = OutputLock(path)
    lock.acquire()
    (tmp_path / "mine").write_text("a user's file")
    os.replace(tmp_path / "mine", path)
    lock.release()
    assert path.read_text() == "a user's file"


def test_the_lock_file_says_it_is_the_pipelines(tmp_path: Path):
    path = tmp_path / ".out.lock"
    with OutputLock(path):
        assert json.loads(path.read_text())["format"] == "bilateral-pipeline-lock"
