"""Progress: a bar with the total and an ETA on a terminal, a line every so often otherwise, nothing with -q."""
import io
import re

from pipeline.runtime.progress import Progress


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_a_line_every_interval_with_the_total_and_the_time_left():
    clock, log = Clock(), io.StringIO()
    progress = Progress(200, stream=log, every=30, clock=clock)
    clock.now += 10
    progress.update(20, articles=19, rejected=1)
    assert log.getvalue() == ""  # a short run says nothing
    clock.now += 20  # 30 s in, 50 of 200 done: 150 more at 5/3 per second
    progress.update(50, articles=48, rejected=2)
    clock.now += 5
    progress.update(60, articles=58, rejected=2)  # within the interval: no line
    lines = log.getvalue().splitlines()
    assert lines == ["progress: 50/200 inputs (25%), 48 articles, 2 rejected, 30 s elapsed, about 1 min 30 s left"]
    clock.now += 30
    progress.update(200, articles=196, rejected=4)
    assert log.getvalue().splitlines()[-1].startswith("progress: 200/200 inputs (100%)")
    assert log.getvalue().splitlines()[-1].endswith("about 0 s left")


def test_disabled_progress_writes_nothing():
    clock, log = Clock(), Terminal()
    progress = Progress(10, enabled=False, stream=log, every=0, clock=clock)
    for n in range(1, 11):
        clock.now += 60
        progress.update(n, n, 0)
    progress.close()
    assert log.getvalue() == ""


def test_a_terminal_gets_a_bar_with_the_total_and_an_eta():
    term = Terminal()
    progress = Progress(40, stream=term)
    progress.update(10, articles=9, rejected=1)
    progress.bar.refresh()
    shown = term.getvalue()
    assert re.search(r"\b10/40\b", shown) and "<" in shown  # tqdm shows elapsed<remaining
    assert "articles=9" in shown and "rejected=1" in shown
    progress.update(55, articles=50, rejected=5)  # more files than counted (records of a folder): capped
    assert progress.bar.n == 40
    progress.close()
    assert progress.bar is None
