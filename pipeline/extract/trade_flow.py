"""The direction of a one-way money flow in its clause: which state gives (exports, lends, sends) and which
receives. Each side is read by named strategies tried in order; the pair fills a side the clause leaves unsaid."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from pipeline.extract import slots
from pipeline.extract.context import doc_text, text_of
from pipeline.extract.doc_index import Place, places_in
from pipeline.nlp import places as gazetteer
from pipeline.nlp.rules import cue_regex

ONE_WAY = {"exports", "imports", "aid", "grant", "investment", "loan", "remittances", "tourism_receipts"}
Flow = tuple[str | None, str | None]  # (flow_from, flow_to)

_MARKET_FOR = cue_regex("trade", "export_market", any_case=True)
_FLOW_WORD = cue_regex("trade", "flow_word", any_case=True)
_LENT = frozenset({"loan", "aid"})  # flows whose giver may be named after "with", or be an export-import bank
_MARKET_REACH = 50  # characters before a country in which "export market for" is read


def flow(sent: Span, indicator: str, parties: list[str], subject: str | None = None) -> Flow:
    """Direction of a one-way flow in its clause: the country after to/into/for receives, the one after
    from gives; else the country named before the flow word ("Chile exported", "Peruvian exports",
    "the exports of the country" = `subject`) gives, for imports receives; a loan is given by the
    partner named after with/from."""
    if indicator not in ONE_WAY or len(parties) < 2:
        return None, None
    market = _export_market(sent, parties) if indicator == "exports" else None
    if market is not None:
        return market
    clause = _Clause(sent, indicator, parties, places_in(sent), _flow_word_at(sent))
    src = _first(_GIVERS, clause, None)
    dest = _first(_RECEIVERS, clause, src)
    before = subject or _named_before(clause, src, dest)
    if indicator == "imports":
        return _imported(src, dest, before, parties)
    return _given(src, dest, before, parties)


@dataclass(frozen=True)
class _Clause:
    """A flow's clause as the strategies read it: its indicator, the pair, the places it names, and where its
    flow word starts (its end when it has none)."""

    sent: Span
    indicator: str
    parties: list[str]
    found: list[Place]
    cut: int


def _other(parties: list[str], side: str | None) -> str | None:
    """The state of the pair that is not `side`."""
    return next((c for c in parties if c != side), None)


def _export_market(sent: Span, parties: list[str]) -> Flow | None:
    """"the largest export market for Chile": Chile exports to the other of the pair (no direction when the
    pair has no other); None when the clause calls no country an export market."""
    text = doc_text(sent.doc)
    market = next((p.iso3 for p in places_in(sent)
                   if _MARKET_FOR.search(text[max(sent.start_char, p.start - _MARKET_REACH): p.start])), None)
    if market is None:
        return None
    dest = _other(parties, market)
    return (market, dest) if dest else (None, None)


def _flow_word_at(sent: Span) -> int:
    word = _FLOW_WORD.search(text_of(sent))
    return sent.start_char + word.start() if word else sent.end_char


_Side = Callable[[_Clause, "str | None"], "str | None"]  # a strategy: the clause, the other side if known


def _first(strategies: tuple[_Side, ...], clause: _Clause, known: str | None) -> str | None:
    """The side the first strategy that finds one gives."""
    return next((side for side in (s(clause, known) for s in strategies) if side is not None), None)


def _after_from(c: _Clause, _: str | None) -> str | None:
    """"a loan from Peru": the country after from gives."""
    return next((p.iso3 for p in slots.places_after(c.sent, ("from",))), None)


def _lender_with(c: _Clause, _: str | None) -> str | None:
    """"signed a loan agreement with Peru": the partner of a loan or aid gives it."""
    return next((p.iso3 for p in slots.places_after(c.sent, ("with",))), None) if c.indicator in _LENT else None


def _lending_bank(c: _Clause, _: str | None) -> str | None:
    """"the Export-Import Bank of Korea provided": the bank's state gives a loan or aid."""
    return bank_country(text_of(c.sent), c.parties) if c.indicator in _LENT else None


