"""Visits: who travelled where, read from the clause's subject, verb and destination.

A visit clause ("X visited Y", "X's trip to Y") is read in named steps, each an ordered list of
strategies where the first that finds something wins: the destination (`_DESTINATIONS`), the tokens
that name the visitor (`_SUBJECTS`), the people they name (`_visitors_of`) and the date (`_DATES`).
The other frames (represented at, visiting X, X received Y, A met B in Z) are in visit_frames.py, A called
on B and the return visit in visit_calls.py, the visits listed under a heading in visit_lists.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pipeline.extract import slots
from pipeline.extract.context import ArticleContext, date_inferred, evidence_span, own_clause_text, text_of
from pipeline.extract.doc_index import Place, places_in, sentences
from pipeline.extract.people import office_holder, people_in, person_by_title
from pipeline.extract.rows import Fact, VisitRow
from pipeline.extract.visit_calls import build_call_visits
from pipeline.extract.visit_dates import (bracket_date, date_at, date_from_previous, gapped_entries, lead_date, listed_dates,
                                          nth_day, with_duration)
from pipeline.extract.visit_frames import build_frame_visits
from pipeline.extract.visit_lists import build_listed_visits
from pipeline.extract.visit_places import host_city, hosting_place, our_country
from pipeline.extract.visit_rows import visit_row, visit_status, visit_type
from pipeline.extract.visitors import (MOTION_VERBS, VISIT_NOUN_VERBS, bracket_list, carrier, noun_agents,
                                       office_phrase, passive_agents, possessor_before)
from pipeline.nlp.rule_matcher import matches_in
from pipeline.nlp.rules import cue_regex, lexicon
from pipeline.nlp.temporal import DateMention

CANCEL_VERBS = lexicon("visits", "cancel_verbs")
_EPITHETS = lexicon("visits", "office_epithets")
_VESSELS = lexicon("visits", "vessel_prefixes")
_VISIT_NOUNS = lexicon("visits", "visit_nouns")
_OCCASION = cue_regex("visits", "occasion")
_OCCASION_END = cue_regex("visits", "occasion_end")
_LEADING_ARTICLE = cue_regex("common", "leading_article")

Visitor = tuple[str | None, str | None, str | None]  # (name, title, country)


def build_visits(ctx: ArticleContext) -> list[Fact[VisitRow]]:
    rows: list[Fact[VisitRow]] = []
    for sent in sentences(ctx.doc):
        seen_people: set[str] = set()
        antecedent = ctx.people.antecedent(sent)
        for verb, noun in _triggers(sent):
            rows.extend(_visits_for(ctx, sent, verb, noun, seen_people, antecedent))
        rows.extend(build_frame_visits(ctx, sent, seen_people))
        rows.extend(build_call_visits(ctx, sent, seen_people))
    stated = list(rows)
    for fact in build_listed_visits(ctx):  # an entry a sentence rule already read is not read twice
        row = fact.row
        if not any(r.row["visitor_name"] == row["visitor_name"] and r.row["char_start"] < row["char_end"] and
                   row["char_start"] < r.row["char_end"] for r in stated):
            rows.append(fact)
    return rows


# ---------------------------------------------------------------------------------------------- triggers

def _noun_head(tok: Token) -> Token:
    """The word a visit noun hangs from, past prepositions ("began the second day of his visit": began)."""
    head = tok.head
    while head.dep_ in ("prep", "pobj") and head.head.i != head.i:
        head = head.head
    return head


def _states_a_visit(tok: Token, head: Token) -> bool:
    """Whether a visit noun under `head` states a visit: taken by a visit verb ("paid a visit"), the
    subject, cancelled ("cancelled his trip"), someone's ("during X's visit to Y", "the final day of X's
    visit"), by someone ("a visit to Peru by X") or carried ("X on a visit to Peru", "X spoke during a trip")."""
    return (head.lemma_ in VISIT_NOUN_VERBS | MOTION_VERBS or tok.dep_ in ("nsubj",) or
            (head.lemma_ in CANCEL_VERBS and tok.dep_ in ("dobj", "nsubjpass")) or
            (tok.dep_ == "pobj" and any(c.dep_ == "poss" for c in tok.children)) or
            bool(noun_agents(tok)) or carrier(tok) is not None)


