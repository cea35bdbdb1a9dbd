"""Money amounts: value, currency, span."""
import pytest

from pipeline.money import find_money, words_to_number

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
