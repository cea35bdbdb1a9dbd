"""Trade and money flows: turnover, exports, imports, investment, aid, grants, loans, remittances, tourism."""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.nlp import places as gazetteer
from pipeline.extract import slots
from pipeline.extract.context import (ArticleContext, date_fields, date_inferred, dates_starting, doc_text,
                                      evidence_span, money_in, text_of, with_partner)
from pipeline.extract.doc_index import countries_in, places_in, sentences
from pipeline.extract.rows import Fact, Spanned, TradeRow
from pipeline.nlp.rules import first_cue, has_cue
from pipeline.nlp.money import Money
from pipeline.nlp.temporal import DateMention

ONE_WAY = {"exports", "imports", "aid", "grant", "investment", "loan", "remittances", "tourism_receipts"}
_LIST_INTRO = re.compile(r"\b(?:including|such as|consist\w* (?:mainly |mostly )?of|namely)\b|:", re.IGNORECASE)


def _indicator(text: str) -> str | None:
    """The figure the words give (cue list `indicators` of pipeline/rules/trade.yaml)."""
    return first_cue("trade", "indicators", text)


_WITHOUT_AMOUNT = frozenset({"turnover", "exports", "imports"})  # what a sentence without an amount can state


_QUANTITY_WORDS = frozenset({"more", "most", "less", "large", "huge", "vast", "significant", "substantial", "some",
                             "much", "many", "major", "growing", "increasing", "record", "additional", "its", "their"})
_GENERIC_GOODS = frozenset({"goods", "products", "commodities", "items", "it", "them", "this", "that", "more", "all"})
_GOODS_DEST = {"exports": "to", "imports": "from"}
# Measure words before the goods: "large quantities of wheat", "300 megawatts of electricity".
_UNITS = frozenset({"quantity", "amount", "volume", "megawatt", "gigawatt", "kilowatt", "tonne", "ton", "barrel",
                    "litre", "liter", "cubic", "metre", "meter", "unit", "container", "shipment", "cargo", "consignment",
                    "batch", "lot", "bag", "head"})


