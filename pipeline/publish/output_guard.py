"""Decide whether an output path is safe to publish into, and mark the folders the pipeline writes."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from pipeline import __version__

MARKER = ".bilateral-pipeline-output"
_MARKER_FORMAT = "bilateral-pipeline-output"
# Version folders made by publish (and by older releases, which wrote no marker).
VERSION_NAME = re.compile(r"^(?:v(\d+)-\d+|folder-(\d+))$")
STORE_NAME = re.compile(r"^\..+\.versions$")
# What the pipeline (or an older release) writes into an output folder besides the tables.
_DATASET_FILES = {"bilateral.duckdb", "bilateral.duckdb.wal", "datapackage.json", "README.md", "CODEBOOK.md",
                  "manifest.json", "report.html", MARKER}


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


def write_marker(folder: Path) -> None:
    """Say that `folder` was written by the pipeline (the same bytes every time: no clock in it)."""
    body = {"format": _MARKER_FORMAT, "pipeline_version": __version__}
    (folder / MARKER).write_text(json.dumps(body, sort_keys=True) + "\n", encoding="utf-8")


def has_marker(folder: Path) -> bool:
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return False
    try:
        body = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(body, dict) and body.get("format") == _MARKER_FORMAT


def is_dataset(folder: Path) -> bool:
    """A folder holding a published dataset and nothing else: bilateral.duckdb and datapackage.json,
    and besides them only the tables that datapackage.json lists (a file each, or a folder of parts)
    and the marker. How an unmarked output of an older release is recognised."""
    try:
        entries = {p.name: p for p in folder.iterdir()}
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        tables = {r["name"] for r in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if not {"bilateral.duckdb", "datapackage.json"} <= entries.keys():
        return False
    for name, path in entries.items():
        if path.is_symlink():
            return False
        if name in _DATASET_FILES or (name.endswith(".parquet") and name[:-8] in tables and path.is_file()):
            continue
        if name in tables and path.is_dir() and all(
                p.is_file() and not p.is_symlink() and re.fullmatch(r"part-\d+\.parquet", p.name)
                for p in path.iterdir()):
            continue
        return False
    return True


def is_ours(folder: Path) -> bool:
    """A version in the store: marked by the pipeline, or an older release's dataset."""
    return folder.is_dir() and not folder.is_symlink() and (has_marker(folder) or is_dataset(folder))


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
        if target.exists() and not is_ours(target):
            raise OutputRefused(f"--out {shown} links to {target}, which holds files the pipeline did not write")
        return  # a link to one of our versions (or to one that is gone): it will be replaced
    if not out.exists():
        return
    if not out.is_dir():
        raise OutputRefused(f"--out {shown} is a file, not a folder; choose another --out")
    try:
        empty = not any(out.iterdir())
    except OSError as exc:
        raise OutputRefused(f"--out {shown} cannot be read: {exc.strerror or exc}") from None
    if not empty and not is_dataset(out):  # a real folder is taken over only when it holds a dataset alone
        raise OutputRefused(f"--out {shown} is a folder the pipeline did not create, or holds other files "
                            "besides a dataset; choose a new or empty folder")
