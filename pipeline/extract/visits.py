"""Visits: who travelled where, read from the clause's subject, verb and destination."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
import datetime as dt
import itertools
import re

from spacy.tokens import Span, Token

from pipeline.nlp import places, titles
from pipeline.extract.publisher_country import publisher_country
from pipeline.extract.context import (ArticleContext, date_inferred, dates_in, evidence_span, nearest_date,
                                      own_clause_text, previous_sentence, same_paragraph, status_of, text_of)
from pipeline.extract.doc_index import Place, places_in, sent_of, sentences
from pipeline.extract.people import Person, name_runs, office_holder, people_in, person_by_title, person_from_tokens
from pipeline.extract.rows import Fact, VisitRow
from pipeline.nlp.rules import cardinals, lexicon, matches_in, value_map
from pipeline.extract import slots
from pipeline.extract.visit_lists import build_listed_visits
from pipeline.extract.visit_rows import MULTILATERAL, visit_row, visit_status, visit_type

MOTION_VERBS = lexicon("visits", "motion_verbs")
VISIT_NOUN_VERBS = lexicon("visits", "visit_noun_verbs")
CANCEL_VERBS = lexicon("visits", "cancel_verbs")
_EPITHETS = lexicon("visits", "office_epithets")
_OCCASION = re.compile(r"\b(?:to attend|to participate in|to take part in|within the framework of|participation in|"
                       r"on the sidelines of|to co-chair|to open|for the)\s+(?P<occ>.+?)(?=\s+(?:and the|and to|on|in|from)\s+"
                       r"(?:\d|[A-Z][a-z]+ \d)|,|;|\.?\s*$)")

def _hosting_place(verb: Token, noun: Token | None) -> Place | None:
    """"Peru received visits by X": the host the subject of a hosting verb names."""
    if noun is not None and noun.dep_ == "dobj" and verb.lemma_ in _HOST_VERBS:
        for child in verb.children:
            if child.dep_ == "nsubj" and (p := slots.place_at(child)):
                return p
    return None


def _date_at(ctx, tok: Token | None):
    """The date of the sentence that named a place a later sentence refers back to."""
    return nearest_date(ctx, sent_of(tok), tok) if tok is not None else None


def _triggers(sent: Span):
    """(verb, visit-noun) pairs that state a visit (patterns visit_verb and visit_noun of the rules)."""
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"visit_clause", "visit_noun"}):
        tok = sent.doc[m.start]
        if m.frame == "visit_noun":
            head = tok.head
            while head.dep_ in ("prep", "pobj") and head.head.i != head.i:
                head = head.head
            if head.lemma_ in VISIT_NOUN_VERBS | MOTION_VERBS or tok.dep_ in ("nsubj",) or (
                    head.lemma_ in CANCEL_VERBS and tok.dep_ in ("dobj", "nsubjpass")):  # "cancelled his trip"
                yield head, tok
            elif tok.dep_ == "pobj" and any(c.dep_ == "poss" for c in tok.children):
                yield head, tok  # "during Heydar Aliyev's visit to Tashkent", "the final day of X's visit"
            elif _noun_agents(tok) or _carrier(tok) is not None:
                yield head, tok  # "a visit to Peru by X", "X on a visit to Peru", "X spoke during a trip to Peru"
        else:
            if not any(c.lemma_ in _VISIT_NOUNS and c.pos_ == "NOUN" for c in tok.subtree):
                yield tok, None


def build_visits(ctx: ArticleContext) -> list[Fact[VisitRow]]:
    rows: list[Fact[VisitRow]] = []
    for sent in sentences(ctx.doc):
        seen_people: set[str] = set()
        antecedent = ctx.people.antecedent(sent)
        for verb, noun in _triggers(sent):
            rows.extend(_visits_for(ctx, sent, verb, noun, seen_people, antecedent))
        rows.extend(_represented(ctx, sent))
        rows.extend(_visiting_people(ctx, sent, seen_people))
        rows.extend(_received(ctx, sent, seen_people))
        rows.extend(_met_abroad(ctx, sent, seen_people))
    stated = list(rows)
    for fact in build_listed_visits(ctx):  # an entry a sentence rule already read is not read twice
        row = fact.row
        if not any(r.row["visitor_name"] == row["visitor_name"] and r.row["char_start"] < row["char_end"] and
                   row["char_start"] < r.row["char_end"] for r in stated):
            rows.append(fact)
    return rows


_GATHERINGS = lexicon("common", "gatherings")
_HOST_VERBS = lexicon("visits", "host_verbs")
_VESSELS = lexicon("visits", "vessel_prefixes")
_VISIT_NOUNS = lexicon("visits", "visit_nouns")


def _represented(ctx: ArticleContext, sent: Span) -> list[Fact[VisitRow]]:
    """"Turkmenistan was represented [at the conference] by Deputy Foreign Minister X": X travelled to
    the gathering the text named just before, held where and when it says."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"represented"}):
        verb = sent.doc[m.start]
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None) or next(
            (t for t in verb.subtree if t.dep_ == "agent" and t.i > verb.i), None)  # parser may hang it lower
        subj_places = places_in(sent.doc[subj.left_edge.i: subj.right_edge.i + 1]) if subj is not None else []
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if not subj_places or pobj is None:
            continue
        visitor_country = subj_places[0].iso3
        gathering = _gathering_before(sent, verb)
        if gathering is None:
            continue
        region = sent.doc[gathering.left_edge.i: gathering.right_edge.i + 1]
        host = next((p for p in places_in(region) if p.iso3 != visitor_country), None)
        if host is None:
            host = next((c for t in region if (c := slots.unlabelled_city(t, in_name=True)) and c.iso3 != visitor_country), None)
        if host is None:
            continue
        dates = dates_in(ctx, region.start_char, region.end_char)
        status = status_of(text_of(sent)[verb.idx - sent.start_char:])
        occasion = sent.doc[gathering.left_edge.i: gathering.i + 1].text
        occasion = re.sub(r"^(?:the|a|an)\s+", "", occasion)
        for person in people_in(ctx, pobj):
            s, e = evidence_span(sent)
            vtype = "multilateral_event" if MULTILATERAL.search(occasion) or any(
                t.ent_type_ == "IGO" for t in region) else "unspecified"
            out.append(visit_row((s, e), ctx.article.text[s:e], person.name, person.title,
                                 person.country or visitor_country, host.iso3,
                                 host.text if host.kind == "city" else None, vtype, occasion,
                                 status or "occurred", dates[0] if dates else None, "visits.represented",
                                 verb.idx, date_inferred(dates[0] if dates else None, (s, e)) + (
                                     ["host_country", "host_city"][:1 + (host.kind == "city")] if host.start < s
                                     else [])))
    return out


