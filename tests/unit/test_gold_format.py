"""docs/GOLD_FORMAT.md, which `evaluate --help` points to, says what evaluate does: its table of key columns
and field comparisons is the table spec's, and the help and the docs about gold name files that exist."""
import re

from click.testing import CliRunner

from pipeline.cli.commands import app
from schemas.spec import TABLES
from tests.conftest import ROOT

DOC = ROOT / "docs" / "GOLD_FORMAT.md"


def test_the_matching_table_is_the_spec():
    rows = re.findall(r"^\| (\w+) \| ([^|]+) \| ([^|]+) \|$", DOC.read_text(encoding="utf-8"), re.M)
    said = {table: (tuple(k.strip() for k in keys.split(",")),
                    dict(re.findall(r"(\w+) \((\w+)\)", fields))) for table, keys, fields in rows if table != "table"}
    assert said == {name: (t.gold_keys, dict(t.gold_fields)) for name, t in TABLES.items() if t.gold_keys}


def test_evaluate_help_points_to_a_file_in_the_repository():
    text = " ".join(CliRunner().invoke(app, ["evaluate", "--help"]).output.split())
    pointed = re.findall(r"\bsee ([\w./-]+\.md)\b", text)
    assert pointed, text  # it names a file, not a section that is not there
    assert all((ROOT / p).is_file() for p in pointed), pointed
    assert "docs/GOLD_FORMAT.md" in pointed


def _paths(text: str) -> list[str]:
    return re.findall(r"(?<![\w./-])((?:\.\./)*(?:[\w.-]+/)+[\w.-]+\.(?:md|py|yaml|txt|toml|json|lock))", text)


def test_the_gold_files_and_their_readme_point_inside_the_repository():
    """Every path the development and seed gold (and their README) name is in the repository, relative to
    the file's folder or to the repository's root."""
    files = [DOC, ROOT / "tests" / "data" / "dev" / "README.md", *(ROOT / "tests" / "data").glob("*/gold/*.yaml")]
    missing = []
    for f in files:
        for p in _paths(f.read_text(encoding="utf-8")):
            if not ((f.parent / p).exists() or (ROOT / p).exists()):
                missing.append(f"{f.relative_to(ROOT)}: {p}")
    assert missing == []
    dev = (ROOT / "tests" / "data" / "dev" / "README.md").read_text(encoding="utf-8")
    for command in re.findall(r"`(python [^`]+)`", dev):  # every command it gives runs from the repository
        script = command.split()[1]
        assert script == "-m" or (ROOT / script).is_file() or (ROOT / "tests/data/dev" / script).is_file(), command
