"""--workers is capped at the cores and at the memory available (about 400 MB a worker), with a warning."""
import pytest

from pipeline.runtime.capacity import WORKER_BYTES, available_memory, cap_workers

GB = 1024 ** 3


@pytest.mark.parametrize(("requested", "cores", "memory", "expected", "warns"), [
    (2, 2, 16 * GB, 2, False),            # what the machine holds: no warning
    (1000, 2, 16 * GB, 2, True),          # capped at the cores
    (8, 16, 1 * GB, 2, True),             # capped by memory: 1 GB holds two 400 MB workers
    (8, 16, 100 * 1024 ** 2, 1, True),    # never below one worker
    (4, 8, None, 4, False),               # memory unknown: the cores decide
    (1, 1, 1, 1, False),
])
def test_cap_workers(requested, cores, memory, expected, warns):
    got, warning = cap_workers(requested, n_cores=cores, memory=memory)
    assert got == expected
    assert (warning is not None) == warns
    if warning:
        assert "\n" not in warning and f"--workers {requested} capped at {expected}" in warning


def test_memory_is_read_from_meminfo(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemFree:  100 kB\nMemAvailable:    2000000 kB\n")
    assert available_memory(meminfo) == 2_000_000 * 1024
    assert cap_workers(10, n_cores=10, memory=available_memory(meminfo))[0] == 2_000_000 * 1024 // WORKER_BYTES