def _gathering_before(sent: Span, verb: Token) -> Token | None:
    """The last gathering ("the Antalya Diplomacy Forum held from 1 to 3 March") named before the verb, in
    this sentence or the one before, outside the verb's own phrase ("at the forum")."""
    for prep in verb.children:  # "represented at the G7 meeting held in Takasaki on 29-30 April by X"
        if prep.dep_ == "prep" and prep.lower_ in ("at", "in", "on"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.lemma_.lower() in _GATHERINGS and \
                        (places_in(sent.doc[pobj.left_edge.i: pobj.right_edge.i + 1]) or
                         any(t.ent_type_ == "DATE" for t in pobj.subtree)):
                    return pobj
    own = {t.i for c in verb.children if c.dep_ not in ("ccomp", "conj", "advcl", "parataxis")
           for t in c.subtree}
    prev = previous_sentence(sent)
    lo = prev.start if prev is not None and same_paragraph(prev, sent) else sent.start
    for tok in reversed(sent.doc[lo: verb.i]):
        if tok.i not in own and tok.lemma_.lower() in _GATHERINGS and tok.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def _visits_for(ctx, sent, verb, noun, seen_people, antecedent):
    status = visit_status(own_clause_text(sent, verb))
    if status is None:
        return []
    dest = _hosting_place(verb, noun) or slots.destination(verb, noun, _noun_agents(noun) if noun is not None else None)
    poss = [c for c in noun.children if c.dep_ == "poss"] if noun is not None else []
    carrier = _carrier(noun) if noun is not None else None
    subjects = poss or (_noun_agents(noun) if noun is not None else []) or \
        ([carrier] if carrier is not None and carrier.pos_ != "VERB" else []) or \
        (_passive_agents(verb) if noun is None else []) or slots.subjects(carrier if carrier is not None else verb)
    ours = dest is None and (dest := _our_country(ctx, verb, noun)) is not None
    if dest is None:
        return []
    out = []
    visitors = []
    bracketed: dict[str, object] = {}  # "visited by A (March 2019), B (June 2021)": each visitor's own date
    for k, subj in enumerate(subjects):
        if any(subj.i in {t.i for t in prev.subtree} for prev in subjects[:k]):
            continue  # a conjunct: people_in read it with the first subject
        local = (_possessor_before(ctx, subj) or slots.clause_subject(ctx, subj)) if subj.pos_ == "PRON" else None
        if local is not None:  # "X underlined the significance of his visit": his = X
            visitors.append((local.name, local.title, local.country))
        elif subj.pos_ == "PRON" and antecedent:
            visitors.append((antecedent["name"], antecedent.get("title"), antecedent.get("country")))
        elif subj.pos_ != "PRON":
            found = people_in(ctx, subj, exclude={dest.token.i})
            found += _bracket_list(ctx, sent, found[-1].end, {p.name for p in found}) if found else []
            bracketed.update({p.name: d for p in found if (d := _bracket_date(ctx, sent, p.end))})
            named = [(p.name, p.title, p.country) for p in found]
            by_title = (person_by_title(ctx, sent.doc[subj.left_edge.i: subj.right_edge.i + 1]) or
                        office_holder(ctx, _office_phrase(subj), _EPITHETS)) if not named else None
            visitors.extend(named or ([by_title] if by_title else []))
    for name, title, country in visitors:
        if name and name.split()[0].lower() in _VESSELS:
            continue  # a ship's port call
        from_pair = country is None
        if country is None:
            others = [c for c in ctx.pair if c != dest.iso3]
            country = others[0] if others else None
        place = dest
        if country is not None and country == dest.iso3 and dest.antecedent is not None:
            place = slots.place_by_reference(dest.token, avoid=country) or dest  # "X's visit to the country"
        who = name or f"{country}:{title}"  # one named only by office ("the Chilean president")
        if country is None or country == place.iso3 or who in seen_people:
            continue
        seen_people.add(who)
        date = bracketed.get(name) or (slots.phrase_date(ctx, sent, noun) if noun is not None else None) or \
            slots.sentence_date(ctx, sent, verb) or _date_at(ctx, dest.antecedent) or \
            _date_from_previous(ctx, sent) or (_lead_date(ctx, sent) if status == "occurred" else None)
        date = _with_duration(date, text_of(sent))
        date = _nth_day(date, sent, noun)
        text = text_of(sent)
        occ = _OCCASION.search(text)
        occasion = _clean_occasion(occ.group("occ")) if occ else None
        host_city = place.text if place.kind == "city" else _host_city(sent, place.iso3, subjects[0])
        s, e = evidence_span(sent)
        listed = [] if bracketed else _listed_dates(ctx, sent, verb)
        for k, one in enumerate(listed or [date]):
            if listed:  # the city of each entry's own stretch, between its neighbours' dates
                lo, hi = listed[k - 1].end if k else verb.idx, listed[k + 1].start if k + 1 < len(listed) else sent.end_char
                host_city = next((p.text for p in places_in(sent) if p.kind == "city" and p.iso3 == place.iso3
                                  and lo <= p.start < hi), None)
            out.append(visit_row((s, e), ctx.article.text[s:e], name, title, country, place.iso3, host_city,
                                 visit_type(text, occasion), occasion, status, one,
                                 "visits.clause" if noun is None else "visits.visit_noun", verb.idx,
                                 ["visitor_country"] * from_pair + ["host_country"] * ours +
                                 date_inferred(one, (s, e))))
    return out


_OURS = {"country", "nation"}


def _our_country(ctx: ArticleContext, verb: Token, noun: Token | None) -> Place | None:
    """"X visited our country", "X's visit to our nation" on a page its state publishes: the publisher's
    country, when its outlet, domain or title tell it without doubt (never inside a quotation, which is
    someone else speaking)."""
    for head in (t for t in (noun, verb) if t is not None):
        for child in head.children:
            if child.dep_ == "dobj" and head.lemma_ == "visit" and head.pos_ == "VERB":
                found = [child]
            elif child.dep_ == "prep" and child.lower_ in ("to", "in"):
                found = [c for c in child.children if c.dep_ == "pobj"]
            else:
                continue
            for tok in found:
                if tok.lemma_ in _OURS and any(c.lower_ == "our" for c in tok.children) and not _quoted(tok):
                    a = ctx.article
                    iso3 = publisher_country(a.outlet, a.url, a.title)
                    return Place(iso3, "country", tok.text, tok.idx, tok.idx + len(tok.text), tok) if iso3 else None
    return None


def _quoted(tok: Token) -> bool:
    """Whether a token stands inside quotation marks opened earlier in its sentence."""
    before = text_of(sent_of(tok))[: tok.idx - sent_of(tok).start_char]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


_YEAR = re.compile(r"\b\d{4}\b")
_LIST_SEPARATOR = re.compile(r";|,\s+and\b")
_AND = re.compile(r"\s*,?\s*and\s+(?:(?:in|on)\s+)?")  # "twice, in 2004 and 2011": nothing else between


def _listed_dates(ctx: ArticleContext, sent: Span, verb: Token) -> list:
    """Several visits in one clause, each with its own dated occasion in a list after the verb: "X visited
    Y during A on 2 May 2019; to open B on 3 June 2021, and during C on 9 July 2022" (one row each), or
    dates joined by a bare "and" ("in 2004 and 2011", "on 3 and 5 May 2024": `find_dates` reads two dates)."""
    found = [d for d in dates_in(ctx, verb.idx, sent.end_char)
             if d.date_start is not None and (_YEAR.search(d.text) or d.source == "explicit")]
    if len(found) < 2:
        return []
    text = ctx.article.text
    if all(_LIST_SEPARATOR.search(text[a.end:b.start]) or _AND.fullmatch(text[a.end:b.start])
           for a, b in itertools.pairwise(found)):
        return found
    return []


def _passive_agents(verb: Token) -> list[Token]:
    """"Peru was visited by X": X."""
    if verb.lemma_ != "visit" or not any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]


