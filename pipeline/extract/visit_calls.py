"""Visits a sentence states by a courtesy call, a return visit or an act in a host's presence, never with
"visit" as the verb: "A called on B [in Z]", "A paid a courtesy call on B", "the visit was reciprocated by
A", "A, in the presence of President B, signed ..." (the frames calls_on, reciprocated and in_presence of
pipeline/rules/visits.yaml)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extract import slots
from pipeline.extract.context import (ArticleContext, date_inferred, evidence_span, nearest_date,
                                      own_clause_text, text_of)
from pipeline.extract.doc_index import Place, places_in
from pipeline.extract.people import Person, people_in
from pipeline.extract.rows import Fact, VisitRow
from pipeline.extract.visit_dates import date_from_previous, lead_date
from pipeline.extract.visit_rows import remote, visit_row, visit_status, visit_type
from pipeline.nlp.rule_matcher import matches_in
from pipeline.nlp.rules import lexicon

_VISIT_NOUNS = lexicon("visits", "visit_nouns")


def build_call_visits(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """The visits of the sentence's call and return frames (a person read before is not read again)."""
    out: list[Fact[VisitRow]] = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"calls_on", "reciprocated", "in_presence"}):
        tok = sent.doc[m.start]
        reader = {"calls_on": _called_on, "reciprocated": _reciprocated, "in_presence": _in_presence}[m.frame]
        found = reader(ctx, sent, tok)
        for fact in found:
            key = fact.row["visitor_name"] or f"{fact.row['visitor_country']}:{fact.row['visitor_title']}"
            if key not in seen_people:
                seen_people.add(key)
                out.append(fact)
    return out


def _row(ctx: ArticleContext, sent: Span, person: Person, country: str, host: str, city: str | None,
         anchor: Token, extractor: str, inferred: list[str]) -> list[Fact[VisitRow]]:
    clause = own_clause_text(sent, anchor if anchor.pos_ == "VERB" else anchor.head)
    status = visit_status(clause)
    if status is None or remote(clause):  # "called on B by video link"
        return []
    date = nearest_date(ctx, sent, anchor) or date_from_previous(ctx, sent) or lead_date(ctx, sent)
    s, e = evidence_span(sent)
    return [visit_row((s, e), ctx.article.text[s:e], person.name, person.title, country, host, city,
                      visit_type(text_of(sent), None), None, status, date, extractor, anchor.idx,
                      inferred + date_inferred(date, (s, e)))]


def _named(sent: Span, person: Person) -> bool:
    return bool(person.title) or sent.doc[person.start].ent_type_ == "PERSON"


# ---------------------------------------------------------------------------------------------- A called on B

def _demand(on: Token) -> bool:
    """"called on the government to release ...", "called on both sides to ...": a demand, not a call."""
    verb = on.head
    return any(t.dep_ in ("xcomp", "ccomp") or (t.lower_ == "to" and t.pos_ == "PART")
               for t in verb.subtree if t.i > on.i)


def _caller_phrases(call: Token) -> list[Token]:
    """Who called: the verb's subjects, or for "paid a courtesy call on B" the subjects of "paid"."""
    verb = call if call.pos_ == "VERB" else call.head
    return slots.subjects(verb)


def _call_target(call: Token) -> tuple[Token, Token] | None:
    """The "on" of a call and the phrase it names, unless the call is a demand."""
    on = next((c for c in call.children if c.lower_ == "on" and c.dep_ in ("prep", "prt")), None)
    if on is None or _demand(on):
        return None
    target = next((c for c in on.children if c.dep_ == "pobj"), None) or \
        next((c for c in call.children if c.dep_ == "dobj"), None)
    return (on, target) if target is not None else None


def _call_city(sent: Span, on: Token, target: Token, country: str) -> Place | None:
    """A city of another state than the caller's, named after the "on" ("at his residence in Z")."""
    own = range(target.left_edge.i, target.right_edge.i + 1)
    return next((p for p in places_in(sent) if p.kind == "city" and p.iso3 != country and
                 (p.token.i > on.i or p.token.i in own)), None)


