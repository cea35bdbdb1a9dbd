"""The status of a visit: ongoing while the visitor is there, cancelled when the trip was called off or put
back, else the common occurred / planned / negated (sentences written for these tests)."""
import datetime as dt

import pytest

from pipeline.extract.visit_rows import visit_status
from pipeline.io.ingest import Article
from pipeline.extract.article import process_article


@pytest.mark.parametrize("clause, expected", [
    ("the Latvian premier is on a two-day official visit to Chile", "ongoing"),
    ("Minister Ivo Rand is in Lima for a three-day working visit", "ongoing"),
    ("the Latvian premier is visiting Chile", "ongoing"),
    ("the Latvian premier was on a two-day official visit to Chile", "occurred"),
    ("the Latvian premier is visiting Chile next week", "planned"),
    ("the Latvian premier cancelled her visit to Chile", "cancelled"),
    ("the Latvian premier postponed her trip to Chile", "cancelled"),
    ("the Latvian premier called off his planned visit to Chile", "cancelled"),
    ("the premier's visit to Chile has been postponed", "cancelled"),
    ("the premier has not cancelled her visit to Chile", None),
    ("the premier did not visit Chile", None),
    ("the premier visited Chile in May", "occurred"),
])
def test_visit_status_of_a_clause(clause, expected):
    assert visit_status(clause) == expected


def _visits(body: str) -> list[dict]:
    art = Article(article_id="art_status", source_path="t.txt", sha256="0" * 64, text=body,
                  published_date=dt.date(2024, 9, 12), language="en")
    return process_article(art)["visits"]


def test_a_cancelled_trip_is_a_row_with_status_cancelled_and_its_event_says_so():
    body = "Latvian Prime Minister Ivo Rand cancelled his trip to Chile on Monday."
    art = Article(article_id="art_status", source_path="t.txt", sha256="0" * 64, text=body,
                  published_date=dt.date(2024, 9, 12), language="en")
    tables = process_article(art)
    assert [(v["visitor_name"], v["visitor_country"], v["host_country"], v["status"])
            for v in tables["visits"]] == [("Ivo Rand", "LVA", "CHL", "cancelled")]
    assert [e["status"] for e in tables["events"] if e["event_type"] == "visit"] == ["cancelled"]


def test_a_visitor_on_a_visit_at_publication_is_ongoing():
    got = _visits("Latvian Prime Minister Ivo Rand is on a three-day state visit to Chile.")
    assert [(v["visitor_name"], v["host_country"], v["visit_type"], v["status"]) for v in got] == [
        ("Ivo Rand", "CHL", "state", "ongoing")]


def test_a_trip_not_cancelled_gives_no_row():
    assert _visits("Latvian Prime Minister Ivo Rand has not cancelled his trip to Chile.") == []
