"""Which output paths are refused, and which folders count as the pipeline's own."""
import os
from pathlib import Path

import pytest

from pipeline.publish.marker import close_marker, write_marker
from pipeline.publish.output_guard import OutputRefused, check_output
from tests.safety import OLDER_RELEASE_MARKER, look_alike, snapshot


def _dataset(folder: Path) -> Path:
    """A folder as publish writes it: the tables, the database, the package, and the marker listing them."""
    folder.mkdir(parents=True)
    for name in ("articles", "visits"):
        (folder / f"{name}.parquet").write_bytes(b"PAR1 table PAR1")
    (folder / "events").mkdir()
    (folder / "events" / "part-00000.parquet").write_bytes(b"PAR1 part PAR1")
    (folder / "bilateral.duckdb").write_bytes(b"db")
    (folder / "datapackage.json").write_text("{}")
    close_marker(folder)
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
    ("a look-alike of a dataset", "raw", "output", "did not create"),
    ("a look-alike with a copied marker", "raw", "output", "did not create (mytable.parquet)"),
    ("a look-alike an older release marked", "raw", "output", "older release"),
    ("a folder still being written", "raw", "output", "still writing"),
    ("dataset plus a user file", "raw", "output", "did not create (thesis.tex)"),
    ("a link to a foreign folder in the store", "raw", "output", "did not write"),
    ("a link to a look-alike in the store", "raw", "output", "did not write"),
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
    elif setup == "a look-alike of a dataset":
        look_alike(project / "output")
    elif setup == "a look-alike with a copied marker":
        look_alike(project / "output", (_dataset(project / "real") / ".bilateral-pipeline-output").read_bytes())
    elif setup == "a look-alike an older release marked":
        look_alike(project / "output", OLDER_RELEASE_MARKER)
    elif setup == "a folder still being written":
        (project / "output").mkdir()
        write_marker(project / "output")
        (project / "output" / "articles.parquet").write_bytes(b"partial")
    elif setup == "dataset plus a user file":
        _dataset(project / "output")
        (project / "output" / "thesis.tex").write_text("keep me")
    elif setup == "a link to a foreign folder in the store":
        (project / ".output.versions" / "v1-1").mkdir(parents=True)
        (project / ".output.versions" / "v1-1" / "thesis.tex").write_text("keep me")
        os.symlink(".output.versions/v1-1", project / "output")
    elif setup == "a link to a look-alike in the store":
        look_alike(project / ".output.versions" / "v1-1")
        os.symlink(".output.versions/v1-1", project / "output")
    elif setup == "a published output":
        _dataset(project / ".output.versions" / "v1-1")
        os.symlink(".output.versions/v1-1", project / "output")
    before = snapshot(project)
    with pytest.raises(OutputRefused) as err:
        check_output(Path(raw), Path(out))
    message = str(err.value)
    assert words in message and "\n" not in message
    assert snapshot(project) == before


def test_the_project_folder_is_refused_by_its_absolute_path_too(project: Path):
    with pytest.raises(OutputRefused, match="current folder"):
        check_output(project / "raw", project)


ACCEPTED = ["new", "empty folder", "link into the store", "dangling link into the store",
            "link to an older release's version", "link to a version a user added a file to", "a dataset folder"]


@pytest.mark.parametrize("setup", ACCEPTED)
def test_safe_outputs_are_accepted(project: Path, setup: str):
    out = project / "output"
    if setup == "empty folder":
        out.mkdir()
    elif setup in ("link into the store", "dangling link into the store"):
        version = project / ".output.versions" / "v5-1"
        if setup == "link into the store":
            _dataset(version)
        os.symlink(".output.versions/v5-1", out)
    elif setup in ("link to an older release's version", "link to a version a user added a file to"):
        # replacing the link moves and deletes nothing: the version is left as it is (see test_publish_versions)
        version = project / ".output.versions" / "v5-1"
        if setup == "link to an older release's version":
            look_alike(version, OLDER_RELEASE_MARKER)
        else:
            _dataset(version)
            (version / "notes.md").write_text("mine")
        os.symlink(".output.versions/v5-1", out)
    elif setup == "a dataset folder":  # where links cannot be made, publish leaves the version at --out
        _dataset(out)
    check_output(Path("raw"), Path("output"))  # no exception