def _triggers(sent: Span):
    """(verb, visit-noun) pairs that state a visit (patterns visit_verb and visit_noun of the rules)."""
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"visit_clause", "visit_noun"}):
        tok = sent.doc[m.start]
        if m.frame == "visit_noun":
            head = _noun_head(tok)
            if _states_a_visit(tok, head):
                yield head, tok
        elif not any(c.lemma_ in _VISIT_NOUNS and c.pos_ == "NOUN" for c in tok.subtree):
            yield tok, None


# ---------------------------------------------------------------------------------------------- the clause

@dataclass
class _Clause:
    """A visit clause being read: its trigger verb (and visit noun), what the steps found so far."""

    ctx: ArticleContext
    sent: Span
    verb: Token
    noun: Token | None
    status: str
    dest: Place
    carrier: Token | None = None
    ours: bool = False  # the destination is "our country": the publisher's, inferred
    subjects: list[Token] = field(default_factory=list)
    bracketed: dict[str, DateMention] = field(default_factory=dict)  # "A (March 2019), B (June 2021)"


def _first(strategies, *args):
    """The first thing an ordered list of strategies finds (None, or an empty list, is nothing)."""
    for strategy in strategies:
        found = strategy(*args)
        if found:
            return found
    return None


# Where the visit went, first found wins.
def _hosted_by_subject(verb: Token, noun: Token | None) -> Place | None:  # "Peru received visits by X"
    return hosting_place(verb, noun)


def _stated_destination(verb: Token, noun: Token | None) -> Place | None:  # "visited Peru", "the visit by X to Peru"
    return slots.destination(verb, noun, noun_agents(noun) if noun is not None else None)


_DESTINATIONS: tuple[Callable[[Token, Token | None], Place | None], ...] = (_hosted_by_subject, _stated_destination)


# The tokens that name the visitor, first found wins.
def _possessors(c: _Clause) -> list[Token]:  # "the premier's visit"
    return [t for t in c.noun.children if t.dep_ == "poss"] if c.noun is not None else []


def _agents_of_noun(c: _Clause) -> list[Token]:  # "the visit by X", "the first visit of X"
    return noun_agents(c.noun) if c.noun is not None else []


def _carrying_person(c: _Clause) -> list[Token]:  # "President X on a two-day visit"
    return [c.carrier] if c.carrier is not None and c.carrier.pos_ != "VERB" else []


def _agents_of_passive(c: _Clause) -> list[Token]:  # "Peru was visited by X"
    return passive_agents(c.verb) if c.noun is None else []


def _clause_subjects(c: _Clause) -> list[Token]:  # "X visited", "X opened the embassy during a trip"
    return slots.subjects(c.carrier if c.carrier is not None else c.verb)


def _guest_after_invitation(c: _Clause) -> list[Token]:
    """"At the invitation of X, Y paid a visit to Z", where the parser hangs Y on X (a conjunct, or a
    named apposition) and leaves the verb no subject: Y (the inviter X is the host)."""
    verb = c.carrier if c.carrier is not None else c.verb
    for prep in (t for t in verb.children if t.dep_ == "prep" and t.i < verb.i):
        for inv in (t for t in prep.children if t.dep_ == "pobj" and t.lemma_ == "invitation"):
            inviters = [p for of in inv.children if of.lower_ == "of" for p in of.children if p.dep_ == "pobj"]
            return [t for x in inviters for t in x.children if t.i > x.i and
                    (t.dep_ == "conj" or (t.dep_ == "appos" and t.ent_type_ == "PERSON"))]
    return []


_SUBJECTS: tuple[Callable[[_Clause], list[Token]], ...] = (
    _possessors, _agents_of_noun, _carrying_person, _agents_of_passive, _clause_subjects, _guest_after_invitation)


