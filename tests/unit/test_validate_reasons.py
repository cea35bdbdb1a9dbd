"""A quarantine reason is one line of at most 200 characters, however long or multi-line the value."""
import json

import pandas as pd
import pandera.pandas as pa
import pytest

from pipeline.quality import validate_tables
from pipeline.base.registry import TableSpec


class _Notes(pa.DataFrameModel):
    note: str = pa.Field(isin=["ok"])
    size: int = pa.Field(ge=0)


@pytest.fixture
def notes_table(monkeypatch):
    monkeypatch.setitem(validate_tables.TABLES, "notes", TableSpec("notes", _Notes, None))
    return "notes"


@pytest.mark.parametrize("value", [
    "line one\nline two\r\nline three",
    "x" * 10_000,
    "\n".join(f"paragraph {k} of a long pasted text" for k in range(500)),
])
def test_reasons_are_one_short_line(notes_table, value):
    df = pd.DataFrame({"note": [value, "ok"], "size": [-1, 3]})
    good, quarantine = validate_tables.validate_table(notes_table, df)
    assert len(good) == 1 and len(quarantine) == 1
    reason = quarantine[0]["reason"]
    assert "\n" not in reason and "\r" not in reason and len(reason) <= validate_tables.MAX_REASON
    assert reason.startswith("note: failed isin") and "size: failed" in reason  # both failures named
    assert json.loads(quarantine[0]["row"])["note"] == value  # the row itself is kept whole


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("a  b\n\tc", 200, "a b c"),
    ("abcdef", 4, "abc\u2026"),
    ("abcd", 4, "abcd"),
])
def test_one_line(text, limit, expected):
    assert validate_tables.one_line(text, limit) == expected


def test_a_row_linking_to_a_quarantined_row_is_quarantined_too():
    """events -> documents member -> package: the package was quarantined, so both go."""
    documents = pd.DataFrame({"document_id": ["doc_member", "doc_single"], "article_id": ["a1", "a1"],
                              "package_id": ["doc_gone", None]})
    events = pd.DataFrame({"event_id": ["evt_1", "evt_2", "evt_3"], "article_id": ["a1"] * 3,
                           "visit_id": [None, None, None], "document_id": ["doc_member", "doc_single", None],
                           "trade_id": [None, None, None]})
    tables = {"articles": pd.DataFrame({"article_id": ["a1"]}), "documents": documents, "events": events,
              "visits": pd.DataFrame({"visit_id": []}), "trade": pd.DataFrame({"trade_id": []})}
    out, quarantine = validate_tables.check_links(tables)
    assert list(out["documents"]["document_id"]) == ["doc_single"]
    assert list(out["events"]["event_id"]) == ["evt_2", "evt_3"]
    assert [(q["table"], q["check"]) for q in quarantine] == [("documents", "foreign_key"), ("events", "foreign_key")]
    assert "package_id doc_gone is not in documents" in quarantine[0]["reason"]
