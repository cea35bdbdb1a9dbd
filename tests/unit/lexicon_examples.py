"""The examples and counter-examples of the word lists of a rule file, as test cases.

A lexicon of `pipeline/rules/<table>.yaml` whose words a module reads (not a trigger pattern) carries
`examples` (texts the module must read as the lexicon says) and `counter_examples` (texts it must not).
The module's test gives one check per lexicon: a function of a text that is true for every example and
false for every counter-example. `cases` fails when a lexicon has no check or lacks either list."""
from __future__ import annotations

from collections.abc import Callable
from importlib import resources

import pytest
import yaml


def _entries(table: str) -> dict[str, dict]:
    text = resources.files("pipeline").joinpath("rules", f"{table}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return {**(data.get("lexicons") or {}), **(data.get("values") or {})}


def cases(table: str, checks: dict[str, Callable[[str], bool]]) -> list:
    """(name, text, expected) parameters for every example (True) and counter-example (False) of every
    lexicon and value map of the table."""
    entries = _entries(table)
    missing = sorted(set(entries) - set(checks))
    assert not missing, f"pipeline/rules/{table}.yaml: no check for {missing}"
    out = []
    for name, entry in entries.items():
        examples, counter = entry.get("examples") or [], entry.get("counter_examples") or []
        assert examples and counter, f"pipeline/rules/{table}.yaml: {name} needs examples and counter_examples"
        out += [pytest.param(name, str(t), True, id=f"{name}:{t}") for t in examples]
        out += [pytest.param(name, str(t), False, id=f"{name}:not:{t}") for t in counter]
    return out
