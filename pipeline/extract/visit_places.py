"""Where a visit went, beyond the clause's destination: the host a hosting verb's subject names, "our country"
on a state's own page, a city of the sentence, a report's dateline."""
from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Span, Token

from pipeline.nlp import places, titles
from pipeline.extract import slots
from pipeline.extract.context import ArticleContext, text_of
from pipeline.extract.doc_index import Place, places_in, sent_of
from pipeline.extract.publisher_country import publisher_country
from pipeline.nlp.rules import cue_regex, lexicon

_HOST_VERBS = lexicon("visits", "host_verbs")
_OURS = lexicon("visits", "our_country_nouns")
_DATELINE = cue_regex("visits", "dateline")
_LEAD_CHARS = 600  # characters at the top of a report: where its dateline and lead stand


def hosting_place(verb: Token, noun: Token | None) -> Place | None:
    """"Peru received visits by X": the host the subject of a hosting verb names."""
    if noun is not None and noun.dep_ == "dobj" and verb.lemma_ in _HOST_VERBS:
        for child in verb.children:
            if child.dep_ == "nsubj" and (p := slots.place_at(child)):
                return p
    return None


def _destination_words(head: Token) -> list[Token]:
    """The words a visit verb or noun names its destination with: the object of "visit", after to/in."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "dobj" and head.lemma_ == "visit" and head.pos_ == "VERB":
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("to", "in"):
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _is_ours(tok: Token) -> bool:
    """"our country", "our nation", not inside a quotation (which is someone else speaking)."""
    return tok.lemma_ in _OURS and any(c.lower_ == "our" for c in tok.children) and not _quoted(tok)


def our_country(ctx: ArticleContext, verb: Token, noun: Token | None) -> Place | None:
    """"X visited our country", "X's visit to our nation" on a page its state publishes: the publisher's
    country, when its outlet, domain or title tell it without doubt (never inside a quotation, which is
    someone else speaking)."""
    for head in (t for t in (noun, verb) if t is not None):
        for tok in _destination_words(head):
            if _is_ours(tok):
                a = ctx.article
                iso3 = publisher_country(a.outlet, a.url, a.title)
                return Place(iso3, "country", tok.text, tok.idx, tok.idx + len(tok.text), tok) if iso3 else None
    return None


def our_office(ctx: ArticleContext, tok: Token) -> str | None:
    """"our President", "our Minister of Foreign Affairs" on a page a state publishes: the publisher's
    country, when its outlet, domain or title tell it (never inside a quotation, someone else speaking)."""
    if not any(c.lower_ == "our" and c.dep_ == "poss" for c in tok.children) or _quoted(tok):
        return None
    words = [t.text for t in tok.subtree if t.lower_ != "our" and t.i >= tok.left_edge.i]
    if titles.role_of(" ".join(words)) == "other":
        return None
    a = ctx.article
    return publisher_country(a.outlet, a.url, a.title)


def _quoted(tok: Token) -> bool:
    """Whether a token stands inside quotation marks opened earlier in its sentence."""
    before = text_of(sent_of(tok))[: tok.idx - sent_of(tok).start_char]
    return (before.count('"') + before.count("\u201c") - before.count("\u201d")) % 2 == 1


def host_city(sent: Span, host: str, subj: Token) -> str | None:
    """A city of the host country the sentence names outside the visitor's phrase."""
    subj_range = range(subj.left_edge.i, subj.right_edge.i + 1)
    for p in places_in(sent):
        if p.kind == "city" and p.iso3 == host and p.token.i not in subj_range:
            return p.text
    return None


def _dateline_city(ctx: ArticleContext, m: re.Match[str]) -> Place | None:
    """The place a dateline line names: a place the gazetteer finds in it, else its first part as a city."""
    span = ctx.doc.char_span(m.start("place"), m.end("place"), alignment_mode="expand")
    if span is None:
        return None
    found = [p for p in places_in(span) if p.kind == "city"] or places_in(span)
    if found:  # "LIMA:" -> Lima
        return dataclasses.replace(found[0], text=found[0].text.title()) if found[0].text.isupper() else found[0]
    city = m.group("place").split(",")[0].strip()
    city = city.title() if city.isupper() else city
    iso3 = places.city_country(city)
    return Place(iso3, "city", city, span.start_char, span.end_char, span[0]) if iso3 else None


def dateline_place(ctx: ArticleContext, verb: Token) -> Place | None:
    """The place of a report's dateline ("Lima, Peru" on a line of its own, "LIMA: ...", "Lima -- ...", or
    a "Lima, Peru" line the header read above the text), for a meeting its lead states without a place."""
    if verb.idx > _LEAD_CHARS:
        return None
    text = ctx.article.text
    line_end = text.find("\n", verb.idx)  # up to the end of the verb's line, so that "$" is a real line end
    for m in _DATELINE.finditer(text[: line_end if line_end >= 0 else len(text)]):
        if m.start("place") >= verb.idx:
            break
        found = _dateline_city(ctx, m)
        if found is not None:
            return found
    city = ctx.article.dateline  # a dateline the header read above the text
    iso3 = places.city_country(city) if city else None
    return Place(iso3, "city", city, 0, 0, ctx.doc[0]) if iso3 and city else None
