"""Events: the dated timeline. Visits, signings and aid come from their detail rows; other
occurrences are typed by what their clause says and kept only when the clause dates them."""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.extract.context import (ArticleContext, city_after_preposition, countries_in, date_fields, dates_in,
                                      evidence_span, group_countries, places_in, sentences, status_of, text_of,
                                      with_partner)
from pipeline.extract.documents import FOLLOW_UP
from pipeline.extract.rules import first_cue
from pipeline.temporal import DateMention

# Types a visit, document or money row already gives its own event for, in the clause that states it.
_DETAIL_TYPES = {"meeting", "agreement", "visit", "aid", "support", "cultural", "military_cooperation", "trade"}
_PLAN_ONLY = re.compile(r"\bplans? to\b|\bagreed to\b|\bdecided to\b")
# Types whose clause may list several dated steps, each an event of its own.
_MILESTONE_TYPES = {"other", "diplomatic_relations", "mission_opening", "institution_opening", "recognition",
                    "anniversary"}
_REFS = ("_visit_ref", "_document_ref", "_trade_ref")
_PLAN_FACT = re.compile(r"\b(?:confirmed|agreed|announced|discussed)\b")


_SPACES = re.compile(r"\s+")
# A date labelled as the page's own date line ("date 2021-05-04 LIMA: ..."): the publication, not the event.
_DATELINE_LABEL = re.compile(r"(?:^|\n)[ \t]*(?:date|published(?: on)?|updated|posted|last updated)[ \t:]*$", re.IGNORECASE)
# A date that opens a milestone of its own ("... in 2001 to strategic partnership in 2009").
_MILESTONE_PREP = re.compile(r"\b(?:in|on)\s+$", re.IGNORECASE)


def event_type_of(text: str) -> str | None:
    """The event type a clause states, or None ('visit': the clause is a visit's, which its row gives)."""
    low = _SPACES.sub(" ", text.lower())  # a case-blind scan costs several times more; lines wrap mid-phrase
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
    visit_anchors = [(v["_anchor"], i) for i, v in enumerate(visits)]
    for sent in sentences(ctx.doc):
        s, e = evidence_span(sent)
        sent_text = text_of(sent)
        if FOLLOW_UP.search(sent_text):
            continue  # "The document was signed ...": it dates a document row, not a new event
        for lo, hi in _segments(ctx, sent):
            ds = _own_dates(ctx, lo, hi)
            if not ds:
                continue
            seg_text = ctx.article.text[lo:hi]
            etype = event_type_of(seg_text) or (event_type_of(sent_text) if lo != sent.start_char else None)
            if etype is None or etype == "visit":
                continue
            link: dict = {}
            if any(lo <= a < hi for a in covered) and (etype in _DETAIL_TYPES or (
                    etype == "institution_opening" and re.search(r"\bto open\b", seg_text))):
                # the visit, signing or flow stated here is already an event ("will pay a visit ... to open
                # the trade house": the visit's purpose); talks held with it are one of their own
                if first_cue("events", "meetings", _SPACES.sub(" ", seg_text.lower())) is None:
                    continue
                etype = "meeting"
                ref = next((i for a, i in visit_anchors if sent.start_char <= a < sent.end_char), None)
                link = {"_visit_ref": ref} if ref is not None else {}
            status = status_of(seg_text)
            if status is None:
                continue
            if etype == "meeting" and _PLAN_ONLY.search(seg_text.lower()):
                status = "occurred"  # the plan was confirmed: that happened
            seg = ctx.doc.char_span(lo, hi, alignment_mode="expand") or sent
            countries = countries_in(seg) or countries_in(sent)
            group = group_countries(ctx, sent_text)
            countries = list(dict.fromkeys(countries + group))
            if etype == "support":
                countries = _without_adversaries(seg, countries)
            if etype == "meeting" and countries and len(ctx.pair) == 2 and not set(countries) & set(ctx.pair):
                countries = countries + list(ctx.pair)  # talks hosted by a third state: the venue, not a side
            if etype not in ("anniversary", "resolution"):
                countries = with_partner(ctx, countries)
            if not countries:
                continue
            place = city_after_preposition(seg) or _located_city(seg)
            for date in _milestone_dates(ctx, ds, lo, etype):
                rows.append({"char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "event_type": etype,
                             "countries": sorted(set(countries)), "location": place.text if place else None,
                             "status": status, **date_fields(date), "extractor": f"events.{etype}",
                             "_anchor": date.start if date is not ds[0] else lo, **link})
    return _one_per_occurrence(rows)


def _own_dates(ctx: ArticleContext, lo: int, hi: int) -> list[DateMention]:
    """The dates of a clause that can date its event: not the page's own date line, and a written date
    before a relative one that restates it ("tomorrow, 12 March 2019")."""
    text = ctx.article.text
    ds = [d for d in dates_in(ctx, lo, hi) if not _DATELINE_LABEL.search(text, max(0, d.start - 40), d.start)]
    return sorted(ds, key=lambda d: d.source != "explicit") if len(ds) > 1 else ds


def _milestone_dates(ctx: ArticleContext, ds: list[DateMention], lo: int, etype: str) -> list[DateMention]:
    """One date per event: the clause's first, or, when the clause lists dated steps of one kind ("upgraded
    from X in 2001 to Y in 2009 and to Z in 2022"), each step's own."""
    text = ctx.article.text
    steps = [d for d in sorted(ds, key=lambda d: d.start) if d.source == "explicit" and d.date_start is not None
             and _MILESTONE_PREP.search(text, max(lo, d.start - 6), d.start)]
    if etype in _MILESTONE_TYPES and len({(d.date_start, d.date_end) for d in steps}) > 1:
        return list({(d.date_start, d.date_end): d for d in reversed(steps)}.values())[::-1]
    return [ds[0]]


def _one_per_occurrence(rows: list[dict]) -> list[dict]:
    """A heading and its paragraph, a lead and the body restating it, a pasted paragraph, talks linked to
    their visit and restated alone: one event. Events of detail rows are all kept (each row has its event)."""
    linked = [r for r in rows if any(k in r for k in _REFS)]
    seen = {(r["event_type"], tuple(r["countries"]), r["date_start"], r["date_end"]) for r in linked}
    out = list(linked)
    said: set = set()
    for r in rows:
        if any(k in r for k in _REFS):
            continue
        key = (r["event_type"], tuple(r["countries"]), r["date_start"], r["date_end"])
        undated = (r["event_type"], r["evidence"])
        if (r["date_start"] is not None and key in seen) or (r["date_start"] is None and undated in said):
            continue
        seen.add(key)
        said.add(undated)
        out.append(r)
    return sorted(out, key=lambda r: (r["char_start"], str(r["_anchor"])))


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
            "_anchor": row["_anchor"], **link}
