"""What makes one trade row: an amount with its dollar equivalent, a figure restated in one article, and
sentences with money or trade words that state no figure between states. Sentences written for this test."""
import datetime as dt

import pandas as pd
import pytest

from pipeline.io.ingest import Article
from pipeline.extract.article import process_article
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
])
def test_an_amount_and_its_dollar_equivalent_are_one_row(text, value, currency, usd):
    rows = _trade(text)
    assert [(r["indicator"], r["value"], r["currency"], r["value_usd"], r["fx_rate"]) for r in rows] == [
        ("exports", value, currency, usd, None)]  # the text's own dollar figure: no rate


def test_an_amount_without_a_dollar_figure_is_converted_at_the_years_reference_rates():
    rows = _trade("India's exports to Nepal reached Rs 450 crore in 2023.")
    assert [(r["value"], r["currency"], r["fx_rate_basis"], r["fx_rate_date"]) for r in rows] == [
        (4.5e9, "INR", "period_mean", dt.date(2023, 12, 31))]
    # the ECB's 2023 averages: USD 1.0813 and INR 89.3001 per euro, so about 0.01211 dollars per rupee
    assert rows[0]["value_usd"] == pytest.approx(4.5e9 * 1.0813 / 89.3001, rel=0.01)


def test_the_usd_check_refuses_a_dollar_figure_that_contradicts_the_value():
    df = pd.DataFrame({"value": [5.0, 5.0, 9e10, None, 9e10], "currency": ["USD", "USD", "JPY", None, "JPY"],
                       "value_usd": [5.0, 6.0, 6.1e8, 3.0, None]})
    assert usd_agrees(df).tolist() == [True, False, True, False, True]


def test_every_indicator_the_rules_give_is_in_the_vocabulary_with_a_meaning_and_an_example():
    from pipeline.nlp.rules import cues
    from schemas.vocabularies import VOCABULARIES

    terms = VOCABULARIES["indicator"].terms
    assert {label for label, _ in cues("trade", "indicators")} <= set(terms)
    assert {"turnover", "exports", "imports", "investment", "aid", "grant", "loan", "remittances", "tourism_receipts",
            "other"} <= set(terms)
    assert all(meaning and example for meaning, example in terms.values())


@pytest.mark.parametrize("text, indicator, flow", [
    ("Workers from Uzbekistan employed in Kazakhstan sent home remittances of $700 million in 2021.", "remittances",
     ("KAZ", "UZB")),
    ("Kazakhstan imported $700 million of grain from Uzbekistan in 2021.", "imports", ("UZB", "KAZ")),
    ("Visitors from Kazakhstan spent $90 million in Uzbekistan in 2021.", "tourism_receipts", ("KAZ", "UZB")),
    ("Kazakhstan gave Uzbekistan a grant of $9 million for clinics in 2021.", "grant", ("KAZ", "UZB")),
    ("Kazakhstan gave Uzbekistan $9 million in humanitarian aid in 2021.", "aid", ("KAZ", "UZB")),
    ("Kazakhstan offered Uzbekistan a loan of $90 million in 2021.", "loan", ("KAZ", "UZB")),
])
def test_each_one_way_indicator_reads_its_own_direction(text, indicator, flow):
    rows = _trade(text)
    assert [(r["indicator"], (r["flow_from"], r["flow_to"])) for r in rows] == [(indicator, flow)]


_LEAD_BODY = "{lead} The two foreign ministers met in the capital on Monday. {body}"


