"""The signing date of an instrument: its own phrase, its clause, the visit it was signed during, the day's signings."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from spacy.tokens import Span, Token

from pipeline.extract.context import (ArticleContext, date_fields, dates_in, last_date_before, nearest_date,
                                      text_of)
from pipeline.extract.doc_index import sent_of
from pipeline.extract.document_actions import signing_status
from pipeline.extract.document_found import Found, Visit
from pipeline.extract.slots import clause_dates, phrase_date
from pipeline.extract.rows import DocumentRow
from pipeline.nlp.rules import cues, first_cue, has_cue
from pipeline.nlp.temporal import DateMention

HEADLINE = "(headline)"  # the date text of a headline dated by its publication day
CARRY_WINDOW = 3000  # characters: the signings a story lists after its dated lead
_PERIOD_LOOKBACK = 30  # characters before a date in which "for", "until", "valid" make it a period covered
_JUST_BEFORE = 80  # characters between a day and the sentence it dates when an abbreviation cut them apart


def _linked_phrase(text: str) -> str | None:
    """The phrase that dates the sentence by another fact ("during the visit", "on that occasion"): the cue
    list `linked_date` of pipeline/rules/documents.yaml."""
    low = text.lower()
    for _, rx in cues("documents", "linked_date"):
        m = rx.search(low)
        if m is not None:
            return m.group(0)
    return None


def document_date(ctx: ArticleContext, sent: Span, tok: Token, verb: Token, segment: tuple[int, int] | None,
                  visits: Sequence[Visit]) -> DateMention | None:
    """The signing date: from the instrument's own phrase ("the agreement of 2010"), else the signing
    clause, else the visit or session it was signed during, else a follow-up sentence. Periods an
    instrument covers ("roadmap for 2019-2021") are not signing dates."""
    def not_period(d: DateMention) -> bool:
        before = ctx.article.text[max(0, d.start - _PERIOD_LOOKBACK): d.start]
        return first_cue("documents", "period_before", before) is None

    def signing(ds: list[DateMention]) -> list[DateMention]:
        return [d for d in ds if not_period(d)]

    if segment is not None:
        return nearest_date(ctx, sent, verb, segment)
    own = phrase_date(ctx, sent, tok, keep=not_period)
    if own is not None:
        return own
    clause = signing(clause_dates(ctx, verb))
    if clause:
        return nearest_date(ctx, sent, verb, candidates=clause)
    linked = _linked_by_fact(ctx, sent, visits)
    if linked is not None:
        return _day_within(ctx, sent, verb, linked, signing) or linked
    follow = _date_from_follow_up(ctx, sent)
    if follow is not None:
        return follow
    rest = [d for d in signing(dates_in(ctx, sent.start_char, sent.end_char))
            if not ctx.article.text.startswith("'s", d.end) and not ctx.article.text.startswith("\u2019s", d.end)]
    if rest:  # (not "this year's theme": a date that qualifies a noun)
        return nearest_date(ctx, sent, verb, candidates=rest)
    return _date_just_before(ctx, sent) or _later_date(ctx, sent) or _planned_visit_date(sent, verb, visits) \
        or _headline_date(ctx, sent, verb)


def _linked_by_fact(ctx: ArticleContext, sent: Span, visits: Sequence[Visit]) -> DateMention | None:
    """The dates of the visit the sentence continues, else, when it says "during the visit" or "after the
    talks", of the latest visit before, else of the last dated fact before."""
    linked = _visit_date(ctx, sent, visits)
    link = _linked_phrase(text_of(sent))
    if linked is None and link is not None:
        by_visit = first_cue("documents", "linked_by_visit", link) is not None
        linked = (_last_visit_date(visits, sent) if by_visit else None) or _linked_date(ctx, sent)
    return linked


def _day_within(ctx: ArticleContext, sent: Span, verb: Token, linked: DateMention,
                signing: Callable[[list[DateMention]], list[DateMention]]) -> DateMention | None:
    """"During the visit (3-5 May) ... on 4 May, the sides signed": a day the sentence names inside the visit's
    days is the signing's own day, closer than the whole visit."""
    start, end = linked.date_start, linked.date_end
    if start is None or end is None or start == end:
        return None
    inside = [d for d in signing(dates_in(ctx, sent.start_char, sent.end_char)) if d.precision == "day"
              and d.date_start is not None and d.date_end is not None and start <= d.date_start == d.date_end <= end]
    return nearest_date(ctx, sent, verb, candidates=inside) if inside else None


