"""The period a trade figure covers: what its date says about the stretch of time the amount measures.
Sentences written for this test; the expected days are worked out from the calendar by hand."""
import datetime as dt

import pandas as pd
import pytest

from pipeline.extract.article import process_article
from pipeline.extract.trade_periods import fiscal_year_starts, period_type
from pipeline.io.ingest import Article
from schemas.checks import period_ordered

D = dt.date


def _trade(text: str) -> list[dict]:
    art = Article(article_id="art_periods", source_path="periods.txt", sha256="0" * 64, text=text,
                  published_date=D(2024, 5, 2), language="en")
    return process_article(art)["trade"]


@pytest.mark.parametrize("text, year, kind, start, end", [
    ("Trade between Ghana and Chile reached $40 million in 2023.", 2023, "year", D(2023, 1, 1), D(2023, 12, 31)),
    ("Trade between Ghana and Chile reached $40 million in the first nine months of 2023.", 2023, "months",
     D(2023, 1, 1), D(2023, 9, 30)),
    ("Trade between Ghana and Chile reached $40 million in the last four months of 2022.", 2022, "months",
     D(2022, 9, 1), D(2022, 12, 31)),
    ("In the second quarter of 2021, Chile's exports to Ghana rose to $3 million.", 2021, "quarter",
     D(2021, 4, 1), D(2021, 6, 30)),
    ("Exports from Ghana to Chile stood at $2.1 million in the second half of 2020.", 2020, "half_year",
     D(2020, 7, 1), D(2020, 12, 31)),
    ("Trade between Ghana and Chile reached $40 million in February 2024.", 2024, "month",
     D(2024, 2, 1), D(2024, 2, 29)),
    ("Trade between Ghana and Chile totalled $400 million between 2015 and 2020.", 2020, "years",
     D(2015, 1, 1), D(2020, 12, 31)),
    # fiscal years: India's runs April to March, Kenya's July to June, the United States' October to September
    ("India's exports to Ghana reached $54 million in fiscal year 2021-22.", 2022, "fiscal_year",
     D(2021, 4, 1), D(2022, 3, 31)),
    ("In FY 2022/23, Kenya's exports to Rwanda reached $700 million.", 2023, "fiscal_year",
     D(2022, 7, 1), D(2023, 6, 30)),
    ("United States exports to Ghana were $900 million in the 2018-19 fiscal year.", 2019, "fiscal_year",
     D(2018, 10, 1), D(2019, 9, 30)),
])
def test_a_figure_gets_the_period_its_date_covers(text, year, kind, start, end):
    rows = _trade(text)
    assert [(r["year"], r["period_type"], r["period_start"], r["period_end"]) for r in rows] == [
        (year, kind, start, end)]


def test_a_fiscal_year_of_a_state_whose_calendar_is_not_known_keeps_its_period_open():
    rows = _trade("Exports from Peru to Ghana reached $2 million in the 2020-21 fiscal year.")
    assert [(r["year"], r["period_type"], r["period_start"], r["period_end"]) for r in rows] == [
        (2021, "fiscal_year", None, None)]
    assert (rows[0]["date_start"], rows[0]["date_end"]) == (D(2020, 1, 1), D(2021, 12, 31))  # both years it touches


def test_a_fiscal_period_from_the_calendar_table_is_marked_inferred():
    row, = _trade("India's exports to Ghana reached $54 million in fiscal year 2021-22.")
    assert {"period_start", "period_end"} <= set(row["inferred_fields"])


@pytest.mark.parametrize("text", [
    "Ghana signed a $40 million loan with Chile on 3 May 2023.",  # one day: a point in time
    "Chile has given Ghana $5 million in aid.",  # dated by the publication only
])
def test_a_figure_at_a_point_in_time_has_no_period(text):
    rows = _trade(text)
    assert rows and all((r["period_type"], r["period_start"], r["period_end"]) == (None, None, None) for r in rows)


@pytest.mark.parametrize("start, end, precision, source, kind", [
    (D(2020, 1, 1), D(2020, 12, 31), "year", "explicit", "year"),
    (D(2020, 7, 1), D(2020, 9, 30), "month", "explicit", "quarter"),
    (D(2020, 8, 1), D(2020, 10, 31), "month", "explicit", "months"),  # three months, not a calendar quarter
    (D(2020, 3, 1), D(2020, 8, 31), "month", "explicit", "months"),  # six months, not a half
    (D(2020, 1, 1), D(2020, 12, 31), "month", "explicit", "year"),  # January to December
    (D(2020, 5, 3), D(2020, 5, 3), "day", "explicit", None),
    (D(2020, 1, 1), D(2020, 12, 31), "year", "publication", None),
    (None, D(2020, 12, 31), "year", "explicit", None),
])
def test_period_kinds(start, end, precision, source, kind):
    assert period_type(start, end, precision, source) == kind


def test_the_fiscal_calendar_table_holds_months():
    starts = fiscal_year_starts()
    assert starts["IND"] == 4 and starts["USA"] == 10 and starts["AUS"] == 7
    assert all(len(k) == 3 and k.isupper() and 1 <= v <= 12 for k, v in starts.items())


def test_the_period_check_refuses_reversed_half_open_and_untyped_periods():
    df = pd.DataFrame({
        "period_type": ["year", "months", "fiscal_year", None, "year", None],
        "period_start": [D(2020, 1, 1), D(2020, 9, 1), None, None, D(2020, 1, 1), D(2020, 1, 1)],
        "period_end": [D(2020, 12, 31), D(2020, 1, 31), None, None, None, D(2020, 12, 31)]})
    assert period_ordered(df).tolist() == [True, False, True, True, False, False]
