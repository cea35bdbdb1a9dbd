"""Whether a run would publish what the output already shows: the same inputs (every entry under the raw
folder, by content), the same code, rules, model and data packages, the same options that decide the
dataset. Then the command line leaves the output as it is, without loading the language model or
writing a version. Light on purpose: it imports nothing heavy, so that the check costs a fraction of a
second (plus one read of the inputs' bytes).

The run key is stored in the manifest of every version (`run_key`). The check is conservative: anything
it cannot read or account for (a missing file of the version, an unreadable input, a manifest without a
key) means "changed", and the run goes on as usual."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.base.fingerprint import code_fingerprint, output_versions
from pipeline.io import walk
from pipeline.publish.marker import read_marker
from pipeline.publish.output_guard import absolute, lock_path_of
from pipeline.publish.output_lock import OutputLock
from pipeline.runtime.options import RunOptions

MANIFEST = "manifest.json"  # pipeline.publish.manifest.FILE_NAME, not imported: that module loads the rules


def _file_digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def raw_digest(raw_dir: Path) -> str:
    """One SHA-256 over what the walk of the raw folder lists, in its order: every entry's name, a link's
    target, the bytes of what it reads (or why they cannot be read), and every folder not entered."""
    h = hashlib.sha256()
    for item in walk.walk(raw_dir):
        if isinstance(item, walk.Skipped):
            h.update(f"skipped\t{item.rel}\t{item.reason}\n".encode("utf-8", "surrogateescape"))
            continue
        line = f"entry\t{item.rel}"
        try:
            if item.path.is_symlink():
                line += f"\tlink {os.readlink(item.path)}"
            line += f"\t{_file_digest(item.path)}" if item.path.is_file() else "\tnot a file"
        except OSError as exc:
            line += f"\tunreadable {type(exc).__name__}"
        h.update((line + "\n").encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def run_key(raw_dir: Path, options: RunOptions) -> str:
    """What decides the dataset a run publishes, as one digest: the raw folder (where it is and what it
    holds), the code fingerprint, the versions of the packages that change the output, and the options
    that decide it (`RunOptions.output_options`; not how many workers, which engine, the cache...)."""
    payload = {"raw": os.path.abspath(raw_dir), "inputs": raw_digest(raw_dir), "code": code_fingerprint(),
               "packages": output_versions(), "options": options.output_options()}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Unchanged:
    """The version the output shows, which a run with these inputs and options would publish again."""

    version: Path
    manifest: dict

    def rows(self, table: str) -> int:
        entry = (self.manifest.get("tables") or {}).get(table) or {}
        return int(entry.get("rows") or 0)


@dataclass(frozen=True)
class Checked:
    """What the check found: the version left as it is (None: run), and the run key it computed (a run
    records it rather than read every input once more)."""

    kept: Unchanged | None
    key: str | None


def _shown_version(out_abs: Path) -> Path | None:
    """The version folder the output link points at, when it is one the pipeline finished writing (its
    marker lists its files and they are all there)."""
    if not out_abs.is_symlink():
        return None
    folder = Path(os.path.realpath(out_abs))
    mark = read_marker(folder) if folder.is_dir() else None
    if mark is None or mark.files is None or MANIFEST not in mark.files:
        return None
    if not all((folder / name).is_file() for name in mark.files):
        return None
    return folder


def unchanged(raw_dir: Path, out_dir: Path, options: RunOptions) -> Checked:
    """Whether a run would publish the output's version again (`kept`), and the run key when it was computed.
    Holds the output's lock while it looks (raises OutputLocked, as a run does, when another run holds it).
    A run asked to match every mention again (`reconsolidate`) is never unchanged."""
    out_abs = absolute(out_dir)
    if options.reconsolidate or not out_abs.is_symlink():
        return Checked(None, None)
    with OutputLock(lock_path_of(out_abs), options.lock_timeout, what=f"--out {out_dir}"):
        folder = _shown_version(out_abs)
        if folder is None:
            return Checked(None, None)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Checked(None, None)
        if not isinstance(manifest, dict) or "run_key" not in manifest:
            return Checked(None, None)
        key = run_key(raw_dir, options)
        return Checked(Unchanged(folder, manifest) if manifest["run_key"] == key else None, key)
