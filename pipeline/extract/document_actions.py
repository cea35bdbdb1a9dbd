"""The verb or noun that signs, adopts, approves, ratifies or releases an instrument, and the clause's status."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from pipeline.extract.context import own_clause_text, status_of
from pipeline.extract.doc_index import sent_of
from pipeline.extract.document_types import ACTIONS, ALL_TYPES, doc_type, first_conjunct, named
from pipeline.nlp.rules import lexicon

Action = tuple[str, Token]  # (action, the verb or noun that takes it)
_NO_ACTION = ""  # an action a strategy returns when it settles that the instrument has none
_PART_NOUNS = lexicon("documents", "part_of")
_LIST_VERBS = lexicon("documents", "list_verbs")
_LIST_PREPOSITIONS = lexicon("documents", "list_prepositions")
_REFERENCE_PREPOSITIONS = lexicon("documents", "reference_prepositions")
_LATE_PARTICIPLES = lexicon("documents", "late_participles")
_PARTICIPLE_WINDOW = 14  # words after the instrument in which a participle of its own may sign it


def _governing_verb(tok: Token, node: Token, head: Token) -> Action | None:
    """"signed an agreement", "the treaty was ratified", "the signing of the accord"."""
    if node.dep_ in ("dobj", "nsubjpass", "pobj", "appos") and head.lemma_ in ACTIONS:
        return ACTIONS[head.lemma_], head
    return None


def _apposition_of_object(tok: Token, node: Token, head: Token) -> Action | None:
    """"signed one of the key documents - a declaration on X": the apposition of the signed object."""
    if node.dep_ == "appos" and head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_ in ACTIONS:
        return ACTIONS[head.head.lemma_], head.head
    return None


def _included_in_signed(tok: Token, node: Token, head: Token) -> Action | None:
    """"the accords signed include a pact on X": the object of "include" whose subject was signed."""
    if node.dep_ == "dobj" and head.lemma_ in _LIST_VERBS:
        for t in (t for c in head.children if c.dep_ == "nsubj" for t in c.subtree):
            verb = next((c for c in t.children if c.dep_ in ("acl", "relcl") and c.lemma_ in ACTIONS), None)
            if verb is not None and doc_type(t) is not None:
                return ACTIONS[verb.lemma_], verb
    return None


def _due_to_be_signed(tok: Token, node: Token, head: Token) -> Action | None:
    """"a dozen MoUs are expected to be signed", "are due to be signed": the subject of a signing complement."""
    if node.dep_ in ("nsubj", "nsubjpass"):
        act = next((c for c in head.children if c.dep_ == "xcomp" and c.lemma_ in ACTIONS), None)
        if act is not None:
            return ACTIONS[act.lemma_], act
    return None


def _object_of_preposition(tok: Token, node: Token, head: Token) -> Action | None:
    """"the signing of the treaty", "the ratification of the accord": the object of the action noun's "of"."""
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_ in ACTIONS:
        return ACTIONS[head.head.lemma_], head.head
    return None


def _member_of_signed_set(tok: Token, node: Token, head: Token) -> Action | None:
    """"signed five agreements, including a pact on X": the action of the set it is listed in (none when
    the set has none)."""
    if node.dep_ == "pobj" and head.lower_ in _LIST_PREPOSITIONS and head.head.i != tok.i \
            and doc_type(head.head) is not None:
        return action_of(head.head) or (_NO_ACTION, tok)
    return None


def _expected_statement(tok: Token, node: Token, head: Token) -> Action | None:
    """"with a joint statement expected at the end of the talks": a statement to be released (planned)."""
    for child in tok.children:
        if child.dep_ in ("acl", "amod") and child.lower_ == "expected" and ALL_TYPES.get(tok.lemma_.lower()) == \
                "joint_statement":
            return "released", child
    return None


def _own_participle(tok: Token, node: Token, head: Token) -> Action | None:
    """"the agreement, signed in Lima" / "an accord reached in Accra": a participle or relative clause of
    the instrument's own; an adjective on a plural ("the recently signed agreements") describes a kind, not
    one instrument signed here."""
    for child in tok.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.lemma_ in ACTIONS and not (
                child.dep_ == "amod" and tok.tag_ == "NNS"):
            return ACTIONS[child.lemma_], child
    return None


