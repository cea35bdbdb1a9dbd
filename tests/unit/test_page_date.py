"""The page's own date when the header gives none: a dateline opening the body, or a published line at the
body's start or end; only a full date stated there (texts written for these tests)."""
import datetime as dt

import pytest

from pipeline.extract.article import process_article
from pipeline.io.ingest import parse_article
from pipeline.io.page_date import page_date

BODY = "Chile and Peru signed a memorandum of understanding on fisheries on Thursday, officials said."
DAY = dt.date(2023, 5, 4)


@pytest.mark.parametrize("body, want", [
    (f"Lima, 4 May 2023 (Andina) – {BODY}", DAY),
    (f"LIMA, Peru, Thursday 4 May 2023 - {BODY}", DAY),
    (f"Lima, May 4, 2023: {BODY}", DAY),
    (f"{BODY}\n\nLast modified on 4 May 2023", DAY),
    (f"Published: 4 May 2023\n\n{BODY}", DAY),
    # counter-examples: no year, a date inside the sentence, a date that is not the page's
    (f"LIMA, May 4 (Andina) - {BODY}", None),
    (f"Lima, the capital, hosted talks on 4 May 2023 - {BODY}", None),
    (f"In Lima, 4 May 2023 was a day of talks. {BODY}", None),
    (f"{BODY}\n\nThe ministers published a statement on 4 May 2023.", None),
])
def test_the_page_date_the_body_gives(body, want):
    assert page_date(body) == want


def test_a_dateline_dates_the_page_and_the_weekdays_in_it():
    article = parse_article(f"Chile and Peru sign fisheries pact\n\nLima, 4 May 2023 (Andina) – {BODY}".encode(), "p.txt")
    assert article.published_date == DAY
    (doc,) = process_article(article)["documents"]
    assert doc["date_start"] == DAY  # "on Thursday": the Thursday of the page's week


def test_a_header_date_wins_over_the_body():
    article = parse_article(f"Chile and Peru sign fisheries pact\n2023-05-06\n\nLima, 4 May 2023 – {BODY}".encode(), "p.txt")
    assert article.published_date == dt.date(2023, 5, 6)
