"""The spaCy pipeline: the gazetteer's entities on top of the statistical NER, which stays as trained."""
from pipeline.nlp.annotate import load_nlp

TEXT = ("Ghanaian President John Mahama arrived in Lome, the Togolese capital, on Monday.\n"
        "He met African Union officials and the President of Togo.")


def test_gazetteer_entities_carry_their_kind_and_country():
    doc = load_nlp()(TEXT)
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Ghanaian", "DEMONYM", "GHA") in found
    assert ("Lome", "CAPITAL", "TGO") in found
    assert ("Togo", "COUNTRY", "TGO") in found
    assert ("African Union", "IGO", "") in found


def test_the_statistical_ner_keeps_its_trained_labels():
    nlp = load_nlp()
    ner = nlp.get_pipe("ner")
    before = set(ner.labels)
    nlp(TEXT)
    assert set(ner.labels) == before
    assert not before & {"COUNTRY", "DEMONYM", "CAPITAL", "IGO"}


def test_a_line_break_starts_a_sentence():
    doc = load_nlp()("Talks ended\nThe ministers signed a memorandum")
    assert [s.text.strip() for s in doc.sents] == ["Talks ended", "The ministers signed a memorandum"]


def test_a_place_word_naming_a_currency_is_not_a_country_mention():
    doc = load_nlp()("Trade reached 40 million US dollars and 9 billion Turkish lira, said Peru.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert not found & {("US", "COUNTRY"), ("Turkish", "DEMONYM")}
    assert ("Peru", "COUNTRY") in found


def test_a_currency_word_that_is_also_an_english_word_needs_an_amount():
    doc = load_nlp()("The US won the vote, and Seoul paid 2 trillion Korean won for the port.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("US", "COUNTRY") in found and ("Korean", "DEMONYM") not in found