def _read_clause(ctx: ArticleContext, sent: Span, verb: Token, noun: Token | None) -> _Clause | None:
    """The clause's status, destination and visitor tokens; None when it states no visit (negated, or
    going nowhere the text names)."""
    status = visit_status(own_clause_text(sent, verb))
    if status is None:
        return None
    dest = _first(_DESTINATIONS, verb, noun)
    ours = dest is None
    dest = dest or our_country(ctx, verb, noun)
    if dest is None:
        return None
    c = _Clause(ctx, sent, verb, noun, status, dest, carrier(noun) if noun is not None else None, ours)
    c.subjects = _first(_SUBJECTS, c) or []
    return c


# ---------------------------------------------------------------------------------------------- visitors

def _pronoun_visitors(c: _Clause, subj: Token, antecedent: dict | None) -> list[Visitor]:
    """"X underlined the significance of his visit": his = X (a possessor or subject before it), else the
    person the article named last before the sentence."""
    local = possessor_before(c.ctx, subj) or slots.clause_subject(c.ctx, subj)
    if local is not None:
        return [(local.name, local.title, local.country)]
    if antecedent:
        return [(antecedent["name"], antecedent.get("title"), antecedent.get("country"))]
    return []


def _named_visitors(c: _Clause, subj: Token) -> list[Visitor]:
    """The people a phrase names (and those listed after it with a date in brackets each), else the one
    person its title refers back to ("the President of Chile"), else an office's holder ("the Chilean
    president")."""
    ctx, sent = c.ctx, c.sent
    found = people_in(ctx, subj, exclude={c.dest.token.i})
    found += bracket_list(ctx, sent, found[-1].end, {p.name for p in found}) if found else []
    c.bracketed.update({p.name: d for p in found if (d := bracket_date(ctx, sent, p.end))})
    if found:
        return [(p.name, p.title, p.country) for p in found]
    by_title = person_by_title(ctx, sent.doc[subj.left_edge.i: subj.right_edge.i + 1]) or \
        office_holder(ctx, office_phrase(subj), _EPITHETS)
    return [by_title] if by_title else []


def _visitors_of(c: _Clause, antecedent: dict | None) -> list[Visitor]:
    """Everyone the visitor tokens name; a conjunct is read with the first subject (people_in splits it)."""
    out: list[Visitor] = []
    for k, subj in enumerate(c.subjects):
        if any(subj.i in {t.i for t in prev.subtree} for prev in c.subjects[:k]):
            continue
        out.extend(_pronoun_visitors(c, subj, antecedent) if subj.pos_ == "PRON" else _named_visitors(c, subj))
    return out


# ---------------------------------------------------------------------------------------------- dates

# When the visit happened, first found wins.
def _bracketed_date(c: _Clause, name: str | None) -> DateMention | None:  # "visited by A (March 2019)"
    return c.bracketed.get(name) if name is not None else None


def _noun_phrase_date(c: _Clause, name: str | None) -> DateMention | None:  # "her visit to Lima in May 1996"
    return slots.phrase_date(c.ctx, c.sent, c.noun) if c.noun is not None else None


def _sentence_date(c: _Clause, name: str | None) -> DateMention | None:
    return slots.sentence_date(c.ctx, c.sent, c.verb)


def _date_of_antecedent(c: _Clause, name: str | None) -> DateMention | None:  # "the city": the date said with it
    return date_at(c.ctx, c.dest.antecedent)


def _previous_sentence_date(c: _Clause, name: str | None) -> DateMention | None:
    return date_from_previous(c.ctx, c.sent)


def _lead_date_of_occurred(c: _Clause, name: str | None) -> DateMention | None:  # a report's lead, for a visit made
    return lead_date(c.ctx, c.sent) if c.status == "occurred" else None


_DATES: tuple[Callable[[_Clause, str | None], DateMention | None], ...] = (
    _bracketed_date, _noun_phrase_date, _sentence_date, _date_of_antecedent, _previous_sentence_date,
    _lead_date_of_occurred)


def _visit_date(c: _Clause, name: str | None) -> DateMention | None:
    """The first date `_DATES` finds, stretched by a stated length ("a three-day visit") or day ("the second
    day of")."""
    date = _first(_DATES, c, name)
    return nth_day(with_duration(date, text_of(c.sent)), c.sent, c.noun)


# ---------------------------------------------------------------------------------------------- rows

