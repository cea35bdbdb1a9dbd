"""Trade and money flows: turnover, exports, imports, investment, aid, grants, loans, remittances, tourism.

Each sentence's amounts give their figures (`trade_amounts`), a sentence with no amount may give a goods row
(`trade_goods`); a figure's row and direction come from `trade_rows` and `trade_flow`, its date from
`trade_dates`. Figures of one passage then share the year and direction they leave unsaid."""
from __future__ import annotations


from spacy.tokens import Span

from pipeline.extract.context import ArticleContext, money_in, text_of, with_partner
from pipeline.extract.doc_index import countries_in, sentences
from pipeline.extract.rows import Fact, TradeRow
from pipeline.extract.trade_amounts import amount_figure
from pipeline.extract.trade_flow import ONE_WAY
from pipeline.extract.trade_goods import goods_figure
from pipeline.extract.trade_rows import Figure, indicator_of
from pipeline.nlp.rules import cue_regex, has_cue

_WITHOUT_AMOUNT = frozenset({"turnover", "exports", "imports"})  # what a sentence without an amount can state


def build_trade(ctx: ArticleContext) -> list[Fact[TradeRow]]:
    """Each figure the article states: the trigger is an amount of money (or a goods list after an export
    word); its clause, date and countries come from the slot filler."""
    figures: list[Figure] = []
    previous_indicator = None
    before: Span | None = None
    for sent in sentences(ctx.doc):
        text = text_of(sent)
        found = countries_in(sent)
        amounts = money_in(ctx, sent)
        parties = with_partner(ctx, found)
        referred = before if before is not None and not found and _ANAPHOR.match(text) else None
        before = sent
        if amounts:
            for k in range(len(amounts)):
                figure = amount_figure(ctx, sent, amounts, k, parties, previous_indicator,
                                       referred if k == 0 else None)
                if figure is not None:
                    previous_indicator = figure.fact.row["indicator"]
                    figures.append(figure)
        else:  # only a turnover or a goods list counts here: the full cue list only where one of theirs matches
            indicator = indicator_of(text) if has_cue("trade", "indicators", text, _WITHOUT_AMOUNT) else None
            previous_indicator = indicator if indicator == "turnover" else None
            goods = goods_figure(ctx, sent, indicator, parties) if indicator in ("exports", "imports") else None
            if goods is not None:
                figures.append(goods)
    return _carry_context(figures)


# "These projects, worth $11 billion, ...": a sentence that goes on about what the one before it named.
_ANAPHOR = cue_regex("trade", "referring_subject", any_case=True)


_CARRY_WINDOW = 800  # characters: the figures of one paragraph or two
_NO_SINGLE_YEAR = cue_regex("trade", "no_single_year", any_case=True)
_DIRECTION = ("flow_from", "flow_to", "reporter", "partner")


def _carry_context(figures: list[Figure]) -> list[Fact[TradeRow]]:
    """Figures that follow a dated or directed one in the same passage share what they leave unsaid: the
    year ("Trade reached $9 billion in 2021 ... exports were $5 billion") and, for a figure whose
    sentence names no state, the direction of the same kind of flow just before (marked inferred)."""
    out: list[Fact[TradeRow]] = []
    for figure in figures:
        row = figure.fact.row
        near = [f.row for f in out if 0 <= row["char_start"] - f.row["char_start"] <= _CARRY_WINDOW
                and f.row["value"] is not None]
        if row["year"] is None and row["value"] is not None and row["indicator"] != "other" \
                and row["date_source"] is None and not _NO_SINGLE_YEAR.search(row["evidence"]):
            prev = next((r for r in reversed(near) if r["year"] is not None), None)
            if prev is not None:
                row = {**row, "year": prev["year"], "inferred_fields": sorted(set(row["inferred_fields"]) | {"year"})}
        if not figure.stated_countries and row["indicator"] in ONE_WAY:
            prev = next((r for r in reversed(near) if r["indicator"] == row["indicator"] and r["flow_from"]), None)
            if prev is not None:
                row = {**row, "flow_from": prev["flow_from"], "flow_to": prev["flow_to"], "reporter": prev["reporter"],
                       "partner": prev["partner"], "inferred_fields": sorted(set(row["inferred_fields"]) | set(_DIRECTION))}
        out.append(Fact(row, figure.fact.anchor))
    return out
