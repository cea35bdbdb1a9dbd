"""One input's bad structure is that input's rejected row: JSON records, the folder walk, messages."""
import json
import os
from pathlib import Path

import pytest

from pipeline.io import formats, ingest, walk
from pipeline.base.messages import MAX_DETAIL, describe_error, one_line

TEXT = "The trade ministers of Ruritania and Freedonia met in Oslo on 3 June 2022 and agreed on tariffs."
DEEP = "[" * 5000 + "]" * 5000


def _outcome(items) -> list[tuple[str, str]]:
    return [(i.path or "<file>", i.reason) if isinstance(i, formats.FormatError) else (i.source_path, "record")
            for i in items]


# (file name, content, [(path, reason or "record")])
CASES = [
    ("a.json", json.dumps({"text": TEXT, "authors": 5}), [("a.json", "record")]),
    ("a.json", json.dumps({"text": TEXT, "authors": {"name": "X"}}), [("a.json", "record")]),
    ("a.json", '{"text": "' + TEXT + '\\udc80"}', [("a.json", "record")]),
    ("a.json", "[]", [("<file>", "empty")]),
    ("a.json", "[" + json.dumps({"text": TEXT}) + ", 7]", [("a.json#0", "record"), ("a.json#1", "malformed")]),
    ("a.jsonl", "\u3000\n\u00a0\n", [("<file>", "empty")]),
    ("a.jsonl", json.dumps({"text": TEXT}) + "\n" + DEEP + "\n[]\n",
     [("a.jsonl#L1", "record"), ("a.jsonl#L2", "parse_error"), ("a.jsonl#L3", "malformed")]),
    ("a.jsonl", json.dumps({"text": TEXT}) + "\n" + '{"text": 5}',
     [("a.jsonl#L1", "record"), ("a.jsonl#L2", "no_text")]),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES)
def test_each_record_is_a_record_or_its_own_error(name, content, expected):
    assert _outcome(formats.records(content.encode(), name)) == expected


def test_json_nested_thousands_deep_is_an_error_not_a_crash():
    with pytest.raises(RecursionError):
        formats.records(DEEP.encode(), "deep.json")  # iter_records makes it the file's parse_error


@pytest.mark.parametrize("authors", [5, True, {"a": 1}, [1, "Ana Ruiz"]])
def test_authors_of_the_wrong_type_are_ignored_and_said(authors):
    (record,) = formats.records(json.dumps({"text": TEXT, "authors": authors}).encode(), "a.json")
    article = ingest.parse_record(record)
    assert article.authors == (["Ana Ruiz"] if isinstance(authors, list) else [])
    assert any("'authors'" in r for r in article.repairs)


def test_lone_surrogates_become_replacement_characters():
    data = ('{"text": "' + TEXT + ' \\ud800", "title": "T\\udfff", "authors": ["A\\ud801"]}').encode()
    article = ingest.parse_record(formats.records(data, "a.json")[0])
    assert article.text.endswith("\ufffd") and article.title == "T\ufffd" and article.authors == ["A\ufffd"]
    assert any("text, title, authors" in r for r in article.repairs)
    json.dumps(article.title).encode("utf-8")


def test_valid_surrogate_pairs_are_kept():
    article = ingest.parse_record(formats.records(('{"text": "' + TEXT + ' \\ud83d\\ude00"}').encode(), "a.json")[0])
    assert article.text.endswith("\U0001f600") and not article.repairs


def test_a_file_that_raises_anything_is_its_parse_error(tmp_path: Path, monkeypatch):
    (tmp_path / "a.json").write_text(DEEP)
    (tmp_path / "b.txt").write_text("Talks\n\n" + TEXT)
    (tmp_path / "c.html").write_text("<html><body><p>" + TEXT + "</p></body></html>")
    monkeypatch.setattr(formats, "_html_record", lambda *a: 1 / 0)
    items = list(ingest.iter_records(tmp_path))
    assert [(i.source_path, getattr(i, "reason", "record")) for i in items] == [
        ("a.json", "parse_error"), ("b.txt", "record"), ("c.html", "parse_error")]
    assert items[2].detail == "ZeroDivisionError: division by zero"


def test_walk_reports_a_folder_it_cannot_list(tmp_path: Path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(TEXT)
    (tmp_path / "shut").mkdir()
    (tmp_path / "shut" / "b.txt").write_text(TEXT)
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("/shut"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = walk.walk(tmp_path)
    assert [(type(e).__name__, e.rel) for e in found] == [("Entry", "open/a.txt"), ("Skipped", "shut")]
    assert found[1].reason == "unreadable" and "Permission denied" in found[1].detail


def test_walk_has_no_recursion_and_stops_at_the_depth_limit(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(walk, "MAX_DEPTH", 3)
    deep = tmp_path / "a" / "b" / "c" / "d" / "e"
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text(TEXT)
    (tmp_path / "a" / "b" / "y.txt").write_text(TEXT)
    found = walk.walk(tmp_path)
    assert [(e.rel, getattr(e, "reason", None)) for e in found] == [("a/b/c/d", "too_deep"), ("a/b/y.txt", None)]


def test_walk_keeps_path_order_and_skips_hidden_entries(tmp_path: Path):
    for name in ["b.txt", "a/z.txt", "a.txt", ".hidden.txt", ".git/c.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(TEXT)
    assert [e.rel for e in walk.walk(tmp_path)] == ["a.txt", "a/z.txt", "b.txt"]


@pytest.mark.parametrize(("raw", "safe"), [
    (b"plain.txt", "plain.txt"),
    ("caf\u00e9.txt".encode(), "caf\u00e9.txt"),
    (b"caf\xe9.txt", "caf\\xe9.txt"),
    (b"two\nlines.txt", "two\\x0alines.txt"),
])
def test_file_names_are_made_safe_text(raw, safe):
    name = walk.safe_name(os.fsdecode(raw))
    assert name == safe
    name.encode("utf-8")


@pytest.mark.parametrize(("text", "expected"), [
    ("one line", "one line"),
    ("two\nlines\r\n and  tabs\t", "two lines and tabs"),
    ("x" * 300, "x" * (MAX_DETAIL - 1) + "\u2026"),
    ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
])
def test_messages_are_one_short_line(text, expected):
    assert one_line(text) == expected


def test_an_error_is_described_by_its_type_and_message():
    assert describe_error(TypeError("'int' object is not iterable")) == "TypeError: 'int' object is not iterable"
    assert describe_error(RecursionError()) == "RecursionError"
    assert len(describe_error(ValueError("v" * 1000))) == MAX_DETAIL


def test_rejected_details_are_one_short_line():
    r = ingest.Rejected("a.txt", None, "parse_error", "first\nsecond " + "y" * 400)
    assert "\n" not in r.detail and len(r.detail) == MAX_DETAIL
