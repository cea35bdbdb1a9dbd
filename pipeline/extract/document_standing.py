"""Instruments named without a signing verb: in force, named by place and year, or the page itself."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from pipeline.extract.context import (ArticleContext, date_fields, date_inferred, dates_in, evidence_span,
                                      fill_parties, group_countries, text_of)
from pipeline.extract.doc_index import countries_in, places_in, sentences
from pipeline.extract.document_actions import action_of, clause_status
from pipeline.extract.document_found import Found, Visit
from pipeline.extract.document_rows import rows_for
from pipeline.extract.document_types import DOC_TYPES, is_year
from pipeline.extract.rows import DocumentRow
from pipeline.nlp.rules import cue_regex, first_cue, lexicon
from pipeline.nlp.temporal import DateMention

_STANDING_TYPES = {"treaty", "agreement", "protocol", "memorandum", "declaration"}
_NAME_COMPLEMENTS = lexicon("documents", "name_complements")
# Names followed by the years in brackets, before a plural instrument word: "Lima (2015 and 2019) and Quito (2017) ".
_BRACKETED_RUN = re.compile(r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*\s*\([^()]{4,40}\)\s*(?:,\s*(?:and\s+)?|and\s+)?)+$")
_BRACKETED_ITEM = re.compile(r"(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s*\((?P<years>[^()]{4,40})\)")
_DETERMINER = cue_regex("documents", "bracketed_determiners")  # "The", "These", "Both"
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_BRACKETED_WINDOW = 300  # characters before the instrument word: bounds the search on a long sentence


def _named_in_full(tok: Token) -> bool:
    """Capitalised with a capitalised modifier ("the Andean Border Treaty") or complement ("the Treaty on
    Friendship")."""
    doc = tok.doc
    left = [t for t in doc[tok.left_edge.i: tok.i] if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN")
            and t.dep_ != "det"]
    comp = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in _NAME_COMPLEMENTS]
    named_right = any(any(t.text[:1].isupper() for t in c.subtree) for c in comp)
    return bool(left) or named_right


def standing_instrument(ctx: ArticleContext, sent: Span, tok: Token) -> bool:
    """An instrument named without a signing verb, as the subject or object of another clause ("the
    Treaty on Friendship is the basis of relations", "welcomed the entry into force of the Agreement on
    Customs Assistance", "along with the Andean-Pacific Border Treaty"): a document in force. Kept when
    it is named (capitalised, with a capitalised modifier or complement) and bilateral: its name gives the
    article's two states or its own year, or the clause says it is in force (the cue list `in_force`)."""
    if DOC_TYPES.get(tok.lemma_.lower()) not in _STANDING_TYPES and DOC_TYPES.get(tok.lower_) not in _STANDING_TYPES:
        return False
    if not tok.text[:1].isupper() or tok.tag_ not in ("NNP", "NN") or tok.dep_ == "compound" or len(ctx.pair) < 2:
        return False
    if not _named_in_full(tok):
        return False
    doc = tok.doc
    span = doc[tok.left_edge.i: tok.right_edge.i + 1]
    states = countries_in(span)
    if not set(states) <= set(ctx.pair) and states:
        return False
    own_year = any(is_year(t) for t in doc[tok.left_edge.i: tok.i])
    return len(states) == 2 or own_year or first_cue("documents", "in_force", text_of(sent)) is not None


def bracketed_years(ctx: ArticleContext, sent: Span, tok: Token, dtype: str,
                    visits: Sequence[Visit]) -> list[Found] | None:
    """"the Lima (2015 and 2019) and Quito (2017) declarations": one instrument per place and year ("Lima
    Declaration" of 2015, of 2019, "Quito Declaration" of 2017), dated by its year; None when the plural
    instrument word has no such names before it."""
    if tok.tag_ not in ("NNS", "NNPS") or tok.i == 0 or tok.doc[tok.i - 1].text != ")":
        return None
    text = ctx.article.text
    run = _BRACKETED_RUN.search(text, max(sent.start_char, tok.idx - _BRACKETED_WINDOW), tok.idx)
    if run is None:
        return None
    items = [(m.group("name"), y) for m in _BRACKETED_ITEM.finditer(text, run.start(), run.end())
             for y in _YEAR.finditer(text, m.start("years"), m.end("years"))]
    if not items:
        return None
    act = action_of(tok)
    action, verb = act if act is not None else ("signed", tok)
    if act is not None and clause_status(verb) is None:
        return None
    base = rows_for(ctx, sent, tok, dtype, action, verb, visits, own_date_only=True)
    if not base:
        return None
    # the places that name the instruments ("Quito") are no parties: the states of the rest of the sentence
    found = [p.iso3 for p in places_in(sent) if not run.start() <= p.token.idx < run.end()]
    parties, filled = fill_parties(ctx, list(dict.fromkeys(found + group_countries(ctx, text_of(sent)))))
    inferred = [c for c in base[0].row["inferred_fields"] if c != "parties"] + ["parties"] * filled
    noun = tok.lemma_.lower()
    noun = noun[:1].upper() + noun[1:]
    out = []
    for name, year in items:
        name = _DETERMINER.sub("", name)
        stated = [d for d in dates_in(ctx, year.start(), year.end()) if d.precision == "year"]
        y = int(year.group())
        date = stated[0] if stated else DateMention(year.start(), year.end(), year.group(), dt.date(y, 1, 1),
                                                    dt.date(y, 12, 31), "year", "explicit")
        row = base[0].with_columns(title=f"{name} {noun}", doc_type=dtype, status="occurred", **date_fields(date),
                                   parties=sorted(set(parties)), inferred_fields=inferred,
                                   extractor=f"documents.{action}" if act is not None else "documents.named")
        out.append(dataclasses.replace(row, anchor=year.start(), is_set=False))
    return out


def page_statement(ctx: ArticleContext, rows: list[DocumentRow]) -> list[Found]:
    """A page that is itself a joint statement ("Joint Statement of the Presidents of Ghana and Togo" as
    its headline, the statement as its text; the cue list `statement_page`): one row titled by the headline,
    dated by the first day its text gives (else the publication day), with the text's first sentence as
    evidence."""
    title = ctx.article.title or ""
    if first_cue("documents", "statement_page", title) is None or len(ctx.pair) < 2 or any(
            r["doc_type"] in ("joint_statement", "declaration") for r in rows):
        return []
    first = next((x for x in sentences(ctx.doc) if text_of(x).strip()), None)
    if first is None:
        return []
    s, e = evidence_span(first)
    para_end = ctx.article.text.find("\n", e)
    day = next((d for d in dates_in(ctx, s, para_end if para_end != -1 else len(ctx.article.text))
                if d.precision == "day" and d.date_start is not None), None)
    if day is None and ctx.article.published_date is not None:
        published = ctx.article.published_date
        day = DateMention(-1, -1, "", published, published, "day", "inferred")
    low = title.lower()
    dtype = "declaration" if any(w in low for w in lexicon("documents", "type_declaration")) else "joint_statement"
    row: DocumentRow = {
        "char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "title": title.strip(), "doc_type": dtype,
        "action": "released", "parties": sorted(ctx.pair), "issuer": None, "place": None, "status": "occurred",
        **date_fields(day), "extractor": "documents.page", "inferred_fields": ["parties"] + date_inferred(day, (s, e))}
    return [Found(row, s)]
