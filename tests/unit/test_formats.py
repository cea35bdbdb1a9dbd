import datetime as dt
import json

from pipeline.io import formats
from pipeline.io.ingest import parse_record

BODY = ("President Ilham Aliyev paid an official visit to Budapest on 7-8 November 2014. "
        "During the visit, the two presidents signed the Joint Declaration on Strategic Partnership.")


def _records(data: bytes, name: str):
    return formats.records(data, name)


def test_jsonl_keeps_good_records_around_a_malformed_line():
    lines = [json.dumps({"text": BODY, "published": "2014-11-09T08:00:00Z", "url": "https://x.org/1",
                         "outlet": "X", "authors": ["A B"]}),
             "{not json",
             json.dumps({"text": BODY + " Again.", "title": "T"})]
    recs = _records("\n".join(lines).encode(), "dump.jsonl")
    assert [type(r).__name__ for r in recs] == ["Record", "FormatError", "Record"]
    assert recs[0].source_path == "dump.jsonl#L1" and recs[2].source_path == "dump.jsonl#L3"
    assert recs[1].reason == "malformed" and "dump.jsonl#L2" in recs[1].detail
    art = parse_record(recs[0])
    assert art.published_date == dt.date(2014, 11, 9)
    assert art.url == "https://x.org/1" and art.outlet == "X" and art.authors == ["A B"]
    assert art.source_format == "jsonl" and art.text == BODY


def test_json_record_without_text_is_an_error():
    [rec] = _records(json.dumps({"title": "no body"}).encode(), "a.json")
    assert isinstance(rec, formats.FormatError) and rec.reason == "no_text"


def test_json_list_gives_one_record_each():
    recs = _records(json.dumps([{"text": BODY}, {"text": BODY + " More."}]).encode(), "many.json")
    assert [r.source_path for r in recs] == ["many.json#0", "many.json#1"]
    assert recs[0].sha256 != recs[1].sha256


def test_html_page_text_and_metadata():
    page = ("<html><head><title>Aliyev in Budapest</title><meta name='author' content='Jane Roe'>"
            "<meta property='article:published_time' content='2014-11-09'>"
            "<meta property='og:site_name' content='Example News'></head><body><nav>Home | World</nav>"
            f"<article><h1>Aliyev in Budapest</h1><p>{BODY}</p><p>The sides also discussed energy projects "
            "and transport links across the Caspian region in detail.</p></article>"
            "<footer>Copyright</footer></body></html>")
    [rec] = _records(page.encode(), "page.html")
    art = parse_record(rec)
    assert art.source_format == "html"
    assert art.title == "Aliyev in Budapest" and art.published_date == dt.date(2014, 11, 9)
    assert art.text.startswith("President Ilham Aliyev") and "Home | World" not in art.text
    assert art.authors == ["Jane Roe"] and art.outlet == "Example News"


def test_html_without_article_text_is_an_error():
    [rec] = _records(b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>", "empty.html")
    assert isinstance(rec, formats.FormatError) and rec.reason == "no_text"


def test_published_values():
    assert formats.parse_published("2022-10-04T10:00:00+04:00") == dt.date(2022, 10, 4)
    assert formats.parse_published("yesterday") is None
    assert formats.parse_published("2022-02-30") is None
    assert formats.parse_published(None) is None


def test_unknown_extension_is_text():
    assert formats.format_of("a/b/story") == "txt" and formats.format_of("x.HTM") == "html"
