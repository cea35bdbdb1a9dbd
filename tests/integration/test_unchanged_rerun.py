"""A rerun with nothing changed leaves the output as it was, without loading the model or writing a version;
any change that decides the dataset (an input's bytes, a new or removed input, an option such as --text, a
file of the version gone) runs and publishes as before; --force always publishes. Adding articles to a
collection gives the same tables as a fresh run over the whole collection."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from schemas.spec import TABLES

ROOT = Path(__file__).resolve().parents[2]
LEFT = "output left as it was"

ARTICLES = {  # invented, each about another pair of states
    "a.txt": "Title: Talks in Lima\nDate: 2021-04-02\n\nFijian Foreign Minister Ana Tora visited Lima on 1 April "
             "2021 and met her Peruvian counterpart. The two states signed a memorandum of understanding on "
             "fisheries cooperation.\n",
    "b.txt": "Title: Oslo and Santiago\nDate: 2020-06-10\n\nChilean President Rosa Vidal paid a state visit to "
             "Norway from 8 to 9 June 2020. Trade between Chile and Norway reached $900 million in 2019.\n",
    "c.txt": "Title: Accra hosts Montevideo\nDate: 2022-09-15\n\nUruguayan Foreign Minister Pablo Rey visited "
             "Ghana on 14 September 2022. Ghana and Uruguay signed an agreement on visa exemption.\n",
}


def _cli(home: Path, *argv: str) -> subprocess.CompletedProcess:
    """`python -m pipeline` in `home`, reporting whether the model and pandas were loaded."""
    code = ("import sys; from pipeline.cli.commands import main; rc = main(sys.argv[1:]); "
            "print('loaded:', 'spacy' in sys.modules, 'pandas' in sys.modules, file=sys.stderr); sys.exit(rc)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", code, "--workers", "1", *argv], cwd=home, capture_output=True,
                          text=True, timeout=600, env=env, check=False)


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    (tmp_path / "raw").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "raw" / name).write_text(text, encoding="utf-8")
    return tmp_path


def _version(home: Path) -> str:
    return os.path.realpath(home / "out")


def _state(folder: str) -> dict[str, tuple[int, int]]:
    """Every file of a version folder with its size and modification time."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(Path(folder).iterdir())}


def test_an_unchanged_rerun_leaves_the_output_and_loads_no_model(home: Path):
    first = _cli(home, "--out", "out")
    assert first.returncode == 0, first.stderr
    version = _version(home)
    before = _state(version)
    again = _cli(home, "--out", "out")
    assert again.returncode == 0 and LEFT in again.stdout, again.stdout + again.stderr
    assert "loaded: False False" in again.stderr  # neither the language model nor pandas was imported
    assert _version(home) == version and _state(version) == before
    assert sorted(p.name for p in (home / ".out.versions").iterdir() if p.name.startswith("v")) == \
        [os.path.basename(version)]
    # how to run (workers, cache) does not decide the dataset
    assert LEFT in _cli(home, "--out", "out", "--no-cache").stdout


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename", "option", "version_file", "force"])
def test_what_decides_the_dataset_makes_a_rerun_publish(home: Path, change: str):
    assert _cli(home, "--out", "out").returncode == 0
    version = _version(home)
    argv = ["--out", "out"]
    raw = home / "raw"
    if change == "edit":  # one byte of one input
        (raw / "b.txt").write_text(ARTICLES["b.txt"].replace("$900", "$901"), encoding="utf-8")
    elif change == "add":
        (raw / "d.txt").write_text(ARTICLES["c.txt"].replace("Ghana", "Kenya"), encoding="utf-8")
    elif change == "remove":
        (raw / "c.txt").unlink()
    elif change == "rename":  # the same bytes under another name: source_path differs
        (raw / "c.txt").rename(raw / "e.txt")
    elif change == "option":
        argv += ["--text", "snippet"]
    elif change == "version_file":  # a file of the version removed by hand: the output is made whole again
        (Path(version) / "trade.parquet").unlink()
    else:
        argv += ["--force"]
    proc = _cli(home, *argv)
    assert proc.returncode == 0 and LEFT not in proc.stdout and "output written to out" in proc.stdout, \
        proc.stdout + proc.stderr
    assert _version(home) != version
    if change == "version_file":
        assert (home / "out" / "trade.parquet").is_file()


def test_strict_still_fails_an_unchanged_rerun_of_a_run_with_rejected_inputs(home: Path):
    (home / "raw" / "empty.txt").write_bytes(b"")
    assert _cli(home, "--out", "out", "--strict").returncode == 1
    again = _cli(home, "--out", "out", "--strict")
    assert again.returncode == 1 and LEFT in again.stdout and "1 rejected inputs" in again.stderr


def test_the_manifest_records_the_run_key(home: Path):
    assert _cli(home, "--out", "out").returncode == 0
    manifest = json.loads((home / "out" / "manifest.json").read_text())
    assert len(manifest["run_key"]) == 64


def test_an_unchanged_rerun_costs_a_small_part_of_a_run(home: Path):
    t0 = time.monotonic()
    assert _cli(home, "--out", "out", "--no-cache").returncode == 0
    full = time.monotonic() - t0
    t0 = time.monotonic()
    assert LEFT in _cli(home, "--out", "out").stdout
    rerun = time.monotonic() - t0
    # about 0.25 s against 8 s on an idle 2-core machine (3%); generous for a busy one
    assert rerun < 0.2 * full, (rerun, full)


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    out = {}
    for name in TABLES:
        df = pd.read_parquet(folder / f"{name}.parquet")
        out[name] = df.astype(str).sort_values(list(df.columns)).reset_index(drop=True)
    return out


def test_adding_articles_gives_the_tables_of_a_fresh_run(home: Path, tmp_path: Path):
    held = home / "held"
    held.mkdir()
    shutil.move(str(home / "raw" / "c.txt"), held / "c.txt")
    assert _cli(home, "--out", "out").returncode == 0  # two articles, then the third is added
    shutil.move(str(held / "c.txt"), home / "raw" / "c.txt")
    proc = _cli(home, "--out", "out")
    assert proc.returncode == 0 and "reused from cache 2 articles" in proc.stdout, proc.stdout
    fresh = _cli(home, "--out", "fresh", "--no-cache")
    assert fresh.returncode == 0
    grown, whole = _tables(home / "out"), _tables(home / "fresh")
    for name in TABLES:
        pd.testing.assert_frame_equal(grown[name], whole[name], obj=name)
