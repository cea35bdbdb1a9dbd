"""When a trade figure was: the sentence's date nearest it that is not an instrument's or another clause's,
the year a target is set for, a fiscal year written after the amount, the publication for a present perfect."""
from __future__ import annotations


from spacy.tokens import Span, Token

from pipeline.extract import slots
from pipeline.extract.context import ArticleContext, dates_starting
from pipeline.nlp.rules import cue_regex, lexicon
from pipeline.nlp.temporal import DateMention

_INSTRUMENT_DATE = cue_regex("trade", "instrument_date", any_case=True)
_TIME_PREPS = lexicon("trade", "time_prepositions")
_BY_YEAR = cue_regex("trade", "by_year", any_case=True)
_FISCAL = cue_regex("trade", "fiscal_year")
_LAST_YEAR_COMPARED = cue_regex("trade", "last_year_compared", any_case=True)
_COMPARED = cue_regex("trade", "compared_date", any_case=True)
BEFORE_DATE_CHARS = 20  # the characters before a date read for an instrument's verb ("signed in") or "by"
_COMPARED_CHARS = 50  # the characters before a date read for a comparison cue ("compared with the same period of ")


def flow_date(ctx: ArticleContext, sent: Span, anchor: Token) -> DateMention | None:
    """The sentence's date nearest the figure that is not an instrument's ("the agreement (dated February
    2017)")."""
    text = ctx.article.text
    return slots.sentence_date(ctx, sent, anchor, keep=lambda d: not _INSTRUMENT_DATE.search(
        text[max(sent.start_char, d.start - BEFORE_DATE_CHARS): d.start]) and not _in_other_relative_clause(sent, d, anchor)
        and not compared_date(ctx, sent, d))


def compared_date(ctx: ArticleContext, sent: Span, d: DateMention) -> bool:
    """Whether a date is a comparison's, not the figure's ("$12 billion, a fall of 4 per cent over the previous
    year"; "up from 2017"): the words right before it (cue list `compared_date`)."""
    return _COMPARED.search(ctx.article.text[max(sent.start_char, d.start - _COMPARED_CHARS): d.start]) is not None


def _in_other_relative_clause(sent: Span, d: DateMention, anchor: Token) -> bool:
    """A date inside a relative clause that does not hold the figure describes something else ("the bank,
    which opened an office in 2015, provided $5 million"), unless the clause describes the time of the
    figure ("during the floods that struck in 2022")."""
    span = sent.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    for tok in (span.root, *span.root.ancestors):
        if tok.dep_ == "relcl":
            if tok.head.head.lower_ in _TIME_PREPS:  # "during the floods that struck in 2022, A sent": its time
                return False
            return anchor.i not in {t.i for t in tok.subtree}
    return False


def before_publication(ctx: ArticleContext, anchor: Token) -> DateMention | None:
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


def target_year(ctx: ArticleContext, after: int, before: int) -> DateMention | None:
    """The year a target is set for: "... $30 billion in bilateral trade by 2025"."""
    for d in dates_starting(ctx, after, before):
        if d.precision == "year" and \
                _BY_YEAR.search(ctx.article.text[max(after, d.start - BEFORE_DATE_CHARS): d.start]):
            return d
    return None


def fiscal_year_end(after: str) -> int | None:
    """The year a fiscal year written at the start of `after` ends ("in 2021-22": 2022)."""
    fiscal = _FISCAL.match(after)
    if not fiscal:
        return None
    start = int(fiscal.group(1))
    end = start // 100 * 100 + int(fiscal.group(2))
    return end if end == start + 1 else None


def year_after_compared(text: str) -> int | None:
    """"rose 10% last year compared with 2020": the year after the one compared with (2021)."""
    compared = _LAST_YEAR_COMPARED.search(text)
    return int(compared.group(1)) + 1 if compared else None
