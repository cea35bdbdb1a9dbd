"""Events: the dated timeline. Visits, signings and aid come from their detail rows; other
occurrences are typed by what their clause says and kept only when the clause dates them."""
from __future__ import annotations

import bisect
import re

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from pipeline.extract import slots
from pipeline.extract.context import (DATE_COLUMNS, ArticleContext, city_after_preposition, date_fields, dates_in,
                                      evidence_span, fill_parties, status_of, text_of)
from pipeline.extract.event_carried import carried_date, mark_carried, talks_in
from pipeline.extract.event_codes import event_codes
from pipeline.extract.event_direction import UNDIRECTED, directed, of_clause, of_visit
from pipeline.extract.doc_index import Place, places_in, sentences
from pipeline.extract.event_occurrences import VISIT_TALKS, one_per_occurrence
from pipeline.extract.rows import Direction, DocumentRow, EventRow, Fact, TradeRow, VisitRow
from pipeline.nlp.rules import cue_regex, first_cue
from pipeline.nlp.temporal import DateMention

# Types a visit, document or money row already gives its own event for, in the clause that states it.
_DETAIL_TYPES = {"meeting", "agreement", "visit", "aid", "support", "cultural", "military_cooperation", "trade"}
_PLAN_ONLY = cue_regex("events", "plan_only")  # a plan a meeting made: the meeting occurred
# Types whose clause may list several dated steps, each an event of its own.
_MILESTONE_TYPES = {"other", "diplomatic_relations", "mission_opening", "institution_opening", "recognition",
                    "anniversary"}
# "Plans to conduct drills were confirmed by A and B": a plan stated as settled, which a meeting did.
_PLAN_CONFIRMED = cue_regex("events", "plan_confirmed")
# The name of an instrument, office or body ("the Agreement on Mutual Administrative Assistance", "Minister of
# Culture"): its words name it and say nothing of what happened.
_NAME = cue_regex("events", "instrument_name")
# A date that starts a state ("since 2019"), ends one ("until 2019") or is a deadline is not the occurrence's.
_NOT_OWN_DATE = cue_regex("events", "not_own_date", any_case=True)
# The date of the report, not of what it reports ("the navies concluded the exercise, the ministry said in a
# statement on Saturday"): a date right after a verb of saying.
_REPORTED_ON = cue_regex("events", "reported_on", any_case=True)
# Talks placed by a signing ("Before the ceremony, A held talks with B"; "the signing followed a meeting").
_AROUND_SIGNING = cue_regex("events", "around_signing", any_case=True)
# A step taken by an instrument ("by a treaty signed in 2009"; "an agreement of 2010, which set up a commission").
_BY_INSTRUMENT = cue_regex("events", "by_instrument", any_case=True)
# "have met in this format since 2012", "meet every year": a habit, not one meeting.
_HABITUAL = cue_regex("events", "habitual", any_case=True)
# Talks dated and placed by the visit or signing stated in another sentence.
_FROM_ELSEWHERE = ["countries", *DATE_COLUMNS]
# "is in talks with the lender": a negotiation under way, not a meeting.
_NEGOTIATING = cue_regex("events", "negotiating")


_SPACES = re.compile(r"\s+")
# A date labelled as the page's own date line ("date 2021-05-04 LIMA: ..."): the publication, not the event.
_DATELINE_LABEL = cue_regex("events", "dateline_label", any_case=True)
# A date that opens a milestone of its own ("... in 2001 to strategic partnership in 2009").
_MILESTONE_PREP = cue_regex("events", "milestone_prep", any_case=True)
# "will visit X to open the trade house": an opening that is the purpose of the visit or signing stated with it.
_TO_OPEN = cue_regex("events", "to_open")
# Where a sentence splits into clauses of their own: ", and", ";".
_CLAUSE_CUT = cue_regex("events", "clause_cut")
# How many characters before a date each of the cues above is looked for in.
DATELINE_WINDOW = 40  # a date line's label ("Last updated:")
NOT_OWN_WINDOW = 30  # "since the end of", "until"
REPORTED_WINDOW = 80  # "the ministry said in a statement on"
MILESTONE_PREP_WINDOW = 6  # "in", "on"
# How many heads are followed up from a date's token to its relative clause: a parse path is short; never loop
# on a malformed tree.
MAX_HEAD_STEPS = 12
# At most this many characters between a relative date and the written one in apposition to it ("tomorrow, 12
# March"), which then comes first.
APPOSED_DATE_GAP = 3


