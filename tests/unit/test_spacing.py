"""Spaces put back between a function word and a capitalised word glued to it."""
import pytest

from pipeline.io.glued_words import split_glued_words


@pytest.mark.parametrize("text, expected", [
    ("Official visits toChile:", "Official visits to Chile:"),
    ("relations were established onMay 5, 1972", "relations were established on May 5, 1972"),
    ("talks betweenGhana and Togo", "talks between Ghana and Togo"),
    ("the ministry ofFinance", "the ministry of Finance"),
    ("Minister A (May 1990);Minister B (June 1991)", "Minister A (May 1990); Minister B (June 1991)"),
    # words whose lower-case start is not a glued function word keep their shape
    ("McDonald sold iPhone cases on eBay in Oslo", "McDonald sold iPhone cases on eBay in Oslo"),
    ("Toronto and Ontario", "Toronto and Ontario"),
    ("an infoBox", "an infoBox"),
])
def test_split_glued_words(text, expected):
    assert split_glued_words(text) == expected
