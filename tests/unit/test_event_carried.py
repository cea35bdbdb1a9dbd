"""Dates carried by context: an undated clause tied to the visit or meeting before it takes that date."""
import datetime as dt

from pipeline.extract.article import process_article
from pipeline.io.ingest import Article
from pipeline.extract.context import DATE_COLUMNS


def _events(text: str) -> list[dict]:
    article = Article(article_id="c1", source_path="c1.txt", sha256="0", text=text,
                      published_date=dt.date(2025, 6, 1))
    return process_article(article)["events"]


def test_on_that_occasion_takes_the_visit_day_marked_inferred():
    rows = _events("The president of Fiji paid a state visit to Samoa on 9 June 2023. On that occasion, "
                   "the two presidents launched a joint commission.")
    opened = [r for r in rows if r["event_type"] == "institution_opening"]
    assert len(opened) == 1
    assert opened[0]["date_start"] == dt.date(2023, 6, 9)
    assert opened[0]["evidence"].startswith("On that occasion")
    assert set(DATE_COLUMNS) <= set(opened[0]["inferred_fields"])


def test_no_carry_without_a_linking_phrase():
    rows = _events("The president of Fiji paid a state visit to Samoa on 9 June 2023. Years ago, "
                   "the two presidents launched a joint commission.")
    assert not [r for r in rows if r["event_type"] == "institution_opening"]
