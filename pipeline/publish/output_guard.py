"""Decide whether an output path is safe to publish into. What counts as the pipeline's own folder
is pipeline.publish.marker's to say: by the content of its marker, never by file names."""
from __future__ import annotations

import os
import re
from pathlib import Path

from pipeline.publish.marker import MARKER, foreign_entries, has_marker, is_ours, read_marker

# The names publish gives version folders in the store (`folder-N`: a real --out folder moved there).
VERSION_NAME = re.compile(r"^(?:v(\d+)-\d+|folder-(\d+))$")
STORE_NAME = re.compile(r"^\..+\.versions$")


class OutputRefused(Exception):
    """The output path would put a user's files at risk; the message is one line for the user."""


def store_of(out_dir: Path) -> Path:
    """The folder of versions beside `out_dir`."""
    return out_dir.parent / f".{out_dir.name}.versions"


def lock_path_of(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.lock"


def absolute(path: Path) -> Path:
    """`path` made absolute with its parent folders resolved, the last part left as it is (it may be a link)."""
    path = Path(os.path.abspath(path))
    return Path(os.path.realpath(path.parent)) / path.name


def check_output(raw_dir: Path | None, out_dir: Path, cwd: Path | None = None) -> None:
    """Raise OutputRefused when publishing into `out_dir` could destroy something the pipeline did not
    write: a file, a folder of someone else's files, a link to one, the raw folder (or a folder holding
    it, or inside it), the working folder or one of its parents."""
    out = absolute(out_dir)
    shown = str(out_dir)
    here = Path(os.path.realpath(cwd or Path.cwd()))
    if out == here or out in here.parents:
        raise OutputRefused(f"--out {shown} is the current folder or holds it; choose a folder of its own, "
                            "e.g. --out output")
    if any(STORE_NAME.match(part) for part in out.parts):
        raise OutputRefused(f"--out {shown} is inside the versions of another output; choose a folder of its own")
    if raw_dir is not None:
        raw = Path(os.path.realpath(raw_dir))
        for place in {out, store_of(out), Path(os.path.realpath(out))}:
            if place == raw or raw in place.parents or place in raw.parents:
                raise OutputRefused(f"--out {shown} overlaps the raw folder {raw_dir}: the output must be "
                                    "neither the raw folder, nor inside it, nor around it")
    if out.is_symlink():
        target = Path(os.path.realpath(out))
        if target.parent != Path(os.path.realpath(store_of(out))):
            raise OutputRefused(f"--out {shown} is a link to {os.readlink(out)}, which the pipeline did not "
                                "create; remove the link or choose another --out")
        if target.exists() and not has_marker(target):  # replacing the link destroys nothing in it
            raise OutputRefused(f"--out {shown} links to {target}, which the pipeline did not write (it has no "
                                f"{MARKER}); remove the link or choose another --out")
        return  # a link to one of our versions (or to one that is gone): it will be replaced
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"--out {shown} is a file, not a folder; choose another --out")
    try:
        empty = not any(out.iterdir())
    except OSError as exc:
        raise OutputRefused(f"--out {shown} cannot be read: {exc.strerror or exc}") from None
    if not empty:
        refuse_foreign_folder(out, f"--out {shown}")


def refuse_foreign_folder(folder: Path, shown: str) -> None:
    """Raise OutputRefused unless `folder`, a real folder, is one the pipeline wrote and holds nothing
    else (pipeline.publish.marker): only then may it be moved into the versions."""
    if is_ours(folder):
        return
    mark = read_marker(folder)
    if mark is None:
        raise OutputRefused(f"{shown} is a folder the pipeline did not create (it has no {MARKER} written by "
                            "the pipeline, whatever files it holds); choose a new or empty folder")
    if mark.version == 1:
        raise OutputRefused(f"{shown} holds a dataset of an older release, which cannot be told from a copy of "
                            "someone's files; move it away or delete it yourself, or choose another --out")
    if mark.files is None:
        raise OutputRefused(f"{shown} is a folder the pipeline was still writing; delete it yourself if no run "
                            "is using it, or choose another --out")
    first = foreign_entries(folder)[0]
    raise OutputRefused(f"{shown} holds files the pipeline did not create ({first}); move them away, or choose "
                        "a new or empty folder")
