"""A Dask scheduler address checked with a plain TCP connection, before the heavy imports, so that an
address where nothing listens is a one-line error in a second or two, not a long wait."""
from __future__ import annotations

import socket
from urllib.parse import urlsplit

from pipeline.base.errors import UsageError

DEFAULT_PORT = 8786  # Dask's


def check_scheduler(address: str, timeout: float = 3.0) -> None:
    """Raise UsageError unless something accepts a TCP connection at `address` (tcp:// or tls://,
    or host:port); other schemes (inproc://, ucx://) are left to Dask."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return
    try:
        host, port = parts.hostname, parts.port or DEFAULT_PORT
    except ValueError as exc:  # a port that is not a number
        raise UsageError(f"not a scheduler address: {address} ({exc})") from None
    if not host:
        raise UsageError(f"not a scheduler address: {address} (try tcp://HOST:8786)")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}") from None
