"""Which kind of instrument a word names (`doc_type`) and which action a verb or noun takes on it (`action`)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extract.doc_index import sent_of
from pipeline.nlp.rule_matcher import matches_in
from pipeline.nlp.rules import lexicon

_PLURAL_FORMS = lexicon("documents", "plural_forms")
TYPES = ("treaty", "agreement", "memorandum", "declaration", "joint_statement", "resolution", "protocol", "programme",
         "other")
ALL_TYPES = {w: t for t in TYPES for w in lexicon("documents", f"type_{t}")}
# Words that name an instrument only in their own shape ("joint statement", "Letter of Intent"): not
# trigger words by themselves (a press statement, a partnership as a relationship).
_SHAPED = lexicon("documents", "statement_words") | lexicon("documents", "type_other")
DOC_TYPES = {w: t for w, t in ALL_TYPES.items() if w not in _SHAPED}
_ACTIONS = ("signed", "adopted", "approved", "ratified", "reached", "released")
ACTIONS = {w: a for a in _ACTIONS for w in lexicon("documents", f"action_{a}")}
_BARE_INTENTIONS = lexicon("documents", "bare_intentions")
_PLAN_MODIFIERS = lexicon("documents", "plan_modifiers")
_JOINT_WINDOW = 4  # words before a statement word in which "joint" makes it a joint statement


def doc_type(tok: Token) -> str | None:
    """The kind of instrument the noun names, or None when it names none here (a bare "plan", a press
    "statement", "documents" not followed by their topic)."""
    if tok.lower_ in _BARE_INTENTIONS and not any(c.lower_ in _PLAN_MODIFIERS for c in tok.children) \
            and not (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in ACTIONS):
        return None  # a bare "plan" is an intention; an "action plan" / "joint plan" / a signed plan is an instrument
    if tok.lemma_.lower() == "document":  # "documents on X, Y and Z": instruments named by their topic
        return "other" if next_word(tok) == "on" else None
    word = tok.lower_ if tok.lower_ in ALL_TYPES else tok.lemma_.lower()
    dtype = ALL_TYPES.get(word)
    if dtype == "joint_statement" and word.startswith("statement"):
        return dtype if _joint(tok) or _named_statement(tok) else None
    if dtype == "other":
        return _other_instrument(tok, word)
    return dtype


def _joint(tok: Token) -> bool:
    """"a joint statement", "the Joint Andean-Pacific statement": joint, not one side's press statement."""
    doc = tok.doc
    start = max(sent_of(tok).start, tok.left_edge.i, tok.i - _JOINT_WINDOW)
    return any(doc[i].lower_ == "joint" for i in range(start, tok.i))


def _named_statement(tok: Token) -> bool:
    """"the Statement of Partnership", "Statement on Strategic Cooperation": a named instrument."""
    return tok.text[:1].isupper() and next_word(tok) in ("of", "on") and tok.i + 2 < len(tok.doc) \
        and tok.doc[tok.i + 2].text[:1].isupper()


def _other_instrument(tok: Token, word: str) -> str | None:
    """Words that name an instrument only in their own shape: "the Green Growth Partnership" (named, and
    signed: not "strategic partnership", a relationship), "a letter of intent", "an exchange of notes"."""
    doc = tok.doc
    if word == "partnership":
        named = tok.text[:1].isupper() and tok.dep_ != "compound" and tok.i > sent_of(tok).start \
            and doc[tok.i - 1].text[:1].isupper() and doc[tok.i - 1].lower_ not in ("strategic", "the")
        return "other" if named else None
    if word == "letter":
        return "other" if next_word(tok) == "of" and tok.i + 2 < len(doc) and doc[tok.i + 2].pos_ in ("NOUN", "PROPN") \
            else None
    if word in ("note", "notes"):  # "exchange of notes", "an exchange note", "notes were exchanged"
        before = doc[max(0, tok.i - 2): tok.i].text.lower()
        return "agreement" if "exchange" in before or tok.head.lemma_ == "exchange" else None
    return None


def candidates(sent: Span) -> list[Token]:
    """The sentence's instrument words (patterns of frame `instrument` in pipeline/rules/documents.yaml),
    plus "documents" (named by their topic: "documents on A, B and C")."""
    found = {m.start for m in matches_in(sent.doc, "documents", sent.start, sent.end, {"instrument"})}
    found.update(t.i for t in sent if t.lower_ in ("document", "documents"))
    return [sent.doc[i] for i in sorted(found)]


def next_word(tok: Token) -> str:
    """The next word of the sentence, lower-cased ("" at its end)."""
    return tok.doc[tok.i + 1].lower_ if tok.i + 1 < sent_of(tok).end else ""


def is_year(tok: Token) -> bool:
    """"the 1977 Agreement": a year in the name, not a count."""
    return len(tok.text) == 4 and tok.text.isdigit() and tok.text.startswith(("19", "20"))


def first_conjunct(tok: Token) -> Token:
    """The first of coordinated nouns ("the agreement and the protocol": "agreement"), which the verb governs."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node


def plural(tok: Token) -> bool:
    """A plural instrument word, as tagged or as spelt ("MoUs")."""
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_.endswith("s") or tok.lower_ in _PLURAL_FORMS


def named(tok: Token) -> bool:
    """An instrument given by name ("the Agreement on Air Services"), not an anaphor ("the protocol")
    or a scheme named by a proper noun ("the Orbis Scholars programme")."""
    return tok.text[:1].isupper() or any(c.dep_ == "prep" and c.lower_ in ("on", "of", "between")
                                         for c in tok.children)


def uncounted_plural(tok: Token) -> bool:
    """A plural instrument word with no number, no determiner, no name and no topic list ("signed major
    agreements", "agreements were reached and signed"): a set of instruments of unknown size."""
    if not plural(tok) or tok.text[:1].isupper() and tok.lower_ != "mous":
        return False
    if DOC_TYPES.get(tok.lemma_.lower()) == "resolution":
        return False  # resolutions are adopted one by one, each by its body
    if any(c.dep_ in ("nummod", "poss") for c in tok.children):
        return False
    mixed = any(DOC_TYPES.get(c.lemma_.lower()) not in (None, DOC_TYPES.get(tok.lemma_.lower()))
                for c in tok.conjuncts)  # "the agreements and memoranda which will be signed today"
    if not mixed and any(c.dep_ == "det" for c in tok.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ in ("on", "between") for c in tok.children) \
        and next_word(tok) not in ("on", "between") and topics_at(tok) is None


def topics_at(tok: Token) -> int | None:
    """Where the "on" of an instrument's topics is: right after the noun ("MoUs on"), or after the rest of
    its name ("memoranda of understanding on", "letters of intent on"); None when no "on" follows."""
    doc, end = tok.doc, sent_of(tok).end
    if next_word(tok) == "on":
        return tok.i + 1
    at = tok.i + _NAME_OF_WORDS + 1
    if next_word(tok) == "of" and at < end and doc[at].lower_ == "on" and doc[at - 1].pos_ == "NOUN":
        return at
    return None


_NAME_OF_WORDS = 2  # "of understanding": the words of a name after its noun, before the topics' "on"
