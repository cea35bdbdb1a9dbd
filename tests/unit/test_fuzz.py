"""Property-based tests: ingest, the temporal module and the money module never raise, and what they
return stays inside the text, ordered and finite."""
import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io import formats
from pipeline.io.decoding import Undecodable, decode_bytes
from pipeline.io.ingest import normalise, parse_article
from pipeline.nlp.money import MAX_VALUE, scan_money
from pipeline.nlp.temporal import find_dates
from schemas.fields import ISO4217

WORDS = ["on", "in", "from", "to", "between", "and", "the", "of", "last", "this", "next", "year", "week", "month",
         "early", "mid-", "late", "spring", "autumn", "first", "half", "quarter", "Tuesday", "yesterday",
         "January", "March", "May", "September", "December", "1991", "2019", "2023", "12", "3", "31", "1990s",
         "14.05.2019", "15-16.07.2021", "-", "–", ",", "$", "USD", "EUR", "manat", "million", "bn", "mln", "m",
         "1.2", "5", "300", "billion", "lira", "AZN", "€", "£", "per", "cent", "%", "thousand", "crore"]
MONEY_WORDS = ["$", "-$", "−", "A$", "US$", "Rs", "R", "Tk", "KRW", "(", ")", "about", "1e308", "inf", "nan", "1,5",
               "208,4", "1.234,5", "1.234.567", "99999999999999999999", "one", "two", "three", "twenty", "hundred",
               "and", "a", "half", "million", "billion", "trillion", "lakh", "crore", "dollars", "rupees", "yen",
               "Australian", "Zorkish", "euros", "worth", "loan", "zorkmids", "of", "5", "12", "-", ",", "."]
money_like = st.lists(st.sampled_from(MONEY_WORDS), max_size=25).map(" ".join)
money_glued = st.lists(st.sampled_from(MONEY_WORDS), max_size=12).map("".join)
news_like = st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)
any_text = st.one_of(st.text(max_size=200), news_like)
pub = st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)))
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(any_text, pub)
def test_dates_stay_inside_the_text_and_are_ordered(text, published):
    for d in find_dates(text, published):
        assert 0 <= d.start <= d.end <= len(text)
        assert text[d.start:d.end] == d.text
        if d.date_start is not None and d.date_end is not None:
            assert d.date_start <= d.date_end
        assert d.source in ("explicit", "inferred", "publication", "unresolved")


@FUZZ
@given(st.one_of(any_text, money_like, money_glued), st.sampled_from([None, "USD", "AUD"]))
def test_money_is_finite_and_inside_the_text(text, dollar):
    scan = scan_money(text, ("AZE", "PAK"), dollar=dollar)
    end = 0
    for m in scan.amounts:
        assert end <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text
        end = m.end
        for x in (m, m.equivalent) if m.equivalent else (m,):
            assert math.isfinite(x.value) and 0 <= x.value <= MAX_VALUE
            assert x.currency in ISO4217
    for p in scan.problems:
        assert 0 <= p.start <= p.end <= len(text) and text[p.start:p.end] == p.text
        assert p.reason in ("unknown_currency", "negative", "out_of_range", "unreadable_number")


@FUZZ
@given(st.binary(max_size=600))
def test_decoding_never_raises_anything_but_undecodable(data):
    try:
        decoded = decode_bytes(data)
    except Undecodable:
        return
    assert isinstance(decoded.text, str)


@FUZZ
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda s: s.encode("utf-8"))),
       st.sampled_from(["a.txt", "b.html", "c.json", "d.jsonl", "e"]))
def test_ingest_of_any_bytes_gives_records_errors_or_undecodable(data, name):
    try:
        items = formats.records(data, name)
    except Undecodable:
        return
    for item in items:
        if isinstance(item, formats.FormatError):
            assert item.reason and item.detail
            continue
        if item.text is None:
            try:
                art = parse_article(item.raw, item.source_path)
            except Undecodable:
                continue
            assert art.text == art.text.strip("\n")
            assert art.article_id.startswith("art_")


@FUZZ
@given(st.text(max_size=300))
def test_normalise_is_idempotent(text):
    once = normalise(text)
    assert normalise(once) == once and "\r" not in once


@FUZZ
@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False), st.sampled_from(["-$", "−€", "-£", "$-"]),
       st.sampled_from(["", " million", "bn"]))
def test_a_negative_amount_gives_no_value(number, sign, scale):
    assert scan_money(f"a deficit of {sign}{number}{scale} this year").amounts == []


@FUZZ
@given(st.integers(min_value=1, max_value=400), st.sampled_from(["$", "€", "USD ", "Rs "]))
def test_an_exponent_gives_no_value(exponent, sign):
    assert scan_money(f"priced at {sign}1e{exponent} per unit").amounts == []
