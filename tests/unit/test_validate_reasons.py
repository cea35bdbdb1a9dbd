"""A quarantine reason is one line of at most 200 characters, however long or multi-line the value."""
import json

import pandas as pd
import pandera.pandas as pa
import pytest

from pipeline import validate
from pipeline.registry import TableSpec


class _Notes(pa.DataFrameModel):
    note: str = pa.Field(isin=["ok"])
    size: int = pa.Field(ge=0)


@pytest.fixture
def notes_table(monkeypatch):
    monkeypatch.setitem(validate.TABLES, "notes", TableSpec("notes", _Notes, None))
    return "notes"


@pytest.mark.parametrize("value", [
    "line one\nline two\r\nline three",
    "x" * 10_000,
    "\n".join(f"paragraph {k} of a long pasted text" for k in range(500)),
])
def test_reasons_are_one_short_line(notes_table, value):
    df = pd.DataFrame({"note": [value, "ok"], "size": [-1, 3]})
    good, quarantine = validate.validate_table(notes_table, df)
    assert len(good) == 1 and len(quarantine) == 1
    reason = quarantine[0]["reason"]
    assert "\n" not in reason and "\r" not in reason and len(reason) <= validate.MAX_REASON
    assert reason.startswith("note: failed isin") and "size: failed" in reason  # both failures named
    assert json.loads(quarantine[0]["row"])["note"] == value  # the row itself is kept whole


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("a  b\n\tc", 200, "a b c"),
    ("abcdef", 4, "abc\u2026"),
    ("abcd", 4, "abcd"),
])
def test_one_line(text, limit, expected):
    assert validate.one_line(text, limit) == expected