def _bracket_date(ctx: ArticleContext, sent: Span, end: int):
    """The date in brackets right after a name ("Ana Soto (March 2019)")."""
    doc = sent.doc
    if end >= sent.end or doc[end].text != "(":
        return None
    close = next((t.i for t in doc[end: min(sent.end, end + 8)] if t.text == ")"), None)
    if close is None:
        return None
    found = [d for d in dates_in(ctx, doc[end].idx, doc[close].idx + 1) if d.date_start is not None]
    return found[0] if found else None


def _bracket_list(ctx: ArticleContext, sent: Span, end: int, known: set[str]) -> list:
    """The people listed after a first "title NAME (date)": ", title NAME (date) and title NAME (date)"."""
    doc = sent.doc
    out = []
    while end < sent.end and doc[end].text == "(" and _bracket_date(ctx, sent, end) is not None:
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


def _office_phrase(subj: Token) -> Span:
    """The words that name a visitor's office: the subject up to its head noun and its "of" phrase ("the
    Minister of Foreign Affairs of Chile"), without a relative clause or apposition after it."""
    end = subj.i
    for c in subj.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            end = c.right_edge.i
    return subj.doc[subj.left_edge.i: end + 1]


def _noun_agents(noun: Token) -> list[Token]:
    """The visitor a visit noun names with "by" or "of": "the state visit by X to Peru", "a visit to Peru by
    X" (where the parser may hang "by X" from the destination), "the first visit of X to Peru"."""
    for head in [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "to"
                          for p in c.children if p.dep_ == "pobj"]:
        for c in head.children:
            if c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "of" and head.i == noun.i)):
                found = [p for p in c.children if p.dep_ == "pobj" and p.pos_ in ("PROPN", "NOUN")]
                if found:  # "the visit of the Chilean president Ana Soto to Peru"
                    return found
    return []


