"""Date expressions and the intervals they denote. Publication date: Tuesday 2022-10-04."""
import datetime as dt
import re

import pytest

from pipeline.temporal import _COMPILED, _PATTERNS, find_dates

PUB = dt.date(2022, 10, 4)
D = dt.date

# (text, expected date text, start, end, precision, source)
CASES = [
    ("On June 9, 1992, relations began", "June 9, 1992", D(1992, 6, 9), D(1992, 6, 9), "day", "explicit"),
    ("on 26 December 1991", "26 December 1991", D(1991, 12, 26), D(1991, 12, 26), "day", "explicit"),
    ("on 1st March 2017", "1st March 2017", D(2017, 3, 1), D(2017, 3, 1), "day", "explicit"),
    ("on March 1st, 2017", "March 1st, 2017", D(2017, 3, 1), D(2017, 3, 1), "day", "explicit"),
    ("May 16, 2008", "May 16, 2008", D(2008, 5, 16), D(2008, 5, 16), "day", "explicit"),
    ("on Sept. 5, 2019", "Sept. 5, 2019", D(2019, 9, 5), D(2019, 9, 5), "day", "explicit"),
    ("on 5 Oct 2019", "5 Oct 2019", D(2019, 10, 5), D(2019, 10, 5), "day", "explicit"),
    ("On February 28 - March 1, 2017, he", "February 28 - March 1, 2017", D(2017, 2, 28), D(2017, 3, 1), "day", "explicit"),
    ("On November 30 December 1, 2017, he", "November 30 December 1, 2017", D(2017, 11, 30), D(2017, 12, 1), "day", "explicit"),
    ("on April 30 - May 2, 2019 to", "April 30 - May 2, 2019", D(2019, 4, 30), D(2019, 5, 2), "day", "explicit"),
    ("On 13-14 January 2021, A", "13-14 January 2021", D(2021, 1, 13), D(2021, 1, 14), "day", "explicit"),
    ("on 13\u201314 January 2021", "13\u201314 January 2021", D(2021, 1, 13), D(2021, 1, 14), "day", "explicit"),
    ("On October 25-26, 2019, P", "October 25-26, 2019", D(2019, 10, 25), D(2019, 10, 26), "day", "explicit"),
    ("July 18-19, 2018", "July 18-19, 2018", D(2018, 7, 18), D(2018, 7, 19), "day", "explicit"),
    ("from 28 February to 1 March 2017", "28 February to 1 March 2017", D(2017, 2, 28), D(2017, 3, 1), "day", "explicit"),
    ("from 19 to 20 February 2020", "19 to 20 February 2020", D(2020, 2, 19), D(2020, 2, 20), "day", "explicit"),
    ("from 30 April to 2 May 2023", "30 April to 2 May 2023", D(2023, 4, 30), D(2023, 5, 2), "day", "explicit"),
    ("3-5 April 2018", "3-5 April 2018", D(2018, 4, 3), D(2018, 4, 5), "day", "explicit"),
    ("30 December 2020 - 2 January 2021", "30 December 2020 - 2 January 2021", D(2020, 12, 30), D(2021, 1, 2), "day",
     "explicit"),
    ("December 30, 2020 - January 2, 2021", "December 30, 2020 - January 2, 2021", D(2020, 12, 30), D(2021, 1, 2),
     "day", "explicit"),
    ("On June 9, Pakistan", "June 9", D(2022, 6, 9), D(2022, 6, 9), "day", "inferred"),
    ("On 10 May, the", "10 May", D(2022, 5, 10), D(2022, 5, 10), "day", "inferred"),
    ("between 3 and 5 April", "3 and 5 April", D(2022, 4, 3), D(2022, 4, 5), "day", "inferred"),
    ("from 1 to 3 March", "1 to 3 March", D(2022, 3, 1), D(2022, 3, 3), "day", "inferred"),
    ("on 9-10 March", "9-10 March", D(2022, 3, 9), D(2022, 3, 10), "day", "inferred"),
    ("20.12.1991", "20.12.1991", D(1991, 12, 20), D(1991, 12, 20), "day", "explicit"),
    ("14.05.2019", "14.05.2019", D(2019, 5, 14), D(2019, 5, 14), "day", "explicit"),
    ("05/04/2018", "05/04/2018", D(2018, 4, 5), D(2018, 4, 5), "day", "explicit"),
    ("15-16.07.2021", "15-16.07.2021", D(2021, 7, 15), D(2021, 7, 16), "day", "explicit"),
    ("Published: 2023-05-17 09:30", "2023-05-17", D(2023, 5, 17), D(2023, 5, 17), "day", "explicit"),
    ("in October 2020", "October 2020", D(2020, 10, 1), D(2020, 10, 31), "month", "explicit"),
    ("in February 2008", "February 2008", D(2008, 2, 1), D(2008, 2, 29), "month", "explicit"),
    ("dated February 2017", "February 2017", D(2017, 2, 1), D(2017, 2, 28), "month", "explicit"),
    ("in March", "March", D(2022, 3, 1), D(2022, 3, 31), "month", "inferred"),
    ("since June", "June", D(2022, 6, 1), D(2022, 6, 30), "month", "inferred"),
    ("in January-September 2023", "January-September 2023", D(2023, 1, 1), D(2023, 9, 30), "month", "explicit"),
    ("January\u2013March 2023", "January\u2013March 2023", D(2023, 1, 1), D(2023, 3, 31), "month", "explicit"),
    ("in the fall of 1995", "the fall of 1995", D(1995, 9, 1), D(1995, 11, 30), "season", "explicit"),
    ("in the spring of 1996", "the spring of 1996", D(1996, 3, 1), D(1996, 5, 31), "season", "explicit"),
    ("autumn of 2003", "autumn of 2003", D(2003, 9, 1), D(2003, 11, 30), "season", "explicit"),
    ("in summer 2022", "summer 2022", D(2022, 6, 1), D(2022, 8, 31), "season", "explicit"),
    ("in the winter of 2020", "the winter of 2020", D(2020, 12, 1), D(2021, 2, 28), "season", "explicit"),
    ("in the autumn", "the autumn", D(2022, 9, 1), D(2022, 11, 30), "season", "inferred"),
    ("In 2012, the", "2012", D(2012, 1, 1), D(2012, 12, 31), "year", "explicit"),
    ("of 2010, which", "2010", D(2010, 1, 1), D(2010, 12, 31), "year", "explicit"),
    ("in early 2021", "early 2021", D(2021, 1, 1), D(2021, 12, 31), "year", "explicit"),
    ("in mid-2018", "mid-2018", D(2018, 1, 1), D(2018, 12, 31), "year", "explicit"),
    ("late 2019", "late 2019", D(2019, 1, 1), D(2019, 12, 31), "year", "explicit"),
    ("in the first half of 2023", "the first half of 2023", D(2023, 1, 1), D(2023, 6, 30), "month", "explicit"),
    ("the second half of 2023", "the second half of 2023", D(2023, 7, 1), D(2023, 12, 31), "month", "explicit"),
    ("the third quarter of 2021", "the third quarter of 2021", D(2021, 7, 1), D(2021, 9, 30), "month", "explicit"),
    ("for 2023-2025", "2023-2025", D(2023, 1, 1), D(2025, 12, 31), "year", "explicit"),
    ("from 2019 to 2021", "2019 to 2021", D(2019, 1, 1), D(2021, 12, 31), "year", "explicit"),
    ("in the 1990s", "the 1990s", D(1990, 1, 1), D(1999, 12, 31), "decade", "explicit"),
    ("the 2000s, when", "the 2000s", D(2000, 1, 1), D(2009, 12, 31), "decade", "explicit"),
    ("last year", "last year", D(2021, 1, 1), D(2021, 12, 31), "year", "inferred"),
    ("this year", "this year", D(2022, 1, 1), D(2022, 12, 31), "year", "inferred"),
    ("later this year", "later this year", D(2022, 1, 1), D(2022, 12, 31), "year", "inferred"),
    ("next year", "next year", D(2023, 1, 1), D(2023, 12, 31), "year", "inferred"),
    ("next month", "next month", D(2022, 11, 1), D(2022, 11, 30), "month", "inferred"),
    ("last month", "last month", D(2022, 9, 1), D(2022, 9, 30), "month", "inferred"),
    ("last week", "last week", D(2022, 9, 26), D(2022, 10, 2), "day", "inferred"),
    ("yesterday", "yesterday", D(2022, 10, 3), D(2022, 10, 3), "day", "inferred"),
    ("on Monday", "Monday", D(2022, 10, 3), D(2022, 10, 3), "day", "inferred"),
    ("on Tuesday", "Tuesday", D(2022, 10, 4), D(2022, 10, 4), "day", "inferred"),
    ("on Wednesday", "Wednesday", D(2022, 9, 28), D(2022, 9, 28), "day", "inferred"),
    ("Recently, the", "Recently", None, D(2022, 10, 4), "unknown", "publication"),
]

