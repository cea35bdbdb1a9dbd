"""One slot filler for every table: from a trigger token, the people, places, date, status and coordination
its clause states.

An extractor finds a trigger (a verb such as "visited", a noun such as "visit", an amount of money) and
asks `fill` for the rest; it only decides what row the slots make. The readers here were the visits,
documents and trade extractors' own; they are one set now, so a phrasing learnt by one table serves all.

Visits and documents use them: visits goes trigger -> slots -> row through `subjects`, `destination`,
`place_at`, `place_by_reference`, `unlabelled_city`, `clause_subject`, `phrase_date` and `sentence_date`
(it keeps its own fallback of any pronoun to the person named before, which `persons` limits to he/she).
Documents use `agent`, `phrase_date` and `clause_dates` (a signing's own phrase, then its clause; a visit it
happened during comes before the rest of the sentence, so not `date_of` whole); document_lists.py and
documents' `_own_date` (a year inside an instrument's name) and `_last_visit_date` are still their own.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.nlp import places as gazetteer
from pipeline.nlp import titles
from pipeline.extract.context import (ArticleContext, dates_in, dates_starting, nearest_date, group_countries,
                                      own_clause_text, status_of, text_of, word_before)
from pipeline.extract.doc_index import Place, countries_in, places_in, sent_of
from pipeline.extract.people import Person, name_runs, people_in, person_from_tokens
from pipeline.nlp.rules import cue_regex, lexicon
from pipeline.nlp.temporal import DateMention

_PRONOUNS = lexicon("common", "personal_pronouns")


@dataclass(frozen=True)
class Slots:
    """What a trigger's clause says: who, where, when, and whether it happened (None: negated)."""

    trigger: Token
    people: tuple[Person, ...]
    places: tuple[Place, ...]
    date: DateMention | None
    status: str | None

    @property
    def negated(self) -> bool:
        return self.status is None


# ---------------------------------------------------------------------------------------------- clauses

# A trailing 'after ...', 'which ...' part of a clause: what came before or beside the event.
_SUBORDINATE = cue_regex("common", "subordinate")
# Where a sentence's clauses meet ("A exported $X to B, while B exported $Y to A").
_CLAUSE_BREAK = cue_regex("common", "clause_break")
# "the Gulf state", "the Andean nation": a state named by a description, meaning one named just before.
_EPITHET = cue_regex("common", "state_epithet", any_case=True)


def main_clause(text: str) -> str:
    """A clause's text without its trailing 'after ...', 'which ...' part: the status (planned, negated) of
    the event is its main verb's, not that of what came before it ("broke in 2019, after X refused to ...")."""
    m = _SUBORDINATE.search(text)
    return text[:m.start()] if m else text


def clause_at(sent: Span, offset: int) -> tuple[Span, str | None]:
    """The clause of the sentence that the words at `offset` (in the sentence's text) belong to, and the
    country an epithet in it stands for ("the exports of the Gulf state": the one named last before). The
    whole sentence when the clause names no state."""
    text = text_of(sent)
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= offset:
            lo = m.end()
        elif m.start() >= offset:
            hi = m.start()
            break
    if (lo, hi) == (0, len(text)):
        return sent, None
    clause = sent.doc.char_span(sent.start_char + lo, sent.start_char + hi, alignment_mode="expand")
    if clause is None:
        return sent, None
    if places_in(clause):
        return clause, None
    stands_for = epithet_country(sent, clause)
    if stands_for is not None:
        return clause, stands_for
    return sent, None


def epithet_country(sent: Span, span: Span) -> str | None:
    """The country "the Gulf state" / "the Andean nation" in `span` stands for: the one the sentence names
    last before it."""
    if not _EPITHET.search(text_of(span)):
        return None
    before = [p for p in places_in(sent) if p.end <= span.start_char]
    return before[-1].iso3 if before else None


def states(ctx: ArticleContext, span: Span, sent: Span) -> list[str]:
    """The states a clause is about: those it names (else those its sentence names), and those "the two
    countries", "both sides" mean."""
    named = countries_in(span) or countries_in(sent)
    return list(dict.fromkeys(named + group_countries(ctx, text_of(sent))))


