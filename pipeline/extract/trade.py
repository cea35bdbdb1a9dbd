"""Trade and money flows: turnover, exports, imports, aid, investment, loans."""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.extract.context import (ArticleContext, countries_in, date_fields, date_inferred, dates_in,
                                      dates_starting, evidence_span, nearest_date, places_in, sentences, text_of,
                                      with_partner)
from pipeline.extract.rules import first_cue
from pipeline.money import find_money
from pipeline.temporal import DateMention

ONE_WAY = {"exports", "imports", "aid", "investment", "loan"}
_LIST_INTRO = re.compile(r"\b(?:including|such as|consist\w* (?:mainly |mostly )?of|namely)\b|:", re.IGNORECASE)


def _indicator(text: str) -> str | None:
    """The figure the words give (cue list `indicators` of pipeline/rules/trade.yaml)."""
    return first_cue("trade", "indicators", text)


def _commodities(text: str) -> list[str] | None:
    m = _LIST_INTRO.search(text)
    if not m:
        return None
    tail = text[m.end():]
    tail = re.split(r"\s+(?:to|from|into)\s+[A-Z]|[.;]", tail)[0]
    tail = re.sub(r"\([^)]*\)", "", tail)
    items = [re.sub(r"^(?:and|or)\s+", "", i.strip()) for i in re.split(r",|\band\b", tail)]
    items = [re.sub(r"^(?:a|an|the)\s+", "", i).strip() for i in items]
    return [i for i in items if i and len(i.split()) <= 5] or None


def _before_word(sent: Span, p) -> str:
    """The word before a place mention, past a determiner ("with the Republic of Korea" -> "with")."""
    first = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    i = (first.start if first is not None else p.token.i) - 1
    while i >= sent.start and sent.doc[i].lower_ in ("the", "a"):
        i -= 1
    return sent.doc[i].lower_ if i >= sent.start else ""


_ONE_WAY_WORD = re.compile(r"\b(?:export|import|aid|loan|grant|invest|assist|lend|credit|donat|provid|financ)", re.IGNORECASE)


def _flow(sent: Span, indicator: str, parties: list[str], subject: str | None = None) -> tuple[str | None, str | None]:
    """Direction of a one-way flow in its clause: the country after to/into/for receives, the one after
    from gives; else the country named before the flow word ("Chile exported", "Peruvian exports",
    "the exports of the country" = `subject`) gives, for imports receives; a loan is given by the
    partner named after with/from."""
    if indicator not in ONE_WAY or len(parties) < 2:
        return None, None
    found = places_in(sent)
    dest = next((p.iso3 for p in found if _before_word(sent, p) in ("to", "into", "for") and p.kind in ("country", "city")), None)
    src = next((p.iso3 for p in found if _before_word(sent, p) == "from"), None)
    if src is None and indicator in ("loan", "aid"):
        src = next((p.iso3 for p in found if _before_word(sent, p) == "with"), None)
    word = _ONE_WAY_WORD.search(text_of(sent))
    cut = sent.start_char + word.start() if word else sent.end_char
    before = subject or next((p.iso3 for p in reversed(found) if p.end <= cut and p.iso3 not in (src, dest)), None)
    if indicator == "imports":  # "A imports from B", "imports of A from B": from B to A
        importer = dest if dest and dest != src else before
        if src is None and importer is not None:
            src = next((c for c in parties if c != importer), None)
        if importer is None and src is not None:
            importer = next((c for c in parties if c != src), None)
        return (src, importer) if src and importer else (None, None)
    if src is None:
        src = before if before and before != dest else None
    if dest is None and src is not None:
        dest = next((c for c in parties if c != src), None)
    if src is None and dest is not None:
        src = next((c for c in parties if c != dest), None)
    if src is None and dest is None:
        src, dest = parties[0], parties[1]
    return src, dest


_INSTRUMENT_DATE = re.compile(r"\b(?:dated|signed|adopted|concluded|inked)\s+(?:in\s+|on\s+)?$", re.IGNORECASE)


def _flow_date(ctx, sent, anchor):
    """The nearest date that is not an instrument's date ("the agreement (dated February 2017)")."""
    keep = [d for d in dates_in(ctx, sent.start_char, sent.end_char)
            if not _INSTRUMENT_DATE.search(ctx.article.text[max(sent.start_char, d.start - 20): d.start])]
    return nearest_date(ctx, sent, anchor, candidates=keep)


