"""Which output paths are refused, and which folders count as the pipeline's own."""
import json
import os
from pathlib import Path

import pytest

from pipeline.publish.output_guard import (
    MARKER,
    OutputRefused,
    check_output,
    has_marker,
    is_dataset,
    write_marker,
)


def _old_output(folder: Path) -> Path:
    """What an older release left in a real output folder: the tables, the database, the package."""
    folder.mkdir(parents=True)
    for name in ("articles", "visits"):
        (folder / f"{name}.parquet").write_bytes(b"PAR1 table PAR1")
    (folder / "events").mkdir()
    (folder / "events" / "part-00000.parquet").write_bytes(b"PAR1 part PAR1")
    (folder / "bilateral.duckdb").write_bytes(b"db")
    resources = [{"name": n, "path": f"{n}.parquet"} for n in ("articles", "visits", "events")]
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}))
    return folder


@pytest.fixture()
def project(tmp_path: Path, monkeypatch) -> Path:
    home = tmp_path / "project"
    (home / "raw").mkdir(parents=True)
    (home / "raw" / "a.txt").write_text("an article")
    monkeypatch.chdir(home)
    return home


REFUSED = [
    # (what the test sets up, --raw, --out, words the message must hold)
    ("nothing", "raw", ".", "current folder"),
    ("nothing", "raw", "..", "current folder"),
    ("nothing", "raw", "raw", "overlaps the raw folder"),
    ("nothing", "raw", "raw/out", "overlaps the raw folder"),
    ("raw inside out", "data/raw", "data", "overlaps the raw folder"),
    ("a file", "raw", "notes.txt", "is a file"),
    ("a user folder", "raw", "mine", "did not create"),
    ("a link to a user folder", "raw", "link", "did not create"),
    ("a dangling link elsewhere", "raw", "link", "did not create"),
    ("old output plus a user file", "raw", "output", "did not create"),
    ("marked folder plus a user file", "raw", "output", "did not create"),
    ("a link to a foreign folder in the store", "raw", "output", "did not write"),
    ("a published output", "raw", ".output.versions/v1-1", "versions of another output"),
    ("a published output", "raw", "output/sub", "versions of another output"),
]


@pytest.mark.parametrize("setup, raw, out, words", REFUSED)
def test_unsafe_outputs_are_refused(project: Path, setup: str, raw: str, out: str, words: str):
    if setup == "raw inside out":
        (project / "data" / "raw").mkdir(parents=True)
    elif setup == "a file":
        (project / "notes.txt").write_text("keep me")
    elif setup == "a user folder":
        (project / "mine").mkdir()
        (project / "mine" / "thesis.tex").write_text("keep me")
    elif setup == "a link to a user folder":
        (project / "mine").mkdir()
        (project / "mine" / "thesis.tex").write_text("keep me")
        os.symlink("mine", project / "link")
    elif setup == "a dangling link elsewhere":
        os.symlink("/nonexistent/somewhere", project / "link")
    elif setup == "old output plus a user file":
        _old_output(project / "output")
        (project / "output" / "thesis.tex").write_text("keep me")
    elif setup == "marked folder plus a user file":
        _old_output(project / "output")
        write_marker(project / "output")
        (project / "output" / "thesis.tex").write_text("keep me")
    elif setup == "a link to a foreign folder in the store":
        (project / ".output.versions" / "v1-1").mkdir(parents=True)
        (project / ".output.versions" / "v1-1" / "thesis.tex").write_text("keep me")
        os.symlink(".output.versions/v1-1", project / "output")
    elif setup == "a published output":
        (project / ".output.versions" / "v1-1").mkdir(parents=True)
        write_marker(project / ".output.versions" / "v1-1")
        os.symlink(".output.versions/v1-1", project / "output")
    with pytest.raises(OutputRefused) as err:
        check_output(Path(raw), Path(out))
    message = str(err.value)
    assert words in message and "\n" not in message


def test_the_project_folder_is_refused_by_its_absolute_path_too(project: Path):
    with pytest.raises(OutputRefused, match="current folder"):
        check_output(project / "raw", project)


ACCEPTED = ["new", "empty folder", "link into the store", "dangling link into the store", "old output",
            "marked folder"]


@pytest.mark.parametrize("setup", ACCEPTED)
def test_safe_outputs_are_accepted(project: Path, setup: str):
    out = project / "output"
    if setup == "empty folder":
        out.mkdir()
    elif setup in ("link into the store", "dangling link into the store"):
        version = project / ".output.versions" / "v5-1"
        if setup == "link into the store":
            version.mkdir(parents=True)
            write_marker(version)
        os.symlink(".output.versions/v5-1", out)
    elif setup == "old output":
        _old_output(out)
    elif setup == "marked folder":
        _old_output(out)
        write_marker(out)
    check_output(Path("raw"), Path("output"))  # no exception


def test_a_dataset_folder_is_recognised_only_when_nothing_foreign_is_in_it(tmp_path: Path):
    old = _old_output(tmp_path / "old")
    assert is_dataset(old)
    (old / "visits.parquet").unlink()
    assert is_dataset(old)  # fewer tables is still an old output
    (old / "notes.md").write_text("mine")
    assert not is_dataset(old)
    (old / "notes.md").unlink()
    (old / "events" / "draft.txt").write_text("mine")
    assert not is_dataset(old)
    assert not is_dataset(tmp_path / "absent")


def test_the_marker_is_a_small_fixed_json_file(tmp_path: Path):
    write_marker(tmp_path)
    first = (tmp_path / MARKER).read_bytes()
    write_marker(tmp_path)
    assert (tmp_path / MARKER).read_bytes() == first and len(first) < 200
    assert has_marker(tmp_path)
    (tmp_path / MARKER).write_text("anything")
    assert not has_marker(tmp_path)
