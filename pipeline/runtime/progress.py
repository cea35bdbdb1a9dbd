"""Show a run's progress: a bar with the total and an ETA on a terminal, a line every so often in a log."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from tqdm import tqdm

EVERY_SECONDS = 30.0  # between two progress lines when stderr is not a terminal (a log file, CI)


class Progress:
    """Progress over `total` inputs. On a terminal a tqdm bar (count, total, rate, ETA); otherwise one
    line every `every` seconds (none for a run shorter than that); nothing when not `enabled`."""

    def __init__(self, total: int, enabled: bool = True, stream: TextIO | None = None,
                 every: float = EVERY_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.every = every
        self.clock = clock
        self.t0 = self.last = clock()
        self.done = 0
        self.bar: tqdm | None = None
        if enabled and _is_terminal(self.stream):
            self.bar = tqdm(total=total, unit="input", file=self.stream, dynamic_ncols=True, leave=False)

    def update(self, done: int, articles: int, rejected: int) -> None:
        """`done` of the inputs are read (articles and rejected so far)."""
        self.done = min(done, self.total)
        if self.bar is not None:
            self.bar.set_postfix(articles=articles, rejected=rejected, refresh=False)  # shown by the update
            self.bar.update(self.done - self.bar.n)
            return
        now = self.clock()
        if self.enabled and now - self.last >= self.every:
            self.last = now
            print(self.line(articles, rejected, now), file=self.stream, flush=True)

    def line(self, articles: int, rejected: int, now: float) -> str:
        elapsed = max(now - self.t0, 1e-9)
        share = self.done / self.total if self.total else 1.0
        rate = self.done / elapsed
        left = f", about {_duration((self.total - self.done) / rate)} left" if rate > 0 else ""
        return (f"progress: {self.done}/{self.total} inputs ({share:.0%}), {articles} articles, "
                f"{rejected} rejected, {_duration(elapsed)} elapsed{left}")

    def close(self) -> None:
        """End the bar (the terminal's line is cleared for what comes next)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real file
        return False


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
