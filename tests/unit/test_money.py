"""Money amounts: value, currency, span."""
import pytest

from pipeline.nlp.currencies import dollar_of, lexicon
from pipeline.nlp.money import find_money, scan_money, words_to_number

CASES = [
    ("totaled $11.7 million in 2021", (), "$11.7 million", 11_700_000.0, "USD"),
    ("allocated $2 million to", (), "$2 million", 2_000_000.0, "USD"),
    ("stood at USD 42.7 million", (), "USD 42.7 million", 42_700_000.0, "USD"),
    ("for $1.57 billion", (), "$1.57 billion", 1_570_000_000.0, "USD"),
    ("amounted to 48.5 mln dollars", (), "48.5 mln dollars", 48_500_000.0, "USD"),
    ("worth 5 million manats", ("TKM", "PAK"), "5 million manats", 5_000_000.0, "TMT"),
    ("worth 5 million manats", ("AZE",), "5 million manats", 5_000_000.0, "AZN"),
    ("with 100 million Turkish lira this year", (), "100 million Turkish lira", 100_000_000.0, "TRY"),
    ("allocated AZN 5 million for", (), "AZN 5 million", 5_000_000.0, "AZN"),
    ("invested €20m in", (), "€20m", 20_000_000.0, "EUR"),
    ("nearly six and a half billion dollars", (), "six and a half billion dollars", 6_500_000_000.0, "USD"),
    ("a loan of 250 million euros", (), "250 million euros", 250_000_000.0, "EUR"),
    ("£3.5bn", (), "£3.5bn", 3_500_000_000.0, "GBP"),
    ("reached 1,250,000 USD", (), "1,250,000 USD", 1_250_000.0, "USD"),
    ("some 30 billion roubles", (), "30 billion roubles", 30_000_000_000.0, "RUB"),
    ("KZT 4 billion", (), "KZT 4 billion", 4_000_000_000.0, "KZT"),
]


@pytest.mark.parametrize("text,context,want_text,value,currency", CASES, ids=[c[0] for c in CASES])
def test_amount(text, context, want_text, value, currency):
    (m,) = find_money(text, context)
    assert (m.text, m.value, m.currency) == (want_text, value, currency)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("text", ["grew by 15%", "a 9.57% stake", "thirty-six documents", "in 2021", "the 13th Summit"])
def test_no_money(text):
    assert find_money(text) == []


@pytest.mark.parametrize("words,value", [("thirty-six", 36), ("six and a half", 6.5), ("one hundred and five", 105),
                                         ("twenty", 20), ("two thousand", 2000), ("banana", None)])
def test_number_words(words, value):
    assert words_to_number(words) == value


