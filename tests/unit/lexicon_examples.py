"""The texts and counter-texts of the word lists of a module's rule file, as test cases.

In the rule files of modules that give no table rows (header, dates, money, titles, text), a lexicon or
value map carries `texts` (texts its module must read as the words say) and `counter_texts` (texts it must
not); the extraction tables' lexicons carry row `examples` instead, which tests/unit/test_rules.py runs.
The module's test gives one check per lexicon: a function of a text that is true for every text and false
for every counter-text. `cases` fails when a lexicon has no check or lacks either list."""
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
    """(name, text, expected) parameters for every text (True) and counter-text (False) of every lexicon
    and value map of the table."""
    entries = _entries(table)
    missing = sorted(set(entries) - set(checks))
    assert not missing, f"pipeline/rules/{table}.yaml: no check for {missing}"
    out = []
    for name, entry in entries.items():
        examples, counter = entry.get("texts") or [], entry.get("counter_texts") or []
        assert examples and counter, f"pipeline/rules/{table}.yaml: {name} needs texts and counter_texts"
        out += [pytest.param(name, str(t), True, id=f"{name}:{t}") for t in examples]
        out += [pytest.param(name, str(t), False, id=f"{name}:not:{t}") for t in counter]
    return out
