"""Titles: the visitor role each maps to, the words of titles, title case."""
import pytest

from pipeline.nlp import titles
from tests.unit import lexicon_examples


@pytest.mark.parametrize("title, role", [
    ("Deputy Prime Minister", "official"),  # a deputy is an official whatever he deputises for
    ("Minister of Foreign Affairs", "foreign_minister"),
    ("Prime Minister", "head_of_government"),
    ("President of the Council of Ministers", "head_of_government"),
    ("President", "head_of_state"),
    ("Chief of General Staff", "military"),
    ("Speaker of Parliament", "parliament"),
    ("Energy Minister", "minister"),
    ("delegation", "delegation"),
    ("Mayor", "official"),
    ("Harbour Master", "other"),
    ("", "other"),
    (None, "other"),
])
def test_role_of(title, role):
    assert titles.role_of(title) == role


def test_clean_title_keeps_small_words_and_short_capitals():
    assert titles.clean_title("minister of foreign affairs") == "Minister of Foreign Affairs"
    assert titles.clean_title("the UN envoy") == "The UN Envoy"


# What each word list of pipeline/rules/titles.yaml does, as a check on its examples and counter-examples.
_LEXICON_CHECKS = {
    "title_words": lambda text: all(w.lower() in titles.TITLE_WORDS for w in text.split()),
    "title_small_words": lambda text: titles.clean_title(text.lower()) == text,
}


@pytest.mark.parametrize("name, text, expected", lexicon_examples.cases("titles", _LEXICON_CHECKS))
def test_title_word_lists_read_their_examples(name, text, expected):
    assert _LEXICON_CHECKS[name](text) is expected
