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


def _flow(sent: Span, indicator: str, parties: list[str]) -> tuple[str | None, str | None]:
    """Direction of a one-way flow: the agent's country gives, the 'to'/'in' country receives."""
    if indicator not in ONE_WAY or len(parties) < 2:
        return None, None
    dest = None
    for p in places_in(sent):
        prev = sent.doc[p.token.i - 1] if p.token.i > 0 else None
        first = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
        if first is not None and first.start > 0:
            prev = sent.doc[first.start - 1]
        if prev is not None and prev.lower_ in ("to", "in", "into", "for") and p.kind in ("country", "city"):
            dest = p.iso3
            break
    src = None
    for p in places_in(sent):
        prev = sent.doc[p.token.i - 1] if p.token.i > 0 else None
        if prev is not None and prev.lower_ == "from":
            src = p.iso3
    if indicator == "imports":
        # "A imports from B": the flow goes from B to A.
        if src and src in parties:
            other = [c for c in parties if c != src]
            return src, (other[0] if other else None)
        return (parties[1], parties[0])
    if dest is None:
        dest = parties[1]
    if src is None:
        others = [c for c in parties if c != dest]
        src = others[0] if others else None
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
                    continue  # a target with no date of its own ("well short of the $5 billion target")
                if date is None and anchor is not None:
                    date = _flow_date(ctx, sent, anchor.root)
                if date is None:
                    date = _before_publication(ctx, sent, anchor.root if anchor is not None else sent.root)
                previous_indicator = indicator
                clause = _clause_of(sent, m.start)
                rows.append(_row(ctx, clause, base, indicator, parties, date, m.value, m.currency, m.text,
                                 None, "trade.amount", sent.start_char + m.start))
        else:
            indicator = _indicator(text)
            previous_indicator = indicator if indicator == "turnover" else None
            if indicator in ("exports", "imports"):
                commodity = _commodities(text)
                if commodity and len(parties) >= 2:
                    verb = next((t for t in sent if re.match(r"export|import", t.lower_)), sent.root)
                    date = _flow_date(ctx, sent, verb)
                    rows.append(_row(ctx, sent, base, indicator, parties, date, None, None, None,
                                     commodity, "trade.goods", verb.idx))
    return rows


_CLAUSE_BREAK = re.compile(r"\s*(?:;|,?\s+(?:while|whereas|but)\s+|,\s+and\s+(?=[A-Z]))")


def _clause_of(sent: Span, offset: int) -> Span:
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
        return sent
    clause = sent.doc.char_span(sent.start_char + lo, sent.start_char + hi, alignment_mode="expand")
    return clause if clause is not None and places_in(clause) else sent


def _row(ctx, sent, base, indicator, parties, date, value, currency, value_text, commodity, extractor, anchor):
    flow_from, flow_to = _flow(sent, indicator, parties)
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
            "_anchor": anchor, "inferred_fields": [  # countries filled from the article's main pair
                c for c, v in (("reporter", reporter), ("partner", partner), ("flow_from", flow_from),
                               ("flow_to", flow_to)) if v and v not in countries_in(sent)]
            + date_inferred(date, (base["char_start"], base["char_end"]))}
