"""What a published version was made from and how: inputs, arguments, versions (with the rules' digest),
timings, row counts."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import platform
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.nlp.rules import rules_digest

FILE_NAME = "manifest.json"


def versions() -> dict[str, str]:
    """The pipeline's version and code fingerprint, the rules' digest (the version of the rule files, which
    the spaCy pipeline's `rule_matcher` is configured with), Python's, the platform and the key packages'."""
    from pipeline.base.fingerprint import code_fingerprint, output_versions

    return {"bilateral-pipeline": __version__, "fingerprint": code_fingerprint(), "rules_digest": rules_digest(),
            "python": platform.python_version(), "platform": platform.platform(), **output_versions()}


def inputs_digest(items: Iterable[tuple[str, str | None]]) -> str:
    """One SHA-256 over every input's (published path, SHA-256 of its bytes), in path order: two runs
    with the same digest read the same inputs under the same names."""
    h = hashlib.sha256()
    for path, sha in sorted(items, key=lambda item: item[0]):
        h.update(f"{path}\t{sha or '-'}\n".encode("utf-8", "backslashreplace"))
    return h.hexdigest()


def arguments(options: Any) -> dict[str, Any]:
    """A run's options (a dataclass) as JSON values: paths as strings."""
    return {k: _plain(v) for k, v in dataclasses.asdict(options).items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def build(raw_dir: Path, inputs: dict[str, Any], options: Any, timings: dict[str, float],
          started: dt.datetime, command: list[str] | None = None) -> dict[str, Any]:
    """The manifest of a run, without its tables (publish adds each table's rows and files)."""
    return {
        "pipeline": "bilateral-pipeline",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "started": started.isoformat(timespec="seconds"),
        "command": command if command is not None else [os.path.basename(sys.argv[0]), *sys.argv[1:]],
        "inputs": {"raw": os.path.abspath(raw_dir), **inputs},
        "arguments": arguments(options),
        "versions": versions(),
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()},
    }
