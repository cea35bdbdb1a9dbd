"""Instruments listed as bullet entries, as on ministry "legal framework" pages:

    The main instruments are:
    • Treaty on Good Neighbourliness (Accra, 1994)
    • Agreement on Air Services (signed 04.05.2019)

An entry that starts with an instrument's name and gives where or when in brackets was signed. Entries
under a heading that says they are not done ("Under negotiation:") give no row.

Under a heading that names signed instruments and ends with a colon ("The documents signed:", "The
agreements exchanged are as follows:"), each line that names an instrument, bulleted or not, is one
signed instrument titled by the line; a line fusing two names ("... Trade Agreement Declaration on ...")
gives two.
"""
from __future__ import annotations

import itertools
import re

from pipeline.extract.context import ArticleContext, dates_in, date_fields, fill_parties, group_countries
from pipeline.extract.doc_index import places_in
from pipeline.extract.list_lines import BULLET, lines
from pipeline.extract.rows import DocumentRow, Fact
from pipeline.nlp.rules import cue_regex, first_cue, has_cue

_ENTRY = re.compile(r"^(?P<title>[A-Z][^()]{3,160}?)\s*\((?P<detail>[^()]{2,80})\)\s*\.?\s*$")
_LEADING_ARTICLE = cue_regex("common", "leading_article", any_case=True)
_HEADING_NOT_DONE = frozenset({"in_progress", "pending"})  # labels of the common `unfinished` cues
_MAX_ENTRY_WORDS = 40  # words of a line under a heading at most: a longer line is a sentence, the list has ended


def _type_at(words: list[str], doc_type_of) -> list[tuple[int, str]]:
    """(index, doc_type) of the words naming an instrument ("MoU", "Agreement", "Declaration")."""
    out = []
    for k, w in enumerate(words):
        w = w.lower().strip(",.;:()")
        t = next((t for part in w.split("/") for t in (doc_type_of(part), doc_type_of(part[:-1]) if part.endswith("s")
                                                          else None) if t is not None), None)
        if t is not None and t not in ("other", "joint_statement"):
            out.append((k, t))
    return out


def _signed_heading(body: str, doc_type_of) -> bool:
    """"The documents signed:", "Agreements concluded during the visit:": a heading (ending with a colon)
    that names signed instruments (the cue lists `signed_heading` and `set_words` of
    pipeline/rules/documents.yaml), and not ones still pending."""
    return body.endswith(":") and first_cue("documents", "signed_heading", body) is not None and (
        bool(_type_at(body.split(), doc_type_of)) or first_cue("documents", "set_words", body) is not None) \
        and not has_cue("common", "unfinished", body, _HEADING_NOT_DONE)


def _pieces(entry: str, at: int, words: list[str], types: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(offset, text) of each name in an entry: "... Trade Agreement Declaration on ..." runs two names
    together, cut where an instrument word follows another."""
    cuts = [0]
    for (k, _), (k2, _) in itertools.pairwise(types):
        if k2 == k + 1:
            cuts.append(k + 1)
    cuts.append(len(words))
    offset = 0
    pieces = []
    for a, b in itertools.pairwise(cuts):
        piece = " ".join(words[a:b])
        p_at = entry.index(piece, offset) if piece in entry[offset:] else offset
        offset = p_at + len(piece)
        pieces.append((at + p_at, piece))
    return pieces


def _headed_rows(ctx: ArticleContext, entry: str, at: int, pieces: list[tuple[int, str]], doc_type_of,
                 heading_date) -> list[Fact[DocumentRow]]:
    """One signed instrument per name of a line under the heading, dated by the heading's day."""
    rows: list[Fact[DocumentRow]] = []
    for p_start, piece in pieces:
        dtype = next((t for _, t in _type_at(piece.split(), doc_type_of)), None)
        if dtype is None:
            continue
        span = ctx.doc.char_span(p_start, p_start + len(piece), alignment_mode="expand")
        found = [p.iso3 for p in places_in(span)] if span is not None else []
        parties, filled = fill_parties(ctx, list(dict.fromkeys(found)))
        rows.append(Fact({
            "char_start": at, "char_end": at + len(entry), "evidence": entry, "title": piece,
            "doc_type": dtype, "action": "signed", "parties": sorted(set(parties)), "issuer": None,
            "place": None, "status": "occurred", **date_fields(heading_date), "extractor": "documents.listing",
            "inferred_fields": ["parties"] * filled + ["date_start", "date_end"] * (heading_date is not None),
        }, p_start))
    return rows


def build_headed_documents(ctx: ArticleContext, doc_type_of) -> list[Fact[DocumentRow]]:
    """Rows for the lines under a heading that lists signed instruments (see the module doc)."""
    rows: list[Fact[DocumentRow]] = []
    text = ctx.article.text
    under = False
    heading_date = None
    for start, line in lines(text):
        body = line.strip()
        if not body:
            continue
        if _signed_heading(body, doc_type_of):
            under = True
            days = [d for d in dates_in(ctx, start, start + len(line)) if d.date_start is not None]
            heading_date = days[-1] if days else None  # "signed the following documents on 4 March:"
            continue
        if not under:
            continue
        bullet = BULLET.match(line)
        entry = line[bullet.end():].strip() if bullet else body
        if bullet:  # "• an MoU on customs cooperation;": an item of the list, its article and separator left out
            entry = _LEADING_ARTICLE.sub("", entry).rstrip(" ;,.")
        if bullet and _ENTRY.match(entry):
            continue  # "• Treaty on X (Lima, 1992)": a bracketed entry, read by build_listed_documents
        words = entry.split()
        types = _type_at(words, doc_type_of)
        if not types or len(words) > _MAX_ENTRY_WORDS or (not entry[:1].isupper() or entry.endswith((".", ":"))) \
                and not bullet:
            under = False  # the list has ended: a sentence, another heading
            continue
        at = start + line.index(entry)
        rows.extend(_headed_rows(ctx, entry, at, _pieces(entry, at, words, types), doc_type_of, heading_date))
    return rows


def build_listed_documents(ctx: ArticleContext, doc_type_of) -> list[Fact[DocumentRow]]:
    """Rows for bracketed instrument entries; `doc_type_of(word)` gives the doc_type of a noun."""
    rows: list[Fact[DocumentRow]] = []
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
        rows.append(Fact({
            "char_start": body_at, "char_end": body_at + len(body), "evidence": body, "title": title,
            "doc_type": dtype, "action": "signed", "parties": sorted(set(parties)), "issuer": None,
            "place": city.text if city else None, "status": "occurred",
            **date_fields(dates[0] if dates else None), "extractor": "documents.listing",
            "inferred_fields": ["parties"] * filled,
        }, body_at))
    return rows
