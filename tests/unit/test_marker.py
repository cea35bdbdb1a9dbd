"""The pipeline's marker: recognised by its content, never by file names; a folder is the pipeline's
own only when it holds nothing its marker does not list, and removing deletes only what it lists."""
import os
from pathlib import Path

import pytest

from pipeline.publish.marker import (
    MAGIC,
    MARKER,
    add_to_marker,
    close_marker,
    foreign_entries,
    has_marker,
    is_ours,
    read_marker,
    remove_marked,
    write_marker,
)
from tests.safety import OLDER_RELEASE_MARKER, look_alike, snapshot


def _dataset(folder: Path) -> Path:
    """A folder as publish leaves it: tables, a folder of parts, the database, the package, listed."""
    folder.mkdir(parents=True)
    for name in ("articles.parquet", "bilateral.duckdb", "datapackage.json", "README.md"):
        (folder / name).write_bytes(b"written by the pipeline")
    (folder / "visits").mkdir()
    (folder / "visits" / "part-00000.parquet").write_bytes(b"part")
    close_marker(folder)
    return folder


MARKERS = [
    # (marker file content (None: no file), version read (None: not a marker))
    (None, None),
    (b"", None),
    (b"anything", None),
    (b'{"format": "something-else"}\n', None),
    (b"[1, 2]\n", None),
    (OLDER_RELEASE_MARKER, 1),
    (MAGIC.encode() + b"\n" + b'{"files": ["a.parquet"], "pipeline_version": "9"}\n', 2),
    (MAGIC.encode() + b"\n" + b'{"files": null}\n', 2),
    (MAGIC.encode() + b"\nnot json\n", None),
    (MAGIC.encode() + b"\n{}\n", None),  # no list, and not said to be open either
    (MAGIC.encode() + b"\n" + b'{"files": ["../outside"]}\n', None),  # a list must stay inside the folder
    (MAGIC.encode() + b"\n" + b'{"files": ["/etc/passwd"]}\n', None),
    (b"bilateral-pipeline-output 3\n" + b'{"files": []}\n', None),
]


@pytest.mark.parametrize("content, version", MARKERS)
def test_a_marker_is_told_by_its_content(tmp_path: Path, content: bytes | None, version: int | None):
    if content is not None:
        (tmp_path / MARKER).write_bytes(content)
    mark = read_marker(tmp_path)
    assert (mark.version if mark else None) == version
    assert has_marker(tmp_path) == (version is not None)


def test_a_marker_that_is_a_link_is_not_one(tmp_path: Path):
    real = _dataset(tmp_path / "real")
    (tmp_path / "other").mkdir()
    os.symlink(real / MARKER, tmp_path / "other" / MARKER)
    assert not has_marker(tmp_path / "other")


def test_the_marker_lists_what_was_written_and_is_the_same_bytes_for_the_same_files(tmp_path: Path):
    folder = _dataset(tmp_path / "d")
    first = (folder / MARKER).read_bytes()
    assert first.startswith(MAGIC.encode() + b"\n")
    assert read_marker(folder).files == {"articles.parquet", "bilateral.duckdb", "datapackage.json", "README.md",
                                         "visits/part-00000.parquet"}
    close_marker(folder)
    assert (folder / MARKER).read_bytes() == first
    assert not (folder / (MARKER + ".tmp")).exists()


FOREIGN = [
    # (what is done to a published folder, what is then foreign in it)
    ("nothing", []),
    ("a listed file removed", []),
    ("a user's file added", ["notes.md"]),
    ("a user's file in the parts folder", ["visits/draft.txt"]),
    ("a user's empty folder", ["mine"]),
    ("a listed file replaced by a link", ["articles.parquet"]),
    ("the parts folder replaced by a link", ["visits"]),
]


@pytest.mark.parametrize("change, foreign", FOREIGN)
def test_a_folder_is_ours_only_while_it_holds_nothing_but_what_its_marker_lists(tmp_path: Path, change: str,
                                                                                foreign: list[str]):
    folder = _dataset(tmp_path / "d")
    if change == "a listed file removed":
        (folder / "README.md").unlink()
    elif change == "a user's file added":
        (folder / "notes.md").write_text("mine")
    elif change == "a user's file in the parts folder":
        (folder / "visits" / "draft.txt").write_text("mine")
    elif change == "a user's empty folder":
        (folder / "mine").mkdir()
    elif change == "a listed file replaced by a link":
        (folder / "articles.parquet").unlink()
        os.symlink(tmp_path / "elsewhere", folder / "articles.parquet")
    elif change == "the parts folder replaced by a link":
        os.rename(folder / "visits", tmp_path / "users-visits")
        os.symlink(tmp_path / "users-visits", folder / "visits")
    assert foreign_entries(folder) == foreign
    assert is_ours(folder) == (not foreign)
    before = snapshot(tmp_path)
    assert remove_marked(folder) == (not foreign)
    if foreign:
        assert snapshot(tmp_path) == before  # nothing deleted, not even the pipeline's own files
    else:
        assert not folder.exists()


@pytest.mark.parametrize("marker", [None, OLDER_RELEASE_MARKER], ids=["no marker", "an older release's marker"])
def test_a_look_alike_dataset_is_never_ours_and_never_removed(tmp_path: Path, marker: bytes | None):
    folder = look_alike(tmp_path / "mydata", marker)
    before = snapshot(tmp_path)
    assert not is_ours(folder)
    assert not remove_marked(folder)
    assert snapshot(tmp_path) == before


def test_a_marker_copied_from_a_dataset_does_not_make_a_users_folder_ours(tmp_path: Path):
    real = _dataset(tmp_path / "real")
    mine = look_alike(tmp_path / "mydata", (real / MARKER).read_bytes())
    assert not is_ours(mine) and "mytable.parquet" in foreign_entries(mine)
    before = snapshot(mine)
    assert not remove_marked(mine)
    assert snapshot(mine) == before


def test_an_open_marker_is_a_folder_being_written_and_removed_whole(tmp_path: Path):
    folder = tmp_path / "staging-1"
    folder.mkdir()
    write_marker(folder)
    (folder / "visits").mkdir()
    (folder / "visits" / "part-00000.parquet").write_bytes(b"partial")
    assert has_marker(folder) and not is_ours(folder)  # not a finished folder: never moved into place
    assert remove_marked(folder) and not folder.exists()


def test_a_marker_replaced_part_way_leaves_the_folder_recognised(tmp_path: Path):
    folder = _dataset(tmp_path / "d")
    (folder / (MARKER + ".tmp")).write_bytes((folder / MARKER).read_bytes())  # killed while replacing it
    assert is_ours(folder)
    (folder / (MARKER + ".tmp")).write_text("a user's file of that name")
    assert not is_ours(folder)


def test_listing_a_new_file_never_replaces_a_users_file_of_the_markers_spare_name(tmp_path: Path):
    folder = _dataset(tmp_path / "d")
    spare = folder / (MARKER + ".tmp")
    spare.write_text("a user's file of that name")
    add_to_marker(folder, "report.html")
    assert spare.read_text() == "a user's file of that name" and "report.html" not in read_marker(folder).files
    spare.unlink()
    add_to_marker(folder, "report.html")
    assert "report.html" in read_marker(folder).files and not spare.exists()
    (folder / "report.html").write_text("<html>")
    assert is_ours(folder)
