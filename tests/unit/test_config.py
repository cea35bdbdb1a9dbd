"""Settings files: pipeline.toml wins over pyproject's [tool.pipeline]; keys are option names with - or _."""
from pathlib import Path

import pytest

from pipeline.cli import config
from pipeline.base.errors import UsageError


def test_pipeline_toml_wins_over_pyproject(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nworkers = 4\n')
    (tmp_path / "pipeline.toml").write_text('keep-versions = 5\n[export]\n"--format" = "jsonl"\n')
    found = config.load(tmp_path)
    assert found.source == tmp_path / "pipeline.toml"
    assert found.shared == {"keep_versions": 5}
    assert found.commands == {"export": {"format": "jsonl"}}


def test_pyproject_without_the_table_gives_no_settings(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    assert config.load(tmp_path) == config.Settings()
    (tmp_path / "pyproject.toml").write_text('[tool]\npipeline = 3\n')
    with pytest.raises(UsageError, match=r"\[tool.pipeline\] must be a table"):
        config.load(tmp_path)


def test_no_file_no_settings(tmp_path: Path):
    assert config.load(tmp_path).source is None
