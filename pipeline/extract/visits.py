"""Visits: who travelled where, read from the clause's subject, verb and destination."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from spacy.tokens import Span, Token

from pipeline import titles
from pipeline.extract.context import (ArticleContext, Place, date_fields, evidence_span, nearest_date,
                                      places_in, previous_sentence, same_paragraph, status_of)

MOTION_VERBS = {"visit", "travel", "arrive", "fly", "come", "tour", "head"}
VISIT_NOUN_VERBS = {"pay", "make", "undertake", "conduct", "begin", "start", "be", "arrive", "complete",
                    "hold", "end", "come"}
_TYPE = re.compile(r"\b(state|official|working)\s+(?:\w+\s+)?visit", re.IGNORECASE)
_OCCASION = re.compile(r"\b(?:to attend|to participate in|to take part in|within the framework of|participation in|"
                       r"on the sidelines of|to co-chair|to open|for the)\s+(?P<occ>.+?)(?=\s+(?:and the|and to|on|in|from)\s+"
                       r"(?:\d|[A-Z][a-z]+ \d)|,|;|\.?\s*$)")
_MULTILATERAL = re.compile(r"\b(?:summit|forum|conference|congress|assembly|ministerial|tripartite|trilateral|"
                           r"multilateral|council of heads|session of the|games|expo|cop\d*)\b", re.IGNORECASE)


def _subjects(verb: Token) -> list[Token]:
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subs and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subjects(verb.head)
    out = []
    for s in subs:
        out.append(s)
        out.extend(t for t in s.conjuncts if t.i > s.i)
    return out


def _person_in(tok: Token) -> Span | None:
    """The PERSON entity that the subject token heads or is an apposition of."""
    doc = tok.doc
    if tok.ent_type_ == "PERSON":
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    for child in tok.children:
        if child.dep_ in ("appos", "compound") and child.ent_type_ == "PERSON":
            return _person_in(child)
    for child in tok.subtree:
        if child.ent_type_ == "PERSON" and child.head.i == tok.i:
            return _person_in(child)
    return None


def _title_before(person: Span, subj: Token) -> str | None:
    """Title words before the name ("Foreign Minister" in "Pakistani Foreign Minister Asif") or the
    subject head noun of which the name is an apposition ("The Speaker of the National Assembly, X")."""
    doc = person.doc
    words = []
    i = person.start - 1
    while i >= 0 and (doc[i].lower_ in titles.TITLE_WORDS or (doc[i].text[:1].isupper() and doc[i].lower_ in
                                                                 ("of", "the") and words)):
        words.insert(0, doc[i].text)
        i -= 1
    title = " ".join(w for w in words if w[:1].isupper() or w.lower() in ("of", "the"))
    if title:
        return titles.clean_title(title.strip())
    if subj.i < person.start and subj.ent_type_ != "PERSON" and subj.pos_ in ("NOUN", "PROPN"):
        span = doc[subj.left_edge.i: person.start]
        text = re.sub(r"^(?:the|a|an)\s+", "", span.text, flags=re.IGNORECASE).strip(" ,")
        text = re.sub(r"\b(?:[A-Z][a-z]+ian|[A-Z][a-z]+ish|[A-Z][a-z]+i)\s+", "", text)
        return titles.clean_title(text) if text else None
    return None


def _country_of_subject(subj: Token, person: Span | None, exclude: set[int]) -> str | None:
    """Country named in the subject phrase: a demonym, "of X", or a capital."""
    lo = subj.left_edge.i
    hi = subj.right_edge.i
    if person is not None:
        lo, hi = min(lo, person.start), max(hi, person.end - 1)
    span = subj.doc[lo: hi + 1]
    for p in places_in(span):
        if p.token.i not in exclude:
            return p.iso3
    return None


def _destination(verb: Token, noun: Token | None) -> Place | None:
    """The place the clause says was visited: object of 'visit', after 'to', 'in' (arrive in)."""
    heads = [t for t in (noun, verb) if t is not None]
    for head in heads:
        for child in head.children:
            if child.dep_ == "dobj" and head.lemma_ == "visit" and head.pos_ == "VERB":
                p = _place_at(child)
                if p:
                    return p
            if child.dep_ == "prep" and child.lower_ in ("to", "in", "into") and not (
                    child.lower_ == "in" and head.lemma_ not in ("arrive", "visit")):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        p = _place_at(pobj)
                        if p:
                            return p
    return None


def _place_at(tok: Token) -> Place | None:
    for p in places_in(tok.doc[tok.left_edge.i: tok.right_edge.i + 1]):
        if p.token.i == tok.i or p.token.head.i == tok.i or tok.i in range(p.token.i - 3, p.token.i + 1):
            return p
    places = places_in(tok.doc[tok.i: tok.i + 1])
    return places[0] if places else None


def _triggers(sent: Span):
    """(verb, visit-noun) pairs that state a visit."""
    for tok in sent:
        if tok.lemma_ == "visit" and tok.pos_ == "NOUN":
            head = tok.head
            while head.dep_ in ("prep", "pobj") and head.head is not head:
                head = head.head
            if head.lemma_ in VISIT_NOUN_VERBS | MOTION_VERBS or tok.dep_ in ("nsubj",):
                yield head, tok
            elif tok.dep_ == "pobj" and any(c.dep_ == "poss" for c in tok.children):
                yield head, tok  # "during Heydar Aliyev's visit to Tashkent"
        elif tok.pos_ in ("VERB",) and tok.lemma_ in MOTION_VERBS and tok.lemma_ != "visit" or (
                tok.lemma_ == "visit" and tok.pos_ == "VERB"):
            if not any(c.lemma_ == "visit" and c.pos_ == "NOUN" for c in tok.subtree):
                yield tok, None


def build_visits(ctx: ArticleContext) -> list[dict]:
    rows: list[dict] = []
    for sent in ctx.doc.sents:
        seen_people: set[str] = set()
        for verb, noun in _triggers(sent):
            rows.extend(_visits_for(ctx, sent, verb, noun, seen_people))
        _remember_people(ctx, sent)
    return rows


def _remember_people(ctx: ArticleContext, sent: Span) -> None:
    for ent in sent.ents:
        if ent.label_ != "PERSON":
            continue
        title = _title_before(ent, ent.root)
        country = None
        lo = max(sent.start, ent.start - 5)
        for p in places_in(sent.doc[lo: ent.end]):
            country = p.iso3
        info = ctx.persons.setdefault(ent.text, {})
        if country and not info.get("country"):
            info["country"] = country
        if title and not info.get("title"):
            info["title"] = title
        ctx.last_person = {"name": ent.text, **info}


def _visits_for(ctx, sent, verb, noun, seen_people):
    clause = sent.doc[verb.left_edge.i: verb.right_edge.i + 1] if verb.dep_ != "ROOT" else sent
    status = status_of(_own_clause_text(sent, verb))
    if status is None:
        return []
    dest = _destination(verb, noun)
    poss = [c for c in noun.children if c.dep_ == "poss"] if noun is not None else []
    subjects = poss or _subjects(verb)
    if dest is None:
        return []
    out = []
    for subj in subjects:
        person = _person_in(subj)
        if subj.pos_ == "PRON" and ctx.last_person:
            name = ctx.last_person["name"]
            title = ctx.last_person.get("title")
            country = ctx.last_person.get("country")
        elif person is not None:
            name = person.text
            title = _title_before(person, subj) or ctx.persons.get(name, {}).get("title")
            country = _country_of_subject(subj, person, {dest.token.i}) or ctx.persons.get(name, {}).get("country")
        else:
            continue
        name = re.sub(r"^(?:President|Prime Minister|Minister|General|Speaker)\s+", "", name)
        if country is None:
            others = [c for c in ctx.pair if c != dest.iso3]
            country = others[0] if others else None
        if country is None or country == dest.iso3 or name in seen_people:
            continue
        seen_people.add(name)
        date = nearest_date(ctx, sent, verb) or _date_from_previous(ctx, sent)
        date = _with_duration(date, sent.text)
        text = sent.text
        m = _TYPE.search(text)
        occ = _OCCASION.search(text)
        occasion = _clean_occasion(occ.group("occ")) if occ else None
        if m:
            vtype = m.group(1).lower()
        elif occasion and _MULTILATERAL.search(occasion):
            vtype = "multilateral_event"
        else:
            vtype = "unspecified"
        host_city = dest.text if dest.kind == "city" else _host_city(sent, dest.iso3, subj)
        s, e = evidence_span(sent)
        out.append({
            "char_start": s, "char_end": e, "evidence": ctx.article.text[s:e],
            "visitor_name": name, "visitor_title": title, "visitor_role": titles.role_of(title),
            "visitor_country": country, "host_country": dest.iso3, "host_city": host_city,
            "visit_type": vtype, "occasion": occasion, "status": status, **date_fields(date),
            "extractor": "visits.clause" if noun is None else "visits.visit_noun",
            "_anchor": verb.idx,
        })
    return out


_DURATION = re.compile(r"\b(two|three|four|five|six|seven|2|3|4|5|6|7)-day\b", re.IGNORECASE)
_N = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _with_duration(date, text: str):
    """'arrived on Monday on a three-day visit': the visit lasts from that day for three days."""
    m = _DURATION.search(text)
    if date is None or m is None or date.precision != "day" or date.date_start is None \
            or date.date_start != date.date_end:
        return date
    n = int(m.group(1)) if m.group(1).isdigit() else _N[m.group(1).lower()]
    return dataclasses.replace(date, date_end=date.date_start + dt.timedelta(days=n - 1))


def _own_clause_text(sent: Span, verb: Token) -> str:
    """The verb's own clause: its subtree minus subordinate clauses of other verbs."""
    toks = [t for t in verb.subtree if not any(a.dep_ in ("relcl", "ccomp", "advcl") and a.i != verb.i and
                                                 a in verb.subtree for a in [t, *t.ancestors][:3] if a.i != verb.i)]
    return " ".join(t.text for t in toks) if toks else sent.text


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
    found = [d for d in ctx.dates if d.start >= prev.start_char and d.end <= prev.end_char]
    return found[-1] if found else None
