"""Date expressions and the intervals they denote. Publication date: Tuesday 2022-10-04."""
import datetime as dt
import re

import pytest

from pipeline.nlp.date_patterns import COMPILED as _COMPILED
from pipeline.nlp.date_patterns import PATTERNS as _PATTERNS
from pipeline.nlp.temporal import (
    find_dates,
    numeric_order_of,
    tense_of,
    with_tense,
)
from tests.unit import lexicon_examples

PUB = dt.date(2022, 10, 4)
D = dt.date

# (text, expected date text, start, end, precision, source)
CASES = [
    ("On June 7, 1997, relations began", "June 7, 1997", D(1997, 6, 7), D(1997, 6, 7), "day", "explicit"),
    ("on 26 December 1991", "26 December 1991", D(1991, 12, 26), D(1991, 12, 26), "day", "explicit"),
    ("on 1st March 2017", "1st March 2017", D(2017, 3, 1), D(2017, 3, 1), "day", "explicit"),
    ("on March 1st, 2017", "March 1st, 2017", D(2017, 3, 1), D(2017, 3, 1), "day", "explicit"),
    ("May 16, 2008", "May 16, 2008", D(2008, 5, 16), D(2008, 5, 16), "day", "explicit"),
    ("on Sept. 5, 2019", "Sept. 5, 2019", D(2019, 9, 5), D(2019, 9, 5), "day", "explicit"),
    ("on 5 Oct 2019", "5 Oct 2019", D(2019, 10, 5), D(2019, 10, 5), "day", "explicit"),
    ("On February 28 - March 1, 2017, he", "February 28 - March 1, 2017", D(2017, 2, 28), D(2017, 3, 1), "day", "explicit"),
    ("On October 30 November 1, 2016, he", "October 30 November 1, 2016", D(2016, 10, 30), D(2016, 11, 1), "day", "explicit"),
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
    ("On June 7, Valdoria", "June 7", D(2022, 6, 7), D(2022, 6, 7), "day", "inferred"),
    ("On 10 May, the", "10 May", D(2022, 5, 10), D(2022, 5, 10), "day", "inferred"),
    ("between 3 and 5 April", "3 and 5 April", D(2022, 4, 3), D(2022, 4, 5), "day", "inferred"),
    ("from 1 to 3 March", "1 to 3 March", D(2022, 3, 1), D(2022, 3, 3), "day", "inferred"),
    ("on 9-10 March", "9-10 March", D(2022, 3, 9), D(2022, 3, 10), "day", "inferred"),
    ("20.12.1991", "20.12.1991", D(1991, 12, 20), D(1991, 12, 20), "day", "explicit"),
    ("14.05.2019", "14.05.2019", D(2019, 5, 14), D(2019, 5, 14), "day", "explicit"),
    # day and month cannot be told apart and no convention is known: only the year is certain
    ("05/04/2018", "05/04/2018", D(2018, 1, 1), D(2018, 12, 31), "year", "explicit"),
    ("25/04/2018", "25/04/2018", D(2018, 4, 25), D(2018, 4, 25), "day", "explicit"),
    ("04/25/2018", "04/25/2018", D(2018, 4, 25), D(2018, 4, 25), "day", "explicit"),
    ("07/07/2018", "07/07/2018", D(2018, 7, 7), D(2018, 7, 7), "day", "explicit"),
    ("12.03.2019", "12.03.2019", D(2019, 3, 12), D(2019, 3, 12), "day", "explicit"),
    ("News - 2024.10.23", "2024.10.23", D(2024, 10, 23), D(2024, 10, 23), "day", "explicit"),
    ("filed 2024/10/23", "2024/10/23", D(2024, 10, 23), D(2024, 10, 23), "day", "explicit"),
    ("12-03-2019", "12-03-2019", D(2019, 1, 1), D(2019, 12, 31), "year", "explicit"),
    ("15-16.07.2021", "15-16.07.2021", D(2021, 7, 15), D(2021, 7, 16), "day", "explicit"),
    ("Published: 2023-05-17 09:30", "2023-05-17", D(2023, 5, 17), D(2023, 5, 17), "day", "explicit"),
    ("in October 2020", "October 2020", D(2020, 10, 1), D(2020, 10, 31), "month", "explicit"),
    ("in February 2008", "February 2008", D(2008, 2, 1), D(2008, 2, 29), "month", "explicit"),
    ("dated February 2017", "February 2017", D(2017, 2, 1), D(2017, 2, 28), "month", "explicit"),
    ("in March", "March", D(2022, 3, 1), D(2022, 3, 31), "month", "inferred"),
    ("since June", "June", D(2022, 6, 1), D(2022, 6, 30), "month", "inferred"),
    ("in January-September 2023", "January-September 2023", D(2023, 1, 1), D(2023, 9, 30), "month", "explicit"),
    ("January\u2013March 2023", "January\u2013March 2023", D(2023, 1, 1), D(2023, 3, 31), "month", "explicit"),
    ("in the fall of 1998", "the fall of 1998", D(1998, 9, 1), D(1998, 11, 30), "season", "explicit"),
    ("in the spring of 1999", "the spring of 1999", D(1999, 3, 1), D(1999, 5, 31), "season", "explicit"),
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
    # spelled-out and run-together days, ranges
    ("on the 3rd of March the", "3rd of March", D(2022, 3, 3), D(2022, 3, 3), "day", "inferred"),
    ("talks on March4-5 in Oslo", "March4-5", D(2022, 3, 4), D(2022, 3, 5), "day", "inferred"),
    ("held on 4th-5th March 2020", "4th-5th March 2020", D(2020, 3, 4), D(2020, 3, 5), "day", "explicit"),
    ("Tuesday, 21. June 2011", "Tuesday, 21. June 2011", D(2011, 6, 21), D(2011, 6, 21), "day", "explicit"),
    ("Friday, 8 July 2016: the", "Friday, 8 July 2016", D(2016, 7, 8), D(2016, 7, 8), "day", "explicit"),
    ("from 21-23 March", "21-23 March", D(2022, 3, 21), D(2022, 3, 23), "day", "inferred"),
    ("from March 21 to 23", "March 21 to 23", D(2022, 3, 21), D(2022, 3, 23), "day", "inferred"),
    ("between 3 and 5 May 2019", "3 and 5 May 2019", D(2019, 5, 3), D(2019, 5, 5), "day", "explicit"),
    # early/mid/late keep the whole month, as "early 2021" keeps the whole year
    ("in early March", "March", D(2022, 3, 1), D(2022, 3, 31), "month", "inferred"),
    ("by mid-March 2019", "March 2019", D(2019, 3, 1), D(2019, 3, 31), "month", "explicit"),
    ("in late April 2020", "April 2020", D(2020, 4, 1), D(2020, 4, 30), "month", "explicit"),
    # halves and quarters
    ("in the first half of 2019", "the first half of 2019", D(2019, 1, 1), D(2019, 6, 30), "month", "explicit"),
    ("growth in Q3 2020 was", "Q3 2020", D(2020, 7, 1), D(2020, 9, 30), "month", "explicit"),
    ("in H2 2021", "H2 2021", D(2021, 7, 1), D(2021, 12, 31), "month", "explicit"),
    ("the 2020 Q4 figures", "2020 Q4", D(2020, 10, 1), D(2020, 12, 31), "month", "explicit"),
    ("in the first quarter of this year", "the first quarter of this year", D(2022, 1, 1), D(2022, 3, 31), "month",
     "inferred"),
    # months counted from one end of a year: a part of the year, never the whole year
    ("in the first nine months of 2023", "the first nine months of 2023", D(2023, 1, 1), D(2023, 9, 30), "month",
     "explicit"),
    ("over the last four months of 2021", "the last four months of 2021", D(2021, 9, 1), D(2021, 12, 31), "month",
     "explicit"),
    ("in the first 10 months of this year", "the first 10 months of this year", D(2022, 1, 1), D(2022, 10, 31),
     "month", "inferred"),
    ("In the first two months of 2020 the", "the first two months of 2020", D(2020, 1, 1), D(2020, 2, 29), "month",
     "explicit"),
    # relative to the publication date
    ("today", "today", D(2022, 10, 4), D(2022, 10, 4), "day", "inferred"),
    ("signed this morning", "this morning", D(2022, 10, 4), D(2022, 10, 4), "day", "inferred"),
    ("tomorrow", "tomorrow", D(2022, 10, 5), D(2022, 10, 5), "day", "inferred"),
    ("this month", "this month", D(2022, 10, 1), D(2022, 10, 31), "month", "inferred"),
    ("earlier this week", "earlier this week", D(2022, 10, 3), D(2022, 10, 9), "day", "inferred"),
    ("this weekend", "this weekend", D(2022, 10, 8), D(2022, 10, 9), "day", "inferred"),
    ("last weekend", "last weekend", D(2022, 10, 1), D(2022, 10, 2), "day", "inferred"),
    ("two days ago", "two days ago", D(2022, 10, 2), D(2022, 10, 2), "day", "inferred"),
    ("three weeks ago", "three weeks ago", D(2022, 9, 12), D(2022, 9, 18), "day", "inferred"),
    ("a year ago", "a year ago", D(2021, 1, 1), D(2021, 12, 31), "year", "inferred"),
    # weekdays: the direction comes from the tense of the clause (publication is a Tuesday)
    ("The minister will travel to Lisbon on Sunday.", "Sunday", D(2022, 10, 9), D(2022, 10, 9), "day", "inferred"),
    ("The ministers met on Sunday.", "Sunday", D(2022, 10, 2), D(2022, 10, 2), "day", "inferred"),
    ("On Friday, the envoy is expected to arrive.", "Friday", D(2022, 10, 7), D(2022, 10, 7), "day", "inferred"),
    ("The summit is scheduled for Thursday.", "Thursday", D(2022, 10, 6), D(2022, 10, 6), "day", "inferred"),
    ("The delegation arrived in Accra on Thursday.", "Thursday", D(2022, 9, 29), D(2022, 9, 29), "day", "inferred"),
    ("Talks in Apia on Saturday.", "Saturday", D(2022, 10, 1), D(2022, 10, 1), "day", "inferred"),  # no cue: past
    ("The talks, held in the disputed region on Sunday, will resume", "Sunday", D(2022, 10, 2), D(2022, 10, 2), "day",
     "inferred"),
    ("the ministry said Monday", "Monday", D(2022, 10, 3), D(2022, 10, 3), "day", "inferred"),
    ("She will speak on Tuesday.", "Tuesday", D(2022, 10, 4), D(2022, 10, 4), "day", "inferred"),
    ("next Tuesday", "next Tuesday", D(2022, 10, 11), D(2022, 10, 11), "day", "inferred"),
    ("they met last Tuesday", "last Tuesday", D(2022, 9, 27), D(2022, 9, 27), "day", "inferred"),
    ("this coming Friday", "this coming Friday", D(2022, 10, 7), D(2022, 10, 7), "day", "inferred"),
    ("Monday's talks went well", "Monday", D(2022, 10, 3), D(2022, 10, 3), "day", "inferred"),
]

