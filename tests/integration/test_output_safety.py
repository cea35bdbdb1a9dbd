"""The command line never destroys a user's files: unsafe outputs are refused before any work, a
run that reads nothing keeps the previous dataset, and one run at a time holds an output."""
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import commands
from pipeline.publish import write as pub
from pipeline.publish.output_lock import OutputLock
from pipeline.runtime.run import RunOptions, run
from tests.conftest import ROOT
from tests.safety import OLDER_RELEASE_MARKER, look_alike, snapshot


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture()
def home(tmp_path: Path, monkeypatch) -> Path:
    """A project folder holding a copy of the seed article, as the working folder."""
    (tmp_path / "raw").mkdir()
    for f in (ROOT / "raw").glob("*.txt"):
        shutil.copy(f, tmp_path / "raw" / f.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _main(capsys, *argv: str, cache: Path) -> tuple[int, list[str]]:
    code = commands.main(["--workers", "1", "-q", "--cache-dir", str(cache), *argv])
    return code, capsys.readouterr().err.splitlines()


def _refused(code: int, err: list[str]) -> bool:
    return code == 2 and len(err) == 1 and err[0].startswith("error: ") and "Traceback" not in err[0]


@pytest.mark.parametrize("case", ["file", "foreign folder", "raw itself", "inside raw", "working folder",
                                  "parent of working folder", "link to a foreign folder"])
def test_unsafe_outputs_are_refused_and_nothing_is_touched(home: Path, capsys, cache: Path, case: str):
    out = {"file": "report.pdf", "foreign folder": "mine", "raw itself": "raw", "inside raw": "raw/out",
           "working folder": str(home), "parent of working folder": "..",
           "link to a foreign folder": "latest"}[case]
    (home / "report.pdf").write_bytes(b"%PDF- a user's file")
    (home / "mine").mkdir()
    (home / "mine" / "notes.md").write_text("a user's notes")
    os.symlink("mine", home / "latest")
    before = snapshot(home.parent)
    code, err = _main(capsys, "--raw", "raw", "--out", out, cache=cache)
    assert _refused(code, err), err
    assert snapshot(home.parent) == before  # no byte changed, nothing created (no lock, no store)


@pytest.mark.parametrize("marker", [None, OLDER_RELEASE_MARKER], ids=["no marker", "an older release's marker"])
def test_a_folder_that_only_looks_like_a_dataset_survives_any_number_of_runs(home: Path, capsys, cache: Path,
                                                                            marker: bytes | None):
    look_alike(home / "mydata", marker)
    before = snapshot(home.parent)
    for _ in range(4):
        code, err = _main(capsys, "--raw", "raw", "--out", "mydata", cache=cache)
        assert _refused(code, err) and "mydata" in err[0], err
    assert snapshot(home.parent) == before  # mytable.parquet and all: nothing moved, marked or created


@pytest.mark.parametrize("command", [["--raw", "raw", "--out", "out"], ["export", "--out", "out", "--format", "csv"]],
                         ids=["run", "export"])
def test_a_users_file_at_the_lock_path_survives_byte_for_byte(home: Path, capsys, cache: Path, command: list[str]):
    if command[0] == "export":
        code, _ = _main(capsys, "--raw", "raw", "--out", "out", cache=cache)
        assert code == 0
    lock = home / (".out.lock" if command[0] != "export" else ".out-csv.lock")
    lock.write_bytes(b"my own notes, in a file that happens to have this name\n")
    before = snapshot(home.parent)
    for _ in range(3):
        if command[0] == "export":
            code = commands.main(command)
            err = capsys.readouterr().err.splitlines()
        else:
            code, err = _main(capsys, *command, cache=cache)
        assert _refused(code, err) and str(lock) in err[0], err
    assert snapshot(home.parent) == before


@pytest.fixture()
def published(home: Path, capsys, cache: Path) -> Path:
    code, _ = _main(capsys, "--raw", "raw", "--out", "out", cache=cache)
    assert code == 0
    return home / "out"


def test_a_refused_run_leaves_the_previous_dataset(published: Path, home: Path, capsys, cache: Path):
    before = snapshot(home)
    code, err = _main(capsys, "--raw", "out", "--out", "out", cache=cache)  # reading its own output
    assert _refused(code, err) and "raw folder" in err[0]
    code, err = _main(capsys, "--raw", ".out.versions", "--out", "out", cache=cache)
    assert _refused(code, err)
    assert snapshot(home) == before


@pytest.mark.parametrize("raw_files", [{}, {"empty.txt": b"", "picture.png": b"\x89PNG\r\n\x1a\n\x00\x00"}],
                         ids=["empty raw folder", "every input rejected"])
def test_a_run_that_reads_no_article_publishes_nothing(published: Path, home: Path, capsys, cache: Path,
                                                      raw_files: dict):
    (home / "nothing").mkdir()
    for name, data in raw_files.items():
        (home / "nothing" / name).write_bytes(data)
    before = snapshot(home)
    code, err = _main(capsys, "--raw", "nothing", "--out", "out", "--strict", cache=cache)
    assert code == 2 and "no article read" in err[-1] and "--allow-empty" in err[-1]
    assert snapshot(home) == before  # the previous dataset, its versions and the cache as they were


def test_allow_empty_publishes_an_empty_dataset(published: Path, home: Path, capsys, cache: Path):
    (home / "nothing").mkdir()
    code, _ = _main(capsys, "--raw", "nothing", "--out", "out", "--allow-empty", cache=cache)
    assert code == 0
    assert len(pd.read_parquet(published / "articles.parquet")) == 0


def test_a_second_run_on_a_held_output_is_refused_with_the_holder(published: Path, home: Path, capsys,
                                                                  cache: Path):
    before = snapshot(home)
    with OutputLock(home / ".out.lock"):
        held = (home / ".out.lock").read_bytes()
        code, err = _main(capsys, "--raw", "raw", "--out", "out", cache=cache)
        assert code == commands.EXIT_LOCKED and len(err) == 1 and f"pid {os.getpid()}" in err[0]
        assert (home / ".out.lock").read_bytes() == held  # the holder's lock untouched
    assert snapshot(home) == before


def test_a_second_run_waits_for_the_lock_when_asked(published: Path, home: Path, capsys, cache: Path):
    first = os.path.realpath(published)
    lock = OutputLock(home / ".out.lock")
    lock.acquire()
    threading.Timer(0.5, lock.release).start()
    code, _ = _main(capsys, "--raw", "raw", "--out", "out", "--lock-timeout", "30", "--force", cache=cache)
    assert code == 0 and os.path.realpath(published) != first


def test_a_stale_lock_is_taken_over(published: Path, home: Path, capsys, cache: Path, caplog):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (home / ".out.lock").write_text(json.dumps({"pid": dead.pid, "host": "h", "started": "2020-01-01"}))
    with caplog.at_level(logging.WARNING):
        code, _ = _main(capsys, "--raw", "raw", "--out", "out", cache=cache)
    assert code == 0
    assert any("stale lock" in r.getMessage() and str(dead.pid) in r.getMessage() for r in caplog.records)
    assert not (home / ".out.lock").exists()


def test_the_lock_is_released_when_publishing_fails(published: Path, home: Path, capsys, cache: Path,
                                                    monkeypatch):
    first = os.path.realpath(published)
    state = (published / "visits.parquet").read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch, pytest.raises(OSError):
        patch.setattr(pub.duckdb, "connect", boom)
        run(Path("raw"), Path("out"), RunOptions(workers=1, cache_dir=cache, progress=False))
    assert not (home / ".out.lock").exists()
    assert (published / "visits.parquet").read_bytes() == state
    assert Path.cwd() == home
    code, _ = _main(capsys, "--raw", "raw", "--out", "out", "--force", cache=cache)
    assert code == 0 and os.path.realpath(published) != first


def test_keep_versions_bounds_the_store(published: Path, home: Path, capsys, cache: Path, monkeypatch):
    monkeypatch.setattr(pub, "RETIRED_GRACE_SECONDS", 0)
    for _ in range(3):
        code, _ = _main(capsys, "--raw", "raw", "--out", "out", "--keep-versions", "2", "--force", cache=cache)
        assert code == 0
    versions = [p for p in (home / ".out.versions").iterdir() if p.name.startswith("v")]
    assert len(versions) == 2 and Path(os.path.realpath(published)) in versions


def test_help_documents_the_safety_options(capsys):
    with pytest.raises(SystemExit):
        commands.main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    for words in ("--keep-versions", "--lock-timeout", "--allow-empty", f"{commands.EXIT_LOCKED} another run"):
        assert words in text
