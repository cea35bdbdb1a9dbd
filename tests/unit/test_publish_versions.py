"""Publishing keeps the newest versions by count, never removes what the pipeline did not write,
never the current version nor one that was current a moment ago, and never adopts a look-alike."""
import logging
import os
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.tables import assemble
from pipeline.publish import write as pub
from pipeline.publish.marker import is_ours, write_marker
from pipeline.publish.output_guard import OutputRefused
from pipeline.base.registry import TABLES
from tests.safety import OLDER_RELEASE_MARKER, look_alike, snapshot

NAMES = [*TABLES, "quarantine", "rejected_inputs"]


def _tables(n_articles: int = 0) -> dict[str, pd.DataFrame]:
    frames = {name: assemble.frame(name, []) for name in NAMES}
    frames["rejected_inputs"] = assemble.frame("rejected_inputs", [
        {"path": f"f{i}.bin", "sha256": None, "reason": "binary", "detail": "x"} for i in range(n_articles)])
    return frames


def _versions(out: Path) -> list[Path]:
    store = out.parent / f".{out.name}.versions"
    return sorted((p for p in store.iterdir() if p.name.startswith(("v", "folder-"))),
                  key=lambda p: int(p.name.split("-")[0].lstrip("v")) if p.name.startswith("v")
                  else int(p.name.split("-")[1]))