def event_type_of(text: str) -> str | None:
    """The event type a clause states, or None ('visit': the clause is a visit's, which its row gives)."""
    low = _SPACES.sub(" ", _NAME.sub("NAME", text).lower())  # case-blind scans cost more; lines wrap mid-phrase
    if _PLAN_CONFIRMED.search(low):
        return "meeting"  # "Plans to conduct drills were confirmed by A and B": the meeting is the fact
    return first_cue("events", "event_types", low)


def _segments(ctx: ArticleContext, sent: Span) -> list[tuple[int, int]]:
    """The sentence's clauses at ', and' / ';' ("The X embassy was opened on D1, and the Y Embassy on D2";
    "A recognised B's independence, and the two countries established relations on D"). A date belongs
    to its own clause; when only the first clause is dated, the sentence stays whole."""
    text = text_of(sent)
    cuts = [sent.start_char] + [sent.start_char + m.end() for m in _CLAUSE_CUT.finditer(text)
                                if m.group().startswith(";") or _joins_clauses(ctx, sent.start_char + m.start())]
    cuts.append(sent.end_char)
    parts = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    dated = [bool(dates_in(ctx, lo, hi)) for lo, hi in parts]
    if len(parts) > 1 and any(dated[1:]):
        return parts
    return [(sent.start_char, sent.end_char)]