def _later_date(ctx: ArticleContext, sent: Span) -> DateMention | None:
    """"Later, the two leaders signed ...": the day of the last event told before, in the paragraphs just
    above."""
    if first_cue("documents", "later", text_of(sent)) is None:
        return None
    d = last_date_before(ctx, sent.start_char, lambda d: d.precision == "day" and d.date_start is not None)
    return d if d is not None and sent.start_char - d.end <= CARRY_WINDOW else None


def _planned_visit_date(sent: Span, verb: Token, visits: Sequence[Visit]) -> DateMention | None:
    """"..., with a joint statement expected at the end": a planned instrument of an announced visit takes
    the visit's days."""
    if signing_status(sent, verb) != "planned":
        return None
    before = [v for v in visits if v["char_start"] <= sent.start_char and v.get("status") == "planned"
              and v.get("date_start") is not None]
    return as_mention(before[-1]) if before else None


def _headline_date(ctx: ArticleContext, sent: Span, verb: Token) -> DateMention | None:
    """A headline ("Ghana and Togo sign fisheries accord", the text's first line, with no date of its own)
    reports the news of its publication day."""
    text = ctx.article.text
    first_line_end = text.find("\n")
    published = ctx.article.published_date
    line = text[:first_line_end] if first_line_end != -1 else text
    if published is None or sent.start_char > len(text) - len(text.lstrip()) or verb.idx > len(line) \
            or line.rstrip().endswith("."):
        return None
    return DateMention(-1, -1, HEADLINE, published, published, "day", "inferred")


def own_date(ctx: ArticleContext, tok: Token) -> DateMention | None:
    """A year written in the instrument's name ("the 1977 Agreement on Fisheries")."""
    found = dates_in(ctx, tok.left_edge.idx, tok.idx)
    return found[-1] if found else None


def _date_just_before(ctx: ArticleContext, sent: Span) -> DateMention | None:
    """"On July 8, at 10:45 a.m. local time, X signed ...": a sentence cut after an abbreviation takes
    the day written just before it in the same paragraph."""
    text = ctx.article.text
    for d in reversed(ctx.dates):
        if d.end > sent.start_char:
            continue
        gap = text[d.end:sent.start_char]
        if len(gap) <= _JUST_BEFORE and "\n" not in gap and d.precision == "day" and d.date_start is not None:
            return d
        if d.end < sent.start_char - _JUST_BEFORE:
            break
    return None


def _paragraph_visit(ctx: ArticleContext, sent: Span, visits: Sequence[Visit]) -> Visit | None:
    """The visit the sentence continues: stated earlier in the same paragraph, with "during the visit"
    or the visit's city named ("In Lima, ... signed")."""
    para_start = ctx.article.text.rfind("\n", 0, sent.start_char) + 1
    before = [v for v in visits if para_start <= v["char_start"] and v["char_end"] <= sent.start_char]
    if not before:
        return None
    v = before[-1]
    named = v.get("host_city") and re.search(rf"\b{re.escape(v['host_city'])}\b", text_of(sent))
    if named or _linked_phrase(text_of(sent)) is not None:
        return v
    return None


def _last_visit_date(visits: Sequence[Visit], sent: Span) -> DateMention | None:
    """"during the visit" with no visit in the paragraph: the latest visit that took place before."""
    before = [v for v in visits if v["char_end"] <= sent.start_char and v["status"] == "occurred"
              and v.get("date_start") is not None]
    if not before:
        return None
    last = before[-1]
    same = [v for v in before if v["visitor_name"] == last["visitor_name"] and v["host_country"] == last["host_country"]
            and v["date_start"] <= last["date_start"] and v["date_end"] >= last["date_end"]]
    return as_mention(min(same, key=lambda v: (v["date_start"], -v["date_end"].toordinal())))


def _visit_date(ctx: ArticleContext, sent: Span, visits: Sequence[Visit]) -> DateMention | None:
    v = _paragraph_visit(ctx, sent, visits)
    if v is None or v.get("date_start") is None:
        return None
    return as_mention(v)


def as_mention(v: Visit) -> DateMention:
    """A visit's dates as a date mention (at the visit's place in the text)."""
    return DateMention(v["char_start"], v["char_start"], v.get("date_text") or "", v["date_start"], v["date_end"],
                       v["date_precision"], v.get("date_source") or "explicit")