def _verb_object(sent: Span, indicator: str) -> list[str] | None:
    """The goods a sentence says one state exports to (imports from) another, as the object of a verb in a
    tense that states it happens or happened: "Chile has exported more copper to Peru than ..." -> ["copper"];
    None for "goods" and like words, and for a plan ("to import")."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_ != indicator[:-1] or verb.tag_ == "VB":
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if not any(c.dep_ == "prep" and c.lower_ == _GOODS_DEST[indicator]  # "to Peru" on the verb or its object
                   for c in (*verb.children, *(obj.children if obj is not None else ()))):
            continue
        if obj is not None and (obj.lemma_ in _UNITS or obj.like_num):  # "quantities of wheat", "300 tonnes of rice"
            obj = next((g for p in obj.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"), None)
        if obj is None:
            return None
        goods = [obj, *(c for c in obj.children if c.dep_ == "conj")]
        out = [" ".join(t.text for t in sorted([g, *(c for c in g.children if c.dep_ in ("compound", "amod")
                                                       and c.lower_ not in _QUANTITY_WORDS)], key=lambda t: t.i))
               for g in goods if g.lower_ not in _GENERIC_GOODS]
        return out or None
    return None


def _commodities(text: str) -> list[str] | None:
    m = _LIST_INTRO.search(text)
    if not m:
        return None
    tail = re.split(r"\s+(?:to|from|into)\s+[A-Z]|[.;]", text[m.end():])[0]
    return slots.listed(tail) or None


_ONE_WAY_WORD = re.compile(r"\b(?:export|import|aid|loan|grant|invest|assist|lend|credit|donat|provid|financ|allocat|remitt|"
                           r"touris|visitors|stake|acquir|bought|buy)", re.IGNORECASE)


def _flow(sent: Span, indicator: str, parties: list[str], subject: str | None = None) -> tuple[str | None, str | None]:
    """Direction of a one-way flow in its clause: the country after to/into/for receives, the one after
    from gives; else the country named before the flow word ("Chile exported", "Peruvian exports",
    "the exports of the country" = `subject`) gives, for imports receives; a loan is given by the
    partner named after with/from."""
    if indicator not in ONE_WAY or len(parties) < 2:
        return None, None
    found = places_in(sent)
    text = doc_text(sent.doc)
    market = next((p.iso3 for p in found if _MARKET_FOR.search(text[max(sent.start_char, p.start - 50): p.start])), None)
    if market is not None and indicator == "exports":  # "the largest export market for Chile": Chile exports
        dest = next((c for c in parties if c != market), None)
        return (market, dest) if dest else (None, None)
    dest = next((p.iso3 for p in slots.places_after(sent, ("to", "into", "for")) if p.kind in ("country", "city")), None)
    if dest is None and indicator != "imports":  # "Norway awarded Chile a grant": the indirect object receives
        dest = next((p.iso3 for p in found if p.token.dep_ == "dative"), None)
    src = next((p.iso3 for p in slots.places_after(sent, ("from",))), None)
    if src is None and indicator in ("loan", "aid"):
        src = next((p.iso3 for p in slots.places_after(sent, ("with",))), None)
    if src is None and indicator in ("loan", "aid"):
        src = _bank_country(text_of(sent), parties)
    word = _ONE_WAY_WORD.search(text_of(sent))
    cut = sent.start_char + word.start() if word else sent.end_char
    if dest is None and indicator == "investment":  # "bought a stake in the Chilean mine": the country after in,
        within = [p for p in slots.places_after(sent, ("in",)) if p.iso3 != src and p.token.i > sent.start + 1]
        dest = next((p.iso3 for p in within if p.start >= cut), None) or \
            next((p.iso3 for p in within if p.kind == "country"), None)  # "interests in Chile, having invested"
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


_MARKET_FOR = re.compile(r"\bexport\s+(?:destination|market|partner)s?\s+(?:for|of)\s+(?:the\s+)?$", re.IGNORECASE)
_BANK = re.compile(r"\b(?:([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+(?:Exim|Export-Import)\s+Bank|"
                   r"(?:Exim|Export-Import)\s+Bank\s+of\s+(?:the\s+)?([A-Z][\w-]+(?:\s+(?:of\s+)?[A-Z][\w-]+)*))")


def _bank_country(text: str, parties: list[str]) -> str | None:
    """The state of an export-import bank named in the text ("the Export-Import Bank of Korea", "Chile
    Exim Bank"): the lender of its financing. A short name the gazetteer leaves ambiguous ("Korea") is
    the state of the pair whose name holds it."""
    names = gazetteer.gazetteer().names
    for m in _BANK.finditer(text):
        name = m.group(1) or m.group(2)
        words = [w for w in name.split() if w not in ("The", "the")]
        for k in range(len(words), 0, -1):  # "Republic of Korea" / "Korea": the longest known name
            iso3 = gazetteer.resolve(" ".join(words[:k]))
            if iso3:
                return iso3
        short = next((c for c in parties if words and re.search(rf"\b{re.escape(words[0])}\b", names.get(c, ""))), None)
        if short is not None:
            return short
    return None


# Where workers earn what they send home: "Peruvians working in Chile ... transfers", "remittances from
# workers in Chile".
_WORKERS_IN = re.compile(r"\b(?:work\w*|employed|living|residing|based|expatriates?|migrants?)\s+in\s+(?:the\s+)?$",
                         re.IGNORECASE)


def _remittance_flow(sent: Span, parties: list[str]) -> tuple[str | None, str | None]:
    """Remittances go from the state the workers are in to the other one (their home)."""
    text = doc_text(sent.doc)
    host = next((p.iso3 for p in places_in(sent) if p.kind == "country"
                 and _WORKERS_IN.search(text[max(sent.start_char, p.start - 30): p.start])), None)
    home = next((c for c in parties if c != host), None) if host else None
    return (host, home) if host and home else (None, None)


# Visitors' home state: "Norwegian tourists", "visitors from Norway".
_VISITORS_AFTER = re.compile(r"^\W{0,2}(?:\w+\s+){0,1}(?:tourists?|visitors|holidaymakers|travell?ers)\b", re.IGNORECASE)
_VISITORS_FROM = re.compile(r"\b(?:tourists?|visitors|holidaymakers|travell?ers)\s+from\s+(?:the\s+)?$", re.IGNORECASE)


def _tourism_flow(sent: Span, parties: list[str]) -> tuple[str | None, str | None]:
    """Tourists' spending goes from their home state to the state they visit."""
    text = doc_text(sent.doc)
    home = next((p.iso3 for p in places_in(sent) if _VISITORS_AFTER.match(text[p.end: p.end + 30])
                 or _VISITORS_FROM.search(text[max(sent.start_char, p.start - 30): p.start])), None)
    host = next((c for c in parties if c != home), None) if home else None
    return (home, host) if home and host else (None, None)


_OWN_DIRECTION = {"remittances": _remittance_flow, "tourism_receipts": _tourism_flow}


# A fiscal year written "2021-22" right after the amount: the year it ends.
_FISCAL = re.compile(r"^\s*(?:in\s+|during\s+)?(?:the\s+)?(?:FY\s*)?((?:19|20)\d\d)[-\u2013/](\d\d)\b(?![-\u2013/]\d)")
# "rose 10% last year compared with 2020" with no publication date: last year is the year after.
_LAST_YEAR_VS = re.compile(r"\blast year\b.{0,40}?\b(?:compared (?:with|to)|against|from|over)\s+((?:19|20)\d\d)\b",
                           re.IGNORECASE)

_INSTRUMENT_DATE = re.compile(r"\b(?:dated|signed|adopted|concluded|inked)\s+(?:in\s+|on\s+)?$", re.IGNORECASE)


def _flow_date(ctx: ArticleContext, sent: Span, anchor: Token) -> DateMention | None:
    """The sentence's date nearest the figure that is not an instrument's ("the agreement (dated February
    2017)")."""
    text = ctx.article.text
    return slots.sentence_date(ctx, sent, anchor, keep=lambda d: not _INSTRUMENT_DATE.search(
        text[max(sent.start_char, d.start - 20): d.start]) and not _in_other_relative_clause(sent, d, anchor))


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


_TIME_PREPS = {"during", "after", "following", "amid", "before", "since", "in"}


def _before_publication(ctx: ArticleContext, anchor: Token) -> DateMention | None:
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
_TARGET_AIM = re.compile(r"\b(?:rais\w*|increas\w*|boost\w*|doubl\w*|achiev\w*|bring\w*|lift\w*|expand\w*|aim\w*|"
                         r"hop(?:e|es|ed|ing)|could|seek\w*|wants?|plan\w*|intend\w*|strive)\b", re.IGNORECASE)
_BY_YEAR = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)


