"""The countries a page title or an outlet's name names: one reader, two readings (names invented for these tests)."""
import pytest

from pipeline.nlp.title_countries import HEADLINE, NAME, countries_named


@pytest.mark.parametrize("text, reading, want", [
    # a state body's name: "X of Y" is one phrase, and its words are tried when the phrase is no place
    ("Ministry of Foreign Affairs of Peru", NAME, ["PER"]),
    ("The Peruvian Times", NAME, ["PER"]),  # a demonym names its country
    ("Harbour Gazette", NAME, []),
    ("Peru-Chile accord signed", NAME, []),  # a hyphenated pair is no place and no word of it stands alone
    # a headline: every hyphen-joined part counts, each mention once
    ("Peru-Chile accord signed", HEADLINE, ["PER", "CHL"]),
    ("Chile and Peru sign an accord; Peru hosts the talks", HEADLINE, ["CHL", "PER", "PER"]),
    ("Ministry of Foreign Affairs of Peru", HEADLINE, ["PER"]),
    ("Peru Signs Accord", HEADLINE, []),  # a country joined to the next capitalised word is not read alone
])
def test_countries_named(text, reading, want):
    assert countries_named(text, reading) == want