NONE = ["the 40-year-long treaty", "1,632-kilometre railway", "You may go", "13th Summit", "$13.4 million",
        "the 38-day strike", "7.45% stake", "a 2021-22 season", "the Good Friday accord", "on Mondays the office",
        "days later", "in the following days", "the day the talks began"]

# (text, keyword arguments, which mention, its text, start, end, precision, source): dates that depend on
# the rest of the text or on what the caller knows.
IN_CONTEXT = [
    # "the following day" and its kin count from the previous date precise enough
    ("The envoy landed in Lima on 3 March 2019 and met the president the following day.", {}, 1,
     "the following day", D(2019, 3, 4), D(2019, 3, 4), "day", "inferred"),
    ("Ana Ruiz met Tomas Berg on 3 March 2019. On the same day, the two signed a pact.", {}, 1,
     "the same day", D(2019, 3, 3), D(2019, 3, 3), "day", "inferred"),
    ("The forum opened on 3 March 2019. Two days later, the ministers left.", {}, 1,
     "Two days later", D(2019, 3, 5), D(2019, 3, 5), "day", "inferred"),
    ("The forum opened on 3 March 2019. A day earlier, the envoys arrived.", {}, 1,
     "A day earlier", D(2019, 3, 2), D(2019, 3, 2), "day", "inferred"),
    ("Talks ran on 3-5 March 2019 and the next day the delegation left.", {}, 1,
     "the next day", D(2019, 3, 6), D(2019, 3, 6), "day", "inferred"),
    ("Talks ran on 3-5 March 2019 and the previous day the delegation arrived.", {}, 1,
     "the previous day", D(2019, 3, 2), D(2019, 3, 2), "day", "inferred"),
    ("Talks began on 3 March 2019; the following week, a deal.", {}, 1,
     "the following week", D(2019, 3, 4), D(2019, 3, 10), "day", "inferred"),
    ("The pact was signed in 2015. The following year trade doubled.", {}, 1,
     "The following year", D(2016, 1, 1), D(2016, 12, 31), "year", "inferred"),
    ("The pact was signed in May 2015. That same month, the embassy opened.", {}, 1,
     "That same month", D(2015, 5, 1), D(2015, 5, 31), "month", "inferred"),
    # an anchor must be precise enough, and there must be one
    ("The pact was signed in 2015. The next day, talks.", {}, 1, "The next day", None, None, "day", "unresolved"),
    ("The following day the two sides signed a pact.", {}, 0, "The following day", None, None, "day", "unresolved"),
    # the reported future inside a past sentence
    ("He said on Monday he would fly to Quito on Thursday.", {}, 0, "Monday", D(2022, 10, 3), D(2022, 10, 3), "day",
     "inferred"),
    ("He said on Monday he would fly to Quito on Thursday.", {}, 1, "Thursday", D(2022, 10, 6), D(2022, 10, 6),
     "day", "inferred"),
    ("Officials met on Sunday and will meet again on Friday.", {}, 1, "Friday", D(2022, 10, 7), D(2022, 10, 7),
     "day", "inferred"),
    # the caller's tense wins over the cues (and over their absence)
    ("talks on Sunday", {"tense": "future"}, 0, "Sunday", D(2022, 10, 9), D(2022, 10, 9), "day", "inferred"),
    ("talks will be held on Sunday", {"tense": "past"}, 0, "Sunday", D(2022, 10, 2), D(2022, 10, 2), "day",
     "inferred"),
    # a year-less date goes to the year its tense says (published in October 2022)
    ("The envoy had travelled to Suva in November.", {}, 0, "November", D(2021, 11, 1), D(2021, 11, 30), "month",
     "inferred"),
    ("The minister will visit Apia on 9 March.", {}, 0, "9 March", D(2023, 3, 9), D(2023, 3, 9), "day", "inferred"),
    ("The minister visited Apia on 9 March.", {}, 0, "9 March", D(2022, 3, 9), D(2022, 3, 9), "day", "inferred"),
    ("The minister visited Apia on 9 December.", {}, 0, "9 December", D(2021, 12, 9), D(2021, 12, 9), "day",
     "inferred"),
    ("A summit in Apia on 9 December.", {}, 0, "9 December", D(2022, 12, 9), D(2022, 12, 9), "day", "inferred"),
    ("The forum will be held in Suva from 4 December.", {}, 0, "4 December", D(2022, 12, 4), D(2022, 12, 4), "day",
     "inferred"),
    ("Both sides expect to sign a pact in November, the minister said.", {}, 0, "November", D(2022, 11, 1),
     D(2022, 11, 30), "month", "inferred"),
    # numeric dates: the outlet's order when the caller knows it, else what the text shows
    ("signed on 12/03/2019", {"numeric_order": "mdy"}, 0, "12/03/2019", D(2019, 12, 3), D(2019, 12, 3), "day",
     "explicit"),
    ("signed on 12/03/2019", {"numeric_order": "dmy"}, 0, "12/03/2019", D(2019, 3, 12), D(2019, 3, 12), "day",
     "explicit"),
    ("signed on 25/03/2019", {"numeric_order": "mdy"}, 0, "25/03/2019", D(2019, 3, 25), D(2019, 3, 25), "day",
     "explicit"),  # only one reading is a date
    ("signed on 2019-03-12", {"numeric_order": "mdy"}, 0, "2019-03-12", D(2019, 3, 12), D(2019, 3, 12), "day",
     "explicit"),  # ISO is never ambiguous
    ("Filed 25/12/2019; signed 03/04/2020", {}, 1, "03/04/2020", D(2020, 4, 3), D(2020, 4, 3), "day", "explicit"),
    ("Filed 12/25/2019; signed 03/04/2020", {}, 1, "03/04/2020", D(2020, 3, 4), D(2020, 3, 4), "day", "explicit"),
    ("Filed 25/12/2019 and 12/26/2019; signed 03/04/2020", {}, 2, "03/04/2020", D(2020, 1, 1), D(2020, 12, 31),
     "year", "explicit"),  # the text contradicts itself: no order
]


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