def status(sent: Span, trigger: Token) -> str | None:
    """occurred / planned for the trigger's own clause (without the subordinate clauses inside it); None
    when that clause is negated."""
    return status_of(own_clause_text(sent, trigger))


# ---------------------------------------------------------------------------------------------- people

def subjects(verb: Token) -> list[Token]:
    """The verb's subjects and their later conjuncts; a verb without one takes its head verb's ("arrived
    and held talks"), "took up the offer to make a trip" the offering clause's."""
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return subjects(verb.head)
    if not subs and verb.dep_ == "acl" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subjects(verb.head.head)
    if verb.dep_ == "relcl" and any(s.tag_ == "WP" for s in subs):  # "X, who had travelled to Y": X
        subs = [verb.head]
    out = []
    for s in subs:
        out.append(s)
        out.extend(t for t in s.conjuncts if t.i > s.i)
    return out


def agent(verb: Token) -> Token | None:
    """The agent of a passive ("was signed by X"): the object of its 'by'."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


_agent = agent


def _by_phrase(noun: Token) -> Token | None:
    """"the visit by X", "the signing by X": the object of the nominal's 'by'."""
    for c in noun.children:
        if c.dep_ in ("prep", "agent") and c.lower_ == "by":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _of_phrase(noun: Token) -> Token | None:
    """"the visit of Kenyan President X": the object of the nominal's 'of', when it names someone."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return pobj
    return None


def _visiting_head(adj: Token) -> Token | None:
    """"visiting Zambian President X": the name the adjective 'visiting' is part of."""
    if adj.lower_ != "visiting" or adj.dep_ != "amod":
        return None
    head = adj.head
    while head.dep_ in ("compound", "amod") and head.head.i != head.i and head.head.i > head.i:
        head = head.head
    return head


def clause_subject(ctx: ArticleContext, pron: Token) -> Person | None:
    """The person a pronoun refers to when a verb it depends on has a named subject before it."""
    for verb in pron.ancestors:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i and c.pos_ != "PRON":
                found = [p for p in people_in(ctx, c) if p.title or c.doc[p.start].ent_type_ == "PERSON"]
                if found:
                    return found[0]
    return None


def _referent(ctx: ArticleContext, tok: Token) -> Person | None:
    """Who "he" or "the president" refers back to: a named subject of the same clause, else the person the
    article named last before the sentence (for a title, the last one holding it)."""
    if tok.lower_ in _PRONOUNS:
        local = clause_subject(ctx, tok)
        if local is not None:
            return local
        before = ctx.people.antecedent(sent_of(tok))
    elif tok.lower_ in titles.TITLE_WORDS and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        before = ctx.people.last_titled(tok.lower_, sent_of(tok).start)
    else:
        return None
    if before is None:
        return None
    return Person(before["name"], before.get("title"), before.get("country"), tok.i, tok.i + 1)


def _people_of(ctx: ArticleContext, tok: Token, exclude: set[int]) -> list[Person]:
    named = people_in(ctx, tok, exclude) if tok.pos_ != "PRON" else []
    if named:
        return named
    found = _referent(ctx, tok)
    return [found] if found is not None else []


def persons(ctx: ArticleContext, trigger: Token, noun: Token | None = None,
            exclude: set[int] | frozenset[int] = frozenset()) -> list[Person]:
    """Who the trigger is about: for the adjective "visiting", the name after it; else the first found of
    the noun's possessor ("the premier's visit"), "by X" / "of X" after the noun, the agent of a passive
    verb, the verb's subjects (coordinated: "A and B signed"), an apposition to the noun. Pronouns, "the
    president" and short names refer back to the person named before. `exclude`: tokens of the places."""
    visiting = _visiting_head(trigger)
    if visiting is not None:
        toks = list(trigger.doc[trigger.i + 1: visiting.i + 1])
        person = person_from_tokens(ctx, toks, set(exclude)) if name_runs(toks) else None
        return [person] if person is not None else []
    noun = noun if noun is not None else (trigger if trigger.pos_ in ("NOUN", "PROPN") else None)
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    candidates: list[list[Token]] = []
    if noun is not None:
        candidates.append([c for c in noun.children if c.dep_ == "poss"])
        by = _by_phrase(noun) or _of_phrase(noun)
        candidates.append([by] if by is not None else [])
    if verb is not None:
        agent = _agent(verb)
        candidates.append([agent] if agent is not None else [])
        candidates.append(subjects(verb))
    if noun is not None:
        candidates.append([c for c in noun.children if c.dep_ == "appos"])
    seen: set[str] = set()
    for toks in candidates:
        out: list[Person] = []
        for k, tok in enumerate(toks):
            if any(tok.i in {t.i for t in prev.subtree} for prev in toks[:k]):
                continue  # a conjunct: people_in read it with the first
            for p in _people_of(ctx, tok, set(exclude)):
                if p.name not in seen:
                    seen.add(p.name)
                    out.append(p)
        if out:
            return out
    return []


