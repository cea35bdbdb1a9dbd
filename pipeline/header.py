"""Split an article into header metadata, body and footer with layout-independent heuristics."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.temporal import find_dates

_BREADCRUMB_SEP = re.compile(r"\s+(?:»|›|>|/|\|)\s+")
_BYLINE = re.compile(r"^(?:by|author|authors|written by|reporting by)\s*:?\s+(?P<names>.+)$", re.IGNORECASE)
_INLINE_BY = re.compile(r"\|\s*(?:by|author)\s*:?\s+(?P<names>[^|]+)", re.IGNORECASE)
_FOOTER = re.compile(r"^\s*(?:copyright\b|©|\(c\)\s|all rights reserved)", re.IGNORECASE)
_ORG_WORDS = re.compile(r"\b(?:news|press|agency|wire|times|media|service|agencies|post|daily|herald|"
                        r"tribune|gazette|journal|review|ledger|courier|portal|reuters|afp|ap|tass|"
                        r"xinhua|anadolu|staff|desk|editorial|bureau|online|\.az|\.com)\b", re.IGNORECASE)
_GENERIC_CRUMBS = {"home", "news", "main", "index", "start"}
_MAX_HEADER_LINE = 120


@dataclass
class Header:
    """What the header and footer say about the article."""

    outlet: str | None = None
    section: str | None = None
    title: str | None = None
    published_date: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None


def _is_person(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words if w.lower() not in ("de", "van", "von", "al", "bin"))
            and not _ORG_WORDS.search(name) and not any(c.isdigit() for c in name))


def _split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", names.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip()]


def _looks_like_body(line: str) -> bool:
    s = line.strip()
    words = s.split()
    if len(s) >= _MAX_HEADER_LINE:
        return True
    return len(words) >= 12 and s.endswith((".", "!", "?", "\u201d", '"'))


def _header_date(line: str) -> dt.date | None:
    for d in find_dates(line):
        if d.precision == "day" and d.source == "explicit" and d.date_start:
            return d.date_start
    return None


def parse(lines: list[str]) -> tuple[Header, int, int]:
    """Parse `lines` (the normalised file). Returns the header and the [first, end) line range
    of the body."""
    end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or _FOOTER.match(lines[end - 1])):
        end -= 1
    first = 0
    header_lines: list[str] = []
    while first < end and not _looks_like_body(lines[first]):
        if _BYLINE.match(lines[first].strip()) is None and first + 1 < end and _looks_like_body(lines[first + 1]) \
                and not header_lines:
            break  # a first short line directly followed by text: a body that starts with a heading
        header_lines.append(lines[first])
        first += 1
    if first >= end:  # nothing looked like body: treat everything as body
        first, header_lines = 0, []
    return _read_header([h.strip() for h in header_lines if h.strip()]), first, end


def _read_header(lines: list[str]) -> Header:
    h = Header()
    loose: list[str] = []
    for line in lines:
        by = _BYLINE.match(line)
        inline_by = _INLINE_BY.search(line)
        date = _header_date(line)
        if found := by or inline_by:
            for name in _split_names(found["names"]):
                if _is_person(name):
                    h.authors.append(name)
                elif h.agency is None:
                    h.agency = name
            if date and h.published_date is None:
                h.published_date = date
            continue
        if date and h.published_date is None and len(line) < 80:
            h.published_date = date
            tail = re.split(r"\s+[-\u2013\u2014|]\s+", line)
            if len(tail) > 1 and not _header_date(tail[-1]) and h.outlet is None \
                    and not re.search(r"\d", tail[-1]):
                h.outlet = tail[-1].strip()
            continue
        crumbs = [c.strip() for c in _BREADCRUMB_SEP.split(line) if c.strip()]
        if len(crumbs) >= 2 and not line.endswith("."):
            named = [c for c in crumbs if c.lower() not in _GENERIC_CRUMBS]
            if len(crumbs) >= 3 and len(crumbs[-1].split()) >= 4:
                h.title = h.title or crumbs[-1]
                named = [c for c in named if c != crumbs[-1]]
            if named and h.outlet is None and crumbs[0].lower() not in _GENERIC_CRUMBS:
                h.outlet = named[0]
                named = named[1:]
            if named and h.section is None:
                h.section = named[0]
            continue
        loose.append(line)
    for line in loose:
        words = line.split()
        if h.title is None and len(words) >= 4 and not line.isupper():
            h.title = line
        elif h.outlet is None and 1 <= len(words) <= 4 and not re.search(r"\d", line) \
                and not line.isupper() and ":" not in line:
            h.outlet = line
    return h
