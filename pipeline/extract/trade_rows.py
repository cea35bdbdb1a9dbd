"""A trade figure's row: what it measures, its direction and sides, its year, value, qualifier and USD value."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.extract.context import ArticleContext, date_fields, date_inferred, evidence_span
from pipeline.extract.doc_index import countries_in, places_in
from pipeline.extract.rows import Fact, Spanned, TradeRow
from pipeline.extract.trade_flow import ONE_WAY, flow
from pipeline.extract.trade_periods import period_fields
from pipeline.nlp.money import Money
from pipeline.nlp.rules import cue_regex, cues, first_cue
from pipeline.nlp.temporal import DateMention


def indicator_of(text: str) -> str | None:
    """The figure the words give (cue list `indicators` of pipeline/rules/trade.yaml)."""
    return first_cue("trade", "indicators", text)


@dataclass(frozen=True)
class Figure:
    """A trade row and whether its own words name a state (else its direction may come from the figure
    before it)."""

    fact: Fact[TradeRow]
    stated_countries: bool


def figure(ctx: ArticleContext, sent: Span, clause: Span, indicator: str, parties: list[str],
           date: DateMention | None, money: Money | None, commodity: list[str] | None, extractor: str, anchor: int,
           subject: str | None = None) -> Figure:
    """A figure's row: its direction read in its clause, its countries, value and date."""
    s, e = evidence_span(sent)
    base: Spanned = {"char_start": s, "char_end": e, "evidence": ctx.article.text[s:e]}
    flow_from, flow_to = flow(clause, indicator, parties, subject)
    stated = bool(places_in(clause)) or subject is not None
    reporter, partner = _sides(indicator, flow_from, flow_to, parties)
    named = countries_in(clause)
    row: TradeRow = {
        **base, "indicator": indicator, "reporter": reporter, "partner": partner, "flow_from": flow_from,
        "flow_to": flow_to, "year": _single_year(date), "value": money.value if money else None,
        "currency": money.currency if money else None, "commodity": commodity,
        "value_text": money.text if money else None,
        "value_qualifier": _qualifier(ctx.article.text[max(sent.start_char, anchor - QUALIFIER_WINDOW): anchor]) if money else None,
        "value_usd": _usd(money),
        "status": "actual",
        **date_fields(date), **period_fields(date), "extractor": extractor,
        "inferred_fields": [c for c, v in (("reporter", reporter), ("partner", partner), ("flow_from", flow_from),
                                           ("flow_to", flow_to)) if v and v not in named]  # filled from the pair
        + date_inferred(date, (s, e))}
    return Figure(Fact(row, anchor), stated)


def _sides(indicator: str, flow_from: str | None, flow_to: str | None, parties: list[str]
           ) -> tuple[str | None, str | None]:
    """Reporter and partner: a one-way flow's giver and receiver (an import's receiver reports it), else the
    pair in its order."""
    reporter = flow_from if indicator in ONE_WAY and flow_from else (parties[0] if parties else None)
    partner = flow_to if indicator in ONE_WAY and flow_from and flow_to else \
        next((c for c in parties if c != reporter), None)
    if indicator == "imports" and flow_to:
        reporter, partner = flow_to, flow_from
    return reporter, partner


def _single_year(date: DateMention | None) -> int | None:
    """The one year a date gives: none for a date with no start ("since independence", "has allocated": no
    single year) or a decade."""
    if date is None or date.date_start is None or date.date_end is None or date.precision == "decade":
        return None
    return date.date_end.year


_QUALIFIERS = cues("trade", "value_qualifiers", any_case=True)  # (label, regex), first match wins
QUALIFIER_WINDOW = 40  # the characters before an amount read for its qualifier ("more than", "nearly")


def _qualifier(before: str) -> str | None:
    """How the words right before an amount bound it ("more than $5 billion", "nearly $2 million")."""
    label = next((label for label, rx in _QUALIFIERS if rx.search(before)), None)
    return None if label == "less than" and _RISE_UP_TO.search(before) else label


# "increased by 2.7 times up to $117 million": "up to" after a change says where it got to, not a bound.
_RISE_UP_TO = cue_regex("trade", "rise_up_to", any_case=True)


def _usd(money: Money | None) -> float | None:
    """The amount in US dollars as the text gives it: the amount itself, or its bracketed equivalent."""
    if money is None:
        return None
    if money.currency == "USD":
        return money.value
    eq = money.equivalent
    return eq.value if eq is not None and eq.currency == "USD" else None
