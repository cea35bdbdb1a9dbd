"""kill -9, of the main process and of one worker process: after every kill the output shows a complete
dataset (the previous one or the new one, byte for byte), nothing is lost, and a killed worker neither
hangs the run nor loses its articles (its batch is retried, or its articles are rejected)."""
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, run_cli
from tests.integration.test_crash_safety import readable, state

DEV = ROOT / "tests" / "data" / "dev" / "raw"
RUN_TIMEOUT = 300  # seconds: a run that has not finished by then hangs


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Two corpora (b holds a and two more articles), their complete reference datasets, a warm cache."""
    base = tmp_path_factory.mktemp("kill9")
    raws = {"a": base / "raw-a", "b": base / "raw-b"}
    for raw in raws.values():
        raw.mkdir()
        for f in (ROOT / "raw").glob("*.txt"):
            shutil.copy(f, raw / f.name)
    for f in sorted(DEV.glob("*.txt"))[:2]:
        shutil.copy(f, raws["b"] / f.name)
    cache = base / "cache"
    refs = {}
    for name, raw in raws.items():
        out = base / f"ref-{name}"
        proc = run_cli("--raw", str(raw), "--out", str(out), "-q", "--cache-dir", str(cache))
        assert proc.returncode == 0, proc.stderr
        refs[name] = state(out)
    assert refs["a"] != refs["b"]
    return base, raws, refs, cache


class Tally:
    """What the suite reports: inputs the killed runs were given, kills survived, kills that lost data."""

    def __init__(self, request):
        self.request = request
        self.inputs = self.survived = self.lost = 0

    def add(self, inputs: int, intact: bool) -> None:
        self.inputs += inputs
        self.survived += intact
        self.lost += not intact

    def report(self, capsys, what: str) -> None:
        line = f"reliability kill9 ({what}): inputs tried={self.inputs} kills survived={self.survived} " \
               f"data lost={self.lost}"
        with capsys.disabled():
            print("\n" + line)
        try:  # the suite's shared tally, when tests/reliability/conftest.py provides one
            self.request.getfixturevalue("record")("kill9", inputs_tried=self.inputs,
                                                   kills_survived=self.survived, data_lost=self.lost)
        except pytest.FixtureLookupError:
            pass


def _inputs(raw: Path) -> int:
    return sum(1 for p in raw.rglob("*") if p.is_file())


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def test_kill_9_of_the_main_process_leaves_a_complete_dataset(corpora, request, capsys):
    base, raws, refs, cache = corpora
    out = base / "out-main"
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
    t0 = time.monotonic()
    assert run_cli("--raw", str(raws["b"]), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
    duration = time.monotonic() - t0
    current = "b"
    store = base / ".out-main.versions"
    rng = random.Random(9)
    tally = Tally(request)
    for i in range(10):
        target = "b" if current == "a" else "a"
        proc = _start("--raw", str(raws[target]), "--out", str(out), "-q", "--cache-dir", str(cache))
        if i % 2:  # aim at the publish step: wait for the staging folder, then a random instant
            deadline = time.monotonic() + 60
            while not list(store.glob("staging-*")) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.12))
        else:  # any moment of the run
            time.sleep(rng.uniform(0, duration))
        proc.kill()
        proc.communicate()
        seen = state(out)
        intact = seen in (refs[current], refs[target]) and readable(out)
        tally.add(_inputs(raws[target]), intact)
        if seen == refs[target]:
            current = target
    tally.report(capsys, "main process")
    assert tally.lost == 0
    # a later run cleans up what the killed runs left and publishes normally
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--cache-dir", str(cache)).returncode == 0
    assert state(out) == refs["a"]


def _workers(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-ww", "--ppid", str(pid), "-o", "pid=,args="], capture_output=True, text=True,
                           check=False).stdout
    return [int(line.split()[0]) for line in found.splitlines() if "spawn_main" in line]


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """A corpus long enough that workers are still busy when one is killed (63 distinct articles, one
    batch each), and its reference dataset."""
    base = tmp_path_factory.mktemp("kill9-workers")
    raw = base / "raw"
    raw.mkdir()
    sources = sorted((ROOT / "raw").glob("*.txt")) + sorted(DEV.glob("*.txt"))
    for k in range(7):
        for f in sources:
            (raw / f"{k}-{f.name}").write_text(f"Edition {k}.\n\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
    ref = base / "ref"
    proc = run_cli("--raw", str(raw), "--out", str(ref), "-q", "--no-cache", "--batch-size", "1")
    assert proc.returncode == 0, proc.stderr
    return base, raw, state(ref)


@pytest.mark.parametrize("when", ["loading", "working"])  # the model still loading, or batches done already
def test_kill_9_of_a_worker_neither_hangs_nor_loses_articles(corpora, many, request, capsys, when: str):
    base, raws, refs, _ = corpora
    _, big, big_ref = many
    out = base / f"out-worker-{when}"
    parts = base / f"parts-{when}"
    assert run_cli("--raw", str(raws["a"]), "--out", str(out), "-q", "--no-cache").returncode == 0
    previous = state(out)
    proc = _start("--raw", str(big), "--out", str(out), "-q", "--no-cache", "--workers", "2",
                  "--batch-size", "1", "--parts-dir", str(parts))
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        while not _workers(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if when == "loading":
            time.sleep(0.5)
        else:  # a worker has written a batch's parts: the model is loaded and batches are under way
            while not list(parts.rglob("part-*.parquet")) and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
        victims = _workers(proc.pid)[:1]
        assert victims and proc.poll() is None, "the run ended before a worker could be killed"
        subprocess.run(["kill", "-9", str(victims[0])], check=True)
        _, err = proc.communicate(timeout=RUN_TIMEOUT)  # a hang fails here
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    articles = pd.read_parquet(out / "articles.parquet")
    rejected = pd.read_parquet(out / "rejected_inputs.parquet")
    accounted = set(articles["source_path"]) | set(rejected["source_path"] if "source_path" in rejected else
                                                     rejected["path"])
    every_input = {p.name for p in big.iterdir()}
    intact = every_input <= accounted and (state(out) == big_ref or set(rejected["reason"]) == {"worker_died"})
    tally = Tally(request)
    tally.add(len(every_input), intact)
    tally.report(capsys, f"worker killed while {when}")
    assert state(out) != previous  # the run published
    assert intact
