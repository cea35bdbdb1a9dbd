"""List the entries under the raw folder (or the one raw file) without recursion, within a depth and a
path-length limit, and say which folders were not entered and why."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # an article is a few KB; a 20 MB file is a dump or an accident
MAX_DEPTH = 64  # nested folders below the raw folder; deeper is an accident or an attack
MAX_PATH_BYTES = 4095  # Linux's PATH_MAX (4096) with its final NUL: longer paths cannot be opened
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Entry:
    """Something to read: a file, or a link (checked when read)."""

    rel: str  # relative to the raw folder, '/'-separated, as the file system spells it
    path: Path

    @property
    def name(self) -> str:
        return safe_name(self.rel)


@dataclass(frozen=True)
class Skipped:
    """A folder or entry the walk did not enter or list, with a rejected_inputs reason."""

    rel: str
    reason: str
    detail: str

    @property
    def name(self) -> str:
        return safe_name(self.rel)


def safe_name(rel: str) -> str:
    """A path as text that Arrow, logs and terminals take. Bytes that are not UTF-8 (which Python keeps
    as surrogate escapes) and control characters become `\\xNN`, so the raw bytes can still be told."""
    text = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def walk(raw_dir: Path) -> list[Entry | Skipped]:
    """Every entry under `raw_dir` that is not a folder, in path order, plus a Skipped for every folder
    that could not be listed, is nested deeper than MAX_DEPTH, or whose path is too long to open.
    Hidden entries are left out; links are listed, never entered. A `raw_dir` that is a file (or a link
    to one) is the one entry, under its own name."""
    root = os.path.abspath(raw_dir)
    if os.path.isfile(root):
        return [Entry(os.path.basename(root), Path(root))]
    found: list[Entry | Skipped] = []
    stack: list[tuple[str, str, int]] = [(root, "", 0)]
    while stack:  # an explicit stack: no recursion limit, however deep the folders
        folder, rel, depth = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.append(Skipped(rel or ".", "unreadable", f"cannot list the folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = f"{rel}/{entry.name}" if rel else entry.name
            if len(os.fsencode(entry.path)) > MAX_PATH_BYTES:
                found.append(Skipped(child, "path_too_long",
                                     f"the path is longer than {MAX_PATH_BYTES} bytes; not read"))
                continue
            try:
                is_folder = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_folder = False  # reported when read
            if not is_folder:
                found.append(Entry(child, Path(entry.path)))
            elif depth + 1 > MAX_DEPTH:
                found.append(Skipped(child, "too_deep",
                                     f"folders nested more than {MAX_DEPTH} deep; not entered"))
            else:
                stack.append((entry.path, child, depth + 1))
    return sorted(found, key=lambda e: e.rel)