def _target_year(ctx: ArticleContext, after: int, before: int) -> DateMention | None:
    """The year a target is set for: "... $30 billion in bilateral trade by 2025"."""
    for d in dates_starting(ctx, after, before):
        if d.precision == "year" and \
                _BY_YEAR.search(ctx.article.text[max(after, d.start - 20): d.start]):
            return d
    return None


# A state's own budget or spending is not a flow between states: "a defence budget of $3 billion", "the
# budget will grow to $3 billion", "$3 billion for its defence budget".
_BUDGET_BEFORE = re.compile(r"\b(?:budgets?|spending|expenditures?|outlays?)\s*(?:(?:of|at|to|was|is|were|be|will|would|"
                            r"stood|reached|rose|grew|increased|totall?(?:ing|ed)|amount(?:ing|ed)|worth|by|about|nearly|"
                            r"some|around|more|than|over|almost|up|,)\s*)*$", re.IGNORECASE)
_BUDGET_AFTER = re.compile(r"^\s*(?:for|in|to)\s+(?:its|the|their|his|her|this year's|next year's)\s+"
                           r"(?:[\w-]+\s+){0,2}budget\b", re.IGNORECASE)
# "allocated $500 million for education": an allocation is aid only with a recipient or a word of aid.
_ALLOCATED = re.compile(r"\ballocat", re.IGNORECASE)
_AID_WORD = re.compile(r"\b(?:aid|assistance|humanitarian|relief|donat\w*|grants?)\b", re.IGNORECASE)


def _domestic(sent: Span, text: str, m: Money, indicator: str, window: str) -> bool:
    """An amount that measures one state's own budget or spending, not a figure between states."""
    if _BUDGET_BEFORE.search(text, max(0, m.start - 60), m.start) or _BUDGET_AFTER.match(text[m.end: m.end + 60]):
        return True
    return indicator == "aid" and _ALLOCATED.search(window) is not None and not _AID_WORD.search(window) and \
        not slots.places_after(sent, ("to", "for", "into", "in"))


@dataclass(frozen=True)
class _Figure:
    """A trade row and whether its own words name a state (else its direction may come from the figure
    before it)."""

    fact: Fact[TradeRow]
    stated_countries: bool


