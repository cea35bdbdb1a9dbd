"""The pipeline's mark on a folder it writes, and the only way such a folder is removed.

The marker file (`.bilateral-pipeline-output`) starts with a fixed line, MAGIC, followed by a JSON
body that lists every file the pipeline put in the folder. A folder is the pipeline's own only when
its marker says so by content and the folder holds nothing the marker does not list: a folder that
merely has the files a dataset has (`bilateral.duckdb`, `datapackage.json`, `*.parquet`) is never
taken for one, and a user's file added to a published folder keeps that folder from being moved
or removed. Removing deletes the listed files and nothing else.

A folder being written (a staging or parts folder) carries an open marker (no list yet): the
pipeline made the folder itself, under a fresh name, and everything in it is the pipeline's until
the list is written at the end.

Releases before this one wrote a one-line JSON marker (`{"format": "bilateral-pipeline-output",
"pipeline_version": ...}`) with no list, into their own folders but also into look-alike folders
they adopted. Such a marker cannot be told from an adopted user's folder by content, so an old
version keeps being usable as the current dataset (a link to it is replaced, it is read), but it
is never moved or removed: delete old versions yourself when they are no longer needed.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline import __version__

MARKER = ".bilateral-pipeline-output"
MAGIC = "bilateral-pipeline-output 2"
_TMP = MARKER + ".tmp"  # the marker's next version, while it is being replaced
_V1_FORMAT = "bilateral-pipeline-output"
_MAX_BYTES = 64 * 1024 * 1024  # a list of a million part files is far smaller


@dataclass(frozen=True)
class Mark:
    """What a folder's marker says. `files`: the paths the pipeline wrote, relative to the folder
    (None: an open marker, the folder still being written); `version` 1: an older release's marker."""

    version: int
    files: frozenset[str] | None


def write_marker(folder: Path, files: Iterable[str] | None = None) -> None:
    """Mark `folder` as the pipeline's: open (`files` None) or listing `files`. Replaced atomically;
    the same files give the same bytes (no clock in it)."""
    body = {"files": None if files is None else sorted(set(files) - {MARKER, _TMP}),
            "pipeline_version": __version__}
    tmp = folder / _TMP
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(MAGIC + "\n" + json.dumps(body, sort_keys=True, ensure_ascii=False) + "\n")
    os.replace(tmp, folder / MARKER)


def close_marker(folder: Path) -> None:
    """List every file now in `folder`, which the pipeline wrote all of (a staging folder at its end)."""
    write_marker(folder, _files(folder))


def add_to_marker(folder: Path, name: str) -> None:
    """Before writing `name` into a finished folder: list it, so that the folder stays recognised."""
    mark = read_marker(folder)
    if mark is None or mark.version != 2 or mark.files is None or name in mark.files:
        return
    tmp = folder / _TMP
    if os.path.lexists(tmp) and not _is_marker_tmp(tmp):  # someone's file of that name: not replaced
        return
    write_marker(folder, mark.files | {name})


def read_marker(folder: Path) -> Mark | None:
    """The folder's marker, or None when it has none the pipeline wrote (absent, a link, other content)."""
    data = _read(folder / MARKER)
    if data is None:
        return None
    head, _, rest = data.partition(b"\n")
    if head == MAGIC.encode():
        try:
            body = json.loads(rest.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        if not isinstance(body, dict) or "files" not in body:
            return None
        files = body["files"]
        if files is None:
            return Mark(2, None)
        if isinstance(files, list) and all(isinstance(f, str) and _is_relative(f) for f in files):
            return Mark(2, frozenset(files))
        return None
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if isinstance(body, dict) and body.get("format") == _V1_FORMAT:
        return Mark(1, None)
    return None


def has_marker(folder: Path) -> bool:
    """A marker the pipeline wrote, of this release or an older one, open or listing its files."""
    return read_marker(folder) is not None


def foreign_entries(folder: Path) -> list[str]:
    """What in `folder` its marker does not account for, sorted (every entry when it has no list)."""
    mark = read_marker(folder)
    listed = mark.files if mark is not None and mark.files is not None else frozenset()
    under = {p.as_posix() for f in listed for p in Path(f).parents}  # the folders the listed files are in
    foreign = []
    for root, dirs, names in os.walk(folder):
        rel_root = Path(root).relative_to(folder)
        for name in sorted(dirs):
            rel = (rel_root / name).as_posix()
            if os.path.islink(os.path.join(root, name)) or rel not in under:
                foreign.append(rel)
        dirs[:] = [d for d in dirs if (rel_root / d).as_posix() in under and not os.path.islink(os.path.join(root, d))]
        for name in names:
            rel = (rel_root / name).as_posix()
            path = Path(root) / name
            if rel == MARKER or (rel == _TMP and _is_marker_tmp(path)):
                continue
            if path.is_symlink() or rel not in listed:
                foreign.append(rel)
    return sorted(foreign)


def is_ours(folder: Path) -> bool:
    """A finished folder of this release's pipeline holding only what it wrote: safe to move or remove."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    mark = read_marker(folder)
    return mark is not None and mark.version == 2 and mark.files is not None and not foreign_entries(folder)


def remove_marked(folder: Path) -> bool:
    """Delete a folder the pipeline wrote: the files its marker lists (every file under an open marker),
    then the marker, then the folder. A folder without a marker of this release, or holding anything
    its list does not account for, is left whole. Returns whether it was removed; a kill part-way
    leaves the marker, so the next run finishes the job."""
    mark = read_marker(folder)
    if folder.is_symlink() or mark is None or mark.version != 2:
        return False
    if mark.files is None:
        doomed = _files(folder)
    elif foreign_entries(folder):
        return False
    else:
        doomed = sorted(mark.files)
    for rel in doomed:
        try:
            (folder / rel).unlink()
        except FileNotFoundError:
            pass
    for root, _dirs, _names in sorted(os.walk(folder), key=lambda w: -len(w[0])):  # deepest first
        if root != str(folder):
            try:
                os.rmdir(root)
            except OSError:
                pass
    for name in (_TMP, MARKER):
        try:
            (folder / name).unlink()
        except FileNotFoundError:
            pass
    try:
        folder.rmdir()
    except OSError:
        return False
    return True


def _files(folder: Path) -> list[str]:
    """Every file (and link) under `folder`, relative, without following links; the marker left out."""
    out = []
    for root, dirs, names in os.walk(folder):
        rel_root = Path(root).relative_to(folder)
        out += [(rel_root / n).as_posix() for n in names]
        out += [(rel_root / d).as_posix() for d in dirs if os.path.islink(os.path.join(root, d))]
    return [f for f in out if f not in (MARKER, _TMP)]


def _read(path: Path) -> bytes | None:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _is_marker_tmp(path: Path) -> bool:
    data = _read(path)
    return data is not None and data.startswith(MAGIC.encode() + b"\n")


def _is_relative(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and ".." not in parts and "" not in parts and "." not in parts
