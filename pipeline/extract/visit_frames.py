"""Visits a sentence states around other triggers than a visit verb or noun: "A was represented at the
summit by X", "visiting X", "X received Y", "A met B in Suva" (the frames represented, visiting_person,
host_receives and meeting_abroad of pipeline/rules/visits.yaml)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.nlp import titles
from pipeline.extract import slots
from pipeline.extract.context import (ArticleContext, date_inferred, dates_in, evidence_span, nearest_date,
                                      own_clause_text, previous_sentence, same_paragraph, status_of, text_of)
from pipeline.extract.doc_index import Place, places_in
from pipeline.extract.people import Person, name_runs, office_holder, people_in, person_from_tokens
from pipeline.extract.rows import Fact, VisitRow
from pipeline.extract.visit_dates import date_from_previous, lead_date, of_the_day, story_date
from pipeline.extract.visit_places import dateline_place, our_office
from pipeline.extract.visit_rows import MULTILATERAL, remote, visit_row, visit_status, visit_type
from pipeline.extract.visitors import Office, name_phrase, office_phrase, who
from pipeline.nlp.rule_matcher import matches_in
from pipeline.nlp.rules import cue_regex, lexicon
from pipeline.nlp.temporal import DateMention

_EPITHETS = lexicon("visits", "office_epithets")
_GATHERINGS = lexicon("common", "gatherings")
_RESIDENT_POSTS = lexicon("visits", "resident_posts")
_LEADING_ARTICLE = cue_regex("common", "leading_article")


def build_frame_visits(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """The visits of the sentence's frames other than the visit clause, in this order (a person one frame
    read is not read again by a later one)."""
    return [*_represented(ctx, sent), *_visiting_people(ctx, sent, seen_people),
            *_received(ctx, sent, seen_people), *_met_abroad(ctx, sent, seen_people)]


def _sentence_visit(ctx: ArticleContext, sent: Span, person: Person | Office, country: str, host: str, city: str | None,
                    status: str, date: DateMention | None, extractor: str, anchor: int,
                    inferred: list[str] | None = None) -> Fact[VisitRow]:
    """The row of a visit a whole sentence states, its type read from the sentence."""
    s, e = evidence_span(sent)
    return visit_row((s, e), ctx.article.text[s:e], person.name, person.title, country, host, city,
                     visit_type(text_of(sent), None), None, status, date, extractor, anchor, inferred or ())


# ---------------------------------------------------------------------------------------------- represented

def _represented(ctx: ArticleContext, sent: Span) -> list[Fact[VisitRow]]:
    """"Colombia was represented [at the conference] by Deputy Foreign Minister X": X travelled to
    the gathering the text named just before, held where and when it says."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"represented"}):
        out.extend(_represented_by(ctx, sent, sent.doc[m.start]))
    return out


def _agent_of(verb: Token) -> Token | None:
    """The object of the passive's "by" (the parser may hang the "by" phrase lower than the verb)."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None) or next(
        (t for t in verb.subtree if t.dep_ == "agent" and t.i > verb.i), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _gathering_host(region: Span, visitor_country: str) -> Place | None:
    """Where a gathering was held: a place its phrase names, else a city inside its name, not the visitor's."""
    host = next((p for p in places_in(region) if p.iso3 != visitor_country), None)
    if host is None:
        host = next((c for t in region if (c := slots.unlabelled_city(t, in_name=True)) and c.iso3 != visitor_country),
                    None)
    return host