def build_trade(ctx: ArticleContext) -> list[Fact[TradeRow]]:
    """Each figure the article states: the trigger is an amount of money (or a goods list after an export
    word); its clause, date and countries come from the slot filler."""
    figures: list[_Figure] = []
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
                figure = _amount_figure(ctx, sent, amounts, k, parties, previous_indicator,
                                        referred if k == 0 else None)
                if figure is not None:
                    previous_indicator = figure.fact.row["indicator"]
                    figures.append(figure)
        else:  # only a turnover or a goods list counts here: the full cue list only where one of theirs matches
            indicator = _indicator(text) if has_cue("trade", "indicators", text, _WITHOUT_AMOUNT) else None
            previous_indicator = indicator if indicator == "turnover" else None
            if indicator in ("exports", "imports"):
                commodity = _commodities(text) or _verb_object(sent, indicator)
                if commodity and len(parties) >= 2:
                    verb = next((t for t in sent if re.fullmatch(r"(?:export|import)\w*", t.lower_) and
                                 not t.lower_.startswith("importan")), sent.root)
                    date = _flow_date(ctx, sent, verb)
                    figures.append(_figure(ctx, sent, sent, indicator, parties, date, None, commodity, "trade.goods",
                                           verb.idx))
    return _carry_context(figures)


# "These projects, worth $11 billion, ...": a sentence that goes on about what the one before it named.
_ANAPHOR = re.compile(r"^\W*(?:these|those|such|the|this|that)\s+(?:[\w-]+\s+){0,2}(?:projects?|investments?|deals?|"
                      r"contracts?|loans?|credits?|grants?|schemes?|ventures?)\b", re.IGNORECASE)


def _amount_figure(ctx: ArticleContext, sent: Span, amounts: tuple[Money, ...], k: int, parties: list[str],
                   previous_indicator: str | None, referred: Span | None = None) -> _Figure | None:
    """The figure of the k-th amount of the sentence: what it measures (the words from the previous amount to
    just after it), its clause, and its date (the words right after it, a target's year, the clause). A
    sentence that names no state and refers back ("These projects, worth ...") reads what the figure is
    and its direction in the `referred` sentence before it."""
    text = text_of(sent)
    m = amounts[k]
    lo = amounts[k - 1].end if k else max(0, m.start - 120)
    hi = amounts[k + 1].start if k + 1 < len(amounts) else len(text)
    tail = min(hi, (m.equivalent.end + 1 if m.equivalent is not None else m.end) + 25)  # past "(about $1.5 bn)"
    window = text[lo: tail]
    indicator = _indicator(window) or _indicator(text)
    if indicator is None and re.search(r"\b(?:it|this figure|the figure)\b", text, re.IGNORECASE):
        indicator = previous_indicator  # "... and in January-September 2023 it reached $61.3 million"
    if indicator is None and referred is not None:
        indicator = _indicator(text_of(referred))
        if indicator not in ONE_WAY:
            indicator, referred = None, None
    else:
        referred = None
    if indicator is None or _domestic(sent, text, m, indicator, window):
        return None
    status = first_cue("trade", "figure_status", text[max(lo, m.start - 60): tail]) or "actual"
    if indicator == "other" or status == "target":
        indicator, status = "other", "target"  # a target: the level aimed at, whatever it measures
    if indicator == "turnover" and re.search(r"\bexport", window[: m.start - max(0, m.start - 120)], re.IGNORECASE):
        indicator = "exports"
    at = sent.doc.char_span(sent.start_char + m.start, sent.start_char + m.end, alignment_mode="expand")
    anchor = at.root if at is not None else sent.root
    after = sent.start_char + m.end
    date = slots.phrase_date(ctx, sent, anchor, span=(after, min(sent.start_char + hi, after + 13)))
    if status == "target":
        date = date or _target_year(ctx, after, sent.start_char + hi)
        if date is None and not _TARGET_AIM.search(window):
            return None  # a target with no date of its own ("well short of the $5 billion target")
        published = ctx.article.published_date
        if date is not None and published is not None and date.date_end is not None and date.date_end < published:
            date = None  # a target is set for a year to come, never a past year
    else:
        if date is None and at is not None:
            date = _flow_date(ctx, sent, anchor)
        if date is None:
            date = _before_publication(ctx, anchor)
    clause, subject = (referred, None) if referred is not None else slots.clause_at(sent, m.start)
    if referred is not None:
        parties = with_partner(ctx, countries_in(referred))
    lender = _bank_country(text, parties) if indicator in ("loan", "aid") else None
    if lender is not None and lender not in parties:
        parties = [*parties, lender]
    figure = _figure(ctx, sent, clause, indicator, parties, date, m, None, "trade.amount", sent.start_char + m.start,
                     subject)
    row = figure.fact.row
    row["status"] = status
    fiscal = _FISCAL.match(text[m.end: m.end + 25])
    if fiscal:
        start = int(fiscal.group(1))
        end = start // 100 * 100 + int(fiscal.group(2))
        row["year"] = end if end == start + 1 else row["year"]
    if row["year"] is None and ctx.article.published_date is None:
        vs = _LAST_YEAR_VS.search(text)
        if vs:
            row["year"] = int(vs.group(1)) + 1
            row["inferred_fields"] = sorted(set(row["inferred_fields"]) | {"year"})
    if indicator in _OWN_DIRECTION and len(parties) >= 2:
        flow_from, flow_to = _OWN_DIRECTION[indicator](clause if subject is None and places_in(clause) else sent,
                                                       parties)
        if flow_from:
            row["flow_from"], row["flow_to"] = flow_from, flow_to
            row["reporter"], row["partner"] = flow_from, flow_to
    return figure