def _stated_in(covered: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list of anchors has one in [lo, hi)."""
    k = bisect.bisect_left(covered, lo)
    return k < len(covered) and covered[k] < hi


def _joins_clauses(ctx: ArticleContext, comma: int) -> bool:
    """Whether ', and' at `comma` joins two clauses ("X hosted A in 2010, and B was held in 2018"), not two
    names that share the verb after them ("A's president, X, and B's Y announced ... on D")."""
    span = ctx.doc.char_span(comma, comma + 1, alignment_mode="expand")
    if span is None or span.end >= len(ctx.doc):
        return True
    if span.start == 0 or ctx.doc[span.start - 1].pos_ != "PROPN":
        return True  # only a name closes the first conjunct of a shared subject ("the president, X, and Y")
    sent = span.sent
    for tok in ctx.doc[span.end:sent.end]:
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < span.start
                                               for c in tok.children):
            return False  # the verb after the cut has its subject before it
    return True


def _anchor_of(row: Fact[VisitRow]) -> int:
    """Where a visit (a `Fact`, anchored at its trigger's offset) was stated."""
    return int(row.anchor)


@dataclass(frozen=True)
class _Trigger:
    """An occurrence a clause states: its type, its own dates (first the one that dates it) and the visit
    it is linked to, if any."""

    etype: str
    dates: list[DateMention]
    link: dict[str, int]


def build_events(ctx: ArticleContext, visits: list[Fact[VisitRow]], documents: list[Fact[DocumentRow]],
                 trade: list[Fact[TradeRow]]) -> list[Fact[EventRow]]:
    """The timeline: one event per visit, dated signing and aid or investment flow (linked to its row), and
    one per other dated occurrence a clause states (trigger: the clause's event cue and dates; slots: its
    countries, place and status)."""
    rows, covered = _detail_events(visits, documents, trade)
    visit_anchors = [(_anchor_of(v), i) for i, v in enumerate(visits)]
    undated_talks: list[Span] = []
    for sent in sentences(ctx.doc):
        sent_text = text_of(sent)
        if first_cue("documents", "follow_up", sent_text):
            continue  # "The document was signed ...": it dates a document row, not a new event
        carried = None  # the date of the visit or meeting an undated sentence is tied to ("on that occasion")
        if not _own_dates(ctx, sent.start_char, sent.end_char, None):
            if talks_in(sent_text):
                undated_talks.append(sent)
            if (carried := carried_date(ctx, sent, visits)) is None:
                continue
        wrapped = _wrapped_start(ctx, sent)
        whole_type = event_type_of(wrapped + sent_text)
        if whole_type == "visit":
            continue  # "X visited Y during the summit on D1, and ... on D2": the visits' sentence
        for lo, hi in _segments(ctx, sent):
            trigger = _trigger(ctx, sent, lo, hi, (wrapped if lo == sent.start_char else "",
                                                   whole_type if lo != sent.start_char else None),
                               covered, visit_anchors, carried)
            if trigger is not None:
                found = _clause_events(ctx, sent, lo, hi, trigger, visits)
                rows.extend(mark_carried(found) if carried is not None else found)
    rows += _talks_of(ctx, undated_talks, visits, documents)
    return one_per_occurrence(rows)


def _detail_events(visits: list[Fact[VisitRow]], documents: list[Fact[DocumentRow]],
                   trade: list[Fact[TradeRow]]) -> tuple[list[Fact[EventRow]], list[int]]:
    """The events of the visit, document and trade rows, and the sorted anchors where those rows were
    stated (a clause there is already an event)."""
    rows: list[Fact[EventRow]] = []
    covered: list[int] = []
    for i, fact in enumerate(visits):
        v = fact.row
        pair = sorted({v["visitor_country"], v["host_country"]})
        rows.append(_from_detail(v, "visit", pair, v.get("host_city"), v["status"], _anchor_of(fact), {"visit": i},
                                 of_visit(v, pair)))
        covered.append(_anchor_of(fact))
    for i, doc in enumerate(documents):
        d = doc.row
        covered.append(int(doc.anchor))
        if d["date_start"] is None and d["date_end"] is None:
            continue
        etype = "resolution" if d["doc_type"] == "resolution" else "agreement"
        issuer = d["parties"][0] if etype == "resolution" and len(d["parties"]) == 1 else None  # its one state
        rows.append(_from_detail(d, etype, d["parties"], d.get("place"), d.get("status") or "occurred",
                                 int(doc.anchor), {"document": i}, directed(issuer, None, d["parties"], True)))
    for i, f in enumerate(trade):
        t = f.row
        if t["indicator"] not in ("aid", "grant", "investment", "loan") or not isinstance(f.anchor, int):
            continue
        covered.append(f.anchor)
        if t["date_end"] is None or (t["date_start"] is None and t["indicator"] not in ("aid", "grant")):
            continue
        etype = "aid" if t["indicator"] in ("aid", "grant") else "trade"  # a grant is aid in the timeline
        countries = sorted({c for c in (t["reporter"], t["partner"]) if c})
        rows.append(_from_detail(t, etype, countries, None, "occurred", f.anchor, {"trade": i},
                                 directed(t["flow_from"], t["flow_to"], countries)))
    return rows, sorted(covered)


def _trigger(ctx: ArticleContext, sent: Span, lo: int, hi: int, around: tuple[str, str | None],
             covered: list[int], visit_anchors: list[tuple[int, int]],
             carried: DateMention | None = None) -> _Trigger | None:
    """The occurrence the clause [lo, hi) states and dates, unless a visit, signing or flow stated there
    already gives it (talks held with a visit are an event of their own, linked to it). `around`: the
    words a line break cut off before the clause, and the sentence's type for a later clause. A `carried`
    date (the clause has none of its own) dates only a type no detail row gives."""
    if carried is None and not dates_in(ctx, lo, hi):
        return None
    seg_text = ctx.article.text[lo:hi]
    wrapped, whole_type = around
    etype = event_type_of(wrapped + seg_text) or whole_type
    if etype is None or etype == "visit" or (carried is not None and etype in _DETAIL_TYPES):
        return None
    ds = [carried] if carried is not None else _own_dates(ctx, lo, hi, etype)
    if not ds:
        return None
    link: dict[str, int] = {}
    if etype in ("other", "institution_opening") and _BY_INSTRUMENT.search(seg_text) and _stated_in(covered, lo, hi):
        return None  # "raised to a strategic partnership by a treaty signed in D": the signing's event
    if _stated_in(covered, lo, hi) and (etype in _DETAIL_TYPES or (
            etype == "institution_opening" and _TO_OPEN.search(seg_text))):
        # the visit, signing or flow stated here is already an event ("will pay a visit ... to open
        # the trade house": the visit's purpose); talks held with it are one of their own
        if first_cue("events", "meetings", _SPACES.sub(" ", seg_text.lower())) != "meeting":
            return None
        etype = "meeting"
        ref = next((i for a, i in visit_anchors if sent.start_char <= a < sent.end_char), None)
        link = {"visit": ref} if ref is not None else {}
    return _Trigger(etype, ds, link)


@dataclass(frozen=True)
class _Sides:
    """The states of a clause's occurrence: `countries` (with the article's pair where the clause leaves them
    unsaid: `filled`), the ones the clause names (`stated`), and whether talks were held by or in a third
    state (`third`)."""

    countries: list[str]
    stated: list[str]
    filled: bool = False
    third: bool = False


@dataclass(frozen=True)
class _Occurrence:
    """What a clause says happened: its type, status, words, states, place, PLOVER variant and direction."""

    etype: str
    status: str
    text: str
    sides: _Sides
    place: Place | None
    variant: str
    direction: Direction


def _clause_events(ctx: ArticleContext, sent: Span, lo: int, hi: int, trigger: _Trigger,
                   visits: list[Fact[VisitRow]]) -> list[Fact[EventRow]]:
    """The rows of a clause's occurrence: its slots (status, countries, place) and one row per dated step."""
    etype, ds = trigger.etype, trigger.dates
    seg_text = ctx.article.text[lo:hi]
    status = _clause_status(etype, seg_text)
    if status is None:
        return []
    seg = ctx.doc.char_span(lo, hi, alignment_mode="expand") or sent
    sides = _sides(ctx, seg, sent, etype)
    if not sides.countries:
        return []
    place = city_after_preposition(seg)
    if etype == "meeting" and place is not None and _venue_only(seg, place, sides.countries):
        # "met B in Geneva": the venue's state is no party, and the talks are a third state's
        sides = _Sides([c for c in sides.countries if c != place.iso3], sides.stated, sides.filled, True)
    link = trigger.link or (_visit_during(visits, sides.countries, ds[0]) if etype == "meeting" else {})
    variant = _variant(etype, link, sides)
    occurrence = _Occurrence(etype, status, seg_text, sides, place, variant,
                             of_clause(seg, etype, variant, link, visits, sides.countries, sides.stated))
    return [Fact(_step_row(ctx, sent, occurrence, date, step_type), date.start if date is not ds[0] else lo, **link)
            for date, step_type in _milestone_dates(ctx, ds, lo, etype)]


def _clause_status(etype: str, text: str) -> str | None:
    """occurred / planned, as the clause's main part says (None: negated); a meeting that confirmed a plan
    ("agreed to hold drills") occurred."""
    status = status_of(slots.main_clause(text))
    if status is not None and etype == "meeting" and _PLAN_ONLY.search(text.lower()):
        return "occurred"
    return status


_OWN_STATES_ONLY = frozenset({"anniversary", "resolution"})  # types never given the article's pair


def _sides(ctx: ArticleContext, seg: Span, sent: Span, etype: str) -> _Sides:
    """The states of the clause's occurrence: those it names (for support, not the party it is against), with
    the article's pair for talks among third states (their host) and where the clause names fewer than two."""
    countries = stated = slots.states(ctx, seg, sent)
    if etype == "support":
        countries = _without_adversaries(seg, countries)
    filled = third = False
    if etype == "meeting" and countries and len(ctx.pair) == 2 and not set(countries) & set(ctx.pair):
        countries, filled, third = countries + list(ctx.pair), True, True  # talks hosted by a third state: the venue
    if etype not in _OWN_STATES_ONLY:
        countries, added = fill_parties(ctx, countries)
        filled = filled or added
    return _Sides(countries, stated, filled, third)


def _variant(etype: str, link: dict[str, int], sides: _Sides) -> str:
    """The PLOVER variant the extractor tells: talks during a visit (unless at a third state's venue, which is
    third-party or multilateral though a trip there is a visit), an exercise of one state."""
    if etype == "meeting" and "visit" in link and not sides.third:
        return "visit"
    if etype == "military_exercise" and len(set(sides.stated)) == 1:
        return "one_state"
    return ""


def _step_row(ctx: ArticleContext, sent: Span, occ: _Occurrence, date: DateMention, step_type: str) -> EventRow:
    """The row of one dated step of an occurrence, typed by the step (a step of another type than the
    clause's takes no variant of the clause's)."""
    s, e = evidence_span(sent)
    return {"char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "event_type": step_type,
            **event_codes(step_type, occ.status, occ.text, occ.variant if step_type == occ.etype else "",
                          "third_party" if occ.sides.third and step_type == "meeting" else ""),
            "countries": sorted(set(occ.sides.countries)),
            **(occ.direction if step_type == occ.etype else UNDIRECTED), "location": occ.place.text if occ.place else None,
            "status": occ.status, **date_fields(date), "extractor": f"events.{step_type}",
            "inferred_fields": ["countries"] * occ.sides.filled}


def _visit_during(visits: list[Fact[VisitRow]], countries: list[str], date: DateMention) -> dict[str, int]:
    """The link to the visit a dated meeting of the same two states took place during, or none."""
    for i, v in enumerate(f.row for f in visits):
        start, end = v["date_start"], v["date_end"] or v["date_start"]
        if start is None or end is None or date.date_start is None:
            continue
        if sorted({v["visitor_country"], v["host_country"]}) == sorted(set(countries)) and start <= date.date_start <= end:
            return {"visit": i}
    return {}


def _talks_of(ctx: ArticleContext, talks: list[Span], visits: list[Fact[VisitRow]],
              documents: list[Fact[DocumentRow]]) -> list[Fact[EventRow]]:
    """Talks a sentence mentions without a date of its own: the meeting of the visit stated in that sentence
    or before it (linked to it, dated by it), or the talks held before or after a signing (dated by it)."""
    rows = []
    signed = [d for d in documents if d.row["date_start"] is not None and d.row.get("status") != "planned"]
    for sent in talks:
        text = text_of(sent)
        status = status_of(slots.main_clause(text))
        if status is None or _NEGOTIATING.search(text) or _HABITUAL.search(text):
            continue
        s, e = evidence_span(sent)
        link: dict[str, int] = {}
        if visits:  # the visit stated nearest before it, else the first after it (a lead announcing talks)
            before = [i for i, v in enumerate(visits) if _anchor_of(v) < sent.end_char]
            link = {"visit": max(before, key=lambda k: _anchor_of(visits[k])) if before else
                    min(range(len(visits)), key=lambda k: _anchor_of(visits[k]))}
        if signed and _AROUND_SIGNING.search(text):  # "Before the ceremony, A held talks with B"
            d = min(signed, key=lambda f: int(f.anchor))
            fact = _from_detail(d.row, "meeting", d.row["parties"], d.row.get("place"), status, int(d.anchor), link,
                                of_visit(visits[link["visit"]].row, d.row["parties"]) if link else UNDIRECTED)
        elif link:
            v = visits[link["visit"]].row
            fact = _from_detail(v, "meeting", [v["visitor_country"], v["host_country"]], v.get("host_city"), status,
                                _anchor_of(visits[link["visit"]]), link, of_visit(v, [v["visitor_country"],
                                                                                      v["host_country"]]))
        else:
            continue
        row: EventRow = {**fact.row, "char_start": s, "char_end": e, "evidence": ctx.article.text[s:e],
                         **event_codes("meeting", status, text, "visit" if link else ""),
                         "extractor": VISIT_TALKS if link else "events.meeting_at_signing",
                         "inferred_fields": list(_FROM_ELSEWHERE)}
        rows.append(Fact(row, sent.start_char, **link))
    return rows


def _own_dates(ctx: ArticleContext, lo: int, hi: int, etype: str | None) -> list[DateMention]:
    """The resolved dates of a clause that can date its event, its own first. Not: the page's own date line,
    the date a statement was made ("..., the ministry said on Saturday"), a date that starts or ends a state
    ("since 2019"), a date in a relative clause about a person or place
    ("met B, who had travelled to A in May"). A written date in apposition to a relative one ("tomorrow, 12
    March 2019") comes first."""
    text = ctx.article.text
    ds = [d for d in dates_in(ctx, lo, hi) if d.date_start is not None
          and not _DATELINE_LABEL.search(text, max(0, d.start - DATELINE_WINDOW), d.start)
          and not _NOT_OWN_DATE.search(text, max(lo, d.start - NOT_OWN_WINDOW), d.start)
          and not _REPORTED_ON.search(text, max(lo, d.start - REPORTED_WINDOW), d.start)
          and not (etype and _about_someone(ctx, d, etype))]
    if len(ds) > 1 and ds[0].source != "explicit" and ds[1].source == "explicit" and ds[1].start - ds[0].end <= APPOSED_DATE_GAP:
        ds[0], ds[1] = ds[1], ds[0]
    return ds


def _about_someone(ctx: ArticleContext, d: DateMention, etype: str) -> bool:
    """Whether the date lies in a relative clause on a person that states something else
    ("met B, who had travelled to A in May"): it dates what that clause says, not the event of its sentence.
    A relative clause that states the event itself dates it ("a framework, which was set up in 2015")."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(MAX_HEAD_STEPS):
        if tok.dep_ == "relcl":
            if tok.head.ent_type_ != "PERSON" and tok.doc[tok.left_edge.i].lower_ != "who":
                return False  # "the catacombs, which reopened in 2014": the thing's own event may be this one
            clause = ctx.article.text[tok.head.idx:tok.doc[tok.right_edge.i].idx + len(tok.doc[tok.right_edge.i])]
            return event_type_of(clause) != etype
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _wrapped_start(ctx: ArticleContext, sent: Span) -> str:
    """The words before a sentence that a hard line break cut off ("... Chile's diplomatic\nrelations were
    established on ..."): the end of the previous line when it has no closing punctuation and this line starts
    in lower case."""
    text = ctx.article.text
    lo = sent.start_char
    if lo < 2 or not text[lo:lo + 1].islower() or text[lo - 1] != "\n":
        return ""
    line_start = text.rfind("\n", 0, lo - 1) + 1
    prev = text[line_start:lo - 1]
    if not prev.strip() or prev.rstrip()[-1] in ".!?:;\"”":
        return ""
    cut = max(prev.rfind(". "), prev.rfind("? "), prev.rfind("! "))
    return prev[cut + 2:] + " " if cut >= 0 else prev + " "


def _milestone_dates(ctx: ArticleContext, ds: list[DateMention], lo: int, etype: str) -> list[tuple[DateMention, str]]:
    """One date per event, with its type: the clause's first date, or, when the clause lists dated steps ("upgraded
    from X in 2001 to Y in 2009 and to Z in 2022"), each step's own, typed by the words of its part of the clause
    when they state another step ("..., decades after diplomatic relations were established in 1973")."""
    text = ctx.article.text
    steps = [d for d in sorted(ds, key=lambda d: d.start) if d.source == "explicit" and d.date_start is not None
             and _MILESTONE_PREP.search(text, max(lo, d.start - MILESTONE_PREP_WINDOW), d.start)]
    if etype in _MILESTONE_TYPES and len({(d.date_start, d.date_end) for d in steps}) > 1:
        own = list({(d.date_start, d.date_end): d for d in reversed(steps)}.values())[::-1]
        return [(d, _step_type(text, own[k - 1].end if k else lo, d, etype)) for k, d in enumerate(own)]
    return [(ds[0], etype)]


def _step_type(text: str, lo: int, d: DateMention, etype: str) -> str:
    """The type the part of a clause that ends with a step's date states (from the previous step or the comma
    before it), when it is another milestone type than the clause's; else the clause's."""
    start = max(text.rfind(",", lo, d.start) + 1, lo)
    own = event_type_of(text[start:d.end])
    return own if own in _MILESTONE_TYPES and own != etype else etype


def _venue_only(seg: Span, place: Place, countries: list[str]) -> bool:
    """Whether the state of the city talks were held in is named only by that city, besides two other states
    ("A met B in Geneva"): a third state's venue, not a party ("ministers of A, B and C met in C's city" keep C)."""
    if place.iso3 not in countries or len(set(countries) - {place.iso3}) < 2:
        return False
    return not any(p.iso3 == place.iso3 and p.start != place.start for p in places_in(seg))


def _without_adversaries(seg: Span, countries: list[str]) -> list[str]:
    """Support is between the supporter and the supported, not the party they are against."""
    against = {p.iso3 for p in places_in(seg) if p.token.i > 0 and seg.doc[p.token.i - 1].lower_ in ("with", "against")}
    kept = [c for c in countries if c not in against]
    return kept or countries


def _from_detail(row: Mapping[str, Any], etype: str, countries, location, status, anchor: int,
                 link: dict[str, int], direction: Direction = UNDIRECTED) -> Fact[EventRow]:
    """The event a visit, document or trade row gives: its evidence, date and direction, and its inferred
    columns."""
    event: EventRow = {
        "char_start": row["char_start"], "char_end": row["char_end"], "evidence": row["evidence"],
        "date_start": row["date_start"], "date_end": row["date_end"], "date_precision": row["date_precision"],
        "date_text": row["date_text"], "date_source": row["date_source"], "event_type": etype,
        **event_codes(etype, status, row["evidence"], "visit" if etype == "meeting" and "visit" in link else ""),
        "countries": sorted(set(countries)), **direction, "location": location, "status": status,
        "extractor": f"events.{etype}_detail",
        "inferred_fields": [c for c in dict.fromkeys(_AS_EVENT.get(c, c) for c in row.get("inferred_fields", ()))
                            if c in _AS_EVENT.values() or c in DATE_COLUMNS]}
    return Fact(event, anchor, **link)


# A detail row's inferred column -> the event column that holds its value.
_AS_EVENT = {"visitor_country": "countries", "host_country": "countries", "parties": "countries",
             "reporter": "countries", "partner": "countries", "flow_from": "countries", "flow_to": "countries",
             "host_city": "location", "place": "location"}
