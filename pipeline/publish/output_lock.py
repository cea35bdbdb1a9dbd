"""One run at a time per output: a lock file beside it that names the holder (pid, host, start time).
Only a lock file the pipeline wrote, told by its content, is ever taken over or removed; any other file
at the lock's path is refused, never overwritten or deleted."""
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

from pipeline.base.errors import UsageError

fcntl: ModuleType | None
try:
    import fcntl
except ImportError:  # Windows: exclusive creation and a pid check instead
    fcntl = None

log = logging.getLogger(__name__)

_POLL_SECONDS = 0.2
_EMPTY_STALE_SECONDS = 10  # without flock, a lock file still empty this long was left by a dead run
_NO_FLOCK = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
_FORMAT = "bilateral-pipeline-lock"
_MAX_LOCK_BYTES = 64 * 1024  # a lock file is a line; a bigger file is not one, and is not read whole
_OLD_KEYS = {"host", "pid", "started"}  # what an older release's lock held, and nothing else


class OutputLocked(Exception):
    """Another live run holds the output; the message is one line for the user."""


class LockPathTaken(UsageError):
    """A file the pipeline did not write sits where the lock goes; the message is one line for the user."""


class OutputLock:
    """`with OutputLock(path, timeout):` holds the lock for the block, or raises OutputLocked after
    waiting `timeout` seconds (0: do not wait). The kernel lock (flock) is the truth, so a holder
    killed with kill -9 frees it at once; its file, left behind, is reported as a stale lock taken
    over. Where flock is missing, the file is created exclusively and a holder whose pid is no
    longer alive on this host counts as stale. A file at the path that is not a lock the pipeline
    wrote (see `_is_ours`) raises LockPathTaken and is left as it is."""

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
            if os.stat(self.path).st_ino == os.fstat(self._fd).st_ino:  # still our file, not one put there since
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
        data = _read_fd(fd)
        if not created and not _is_ours(data):
            os.close(fd)
            if not data and not _older_than(self.path, _EMPTY_STALE_SECONDS):
                return {}  # a run that has just created it and is about to write it
            raise self._taken()
        previous = _parse(data)
        if previous:
            log.warning("took over a stale lock on %s: the run that held it (%s) ended without releasing it",
                        self.what, _describe(previous))
        _write_fd(fd, _me())
        self._fd = fd
        return None

    def _try_exclusive(self) -> dict | None:
        """Without flock: create the file exclusively; remove it first when its holder is gone."""
        data = _head(self.path)
        if data is not None and not _is_ours(data) and (data or _older_than(self.path, _EMPTY_STALE_SECONDS)):
            raise self._taken()
        holder = _parse(data or b"")
        if _dead(holder):
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

    def _taken(self) -> LockPathTaken:
        return LockPathTaken(f"{self.path} is not a lock file the pipeline wrote, so it is neither replaced nor "
                             f"removed; move it away (if no run is using {self.what}) and try again")


def _is_ours(data: bytes) -> bool:
    """A lock file the pipeline wrote: this release's (its format named) or an older one's (pid, host,
    start time and nothing else)."""
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    if not isinstance(body, dict) or not isinstance(body.get("pid"), int):
        return False
    return body.get("format") == _FORMAT or set(body) == _OLD_KEYS


def _me() -> dict:
    return {"format": _FORMAT, "pid": os.getpid(), "host": socket.gethostname(),
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
    return _parse(_head(path) or b"")


def _head(path: Path) -> bytes | None:
    """The start of the file at `path` (enough for any lock file), None when there is none."""
    try:
        with open(path, "rb") as f:
            return f.read(_MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return b""


def _read_fd(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    data = b""
    while len(data) <= _MAX_LOCK_BYTES and (chunk := os.read(fd, 4096)):
        data += chunk
    return data


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
