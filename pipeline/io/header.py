"""Split an article into header metadata, body and footer with layout-independent heuristics (the cue
words and word lists they read are in pipeline/rules/header.yaml)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.nlp import places
from pipeline.nlp.rules import cues, lexicon
from pipeline.nlp.temporal import find_dates, numeric_order_of

_BREADCRUMB_SEP = re.compile(r"\s+(?:»|›|>|/|\||•|·)\s+")


def _cue(name: str) -> re.Pattern[str]:
    """The one regular expression of a cue list of pipeline/rules/header.yaml."""
    return cues("header", name)[0][1]


def _words(name: str) -> frozenset[str]:
    return lexicon("header", name)


_BYLINE = _cue("byline")
_INLINE_BY = _cue("inline_byline")
_NAMES_END = _cue("names_end")  # where a byline's names end: a separator, or the timestamp after them
_FOOTER = _cue("footer")
_COPYRIGHT = _cue("copyright")
_URL = _cue("url")
_TIMESTAMP = _cue("timestamp")  # a time without a date, or relative to an unknown now: no date to read
_CHROME = _cue("chrome")  # web-page furniture: menus, sharing buttons, skip links
_DATE_LABEL = _cue("date_label")  # "date 2019-04-28 ..." in front of a title or the first paragraph
_YOU_ARE_HERE = _cue("you_are_here")
_TIME_OR_LABEL = _cue("time_or_label")
_LANGUAGES = _words("languages")  # a language switcher ("English | Français"): furniture, not an outlet
_GENERIC_CRUMBS = _words("generic_crumbs")
_SECTIONS = _words("sections")  # a section, never an outlet
_PERSON_PARTICLES = _words("person_name_particles")
_NAME_PARTICLES = _words("outlet_name_particles")
_ORG_WORDS = _cue("organisation_name")  # "Harbour Press Service": an agency, not a person
_WEB_ADDRESS = re.compile(r"[^\W\d_]{2}\.[^\W\d_]{2,}\b")  # "Lakeside.example": a site, not a person ("J.R. Roe" is)
# AM/PM or a US time zone: an American timestamp, so numeric dates are month-first.
_US_CLOCK = re.compile(rf"\b(?:[AP]\.?M\.?|{'|'.join(sorted(z.upper() for z in _words('us_time_zones')))})\b")
_MAX_HEADER_LINE = 120  # characters: a longer line is body text (or a long headline, up to _MAX_TITLE)
_MAX_TITLE = 300
_MIN_BODY_WORDS = 12  # a shorter line ending in a full stop is still header ("Ferry talks resume.")
_DATELINE_LINE = re.compile(r"([A-Z][^\W\d_]+(?:[ .'-][A-Z][^\W\d_]+)*),[ \t]*([A-Z][^\W\d_]+(?:[ .'-][A-Z][^\W\d_]+)*)")
_MIN_TITLE_WORDS = 4  # a headline has this many words at least; a one-word line is a heading or a name
_MIN_CAPS_TITLE_WORDS = 8  # a line in capitals is a headline with this many words at least, else a section label
_MAX_NAME_WORDS = 4  # an outlet's name has at most this many ("The Harbour Evening Gazette")
_MAX_SITE_WORDS = 5  # ... and "Headline | Site Name" at most this many after the bar
_MAX_OUTLET = 60  # characters of an outlet's name
_MAX_PERSON_WORDS = 4  # words of a person's name in a byline (two at least: a given name and a surname)
_MAX_DATE_LINE = 80  # characters of a date line: a date, a time, labels, maybe the outlet
_DATE_BELOW_LINES = 6  # how far into the body a date line below a standfirst is looked for


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
    dateline: str | None = None  # the city of a "Mexico City, Mexico" line: where the report was filed


def _dateline(line: str) -> str | None:
    """The city of a header line that is only "City, Country" (the country the city's own), else None."""
    m = _DATELINE_LINE.fullmatch(line.strip())
    if m is None:
        return None
    city, country = m.group(1), m.group(2)
    iso3 = places.city_country(city)
    return city if iso3 is not None and places.resolve(country) == iso3 else None


def _is_person(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= _MAX_PERSON_WORDS and all(w[:1].isupper() for w in words if w.lower() not in _PERSON_PARTICLES)
            and not _ORG_WORDS.search(name) and not _WEB_ADDRESS.search(name) and not any(c.isdigit() for c in name))


def _split_names(names: str) -> list[str]:
    names = _NAMES_END.sub("", names.strip())
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", names.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip()]


def _looks_like_body(line: str) -> bool:
    s = line.strip()
    words = s.split()
    if len(s) >= _MAX_HEADER_LINE:
        return True
    return len(words) >= _MIN_BODY_WORDS and s.endswith((".", "!", "?", "\u201d", '"'))


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
    return len(words) <= _MAX_NAME_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


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
    end, footer = _footer(lines)
    order = numeric_order_of("\n".join(lines[:end]))
    first, header_lines, labelled = _header_lines(lines, end, order)
    head = _read_header([h.strip() for h in header_lines if h.strip()], order)
    if labelled is not None and (head.published_date is None or first == 0):
        head.published_date = labelled
    if head.published_date is None:
        head.published_date = _date_below(lines[first:min(first + _DATE_BELOW_LINES, end)], order)
    _outlet_from_footer(head, [f for f in footer if f])
    return head, first, end


def _footer(lines: list[str]) -> tuple[int, list[str]]:
    """Where the body ends, and the blank and copyright lines after it (last first)."""
    end = len(lines)
    footer: list[str] = []
    while end > 0 and (not lines[end - 1].strip() or _FOOTER.match(lines[end - 1])):
        footer.append(lines[end - 1].strip())
        end -= 1
    return end, footer


def _header_lines(lines: list[str], end: int, order: str | None) -> tuple[int, list[str], dt.date | None]:
    """The first line of the body, the header lines before it (a date label cut off) and the date of the
    first date label. With nothing that looks like body, everything is body."""
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
        if not _is_header_line(line, nxt, any(h.strip() for h in header_lines), first + 1 < end, order):
            break
        header_lines.append(line)
        first += 1
    if first >= end:  # nothing looked like body: treat everything as body
        return 0, [], labelled
    return first, header_lines, labelled


def _is_header_line(line: str, nxt: str, after_header: bool, more: bool, order: str | None) -> bool:
    """Whether `line` (followed by `nxt`; `after_header`: a header line came before it; `more`: lines
    follow it) is still header."""
    if not line or _is_meta(line, order):
        return True
    if _looks_like_title(line) and not after_header and more and (not nxt or _is_meta(nxt, order)):
        return True  # a long headline, set off from the body by a blank or a date line
    if _looks_like_body(line):
        return False
    # a first short line directly followed by text: a body that starts with a heading
    return after_header or not nxt or not _looks_like_body(nxt) or _headline(line)


def _date_below(lines: list[str], order: str | None) -> dt.date | None:
    """The date of a date line just below a standfirst that opened the body."""
    for line in lines:
        line = line.strip()
        if len(line) < _MAX_DATE_LINE and _is_date_line(line, order):
            return _header_date(line, order)
    return None


def _headline(line: str) -> bool:
    """A first line that reads as a headline (several words, no full stop), not a one-word heading."""
    return len(line.split()) >= _MIN_TITLE_WORDS and not line.endswith((".", ":", "!", "?"))


def _plausible_outlet(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip(" -\u2013\u2014|:,.")
    low = name.lower()
    if not re.search(r"[^\W\d_]", name) or len(name) > _MAX_OUTLET or low in _GENERIC_CRUMBS or low in _SECTIONS \
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


def _name_like(words: list[str]) -> bool:
    """Every word capitalised (or a particle): "Lakeside Observer", not "Ferry link agreed"."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _NAME_PARTICLES for w in words) \
        and not all(w.lower() in _NAME_PARTICLES for w in words)


@dataclass
class _Reading:
    """A header being read: what was found so far, the lines left for the second pass and the outlets of
    copyright lines (taken only when nothing better is found)."""

    numeric_order: str | None
    head: Header = field(default_factory=Header)
    loose: list[str] = field(default_factory=list)
    weak_outlets: list[str] = field(default_factory=list)


def _byline(line: str, r: _Reading) -> bool:
    """"By Jane Roe", "12 March 2021 | By Jane Roe and Harbour Press": authors, an agency, maybe the date."""
    found = _BYLINE.match(line) or _INLINE_BY.search(line)
    if not found:
        return False
    h = r.head
    for name in _split_names(found["names"]):
        if _is_person(name):
            h.authors.append(name)
        elif h.agency is None and _plausible_outlet(name):
            h.agency = name
    if h.published_date is None:
        h.published_date = _header_date(line, r.numeric_order)
    return True


def _url_line(line: str, r: _Reading) -> bool:
    url = _URL.match(line)
    if url:
        r.head.url = r.head.url or url["url"]
    return url is not None


def _copyright_line(line: str, r: _Reading) -> bool:
    if not _FOOTER.match(line):
        return False
    r.weak_outlets.append(_outlet_from_copyright(line) or "")
    return True


def _furniture(line: str, r: _Reading) -> bool:
    """A timestamp without a date, a menu entry or a sharing button: nothing to read."""
    return bool(_TIMESTAMP.match(line) or _CHROME.match(line))


def _date_line(line: str, r: _Reading) -> bool:
    """"12 March 2021 10:42 - Harbour Gazette": the publication date, and the outlet after a separator."""
    if len(line) >= _MAX_DATE_LINE:
        return False
    date = _header_date(line, r.numeric_order)
    if date is None:
        return False
    h = r.head
    if h.published_date is None:
        h.published_date = date
        tail = re.split(r"\s+[-\u2013\u2014|]\s+", line)[-1]
        if tail != line and not _header_date(tail) and h.outlet is None and not re.search(r"\d", tail):
            h.outlet = _plausible_outlet(tail)
    return True


def _menu(line: str, r: _Reading) -> bool:
    """A menu ("... | Video | Search") or a language switcher ("English | Français")."""
    crumbs = _crumbs(line)
    return len(crumbs) >= 2 and any(_CHROME.match(c) or c.lower() in _LANGUAGES for c in crumbs)


def _titled_site(line: str, r: _Reading) -> bool:
    """"Headline | Site Name"."""
    crumbs = _crumbs(line)
    if len(crumbs) != 2 or line.endswith(".") or len(crumbs[0].split()) < _MIN_TITLE_WORDS \
            or len(crumbs[1].split()) > _MAX_SITE_WORDS:
        return False
    r.head.title = r.head.title or crumbs[0]
    r.head.outlet = r.head.outlet or _plausible_outlet(crumbs[1])
    return True


def _breadcrumb(line: str, r: _Reading) -> bool:
    """"Harbour Gazette » Politics » Ferry talks resume": the outlet, the section and a headline last."""
    crumbs = _crumbs(line)
    if len(crumbs) < 2 or line.endswith("."):
        return False
    h = r.head
    named = [c for c in crumbs if c.lower() not in _GENERIC_CRUMBS]
    if len(crumbs) >= 3 and len(crumbs[-1].split()) >= _MIN_TITLE_WORDS:
        h.title = h.title or crumbs[-1]
        named = [c for c in named if c != crumbs[-1]]
    if named and h.outlet is None and crumbs[0].lower() not in _GENERIC_CRUMBS and _plausible_outlet(named[0]):
        h.outlet = _plausible_outlet(named[0])
        named = named[1:]
    if named and h.section is None:
        h.section = named[0]
    return True


def _loose_line(line: str, r: _Reading) -> bool:
    """Anything else: a title or the outlet's name, told apart once every line is read."""
    r.loose.append(line)
    return True


# What a header line can be, tried in order: the first handler that takes the line reads it.
_LINE_HANDLERS: tuple[Callable[[str, _Reading], bool], ...] = (
    _byline, _url_line, _copyright_line, _furniture, _date_line, _menu, _titled_site, _breadcrumb, _loose_line)


def _read_loose(line: str, h: Header) -> None:
    """A line no handler read: a dateline ("Lima, Peru"), the title (several words), the outlet (a short
    name) or a short title."""
    words = line.split()
    if h.dateline is None and (city := _dateline(line)):
        h.dateline = city
        return
    if line.isupper() and len(words) < _MIN_CAPS_TITLE_WORDS:
        return  # "WORLD NEWS", "PRESS RELEASE": a section label (a long capitalised line is a headline)
    if h.title is None and len(words) >= _MIN_TITLE_WORDS:
        h.title = line
    elif h.outlet is None and 1 <= len(words) <= _MAX_NAME_WORDS and not re.search(r"[\d,:|]", line) \
            and _name_like(words) and not re.match(r"[IVX]+\.", line):
        h.outlet = _plausible_outlet(line)
    elif h.title is None and len(words) >= 2:
        h.title = line  # a short headline: it has lower-case words, a name has none


def _read_header(lines: list[str], numeric_order: str | None = None) -> Header:
    r = _Reading(numeric_order)
    for line in lines:
        for handler in _LINE_HANDLERS:
            if handler(line, r):
                break
    h = r.head
    for line in r.loose:
        _read_loose(line, h)
    if h.outlet is None:
        h.outlet = next((o for o in r.weak_outlets if o), None)
    if h.outlet is None and h.url:
        h.outlet = _outlet_from_url(h.url)
    return h
