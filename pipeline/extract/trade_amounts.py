"""The figure of an amount of money: what it measures (the words around it), whether it is measured, aimed at
or forecast, its date, the clause its direction is read in, and its year when the words after it give one."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.extract import slots
from pipeline.extract.context import ArticleContext, text_of, with_partner
from pipeline.extract.doc_index import countries_in, places_in
from pipeline.extract.rows import TradeRow
from pipeline.extract.trade_dates import before_publication, compared_date, flow_date, target_year, year_after_compared
from pipeline.extract.trade_flow import ONE_WAY, OWN_DIRECTION, bank_country
from pipeline.extract.trade_periods import with_fiscal_year
from pipeline.extract.trade_rows import Figure, figure, indicator_of
from pipeline.nlp.money import Money
from pipeline.nlp.rules import cue_regex, first_cue
from pipeline.nlp.temporal import DateMention

_FIGURE_PRONOUN = cue_regex("trade", "figure_pronoun", any_case=True)
_RANGE_END = cue_regex("trade", "range_end", any_case=True)
_EXPORT_WORD = cue_regex("trade", "export_word", any_case=True)
_TARGET_AIM = cue_regex("trade", "target_aim", any_case=True)
# Window sizes, in characters of the sentence's text:
_WORDS_BEFORE = 120  # the words before an amount that say what it measures (when no amount comes before)
_WORDS_AFTER = 25  # ... and after it (past its bracketed equivalent), for what it measures and a fiscal year
_STATUS_BEFORE = 60  # the words before it that say whether it is measured, aimed at or forecast
_DATE_AFTER = 13  # the words right after it that give its own date ("in 2021", "in March 2022")


@dataclass(frozen=True)
class _Reach:
    """Where the words of one amount of a sentence lie (offsets in the sentence's text)."""

    lo: int  # the end of the amount before, or `_WORDS_BEFORE` back
    hi: int  # the start of the amount after, or the sentence's end
    tail: int  # `_WORDS_AFTER` past the amount and a bracketed equivalent ("(about $1.5 bn)"), within hi


def _reach(text: str, amounts: tuple[Money, ...], k: int) -> _Reach:
    m = amounts[k]
    lo = amounts[k - 1].end if k else max(0, m.start - _WORDS_BEFORE)
    hi = amounts[k + 1].start if k + 1 < len(amounts) else len(text)
    return _Reach(lo, hi, min(hi, (m.equivalent.end + 1 if m.equivalent is not None else m.end) + _WORDS_AFTER))


def amount_figure(ctx: ArticleContext, sent: Span, amounts: tuple[Money, ...], k: int, parties: list[str],
                  previous_indicator: str | None, referred: Span | None = None) -> Figure | None:
    """The figure of the k-th amount of the sentence: what it measures (the words from the previous amount to
    just after it), its clause, and its date (the words right after it, a target's year, the clause). A
    sentence that names no state and refers back ("These projects, worth ...") reads what the figure is
    and its direction in the `referred` sentence before it."""
    text = text_of(sent)
    m = amounts[k]
    reach = _reach(text, amounts, k)
    window = text[reach.lo: reach.tail]
    if k and previous_indicator is not None and _RANGE_END.match(text[amounts[k - 1].end: m.start]):
        indicator: str | None = previous_indicator  # "from $2 billion to $3 billion": the same figure's change
    else:
        indicator, referred = _measured(window, text, previous_indicator, referred)
    if indicator is None or _domestic(sent, text, m, indicator, window):
        return None
    indicator, status = _status(text, m, reach, indicator, window)
    at = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
    anchor = at.root if at is not None else sent.root
    after = sent.start_char + m.end
    date = slots.phrase_date(ctx, sent, anchor, span=(after, min(sent.start_char + reach.hi, after + _DATE_AFTER)),
                             keep=lambda d: not compared_date(ctx, sent, d))
    if status == "target":
        date = date or target_year(ctx, after, sent.start_char + reach.hi)
        if date is None and not _TARGET_AIM.search(window):
            return None  # a target with no date of its own ("well short of the $5 billion target")
        date = _to_come(ctx, date)
    else:
        date = date or (flow_date(ctx, sent, anchor) if at is not None else None) or before_publication(ctx, anchor)
    clause, subject, parties = _where_read(ctx, sent, m, referred, parties, indicator)
    found = figure(ctx, sent, clause, indicator, parties, date, m, None, "trade.amount", sent.start_char + m.start,
                   subject)
    row = found.fact.row
    row["status"] = status
    _year_from_words(ctx, row, text, m)
    if indicator in OWN_DIRECTION and len(parties) >= 2:
        _own_direction(row, indicator, parties, clause if subject is None and places_in(clause) else sent)
    return found


def _measured(window: str, text: str, previous: str | None, referred: Span | None
              ) -> tuple[str | None, Span | None]:
    """What the amount measures: the indicator of its words, else of its sentence; else, in a sentence that
    says "it" or "the figure", the previous figure's ("... and in the first half of 2021 it came to $48.7
    million"); else a one-way flow the `referred` sentence names, which is kept only then."""
    indicator = indicator_of(window) or indicator_of(text)
    if indicator is None and _FIGURE_PRONOUN.search(text):
        indicator = previous
    if indicator is None and referred is not None:
        indicator = indicator_of(text_of(referred))
        return (indicator, referred) if indicator in ONE_WAY else (None, None)
    return indicator, None


def _status(text: str, m: Money, reach: _Reach, indicator: str, window: str) -> tuple[str, str]:
    """The indicator and status of the figure (`figure_status` cues on the words around the amount): a target
    is `other`, whatever it measures; a turnover whose words before the amount name exports is exports."""
    status = first_cue("trade", "figure_status", text[max(reach.lo, m.start - _STATUS_BEFORE): reach.tail]) or "actual"
    if indicator == "other" or status == "target":
        return "other", "target"  # a target: the level aimed at, whatever it measures
    if indicator == "turnover" and _EXPORT_WORD.search(window[: m.start - max(0, m.start - _WORDS_BEFORE)]):
        return "exports", status
    return indicator, status


def _to_come(ctx: ArticleContext, date: DateMention | None) -> DateMention | None:
    """A target is set for a year to come, never a past year: a date that ended before publication is none."""
    published = ctx.article.published_date
    if date is not None and published is not None and date.date_end is not None and date.date_end < published:
        return None
    return date


def _where_read(ctx: ArticleContext, sent: Span, m: Money, referred: Span | None, parties: list[str],
                indicator: str) -> tuple[Span, str | None, list[str]]:
    """The clause the figure's direction is read in (the `referred` sentence, else the amount's clause), the
    state an epithet in it stands for, and the states: the referred sentence's with the partner, and the
    state of an export-import bank that lends or gives."""
    clause, subject = (referred, None) if referred is not None else slots.clause_at(sent, m.start)
    if referred is not None:
        parties = with_partner(ctx, countries_in(referred))
    lender = bank_country(text_of(sent), parties) if indicator in ("loan", "aid") else None
    if lender is not None and lender not in parties:
        parties = [*parties, lender]
    return clause, subject, parties


def _year_from_words(ctx: ArticleContext, row: TradeRow, text: str, m: Money) -> None:
    """The year and period of a fiscal year near the amount (`trade_periods`); else, with no publication date, the year after the
    one "last year" is compared with (marked inferred)."""
    with_fiscal_year(row, text, m.start, m.end)
    if row["year"] is None and ctx.article.published_date is None:
        year = year_after_compared(text)
        if year is not None:
            row["year"] = year
            row["inferred_fields"] = sorted(set(row["inferred_fields"]) | {"year"})


def _own_direction(row: TradeRow, indicator: str, parties: list[str], where: Span) -> None:
    """Remittances and tourism have a direction of their own (workers' host to home, visitors' home to host),
    read in `where`; it replaces the flow's when it finds one."""
    flow_from, flow_to = OWN_DIRECTION[indicator](where, parties)
    if flow_from:
        row["flow_from"], row["flow_to"] = flow_from, flow_to
        row["reporter"], row["partner"] = flow_from, flow_to


# A state's own budget or spending is not a flow between states: "a defence budget of $3 billion", "the
# budget will grow to $3 billion", "$3 billion for its defence budget".
_BUDGET_BEFORE = cue_regex("trade", "budget_before", any_case=True)
_BUDGET_AFTER = cue_regex("trade", "budget_after", any_case=True)
# "allocated $500 million for education": an allocation is aid only with a recipient or a word of aid.
_ALLOCATED = cue_regex("trade", "allocated", any_case=True)
_AID_WORD = cue_regex("trade", "aid_word", any_case=True)
BUDGET_WINDOW = 60  # the characters before and after an amount read for a budget's words


def _domestic(sent: Span, text: str, m: Money, indicator: str, window: str) -> bool:
    """An amount that measures one state's own budget or spending, not a figure between states."""
    if _BUDGET_BEFORE.search(text, max(0, m.start - BUDGET_WINDOW), m.start) or _BUDGET_AFTER.match(text[m.end: m.end + BUDGET_WINDOW]):
        return True
    return indicator == "aid" and _ALLOCATED.search(window) is not None and not _AID_WORD.search(window) and \
        not slots.places_after(sent, ("to", "for", "into", "in"))
