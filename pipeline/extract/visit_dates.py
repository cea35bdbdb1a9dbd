"""When a visit happened: the date a visit rule reads when its own phrase gives none, and how long it lasted."""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re

from spacy.tokens import Span, Token

from pipeline.extract.context import ArticleContext, dates_in, nearest_date, previous_sentence, same_paragraph, text_of
from pipeline.extract.doc_index import Place, places_in, sent_of
from pipeline.nlp.rules import cardinals, cue_regex, value_map
from pipeline.nlp.temporal import DateMention

_STORY_WINDOW = 400  # characters before the sentence: the lead that dates the story
_HEADER_CHARS = 300  # characters at the top of an undated page: its header, whose date dates the page
_NEWS_DAYS = 7  # days between a report and the meeting it states as the news of the day
_BRACKET_TOKENS = 8  # tokens a bracketed date after a name may span, brackets included ("(3-4 May 2024)")

_YEAR = re.compile(r"\b\d{4}\b")
_LIST_SEPARATOR = cue_regex("visits", "list_separator")
_GAPPED = cue_regex("visits", "gapped_entry")
_AND = cue_regex("visits", "date_and")  # "twice, in 2004 and 2011": nothing else between
_ORDINALS = value_map("common", "ordinals")
_NTH_DAY = cue_regex("visits", "nth_day", any_case=True)
_DAYS = range(2, 8)  # the lengths an "N-day visit" is read for: two to seven days
_DURATION = re.compile(rf"\b({'|'.join(w for w, n in cardinals().items() if n in _DAYS)}|[{_DAYS[0]}-{_DAYS[-1]}])-day\b",
                       re.IGNORECASE)
_N = value_map("common", "number_words")


def date_at(ctx: ArticleContext, tok: Token | None) -> DateMention | None:
    """The date of the sentence that named a place a later sentence refers back to."""
    return nearest_date(ctx, sent_of(tok), tok) if tok is not None else None


def listed_dates(ctx: ArticleContext, sent: Span, verb: Token) -> list[DateMention]:
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


def gapped_entries(ctx: ArticleContext, sent: Span, verb: Token, dest: Place) -> list[tuple[Place, DateMention]]:
    """The (place, date) entries of a gapped list of visits, the verb said once: "X visited Lima in 2015,
    Quito in 2016 and Bogota in 2018" (three visits, each to its place); none unless every entry after the
    first names a known place and its own date."""
    found = [d for d in dates_in(ctx, verb.idx, sent.end_char)
             if d.date_start is not None and (_YEAR.search(d.text) or d.source == "explicit")]
    if len(found) < 2 or not verb.idx <= dest.start < found[0].start:
        return []
    text = ctx.article.text
    places = {p.start: p for p in places_in(sent)}
    out = [(dest, found[0])]
    for a, b in itertools.pairwise(found):
        m = _GAPPED.match(text[a.end:b.start])
        place = places.get(a.end + m.start("place")) if m else None
        if place is None or place.end != a.end + m.end("place"):  # type: ignore[union-attr]
            return []
        out.append((place, b))
    return out


def bracket_date(ctx: ArticleContext, sent: Span, end: int) -> DateMention | None:
    """The date in brackets right after a name ("Ana Soto (March 2019)")."""
    doc = sent.doc
    if end >= sent.end or doc[end].text != "(":
        return None
    close = next((t.i for t in doc[end: min(sent.end, end + _BRACKET_TOKENS)] if t.text == ")"), None)
    if close is None:
        return None
    found = [d for d in dates_in(ctx, doc[end].idx, doc[close].idx + 1) if d.date_start is not None]
    return found[0] if found else None


def _single_day(date: DateMention | None) -> dt.date | None:
    """The day of a date resolved to a single day; None when unresolved or already an interval."""
    if date is None or date.precision != "day" or date.date_start is None or date.date_start != date.date_end:
        return None
    return date.date_start


def nth_day(date: DateMention | None, sent: Span, noun: Token | None) -> DateMention | None:
    """"on Friday, the third and last day of her visit": the visit ran from Wednesday to Friday."""
    day = _single_day(date)
    if date is None or noun is None or day is None:
        return date  # unresolved ("on Wednesday" with no publication date) or already an interval
    m = _NTH_DAY.search(text_of(sent)[: noun.idx - sent.start_char])
    if m is None or m.group(1).lower() not in _ORDINALS:
        return date
    n = _ORDINALS[m.group(1).lower()]
    return dataclasses.replace(date, date_start=day - dt.timedelta(days=n - 1))


def with_duration(date: DateMention | None, text: str) -> DateMention | None:
    """'landed on Tuesday for a four-day visit': the visit lasts from that day for four days."""
    m = _DURATION.search(text)
    day = _single_day(date)
    if date is None or m is None or day is None:
        return date
    n = int(m.group(1)) if m.group(1).isdigit() else _N[m.group(1).lower()]
    return dataclasses.replace(date, date_end=day + dt.timedelta(days=n - 1))


def date_from_previous(ctx: ArticleContext, sent: Span) -> DateMention | None:
    """The last date of the sentence before, in the same paragraph."""
    prev = previous_sentence(sent)
    if prev is None or not same_paragraph(prev, sent):
        return None
    found = dates_in(ctx, prev.start_char, prev.end_char)
    return found[-1] if found else None


def story_date(ctx: ArticleContext, sent: Span) -> DateMention | None:
    """The day the lead just before gives ("A and B on Thursday signed ..." then "visiting X witnessed
    ..."): the date of the last resolved day-precision mention shortly before the sentence."""
    before = [d for d in ctx.dates if d.end <= sent.start_char and sent.start_char - d.end <= _STORY_WINDOW
              and d.date_start is not None and d.precision == "day"]
    return before[-1] if before else None


def lead_date(ctx: ArticleContext, sent: Span) -> DateMention | None:
    """In a dated news report, the day its lead gives ("A and B on Friday signed ..."), for a later
    sentence about the same occasion that names no date: the first resolved day before the sentence."""
    before = [d for d in ctx.dates if d.end <= sent.start_char and d.date_start is not None
              and d.precision == "day" and d.source != "publication"]
    if ctx.article.published_date is None:  # undated page: only a date in its header ("News - 2024.10.23")
        before = [d for d in before if d.start < _HEADER_CHARS]
    return before[0] if before else None


def of_the_day(ctx: ArticleContext, date: DateMention | None) -> bool:
    """An undated sentence, or one dated within a few days of the report: the news of the day."""
    if date is None:
        return True
    published = ctx.article.published_date
    return published is not None and date.date_start is not None and abs((published - date.date_start).days) <= _NEWS_DAYS
