"""Events: the dated timeline. Visits, signings and aid come from their detail rows; other
occurrences are typed by what their clause says and kept only when the clause dates them."""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Span

from pipeline.extract.documents import FOLLOW_UP
from pipeline.extract.context import (DATE_COLUMNS, ArticleContext, city_after_preposition, countries_in, date_fields,
                                      dates_in, evidence_span, fill_parties, group_countries, places_in,
                                      sentences, status_of, text_of)
from pipeline.extract.rules import first_cue

# Types a visit, document or money row already gives its own event for, in the clause that states it.
_DETAIL_TYPES = {"meeting", "agreement", "visit", "aid", "support", "cultural", "military_cooperation", "trade"}
_PLAN_ONLY = re.compile(r"\bplans? to\b|\bagreed to\b|\bdecided to\b")
_PLAN_FACT = re.compile(r"\b(?:confirmed|agreed|announced|discussed)\b")


def event_type_of(text: str) -> str | None:
    """The event type a clause states, or None."""
    low = text.lower()  # a case-blind scan costs several times more
    if _PLAN_ONLY.search(low) and _PLAN_FACT.search(low):
        return "meeting"  # "Plans to conduct drills were confirmed by A and B": the meeting is the fact
    return first_cue("events", "event_types", low)


def _segments(ctx: ArticleContext, sent: Span) -> list[tuple[int, int]]:
    """The sentence's clauses at ', and' / ';' ("The X embassy was opened on D1, and the Y Embassy on D2";
    "A recognised B's independence, and the two countries established relations on D"). A date belongs
    to its own clause; when only the first clause is dated, the sentence stays whole."""
    text = text_of(sent)
    cuts = [sent.start_char] + [sent.start_char + m.end() for m in re.finditer(r",\s+and\s+|;\s+", text)] + [sent.end_char]
    parts = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    dated = [bool(dates_in(ctx, lo, hi)) for lo, hi in parts]
    if len(parts) > 1 and any(dated[1:]):
        return parts
    return [(sent.start_char, sent.end_char)]


def _stated_in(covered: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted list of anchors has one in [lo, hi)."""
    k = bisect.bisect_left(covered, lo)
    return k < len(covered) and covered[k] < hi


def build_events(ctx: ArticleContext, visits: list[dict], documents: list[dict], trade: list[dict]) -> list[dict]:
    rows: list[dict] = []
    covered: list[int] = []  # where visits, documents and money flows were stated (their anchors)
    for i, v in enumerate(visits):
        rows.append(_from_detail(v, "visit", sorted({v["visitor_country"], v["host_country"]}), v.get("host_city"),
                                 v["status"], {"_visit_ref": i}))
        covered.append(v["_anchor"])
    for i, d in enumerate(documents):
        covered.append(d["_anchor"])
        if d["date_start"] is None and d["date_end"] is None:
            continue
        etype = "resolution" if d["doc_type"] == "resolution" else "agreement"
        rows.append(_from_detail(d, etype, d["parties"], d.get("place"), d.get("status") or "occurred",
                                 {"_document_ref": i}))
    for i, t in enumerate(trade):
        if t["indicator"] not in ("aid", "investment", "loan"):
            continue
        covered.append(t["_anchor"])
        if t["date_end"] is None or (t["date_start"] is None and t["indicator"] != "aid"):
            continue
        etype = "aid" if t["indicator"] == "aid" else "trade"
        countries = sorted({c for c in (t["reporter"], t["partner"]) if c})
        rows.append(_from_detail(t, etype, countries, None, "occurred", {"_trade_ref": i}))
    covered.sort()
    for sent in sentences(ctx.doc):
        s, e = evidence_span(sent)
        if FOLLOW_UP.search(text_of(sent)):
            continue  # "The document was signed ...": it dates a document row, not a new event
        for lo, hi in _segments(ctx, sent):
            ds = dates_in(ctx, lo, hi)
            if not ds:
                continue
            seg_text = ctx.article.text[lo:hi]
            etype = event_type_of(seg_text) or (event_type_of(text_of(sent)) if lo != sent.start_char else None) or ""
            if not etype:
                continue
            if _stated_in(covered, lo, hi) and etype in _DETAIL_TYPES:
                continue  # the visit, signing or flow stated here is already an event
            if etype == "institution_opening" and re.search(r"\bto open\b", seg_text) and \
                    _stated_in(covered, lo, hi):
                continue  # "will pay a visit ... to open the trade house": the visit's purpose
            status = status_of(seg_text)
            if status is None:
                continue
            if etype == "meeting" and _PLAN_ONLY.search(seg_text.lower()):
                status = "occurred"  # the plan was confirmed: that happened
            seg = ctx.doc.char_span(lo, hi, alignment_mode="expand") or sent
            countries = countries_in(seg) or countries_in(sent)
            group = group_countries(ctx, text_of(sent))
            countries = list(dict.fromkeys(countries + group))
            if etype == "support":
                countries = _without_adversaries(seg, countries)
            filled = False
            if etype not in ("anniversary", "resolution"):
                countries, filled = fill_parties(ctx, countries)
            if not countries:
                continue
            place = city_after_preposition(seg) or _located_city(seg)
            date = ds[0]
            rows.append({"char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "event_type": etype,
                         "countries": sorted(set(countries)), "location": place.text if place else None,
                         "status": status, **date_fields(date), "extractor": f"events.{etype}", "_anchor": lo,
                         "inferred_fields": ["countries"] * filled})
    return rows


def _without_adversaries(seg: Span, countries: list[str]) -> list[str]:
    """Support is between the supporter and the supported, not the party they are against."""
    against = {p.iso3 for p in places_in(seg) if p.token.i > 0 and seg.doc[p.token.i - 1].lower_ in ("with", "against")}
    kept = [c for c in countries if c not in against]
    return kept or countries


def _located_city(seg: Span):
    for p in places_in(seg):
        if p.kind == "city":
            prev = seg.doc[p.token.i - 1] if p.token.i > 0 else None
            if prev is not None and prev.lower_ in ("in", "at"):
                return p
    return None


def _from_detail(row: dict, etype: str, countries, location, status, link: dict) -> dict:
    keep = ("char_start", "char_end", "evidence", "date_start", "date_end", "date_precision", "date_text",
            "date_source")
    return {**{k: row[k] for k in keep}, "event_type": etype, "countries": sorted(set(countries)),
            "location": location, "status": status, "extractor": f"events.{etype}_detail",
            "_anchor": row["_anchor"], **link,
            "inferred_fields": [c for c in dict.fromkeys(_AS_EVENT.get(c, c) for c in row.get("inferred_fields", ()))
                                if c in _AS_EVENT.values() or c in DATE_COLUMNS]}


# A detail row's inferred column -> the event column that holds its value.
_AS_EVENT = {"visitor_country": "countries", "host_country": "countries", "parties": "countries",
             "reporter": "countries", "partner": "countries", "flow_from": "countries", "flow_to": "countries",
             "host_city": "location", "place": "location"}
