"""Loud unknowns: trigger sentences that gave no row, place names and currency words nobody understood."""
from __future__ import annotations

import bisect
import calendar
import functools
from collections.abc import Iterable

from spacy.tokens import Span, Token

from pipeline.nlp import places, titles
from pipeline.extract.document_types import DOC_TYPES
from pipeline.nlp.rules import lexicon
from pipeline.extract.context import ArticleContext, dates_in, evidence_span
from pipeline.extract.doc_index import entities, place_of_entity, sentences, token_positions, tokens_at

# Parts of speech a trigger word must have, as the extractors require: motion verbs only as verbs ("head"
# is mostly "head of state"; "visit" counts as a noun too), instruments only as nouns ("According").
_POS = {"visits": lambda word, pos: pos == "VERB" or word == "visit",
        "documents": lambda word, pos: pos in ("NOUN", "PROPN")}
_PLACE_NER = ("GPE", "LOC")
_PLACE_PREPOSITIONS = ("to", "in")
# Entity labels of a capitalised word that is not a place name.
_NOT_PLACES = frozenset({"PERSON", "ORG", "NORP", "DATE", "TIME", "IGO", "EVENT", "WORK_OF_ART", "LAW",
                         "PRODUCT", "LANGUAGE", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL",
                         "COUNTRY", "DEMONYM", "CAPITAL", "GPE", "LOC"})  # GPE/LOC: judged as entities
_CALENDAR = frozenset(w.lower() for w in (*calendar.month_name, *calendar.day_name) if w)


@functools.cache
def trigger_words(table: str) -> frozenset[str]:
    """The lower-case words (lemmas, or forms as written) that announce a row of `table`."""
    if table == "visits":
        return lexicon("visits", "motion_verbs") | lexicon("visits", "visit_nouns")
    if table == "documents":
        return frozenset(DOC_TYPES)
    if table == "trade":
        return lexicon("trade", "indicator_words")
    if table == "events":
        return lexicon("events", "event_words")
    raise ValueError(f"no trigger words for table {table!r}")


TRIGGER_TABLES = ("visits", "documents", "trade", "events")


@functools.lru_cache(maxsize=1)
def _triggers() -> dict[str, tuple[str, ...]]:
    """Trigger word -> the tables it announces."""
    out: dict[str, list[str]] = {}
    for table in TRIGGER_TABLES:
        for word in trigger_words(table):
            out.setdefault(word, []).append(table)
    return {w: tuple(ts) for w, ts in out.items()}


def _is_trigger(word: str) -> bool:
    return word.lower() in _triggers()


def _diagnostic(sent: Span, text: str, kind: str, detail: str, anchor: int) -> dict:
    s, e = evidence_span(sent)
    return {"char_start": s, "char_end": e, "evidence": text[s:e], "kind": kind, "detail": detail, "_anchor": anchor}


class _Sentences:
    """The doc's non-blank sentences, found by character offset."""

    def __init__(self, ctx: ArticleContext):
        self.all = [s for s in sentences(ctx.doc) if ctx.article.text[s.start_char:s.end_char].strip()]
        self.starts = [s.start_char for s in self.all]

    def index_at(self, char: int) -> int | None:
        k = bisect.bisect_right(self.starts, char) - 1
        return k if k >= 0 and char < self.all[k].end_char else None

    def covered(self, rows: Iterable[dict]) -> set[int]:
        """Indices of the sentences some row's evidence lies in."""
        out: set[int] = set()
        for r in rows:
            lo, hi = self.index_at(r["char_start"]), self.index_at(max(r["char_start"], r["char_end"] - 1))
            if lo is not None:
                out.update(range(lo, (hi if hi is not None else lo) + 1))
        return out


def build_diagnostics(ctx: ArticleContext, rows_by_table: dict[str, list[dict]],
                      without_rate: Iterable[tuple[dict, str]] = ()) -> list[dict]:
    """Diagnostic rows of one article (without ids), from its doc and the rows the extractors gave, and the
    trade rows that got no exchange rate beside the reason."""
    sents = _Sentences(ctx)
    return [*triggers_without_rows(ctx, rows_by_table, sents), *unresolved_places(ctx, sents),
            *unknown_currencies(ctx, list(ctx.unknown_currencies), sents), *no_fx_rates(without_rate)]


def no_fx_rates(without_rate: Iterable[tuple[dict, str]]) -> list[dict]:
    """One row per trade figure in another currency than the dollar that got no reference rate, at its
    evidence; the detail is the reason ("KES: no reference rate")."""
    return [{"char_start": row["char_start"], "char_end": row["char_end"], "evidence": row["evidence"],
             "kind": "no_fx_rate", "detail": reason[:200], "_anchor": row["char_start"]}
            for row, reason in without_rate]