def _clean_occasion(text: str) -> str | None:
    text = _LEADING_ARTICLE.sub("", text.strip())
    text = _OCCASION_END.split(text)[0]
    return text or None


def _host_place(c: _Clause, country: str) -> Place:
    """The destination, or for a visitor of the destination's own state, the place it refers to ("X's visit
    to the country" after naming another)."""
    if country == c.dest.iso3 and c.dest.antecedent is not None:
        return slots.place_by_reference(c.dest.token, avoid=country) or c.dest
    return c.dest


def _entry_city(c: _Clause, place: Place, listed: list[DateMention], k: int) -> str | None:
    """The city of a listed entry's own stretch of the sentence, between its neighbours' dates."""
    lo = listed[k - 1].end if k else c.verb.idx
    hi = listed[k + 1].start if k + 1 < len(listed) else c.sent.end_char
    return next((p.text for p in places_in(c.sent) if p.kind == "city" and p.iso3 == place.iso3
                 and lo <= p.start < hi), None)


def _rows(c: _Clause, visitor: Visitor, country: str, place: Place, from_pair: bool) -> list[Fact[VisitRow]]:
    """The visitor's rows: one, or one per dated entry of a list ("during A on 2 May 2019; to open B ...")."""
    name, title, _ = visitor
    date = _visit_date(c, name)
    text = text_of(c.sent)
    occ = _OCCASION.search(text)
    occasion = _clean_occasion(occ.group("occ")) if occ else None
    city = place.text if place.kind == "city" else host_city(c.sent, place.iso3, c.subjects[0])
    s, e = evidence_span(c.sent)
    listed = [] if c.bracketed else listed_dates(c.ctx, c.sent, c.verb)
    gapped = [] if c.bracketed or listed else gapped_entries(c.ctx, c.sent, c.verb, place)
    if gapped:
        return [_entry_row(c, visitor, country, p, d, from_pair) for p, d in gapped if p.iso3 != country]
    out = []
    for k, one in enumerate(listed or [date]):
        if listed:
            city = _entry_city(c, place, listed, k)
        out.append(visit_row((s, e), c.ctx.article.text[s:e], name, title, country, place.iso3, city,
                             visit_type(text, occasion), occasion, c.status, one,
                             "visits.clause" if c.noun is None else "visits.visit_noun", c.verb.idx,
                             ["visitor_country"] * from_pair + ["host_country"] * c.ours + date_inferred(one, (s, e))))
    return out


def _entry_row(c: _Clause, visitor: Visitor, country: str, place: Place, date: DateMention,
               from_pair: bool) -> Fact[VisitRow]:
    """The row of one entry of a gapped list ("..., Quito in 2016 and ..."): its own place and date."""
    name, title, _ = visitor
    text = text_of(c.sent)
    s, e = evidence_span(c.sent)
    city = place.text if place.kind == "city" else None
    return visit_row((s, e), c.ctx.article.text[s:e], name, title, country, place.iso3, city, visit_type(text, None),
                     None, c.status, date, "visits.clause" if c.noun is None else "visits.visit_noun", c.verb.idx,
                     ["visitor_country"] * from_pair + date_inferred(date, (s, e)))


def _visits_for(ctx: ArticleContext, sent: Span, verb: Token, noun: Token | None, seen_people: set[str],
                antecedent: dict | None) -> list[Fact[VisitRow]]:
    """The visits a clause states: for each visitor it names (of a known state other than the host's, not
    a ship, not read before in the sentence), its rows."""
    c = _read_clause(ctx, sent, verb, noun)
    if c is None:
        return []
    out: list[Fact[VisitRow]] = []
    for visitor in _visitors_of(c, antecedent):
        name, title, country = visitor
        if name and name.split()[0].lower() in _VESSELS:
            continue  # a ship's port call
        from_pair = country is None
        if country is None:  # the other state the article is about
            country = next((p for p in ctx.pair if p != c.dest.iso3), None)
        if country is None:
            continue
        place = _host_place(c, country)
        who = name or f"{country}:{title}"  # one named only by office ("the Chilean president")
        if country == place.iso3 or who in seen_people:
            continue
        seen_people.add(who)
        out.extend(_rows(c, visitor, country, place, from_pair))
    return out
