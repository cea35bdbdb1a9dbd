"""One-token patterns matched by array tests find exactly what spaCy's Matcher finds."""
import pytest
from spacy.matcher import Matcher

from pipeline.nlp.annotate import annotate
from pipeline.nlp import rules, token_tests
from pipeline.nlp.rule_matcher import matches

SENTENCES = [
    "President Ana Lind visited Norland on Monday and signed three agreements with her host.",
    "The visiting Southland prime minister was received by King Olav in the capital.",
    "Two memoranda of understanding and a treaty on the border were inked in Port Vale.",
    "Exports to Westria rose to $4.5 billion in 2021, while imports fell by a fifth.",
    "The navies held joint drills in June; 12 documents were exchanged after the talks.",
    "Visits visit visiting VISITED: the words alone, in capitals and as nouns.",
]


@pytest.fixture(scope="module")
def docs():
    return [annotate(s) for s in SENTENCES]


def _matcher_spans(doc, vocab):
    m = Matcher(vocab)
    for table in rules.TABLES:
        for p in rules.rules(table).patterns:
            m.add(f"{table}.{p.name}", [list(alt) for alt in p.tokens])
    return sorted((vocab.strings[k], s, e) for k, s, e in m(doc))


def test_every_rule_pattern_matches_as_spacys_matcher_does(docs):
    for doc in docs:
        doc.user_data.pop("_rule_matches", None)
        ours = sorted((f"{t}.{x.pattern.name}", x.start, x.end) for t in rules.TABLES for x in matches(doc, t))
        assert ours == _matcher_spans(doc, doc.vocab), doc.text


def test_tests_read_values_lists_and_flags(docs):
    doc = docs[0]
    vocab = doc.vocab
    verb = token_tests.compile_token(vocab, {"LEMMA": {"IN": ["visit", "sign"]}, "POS": "VERB"})
    number = token_tests.compile_token(vocab, {"LIKE_NUM": True})
    lower = token_tests.compile_token(vocab, {"LOWER": "president"})
    assert verb is not None and number is not None and lower is not None
    found = token_tests.sequence_starts(doc, [(verb,), (number,), (lower,)])
    assert [doc[i].text for i in found[0]] == ["visited", "signed"]
    assert [doc[i].text for i in found[1]] == ["three"]
    assert [doc[i].text for i in found[2]] == ["President"]


def test_patterns_it_cannot_read_are_left_to_the_matcher(docs):
    vocab = docs[0].vocab
    assert token_tests.compile_token(vocab, {"LOWER": "visit", "OP": "?"}) is None
    assert token_tests.compile_token(vocab, {"TEXT": {"REGEX": "^vis"}}) is None
    assert token_tests.compile_token(vocab, {"_": {"flag": True}}) is None
    assert token_tests.compile_token(vocab, {"LENGTH": {">=": 3}}) is None


@pytest.mark.parametrize("pattern", [
    [{"LOWER": {"REGEX": "^vis"}}],
    [{"TAG": {"NOT_IN": ["NNP", "DT"]}, "LOWER": {"REGEX": "s$"}}],
    [{"LOWER": "the"}, {"TAG": {"IN": ["NN", "NNS", "JJ"]}}],
    [{"IS_PUNCT": True}, {}],
    [{"POS": "PROPN"}, {"POS": "PROPN"}, {"LOWER": {"NOT_IN": ["visited"]}, "IS_ALPHA": True}],
])
def test_sequences_match_as_spacys_matcher_does(docs, pattern):
    for doc in docs:
        m = Matcher(doc.vocab)
        m.add("p", [pattern])
        tests = tuple(token_tests.compile_token(doc.vocab, tok, allow_empty=True) for tok in pattern)
        assert None not in tests
        (starts,) = token_tests.sequence_starts(doc, [tests])
        assert [(s, s + len(pattern)) for s in starts] == sorted((s, e) for _, s, e in m(doc)), doc.text