def visit_city(ctx: ArticleContext, sent: Span, visits: Sequence[Visit]) -> str | None:
    """The host city of the visit the sentence continues."""
    v = _paragraph_visit(ctx, sent, visits)
    return v.get("host_city") if v is not None else None


def _date_from_follow_up(ctx: ArticleContext, sent: Span) -> DateMention | None:
    """"Ghana and Togo signed the Accra Declaration. The document was signed ... on 3 May 2021.": the next
    sentence, about the instrument (the cue list `follow_up`), dates it."""
    nxt = sent_of(sent.doc[sent.end]) if sent.end < len(sent.doc) else None
    if nxt is None or first_cue("documents", "follow_up", nxt.text) is None:
        return None
    found = dates_in(ctx, nxt.start_char, nxt.end_char)
    return found[-1] if found else None


def _linked_date(ctx: ArticleContext, sent: Span) -> DateMention | None:
    """The most recent dated visit or meeting before this sentence."""
    return last_date_before(ctx, sent.start_char, lambda d: d.date_start is not None)


def undate_restated_headlines(found: list[Found]) -> list[Found]:
    """A headline dated by its publication day that the body restates ("Ghana, Togo sign accord" ...
    "signed the accord on 3 May") keeps no date of its own: the body's date is the one (merged later)."""
    out = []
    for f in found:
        if f.row.get("date_text") == HEADLINE:
            f = f.with_columns(date_text=None)
            r = f.row
            if any(o.row["char_start"] > r["char_end"] and o.row["doc_type"] == r["doc_type"]
                   and sorted(o.row["parties"]) == sorted(r["parties"]) for o in found):
                f = f.with_columns(**date_fields(None), inferred_fields=[c for c in r.get("inferred_fields") or []
                                                                         if not c.startswith("date")])
        out.append(f)
    return out


_DATE_COLUMNS = ("date_start", "date_end", "date_precision", "date_text", "date_source")


def _carried(row: DocumentRow, earlier: list[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The dated signing or visit, told before and near the undated signing `row`, whose day it takes."""
    return next((r for r in reversed(earlier) if r.get("date_start") is not None and r.get("status") == "occurred"
                 and r["date_precision"] == "day" and r["char_end"] <= row["char_start"]
                 and row["char_start"] - r["char_start"] <= CARRY_WINDOW), None)


def carry_dates(found: list[Found], visits: Sequence[Visit] = ()) -> list[Found]:
    """"Ministers X and Y also signed a protocol on ...": an undated signing in the sentences after a
    dated signing or visit took place at the same ceremony or during that visit (the date is marked
    inferred)."""
    out: list[Found] = []
    for f in found:
        row = f.row
        if row.get("date_start") is None and row.get("status") == "occurred" \
                and not has_cue("documents", "in_force", row["evidence"], {"anniversary"}) \
                and row["extractor"] != "documents.named":  # an instrument in force is not signed at the day's event
            earlier: list[Mapping[str, Any]] = sorted([*(o.row for o in out), *visits], key=lambda r: r["char_start"])
            prev = _carried(row, earlier)
            if prev is not None:
                f = f.with_columns(**{k: prev[k] for k in _DATE_COLUMNS},
                                   inferred_fields=sorted(set(row.get("inferred_fields") or []) | {"date_start",
                                                                                                  "date_end"}))
        out.append(_narrowed_to_signing_day(f, [o.row for o in out], visits))
    return out


def _narrowed_to_signing_day(f: Found, earlier: list[Mapping[str, Any]], visits: Sequence[Visit]) -> Found:
    """"Ghana and Togo signed four MoUs on Tuesday, the visit's second day. Two of the MoUs signed during the
    visit ...": a signing dated by a visit of several days takes the day an earlier signing of that visit
    names (marked inferred)."""
    row = f.row
    start, end = row.get("date_start"), row.get("date_end")
    if start is None or end is None or start == end or row.get("status") != "occurred" \
            or not any(v.get("date_start") == start and v.get("date_end") == end for v in visits):
        return f
    prev = next((r for r in reversed(earlier) if r.get("status") == "occurred" and r.get("date_precision") == "day"
                 and r.get("date_start") is not None and start <= r["date_start"] == r["date_end"] <= end
                 and row["char_start"] - r["char_start"] <= CARRY_WINDOW), None)
    if prev is None:
        return f
    return f.with_columns(**{k: prev[k] for k in _DATE_COLUMNS},
                          inferred_fields=sorted(set(row.get("inferred_fields") or []) | {"date_start", "date_end"}))
