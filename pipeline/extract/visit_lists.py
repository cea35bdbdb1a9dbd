"""Visits listed as bullet entries under a heading, as on ministry "bilateral relations" pages:

    Visits from Pakistan to Uzbekistan:
    • Prime Minister Imran Khan – official visit to Tashkent, 15-16.07.2021
    • Speaker of the National Assembly X – participation in the Y summit, Samarkand, 15-16 September 2022

The heading gives the direction, each entry the person, the occasion, the place and the date.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.extract.context import ArticleContext, dates_in, status_of
from pipeline.extract.doc_index import places_in
from pipeline.extract.people import name_runs, person_from_tokens
from pipeline.nlp.rules import lexicon
from pipeline.nlp.temporal import DateMention
from pipeline.extract.rows import Fact, VisitRow
from pipeline.extract.publisher_country import publisher_country
from pipeline.extract.visit_rows import stated_type, visit_row, visit_type

BULLET = re.compile(r"^\s*(?:[•·▪◦‣*\-–—]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"\bvisits?\b", re.IGNORECASE)
_ENTRY_SPLIT = re.compile(r"\s+[–—-]\s+|:\s+")
_VISIT_CUE = re.compile(r"\b(?:visit|participation|participated|consultations|trip|attend|attended|tour|"
                        rf"{'|'.join(sorted(lexicon('common', 'gatherings')))})\b", re.IGNORECASE)
_OURS = re.compile(r"\b(?:to|in)\s+our\s+(?:country|nation)\b", re.IGNORECASE)
_PARTICIPATION = re.compile(r"\bparticipation in\s+(?:the\s+)?(?P<occ>[^,;]+)", re.IGNORECASE)

def lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _span(ctx: ArticleContext, start: int, end: int) -> Span | None:
    return ctx.doc.char_span(start, end, alignment_mode="expand")


def _direction(ctx: ArticleContext, start: int, line: str) -> tuple[str | None, str | None, bool] | None:
    """(visitor country, host country, whether the host was inferred) from "Visits from A to B:" / "Visits
    of A leaders to B" / a numbered "2. Major visits to B:" / "Visits to our country:" on a page whose
    publisher's country is known."""
    numbered_heading = BULLET.match(line) and line.rstrip().endswith(":")
    if (BULLET.match(line) and not numbered_heading) or not _HEADING.search(line) or len(line) > 100:
        return None
    span = _span(ctx, start, start + len(line))
    if span is None:
        return None
    found = places_in(span)
    if not found:
        if not _OURS.search(line):
            return None
        a = ctx.article
        host = publisher_country(a.outlet, a.url, a.title)
        return (None, host, True) if host else None
    visitor = host = None
    for p in found:
        before = ctx.article.text[max(start, p.start - 6): p.start].lower()
        if "to " in before or "in " in before:
            host = host or p.iso3
        else:
            visitor = visitor or p.iso3
    return visitor, host, False


def build_listed_visits(ctx: ArticleContext) -> list[Fact[VisitRow]]:
    rows: list[Fact[VisitRow]] = []
    direction: tuple[str | None, str | None, bool] | None = None
    for start, line in lines(ctx.article.text):
        if not line.strip():
            continue
        heading = _direction(ctx, start, line)
        if heading is not None:
            direction = heading
            continue
        if direction is not None and not BULLET.match(line):
            listed = _semicolon_entries(ctx, start, line, direction)
            if listed:
                rows.extend(listed)
                continue
        if not BULLET.match(line):
            direction = None
            continue
        if direction is not None:
            row = _entry(ctx, start, line, direction)
            if row is not None:
                rows.append(row)
    return rows


# "Vice-Premier JOHN ROE (Sep 1954); Foreign Minister JANE DOE (Mar 1991, Apr 1995);"
_PAREN_ENTRY = re.compile(r"(?P<who>[^;()]{3,400}?)\s*\((?P<when>[^()]{3,60})\)\s*(?:[;,.]|$)")