_CARRY_WINDOW = 800  # characters: the figures of one paragraph or two
_NO_SINGLE_YEAR = re.compile(r"\b(?:since|over the (?:past|last)|so far|to date|in total|cumulative\w*)\b", re.IGNORECASE)
_DIRECTION = ("flow_from", "flow_to", "reporter", "partner")


def _carry_context(figures: list[_Figure]) -> list[Fact[TradeRow]]:
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


_QUALIFIERS = (("more than", re.compile(r"\b(?:more than|over|above|exceed\w*|in excess of|upwards of|at least|surpass\w*)"
                                        r"\s+(?:the\s+)?$", re.IGNORECASE)),
               ("less than", re.compile(r"\b(?:less than|under|below|up to|at most|fewer than)\s+$", re.IGNORECASE)),
               ("about", re.compile(r"\b(?:about|around|nearly|almost|approximately|roughly|some|close to|an estimated|"
                                    r"estimated at|circa|approx\.?)\s+$", re.IGNORECASE)))


def _qualifier(before: str) -> str | None:
    """How the words right before an amount bound it ("more than $5 billion", "nearly $2 million")."""
    label = next((label for label, rx in _QUALIFIERS if rx.search(before)), None)
    return None if label == "less than" and _RISE_UP_TO.search(before) else label


# "increased by 2.7 times up to $117 million": "up to" after a change says where it got to, not a bound.
_RISE_UP_TO = re.compile(r"\b(?:increas|ris|rose|grew|grow|jump|climb|surg|soar|went|gone|reach|doubl|tripl)\w*\b"
                         r"(?:[^.;]|\.(?=\d)){0,40}\bup to\s+$", re.IGNORECASE)


def _usd(money: Money | None) -> float | None:
    """The amount in US dollars as the text gives it: the amount itself, or its bracketed equivalent."""
    if money is None:
        return None
    if money.currency == "USD":
        return money.value
    eq = money.equivalent
    return eq.value if eq is not None and eq.currency == "USD" else None


def _figure(ctx: ArticleContext, sent: Span, clause: Span, indicator: str, parties: list[str],
            date: DateMention | None, money: Money | None, commodity: list[str] | None, extractor: str, anchor: int,
            subject: str | None = None) -> _Figure:
    """A figure's row: its direction read in its clause, its countries, value and date."""
    s, e = evidence_span(sent)
    base: Spanned = {"char_start": s, "char_end": e, "evidence": ctx.article.text[s:e]}
    flow_from, flow_to = _flow(clause, indicator, parties, subject)
    stated = bool(places_in(clause)) or subject is not None
    reporter = flow_from if indicator in ONE_WAY and flow_from else (parties[0] if parties else None)
    partner = flow_to if indicator in ONE_WAY and flow_from and flow_to else \
        next((c for c in parties if c != reporter), None)
    if indicator == "imports" and flow_to:
        reporter, partner = flow_to, flow_from
    year = date.date_end.year if date is not None and date.date_end is not None and date.date_start is not None \
        else None  # "since independence" / "has allocated": no single year
    if date is not None and date.date_start is not None and date.precision == "decade":
        year = None
    named = countries_in(clause)
    row: TradeRow = {
        **base, "indicator": indicator, "reporter": reporter, "partner": partner, "flow_from": flow_from,
        "flow_to": flow_to, "year": year, "value": money.value if money else None,
        "currency": money.currency if money else None, "commodity": commodity,
        "value_text": money.text if money else None,
        "value_qualifier": _qualifier(ctx.article.text[max(sent.start_char, anchor - 40): anchor]) if money else None,
        "value_usd": _usd(money),
        "status": "actual",
        **date_fields(date), "extractor": extractor,
        "inferred_fields": [c for c, v in (("reporter", reporter), ("partner", partner), ("flow_from", flow_from),
                                           ("flow_to", flow_to)) if v and v not in named]  # filled from the pair
        + date_inferred(date, (s, e))}
    return _Figure(Fact(row, anchor), stated)