def _before_publication(ctx, sent, anchor):
    """"Azerbaijan has allocated AZN 5 million": the present perfect with no date says only that it
    happened by the publication date."""
    verb = anchor
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    if not perfect or ctx.article.published_date is None:
        return None
    return DateMention(verb.idx, verb.idx + len(verb.text), "", None, ctx.article.published_date, "unknown",
                       "publication")


# A target the sides aim at ("raise trade to $30 billion", "achieve the goal of $5 billion"), dated or not.
_TARGET_AIM = re.compile(r"\b(?:rais\w*|increas\w*|boost\w*|doubl\w*|achiev\w*|bring\w*|lift\w*|expand\w*)\b",
                         re.IGNORECASE)
_BY_YEAR = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)


def _target_year(ctx, sent, after: int, before: int):
    """The year a target is set for: "... $30 billion in bilateral trade by 2025"."""
    for d in ctx.dates:
        if after <= d.start < before and d.precision == "year" and \
                _BY_YEAR.search(ctx.article.text[max(after, d.start - 20): d.start]):
            return d
    return None


def _amount_date(ctx, sent, after: int, before: int):
    """A date written right after the amount ("48.5 mln dollars in 2022"), before the next amount."""
    for d in dates_starting(ctx, after, min(before, after + 13)):
        return d
    return None


def build_trade(ctx: ArticleContext) -> list[dict]:
    rows: list[dict] = []
    previous_indicator = None
    for sent in sentences(ctx.doc):
        text = text_of(sent)
        found = countries_in(sent)
        context = tuple(dict.fromkeys(found + list(ctx.ranked[:2])))
        amounts = find_money(text, context)
        s, e = evidence_span(sent)
        base = {"char_start": s, "char_end": e, "evidence": ctx.article.text[s:e]}
        parties = with_partner(ctx, found)
        if amounts:
            for k, m in enumerate(amounts):
                # the words that belong to this amount: from the previous amount to just after this one
                lo = amounts[k - 1].end if k else max(0, m.start - 120)
                hi = amounts[k + 1].start if k + 1 < len(amounts) else len(text)
                window = text[lo: min(hi, m.end + 25)]
                indicator = _indicator(window) or _indicator(text)
                if indicator is None and re.search(r"\b(?:it|this figure|the figure)\b", text, re.IGNORECASE):
                    indicator = previous_indicator  # "... and in January-September 2023 it reached $61.3 million"
                if indicator is None:
                    continue
                if indicator == "turnover" and re.search(r"\bexport", window[: m.start - max(0, m.start - 120)],
                                                         re.IGNORECASE):
                    indicator = "exports"
                anchor = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
                date = _amount_date(ctx, sent, sent.start_char + m.end, sent.start_char + hi)
                if indicator == "other" and date is None:
                    date = _target_year(ctx, sent, sent.start_char + m.end, sent.start_char + hi)
                if indicator == "other" and date is None and not _TARGET_AIM.search(window):
                    continue  # a target with no date of its own ("well short of the $5 billion target")
                if date is None and anchor is not None:
                    date = _flow_date(ctx, sent, anchor.root)
                if date is None:
                    date = _before_publication(ctx, sent, anchor.root if anchor is not None else sent.root)
                previous_indicator = indicator
                clause, subject = _clause_of(sent, m.start)
                rows.append(_row(ctx, clause, base, indicator, parties, date, m.value, m.currency, m.text,
                                 None, "trade.amount", sent.start_char + m.start, subject))
        else:
            indicator = _indicator(text)
            previous_indicator = indicator if indicator == "turnover" else None
            if indicator in ("exports", "imports"):
                commodity = _commodities(text)
                if commodity and len(parties) >= 2:
                    verb = next((t for t in sent if re.fullmatch(r"(?:export|import)\w*", t.lower_) and
                                 not t.lower_.startswith("importan")), sent.root)
                    date = _flow_date(ctx, sent, verb)
                    rows.append(_row(ctx, sent, base, indicator, parties, date, None, None, None,
                                     commodity, "trade.goods", verb.idx))
    return _carry_context(rows)