def _carrier(noun: Token) -> Token | None:
    """What a visit noun after "on" / "during" hangs from: a person ("President X on a two-day visit to
    Peru") or a verb whose subject made the trip ("X opened the embassy during a trip to Peru")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("on", "during") or prep.head.i == prep.i:
        return None
    head = prep.head
    if head.pos_ == "PROPN" or (head.pos_ == "VERB" and head.lemma_ not in VISIT_NOUN_VERBS | MOTION_VERBS):
        return head
    return None


def _possessor_before(ctx: ArticleContext, pron: Token):
    """The named possessor a possessive pronoun refers back to in the same phrase ("on X's second day
    of his visit": his = X)."""
    for anc in pron.ancestors:
        for c in anc.children:
            if c.dep_ == "poss" and c.pos_ != "PRON" and c.i < pron.i:
                found = [p for p in people_in(ctx, c) if p.title or c.doc[p.start].ent_type_ == "PERSON"]
                if found:
                    return found[0]
    return None


_ORDINALS = value_map("common", "ordinals")
_NTH_DAY = re.compile(r"\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|final|last)"
                      r"(?:\s+and\s+(final|last))?\s+day\s+of\b", re.IGNORECASE)


def _nth_day(date, sent: Span, noun: Token | None):
    """"on Wednesday, the second and final day of X's visit": the visit ran from Tuesday to Wednesday."""
    if date is None or noun is None or date.precision != "day" or date.date_start is None \
            or date.date_start != date.date_end:
        return date  # unresolved ("on Wednesday" with no publication date) or already an interval
    m = _NTH_DAY.search(text_of(sent)[: noun.idx - sent.start_char])
    if m is None or m.group(1).lower() not in _ORDINALS:
        return date
    n = _ORDINALS[m.group(1).lower()]
    return dataclasses.replace(date, date_start=date.date_start - dt.timedelta(days=n - 1))


_DURATION = re.compile(rf"\b({'|'.join(w for w, n in cardinals().items() if 2 <= n <= 7)}|[2-7])-day\b", re.IGNORECASE)
_N = value_map("common", "number_words")


def _with_duration(date, text: str):
    """'arrived on Monday on a three-day visit': the visit lasts from that day for three days."""
    m = _DURATION.search(text)
    if date is None or m is None or date.precision != "day" or date.date_start is None \
            or date.date_start != date.date_end:
        return date
    n = int(m.group(1)) if m.group(1).isdigit() else _N[m.group(1).lower()]
    return dataclasses.replace(date, date_end=date.date_start + dt.timedelta(days=n - 1))


def _clean_occasion(text: str) -> str | None:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip())
    text = re.split(r"\s+and the\s+|\s+and to\s+", text)[0]
    return text or None