def _semicolon_entries(ctx: ArticleContext, start: int, line: str, direction) -> list[Fact[VisitRow]]:
    """A paragraph of "title NAME (date)" entries under a visits heading: one visit per entry and date.
    A heading that names only the host ("Visits to B:") leaves the visitor's state to the other state
    the article is about (marked inferred)."""
    entries = list(_PAREN_ENTRY.finditer(line))
    if len(entries) < 2 and not (entries and line.strip().rstrip(".;").endswith(")")):
        return []
    visitor, host, ours = direction
    inferred = ["host_country"] if ours else []
    if visitor is None and host is not None:
        others = [c for c in ctx.pair if c != host]
        visitor = others[0] if others else None
        inferred = inferred + ["visitor_country"]
    if host is None and visitor is not None:
        others = [c for c in ctx.pair if c != visitor]
        host = others[0] if others else None
        inferred = ["host_country"]
    if visitor is None or host is None:
        return []
    out = []
    for m in entries:
        who_start, who_end = start + m.start("who"), start + m.end("who")
        lead = len(line[m.start("who"): m.end("who")]) - len(line[m.start("who"): m.end("who")].lstrip(" ;,"))
        who_span = _span(ctx, who_start + lead, who_end)
        if who_span is None or not name_runs(list(who_span)):
            continue
        person = person_from_tokens(ctx, list(who_span), exclude=set())
        if person is None:
            continue
        name = person.name.title() if person.name.isupper() and len(person.name) > 3 else person.name
        when_start, when_end = start + m.start("when"), start + m.end("when")
        dates = [d for d in ctx.dates if d.start >= when_start and d.end <= when_end]
        span = (who_start + lead, start + m.end("when") + 1)
        evidence = ctx.article.text[span[0]: span[1]]
        when: list[DateMention | None] = list(dates) or [None]
        for d in when:
            out.append(visit_row(span, evidence, name, person.title, person.country or visitor, host, None,
                                 "unspecified", None, "occurred", d, "visits.listing", d.start if d else when_start,
                                 [f for f in inferred if f != "visitor_country" or not person.country]))
    return out


def _entry(ctx: ArticleContext, start: int, line: str, direction) -> Fact[VisitRow] | None:
    body_at = start + (m.end() if (m := BULLET.match(line)) else 0)
    body = ctx.article.text[body_at: start + len(line)].rstrip()
    split = _ENTRY_SPLIT.search(body)
    if split is None:
        return None
    who_span = _span(ctx, body_at, body_at + split.start())
    what_start = body_at + split.end()
    what = body[split.end():]
    what_span = _span(ctx, what_start, body_at + len(body))
    if who_span is None or what_span is None or not _VISIT_CUE.search(what) or not name_runs(list(who_span)):
        return None
    person = person_from_tokens(ctx, list(who_span), exclude=set())
    if person is None:
        return None
    status = status_of(what)
    if status is None:
        return None
    visitor, host, ours = direction
    visitor = person.country or visitor
    host_city = None
    for p in places_in(what_span):
        if p.iso3 == visitor:
            continue
        if p.kind == "city" and host_city is None:
            host_city, host = p.text, p.iso3
        elif p.kind == "country" and host is None:
            host = p.iso3
    if visitor is None or host is None or visitor == host:
        return None
    dates = dates_in(ctx, what_start, body_at + len(body))
    part = _PARTICIPATION.search(what)
    occasion = part.group("occ").strip().strip('"“”') if part else None
    if occasion is None and stated_type(what) is None:
        occasion = re.split(r",|;", what)[0].strip() or None  # "round of political consultations, Islamabad"
    vtype = visit_type(what, occasion)
    if occasion:
        occasion = re.sub(r'["“”]', "", occasion)
    return visit_row((body_at, body_at + len(body)), body, person.name, person.title, visitor, host, host_city,
                     vtype, occasion, status, dates[0] if dates else None, "visits.listing", what_start,
                     ["host_country"] if ours and host == direction[1] else [])
