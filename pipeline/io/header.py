"""Split an article into header metadata, body and footer with layout-independent heuristics."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pipeline.nlp.temporal import find_dates, numeric_order_of

_BREADCRUMB_SEP = re.compile(r"\s+(?:»|›|>|/|\||•|·)\s+")
_BYLINE = re.compile(r"^(?:by|author|authors|written by|reporting by)\s*:?\s+(?P<names>.+)$", re.IGNORECASE)
_INLINE_BY = re.compile(r"(?:\||\u2013|\u2014|-)\s*(?:by|author)\s*:?\s+(?P<names>[^|]+)", re.IGNORECASE)
# Where a byline's names end: a separator, or the timestamp that follows them.
_NAMES_END = re.compile(r"\s*(?:\||\u2022|\u00b7|\s[-\u2013\u2014]\s|\b(?:updated|published|posted|last updated|"
                        r"first published|on)\b\s*:?|\d).*$", re.IGNORECASE)
_FOOTER = re.compile(r"^\s*(?:copyright\b|©|\(c\)\s|all rights reserved)", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^\s*(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?)?"
                        r"\s*,?\s*(?:by\s+)?(?P<name>.*?)\s*[.,|]?\s*(?:all rights reserved\.?)?\s*$", re.IGNORECASE)
_URL = re.compile(r"^(?:(?:source|url|link)\s*:\s*)?(?P<url>(?:https?://|www\.)[^\s/]+\S*)$", re.IGNORECASE)
# A publication time without a date, or relative to an unknown now: header, but no date to read.
_TIMESTAMP = re.compile(r"^(?:(?:published|updated|posted|last updated|first published)\s*:?\s*)?(?:on\s+)?"
                        r"(?:\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago|just now|"
                        r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)$", re.IGNORECASE)
# Web-page furniture copied with the text: menus, sharing buttons, skip links.
_CHROME = re.compile(r"^(?:(?:main |skip |toggle |open |close )?navigation(?: and service| menu)?|skip to\b.*|"
                     r"you are here:?|(?:main |open |close )?menu|search|"
                     r"share(?: this)?(?: article| page| story)?|print(?: this)?(?: article| page)?|subscribe\b.*|"
                     r"sign (?:in|up)|log ?in|register|advertisement|sponsored|follow us\b.*|"
                     r"listen(?: to this article| now)?(?:\s*[\d:]+(?:\s*min)?)?|read more|font size\b.*|text size\b.*|"
                     r"back to top|close|(?:we use |accept (?:all )?)cookies\b.*|cookie (?:settings|policy|preferences)|"
                     r"(?:main |to )?content|source|video|photos?|gallery|"
                     r"(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|copy link|reddit)[\s,|]*)+)$",
                     re.IGNORECASE)
# A language switcher ("English | Français"): page furniture, not an outlet.
_LANGUAGES = {"english", "français", "francais", "español", "espanol", "deutsch", "italiano", "português", "portugues",
              "русский", "العربية", "中文", "日本語", "한국어", "türkçe", "polski", "nederlands", "bahasa indonesia"}
# "date 2019-04-28 ...", "Published: 2019-04-28T10:00 ...": a date label in front of a title or the first paragraph.
_DATE_LABEL = re.compile(r"^\s*(?:date|dated|published|posted|updated)\s*:?\s*(?P<date>\d{4}-\d{2}-\d{2})"
                         r"(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s+(?P<rest>\S.*)$", re.IGNORECASE)
_YOU_ARE_HERE = re.compile(r"^you are here\s*:?\s*", re.IGNORECASE)
_ORG_WORDS = re.compile(r"\b(?:news|press|agency|wire|times|media|service|agencies|post|daily|herald|"
                        r"tribune|gazette|journal|review|ledger|courier|portal|reuters|afp|ap|tass|"
                        r"xinhua|anadolu|staff|desk|editorial|bureau|online|\.az|\.com)\b", re.IGNORECASE)
_GENERIC_CRUMBS = {"home", "news", "main", "index", "start", "homepage", "front page", "latest", "top stories"}
# Section names seen in breadcrumbs and menus: a section, never an outlet.
_SECTIONS = {"world", "politics", "business", "economy", "economics", "opinion", "sport", "sports", "region",
             "regions", "asia", "europe", "africa", "americas", "middle east", "national", "international",
             "diplomacy", "defence", "defense", "nation", "local", "analysis", "markets", "trade", "energy",
             "security", "foreign affairs", "world news", "press releases", "statements", "speeches"}
# US time zones and 12-hour clocks: an American timestamp, so numeric dates are month-first.
_US_CLOCK = re.compile(r"\b(?:[AP]\.?M\.?|E[SD]?T|C[SD]T|M[SD]T|P[SD]T)\b")
_TIME_OR_LABEL = re.compile(r"\d{1,2}[:.]\d{2}(?::\d{2})?|\b(?:[ap]\.?m\.?|(?-i:[A-Z]{2,5})|published|updated|posted|"
                            r"last updated|first published|date|dated|on|at)\b|[\[\](),:;|\-\u2013\u2014/]",
                            re.IGNORECASE)
_MAX_HEADER_LINE = 120
_MAX_TITLE = 300


@dataclass
class Header:
    """What the header and footer say about the article."""

    outlet: str | None = None
    section: str | None = None
    title: str | None = None
    published_date: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    url: str | None = None


def _is_person(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words if w.lower() not in ("de", "van", "von", "al", "bin"))
            and not _ORG_WORDS.search(name) and not any(c.isdigit() for c in name))


def _split_names(names: str) -> list[str]:
    names = _NAMES_END.sub("", names.strip())
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", names.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip()]


def _looks_like_body(line: str) -> bool:
    s = line.strip()
    words = s.split()
    if len(s) >= _MAX_HEADER_LINE:
        return True
    return len(words) >= 12 and s.endswith((".", "!", "?", "\u201d", '"'))


def _looks_like_title(line: str) -> bool:
    """A headline too long for a header line: one sentence with no final full stop."""
    s = line.strip()
    return (_MAX_HEADER_LINE <= len(s) <= _MAX_TITLE and not s.endswith((".", "!", "?", "\u201d", '"', ":"))
            and not re.search(r"[.!?]\s+[A-Z]", s))


def _header_date(line: str, numeric_order: str | None = None) -> dt.date | None:
    order = "mdy" if _US_CLOCK.search(line) else numeric_order
    for d in find_dates(line, numeric_order=order):
        if d.precision == "day" and d.source == "explicit" and d.date_start:
            return d.date_start
    return None


def _is_date_line(line: str, numeric_order: str | None) -> bool:
    """A line that is a publication date and little else (a time, a label, maybe the outlet)."""
    if _header_date(line, numeric_order) is None:
        return False
    rest = line
    for d in find_dates(line):
        rest = rest.replace(d.text, " ")
    words = _TIME_OR_LABEL.sub(" ", rest).split()
    # what is left may name the outlet ("- Harbour Gazette"), not say something ("the talks were held")
    return len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _crumbs(line: str) -> list[str]:
    return [c.strip() for c in _BREADCRUMB_SEP.split(_YOU_ARE_HERE.sub("", line)) if c.strip()]


def _is_breadcrumb(line: str) -> bool:
    crumbs = _crumbs(line)
    return len(line) < _MAX_HEADER_LINE and not line.endswith(".") and (
        len(crumbs) >= 3 or (len(crumbs) == 2 and crumbs[0].lower() in _GENERIC_CRUMBS | _SECTIONS))


def _is_meta(line: str, numeric_order: str | None) -> bool:
    """Header furniture: a date, byline, timestamp, breadcrumb, URL, copyright or menu line."""
    return bool(_BYLINE.match(line) or _TIMESTAMP.match(line) or _URL.match(line) or _CHROME.match(line)
                or _FOOTER.match(line) or _is_breadcrumb(line)
                or (len(line) < _MAX_HEADER_LINE and _is_date_line(line, numeric_order)))


def split(lines: list[str]) -> tuple[Header, list[str]]:
    """The header of `lines` (the normalised file) and the lines of its body."""
    head, first, end = parse(lines)
    body = list(lines[first:end])
    label = _DATE_LABEL.match(body[0]) if body else None
    if label:  # the first paragraph carries the date label: the label is header, the rest is text
        body[0] = label["rest"]
    return head, body


def parse(lines: list[str]) -> tuple[Header, int, int]:
    """Parse `lines` (the normalised file). Returns the header and the [first, end) line range
    of the body (whose first line may still carry a date label: `split` removes it)."""
    end = len(lines)
    footer: list[str] = []
    while end > 0 and (not lines[end - 1].strip() or _FOOTER.match(lines[end - 1])):
        footer.append(lines[end - 1].strip())
        end -= 1
    order = numeric_order_of("\n".join(lines[:end]))
    first = 0
    header_lines: list[str] = []
    labelled: dt.date | None = None
    while first < end:
        line = lines[first].strip()
        nxt = lines[first + 1].strip() if first + 1 < end else ""
        label = _DATE_LABEL.match(line)
        if label and labelled is None:
            labelled = dt.date.fromisoformat(label["date"])
            line = label["rest"]
        if not line or _is_meta(line, order):
            pass
        elif _looks_like_title(line) and not any(h.strip() for h in header_lines) and first + 1 < end \
                and (not nxt or _is_meta(nxt, order)):
            pass  # a long headline, set off from the body by a blank or a date line
        elif _looks_like_body(line):
            break
        elif not any(h.strip() for h in header_lines) and nxt and _looks_like_body(nxt) and not _headline(line):
            break  # a first short line directly followed by text: a body that starts with a heading
        header_lines.append(line)
        first += 1
    if first >= end:  # nothing looked like body: treat everything as body
        first, header_lines = 0, []
    head = _read_header([h.strip() for h in header_lines if h.strip()], order)
    if labelled is not None and (head.published_date is None or first == 0):
        head.published_date = labelled
    if head.published_date is None:  # a date line just below a standfirst that opened the body
        for line in lines[first:min(first + 6, end)]:
            line = line.strip()
            if len(line) < 80 and _is_date_line(line, order):
                head.published_date = _header_date(line, order)
                break
    _outlet_from_footer(head, [f for f in footer if f])
    return head, first, end


def _headline(line: str) -> bool:
    """A first line that reads as a headline (several words, no full stop), not a one-word heading."""
    return len(line.split()) >= 4 and not line.endswith((".", ":", "!", "?"))


def _plausible_outlet(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip(" -\u2013\u2014|:,.")
    low = name.lower()
    if not re.search(r"[^\W\d_]", name) or len(name) > 60 or low in _GENERIC_CRUMBS or low in _SECTIONS \
            or _CHROME.match(name) or low.startswith("all rights"):
        return None
    return name


def _outlet_from_copyright(line: str) -> str | None:
    m = _COPYRIGHT.match(line)
    return _plausible_outlet(m["name"]) if m else None


def _outlet_from_url(url: str) -> str | None:
    host = re.sub(r"^(?:https?://)?(?:www\d?\.)?", "", url, flags=re.IGNORECASE).split("/")[0].split(":")[0]
    return _plausible_outlet(host.lower()) if "." in host else None


def _outlet_from_footer(h: Header, footer: list[str]) -> None:
    if h.outlet is None:
        for line in footer:
            h.outlet = h.outlet or _outlet_from_copyright(line)
    if h.outlet is None and h.url:
        h.outlet = _outlet_from_url(h.url)


_NAME_PARTICLES = {"of", "the", "and", "&", "de", "du", "la", "le", "el", "al", "van", "von", "for", "on"}


def _name_like(words: list[str]) -> bool:
    """Every word capitalised (or a particle): "Lakeside Observer", not "Ferry link agreed"."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _NAME_PARTICLES for w in words) \
        and not all(w.lower() in _NAME_PARTICLES for w in words)


