"""Visits listed as bullet entries under a heading, as on ministry "bilateral relations" pages:

    Visits from Chile to Peru:
    • President Ana Soto – official visit to Lima, 3-4.05.2021
    • Speaker of the Senate X – participation in the Y summit, Cusco, 15-16 September 2022

The heading gives the direction, each entry the person, the occasion, the place and the date.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.extract.context import ArticleContext, dates_in, status_of
from pipeline.extract.doc_index import places_in
from pipeline.extract.list_lines import BULLET, lines
from pipeline.extract.people import name_runs, person_from_tokens
from pipeline.nlp.rules import cue_regex
from pipeline.nlp.temporal import DateMention
from pipeline.extract.rows import Fact, VisitRow
from pipeline.extract.publisher_country import publisher_country
from pipeline.extract.visit_rows import visit_row, visit_type

_HEADING = cue_regex("visits", "visit_heading", any_case=True)
_HEADING_CHARS = 100  # the longest line read as a visits heading
_HOST_MARKER = cue_regex("visits", "heading_host")
_HOST_MARKER_CHARS = 6  # the characters before a heading's country that may say it is the host ("s to ")
_ENTRY_SPLIT = re.compile(r"\s+[–—-]\s+|:\s+")  # "WHO – WHAT", "WHO: WHAT"
_VISIT_CUE = cue_regex("visits", "listed_visit", any_case=True)
_OURS = cue_regex("visits", "our_heading", any_case=True)
_PARTICIPATION = cue_regex("visits", "participation", any_case=True)
_ACRONYM_CHARS = 3  # a listed name in capitals longer than this is written title-cased ("ANA SOTO" -> "Ana Soto")


def _span(ctx: ArticleContext, start: int, end: int) -> Span | None:
    return ctx.doc.char_span(start, end, alignment_mode="expand")


def _direction(ctx: ArticleContext, start: int, line: str) -> tuple[str | None, str | None, bool] | None:
    """(visitor country, host country, whether the host was inferred) from "Visits from A to B:" / "Visits
    of A leaders to B" / a numbered "2. Major visits to B:" / "Visits to our country:" on a page whose
    publisher's country is known."""
    numbered_heading = BULLET.match(line) and line.rstrip().endswith(":")
    if (BULLET.match(line) and not numbered_heading) or not _HEADING.search(line) or len(line) > _HEADING_CHARS:
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
        before = ctx.article.text[max(start, p.start - _HOST_MARKER_CHARS): p.start].lower()
        if _HOST_MARKER.search(before):
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


def _listed_parties(ctx: ArticleContext, direction) -> tuple[str, str, list[str]] | None:
    """(visitor country, host country, inferred columns) of a heading's entries: a heading that names only
    the host ("Visits to B:") leaves the visitor's state to the other state the article is about, one that
    names only the visitor leaves the host's (both marked inferred)."""
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
        return None
    return visitor, host, inferred


def _semicolon_entries(ctx: ArticleContext, start: int, line: str, direction) -> list[Fact[VisitRow]]:
    """A paragraph of "title NAME (date)" entries under a visits heading: one visit per entry and date."""
    entries = list(_PAREN_ENTRY.finditer(line))
    if len(entries) < 2 and not (entries and line.strip().rstrip(".;").endswith(")")):
        return []
    parties = _listed_parties(ctx, direction)
    if parties is None:
        return []
    return [row for m in entries for row in _paren_entry(ctx, start, line, m, parties)]


def _paren_entry(ctx: ArticleContext, start: int, line: str, m: re.Match[str],
                 parties: tuple[str, str, list[str]]) -> list[Fact[VisitRow]]:
    """The visits of one "title NAME (date, date)" entry: one per date (one undated when it gives none)."""
    visitor, host, inferred = parties
    who_start, who_end = start + m.start("who"), start + m.end("who")
    lead = len(line[m.start("who"): m.end("who")]) - len(line[m.start("who"): m.end("who")].lstrip(" ;,"))
    who_span = _span(ctx, who_start + lead, who_end)
    if who_span is None or not name_runs(list(who_span)):
        return []
    person = person_from_tokens(ctx, list(who_span), exclude=set())
    if person is None:
        return []
    name = person.name.title() if person.name.isupper() and len(person.name) > _ACRONYM_CHARS else person.name
    when_start, when_end = start + m.start("when"), start + m.end("when")
    dates = [d for d in ctx.dates if d.start >= when_start and d.end <= when_end]
    span = (who_start + lead, start + m.end("when") + 1)
    evidence = ctx.article.text[span[0]: span[1]]
    when: list[DateMention | None] = list(dates) or [None]
    return [visit_row(span, evidence, name, person.title, person.country or visitor, host, None,
                      "unspecified", None, "occurred", d, "visits.listing", d.start if d else when_start,
                      [f for f in inferred if f != "visitor_country" or not person.country])
            for d in when]


def _entry_parts(ctx: ArticleContext, start: int, line: str) -> tuple[int, str, Span, int, str, Span] | None:
    """A bullet entry "WHO – WHAT" as (body offset, body, who span, what offset, what, what span); None
    when it has no such split or its what names no visit."""
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
    return body_at, body, who_span, what_start, what, what_span


def _entry_host(what_span: Span, visitor: str | None, host: str | None) -> tuple[str | None, str | None]:
    """(host country, host city) of an entry: its first city not of the visitor's state, else the heading's
    host, else its first country not the visitor's."""
    host_city = None
    for p in places_in(what_span):
        if p.iso3 == visitor:
            continue
        if p.kind == "city" and host_city is None:
            host_city, host = p.text, p.iso3
        elif p.kind == "country" and host is None:
            host = p.iso3
    return host, host_city


def _entry_occasion(what: str) -> tuple[str, str | None]:
    """(visit type, occasion) of an entry: "participation in the X summit" is the X summit; an entry that
    names no occasion has none."""
    part = _PARTICIPATION.search(what)
    occasion = part.group("occ").strip().strip('"“”') if part else None
    vtype = visit_type(what, occasion)
    if occasion:
        occasion = re.sub(r'["“”]', "", occasion)
    return vtype, occasion


def _entry(ctx: ArticleContext, start: int, line: str, direction) -> Fact[VisitRow] | None:
    parts = _entry_parts(ctx, start, line)
    if parts is None:
        return None
    body_at, body, who_span, what_start, what, what_span = parts
    person = person_from_tokens(ctx, list(who_span), exclude=set())
    status = status_of(what) if person is not None else None
    if person is None or status is None:
        return None
    visitor = person.country or direction[0]
    host, host_city = _entry_host(what_span, visitor, direction[1])
    if visitor is None or host is None or visitor == host:
        return None
    dates = dates_in(ctx, what_start, body_at + len(body))
    vtype, occasion = _entry_occasion(what)
    return visit_row((body_at, body_at + len(body)), body, person.name, person.title, visitor, host, host_city,
                     vtype, occasion, status, dates[0] if dates else None, "visits.listing", what_start,
                     ["host_country"] if direction[2] and host == direction[1] else [])