def _represented_by(ctx: ArticleContext, sent: Span, verb: Token) -> list[Fact[VisitRow]]:
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    subj_places = places_in(sent.doc[subj.left_edge.i: subj.right_edge.i + 1]) if subj is not None else []
    pobj = _agent_of(verb)
    gathering = _gathering_before(sent, verb) if subj_places and pobj is not None else None
    if gathering is None or pobj is None:
        return []
    visitor_country = subj_places[0].iso3
    region = sent.doc[gathering.left_edge.i: gathering.right_edge.i + 1]
    host = _gathering_host(region, visitor_country)
    if host is None:
        return []
    dates = dates_in(ctx, region.start_char, region.end_char)
    date = dates[0] if dates else None
    status = status_of(text_of(sent)[verb.idx - sent.start_char:])
    occasion = _LEADING_ARTICLE.sub("", sent.doc[gathering.left_edge.i: gathering.i + 1].text)
    s, e = evidence_span(sent)
    vtype = "multilateral_event" if MULTILATERAL.search(occasion) or any(
        t.ent_type_ == "IGO" for t in region) else "unspecified"
    inferred = date_inferred(date, (s, e)) + (
        ["host_country", "host_city"][:1 + (host.kind == "city")] if host.start < s else [])
    return [visit_row((s, e), ctx.article.text[s:e], person.name, person.title, person.country or visitor_country,
                      host.iso3, host.text if host.kind == "city" else None, vtype, occasion, status or "occurred",
                      date, "visits.represented", verb.idx, inferred)
            for person in people_in(ctx, pobj)]


def _gathering_in_phrase(sent: Span, verb: Token) -> Token | None:
    """"represented at the ministers' meeting held in Cusco on 4-5 May by X": a gathering the verb's own
    at/in/on phrase names with its place or date."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("at", "in", "on"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _GATHERINGS and \
                        (places_in(sent.doc[pobj.left_edge.i: pobj.right_edge.i + 1]) or
                         any(t.ent_type_ == "DATE" for t in pobj.subtree)):
                    return pobj
    return None


def _gathering_before(sent: Span, verb: Token) -> Token | None:
    """The last gathering ("the Quito Energy Forum held from 4 to 6 May") named before the verb, in
    this sentence or the one before, outside the verb's own phrase ("at the forum")."""
    own_phrase = _gathering_in_phrase(sent, verb)
    if own_phrase is not None:
        return own_phrase
    own = {t.i for c in verb.children if c.dep_ not in ("ccomp", "conj", "advcl", "parataxis")
           for t in c.subtree}
    prev = previous_sentence(sent)
    lo = prev.start if prev is not None and same_paragraph(prev, sent) else sent.start
    for tok in reversed(sent.doc[lo: verb.i]):
        if tok.i not in own and tok.lemma_.lower() in _GATHERINGS and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


# ---------------------------------------------------------------------------------------------- visiting X

def _host_of_clause(ctx: ArticleContext, sent: Span, visitor_country: str, skip: range) -> tuple[Place | None, bool]:
    """Where a visitor named in `skip` was: a city or country of the sentence outside the visitor's own
    phrase, else the other state the article is about (inferred)."""
    for p in places_in(sent):
        if p.token.i in skip or p.iso3 == visitor_country:
            continue
        return p, False
    others = [c for c in ctx.pair if c != visitor_country]
    if others:
        return Place(others[0], "country", others[0], sent.start_char, sent.start_char, sent[0]), True
    return None, False


def _visiting_person(ctx: ArticleContext, sent: Span, toks: list[Token]) -> Person | Office | None:
    """The person the words after "visiting" name, or the office they name ("the visiting Latvian premier")."""
    person: Person | Office | None = person_from_tokens(ctx, toks, set()) if name_runs(toks) else None
    if person is None and (office := office_holder(ctx, sent.doc[toks[0].i: toks[-1].i + 1], _EPITHETS)):
        person = Office(office[1], office[2], toks[0].i, toks[-1].i + 1)
    return person


