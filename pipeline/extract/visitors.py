"""Who made a visit: the tokens of a visit clause that name its visitor, and the people they name."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.extract.context import ArticleContext
from pipeline.extract.people import Person, name_runs, people_in, person_from_tokens
from pipeline.extract.visit_dates import bracket_date
from pipeline.nlp.rules import lexicon

MOTION_VERBS = lexicon("visits", "motion_verbs")
_NAME_PHRASE_ENDS = lexicon("visits", "name_phrase_ends")
VISIT_NOUN_VERBS = lexicon("visits", "visit_noun_verbs")
_NAME_STOP_POS = {"VERB", "AUX", "CCONJ", "SCONJ", "PART", "NUM"}
_NAME_PHRASE_LENGTH = 16  # tokens: the longest title-and-name phrase read after "visiting"


@dataclass(frozen=True)
class Office:
    """A visitor named only by office ("the Latvian premier"), where a rule reads a named `Person`."""

    title: str
    country: str
    start: int
    end: int
    name: None = None


def who(person: Person | Office) -> str:
    """The key a sentence's visitors are told apart by: the name, or country and office for an unnamed one."""
    return person.name or f"{person.country}:{person.title}"


def passive_agents(verb: Token) -> list[Token]:
    """"Peru was visited by X": X."""
    if verb.lemma_ != "visit" or not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def bracket_list(ctx: ArticleContext, sent: Span, end: int, known: set[str]) -> list[Person]:
    """The people listed after a first "title NAME (date)": ", title NAME (date) and title NAME (date)"."""
    doc = sent.doc
    out = []
    while end < sent.end and doc[end].text == "(" and bracket_date(ctx, sent, end) is not None:
        close = next(t.i for t in doc[end: sent.end] if t.text == ")")
        start = close + 1
        while start < sent.end and doc[start].lower_ in (",", "and", ";"):
            start += 1
        if start == close + 1:
            break
        stop = next((t.i for t in doc[start: sent.end] if t.text == "(" or t.is_punct and t.text != "-"), sent.end)
        toks = list(doc[start:stop])
        person = person_from_tokens(ctx, toks, set()) if toks and name_runs(toks) else None
        if person is None or person.end != stop:
            break
        if person.name not in known:
            out.append(person)
        end = stop
    return out


def office_phrase(subj: Token) -> Span:
    """The words that name a visitor's office: the subject up to its head noun and its "of" phrase ("the
    Minister of Foreign Affairs of Chile"), without a relative clause or apposition after it."""
    end = subj.i
    for c in subj.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            end = c.right_edge.i
    return subj.doc[subj.left_edge.i: end + 1]


def _agent_phrase(head: Token, noun: Token) -> list[Token]:
    """The objects of `head`'s "by" (or, on the visit noun itself, "of") that name someone."""
    for c in head.children:
        if c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "of" and head.i == noun.i)):
            found = [p for p in c.children if p.dep_ == "pobj" and p.pos_ in ("PROPN", "NOUN")]
            if found:  # "the visit of the Chilean president Ana Soto to Peru"
                return found
    return []


def noun_agents(noun: Token) -> list[Token]:
    """The visitor a visit noun names with "by" or "of": "the state visit by X to Peru", "a visit to Peru by
    X" (where the parser may hang "by X" from the destination), "the first visit of X to Peru"."""
    for head in [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"
                          for p in c.children if p.dep_ == "pobj"]:
        found = _agent_phrase(head, noun)
        if found:
            return found
    return []


def carrier(noun: Token) -> Token | None:
    """What a visit noun after "on" / "during" hangs from: a person ("President X on a two-day visit to
    Peru") or a verb whose subject made the trip ("X opened the embassy during a trip to Peru")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("on", "during") or prep.head.i == prep.i:
        return None
    head = prep.head
    if head.pos_ == "PROPN" or (head.pos_ == "VERB" and head.lemma_ not in VISIT_NOUN_VERBS | MOTION_VERBS):
        return head
    return None


def possessor_before(ctx: ArticleContext, pron: Token) -> Person | None:
    """The named possessor a possessive pronoun refers back to in the same phrase ("on X's second day
    of his visit": his = X)."""
    for anc in pron.ancestors:
        for c in anc.children:
            if c.dep_ == "poss" and c.pos_ != "PRON" and c.i < pron.i:
                found = [p for p in people_in(ctx, c) if p.title or c.doc[p.start].ent_type_ == "PERSON"]
                if found:
                    return found[0]
    return None


def _ends_name_phrase(t: Token) -> bool:
    return t.pos_ in _NAME_STOP_POS or t.lower_ in _NAME_PHRASE_ENDS or (t.is_punct and t.text != "-")


def name_phrase(sent: Span, first: int) -> list[Token]:
    """The title-and-name phrase that starts at token `first` ("Zambian President John Phiri"), up to a
    verb, a conjunction or a comma; a bracketed aside inside it is skipped."""
    doc = sent.doc
    out: list[Token] = []
    depth = 0
    for t in doc[first: min(sent.end, first + _NAME_PHRASE_LENGTH)]:
        if t.text in ("(", ")"):
            depth = depth + 1 if t.text == "(" else max(0, depth - 1)
            continue
        if depth:
            continue
        if _ends_name_phrase(t):
            break
        out.append(t)
    return out