def _read_header(lines: list[str], numeric_order: str | None = None) -> Header:
    h = Header()
    loose: list[str] = []
    weak_outlets: list[str] = []  # from a copyright line or a URL: only when nothing better is found
    for line in lines:
        by = _BYLINE.match(line)
        inline_by = _INLINE_BY.search(line)
        date = _header_date(line, numeric_order)
        if found := by or inline_by:
            for name in _split_names(found["names"]):
                if _is_person(name):
                    h.authors.append(name)
                elif h.agency is None and _plausible_outlet(name):
                    h.agency = name
            if date and h.published_date is None:
                h.published_date = date
            continue
        url = _URL.match(line)
        if url:
            h.url = h.url or url["url"]
            continue
        if _FOOTER.match(line):
            weak_outlets.append(_outlet_from_copyright(line) or "")
            continue
        if _TIMESTAMP.match(line) or _CHROME.match(line):
            continue
        if date and len(line) < 80:
            if h.published_date is None:
                h.published_date = date
                tail = re.split(r"\s+[-\u2013\u2014|]\s+", line)
                if len(tail) > 1 and not _header_date(tail[-1]) and h.outlet is None \
                        and not re.search(r"\d", tail[-1]):
                    h.outlet = _plausible_outlet(tail[-1])
            continue
        crumbs = _crumbs(line)
        if len(crumbs) >= 2 and any(_CHROME.match(c) or c.lower() in _LANGUAGES for c in crumbs):
            continue  # a menu ("... | Video | Search") or a language switcher
        if len(crumbs) >= 2 and not line.endswith("."):
            if len(crumbs) == 2 and len(crumbs[0].split()) >= 4 and len(crumbs[1].split()) <= 5:
                h.title = h.title or crumbs[0]  # "Headline | Site Name"
                h.outlet = h.outlet or _plausible_outlet(crumbs[1])
                continue
            named = [c for c in crumbs if c.lower() not in _GENERIC_CRUMBS]
            if len(crumbs) >= 3 and len(crumbs[-1].split()) >= 4:
                h.title = h.title or crumbs[-1]
                named = [c for c in named if c != crumbs[-1]]
            if named and h.outlet is None and crumbs[0].lower() not in _GENERIC_CRUMBS \
                    and _plausible_outlet(named[0]):
                h.outlet = _plausible_outlet(named[0])
                named = named[1:]
            if named and h.section is None:
                h.section = named[0]
            continue
        loose.append(line)
    for line in loose:
        words = line.split()
        if h.title is None and len(words) >= 4 and not line.isupper():
            h.title = line
        elif h.outlet is None and 1 <= len(words) <= 4 and not re.search(r"[\d,:|]", line) \
                and not line.isupper() and _name_like(words) and not re.match(r"[IVX]+\.", line):
            h.outlet = _plausible_outlet(line)
        elif h.title is None and len(words) >= 2 and not line.isupper():
            h.title = line  # a short headline: it has lower-case words, a name has none
    if h.outlet is None:
        h.outlet = next((o for o in weak_outlets if o), None)
    if h.outlet is None and h.url:
        h.outlet = _outlet_from_url(h.url)
    return h