@pytest.mark.parametrize("lead, body, values", [
    # restated: the exact figure is kept, once
    ("Finland's exports to Estonia reached nearly $2 billion in 2023.",
     "Finland exported goods worth $1.96 billion to Estonia in 2023, the ministry said.", [1.96e9]),
    ("Finland's exports to Estonia exceeded $1.9 billion in 2023.",
     "Finland exported goods worth $1.94 billion to Estonia in 2023, the ministry said.", [1.94e9]),
    ("Finland's exports to Estonia were $2 billion in 2023.",
     "Finland exported goods worth $2.03 billion to Estonia in 2023, the ministry said.", [2.03e9]),
    # not restated: another year, another direction, another indicator, too far apart, the wrong side
    ("Finland's exports to Estonia reached nearly $2 billion in 2022.",
     "Finland exported goods worth $1.96 billion to Estonia in 2023, the ministry said.", [2e9, 1.96e9]),
    ("Estonia's exports to Finland reached nearly $2 billion in 2023.",
     "Finland exported goods worth $1.96 billion to Estonia in 2023, the ministry said.", [2e9, 1.96e9]),
    ("Trade between Finland and Estonia reached nearly $2 billion in 2023.",
     "Finland exported goods worth $1.96 billion to Estonia in 2023, the ministry said.", [2e9, 1.96e9]),
    ("Finland's exports to Estonia reached about $2 billion in 2023.",
     "Finland exported goods worth $1.7 billion to Estonia in 2023, the ministry said.", [2e9, 1.7e9]),
    ("Finland's exports to Estonia exceeded $2 billion in 2023.",
     "Finland exported goods worth $1.96 billion to Estonia in 2023, the ministry said.", [2e9, 1.96e9]),
    ("Finland's exports to Estonia were $1.9 billion in 2023.",
     "Finland exported goods worth $1.96 billion to Estonia in 2023, the ministry said.", [1.9e9, 1.96e9]),
])
def test_a_figure_restated_rounded_is_one_row(lead, body, values):
    rows = _trade(_LEAD_BODY.format(lead=lead, body=body))
    assert sorted(r["value"] for r in rows) == pytest.approx(sorted(values))


def test_a_restated_figure_keeps_the_exact_mention_and_takes_the_year_the_other_states():
    text = _LEAD_BODY.format(lead="Finland's exports to Estonia reached nearly $2 billion in 2023.",
                             body="According to the ministry, Finland exported goods worth $1.96 billion to Estonia, "
                                  "mostly machinery, over the past twelve months.")
    (row,) = _trade(text)
    assert (row["value"], row["value_qualifier"], row["year"]) == (1.96e9, None, 2023)
    assert row["evidence"].startswith("According to the ministry") and "year" in row["inferred_fields"]


@pytest.mark.parametrize("text", [
    "Latvia is the third largest investor in Lithuania.",
    "Latvia ranks as Lithuania's second largest trading partner and fifth largest export market.",
    "Trade between Latvia and Lithuania grew by 12% in 2023.",
    "Latvia's exports to Lithuania rose 15 percent last year.",
    "Lithuania approved a defence budget of EUR 2 billion for 2024, Latvia's minister noted.",
    "Lithuania's defence spending reached EUR 2 billion in 2023, more than Latvia's.",
    "Lithuania set aside EUR 2 billion in its state budget for 2024, the Latvian press reported.",
    "Lithuania allocated EUR 90 million for roads this year, the Latvian minister said.",
])
def test_rankings_growth_rates_and_budgets_are_not_figures(text):
    assert _trade(text) == []


@pytest.mark.parametrize("text, indicator, value", [
    ("Latvia is the third largest investor in Lithuania, with EUR 2 billion invested by 2023.", "investment", 2e9),
    ("Trade between Latvia and Lithuania grew by 12% to EUR 4 billion in 2023.", "turnover", 4e9),
    ("Latvia allocated EUR 2 million from its budget in aid to Lithuania in 2023.", "aid", 2e6),
    ("Latvia allocated EUR 2 million to Lithuania after the storm in 2023.", "aid", 2e6),
])
def test_the_same_words_with_a_figure_between_states_give_it(text, indicator, value):
    assert [(r["indicator"], r["value"]) for r in _trade(text)] == [(indicator, value)]


@pytest.mark.parametrize("text, want", [
    ("In March 2023 the ministers of Ghana and Togo agreed to raise bilateral trade to $3 billion.",
     [("other", "target", 3e9, None)]),
    ("Ghana and Togo set a goal of $3 billion in annual trade by 2028.", [("other", "target", 3e9, 2028)]),
    ("The presidents of Ghana and Togo hope trade can reach $3 billion, against $1.1 billion in 2022.",
     [("other", "target", 3e9, None), ("turnover", "actual", 1.1e9, 2022)]),
    ("Trade between Ghana and Togo is projected to exceed $1.5 billion in 2025.", [("turnover", "forecast", 1.5e9, 2025)]),
    ("Trade between Ghana and Togo rose by 12% to $1.2 billion in 2023.", [("turnover", "actual", 1.2e9, 2023)]),
])
def test_a_target_or_forecast_says_so_and_a_target_never_takes_a_past_year(text, want):
    rows = _trade(text)
    assert sorted((r["indicator"], r["status"], r["value"], r["year"]) for r in rows) == sorted(want)


