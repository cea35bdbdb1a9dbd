"""Read the command line's defaults from `pipeline.toml`, or `[tool.pipeline]` in pyproject.toml, in the
working folder."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.base.errors import UsageError

FILE_NAME = "pipeline.toml"


@dataclass
class Settings:
    """Defaults read from `source`: `shared` for every command that has the option, `commands` per
    command (a `[NAME]` table; `[tool.pipeline.NAME]` in pyproject.toml). Keys are option names,
    with - or _ (`keep-versions`, `keep_versions`)."""

    source: Path | None = None
    shared: dict[str, Any] = field(default_factory=dict)
    commands: dict[str, dict[str, Any]] = field(default_factory=dict)


def load(folder: Path) -> Settings:
    """The settings in `folder`: `pipeline.toml` when there is one, else pyproject.toml's
    `[tool.pipeline]`, else none. A file that is not valid TOML is a UsageError naming it."""
    own = folder / FILE_NAME
    if own.is_file():
        return _settings(own, _read(own))
    project = folder / "pyproject.toml"
    if project.is_file():
        table = _read(project).get("tool", {}).get("pipeline")
        if table is not None:
            if not isinstance(table, dict):
                raise UsageError(f"{project}: [tool.pipeline] must be a table of option = value")
            return _settings(project, table)
    return Settings()


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path} cannot be read: {exc.strerror or exc}") from None


def _settings(source: Path, table: dict[str, Any]) -> Settings:
    found = Settings(source)
    for key, value in table.items():
        if isinstance(value, dict):
            found.commands[key] = {_name(k): v for k, v in value.items()}
        else:
            found.shared[_name(key)] = value
    return found


def _name(key: str) -> str:
    return key.strip().lstrip("-").replace("-", "_")
