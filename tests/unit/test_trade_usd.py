"""value_usd at the European Central Bank's reference rates: which rate a figure takes (its period's mean,
its day, or the publication date), the columns that say so, and a diagnostic when there is none.

The expected rates are worked out by hand from the ECB's published euro reference rates (eurofxref-hist):
  2020-03-13  USD 1.1104  JPY 119.11
  2020-03-16  USD 1.1157  JPY 117.76
  2021-02-01  USD 1.2084
  2019-07-01  USD 1.1349  GBP 0.89718
A currency's dollar rate is USD / currency (both per euro); a weekend day is interpolated linearly between
the days around it, for each currency."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.extract.article import process_article
from pipeline.extract.trade_usd import in_usd, rate_for
from pipeline.io.ingest import Article
from pipeline.nlp import fx
from schemas.checks import fx_agrees

D = dt.date
JPY_16_MARCH_2020 = 1.1157 / 117.76


def _sat_sun(friday: float, monday: float) -> tuple[float, float]:
    step = (monday - friday) / 3
    return friday + step, friday + 2 * step


def test_one_days_rate_crosses_the_euro():
    rate = fx.day_rate("JPY", D(2020, 3, 16))
    assert isinstance(rate, fx.Rate) and rate.basis == "day" and rate.date == D(2020, 3, 16)
    assert rate.usd_per_unit == pytest.approx(JPY_16_MARCH_2020, rel=1e-5)
    gbp = fx.day_rate("GBP", D(2019, 7, 1))
    assert isinstance(gbp, fx.Rate) and gbp.usd_per_unit == pytest.approx(1.1349 / 0.89718, rel=1e-5)
    eur = fx.day_rate("EUR", D(2021, 2, 1))
    assert isinstance(eur, fx.Rate) and eur.usd_per_unit == pytest.approx(1.2084, rel=1e-6)


def test_a_weekend_day_is_interpolated_and_a_period_is_the_mean_of_its_days():
    usd_sat, usd_sun = _sat_sun(1.1104, 1.1157)
    jpy_sat, jpy_sun = _sat_sun(119.11, 117.76)
    saturday = fx.day_rate("JPY", D(2020, 3, 14))
    assert isinstance(saturday, fx.Rate) and saturday.usd_per_unit == pytest.approx(usd_sat / jpy_sat, rel=1e-5)
    days = [1.1104 / 119.11, usd_sat / jpy_sat, usd_sun / jpy_sun, JPY_16_MARCH_2020]
    mean = fx.period_rate("JPY", D(2020, 3, 13), D(2020, 3, 16))
    assert isinstance(mean, fx.Rate) and mean.basis == "period_mean" and mean.date == D(2020, 3, 16)
    assert mean.usd_per_unit == pytest.approx(sum(days) / 4, rel=1e-5)


@pytest.mark.parametrize("currency, start, end, says", [
    ("KES", D(2020, 1, 1), D(2020, 12, 31), "KES: no reference rate"),       # not among the ECB's currencies
    ("JPY", D(1995, 1, 1), D(1995, 12, 31), "no reference rate for all of"),  # before the euro
    ("JPY", D(1998, 7, 1), D(1999, 6, 30), "no reference rate for all of"),   # only partly covered: no mean
])
def test_no_rate_is_made_up(currency, start, end, says):
    reason = fx.period_rate(currency, start, end)
    assert isinstance(reason, str) and says in reason
    assert isinstance(fx.day_rate(currency, start), str)


def _row(**over) -> dict:
    row = {"value": 100e6, "currency": "JPY", "value_usd": None, "status": "actual", "period_start": None,
           "period_end": None, "date_start": None, "date_end": None, "date_precision": "unknown"}
    return {**row, **over}


def test_which_rate_a_figure_takes():
    published = D(2020, 3, 20)
    # a measured figure of an ended period: its mean
    rate = rate_for(_row(period_start=D(2020, 3, 13), period_end=D(2020, 3, 16)), published)
    assert isinstance(rate, fx.Rate) and rate.basis == "period_mean"
    # one day: that day's rate
    rate = rate_for(_row(date_start=D(2020, 3, 16), date_end=D(2020, 3, 16), date_precision="day"), published)
    assert isinstance(rate, fx.Rate) and (rate.basis, rate.date) == ("day", D(2020, 3, 16))
    # a target, a period not over when published, an undated figure: the publication date
    for row in (_row(status="target", period_start=D(2025, 1, 1), period_end=D(2025, 12, 31)),
                _row(period_start=D(2020, 1, 1), period_end=D(2020, 12, 31)), _row()):
        rate = rate_for(row, D(2020, 3, 16))
        assert isinstance(rate, fx.Rate) and (rate.basis, rate.date) == ("day", D(2020, 3, 16))
    # nothing to date the rate by
    assert "no publication date" in str(rate_for(_row(), None))


def test_the_row_gets_value_usd_with_its_rate_and_a_dollar_figure_of_the_text_is_kept():
    row, reason = in_usd(_row(date_start=D(2020, 3, 16), date_end=D(2020, 3, 16), date_precision="day"), None)
    assert reason is None and row["fx_rate_basis"] == "day" and row["fx_rate_date"] == D(2020, 3, 16)
    assert row["value_usd"] == pytest.approx(100e6 * JPY_16_MARCH_2020, rel=1e-5)  # about $947,000
    assert row["value_usd"] == row["value"] * row["fx_rate"]
    kept, reason = in_usd(_row(value_usd=950_000.0), D(2020, 3, 16))  # "(about $950,000)" in the text
    assert reason is None and kept["value_usd"] == 950_000.0 and kept["fx_rate"] is None
    dollars, _ = in_usd(_row(currency="USD", value_usd=100e6), D(2020, 3, 16))
    assert dollars["fx_rate"] is None and dollars["value_usd"] == 100e6
    none, reason = in_usd(_row(currency="KES"), D(2020, 3, 16))
    assert none["value_usd"] is None and none["fx_rate"] is None and reason == "KES: no reference rate"


def test_the_check_ties_value_usd_to_value_and_rate():
    df = pd.DataFrame({"value": [100.0, 100.0, 100.0, 100.0, 100.0],
                       "value_usd": [120.84, 121.0, 150.0, 120.84, None],
                       "fx_rate": [1.2084, 1.2084, None, 1.2084, None],
                       "fx_rate_date": [D(2021, 2, 1), D(2021, 2, 1), None, None, None],
                       "fx_rate_basis": ["day", "day", None, "day", None]})
    assert fx_agrees(df).tolist() == [True, False, True, False, True]


def _trade(text: str, published: dt.date | None) -> tuple[list[dict], list[dict]]:
    art = Article(article_id="art_fx", source_path="fx.txt", sha256="0" * 64, text=text, published_date=published,
                  language="en")
    rows = process_article(art)
    return rows["trade"], rows["diagnostics"]


def test_an_article_figure_in_yen_is_converted_and_one_in_shillings_gets_a_diagnostic():
    trade, _ = _trade("Japan extended a grant of 100 million yen to Fiji on 16 March 2020.", D(2020, 3, 20))
    yen = [r for r in trade if r["currency"] == "JPY"]
    assert len(yen) == 1 and yen[0]["fx_rate_date"] == D(2020, 3, 16) and yen[0]["fx_rate_basis"] == "day"
    assert yen[0]["value_usd"] == pytest.approx(100e6 * JPY_16_MARCH_2020, rel=1e-5)
    trade, diagnostics = _trade("Kenya gave Uganda a loan of 500 million Kenyan shillings in 2019.", D(2020, 3, 20))
    shillings = [r for r in trade if r["currency"] == "KES"]
    assert len(shillings) == 1 and shillings[0]["value_usd"] is None
    found = [d for d in diagnostics if d["kind"] == "no_fx_rate"]
    assert [d["detail"] for d in found] == ["KES: no reference rate"]
    assert found[0]["evidence"] == shillings[0]["evidence"]
