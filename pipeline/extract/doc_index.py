"""The shared document index: a spaCy doc's sentences, entities, token lookups and place mentions,
each computed once per doc and cached on it. Used by the article context and by the people index."""
from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from pipeline.nlp import places
from pipeline.nlp.rules import cue_regex

PLACE_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL"}
NER_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LEADING_THE = cue_regex("common", "leading_the")  # "the Gambia" -> "Gambia", as written


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, computed once (spaCy's doc.sents and token.sent rescan the doc each time)."""
    cached = doc.user_data.get("_sentences")
    if cached is None:
        cached = list(doc.sents)
        index = [0] * len(doc)
        for k, sent in enumerate(cached):
            for i in range(sent.start, sent.end):
                index[i] = k
        doc.user_data["_sentences"] = cached
        doc.user_data["_sentence_of"] = index
    return cached


# test -> (hashes seen, hashes that passed): a string's hash and its verdict never change, so each
# distinct word is tested once per process. Cleared when large, to keep long runs' memory flat.
_VERDICTS: dict[Callable[[str], bool], tuple[set[int], set[int]]] = {}
_MAX_VERDICTS = 200_000


def token_positions(doc: Doc, attr: str, test: Callable[[str], bool]) -> list[int]:
    """Indices of the doc's tokens whose `attr` ("LEMMA", "LOWER", "ORTH") passes `test`. Found from one
    array per doc and one test per distinct word, instead of visiting every token each time."""
    key: Any = ("_positions", attr, test)  # spaCy types user_data keys as str; it uses tuples itself
    cached = doc.user_data.get(key)
    if cached is None:
        values = doc.to_array(attr)
        seen, passed = _VERDICTS.setdefault(test, (set(), set()))
        if len(seen) > _MAX_VERDICTS:
            seen.clear()
            passed.clear()
        strings = doc.vocab.strings
        hits = []
        for h in np.unique(values).tolist():
            if h not in seen:
                seen.add(h)
                if test(strings[h]):
                    passed.add(h)
            if h in passed:
                hits.append(h)
        cached = doc.user_data[key] = np.flatnonzero(np.isin(values, hits)).tolist() if hits else []
    return cached


def tokens_at(span: Span, positions: list[int]) -> list[Token]:
    """The tokens of `span` at `positions` (sorted doc indices), in order."""
    lo = bisect.bisect_left(positions, span.start)
    hi = bisect.bisect_left(positions, span.end, lo)
    doc = span.doc
    return [doc[i] for i in positions[lo:hi]]


def entities(span: Span | Doc) -> list[Span]:
    """The entities inside a span (or doc), from a list made once per doc: spaCy's `.ents` rebuilds it
    from every token on each call."""
    doc = span if isinstance(span, Doc) else span.doc
    cached = doc.user_data.get("_entities")
    if cached is None:
        cached = list(doc.ents)
        doc.user_data["_entities"] = cached
        doc.user_data["_entity_starts"] = [e.start for e in cached]
    if isinstance(span, Doc):
        return cached
    starts = doc.user_data["_entity_starts"]
    lo = bisect.bisect_left(starts, span.start)
    out = []
    for ent in cached[lo:]:
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


def sent_of(tok: Token) -> Span:
    """The sentence a token is in."""
    sents = sentences(tok.doc)
    return sents[tok.doc.user_data["_sentence_of"][tok.i]]


@dataclass
class Place:
    """A place mention: the ISO3 it resolves to, its kind and where it is."""

    iso3: str
    kind: str  # country | demonym | capital | city
    text: str
    start: int
    end: int
    token: Token
    antecedent: Token | None = None  # for "the city": the earlier mention it refers to


def place_of_entity(ent: Span) -> Place | None:
    if ent.label_ in PLACE_LABELS and ent.ent_id_:
        kind = {"COUNTRY": "country", "DEMONYM": "demonym", "CAPITAL": "city"}[ent.label_]
        return Place(ent.ent_id_, kind, ent.text, ent.start_char, ent.end_char, ent.root)
    if ent.label_ in NER_PLACE_LABELS:
        text = _LEADING_THE.sub("", ent.text)
        if places.is_ambiguous(text):
            return None  # "Georgia" left as GPE by the ambiguous_places component: not the country here
        iso3 = places.resolve(text)
        if iso3:
            return Place(iso3, "country", ent.text, ent.start_char, ent.end_char, ent.root)
        iso3 = places.city_country(text)
        if iso3:
            return Place(iso3, "city", ent.text, ent.start_char, ent.end_char, ent.root)
    return None


def places_in(span: Span) -> list[Place]:
    """Place mentions inside a span, in text order (resolved once per entity and doc)."""
    doc = span.doc
    resolved = doc.user_data.get("_places")
    if resolved is None:
        resolved = doc.user_data["_places"] = {}
    out = []
    for ent in entities(span):
        key = (ent.start, ent.end)
        if key not in resolved:
            resolved[key] = place_of_entity(ent)
        if resolved[key] is not None:
            out.append(resolved[key])
    return out


def countries_in(span: Span) -> list[str]:
    """Distinct ISO3 codes mentioned in a span, in order of first mention."""
    return list(dict.fromkeys(p.iso3 for p in places_in(span)))