@pytest.mark.parametrize("text, qualifier", [
    ("Ghana's exports to Togo grew threefold up to $45 million in 2023.", None),
    ("Ghana will lend Togo up to $45 million in 2025.", "less than"),
    ("Ghana's exports to Togo exceeded $45 million in 2023.", "more than"),
])
def test_up_to_after_a_rise_is_where_it_got_not_a_bound(text, qualifier):
    (row,) = _trade(text)
    assert row["value_qualifier"] == qualifier


@pytest.mark.parametrize("text, flow", [
    ("In 2019, the Latvian bank Daugava bought a 20% stake in a Lithuanian insurer for EUR 90 million.", ("LVA", "LTU")),
    ("In Riga, Estonian firms invested EUR 90 million in Lithuania in 2019.", ("EST", "LTU")),
])
def test_an_investment_goes_to_the_country_it_is_made_in_and_that_country_is_the_partner(text, flow):
    (row,) = _trade(text)
    assert (row["flow_from"], row["flow_to"], row["reporter"], row["partner"]) == (*flow, *flow)


def test_a_sentence_referring_back_takes_the_figure_and_direction_the_sentence_before_gives():
    rows = _trade("Estonian funds have stakes in Latvia, having invested in 15 ports since 2015. These projects, worth "
                  "EUR 700 million in all, employ thousands.")
    assert [(r["indicator"], r["value"], r["flow_from"], r["flow_to"]) for r in rows] == [
        ("investment", 7e8, "EST", "LVA")]


@pytest.mark.parametrize("text", [
    "Latvia and Estonia held talks in Riga. These projects, worth EUR 700 million, employ thousands.",
    "Estonian funds invested in Latvia. Latvia's new port, worth EUR 700 million, employs thousands.",
])
def test_no_figure_is_borrowed_without_a_figure_word_before_or_a_referring_phrase(text):
    assert _trade(text) == []


@pytest.mark.parametrize("text, want", [
    ("Over the decade Latvia has exported more timber to Estonia than to any other market.",
     [("exports", ["timber"], "LVA", "EST")]),
    ("Estonia imported 40,000 tonnes of grain from Latvia in 2021.", [("imports", ["grain"], "LVA", "EST")]),
    ("Estonia wants to import more grain from Latvia.", []),
    ("Latvia exported products to Estonia.", []),
])
def test_goods_named_as_the_object_of_an_export_verb_are_a_row_without_a_value(text, want):
    rows = _trade(text)
    assert [(r["indicator"], r["commodity"], r["flow_from"], r["flow_to"]) for r in rows] == want
    assert all(r["value"] is None for r in rows)


@pytest.mark.parametrize("text, year", [
    ("In 2019, trade between Chile and Norway reached 12 billion dollars, a fall of 4 per cent over the previous "
     "year.", 2019),
    ("Trade between Chile and Norway came to $5 billion in 2022, an increase of a third compared with 2021.", 2022),
])
def test_a_comparisons_date_does_not_date_the_figure(text, year):
    (row,) = _trade(text)
    assert row["year"] == year


@pytest.mark.parametrize("text, value", [
    ("Bilateral trade between Chile and Norway stood at USD $30.12 Billion in 2022.", 30.12e9),
    ("Bilateral trade between Chile and Norway stood at $4 BILLION in 2022.", 4e9),
    ("Bilateral trade between Chile and Norway stood at $2 Bn in 2022.", 2e9),
])
def test_a_capitalised_multiplier_multiplies(text, value):
    (row,) = _trade(text)
    assert row["value"] == value


def test_a_trade_surplus_is_not_the_trade_between_the_pair():
    rows = _trade("Chile recorded a trade surplus of $2 billion with Norway in 2021.")
    assert all(r["indicator"] != "turnover" for r in rows)


def test_a_place_word_before_a_currency_sign_names_the_currency_not_a_party():
    rows = _trade("Chilean sales to Peru grew 27% (from US $ 1,077 million to US $ 1,369 million) in 2022, while "
                  "imports from Peru rose to US $ 565 million.")
    assert [(r["indicator"], r["value"], r["flow_from"], r["flow_to"]) for r in rows] == [
        ("exports", 1077e6, "CHL", "PER"), ("exports", 1369e6, "CHL", "PER"), ("imports", 565e6, "PER", "CHL")]
