"""Several real pipeline processes started at once on the same --out, a few rounds: none crashes,
each publishes or is refused with the documented "locked" exit code, the output always resolves to
a complete dataset, and no published version is lost."""
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli.commands import EXIT_LOCKED
from pipeline.publish.marker import is_ours
from pipeline.publish.write import RETIRED_GRACE_SECONDS
from tests.conftest import ROOT, run_cli
from tests.integration.test_crash_safety import readable

TABLES = ["articles", "visits", "documents", "trade", "events", "quarantine", "rejected_inputs"]
DEV = ROOT / "tests" / "data" / "dev" / "raw"
ROUNDS = 3
# (corpus, --lock-timeout) of the processes started together in each round: the waiting ones must
# all publish; the impatient one publishes or is refused as locked.
RUNNERS = [("a", "300"), ("b", "300"), ("a", "0")]


def _created(version: Path) -> int:
    return int(version.name[1:].split("-")[0])


def state(folder: Path) -> tuple:
    return tuple(hashlib.sha256((folder / f"{t}.parquet").read_bytes()).hexdigest() for t in TABLES)


def complete(folder: Path) -> bool:
    if not is_ours(folder) or not (folder / "datapackage.json").is_file():
        return False
    return readable(folder)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("concurrent")
    raws = {"a": base / "raw-a", "b": base / "raw-b"}
    seed = sorted((ROOT / "raw").glob("*.txt"))
    dev = sorted(DEV.glob("*.txt"))
    for name, files in (("a", seed + dev[:1]), ("b", seed + dev[1:3])):
        raws[name].mkdir()
        for f in files:
            shutil.copy(f, raws[name] / f.name)
    cache = base / "cache"
    refs = {}
    for name, raw in raws.items():  # references, and a warm cache so that the rounds are quick
        proc = run_cli("--raw", str(raw), "--out", str(base / f"ref-{name}"), "-q", "--workers", "1",
                       "--cache-dir", str(cache))
        assert proc.returncode == 0, proc.stderr
        refs[name] = state(base / f"ref-{name}")
    assert refs["a"] != refs["b"]
    return base, raws, refs, cache


def test_concurrent_runs_on_one_output(corpora, record):
    base, raws, refs, cache = corpora
    out = base / "out"
    store = base / ".out.versions"
    runs = refused = lost = 0
    published: dict[str, str] = {}  # version folder name -> the corpus it was made from
    for _ in range(ROUNDS):
        procs = []
        for corpus, timeout in RUNNERS:
            procs.append((corpus, timeout, subprocess.Popen(
                [sys.executable, "-m", "pipeline", "--raw", str(raws[corpus]), "--out", str(out), "-q",
                 "--workers", "1", "--cache-dir", str(cache), "--lock-timeout", timeout, "--keep-versions", "100",
                     "--force"],  # every run that gets the lock publishes its own version
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
        for corpus, timeout, proc in procs:
            _, err = proc.communicate(timeout=600)
            runs += 1
            assert "Traceback" not in err, err
            if proc.returncode == EXIT_LOCKED:
                assert timeout == "0" and "in use by another run" in err, err
                refused += 1
                continue
            assert proc.returncode == 0, err
            (name,) = [p.name for p in store.iterdir() if re.fullmatch(rf"v\d+-{proc.pid}", p.name)]
            published[name] = corpus
        current = Path(os.path.realpath(out))
        assert out.is_symlink() and current.parent == store and complete(current), "output dangling or broken"
        assert state(out) == refs[published[current.name]]
        assert not (base / ".out.lock").exists()
        assert not [p for p in store.iterdir() if p.name.startswith(("staging-", "parts-"))]
    for name, corpus in published.items():  # every version a run reported as published is there, whole
        folder = store / name
        if not (folder.is_dir() and complete(folder) and state(folder) == refs[corpus]):
            lost += 1
    record("concurrent", runs=runs, refused=refused, data_lost=lost)
    print(f"reliability concurrent: runs={runs} refused={refused} lost={lost}")
    assert lost == 0
    assert len(published) == runs - refused >= ROUNDS * sum(t != "0" for _, t in RUNNERS)


def test_concurrent_runs_with_the_default_pruning_keep_the_current_dataset(corpora, record):
    """With the default --keep-versions, a run's pruning never removes the dataset another run has
    just published (the current one, or one current a moment ago)."""
    base, raws, refs, cache = corpora
    out = base / "pruned"
    store = base / ".pruned.versions"
    procs = [subprocess.Popen([sys.executable, "-m", "pipeline", "--raw", str(raws[c]), "--out", str(out), "-q",
                               "--workers", "1", "--cache-dir", str(cache), "--lock-timeout", "300"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for c in ("a", "b", "a", "b")]
    codes = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in codes), codes
    current = Path(os.path.realpath(out))
    assert current.parent == store and complete(current)
    versions = sorted((p for p in store.iterdir() if p.name.startswith("v")), key=_created, reverse=True)
    assert current == versions[0]
    # the three newest are kept; an older one only if it was current (or written) seconds before the
    # last run pruned, which was after that run made the current version
    pruned_after = _created(current) / 1e9
    assert all(p.stat().st_mtime > pruned_after - RETIRED_GRACE_SECONDS for p in versions[3:])
    record("concurrent", runs=len(procs), refused=0, data_lost=0 if state(out) in refs.values() else 1)
    assert state(out) in refs.values()