def _called_on(ctx: ArticleContext, sent: Span, call: Token) -> list[Fact[VisitRow]]:
    """"A called on B at his residence in Z" / "A paid a courtesy call on B": A, of another state than B's
    (or Z's), travelled there."""
    found = _call_target(call)
    if found is None:
        return []
    on, target = found
    hosts = [p for p in people_in(ctx, target) if _named(sent, p)]
    callers = [p for t in _caller_phrases(call) if t.pos_ != "PRON" for p in people_in(ctx, t) if _named(sent, p)]
    out: list[Fact[VisitRow]] = []
    for caller in callers if hosts else []:
        country = caller.country or next((c for c in ctx.pair if c != hosts[0].country), None)
        if country is None:
            continue
        city = _call_city(sent, on, target, country)
        host = city.iso3 if city is not None else hosts[0].country
        if host is None or host == country:
            continue
        out += _row(ctx, sent, caller, country, host, city.text if city is not None else None, call,
                    "visits.calls_on", [] if caller.country else ["visitor_country"])
    return out


# ---------------------------------------------------------------------------------------------- reciprocated

def _return_visitors(verb: Token) -> list[Token]:
    """"the visit was reciprocated by A": A; "A reciprocated the visit": A (the visit noun named either way)."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None and subj is not None and subj.lemma_ in _VISIT_NOUNS:
        return [p for p in agent.children if p.dep_ == "pobj"]
    if obj is not None and obj.lemma_ in _VISIT_NOUNS and subj is not None:
        return [subj]
    return []


def _reciprocated(ctx: ArticleContext, sent: Span, verb: Token) -> list[Fact[VisitRow]]:
    """A return visit: its visitor went to the state of the visit it returns, the other state the report is
    about (inferred), or a city the clause names."""
    out: list[Fact[VisitRow]] = []
    for phrase in _return_visitors(verb):
        for person in people_in(ctx, phrase):
            if not _named(sent, person) or person.country is None:
                continue
            place = slots.clause_place(sent, verb, set(range(phrase.left_edge.i, phrase.right_edge.i + 1)))
            host = place.iso3 if place is not None else next((c for c in ctx.pair if c != person.country), None)
            if host is None or host == person.country:
                continue
            city = place.text if place is not None and place.kind == "city" else None
            out += _row(ctx, sent, person, person.country, host, city, verb, "visits.reciprocated",
                        [] if place is not None else ["host_country"])
    return out



# ---------------------------------------------------------------------------------------------- in the presence of

def _presence_host(ctx: ArticleContext, sent: Span, prep: Token) -> str | None:
    """The state of the named person whose presence "in the presence of B" states."""
    of = next((c for t in prep.children if t.dep_ == "pobj" for c in t.children if c.lower_ == "of"), None)
    phrase = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if phrase is None:
        return None
    return next((p.country for p in people_in(ctx, phrase) if p.country and _named(sent, p)), None)


def _in_presence(ctx: ArticleContext, sent: Span, prep: Token) -> list[Fact[VisitRow]]:
    """"A, in the presence of President B of Peru, signed ...": A, of another state than B's, was in B's
    (in a city of it the sentence names, else none written); A of unstated state, in a report on two, is
    of the other (inferred)."""
    verb = prep.head
    host = _presence_host(ctx, sent, prep) if verb.pos_ == "VERB" else None
    if host is None:
        return []
    city = next((p.text for p in places_in(sent) if p.kind == "city" and p.iso3 == host), None)
    other = next((c for c in ctx.pair if c != host), None) if len(ctx.pair) == 2 and host in ctx.pair else None
    people = [p for t in slots.subjects(verb) if t.pos_ != "PRON" for p in people_in(ctx, t) if _named(sent, p)]
    out: list[Fact[VisitRow]] = []
    for person in people:
        country = person.country or other
        if country is not None and country != host:
            out += _row(ctx, sent, person, country, host, city, verb, "visits.in_presence",
                        [] if person.country else ["visitor_country"])
    return out