# (sentence, context countries, dollar hint, amount as written, value, currency)
WORLD = [
    ("Exports to Lesotho totalled R12,5 billion last year.", (), None, "R12,5 billion", 12_500_000_000.0, "ZAR"),
    ("a 208,4 million rand contract", (), None, "208,4 million rand", 208_400_000.0, "ZAR"),
    ("sales of 1.234,5 million euros", (), None, "1.234,5 million euros", 1_234_500_000.0, "EUR"),
    ("grants of 2.500.000 euros", (), None, "2.500.000 euros", 2_500_000.0, "EUR"),
    ("a loan of 1,250 million euros", (), None, "1,250 million euros", 1_250_000_000.0, "EUR"),
    ("The state set aside Rs 450 crore for ports.", (), None, "Rs 450 crore", 4_500_000_000.0, "INR"),
    ("The state set aside Rs 450 crore for ports.", ("PAK",), None, "Rs 450 crore", 4_500_000_000.0, "PKR"),
    ("a bonus of Rs. 12 lakh", (), None, "Rs. 12 lakh", 1_200_000.0, "INR"),
    ("a plan of ₹2.5 lakh crore", (), None, "₹2.5 lakh crore", 2.5e12, "INR"),
    ("Dhaka borrowed Tk 3,000 crore", (), None, "Tk 3,000 crore", 30_000_000_000.0, "BDT"),
    ("The board approved Rs 7 hundred crore for rail.", (), None, "Rs 7 hundred crore", 7_000_000_000.0, "INR"),
    ("worth 30 billion yen", (), None, "30 billion yen", 30_000_000_000.0, "JPY"),
    ("worth 10 billion yuan", (), None, "10 billion yuan", 10_000_000_000.0, "CNY"),
    ("worth 8 billion renminbi", (), None, "8 billion renminbi", 8_000_000_000.0, "CNY"),
    ("imports of RMB 5 billion", (), None, "RMB 5 billion", 5_000_000_000.0, "CNY"),
    ("a fund of 300 million dirhams", (), None, "300 million dirhams", 300_000_000.0, "AED"),
    ("a fund of 300 million dirhams", ("MAR",), None, "300 million dirhams", 300_000_000.0, "MAD"),
    ("deals worth 5 billion riyals", (), None, "5 billion riyals", 5_000_000_000.0, "SAR"),
    ("deals worth 5 billion Qatari riyals", (), None, "5 billion Qatari riyals", 5_000_000_000.0, "QAR"),
    ("spent 40 million rupees", (), None, "40 million rupees", 40_000_000.0, "INR"),
    ("spent 40 million Sri Lankan rupees", (), None, "40 million Sri Lankan rupees", 40_000_000.0, "LKR"),
    ("a credit of 2 billion Indonesian rupiah", (), None, "2 billion Indonesian rupiah", 2e9, "IDR"),
    ("paid 90 billion naira", (), None, "90 billion naira", 90_000_000_000.0, "NGN"),
    ("raised 12 billion forints", (), None, "12 billion forints", 12_000_000_000.0, "HUF"),
    ("a grant of 4 million Swiss francs", (), None, "4 million Swiss francs", 4_000_000.0, "CHF"),
    ("priced at 7 million Czech korunas", (), None, "7 million Czech korunas", 7_000_000.0, "CZK"),
    ("sold for 3 billion Kenyan shillings", (), None, "3 billion Kenyan shillings", 3e9, "KES"),
    ("sold for 3 billion shillings", ("UGA",), None, "3 billion shillings", 3e9, "UGX"),
    ("a budget of 900 million Thai baht", (), None, "900 million Thai baht", 900_000_000.0, "THB"),
    ("with ₦250 billion", (), None, "₦250 billion", 250_000_000_000.0, "NGN"),
    ("road funds of P5 billion", ("PHL",), None, "P5 billion", 5_000_000_000.0, "PHP"),
    ("road funds of P5 billion", ("BWA",), None, "P5 billion", 5_000_000_000.0, "BWP"),
    ("bonds of Sh5 billion", ("UGA",), None, "Sh5 billion", 5_000_000_000.0, "UGX"),
    ("with NIS 20 million", (), None, "NIS 20 million", 20_000_000.0, "ILS"),
    ("with KES 5 billion", (), None, "KES 5 billion", 5_000_000_000.0, "KES"),
    ("with 5 billion TZS", (), None, "5 billion TZS", 5_000_000_000.0, "TZS"),
    # dollars: "$" is the hint (USD by default) unless a prefix, a code or the sentence says which dollar
    ("Canberra pledged A$300 million", (), None, "A$300 million", 300_000_000.0, "AUD"),
    ("Ottawa pledged C$40 million", (), None, "C$40 million", 40_000_000.0, "CAD"),
    ("Wellington pledged NZ$ 5m", (), None, "NZ$ 5m", 5_000_000.0, "NZD"),
    ("a HK$2 billion bond", (), None, "HK$2 billion", 2_000_000_000.0, "HKD"),
    ("a S$2 billion fund", (), None, "S$2 billion", 2_000_000_000.0, "SGD"),
    ("a US$5m grant", (), "AUD", "US$5m", 5_000_000.0, "USD"),
    ("a R$ 9 billion deal", (), None, "R$ 9 billion", 9_000_000_000.0, "BRL"),
    ("an order of $300 million", (), None, "$300 million", 300_000_000.0, "USD"),
    ("an order of $300 million", (), "AUD", "$300 million", 300_000_000.0, "AUD"),
    ("an order of $300 million", ("AUS",), None, "$300 million", 300_000_000.0, "USD"),
    ("an order of $5 million AUD", (), None, "$5 million AUD", 5_000_000.0, "AUD"),
    ("an order of $300 million (in Canadian dollars)", (), None, "$300 million", 300_000_000.0, "CAD"),
    ("nearly 40 million Australian dollars", (), None, "40 million Australian dollars", 40_000_000.0, "AUD"),
    ("nearly 40 million Canadian dollars", (), None, "40 million Canadian dollars", 40_000_000.0, "CAD"),
    ("a debt of Us$44-billion", (), None, "$44-billion", 44_000_000_000.0, "USD"),
    ("a contract of $117,7 million", (), None, "$117,7 million", 117_700_000.0, "USD"),
    ("a million dollars", (), None, "a million dollars", 1_000_000.0, "USD"),
    ("one hundred and twenty thousand euros", (), None, "one hundred and twenty thousand euros", 120_000.0, "EUR"),
]


@pytest.mark.parametrize("text,context,dollar,want_text,value,currency", WORLD, ids=[c[0] for c in WORLD])
def test_currencies_of_the_world(text, context, dollar, want_text, value, currency):
    (m,) = find_money(text, context, dollar=dollar)
    assert (m.text, m.value, m.currency) == (want_text, value, currency)


def test_a_bracketed_equivalent_is_kept_with_the_amount():
    (m,) = find_money("Seoul will invest KRW 2 trillion (about $1.5 billion) in the plant.")
    assert (m.text, m.value, m.currency) == ("KRW 2 trillion", 2e12, "KRW")
    assert (m.equivalent.text, m.equivalent.value, m.equivalent.currency) == ("$1.5 billion", 1.5e9, "USD")