def _after_to(c: _Clause, _: str | None) -> str | None:
    """"exports to Peru", "aid for Malawi": the country or city after to/into/for receives."""
    return next((p.iso3 for p in slots.places_after(c.sent, ("to", "into", "for")) if p.kind in ("country", "city")),
                None)


def _indirect_object(c: _Clause, _: str | None) -> str | None:
    """"Norway awarded Chile a grant": the indirect object receives (never for imports)."""
    if c.indicator == "imports":
        return None
    return next((p.iso3 for p in c.found if p.token.dep_ == "dative"), None)


def _invested_in(c: _Clause, src: str | None) -> str | None:
    """"bought a stake in the Chilean mine": an investment goes to the country after in, past the flow word,
    else to a country after in before it ("interests in Chile, having invested")."""
    if c.indicator != "investment":
        return None
    within = [p for p in slots.places_after(c.sent, ("in",)) if p.iso3 != src and p.token.i > c.sent.start + 1]
    return next((p.iso3 for p in within if p.start >= c.cut), None) or \
        next((p.iso3 for p in within if p.kind == "country"), None)


_GIVERS: tuple[_Side, ...] = (_after_from, _lender_with, _lending_bank)
_RECEIVERS: tuple[_Side, ...] = (_after_to, _indirect_object, _invested_in)


def _named_before(c: _Clause, src: str | None, dest: str | None) -> str | None:
    """The last country named before the flow word that is neither side already read ("Chile exported")."""
    return next((p.iso3 for p in reversed(c.found) if p.end <= c.cut and p.iso3 not in (src, dest)), None)


def _imported(src: str | None, dest: str | None, before: str | None, parties: list[str]) -> Flow:
    """"A imports from B", "imports of A from B": from B to A; the pair fills the side left unsaid."""
    importer = dest if dest and dest != src else before
    if src is None and importer is not None:
        src = _other(parties, importer)
    if importer is None and src is not None:
        importer = _other(parties, src)
    return (src, importer) if src and importer else (None, None)


def _given(src: str | None, dest: str | None, before: str | None, parties: list[str]) -> Flow:
    """A flow the country named before its word gives, unless a from-phrase named the giver; the pair fills
    the side left unsaid, and gives both, in its order, when the clause names neither."""
    if src is None:
        src = before if before and before != dest else None
    if dest is None and src is not None:
        dest = _other(parties, src)
    if src is None and dest is not None:
        src = _other(parties, dest)
    if src is None and dest is None:
        src, dest = parties[0], parties[1]
    return src, dest


_BANK = cue_regex("trade", "exim_bank")


def bank_country(text: str, parties: list[str]) -> str | None:
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
_WORKERS_IN = cue_regex("trade", "workers_in", any_case=True)
# The characters next to a state's name read for the words of workers or visitors ("working in", "tourists").
NEAR_PLACE_CHARS = 30


def _remittance_flow(sent: Span, parties: list[str]) -> Flow:
    """Remittances go from the state the workers are in to the other one (their home)."""
    text = doc_text(sent.doc)
    host = next((p.iso3 for p in places_in(sent) if p.kind == "country"
                 and _WORKERS_IN.search(text[max(sent.start_char, p.start - NEAR_PLACE_CHARS): p.start])), None)
    home = _other(parties, host) if host else None
    return (host, home) if host and home else (None, None)


# Visitors' home state: "Norwegian tourists", "visitors from Norway".
_VISITORS_AFTER = cue_regex("trade", "visitors_after", any_case=True)
_VISITORS_FROM = cue_regex("trade", "visitors_from", any_case=True)


def _tourism_flow(sent: Span, parties: list[str]) -> Flow:
    """Tourists' spending goes from their home state to the state they visit."""
    text = doc_text(sent.doc)
    home = next((p.iso3 for p in places_in(sent) if _VISITORS_AFTER.match(text[p.end: p.end + NEAR_PLACE_CHARS])
                 or _VISITORS_FROM.search(text[max(sent.start_char, p.start - NEAR_PLACE_CHARS): p.start])), None)
    host = _other(parties, home) if home else None
    return (home, host) if home and host else (None, None)


OWN_DIRECTION: dict[str, Callable[[Span, list[str]], Flow]] = {"remittances": _remittance_flow,
                                                                "tourism_receipts": _tourism_flow}
