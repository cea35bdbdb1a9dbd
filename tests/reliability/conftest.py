"""The reliability suite's tally: tests add counts with `record(name, **counts)` (for example
inputs_tried, kills_survived, data_lost) and the terminal summary prints them, whatever the -s/-q flags."""
from collections import Counter, defaultdict

import pytest

_COUNTS: dict[str, Counter] = defaultdict(Counter)


def record(name: str, **counts: int) -> None:
    """Add `counts` to the tally of `name` (one line in the summary; the same name adds up)."""
    _COUNTS[name].update(counts)


@pytest.fixture(name="record")
def record_fixture():
    return record


def pytest_terminal_summary(terminalreporter):
    if not _COUNTS:
        return
    terminalreporter.write_sep("=", "reliability")
    total: Counter = Counter()
    for name in sorted(_COUNTS):
        counts = _COUNTS[name]
        total.update(counts)
        terminalreporter.write_line(f"reliability {name}: " + " ".join(f"{k}={v}" for k, v in counts.items()))
    if len(_COUNTS) > 1:
        terminalreporter.write_line("reliability total: " + " ".join(f"{k}={v}" for k, v in sorted(total.items())))