@pytest.mark.parametrize("text,kwargs,k,want_text,start,end,precision,source", IN_CONTEXT,
                         ids=[f"{c[0]}-{c[2]}-{c[1]}" for c in IN_CONTEXT])
def test_in_context(text, kwargs, k, want_text, start, end, precision, source):
    found = find_dates(text, PUB, **kwargs)
    assert len(found) > k, [d.text for d in found]
    d = found[k]
    assert (d.text, d.date_start, d.date_end, d.precision, d.source) == (want_text, start, end, precision, source)
    assert text[d.start:d.end] == d.text


@pytest.mark.parametrize("clause,want", [
    ("the president will travel to Hanoi", "future"), ("the talks are expected to resume", "future"),
    ("a visit is scheduled", "future"), ("the ministers met", "past"), ("the two sides agreed", "past"),
    ("he said he would return", "future"), ("the visit was postponed", "past"), ("talks in Hanoi", None),
    ("the forum will be held", "future"), ("the two sides expect to sign", "future"),
])
def test_tense_of_a_clause(clause, want):
    assert tense_of(clause) == want


def test_with_tense_resolves_a_weekday_again():
    (d,) = find_dates("talks on Sunday", PUB)
    assert d.date_start == D(2022, 10, 2)
    again = with_tense(d, PUB, "future")
    assert (again.date_start, again.date_end, again.start, again.text) == (D(2022, 10, 9), D(2022, 10, 9), d.start,
                                                                           "Sunday")
    (year,) = find_dates("in 2019", PUB)
    assert with_tense(year, PUB, "future") == year