# ---------------------------------------------------------------------------------------------- places

_STATE_NOUNS = lexicon("common", "state_nouns")
_REFERENCE_NOUNS = lexicon("common", "place_nouns") | _STATE_NOUNS
_REFERENCE_WINDOW = 200  # tokens before the sentence where "the city" / "the country" finds what it refers to


def place_by_reference(tok: Token, avoid: str | None = None) -> Place | None:
    """"the Chilean capital" -> Santiago; "the Gulf state" / "the Black Sea city" -> the country or city
    named last before (other than `avoid`: "X's visit to the country" is not to X's own)."""
    if tok.lemma_ not in _REFERENCE_NOUNS or not any(c.lower_ == "the" for c in tok.children):
        return None
    doc = tok.doc
    mods = places_in(doc[tok.left_edge.i: tok.i])
    if mods and tok.lemma_ == "capital":
        capital = gazetteer.gazetteer().capitals.get(mods[0].iso3)
        return Place(mods[0].iso3, "city", capital, mods[0].start, mods[0].end, tok) if capital else None
    if mods and tok.lemma_ in _STATE_NOUNS:
        return mods[0]
    kind = "country" if tok.lemma_ in _STATE_NOUNS else "city"
    before = [p for p in places_in(doc[max(0, sent_of(tok).start - _REFERENCE_WINDOW): tok.left_edge.i])
              if p.kind == kind and p.iso3 != avoid]
    return dataclasses.replace(before[-1], token=tok, antecedent=before[-1].token) if before else None


def unlabelled_city(tok: Token, in_name: bool = False) -> Place | None:
    """A place the tagger took for something else ("travelled to Victoria", Victoria as a PERSON); with `in_name`,
    also a city inside an organisation-like name ("the Quito Energy Forum")."""
    if tok.pos_ != "PROPN" or tok.ent_type_ == "NORP" or (tok.ent_type_ == "ORG" and not in_name):
        return None
    lo = min([c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i])
    name = tok.doc[lo: tok.i + 1]
    iso3 = gazetteer.city_country(name.text)
    return Place(iso3, "city", name.text, name.start_char, name.end_char, tok) if iso3 else None


def place_at(tok: Token) -> Place | None:
    """The place a noun phrase names: itself, a place inside it, or one it refers to ("the capital")."""
    if tok.lemma_ in _REFERENCE_NOUNS:
        ref = place_by_reference(tok)
        if ref is not None:
            return ref
    for p in places_in(tok.doc[tok.left_edge.i: tok.right_edge.i + 1]):
        if p.token.i == tok.i or p.token.head.i == tok.i or tok.i in range(p.token.i - 3, p.token.i + 1):
            return p
    found = places_in(tok.doc[tok.i: tok.i + 1])
    if found:
        return found[0]
    return unlabelled_city(tok) or place_by_reference(tok)


