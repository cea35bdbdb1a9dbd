"""Visits listed as bullet entries under a heading, as on ministry "bilateral relations" pages:

    Visits from Pakistan to Uzbekistan:
    • Prime Minister Imran Khan – official visit to Tashkent, 15-16.07.2021
    • Speaker of the National Assembly X – participation in the Y summit, Samarkand, 15-16 September 2022

The heading gives the direction, each entry the person, the occasion, the place and the date.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.extract.context import ArticleContext, dates_in, places_in, status_of
from pipeline.extract.people import name_runs, person_from_tokens
from pipeline.extract.visit_rows import stated_type, visit_row, visit_type

BULLET = re.compile(r"^\s*(?:[•·▪◦‣*\-–—]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"\bvisits?\b", re.IGNORECASE)
_ENTRY_SPLIT = re.compile(r"\s+[–—-]\s+|:\s+")
_VISIT_CUE = re.compile(r"\b(?:visit|participation|participated|consultations|talks|trip|attend|attended|"
                        r"meeting|summit|session|forum|conference|tour)\b", re.IGNORECASE)
_PARTICIPATION = re.compile(r"\bparticipation in\s+(?:the\s+)?(?P<occ>[^,;]+)", re.IGNORECASE)

def lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _span(ctx: ArticleContext, start: int, end: int) -> Span | None:
    return ctx.doc.char_span(start, end, alignment_mode="expand")


def _direction(ctx: ArticleContext, start: int, line: str) -> tuple[str | None, str | None] | None:
    """(visitor country, host country) from "Visits from A to B:" / "Visits of A leaders to B"."""
    if BULLET.match(line) or not _HEADING.search(line) or len(line) > 100:
        return None
    span = _span(ctx, start, start + len(line))
    if span is None:
        return None
    found = places_in(span)
    if not found:
        return None
    visitor = host = None
    for p in found:
        before = ctx.article.text[max(start, p.start - 6): p.start].lower()
        if "to " in before or "in " in before:
            host = host or p.iso3
        else:
            visitor = visitor or p.iso3
    return visitor, host


def build_listed_visits(ctx: ArticleContext) -> list[dict]:
    rows: list[dict] = []
    direction: tuple[str | None, str | None] | None = None
    for start, line in lines(ctx.article.text):
        if not line.strip():
            continue
        heading = _direction(ctx, start, line)
        if heading is not None:
            direction = heading
            continue
        if not BULLET.match(line):
            direction = None
            continue
        if direction is not None:
            row = _entry(ctx, start, line, direction)
            if row is not None:
                rows.append(row)
    return rows


def _entry(ctx: ArticleContext, start: int, line: str, direction) -> dict | None:
    body_at = start + BULLET.match(line).end()
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
    visitor, host = direction
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
                     vtype, occasion, status, dates[0] if dates else None, "visits.listing", what_start)