@pytest.mark.parametrize("text,want", [("25/12/2019", "dmy"), ("12/25/2019", "mdy"), ("05/04/2019", None),
                                       ("25/12/2019 12/25/2019", None), ("no dates", None)])
def test_numeric_order_of(text, want):
    assert numeric_order_of(text) == want


@pytest.mark.parametrize("kwargs", [{"tense": "present"}, {"numeric_order": "ymd"}])
def test_bad_hint_is_refused(kwargs):
    with pytest.raises(ValueError):
        find_dates("on Sunday", PUB, **kwargs)


def test_relative_without_publication_date_is_unresolved():
    (d,) = find_dates("the visit last year", None)
    assert d.date_start is None and d.date_end is None and d.source == "unresolved"


def test_yearless_without_publication_date_is_unresolved():
    (d,) = find_dates("On June 9, they met", None)
    assert d.date_start is None and d.source == "unresolved"


def test_several_dates_in_order_without_overlap():
    text = "The embassy in Valdoria was opened on March 12, 1994, and the one in Ostrenland on August 24, 1998."
    found = find_dates(text, PUB)
    assert [d.text for d in found] == ["March 12, 1994", "August 24, 1998"]


def test_invalid_day_is_not_a_date():
    assert find_dates("on 31 February 2020", PUB) == [] or find_dates("on 31 February 2020", PUB)[0].precision != "day"