def destination(verb: Token, noun: Token | None = None, agents: list[Token] | None = None) -> Place | None:
    """The place the clause says was gone to: object of 'visit' (or its passive subject), after 'to', 'in'
    (arrive in, "is in Y for a visit"). `agents`: the noun's visitors ("the visit by X to Y"), from which
    'to Y' may hang."""
    of = _of_phrase(noun) if noun is not None else None  # "the visit of X to Y": 'to Y' may hang from X
    heads = [t for t in (noun, *(agents or []), of, verb) if t is not None]
    for head in heads:
        for child in head.children:
            if child.dep_ in ("dobj", "nsubjpass") and head.lemma_ == "visit" and head.pos_ == "VERB":
                p = place_at(child)
                if p:
                    return p
            if child.dep_ == "prep" and child.lower_ in ("to", "in", "into") and not (
                    child.lower_ == "in" and head.lemma_ not in ("arrive", "visit") and
                    not (head.lemma_ == "be" and noun is not None)):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        p = place_at(pobj)
                        if p:
                            return p
    return None


def clause_place(sent: Span, verb: Token, skip: set[int] | frozenset[int] = frozenset()) -> Place | None:
    """The place the verb's clause puts it in: a city, or a country after in/at, in the verb's subtree
    outside the participants' phrases `skip` ("met B in Suva", "the summit held in the city of Faro")."""
    own = {t.i for t in verb.subtree} - set(skip)
    for p in places_in(sent):
        if p.token.i not in own:
            continue
        if p.kind == "city":
            return p
        before = word_before(sent, p)
        if p.kind == "country" and before is not None and before.lower_ in ("in", "at"):
            return p
    for i in sorted(own):  # "held in the coastal city of Tacna": a city the tagger took for something else
        tok = sent.doc[i]
        if tok.lemma_ in ("city", "town", "port") and tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at"):
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    city = next((c for p in prep.children if p.dep_ == "pobj"
                                 if (c := unlabelled_city(p, in_name=True))), None)
                    if city is not None:
                        return city
    return None


def places_after(span: Span, preps: tuple[str, ...]) -> list[Place]:
    """The places of a span introduced by one of the prepositions, past a determiner ("exports to the
    Republic of Korea", "a loan from Peru")."""
    out = []
    for p in places_in(span):
        tok = word_before(span, p)
        while tok is not None and tok.lower_ in ("the", "a"):
            tok = span.doc[tok.i - 1] if tok.i > span.start else None
        # "aid for the people of Malawi": the state its people or government stand for
        if tok is not None and tok.lower_ == "of" and tok.i - 1 > span.start and \
                span.doc[tok.i - 1].lemma_ in ("people", "government", "citizen", "population"):
            tok = span.doc[tok.i - 2]
            while tok is not None and tok.lower_ in ("the", "a"):
                tok = span.doc[tok.i - 1] if tok.i > span.start else None
        if tok is not None and tok.lower_ in preps:
            out.append(p)
    return out


def places(sent: Span, trigger: Token, noun: Token | None = None,
           skip: set[int] | frozenset[int] = frozenset()) -> list[Place]:
    """Where the trigger's clause goes or happens: its destination (objects, to/in phrases, metonyms and
    descriptions such as "the Chilean capital", coordinated "to A and B"), else the place its clause
    puts it in."""
    visiting = _visiting_head(trigger)
    if visiting is not None:  # "visiting X met B in Lima": where the clause of X's phrase happens
        verb = next((t for t in visiting.ancestors if t.pos_ in ("VERB", "AUX")), visiting)
        skip = set(skip) | {t.i for t in trigger.doc[trigger.i: visiting.i + 1]}
        found = clause_place(sent, verb, skip)
        return [found] if found is not None else []
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    first = destination(verb, noun if noun is not None else (trigger if trigger is not verb else None))
    if first is None:
        found = clause_place(sent, verb, skip)
        return [found] if found is not None else []
    out = [first]
    for conj in first.token.conjuncts:  # "travelled to Peru and Chile"
        p = place_at(conj)
        if p is not None and p.iso3 not in {q.iso3 for q in out}:
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------- dates

