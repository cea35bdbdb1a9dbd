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