def test_at_least_sixty_expressions():
    assert len(CASES) >= 60


@pytest.mark.parametrize("k", range(len(_PATTERNS)))
def test_start_character_hints_lose_no_match(k):
    """Each pattern is compiled behind a lookahead of the characters a match can start with; on every
    example text (as written, lower- and upper-cased) it must find exactly what the bare pattern finds."""
    pattern, _reader, _ = _PATTERNS[k]
    hinted, _ = _COMPILED[k]
    bare = re.compile(pattern, hinted.flags)
    texts = [c[0] for c in CASES] + list(NONE) + [c[0] for c in IN_CONTEXT]
    for text in texts + [t.lower() for t in texts] + [t.upper() for t in texts]:
        assert [m.span() for m in hinted.finditer(text)] == [m.span() for m in bare.finditer(text)], text


# "and" joins the ends of a range only after "between"; elsewhere it lists two dates. Two days in a row
# ("on 3 and 4 May") stay the one stretch they are.
@pytest.mark.parametrize("text, want", [
    ("visited twice, in 2006 and 2013.", [("2006", D(2006, 1, 1), D(2006, 12, 31)), ("2013", D(2013, 1, 1), D(2013, 12, 31))]),
    ("between 2006 and 2013", [("2006 and 2013", D(2006, 1, 1), D(2013, 12, 31))]),
    ("between the years 2006 and 2013", [("2006 and 2013", D(2006, 1, 1), D(2013, 12, 31))]),
    ("from 2006 to 2013", [("2006 to 2013", D(2006, 1, 1), D(2013, 12, 31))]),
    ("in April 2018 and October 2022", [("April 2018", D(2018, 4, 1), D(2018, 4, 30)),
                                        ("October 2022", D(2022, 10, 1), D(2022, 10, 31))]),
    ("in April and October 2022", [("April", D(2022, 4, 1), D(2022, 4, 30)), ("October 2022", D(2022, 10, 1), D(2022, 10, 31))]),
    ("between April and October 2022", [("April and October 2022", D(2022, 4, 1), D(2022, 10, 31))]),
    ("on 7 and 9 June 2021", [("7", D(2021, 6, 7), D(2021, 6, 7)), ("9 June 2021", D(2021, 6, 9), D(2021, 6, 9))]),
    ("on June 7 and 9, 2021", [("June 7", D(2021, 6, 7), D(2021, 6, 7)), ("9, 2021", D(2021, 6, 9), D(2021, 6, 9))]),
    ("on 7 June and 9 July 2021", [("7 June", D(2021, 6, 7), D(2021, 6, 7)), ("9 July 2021", D(2021, 7, 9), D(2021, 7, 9))]),
    ("between 7 and 9 June 2021", [("7 and 9 June 2021", D(2021, 6, 7), D(2021, 6, 9))]),
    ("on 7 and 8 June 2021", [("7 and 8 June 2021", D(2021, 6, 7), D(2021, 6, 8))]),
    ("on 30 December 2020 and 4 January 2021", [("30 December 2020", D(2020, 12, 30), D(2020, 12, 30)),
                                                ("4 January 2021", D(2021, 1, 4), D(2021, 1, 4))]),
    ("on August 2 2016 and 2017, respectively", [("August 2 2016", D(2016, 8, 2), D(2016, 8, 2)),
                                                 ("2017", D(2017, 1, 1), D(2017, 12, 31))]),
])
def test_and_lists_dates_unless_between(text, want):
    assert [(d.text, d.date_start, d.date_end) for d in find_dates(text, PUB)] == want