def phrase_date(ctx: ArticleContext, sent: Span, trigger: Token, span: tuple[int, int] | None = None,
                keep: Callable[[DateMention], bool] | None = None) -> DateMention | None:
    """The date inside the trigger's own phrase ("X's visit to Lima in May 1996", "$5 million in 2021"):
    the characters `span`, by default the trigger's subtree; nearest the trigger."""
    lo, hi = span if span is not None else (trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge))
    found = dates_starting(ctx, lo, hi) if span is not None else dates_in(ctx, lo, hi)
    found = [d for d in found if keep is None or keep(d)]
    return nearest_date(ctx, sent, trigger, candidates=found) if found else None


def clause_dates(ctx: ArticleContext, verb: Token) -> list[DateMention]:
    """Dates in the verb's own clause: its subtree without coordinated clauses of other verbs."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    skip = {t.i for c in verb.children if c.dep_ in ("conj", "advcl", "ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")
            for t in c.subtree}
    starts = {t.idx for t in verb.subtree if t.i not in skip}
    doc = verb.doc
    out = []
    # Only dates inside the subtree's extent can start at one of its tokens: looking at every date of
    # the article for every verb made long articles quadratic.
    right = verb.right_edge
    for d in dates_starting(ctx, verb.left_edge.idx, right.idx + len(right.text)):
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is not None and span[0].idx in starts:
            out.append(d)
    return out


def sentence_date(ctx: ArticleContext, sent: Span, anchor: Token,
                  keep: Callable[[DateMention], bool] | None = None) -> DateMention | None:
    """The sentence's date nearest the anchor in the parse (then in characters)."""
    if keep is None:
        return nearest_date(ctx, sent, anchor)
    found = [d for d in dates_in(ctx, sent.start_char, sent.end_char) if keep(d)]
    return nearest_date(ctx, sent, anchor, candidates=found)


def date_of(ctx: ArticleContext, sent: Span, trigger: Token, noun: Token | None = None,
            keep: Callable[[DateMention], bool] | None = None) -> DateMention | None:
    """The trigger's date: its own phrase's first (the noun's), then its clause's, then the sentence's."""
    if noun is not None:
        own = phrase_date(ctx, sent, noun, keep=keep)
        if own is not None:
            return own
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    clause = [d for d in clause_dates(ctx, verb) if keep is None or keep(d)]
    if clause:
        return nearest_date(ctx, sent, verb, candidates=clause)
    return sentence_date(ctx, sent, trigger, keep)


# ---------------------------------------------------------------------------------------------- coordination

def coordinated(tok: Token) -> list[Token]:
    """The token and the later conjuncts coordinated with it ("A, B and C")."""
    return [tok, *(t for t in tok.conjuncts if t.i > tok.i)]


_LIST_SPLIT = cue_regex("common", "list_split")
_LEADING_CONJUNCTION = cue_regex("common", "leading_conjunction")
_LEADING_ARTICLE = cue_regex("common", "leading_article")
_LIST_ITEM_WORDS = 5  # the longest item of a written list, in words: a longer one is a clause, not an item


def listed(text: str) -> list[str]:
    """The items of a written list ("energy, mining and ports" -> three), without articles; brackets and
    items of more than five words are left out."""
    text = re.sub(r"\([^)]*\)", "", text)
    items = [_LEADING_CONJUNCTION.sub("", i.strip()) for i in _LIST_SPLIT.split(text)]
    items = [_LEADING_ARTICLE.sub("", i).strip(" .;") for i in items]
    return [i for i in items if i and len(i.split()) <= _LIST_ITEM_WORDS]


# ---------------------------------------------------------------------------------------------- all slots

def fill(ctx: ArticleContext, trigger: Token, noun: Token | None = None) -> Slots:
    """Every slot of a trigger: a verb ("visited"), or a noun ("visit", with the verb it hangs from as
    `trigger` and itself as `noun`, or on its own)."""
    sent = sent_of(trigger)
    found = places(sent, trigger, noun)
    skip = {p.token.i for p in found}
    return Slots(trigger, tuple(persons(ctx, trigger, noun, skip)), tuple(found),
                 date_of(ctx, sent, trigger, noun), status(sent, trigger))