@pytest.mark.parametrize("text, first, second", [
    ("Dhaka set aside Tk 900 crore, or about $82 million, for the bridge.", "Tk 900 crore", "$82 million"),
    ("The fund holds 40 billion yen, equivalent to $270 million.", "40 billion yen", "$270 million"),
    ("The loan was 3 billion rubles or roughly $33 million.", "3 billion rubles", "$33 million"),
])
def test_the_same_amount_said_again_with_or_is_its_equivalent(text, first, second):
    (m,) = find_money(text)
    assert (m.text, m.equivalent.text, m.equivalent.currency) == (first, second, "USD")


def test_two_amounts_in_one_currency_joined_by_or_stay_two():
    a, b = find_money("Exports may reach $5 billion or $6 billion next year.")
    assert (a.value, b.value, a.equivalent, b.equivalent) == (5e9, 6e9, None, None)


def test_an_amount_without_brackets_has_no_equivalent():
    a, b = find_money("Exports were KRW 2 trillion and imports $1.5 billion.")
    assert a.equivalent is None and b.currency == "USD"


@pytest.mark.parametrize("text,reason,word", [
    ("They agreed a loan of 5 million zorkmids.", "unknown_currency", "zorkmids"),
    ("The deal is worth 40 billion quatloos.", "unknown_currency", "quatloos"),
    ("a grant of 200 million Zorkish lira", "unknown_currency", "Zorkish lira"),
    ("The deficit came to -$500 million.", "negative", None),
    ("The deficit came to −€2 billion.", "negative", None),
    ("a claim of $999999999999999999999 trillion", "out_of_range", None),
    ("one two three four million dollars", "unreadable_number", None),
    ("thousand million five dollars", "unreadable_number", None),
])
def test_what_cannot_be_read_is_reported_not_guessed(text, reason, word):
    scan = scan_money(text)
    assert scan.amounts == []
    assert [(p.reason, p.word) for p in scan.problems] == [(reason, word)]
    (p,) = scan.problems
    assert text[p.start:p.end] == p.text


@pytest.mark.parametrize("text", [
    "$1e308", "$inf", "$NaN", "a fleet of 5 million cars", "5 million pounds of wheat", "10 million real estate deals",
    "A4 paper costs 5 USDollars", "Vitamin E 5 mg", "Article P5 applies", "the 1.2.3 release", "won 3 games", "Population: 2,3 and 4",
])
def test_no_value_rather_than_a_wrong_one(text):
    assert find_money(text) == []


@pytest.mark.parametrize("text,value", [("$5-10 million", 5e6), ("£3 to £4 billion", 3e9)])
def test_the_first_figure_of_a_range_shares_its_scale(text, value):
    assert find_money(text)[0].value == value


@pytest.mark.parametrize("iso3,code", [("AUS", "AUD"), ("CAN", "CAD"), ("NZL", "NZD"), ("USA", "USD"),
                                       ("FRA", "USD"), (None, "USD")])
def test_the_dollar_of_an_outlet(iso3, code):
    assert dollar_of(iso3) == code


def test_every_iso_4217_code_and_its_english_name_is_known():
    import pycountry

    for cur in pycountry.currencies:
        (m,) = find_money(f"a payment of {cur.alpha_3} 5 million")
        assert (m.currency, m.value) == (cur.alpha_3, 5e6)
    lex = lexicon()
    for code, name in [("MNT", "mongolian tugriks"), ("PEN", "peruvian soles"), ("UAH", "ukrainian hryvnias")]:
        assert lex.full[name] == code
        assert find_money(f"worth 3 million {name.title().split()[0]} {name.split()[1]}")[0].currency == code


@pytest.mark.parametrize("words", ["one two three", "twenty thirty", "five four", "million thousand", "and", "a",
                                   "half", "six half"])
def test_runs_of_number_words_that_no_one_says(words):
    assert words_to_number(words) is None


def test_unknown_currency_words_for_the_diagnostics():
    text = "Talks went well.\nThey agreed a loan of 5 million zorkmids and $3 million in aid."
    scan = scan_money(text)
    (problem,) = [p for p in scan.problems if p.reason == "unknown_currency"]
    assert problem.word == "zorkmids" and text[problem.end - len(problem.word):problem.end] == "zorkmids"
    assert [m.currency for m in scan.amounts] == ["USD"]


def test_the_diagnostics_table_lists_unknown_currency_words():
    from pipeline.nlp.annotate import load_nlp
    from pipeline.extract.context import build_context
    from pipeline.extract.diagnostics import build_diagnostics
    from pipeline.io.ingest import parse_article

    art = parse_article(b"Talks went well. Trade between Peru and Chile stood at 40 million zorkels in 2023.",
                        "z.txt")
    ctx = build_context(art, load_nlp()(art.text))
    rows = build_diagnostics(ctx, {"visits": [], "documents": [], "trade": [], "events": []})
    found = [d for d in rows if d["kind"] == "unknown_currency"]
    assert [d["detail"] for d in found] == ["zorkels"]
    assert found[0]["evidence"].startswith("Trade between Peru")
