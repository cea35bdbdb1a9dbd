"""One run at a time per output: a lock file beside it that names the holder (pid, host, start time)."""
from __future__ import annotations

import datetime as dt
import errno
import json
import logging
import os
import socket
import time
from pathlib import Path
from types import ModuleType
from typing import Self

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: exclusive creation and a pid check instead
    fcntl = None

log = logging.getLogger(__name__)

_POLL_SECONDS = 0.2
_EMPTY_STALE_SECONDS = 10  # without flock, a lock file still empty this long was left by a dead run
_NO_FLOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


class OutputLocked(Exception):
    """Another live run holds the output; the message is one line for the user."""


class OutputLock:
    """`with OutputLock(path, timeout):` holds the lock for the block, or raises OutputLocked after
    waiting `timeout` seconds (0: do not wait). The kernel lock (flock) is the truth, so a holder
    killed with kill -9 frees it at once; its file, left behind, is reported as a stale lock taken
    over. Where flock is missing, the file is created exclusively and a holder whose pid is no
    longer alive on this host counts as stale."""

    def __init__(self, path: Path, timeout: float = 0.0, what: str = "the output"):
        self.path = Path(path)
        self.timeout = timeout
        self.what = what
        self._fd: int | None = None

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def acquire(self) -> None:
        deadline = time.monotonic() + max(0.0, self.timeout)
        said = False
        while True:
            holder = self._try()
            if holder is None:
                return
            if time.monotonic() >= deadline:
                raise OutputLocked(f"{self.what} is in use by another run ({_describe(holder)}; lock file "
                                   f"{self.path}); try again when it ends, or wait with --lock-timeout SECONDS")
            if not said:
                log.warning("%s is in use by another run (%s); waiting up to %.0f s", self.what,
                            _describe(holder), self.timeout)
                said = True
            time.sleep(_POLL_SECONDS)

    def release(self) -> None:
        if self._fd is None:
            return
        try:  # unlink while still holding the lock: a waiter that opened the old file notices and retries
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self._fd)
        self._fd = None

    def _try(self) -> dict | None:
        """None when the lock is now ours, else what the holder wrote."""
        if fcntl is None:
            return self._try_exclusive()
        try:
            fd, created = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644), True
        except FileExistsError:
            try:
                fd, created = os.open(self.path, os.O_RDWR), False
            except FileNotFoundError:  # released in between
                return self._try()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return _read(self.path)
        except OSError as exc:
            if exc.errno not in _NO_FLOCK:
                os.close(fd)
                raise
            if created:  # no flock on this file system, but the exclusive creation made it ours
                _write_fd(fd, _me())
                self._fd = fd
                return None
            os.close(fd)
            return self._try_exclusive()
        try:
            same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # the holder released (and removed) the file between our open and our lock: again
            os.close(fd)
            return self._try()
        previous = _read_fd(fd)
        if previous:
            log.warning("took over a stale lock on %s: the run that held it (%s) ended without releasing it",
                        self.what, _describe(previous))
        _write_fd(fd, _me())
        self._fd = fd
        return None

    def _try_exclusive(self) -> dict | None:
        """Without flock: create the file exclusively; remove it first when its holder is gone."""
        holder = _read(self.path)
        if _dead(holder) or (not holder and _older_than(self.path, _EMPTY_STALE_SECONDS)):
            log.warning("took over a stale lock on %s: the run that held it (%s) is no longer running",
                        self.what, _describe(holder))
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return _read(self.path)
        _write_fd(fd, _me())
        self._fd = fd
        return None


def _me() -> dict:
    return {"pid": os.getpid(), "host": socket.gethostname(),
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def _describe(holder: dict) -> str:
    if not holder.get("pid"):
        return "holder unknown"
    return f"pid {holder['pid']} on {holder.get('host', '?')}, started {holder.get('started', '?')}"


def _dead(holder: dict) -> bool:
    if holder.get("host") != socket.gethostname() or not isinstance(holder.get("pid"), int):
        return False  # cannot tell for another machine: never assume it is gone
    try:
        os.kill(holder["pid"], 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - os.stat(path).st_mtime > seconds
    except OSError:
        return False


def _read(path: Path) -> dict:
    try:
        return _parse(Path(path).read_bytes())
    except OSError:
        return {}


def _read_fd(fd: int) -> dict:
    os.lseek(fd, 0, os.SEEK_SET)
    data = b""
    while chunk := os.read(fd, 4096):
        data += chunk
    return _parse(data)


def _parse(data: bytes) -> dict:
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {"pid": None} if data.strip() else {}
    return body if isinstance(body, dict) else {"pid": None}


def _write_fd(fd: int, body: dict) -> None:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, (json.dumps(body, sort_keys=True) + "\n").encode("utf-8"))
    os.fsync(fd)