def _age(folder: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(folder, (past, past))


def test_keeps_the_newest_versions_by_count(tmp_path: Path):
    out = tmp_path / "out"
    made = []
    for i in range(5):
        made.append(pub.publish(_tables(i), out, keep_versions=2))
        for v in made[:-1]:
            if v.exists():
                _age(v, 3600)  # long retired: only the count protects it
    left = _versions(out)
    assert left == made[-2:]
    assert Path(os.path.realpath(out)) == made[-1]
    assert all(is_ours(v) for v in left)


def test_a_version_current_a_moment_ago_is_kept_whatever_the_count(tmp_path: Path):
    out = tmp_path / "out"
    first = pub.publish(_tables(1), out, keep_versions=1)
    second = pub.publish(_tables(2), out, keep_versions=1)
    assert first.exists()  # a reader may have followed the link to it in this second
    _age(first, pub.RETIRED_GRACE_SECONDS + 1)
    third = pub.publish(_tables(3), out, keep_versions=1)
    assert not first.exists()
    assert second.exists() and third.exists()  # second was current until just now


def test_the_grace_period_counts_from_retirement_not_creation(tmp_path: Path):
    out = tmp_path / "out"
    first = pub.publish(_tables(1), out, keep_versions=1)
    _age(first, 3600)  # made long ago, but current until the next publish
    pub.publish(_tables(2), out, keep_versions=1)
    assert first.exists()


def test_unmarked_folders_in_the_store_are_never_removed(tmp_path: Path):
    out = tmp_path / "out"
    pub.publish(_tables(), out)
    store = tmp_path / ".out.versions"
    foreign = {name: store / name for name in ("v1-1", "folder-2", "staging-abc", "parts-9", "notes")}
    for path in foreign.values():
        path.mkdir()
        (path / "keep.txt").write_text("someone else's")
        _age(path, 10 * 3600)
    (store / "loose.txt").write_text("someone else's")
    before = {name: snapshot(p) for name, p in foreign.items()}
    for i in range(4):
        for v in _versions(out):
            _age(v, 3600)
        pub.publish(_tables(i), out, keep_versions=1)
    assert {name: snapshot(p) for name, p in foreign.items()} == before
    assert (store / "loose.txt").read_text() == "someone else's"


@pytest.mark.parametrize("marker", [None, OLDER_RELEASE_MARKER], ids=["no marker", "an older release's marker"])
def test_a_look_alike_version_in_the_store_survives_any_number_of_runs(tmp_path: Path, marker: bytes | None):
    out = tmp_path / "out"
    pub.publish(_tables(), out)
    old = look_alike(tmp_path / ".out.versions" / "v1-1", marker)  # older than any version, by its name
    _age(old, 10 * 3600)
    before = snapshot(old)
    for i in range(5):
        for v in _versions(out):
            _age(v, 3600)
        pub.publish(_tables(i), out, keep_versions=1)
    assert snapshot(old) == before


def test_a_version_a_user_added_a_file_to_is_kept_whole_and_said(tmp_path: Path, caplog):
    out = tmp_path / "out"
    first = pub.publish(_tables(1), out)
    (out / "my-notes.md").write_text("written into the published dataset")
    before = snapshot(first)
    with caplog.at_level(logging.WARNING, logger="pipeline.publish.write"):
        for i in range(3):
            for v in _versions(out):
                _age(v, 3600)
            pub.publish(_tables(i), out, keep_versions=1)
    assert snapshot(first) == before  # not one of the pipeline's files removed either
    assert any(str(first) in r.getMessage() and "did not write" in r.getMessage() for r in caplog.records)


def test_staging_and_parts_of_long_dead_runs_are_removed_only_when_marked(tmp_path: Path):
    out = tmp_path / "out"
    pub.publish(_tables(), out)
    store = tmp_path / ".out.versions"
    dead_marked, dead_empty, recent = store / "staging-dead1", store / "staging-dead2", store / "parts-1-2"
    for folder in (dead_marked, dead_empty, recent):
        folder.mkdir()
    for folder in (dead_marked, recent):
        write_marker(folder)
        (folder / "articles.parquet").write_bytes(b"partial")
    _age(dead_marked, 2 * 3600)
    _age(dead_empty, 2 * 3600)
    pub.publish(_tables(), out)
    assert not dead_marked.exists() and not dead_empty.exists()
    assert recent.exists()  # maybe a run still writing


def test_a_real_output_folder_the_pipeline_wrote_becomes_a_version(tmp_path: Path):
    out = tmp_path / "out"
    first = pub.publish(_tables(1), out)
    os.unlink(out)
    os.rename(first, out)  # a real folder, as publish leaves it where links cannot be made
    before = snapshot(out)
    new = pub.publish(_tables(2), out)
    assert out.is_symlink() and Path(os.path.realpath(out)) == new
    (moved,) = [v for v in _versions(out) if v.name.startswith("folder-")]
    assert snapshot(moved) == before


@pytest.mark.parametrize("marker", [None, OLDER_RELEASE_MARKER], ids=["no marker", "an older release's marker"])
def test_a_real_folder_the_pipeline_cannot_tell_for_its_own_is_refused_untouched(tmp_path: Path,
                                                                                  marker: bytes | None):
    out = look_alike(tmp_path / "out", marker)
    before = snapshot(tmp_path)
    for _ in range(3):
        with pytest.raises(OutputRefused):
            pub.publish(_tables(), out)
    assert snapshot(tmp_path) == before


def test_an_empty_folder_is_replaced_by_the_link(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    pub.publish(_tables(), out)
    assert out.is_symlink() and (out / "articles.parquet").exists()


def test_publish_refuses_a_foreign_folder_before_writing(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "thesis.tex").write_text("mine")
    before = snapshot(tmp_path)
    with pytest.raises(OutputRefused):
        pub.publish(_tables(), out)
    assert snapshot(tmp_path) == before


def test_a_dataset_an_older_release_published_stays_usable_and_is_kept(tmp_path: Path):
    out = tmp_path / "out"
    old = pub.publish(_tables(1), out)
    (old / ".bilateral-pipeline-output").write_bytes(OLDER_RELEASE_MARKER)  # as an older release marked it
    before = snapshot(old)
    for i in range(4):
        for v in _versions(out):
            _age(v, 3600)
        new = pub.publish(_tables(i), out, keep_versions=1)
        assert Path(os.path.realpath(out)) == new
    assert snapshot(old) == before  # never moved, marked anew or removed: delete it yourself
