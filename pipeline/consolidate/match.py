"""When two mentions in different articles report the same fact: blocking keys and similarity per table."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

NAME_SIMILARITY = 90  # token_set_ratio: "Karimov" ~ "Amir Karimov" (100); "Amir Novak" !~ "Amir Karimov" (~70)
TITLE_SIMILARITY = 85  # rapidfuzz ratio of two words of two titles: "defence" ~ "defense", "health" !~ "wealth"
VALUE_TOLERANCE = 0.02  # relative: "$1.2 billion" and "$1.21 billion" are one figure, "$1.5 billion" another
NEAR_DAYS = 2  # two precise dates this close (arrival day, talks day) can be one visit, marked as a conflict
# Words every instrument's title may have: left out when comparing titles, so that "memorandum on
# cooperation in health" and "memorandum on cooperation in education" differ by what they are about.
TITLE_BOILERPLATE = frozenset("""a an the of on in and for to between with by its their two both sides countries
    country state states government governments bilateral mutual joint field fields area areas sphere spheres
    cooperation collaboration partnership agreement agreements memorandum memoranda understanding mou treaty
    treaties protocol protocols declaration declarations statement resolution resolutions programme programmes
    program plan action document documents instrument instruments accord convention framework""".split())
GENERIC_VALUES = frozenset({"unspecified", "other"})


Interval = tuple[dt.date, dt.date]


@dataclass
class Mention:
    """One mention row, reduced to what matching needs."""
    row: int  # position in the mention frame
    mention_id: str
    article_id: str
    interval: Interval | None  # None: no usable date
    pair: tuple  # blocking key without the year
    values: dict


@dataclass(eq=False)
class Cluster:
    cluster_id: str | None  # None until named (a new cluster)
    members: list[Mention] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    core: Interval | None = None  # the narrowest date of its members

    def add(self, m: Mention) -> None:
        self.members.append(m)
        self.articles.add(m.article_id)
        if m.interval is not None and (self.core is None or _span(m.interval) < _span(self.core)):
            self.core = m.interval


def _span(i: Interval) -> int:
    return (i[1] - i[0]).days


def interval_of(start, end) -> Interval | None:
    return (start, end) if isinstance(start, dt.date) and isinstance(end, dt.date) else None


def years(interval: Interval | None) -> list[int | None]:
    """The blocking years of a date: every year it covers, or its first year when it covers more than two."""
    if interval is None:
        return [None]
    first, last = interval[0].year, interval[1].year
    return list(range(first, last + 1)) if last - first <= 1 else [first]


def date_score(a: Interval | None, b: Interval | None) -> float | None:
    """1 when one date contains the other, 0.8 when they overlap, 0.5 for precise dates a day or two apart,
    0.3 when either is unknown; None when they cannot be the same date."""
    if a is None or b is None:
        return 0.3
    if a[0] <= b[1] and b[0] <= a[1]:
        inside = (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
        return 1.0 if inside else 0.8
    gap = (b[0] - a[1]).days if a[1] < b[0] else (a[0] - b[1]).days
    return 0.5 if gap <= NEAR_DAYS and max(_span(a), _span(b)) <= 7 else None


def similar_names(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(a, b, processor=default_process)


def distinctive(title: str | None) -> str:
    """The words of a title that say what the instrument is about."""
    return " ".join(w for w in default_process(title or "").split() if w not in TITLE_BOILERPLATE and not w.isdigit())


def _same_or_missing(a, b) -> bool:
    return a is None or b is None or a == b


@dataclass(frozen=True)
class Rules:
    """How one mention table is matched: its blocking pair and the score of a mention against a cluster."""
    pair: Callable[[dict], tuple]
    score: Callable[[Mention, Cluster], float | None]


def _visit_score(m: Mention, c: Cluster) -> float | None:
    d = date_score(m.interval, c.core)
    if d is None:
        return None
    v = m.values
    name = max(similar_names(v["visitor_name"], o.values["visitor_name"]) for o in c.members)
    if name >= NAME_SIMILARITY:
        return name / 100 + d
    # the same office of the same country on the same dates: "the Prime Minister" and "Ana Tora"
    same_office = any(o.values["visitor_role"] == v["visitor_role"] and (_title_only(v) or _title_only(o.values))
                      for o in c.members)
    return 0.7 + d if same_office and v["visitor_role"] not in GENERIC_ROLES and d >= 0.8 else None


GENERIC_ROLES = frozenset({"official", "delegation", "other"})


def _title_only(v: dict) -> bool:
    """The visitor is named by office only ("the President"): no capitalised word outside the title."""
    title = set(default_process(v.get("visitor_title") or "").split())
    return not any(w[:1].isupper() and default_process(w) not in title for w in (v["visitor_name"] or "").split())


def _document_score(m: Mention, c: Cluster) -> float | None:
    v = m.values
    d = date_score(m.interval, c.core)
    if d is None:
        return None
    best = None
    for o in c.members:
        w = o.values
        if not (v["doc_type"] == w["doc_type"] or {v["doc_type"], w["doc_type"]} & GENERIC_VALUES):
            continue
        if v["count"] != w["count"]:
            continue
        a, b = distinctive(v["title"]), distinctive(w["title"])
        if a and b:
            t = same_subject(a, b)
            if t is None:
                continue
        else:  # a title that only says what kind of instrument it is: precise dates must agree
            if d < 0.8 or not (_precise(m.interval) and _precise(o.interval)):
                continue
            t = 0.6
        best = max(best or 0.0, t + d)
    return best


def same_subject(a: str, b: str) -> float | None:
    """Similarity of two titles' distinctive words when they name the same subject: one says less than
    the other ("visa free travel" in "visa free travel regime"), allowing spelling variants ("defence" in
    "intergovernmental defense"); None when each names something the other does not ("... against
    Malta", "... against Latvia")."""
    fewer, more = sorted((set(a.split()), set(b.split())), key=len)
    scores = [max(fuzz.ratio(w, x) for x in more) for w in fewer]
    return sum(scores) / len(scores) / 100 if min(scores) >= TITLE_SIMILARITY else None


def _precise(i: Interval | None) -> bool:
    return i is not None and _span(i) <= 31


def _trade_score(m: Mention, c: Cluster) -> float | None:
    v = m.values
    d = date_score(m.interval, c.core)
    if d is None:
        return None
    best = None
    for o in c.members:
        w = o.values
        if v["indicator"] != w["indicator"] or v["currency"] != w["currency"] or v.get("status") != w.get("status"):
            continue  # a forecast is not the figure measured later
        if not (_same_or_missing(v["flow_from"], w["flow_from"]) and _same_or_missing(v["flow_to"], w["flow_to"])):
            continue
        if not (_same_or_missing(v["year"], w["year"])):
            continue
        if v["commodity"] and w["commodity"] and sorted(v["commodity"]) != sorted(w["commodity"]):
            continue
        a, b = v["value"], w["value"]
        if (a is None) != (b is None):
            continue
        if a is not None and abs(a - b) > VALUE_TOLERANCE * max(abs(a), abs(b)):
            continue
        best = max(best or 0.0, 1.0 + d)
    return best


def _event_score(m: Mention, c: Cluster) -> float | None:
    v = m.values
    if v["_anchor"] is not None:  # an event that is a visit, signing or figure: the same one's cluster
        return 1.0 if any(o.values["event_type"] == v["event_type"] for o in c.members) else None
    if (m.interval is None) != (c.core is None):  # an undated event is too vague to join a dated one
        return None
    d = date_score(m.interval, c.core)
    if d is None:
        return None
    for o in c.members:
        w = o.values
        if w["event_type"] == v["event_type"] and _same_or_missing(_lower(v["location"]), _lower(w["location"])):
            return 1.0 + d
    return None


def _lower(s: str | None) -> str | None:
    return s.casefold() if s else None


def _event_pair(v: dict) -> tuple:
    return (tuple(v["countries"]), v["_anchor"])


RULES: dict[str, Rules] = {
    "visits": Rules(lambda v: (v["visitor_country"], v["host_country"]), _visit_score),
    "documents": Rules(lambda v: tuple(v["parties"]), _document_score),
    "trade": Rules(lambda v: tuple(sorted((v["reporter"], v["partner"]))), _trade_score),
    "events": Rules(_event_pair, _event_score),
}