def test_a_listed_day_without_publication_date_is_unresolved_not_dropped():
    assert [(d.text, d.source) for d in find_dates("on 7 and 9 June")] == [("7", "unresolved"), ("9 June", "unresolved")]


def _precisions(text: str) -> set[str]:
    return {d.precision for d in find_dates(text, PUB)}


# What each word list of pipeline/rules/dates.yaml does, as a check on its examples and counter-examples.
_LEXICON_CHECKS = {
    "months": lambda text: bool(_precisions(text) & {"day", "month"}),
    "month_abbreviations": lambda text: bool(_precisions(text) & {"day", "month"}),
    "weekdays": lambda text: "day" in _precisions(text),
    "seasons": lambda text: "season" in _precisions(text),
    "halves": lambda text: "month" in _precisions(text),
    "quarters": lambda text: "month" in _precisions(text),
    "counted_months": lambda text: any(d.text.endswith(tuple("0123456789r")) and "months" in d.text
                                       and d.precision == "month" for d in find_dates(text, PUB)),
    "indefinite_counts": lambda text: any(d.text.lower().startswith(("a ", "an ")) for d in find_dates(text, PUB)),
    "named_days": lambda text: "day" not in _precisions(text),  # "Good Friday" is no date
    "weekday_modifiers": lambda text: any(" " in d.text and d.precision == "day" for d in find_dates(text, PUB)),
    "day_words": lambda text: "day" in _precisions(text),
    "period_shifts": lambda text: bool(find_dates(text, PUB)),
    "anaphor_offsets": lambda text: _counted_from_previous(text),
    "count_directions": lambda text: _counted_from_previous(text),
    "clause_final_directions": lambda text: _counted_from_previous(text),
    "ago_words": lambda text: any(d.source == "inferred" for d in find_dates(text, PUB)),
    "range_words": lambda text: len(find_dates(text, PUB)) == 1,  # one range, not two dates
    "month_prepositions": lambda text: "month" in _precisions(text),
    "month_prepositions_lowercase": lambda text: "month" in _precisions(text),
    "vague_parts_of_year": lambda text: any(d.precision == "year" and not d.text.isdigit() for d in find_dates(text, PUB)),
    "recent_words": lambda text: any(d.source == "publication" for d in find_dates(text, PUB)),
    "rest_of_period_words": lambda text: any(len(d.text.split()) == 3 for d in find_dates(text, PUB)),
}


def _counted_from_previous(text: str) -> bool:
    """Two dates, the second counted from the first ("... and closed the following day")."""
    found = find_dates(text, PUB)
    return len(found) == 2 and found[1].source == "inferred" and found[1].date_start != found[0].date_start


@pytest.mark.parametrize("name, text, expected", lexicon_examples.cases("dates", _LEXICON_CHECKS))
def test_date_word_lists_read_their_examples(name, text, expected):
    assert _LEXICON_CHECKS[name](text) is expected
