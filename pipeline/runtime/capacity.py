"""How many worker processes this machine can hold: its cores and the memory available."""
from __future__ import annotations

import os
from pathlib import Path

WORKER_BYTES = 400 * 1024 ** 2  # one worker with the language model loaded, processing a batch


def cores() -> int:
    """Cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def available_memory(meminfo: Path = Path("/proc/meminfo")) -> int | None:
    """Bytes of memory available to new processes (Linux's MemAvailable), or None when unknown."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None  # not Linux: the cores alone decide


def cap_workers(requested: int, n_cores: int | None = None, memory: int | None = -1) -> tuple[int, str | None]:
    """(workers to start, a one-line warning when fewer than requested)."""
    n_cores = cores() if n_cores is None else n_cores
    memory = available_memory() if memory == -1 else memory
    by_memory = max(1, memory // WORKER_BYTES) if memory is not None else requested
    allowed = max(1, min(requested, n_cores, by_memory))
    if allowed >= requested:
        return requested, None
    why = [f"{n_cores} cores"]
    if memory is not None:
        why.append(f"{memory / 1024 ** 3:.1f} GB memory available at ~{WORKER_BYTES // 1024 ** 2} MB per worker")
    return allowed, f"--workers {requested} capped at {allowed} ({', '.join(why)})"
