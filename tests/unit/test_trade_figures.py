"""What makes one trade row: an amount with its dollar equivalent, a figure restated in one article, and
sentences with money or trade words that state no figure between states. Sentences written for this test."""
import datetime as dt

import pandas as pd
import pytest

from pipeline.ingest import Article
from pipeline.process import process_article
from schemas.checks import usd_agrees


def _trade(text: str, published: dt.date | None = dt.date(2024, 5, 2)) -> list[dict]:
    art = Article(article_id="art_figures", source_path="figures.txt", sha256="0" * 64, text=text,
                  published_date=published, language="en")
    return process_article(art)["trade"]


@pytest.mark.parametrize("text, value, currency, usd", [
    ("Japan's exports to Mongolia reached 90 billion yen (about $610 million) in 2023.", 9e10, "JPY", 6.1e8),
    ("India's exports to Nepal reached Rs 450 crore ($54 million) in 2023.", 4.5e9, "INR", 5.4e7),
    ("India's exports to Nepal reached Rs 450 crore, or about $54 million, in 2023.", 4.5e9, "INR", 5.4e7),
    ("India's exports to Nepal reached $54 million (Rs 450 crore) in 2023.", 5.4e7, "USD", 5.4e7),
    ("India's exports to Nepal reached Rs 450 crore in 2023.", 4.5e9, "INR", None),
])
def test_an_amount_and_its_dollar_equivalent_are_one_row(text, value, currency, usd):
    rows = _trade(text)
    assert [(r["indicator"], r["value"], r["currency"], r["value_usd"]) for r in rows] == [
        ("exports", value, currency, usd)]


def test_the_usd_check_refuses_a_dollar_figure_that_contradicts_the_value():
    df = pd.DataFrame({"value": [5.0, 5.0, 9e10, None, 9e10], "currency": ["USD", "USD", "JPY", None, "JPY"],
                       "value_usd": [5.0, 6.0, 6.1e8, 3.0, None]})
    assert usd_agrees(df).tolist() == [True, False, True, False, True]