def _host_city(sent: Span, host: str, subj: Token) -> str | None:
    subj_range = range(subj.left_edge.i, subj.right_edge.i + 1)
    for p in places_in(sent):
        if p.kind == "city" and p.iso3 == host and p.token.i not in subj_range:
            return p.text
    return None


def _date_from_previous(ctx, sent):
    prev = previous_sentence(sent)
    if prev is None or not same_paragraph(prev, sent):
        return None
    found = dates_in(ctx, prev.start_char, prev.end_char)
    return found[-1] if found else None


_NAME_STOP_POS = {"VERB", "AUX", "CCONJ", "SCONJ", "PART", "NUM"}


def _sentence_visit(ctx: ArticleContext, sent: Span, person: Person | _Office, country: str, host: str, city: str | None,
                    status: str, date, extractor: str, anchor: int, inferred: list[str] | None = None
                    ) -> Fact[VisitRow]:
    """The row of a visit a whole sentence states, its type read from the sentence."""
    s, e = evidence_span(sent)
    return visit_row((s, e), ctx.article.text[s:e], person.name, person.title, country, host, city,
                     visit_type(text_of(sent), None), None, status, date, extractor, anchor, inferred or ())


def _name_phrase(sent: Span, first: int) -> list[Token]:
    """The title-and-name phrase that starts at token `first` ("Zambian President John Phiri"), up to a
    verb, a conjunction or a comma; a bracketed aside inside it is skipped."""
    doc = sent.doc
    out: list[Token] = []
    depth = 0
    for t in doc[first: min(sent.end, first + 16)]:
        if t.text == "(":
            depth += 1
            continue
        if t.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if t.pos_ in _NAME_STOP_POS or t.lower_ in ("and", "with", "who", "said") or (t.is_punct and t.text != "-"):
            break
        out.append(t)
    return out


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


