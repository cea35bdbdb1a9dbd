import datetime as dt

import pytest

from pipeline.nlp.edtf_format import to_edtf, valid

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
