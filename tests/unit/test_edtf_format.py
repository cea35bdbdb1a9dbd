import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.nlp import edtf_format
from pipeline.nlp.edtf_format import describe_edtf, to_edtf, valid

D = dt.date


@pytest.mark.parametrize("start,end,precision,want", [
    (D(2017, 2, 28), D(2017, 3, 1), "day", "2017-02-28/2017-03-01"),
    (D(2023, 4, 5), D(2023, 4, 5), "day", "2023-04-05"),
    (D(2015, 3, 1), D(2015, 3, 31), "month", "2015-03"),
    (D(2023, 1, 1), D(2023, 9, 30), "month", "2023-01/2023-09"),
    (D(1995, 9, 1), D(1995, 11, 30), "season", "1995-23"),
    (D(2024, 3, 1), D(2024, 5, 31), "season", "2024-21"),
    (D(2014, 1, 1), D(2014, 12, 31), "year", "2014"),
    (D(2019, 1, 1), D(2021, 12, 31), "year", "2019/2021"),
    (D(1990, 1, 1), D(1999, 12, 31), "decade", "199X"),
    (None, D(2019, 5, 14), "unknown", "../2019-05-14"),
    (None, None, "unknown", None),
])
def test_edtf_strings(start, end, precision, want):
    assert to_edtf(start, end, precision) == want
    if want is not None:
        assert valid(want)


def test_invalid_strings_are_refused():
    assert not valid("2019-13-45")
    assert not valid("spring 2020")


@pytest.mark.parametrize("edtf,words", [
    ("1995-23", "autumn 1995"),
    ("1995-22", "summer 1995"),
    ("2024-21", "spring 2024"),
    ("2023-24", "winter 2023"),
    ("2019-35", "the third quarter of 2019"),
    ("2021-40", "the first half of 2021"),
    ("2015-03", "March 2015"),
    ("2019-05-14", "14 May 2019"),
    ("2014", "2014"),
    ("199X", "the 1990s"),
    ("2017-02-28/2017-03-01", "28 February \u2013 1 March 2017"),
    ("2023-05-03/2023-05-05", "3\u20135 May 2023"),
    ("2012-12-30/2013-01-02", "30 December 2012 \u2013 2 January 2013"),
    ("2015-03/2015-05", "March\u2013May 2015"),
    ("2019/2021", "2019\u20132021"),
    ("../2019-05-14", "on or before 14 May 2019"),
    ("2019-05/..", "on or after May 2019"),
    ("/2019", "until 2019 (start unknown)"),
    ("2014~", "about 2014"),
    ("2014?", "2014 (uncertain)"),
    ("2004-06-11%", "about 11 June 2004 (uncertain)"),
    ("1985-04-12?/1985-04-13", "12 April 1985 (uncertain) \u2013 13 April 1985"),
    ("2004-XX", "2004 (month unknown)"),
    ("1995-23/1996-21", "autumn 1995 \u2013 spring 1996"),
    ("not a date", "not a date"),  # what the library cannot parse is given back as it is
    ("", ""),
    (None, ""),
])
def test_edtf_in_words(edtf, words):
    assert describe_edtf(edtf) == words


@pytest.mark.parametrize("start,end,precision", [
    (D(2017, 2, 28), D(2017, 3, 1), "day"), (D(1995, 9, 1), D(1995, 11, 30), "season"),
    (D(1990, 1, 1), D(1999, 12, 31), "decade"), (None, D(2019, 5, 14), "unknown"),
    (D(2019, 1, 1), D(2021, 12, 31), "year"), (D(2023, 1, 1), D(2023, 9, 30), "month"),
])
def test_every_form_the_pipeline_writes_has_words(start, end, precision):
    edtf = to_edtf(start, end, precision)
    words = describe_edtf(edtf)
    assert words and not set(words) & set("-/X.?~%"), (edtf, words)  # no EDTF syntax left to decode


@pytest.mark.parametrize("text,want", [
    ("7 September", "XXXX-09-07"), ("on 7 September", "XXXX-09-07"), ("September 7th", "XXXX-09-07"),
    ("Sept. 7", "XXXX-09-07"), ("the 21st of March", "XXXX-03-21"),
    ("31 February", None), ("7 September 2023", None), ("Tuesday", None), ("last week", None), (None, None),
])
def test_a_day_and_month_without_a_year_keep_an_unspecified_year(text, want):
    from pipeline.nlp.edtf_format import partial_edtf
    assert partial_edtf(text) == want


_DAYS = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(2999, 12, 31))
_PRECISIONS = st.sampled_from(["year", "month", "day"])


def _plain(day: dt.date, precision: str) -> str:
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}", "day": day.isoformat()}[precision]


@given(_DAYS, _PRECISIONS, _DAYS, _PRECISIONS, st.booleans())
def test_plain_dates_and_intervals_are_described_as_the_library_reads_them(a, pa, b, pb, interval):
    text = f"{_plain(a, pa)}/{_plain(b, pb)}" if interval else _plain(a, pa)
    assert describe_edtf(text) == edtf_format._described_by_library(text)


@pytest.mark.parametrize("text", ["1995-23", "2015-13", "2015-02-30", "0000", "2014~", "199X", "../2019-05-14",
                                  "2015-03/2015-41"])
def test_other_forms_go_to_the_library(text):
    assert edtf_format._plain_words(text) is None
    assert describe_edtf(text) == edtf_format._described_by_library(text)