def _visiting_people(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """"visiting Zambian President John Phiri": the person travelled to the place the clause names."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"visiting_person"}):
        toks = _name_phrase(sent, m.start + 1)
        if not toks:
            continue
        person: Person | _Office | None = person_from_tokens(ctx, toks, set()) if name_runs(toks) else None
        if person is None and (office := office_holder(ctx, sent.doc[toks[0].i: toks[-1].i + 1], _EPITHETS)):
            person = _Office(office[1], office[2], toks[0].i, toks[-1].i + 1)  # "the visiting Latvian premier"
        if person is None:
            continue
        who = person.name or f"{person.country}:{person.title}"
        country = person.country
        if country is None or who in seen_people:
            continue
        phrase = range(m.start, toks[-1].i + 1)
        host, inferred = _host_of_clause(ctx, sent, country, phrase)
        if host is None:
            continue
        status = visit_status(text_of(sent))
        if status is None:
            continue
        seen_people.add(who)
        date = nearest_date(ctx, sent, sent.doc[m.start]) or _date_from_previous(ctx, sent) or \
            _story_date(ctx, sent)
        out.append(_sentence_visit(ctx, sent, person, country, host.iso3,
                                   host.text if host.kind == "city" and not inferred else None, status, date,
                                   "visits.visiting_person", sent.doc[m.start].idx,
                                   ["host_country"] if inferred else None))
    return out


@dataclass(frozen=True)
class _Office:
    """A visitor named only by office ("the Latvian premier"), where a rule reads a named `Person`."""

    title: str
    country: str
    start: int
    end: int
    name: None = None


def _received(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """"X received Y in Lisbon" / "Y was received by X": Y, of another state, came to X's (or Lisbon's)."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"host_receives"}):
        verb = sent.doc[m.start]
        if status_of(own_clause_text(sent, verb)) is None:
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if obj is None:  # passive: "Y was received by X"
            obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if obj is None or (subj is None and obj.dep_ != "nsubjpass"):
            continue  # "Y was received at the palace in Lima": no host named, the city tells the state
        obj_range = range(obj.left_edge.i, obj.right_edge.i + 1)
        host_people = people_in(ctx, subj) if subj is not None and subj.pos_ != "PRON" else []
        host_country = next((p.country for p in host_people if p.country), None)
        if host_country is None and subj is not None:
            subj_places = places_in(sent.doc[subj.left_edge.i: subj.right_edge.i + 1])
            host_country = subj_places[0].iso3 if subj_places else None
        found: list[Person | _Office] = list(people_in(ctx, obj))
        if not found and (office := office_holder(ctx, _office_phrase(obj), _EPITHETS)):
            found = [_Office(office[1], office[2], obj.left_edge.i, obj.i + 1)]  # "received the Latvian premier"
        for person in found:
            if not person.country or not (person.title or sent.doc[person.start].ent_type_ == "PERSON"):
                continue  # "received a letter", "received the award": no visitor
            who = person.name or f"{person.country}:{person.title}"
            if who in seen_people:
                continue
            own = range(obj_range.start, person.end)  # the visitor's title and name
            city = next((p for p in places_in(sent) if p.kind == "city" and p.token.i not in own and
                         p.iso3 != person.country), None)
            host = city.iso3 if city is not None else host_country
            if host is None or host == person.country:
                continue
            seen_people.add(who)
            date = nearest_date(ctx, sent, verb) or _date_from_previous(ctx, sent) or _lead_date(ctx, sent)
            out.append(_sentence_visit(ctx, sent, person, person.country, host,
                                       city.text if city is not None else None,
                                       status_of(text_of(sent)) or "occurred", date, "visits.host_receives",
                                       verb.idx))
    return out