def _visiting_people(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """"visiting Zambian President John Phiri": the person travelled to the place the clause names."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"visiting_person"}):
        toks = name_phrase(sent, m.start + 1)
        person = _visiting_person(ctx, sent, toks) if toks else None
        if person is None or person.country is None or who(person) in seen_people:
            continue
        country = person.country
        host, inferred = _host_of_clause(ctx, sent, country, range(m.start, toks[-1].i + 1))
        status = visit_status(text_of(sent)) if host is not None else None
        if host is None or status is None:
            continue
        seen_people.add(who(person))
        date = nearest_date(ctx, sent, sent.doc[m.start]) or date_from_previous(ctx, sent) or story_date(ctx, sent)
        city = None if inferred else next((p.text for p in places_in(sent) if p.kind == "city" and p.iso3 == host.iso3
                                           and p.token.i not in range(m.start, person.end)), None)
        out.append(_sentence_visit(ctx, sent, person, country, host.iso3, city, status, date,
                                   "visits.visiting_person", sent.doc[m.start].idx,
                                   ["host_country"] if inferred else None))
    return out


# ---------------------------------------------------------------------------------------------- X received Y

def _receiving_roles(verb: Token) -> tuple[Token | None, Token | None]:
    """(visitor, host) phrases of a hosting verb: its object and subject, or in the passive ("Y was
    received by X") its subject and agent."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if obj is None:  # passive: "Y was received by X"
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return obj, subj


def _country_of_host(ctx: ArticleContext, sent: Span, subj: Token | None) -> str | None:
    """The host's country: of a person the host phrase names, else of a place in it."""
    if subj is None:
        return None
    host_people = people_in(ctx, subj) if subj.pos_ != "PRON" else []
    host_country = next((p.country for p in host_people if p.country), None)
    if host_country is None:
        subj_places = places_in(sent.doc[subj.left_edge.i: subj.right_edge.i + 1])
        host_country = subj_places[0].iso3 if subj_places else None
    return host_country


def _received_people(ctx: ArticleContext, obj: Token) -> list[Person | Office]:
    """The people the received phrase names, or the office it names ("received the Latvian premier")."""
    found: list[Person | Office] = list(people_in(ctx, obj))
    if not found and (office := office_holder(ctx, office_phrase(obj), _EPITHETS)):
        found = [Office(office[1], office[2], obj.left_edge.i, obj.i + 1)]
    return found


def _is_visitor(sent: Span, person: Person | Office, seen_people: set[str]) -> bool:
    """A person with a title or a name, not read before: "received a letter", "received the award" name
    no visitor."""
    return bool(person.title or sent.doc[person.start].ent_type_ == "PERSON") and who(person) not in seen_people


def _received(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """"X received Y in Lisbon" / "Y was received by X": Y, of another state, came to X's (or Lisbon's)."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"host_receives"}):
        out.extend(_received_by(ctx, sent, sent.doc[m.start], seen_people))
    return out


def _received_by(ctx: ArticleContext, sent: Span, verb: Token, seen_people: set[str]) -> list[Fact[VisitRow]]:
    clause = own_clause_text(sent, verb)
    if status_of(clause) is None or remote(clause):  # "received a phone call from Y"
        return []
    obj, subj = _receiving_roles(verb)
    if obj is None or (subj is None and obj.dep_ != "nsubjpass"):
        return []  # "Y was received at the palace in Lima": no host named, the city tells the state
    obj_start = obj.left_edge.i
    host_country = _country_of_host(ctx, sent, subj)
    ours = host_country is None and subj is not None and (host_country := our_office(ctx, subj)) is not None
    out = []
    for person in _received_people(ctx, obj):
        country = person.country
        if not country or not _is_visitor(sent, person, seen_people):
            continue
        own = range(obj_start, person.end)  # the visitor's title and name
        city = next((p for p in places_in(sent) if p.kind == "city" and p.token.i not in own and
                     p.iso3 != country), None)
        host = city.iso3 if city is not None else host_country
        if host is None or host == country:
            continue
        seen_people.add(who(person))
        date = nearest_date(ctx, sent, verb) or date_from_previous(ctx, sent) or lead_date(ctx, sent)
        out.append(_sentence_visit(ctx, sent, person, country, host, city.text if city is not None else None,
                                   status_of(text_of(sent)) or "occurred", date, "visits.host_receives", verb.idx,
                                   ["host_country"] if ours and city is None else None))
    return out


# ---------------------------------------------------------------------------------------------- A met B in Z

def _participants(verb: Token) -> list[Token]:
    """The phrases that name a meeting's participants: the subjects, a named object ("met B"), "with B"."""
    participants: list[Token] = list(slots.subjects(verb))
    for c in verb.children:
        if c.dep_ == "dobj" and c.pos_ == "PROPN":
            participants.append(c)
        if c.dep_ == "prep" and c.lower_ == "with":
            participants.extend(p for p in c.children if p.dep_ == "pobj")
    return participants


def _meeting_date(ctx: ArticleContext, sent: Span, verb: Token) -> DateMention | None:
    """The meeting's own date; "today" on an undated page (unresolved) counts as none: the header's day
    is read later."""
    own_date = nearest_date(ctx, sent, verb)
    return None if own_date is not None and own_date.date_start is None else own_date


def _offices(ctx: ArticleContext, participants: list[Token], people: list[Person]) -> list[Office]:
    """The participants named only by office ("the Latvian premier met ...")."""
    return [Office(o[1], o[2], t.left_edge.i, t.i + 1) for t in participants
            if t.pos_ != "PRON" and not any(t.left_edge.i <= p.start <= t.right_edge.i for p in people)
            and (o := office_holder(ctx, office_phrase(t), _EPITHETS))]


def _travelled_to(sent: Span, person: Person | Office, country: str, place: Place, seen_people: set[str]) -> bool:
    """A participant of another state than the place's, a person (not "the Second Phase of the Free Trade
    Agreement"), not an envoy posted there (an ambassador meeting his hosts), not read before."""
    if country == place.iso3 or who(person) in seen_people or _resident_post(person.title):
        return False
    return titles.role_of(person.title) != "other" or sent.doc[person.start].ent_type_ == "PERSON"


def _resident_post(title: str | None) -> bool:
    """An ambassador, high commissioner or consul: posted where they meet, not visiting."""
    words = f" {title.lower()} " if title else ""
    return any(f" {w} " in words for w in _RESIDENT_POSTS)


def _met_abroad(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """"A met B in Suva": a participant whose state is not the place's travelled there."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"meeting_abroad", "addressed_gathering"}):
        verb = sent.doc[m.start]
        if m.frame == "meeting_abroad" or _addresses_gathering(verb):
            out.extend(_met_at(ctx, sent, verb, seen_people))
    return out


def _addresses_gathering(verb: Token) -> bool:
    """"addressed the opening session", not "addressed the concerns": the object is a gathering."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _GATHERINGS for c in verb.children)


def _met_at(ctx: ArticleContext, sent: Span, verb: Token, seen_people: set[str]) -> list[Fact[VisitRow]]:
    clause = own_clause_text(sent, verb)
    if status_of(clause) is None or remote(clause):  # "held talks by video link with B in Suva"
        return []
    participants = _participants(verb)
    people = [p for t in participants if t.pos_ != "PRON" for p in people_in(ctx, t)
              if t.i > verb.i or p.start < verb.i]  # a subject's name stands before the verb
    skip = {i for x in participants for i in range(x.left_edge.i, x.i + 1)}  # "B in Suva": Suva counts
    own_date = _meeting_date(ctx, sent, verb)
    place = slots.clause_place(sent, verb, skip) or (dateline_place(ctx, verb) if of_the_day(ctx, own_date) else None)
    if place is None:
        return []
    _countries_from_pair(ctx, [p for p in people if sent.doc[p.start].ent_type_ == "PERSON"])
    everyone: list[Person | Office] = [*people, *_offices(ctx, participants, people)]
    out = []
    for person in everyone:
        country = person.country
        if not country or not _travelled_to(sent, person, country, place, seen_people):
            continue
        seen_people.add(who(person))
        date = own_date or date_from_previous(ctx, sent) or lead_date(ctx, sent)
        out.append(_sentence_visit(ctx, sent, person, country, place.iso3,
                                   place.text if place.kind == "city" else None,
                                   status_of(text_of(sent)) or "occurred", date, "visits.met_abroad", verb.idx,
                                   ["host_country", "host_city"] if place.end <= sent.start_char else None))
    return out  # a place read outside the sentence (the dateline) is inferred


def _countries_from_pair(ctx: ArticleContext, people: list[Person]) -> None:
    """In a report on two states, a participant of unstated country meeting one of the other state's
    people is of the first ("Prime Minister X met today with Peruvian President Y")."""
    if len(ctx.pair) != 2:
        return
    stated = {p.country for p in people if p.country}
    if len(stated) != 1 or not stated <= set(ctx.pair):
        return
    other = next(c for c in ctx.pair if c not in stated)
    for p in people:
        if p.country is None:
            p.country = other