def _participle_after(tok: Token, node: Token, head: Token) -> Action | None:
    """"(dated 4 May 2019)": a participle a few words after the noun, in its clause."""
    for t in tok.doc[tok.i + 1: min(tok.i + _PARTICIPLE_WINDOW, sent_of(tok).end)]:
        if t.lower_ in _LATE_PARTICIPLES and t.tag_ in ("VBN", "VBD") and _participle_of(t, tok):
            return ACTIONS[t.lemma_ if t.lemma_ in ACTIONS else "sign"], t
        if t.text in (".", ";"):
            break
    return None


def _participle_of_first_conjunct(tok: Token, node: Token, head: Token) -> Action | None:
    """"the Agreement ..., signed in 2008, and the agreement of 2010": the participle of the first conjunct."""
    if node is not tok and doc_type(node) is not None:
        for child in node.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_ in ACTIONS:
                return ACTIONS[child.lemma_], child
    return None


def _named_as_reference(tok: Token, node: Token, head: Token) -> Action | None:
    """"under the Agreement on Air Services": an instrument named as the basis of something, so signed."""
    if node.dep_ == "pobj" and head.lower_ in _REFERENCE_PREPOSITIONS and named(tok):
        return "signed", tok
    return None


def _translation_of_quoted(tok: Token, node: Token, head: Token) -> Action | None:
    """"signed the 'Tratado de Cooperacion' [Treaty on Cooperation]": a translation in brackets after a quoted
    name in another language is the instrument the verb signs (the parser joins it to nothing)."""
    if not (tok.i >= 2 and tok.doc[tok.i - 1].text in ("[", "(") and tok.doc[tok.i - 2].is_quote):
        return None
    quote = tok.doc[tok.i - 2]
    start = sent_of(quote).start
    inside = next((t for t in reversed(quote.doc[start: quote.i]) if not t.is_punct), None)
    if inside is None:
        return (_NO_ACTION, tok)
    for n in (inside, *inside.ancestors):
        if n.dep_ in ("dobj", "nsubjpass") and n.head.lemma_ in ACTIONS:
            return ACTIONS[n.head.lemma_], n.head
    return (_NO_ACTION, tok)


# The ways a clause signs an instrument, tried in order; the first that finds an action wins.
_STRATEGIES: tuple[Callable[[Token, Token, Token], Action | None], ...] = (
    _governing_verb, _apposition_of_object, _included_in_signed, _due_to_be_signed, _object_of_preposition,
    _member_of_signed_set, _expected_statement, _own_participle, _participle_after, _participle_of_first_conjunct,
    _named_as_reference, _translation_of_quoted)


def action_of(tok: Token) -> Action | None:
    """The verb that signs/adopts the instrument `tok`, if the clause says so."""
    node = first_conjunct(tok)
    for strategy in _STRATEGIES:
        found = strategy(tok, node, node.head)
        if found is not None:
            return None if found[0] == _NO_ACTION else found
    return None


def _participle_of(verb: Token, tok: Token) -> bool:
    """A participle after the instrument that signs it: no clause of its own ("the Treaty, signed in
    1990"), or a passive whose subject is the instrument or a part of it ("the second phase of the Free
    Trade Agreement was signed"), not another thing ("the study of the accord would be concluded")."""
    if not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subj is None or subj.i == tok.i:
        return True
    return subj.lemma_.lower() in _PART_NOUNS and tok.head.dep_ == "prep" and tok.head.head.i == subj.i


def action_of_whole(tok: Token) -> Action | None:
    """"signed a package of 13 documents", "a set of five agreements was signed": the verb that signs the set
    the counted instruments are part of."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PART_NOUNS and head.head.i != tok.i:
        return action_of(head.head)
    return None


def signing_status(sent: Span, verb: Token) -> str:
    """The signing clause's status, without the relative clauses inside it ("signed the agreement on
    ships that will operate between the two countries" is done, not planned)."""
    if verb.lower_ == "expected" and verb.dep_ in ("acl", "amod"):
        return "planned"
    return status_of(own_clause_text(sent, verb)) or "occurred"


def clause_status(verb: Token) -> str | None:
    """The status of the clause of the signing verb (None when negated)."""
    return status_of(own_clause_text(sent_of(verb), verb))