_CLAUSE_BREAK = re.compile(r"\s*(?:;|,?\s+(?:while|whereas|but)\s+|,\s+and\s+(?=[A-Z]))")


_EPITHET = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,3}(?:country|nation|state|kingdom|republic|emirate)\b", re.IGNORECASE)


def _clause_of(sent: Span, offset: int) -> tuple[Span, str | None]:
    """The clause of the sentence an amount (at `offset` in the sentence's text) belongs to: "A exported
    $X to B, while B exported $Y to A" gives each amount its own subject and destination. The whole
    sentence when the clause names no state."""
    text = text_of(sent)
    lo, hi = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= offset:
            lo = m.end()
        elif m.start() >= offset:
            hi = m.start()
            break
    if (lo, hi) == (0, len(text)):
        return sent, None
    clause = sent.doc.char_span(sent.start_char + lo, sent.start_char + hi, alignment_mode="expand")
    if clause is None:
        return sent, None
    if places_in(clause):
        return clause, None
    if _EPITHET.search(text_of(clause)):  # "the exports of the Middle Eastern country": the one named last
        before = [p for p in places_in(sent) if p.end <= clause.start_char]
        if before:
            return clause, before[-1].iso3
    return sent, None


_CARRY_WINDOW = 800  # characters: the figures of one paragraph or two
_NO_SINGLE_YEAR = re.compile(r"\b(?:since|over the (?:past|last)|so far|to date|in total|cumulative\w*)\b", re.IGNORECASE)


def _carry_context(rows: list[dict]) -> list[dict]:
    """Figures that follow a dated or directed one in the same passage share what they leave unsaid: the
    year ("Trade reached $9 billion in 2021 ... exports were $5 billion") and, for a figure whose
    sentence names no state, the direction of the same kind of flow just before (marked inferred)."""
    out: list[dict] = []
    for row in rows:
        near = [r for r in out if 0 <= row["char_start"] - r["char_start"] <= _CARRY_WINDOW and r.get("value") is not None]
        if row.get("year") is None and row.get("value") is not None and row["indicator"] != "other" \
                and row.get("date_source") is None and not _NO_SINGLE_YEAR.search(row["evidence"]):
            prev = next((r for r in reversed(near) if r.get("year") is not None), None)
            if prev is not None:
                row = {**row, "year": prev["year"],
                       "inferred_fields": sorted(set(row.get("inferred_fields") or []) | {"year"})}
        if not row.get("_stated_countries") and row["indicator"] in ONE_WAY:
            prev = next((r for r in reversed(near) if r["indicator"] == row["indicator"] and r.get("flow_from")), None)
            if prev is not None:
                row = {**row, **{k: prev[k] for k in ("flow_from", "flow_to", "reporter", "partner")},
                       "inferred_fields": sorted(set(row.get("inferred_fields") or []) |
                                                 {"flow_from", "flow_to", "reporter", "partner"})}
        row.pop("_stated_countries", None)
        out.append(row)
    return out


def _row(ctx, sent, base, indicator, parties, date, value, currency, value_text, commodity, extractor, anchor,
         subject=None):
    flow_from, flow_to = _flow(sent, indicator, parties, subject)
    stated = bool(places_in(sent)) or subject is not None
    reporter = flow_from if indicator in ONE_WAY and flow_from else (parties[0] if parties else None)
    partner = next((c for c in parties if c != reporter), None)
    if indicator == "imports" and flow_to:
        reporter, partner = flow_to, flow_from
    year = date.date_end.year if date is not None and date.date_end is not None and date.date_start is not None \
        else None  # "since independence" / "has allocated": no single year
    if date is not None and date.date_start is not None and date.precision == "decade":
        year = None
    return {**base, "indicator": indicator, "reporter": reporter, "partner": partner,
            "flow_from": flow_from, "flow_to": flow_to, "year": year, "value": value, "currency": currency,
            "commodity": commodity, "value_text": value_text, **date_fields(date), "extractor": extractor,
            "_anchor": anchor, "_stated_countries": stated, "inferred_fields": [  # countries filled from the pair
                c for c, v in (("reporter", reporter), ("partner", partner), ("flow_from", flow_from),
                               ("flow_to", flow_to)) if v and v not in countries_in(sent)]
            + date_inferred(date, (base["char_start"], base["char_end"]))}
