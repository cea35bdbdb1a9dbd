"""Shared extraction helpers: looking tokens up by attribute gives what visiting every token gives."""
from pipeline.nlp.annotate import load_nlp
from pipeline.extract.doc_index import sentences, token_positions, tokens_at

TEXT = ("The Ghanaian delegation arrived in Lome on Monday. Officials visited the port and signed two "
        "agreements.\nThe visit ended with a memorandum; the ministers travelled home.")


def _visit_like(word: str) -> bool:
    return word.lower() in {"visit", "arrive", "travel", "agreement", "memorandum"}


def test_token_positions_match_a_full_scan():
    doc = load_nlp()(TEXT)
    for attr, value in (("LEMMA", lambda t: t.lemma_), ("LOWER", lambda t: t.lower_), ("ORTH", lambda t: t.text)):
        positions = token_positions(doc, attr, _visit_like)
        assert positions == [t.i for t in doc if _visit_like(value(t))]
        for sent in sentences(doc):
            assert [t.i for t in tokens_at(sent, positions)] == [t.i for t in sent if _visit_like(value(t))]
    assert [t.lemma_ for t in tokens_at(doc[:], token_positions(doc, "LEMMA", _visit_like))] == [
        "arrive", "visit", "agreement", "visit", "memorandum", "travel"]