def triggers_without_rows(ctx: ArticleContext, rows_by_table: dict[str, list[dict]],
                          sents: _Sentences | None = None) -> list[dict]:
    """One row per sentence and table: the sentence has a trigger word of the table but gave no row of
    it. Events are the dated timeline, so only dated sentences count for them."""
    sents = sents or _Sentences(ctx)
    doc, text = ctx.doc, ctx.article.text
    covered = {t: sents.covered(rows_by_table.get(t, ())) for t in TRIGGER_TABLES}
    first: dict[tuple[int, str], tuple[Token, str]] = {}  # (sentence, table) -> its first trigger
    positions = sorted(set(token_positions(doc, "LEMMA", _is_trigger)) | set(token_positions(doc, "LOWER", _is_trigger)))
    table_of = _triggers()
    for i in positions:
        tok = doc[i]
        lemma = tok.lemma_.lower()
        word = lemma if lemma in table_of else tok.lower_
        k = sents.index_at(tok.idx)
        if k is None:
            continue
        for table in table_of[word]:
            if k in covered[table] or (k, table) in first:
                continue
            if table in _POS and not _POS[table](word, tok.pos_):
                continue
            sent = sents.all[k]
            if table == "events" and not dates_in(ctx, sent.start_char, sent.end_char):
                continue
            first[(k, table)] = (tok, word)
    return [_diagnostic(sents.all[k], text, "trigger_without_row", f"{table}: {word}", tok.idx)
            for (k, table), (tok, word) in sorted(first.items(),
                                                  key=lambda kv: (kv[0][0], TRIGGER_TABLES.index(kv[0][1])))]


def unresolved_places(ctx: ArticleContext, sents: _Sentences | None = None) -> list[dict]:
    """Place names the gazetteer cannot place: NER GPE/LOC entities, and capitalised words after
    "to"/"in" in a sentence with a visit trigger. One row per name and article, at its first mention."""
    sents = sents or _Sentences(ctx)
    doc, text = ctx.doc, ctx.article.text
    found: dict[str, tuple[int, int]] = {}  # name -> (sentence index, char offset)
    for ent in entities(doc):
        if ent.label_ in _PLACE_NER and place_of_entity(ent) is None:
            k = sents.index_at(ent.start_char)
            name = text[ent.start_char:ent.end_char].removeprefix("the ").strip()
            if k is not None and name and name not in found:
                found[name] = (k, ent.start_char)
    visit_words = trigger_words("visits")
    visit_sents = {k for i in token_positions(doc, "LEMMA", _is_trigger)
                   if doc[i].lemma_.lower() in visit_words and (k := sents.index_at(doc[i].idx)) is not None}
    prepositions = token_positions(doc, "LOWER", _is_place_preposition)
    for k in sorted(visit_sents):
        for prep in tokens_at(sents.all[k], prepositions):
            after = _capitalised_after(doc, prep.i, sents.all[k].end)
            if after is not None and after.text not in found and not _resolves(after.text):
                found[after.text] = (k, after.start_char)
    return [_diagnostic(sents.all[k], text, "unresolved_place", name, at)
            for name, (k, at) in sorted(found.items(), key=lambda kv: (kv[1][1], kv[0]))]


def _is_place_preposition(word: str) -> bool:
    return word in _PLACE_PREPOSITIONS


def _capitalised_after(doc, i: int, end: int) -> Span | None:
    """The run of capitalised words right after token i ("to Port Vila"), unless it is a title before a
    name ("to President X"), a month or weekday, or an entity of another kind."""
    j = i + 1
    while j < end and doc[j].text[:1].isupper() and doc[j].ent_type_ not in _NOT_PLACES and doc[j].is_alpha:
        j += 1
    if j == i + 1 or doc[i + 1].lower_ in titles.TITLE_WORDS or doc[i + 1].lower_ in _CALENDAR:
        return None
    if j < end and doc[j].ent_type_ == "PERSON":
        return None  # "to Envoy X": a title the list does not know, before a name
    return doc[i + 1: j]


def _resolves(name: str) -> bool:
    bare = name.removeprefix("the ")
    return places.resolve(bare) is not None or places.city_country(bare) is not None


def unknown_currencies(ctx: ArticleContext, words: list[tuple[int, int, str]],
                       sents: _Sentences | None = None) -> list[dict]:
    """A row per amount whose currency word is not understood; `words` are (start, end, word) in the
    article's text."""
    sents = sents or _Sentences(ctx)
    out = []
    for start, _end, word in sorted(words):
        k = sents.index_at(start)
        if k is not None:
            out.append(_diagnostic(sents.all[k], ctx.article.text, "unknown_currency", word, start))
    return out
