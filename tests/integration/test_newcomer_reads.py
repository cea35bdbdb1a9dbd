"""What a newcomer reads is true: the dataset card agrees with the tables and with the report, every path
the help and the docs point to is in the repository, every command the README suggests is installed by its
set-up line, -q means quiet for every command, export folders stay out of git, and every warning names its
file."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.cli.commands import app
from tests.conftest import ROOT, run_cli


def _facts_dated(text: str) -> tuple[str, str] | None:
    m = re.search(r"Facts dated from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)", text)
    return (m[1], m[2]) if m else None


def test_the_card_and_the_report_give_the_dates_of_the_tables(seed_output: Path, tmp_path: Path):
    """As published, and after `evaluate` has written its scores into the card."""
    dates = pd.concat([pd.to_datetime(pd.read_parquet(seed_output / f"{name}.parquet")[column])
                       for name in ("events", "documents", "trade") for column in ("date_start", "date_end")]).dropna()
    expected = (dates.min().date().isoformat(), dates.max().date().isoformat())
    published = pd.to_datetime(pd.read_parquet(seed_output / "articles.parquet")["published_date"]).dropna()
    said = f"Articles published from {published.min().date()} to {published.max().date()}"
    page = (seed_output / "report.html").read_text(encoding="utf-8")
    assert _facts_dated(page) == expected and said in page
    copy = tmp_path / "copy"
    shutil.copytree(os.path.realpath(seed_output), copy)
    cards = [(copy / "README.md").read_text(encoding="utf-8")]
    gold = sorted((ROOT / "tests" / "data" / "seed" / "gold").glob("*.yaml"))
    (copy / "README.md").write_text(cards[0].replace("| precision |", "| before |"), encoding="utf-8")
    assert run_cli("evaluate", *map(str, gold), "--out", str(copy), "-q").returncode == 0
    cards.append((copy / "README.md").read_text(encoding="utf-8"))
    assert "| precision |" in cards[1]  # evaluate wrote the card again, from the tables' files
    for card in cards:
        assert _facts_dated(card) == expected and said in card


def test_the_card_says_the_consolidated_tables_merge_what_articles_repeat(seed_output: Path):
    card = (seed_output / "README.md").read_text(encoding="utf-8")
    limits = card.split("## Known limits", 1)[1].split("\n## ", 1)[0]
    published = [p.stem for p in seed_output.glob("*_consolidated.parquet")]
    assert published
    assert "not merged" not in card
    merged = [line for line in limits.splitlines() if "several articles" in line]
    assert len(merged) == 1 and "`*_consolidated`" in merged[0], limits


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("quiet") / "output"
    result = CliRunner().invoke(app, ["run", "--raw", str(ROOT / "raw"), "--out", str(out), "--workers", "1",
                                      "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # run -q: no summary either
    return out


def _commands(out: Path, tmp: Path) -> dict[str, list[str]]:
    gold = sorted((ROOT / "tests" / "data" / "seed" / "gold").glob("*.yaml"))
    return {"run": ["run", "--raw", str(ROOT / "raw"), "--out", str(tmp / "again"), "--workers", "1", "--no-cache"],
            "evaluate": ["evaluate", *map(str, gold), "--out", str(out)],
            "export": ["export", "--out", str(out), "--to", str(tmp / "csv")],
            "report": ["report", "--out", str(out)],
            "validate": ["validate", "--out", str(out)]}


@pytest.mark.parametrize("command", ["run", "evaluate", "export", "report", "validate"])
def test_q_means_quiet_for_every_command(dataset: Path, tmp_path: Path, command: str):
    argv = _commands(dataset, tmp_path)[command]
    quiet = CliRunner().invoke(app, [*argv, "-q"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == "", quiet.stdout
    said = CliRunner().invoke(app, [*argv, "--quiet"] if command == "export" else argv)  # export again: replaced
    assert said.exit_code == 0, said.output
    assert (said.stdout == "") == (command == "export")
    assert "-q, --quiet" in CliRunner().invoke(app, [command, "--help"]).stdout


def test_validate_q_prints_only_the_problems(dataset: Path, tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(os.path.realpath(dataset), copy)
    table = pq.read_table(copy / "documents.parquet")
    rows = table.to_pylist()
    rows[0]["doc_type"] = "napkin"
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema.remove_metadata()), copy / "documents.parquet")
    result = CliRunner().invoke(app, ["validate", "--out", str(copy), "-q"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("documents ") and "doc_type" in lines[1] and lines[-1].startswith("INVALID")
    assert not [line for line in lines if line.rstrip().endswith(" ok")]


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]


def test_every_jupyter_command_the_readme_gives_is_installed_or_says_what_to_install():
    bin_dir = Path(sys.executable).parent
    found = []
    for paragraph in _paragraphs((ROOT / "README.md").read_text(encoding="utf-8")):
        for sub in re.findall(r"\bjupyter (\w+)", paragraph):
            found.append(sub)
            if not (bin_dir / f"jupyter-{sub}").exists():
                assert re.search(rf"pip install \w*{sub}", paragraph), f"`jupyter {sub}` is not installed: {paragraph}"
    assert found


def test_the_readme_notebook_command_runs_as_written(seed_output: Path, tmp_path: Path):
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    (command,) = re.findall(r"`(BILATERAL_OUTPUT=[^`]*jupyter execute[^`]*)`", readme)
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "explore.ipynb", tmp_path / "docs")
    (tmp_path / "output").symlink_to(seed_output)
    tool = tmp_path / ".venv" / "bin" / "jupyter"
    tool.parent.mkdir(parents=True)
    tool.write_text(f'#!/bin/sh\nexec "{Path(sys.executable).parent / "jupyter"}" "$@"\n')
    tool.chmod(0o755)
    proc = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_what_the_default_run_and_export_write_is_ignored_by_git():
    from pipeline.publish.export import FORMATS, default_destination

    if shutil.which("git") is None or subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True
                                                     ).returncode != 0:
        pytest.skip("not a git checkout")
    written = ["output/visits.parquet", ".output.lock", ".output.versions/v1/visits.parquet", ".pipeline-cache/x"]
    for fmt in FORMATS:
        dest = default_destination(Path("output"), fmt)
        written += [f"{dest}/visits.{fmt}", f".{dest.name}.lock", f".{dest.name}.staging-k2j4/visits.{fmt}"]
    proc = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "--no-index", "--verbose", "--non-matching",
                           *written], capture_output=True, text=True)
    not_ignored = [line.split("\t")[-1] for line in proc.stdout.splitlines() if line.startswith("::")]
    assert not_ignored == []


def test_every_warning_about_an_html_page_names_its_file(tmp_path: Path):
    """trafilatura's own "discarding data: None" and "empty HTML tree: None" name no file: the run shows its
    own one-line message instead, which does."""
    raw = tmp_path / "raw"
    raw.mkdir()
    pages = {"blank.html": "<html><body>   </body></html>", "comment-only.html": "<!-- nothing here -->",
             "menu.htm": "<html><body><nav>Home | World | Sport</nav></body></html>"}
    for name, page in pages.items():
        (raw / name).write_text(page, encoding="utf-8")
    shutil.copy(next((ROOT / "raw").glob("*.txt")), raw)
    proc = run_cli("--raw", str(raw), "--out", str(tmp_path / "out"), "--no-cache", "--workers", "1", "-q")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    assert "None" not in proc.stderr and "discarding data" not in proc.stderr, proc.stderr
    for name in pages:
        assert len([line for line in lines if name in line]) == 1, proc.stderr
    assert all(any(name in line for name in pages) for line in lines), proc.stderr
