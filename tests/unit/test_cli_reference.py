"""docs/CLI.md is the commands' --help, generated: it must be what the generator makes now (CI runs this
test), each of its sections what `--help` prints, and the README must point to it."""
import re

import pytest

from pipeline.cli import commands, reference
from tests.conftest import ROOT

DOC = ROOT / "docs" / "CLI.md"


def _sections(text: str) -> dict[str, str]:
    """Heading -> the help text in its ```text block."""
    return dict(re.findall(r"^## ([^\n]+)\n\n```text\n(.*?)\n```$", text, re.MULTILINE | re.DOTALL))


def test_the_checked_in_reference_is_what_the_generator_makes():
    made = reference.render()
    checked_in = DOC.read_text(encoding="utf-8") if DOC.is_file() else ""
    if checked_in != made:
        old, new = checked_in.splitlines(), made.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        pytest.fail(f"docs/CLI.md is out of date (from line {first + 1}): refresh it with `{reference.REFRESH}`")


def test_every_section_is_what_help_prints(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: click wraps at its maximum, as the reference does
    sections = _sections(reference.render())
    assert list(sections) == [commands.PROG, *commands.app.commands]
    with reference._machine_neutral():  # --workers names the cores as "N", as the reference does
        for heading, text in sections.items():
            args = [] if heading == commands.PROG else [heading]
            with pytest.raises(SystemExit) as done:
                commands.main([*args, "--help"])
            assert done.value.code == 0
            assert capsys.readouterr().out == text + "\n", heading


def test_every_command_and_option_is_in_it():
    sections = _sections(reference.render())
    for name, command in commands.app.commands.items():
        for param in command.params:
            for opt in param.opts if param.param_type_name == "option" else []:
                assert re.search(rf"(^|[ ,]){re.escape(opt)}\b", sections[name], re.MULTILINE), (name, opt)
    assert "here N)" in sections["run"]  # not this machine's cores


def test_the_readme_points_to_it():
    assert "(docs/CLI.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
