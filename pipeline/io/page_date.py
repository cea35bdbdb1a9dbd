"""The page's own date when its header gives none: a dateline that opens the body ("Nairobi, 12 March
2016 (Agency) – ...") or a "Published / Posted / Updated / Last modified" line among the body's first or
last lines. Only a full date (day, month and year) stated there is taken: the page's date is never guessed."""
from __future__ import annotations

import datetime as dt
import re

from pipeline.nlp.rules import cue_regex
from pipeline.nlp.temporal import DateMention, find_dates

DATELINE_CHARS = 160  # the opening of the body's first line a dateline lies in
DATELINE_PLACE_CHARS = 40  # the longest place (and country) before the dateline's comma
STAMP_LINES = 3  # lines at the start and at the end of the body read for a published line
_PLACE = re.compile(rf"^[^\W\d_][^,\n]{{0,{DATELINE_PLACE_CHARS}}},\s*")  # "Nairobi, ", "ADDIS ABABA, Ethiopia, "
_AFTER = re.compile(r"^\s*(?:\([^()\n]{1,40}\)\s*)?(?:[–—-]{1,2}|:)")  # " (Agency) –", " -", ":"
_STAMP = cue_regex("header", "page_stamp", any_case=True)


def page_date(body: str) -> dt.date | None:
    """The date the body itself gives the page: its dateline's, else a published line's; None when neither
    states a full date."""
    return _dateline(body) or _stamp(body)


def _full(d: DateMention) -> bool:
    return d.precision == "day" and d.date_start is not None and d.date_start == d.date_end


def _dateline(body: str) -> dt.date | None:
    line = body.lstrip().split("\n", 1)[0][:DATELINE_CHARS]
    place = _PLACE.match(line)
    if place is None:
        return None
    for d in find_dates(line):
        between = line[place.end():d.start]
        if d.start < place.end() or not re.fullmatch(r"(?:[^\W\d_]+,?\s+)?", between):
            continue  # the date right after the place (a weekday may come between)
        if _full(d) and _AFTER.match(line[d.end:]):
            return d.date_start
        return None
    return None


def _stamp(body: str) -> dt.date | None:
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    for line in [*lines[:STAMP_LINES], *lines[-STAMP_LINES:]]:
        label = _STAMP.match(line)
        if label is None:
            continue
        found = [d for d in find_dates(line) if d.start >= label.end() and _full(d)]
        if found and not line[label.end():found[0].start].strip(" ,:"):
            return found[0].date_start
    return None