def _met_abroad(ctx: ArticleContext, sent: Span, seen_people: set[str]) -> list[Fact[VisitRow]]:
    """"A met B in Suva": a participant whose state is not the place's travelled there."""
    out = []
    for m in matches_in(sent.doc, "visits", sent.start, sent.end, {"meeting_abroad"}):
        verb = sent.doc[m.start]
        if status_of(own_clause_text(sent, verb)) is None:
            continue
        participants: list[Token] = list(slots.subjects(verb))
        for c in verb.children:  # "met with B", "met B"
            if c.dep_ == "dobj" and c.pos_ == "PROPN":
                participants.append(c)
            if c.dep_ == "prep" and c.lower_ == "with":
                participants.extend(p for p in c.children if p.dep_ == "pobj")
        people = [p for t in participants if t.pos_ != "PRON" for p in people_in(ctx, t)
                  if t.i > verb.i or p.start < verb.i]  # a subject's name stands before the verb
        skip = {i for x in participants for i in range(x.left_edge.i, x.i + 1)}  # "B in Suva": Suva counts
        own_date = nearest_date(ctx, sent, verb)
        if own_date is not None and own_date.date_start is None:
            own_date = None  # "today" on an undated page: the header's day below
        place = slots.clause_place(sent, verb, skip) or (_dateline_place(ctx, verb) if _of_the_day(ctx, own_date) else None)
        if place is None:
            continue
        _countries_from_pair(ctx, [p for p in people if sent.doc[p.start].ent_type_ == "PERSON"])
        offices = [_Office(o[1], o[2], t.left_edge.i, t.i + 1) for t in participants  # "the Latvian premier met"
                   if t.pos_ != "PRON" and not any(t.left_edge.i <= p.start <= t.right_edge.i for p in people)
                   and (o := office_holder(ctx, _office_phrase(t), _EPITHETS))]
        everyone: list[Person | _Office] = [*people, *offices]
        for person in everyone:
            who = person.name or f"{person.country}:{person.title}"
            if not person.country or person.country == place.iso3 or who in seen_people:
                continue
            if not (titles.role_of(person.title) != "other" or sent.doc[person.start].ent_type_ == "PERSON"):
                continue  # "the Second Phase of the Free Trade Agreement": no person
            seen_people.add(who)
            date = own_date or _date_from_previous(ctx, sent) or _lead_date(ctx, sent)
            out.append(_sentence_visit(ctx, sent, person, person.country, place.iso3,
                                       place.text if place.kind == "city" else None,
                                       status_of(text_of(sent)) or "occurred", date, "visits.met_abroad", verb.idx))
    return out


_STORY_WINDOW = 400  # characters before the sentence: the lead that dates the story


def _story_date(ctx: ArticleContext, sent: Span):
    """The day the lead just before gives ("A and B on Thursday signed ..." then "visiting X witnessed
    ..."): the date of the last resolved day-precision mention shortly before the sentence."""
    before = [d for d in ctx.dates if d.end <= sent.start_char and sent.start_char - d.end <= _STORY_WINDOW
              and d.date_start is not None and d.precision == "day"]
    return before[-1] if before else None


def _lead_date(ctx: ArticleContext, sent: Span):
    """In a dated news report, the day its lead gives ("A and B on Friday signed ..."), for a later
    sentence about the same occasion that names no date: the first resolved day before the sentence."""
    before = [d for d in ctx.dates if d.end <= sent.start_char and d.date_start is not None
              and d.precision == "day" and d.source != "publication"]
    if ctx.article.published_date is None:  # undated page: only a date in its header ("News - 2024.10.23")
        before = [d for d in before if d.start < _HEADER_CHARS]
    return before[0] if before else None


_HEADER_CHARS = 300


_DATELINE = re.compile(r"^[ \t]*(?P<place>[A-Z][^\W\d_]+(?:[ .'-][A-Z][^\W\d_]+)*(?:,[ \t]*[A-Z][^\W\d_]+(?:[ .'-]"
                       r"[A-Z][^\W\d_]+)*)?)[ \t]*(?:$|[—–]|--|:[ \t])", re.MULTILINE)
_LEAD_CHARS = 600


def _of_the_day(ctx: ArticleContext, date) -> bool:
    """An undated sentence, or one dated within a few days of the report: the news of the day."""
    if date is None:
        return True
    published = ctx.article.published_date
    return published is not None and abs((published - date.date_start).days) <= _NEWS_DAYS


_NEWS_DAYS = 7


def _dateline_place(ctx: ArticleContext, verb: Token) -> Place | None:
    """The place of a report's dateline ("Lima, Peru" on a line of its own, "LIMA: ...", "Lima -- ..."),
    for a meeting its lead states without a place."""
    if verb.idx > _LEAD_CHARS:
        return None
    head = ctx.article.text[:verb.idx]
    for m in _DATELINE.finditer(head):
        span = ctx.doc.char_span(m.start("place"), m.end("place"), alignment_mode="expand")
        if span is None:
            continue
        found = [p for p in places_in(span) if p.kind == "city"] or places_in(span)
        if found:  # "LIMA:" -> Lima
            return dataclasses.replace(found[0], text=found[0].text.title()) if found[0].text.isupper() else found[0]
        city = m.group("place").split(",")[0].strip()
        city = city.title() if city.isupper() else city
        iso3 = places.city_country(city)
        if iso3:
            return Place(iso3, "city", city, span.start_char, span.end_char, span[0])
    return None


def _countries_from_pair(ctx: ArticleContext, people: list) -> None:
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