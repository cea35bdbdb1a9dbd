"""Trade figures' direction and year in phrasings the rule-file examples cannot state (no publication
date, a short state name inside a bank's name). Sentences written for this test."""
import datetime as dt

from pipeline.io.ingest import Article
from pipeline.extract.article import process_article


def _trade(text: str, published: dt.date | None) -> list[dict]:
    art = Article(article_id="art_trade", source_path="trade.txt", sha256="0" * 64, text=text,
                  published_date=published, language="en")
    return process_article(art)["trade"]


def test_last_year_compared_with_a_year_is_the_year_after_it_without_a_publication_date():
    rows = _trade("Trade between Chile and Peru grew 30% last year compared with 2019, reaching $4 billion.", None)
    assert [(r["indicator"], r["value"], r["year"]) for r in rows] == [("turnover", 4e9, 2020)]
    assert "year" in rows[0]["inferred_fields"]


def test_last_year_follows_the_publication_date_when_there_is_one():
    rows = _trade("Trade between Chile and Peru grew 30% last year compared with 2019, reaching $4 billion.",
                  dt.date(2024, 3, 1))
    assert [r["year"] for r in rows] == [2023]


def test_a_bank_named_by_a_short_state_name_lends_for_that_state_of_the_pair():
    rows = _trade("South Korea and Ghana signed a framework deal in Accra. Officials said the Korea Exim Bank "
                  "provided $30 million financing for a road.", None)
    loan = [r for r in rows if r["value"] == 3e7]
    assert [(r["indicator"], r["flow_from"], r["flow_to"]) for r in loan] == [("loan", "KOR", "GHA")]


def test_a_figure_for_a_fiscal_year_not_written_as_a_range_keeps_its_own_year():
    rows = _trade("Chile exported goods worth $2 billion to Peru in 2021-2025 combined.", dt.date(2026, 1, 5))
    assert all(r["year"] != 2022 for r in rows)
