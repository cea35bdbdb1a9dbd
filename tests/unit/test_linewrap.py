"""Hard line wraps are undone before annotation, keeping every offset; other text is left alone."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.nlp.linewrap import is_wrapped, unwrap

WRAPPED = ("The first contacts between the two\n"
           "countries came early. Chilean President Maria\n"
           "Soto visited Peru twice, and the talks\n"
           "were held during the visit by Peruvian President Ana Lopez-\n"
           "Garcia to Chile on 3 May 2022, when they\n"
           "signed a treaty.\n")


def test_a_wrapped_text_gets_its_sentences_back_at_the_same_length():
    out = unwrap(WRAPPED)
    assert len(out) == len(WRAPPED)
    assert "President Maria Soto visited" in out
    assert "the two countries came" in out
    assert "Ana Lopez-Garcia " in out


def test_a_line_that_ends_a_sentence_keeps_its_break():
    out = unwrap(WRAPPED)
    assert "signed a treaty.\n" in out


@pytest.mark.parametrize("text", [
    "Visits from Chile to Peru:\n• President Maria Soto – state visit, 2019\n• Minister Ana Ruiz – talks, 2021\n",
    "Chile and Peru\n\nThe two presidents met in Lima.\nThey signed a treaty.\n",
    "Headline about talks\nLima, Peru\nMay 3, 2024\n",
])
def test_text_that_is_not_hard_wrapped_comes_back_unchanged(text):
    assert not is_wrapped(text)
    assert unwrap(text) == text


def test_bullet_entries_of_a_wrapped_text_stay_on_their_lines():
    text = WRAPPED + "Visits since then\n- a visit by the minister\n- a visit by the speaker\n"
    out = unwrap(text)
    assert "then\n- a visit by the minister\n- a visit" in out


@given(st.text(alphabet="ab C\n-.:•", max_size=200))
def test_unwrap_never_changes_the_length_or_the_non_space_characters_order(text):
    out = unwrap(text)
    assert len(out) == len(text)
    assert sorted(out.replace("\n", " ")) == sorted(text.replace("\n", " "))


def test_a_lower_case_word_split_at_a_wrap_is_joined_without_its_hyphen():
    text = WRAPPED.replace("the talks\n", "the sec-\nond talks\n")
    out = unwrap(text)
    assert "the second " in out and "sec-" not in out and len(out) == len(text)
