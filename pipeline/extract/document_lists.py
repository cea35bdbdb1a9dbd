"""Instruments listed as bullet entries, as on ministry "legal framework" pages:

    The key instruments are:
    • Treaty on Friendship and Cooperation (Tashkent, 1992)
    • Agreement on Transit Trade (signed 15.07.2021)

An entry that starts with an instrument's name and gives where or when in brackets was signed. Entries
under a heading that says they are not done ("Under negotiation:") give no row.
"""
from __future__ import annotations

import re

from pipeline.extract.context import ArticleContext, dates_in, date_fields, fill_parties, group_countries, places_in
from pipeline.extract.rules import has_cue
from pipeline.extract.visit_lists import BULLET, lines

_ENTRY = re.compile(r"^(?P<title>[A-Z][^()]{3,160}?)\s*\((?P<detail>[^()]{2,80})\)\s*\.?\s*$")
_HEADING_NOT_DONE = frozenset({"in_progress", "pending"})  # labels of the common `unfinished` cues


def build_listed_documents(ctx: ArticleContext, doc_type_of) -> list[dict]:
    """Rows for bracketed instrument entries; `doc_type_of(word)` gives the doc_type of a noun."""
    rows: list[dict] = []
    heading_ok = True
    for start, line in lines(ctx.article.text):
        if not line.strip():
            continue
        bullet = BULLET.match(line)
        if not bullet:
            heading_ok = not has_cue("common", "unfinished", line, _HEADING_NOT_DONE)
            continue
        if not heading_ok:
            continue
        body_at = start + bullet.end()
        body = ctx.article.text[body_at: start + len(line)].rstrip()
        m = _ENTRY.match(body)
        if m is None:
            continue
        title = m.group("title").strip()
        dtype = next((t for w in title.split()[:6] if (t := doc_type_of(w.lower().strip(",")))), None)
        if dtype is None or dtype == "other":
            continue
        detail_at = body_at + m.start("detail")
        dates = dates_in(ctx, detail_at, detail_at + len(m.group("detail")))
        span = ctx.doc.char_span(detail_at, detail_at + len(m.group("detail")), alignment_mode="expand")
        city = next((p for p in places_in(span) if p.kind == "city"), None) if span is not None else None
        if not dates and city is None:
            continue
        parties, filled = fill_parties(ctx, group_countries(ctx, title) or [p.iso3 for p in places_in(
            ctx.doc.char_span(body_at, body_at + len(body), alignment_mode="expand") or span or ctx.doc[0:0])])
        rows.append({
            "char_start": body_at, "char_end": body_at + len(body), "evidence": body, "title": title,
            "doc_type": dtype, "action": "signed", "parties": sorted(set(parties)), "issuer": None,
            "place": city.text if city else None, "status": "occurred",
            **date_fields(dates[0] if dates else None), "extractor": "documents.listing", "_anchor": body_at,
            "inferred_fields": ["parties"] * filled,
        })
    return rows
