"""Helpers for the output-safety tests: a byte-for-byte picture of a folder tree."""
import hashlib
import os
from pathlib import Path


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under `root` (itself included): files by the SHA-256 of their bytes, links by
    their target, folders as such. Links are not followed."""
    root = Path(root)
    seen = {}
    if root.is_symlink():
        return {".": "link:" + os.readlink(root)}
    if root.is_file():
        return {".": "file:" + hashlib.sha256(root.read_bytes()).hexdigest()}
    for folder, dirs, files in os.walk(root, followlinks=False):
        rel = os.path.relpath(folder, root)
        seen[rel] = "dir"
        for name in dirs + files:
            path = Path(folder) / name
            key = os.path.normpath(os.path.join(rel, name))
            if path.is_symlink():
                seen[key] = "link:" + os.readlink(path)
            elif path.is_file():
                seen[key] = "file:" + hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


# The marker releases before the listing marker wrote (pipeline/publish/marker.py), byte for byte.
OLDER_RELEASE_MARKER = b'{"format": "bilateral-pipeline-output", "pipeline_version": "0.1.0"}\n'


def look_alike(folder: Path, marker: bytes | None = None) -> Path:
    """A user's folder with the names a dataset has (`bilateral.duckdb`, `datapackage.json` listing
    the user's own table, its `.parquet`), and optionally a marker file with the bytes `marker`."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mytable.parquet").write_bytes(b"PAR1 the user's own table PAR1")
    (folder / "bilateral.duckdb").write_bytes(b"the user's database")
    (folder / "datapackage.json").write_text(json.dumps({"resources": [{"name": "mytable",
                                                                        "path": "mytable.parquet"}]}))
    if marker is not None:
        (folder / ".bilateral-pipeline-output").write_bytes(marker)
    return folder