NONE = ["the 30-year-long period", "1,814-kilometre pipeline", "You may go", "13th Summit", "$11.7 million",
        "the 44-day war", "9.57% stake", "a 2021-22 season"]


@pytest.mark.parametrize("text,want_text,start,end,precision,source", CASES, ids=[c[0] for c in CASES])
def test_expression(text, want_text, start, end, precision, source):
    found = find_dates(text, PUB)
    assert found, f"no date found in {text!r}"
    d = found[0]
    assert (d.text, d.date_start, d.date_end, d.precision, d.source) == (want_text, start, end, precision, source)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("text", NONE)
def test_not_a_date(text):
    assert find_dates(text, PUB) == [] or all(d.precision != "day" for d in find_dates(text, PUB))


def test_relative_without_publication_date_is_unresolved():
    (d,) = find_dates("the visit last year", None)
    assert d.date_start is None and d.date_end is None and d.source == "unresolved"


def test_yearless_without_publication_date_is_unresolved():
    (d,) = find_dates("On June 9, they met", None)
    assert d.date_start is None and d.source == "unresolved"


def test_several_dates_in_order_without_overlap():
    text = "The embassy in Baku was opened on March 12, 1993, and the one in Islamabad on August 24, 1997."
    found = find_dates(text, PUB)
    assert [d.text for d in found] == ["March 12, 1993", "August 24, 1997"]


def test_invalid_day_is_not_a_date():
    assert find_dates("on 31 February 2020", PUB) == [] or find_dates("on 31 February 2020", PUB)[0].precision != "day"


def test_at_least_sixty_expressions():
    assert len(CASES) >= 60


@pytest.mark.parametrize("k", range(len(_PATTERNS)))
def test_start_character_hints_lose_no_match(k):
    """Each pattern is compiled behind a lookahead of the characters a match can start with; on every
    example text (as written, lower- and upper-cased) it must find exactly what the bare pattern finds."""
    pattern, handler, _ = _PATTERNS[k]
    hinted, _ = _COMPILED[k]
    bare = re.compile(pattern, hinted.flags)
    texts = [c[0] for c in CASES] + list(NONE)
    for text in texts + [t.lower() for t in texts] + [t.upper() for t in texts]:
        assert [m.span() for m in hinted.finditer(text)] == [m.span() for m in bare.finditer(text)], text
