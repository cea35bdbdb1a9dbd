"""The array attribute ruler annotates exactly as the model's own attribute ruler does."""
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from pipeline.nlp import array_attribute_ruler
from pipeline.nlp.annotate import _load_base, load_nlp

TEXTS = [
    "The minister ain't gonna sign it, she said; they didn't agree and won't meet again.",
    "Norland's president, who was re-elected in 2021, visited Southland twice: in May and in June.",
    "  Two   spaces,\n\na blank line and a tab\there.  Y'all know nothin' about it, do n't you?",
    "Which documents were signed? Those that the ministers had initialled were; these weren't.",
    "Exports rose 12% to $4.5bn, the agency's data show. It's the third year in a row.",
    "",
]
COLUMNS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def models():
    original, fast = _load_base(), _load_base()
    assert array_attribute_ruler.install(fast)
    return original, fast


def test_the_same_annotations_as_the_models_ruler(models):
    original, fast = models
    assert "attribute_ruler" in original.pipe_names and "attribute_ruler" not in fast.pipe_names
    assert array_attribute_ruler.NAME in fast.pipe_names
    for want, got in zip(original.pipe(TEXTS), fast.pipe(TEXTS)):
        assert (want.to_array(COLUMNS) == got.to_array(COLUMNS)).all(), want.text
        assert [(t.pos_, str(t.morph), t.lemma_) for t in want] == [(t.pos_, str(t.morph), t.lemma_) for t in got]


def test_later_rules_win_as_in_the_models_ruler(models):
    original, fast = models
    # Rules are applied in the ruler's order: a rule added last overrides the tag map's POS for "gonna".
    for nlp in (original, fast):
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "gon"}]], {"POS": "INTJ"})
        if nlp is fast:
            assert nlp.get_pipe(array_attribute_ruler.NAME).use(ruler)
    text = "They are gonna leave."
    assert [t.pos_ for t in original(text)] == [t.pos_ for t in fast(text)]
    assert "INTJ" in [t.pos_ for t in fast(text)]


def test_a_pattern_it_cannot_read_leaves_the_models_ruler_in_place():
    nlp = _load_base()
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    assert not array_attribute_ruler.install(nlp)
    assert "attribute_ruler" in nlp.pipe_names and array_attribute_ruler.NAME not in nlp.pipe_names


def test_the_pipeline_uses_it():
    assert array_attribute_ruler.NAME in load_nlp().pipe_names
