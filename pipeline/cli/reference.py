"""The command-line reference, docs/CLI.md: click's own `--help` of the group and of every command, at a
fixed width and with nothing of the machine it is made on. Refresh it with
`python -m pipeline.cli.reference > docs/CLI.md`; tests/unit/test_cli_reference.py fails when it is stale."""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import click

from pipeline.cli.commands import PROG, app, workers_help

WIDTH = 78  # the help wrapped as click wraps it on a terminal of 80 columns or more, whatever the terminal
REFRESH = "python -m pipeline.cli.reference > docs/CLI.md"


def render() -> str:
    """docs/CLI.md: a heading and the help text of `python -m pipeline`, then of each command in turn."""
    with _machine_neutral():
        group = _context(app, PROG, None)
        lines = ["# Command-line reference", "",
                 f"<!-- Generated from the commands' --help by `{REFRESH}`: do not edit by hand. -->", "",
                 f"What `{PROG} --help` and `{PROG} COMMAND --help` print, for every command. Without a "
                 "command, `run` runs.", "",
                 "Commands: " + ", ".join(f"[{name}](#{name})" for name in app.commands) + ".", "",
                 f"## {PROG}", "", "```text", app.get_help(group), "```"]
        for name, command in app.commands.items():
            lines += ["", f"## {name}", "", "```text", command.get_help(_context(command, name, group)), "```"]
    return "\n".join(lines) + "\n"


def _context(command: click.Command, name: str, parent: click.Context | None) -> click.Context:
    """The context a command line gives the command (its context settings: -h as --help), at WIDTH."""
    settings = {**command.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    return click.Context(command, info_name=name, parent=parent, **settings)


@contextlib.contextmanager
def _machine_neutral() -> Iterator[None]:
    """The help texts that name something of this machine (--workers: its cores), said of any machine."""
    workers = next(p for p in app.commands["run"].params if p.name == "workers")
    assert isinstance(workers, click.Option)
    live = workers.help
    workers.help = workers_help("N")
    try:
        yield
    finally:
        workers.help = live


if __name__ == "__main__":
    print(render(), end="")
