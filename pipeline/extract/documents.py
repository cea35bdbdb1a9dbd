"""Documents: treaties, agreements, memoranda, declarations, resolutions signed or adopted."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.extract.context import (ArticleContext, city_after_preposition, countries_in, date_fields,
                                      dates_in, evidence_span, group_countries, nearest_date, places_in,
                                      status_of, with_partner)

DOC_TYPES = {
    "treaty": "treaty", "convention": "treaty", "charter": "treaty", "pact": "treaty",
    "agreement": "agreement", "deal": "agreement", "accord": "agreement", "contract": "agreement",
    "memorandum": "memorandum", "mou": "memorandum", "memoranda": "memorandum",
    "declaration": "declaration", "communique": "declaration", "communiqué": "declaration",
    "resolution": "resolution", "protocol": "protocol",
    "programme": "programme", "program": "programme", "roadmap": "programme", "plan": "programme",
}
ACTIONS = {"sign": "signed", "ink": "signed", "conclude": "signed", "initial": "signed", "date": "signed",
           "adopt": "adopted", "pass": "adopted", "approve": "approved", "ratify": "ratified",
           "reach": "reached", "endorse": "approved"}
_NOT_DONE = re.compile(r"\b(?:draft|under negotiation|negotiat\w+|discuss\w*|not (?:yet )?(?:been )?signed|"
                       r"did not sign|expected to|would be finali[sz]ed)\b", re.IGNORECASE)
# Phrases that date an instrument by another fact of the text ("during the visit").
LINKED_DATE = re.compile(r"\b(?:during|in the course of|at the end of|on the margins of|on the sidelines of|"
                         r"following|after)\s+(?:the|this|that|his|her|their)\s+(?:\w+\s+)?"
                         r"(?:visit|trip|session|meeting|talks|summit)\b|\bon that occasion\b", re.IGNORECASE)


def _doc_type(tok: Token) -> str | None:
    if tok.lower_ == "plan" and not any(c.lower_ in ("action", "joint") for c in tok.children):
        return None  # a bare "plan" is an intention; an "action plan" / "joint plan" is an instrument
    return DOC_TYPES.get(tok.lower_) or DOC_TYPES.get(tok.lemma_.lower())


def _action_of(tok: Token) -> tuple[str, Token] | None:
    """The verb that signs/adopts the instrument `tok`, if the clause says so."""
    node = tok
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    head = node.head
    if node.dep_ in ("dobj", "nsubjpass", "pobj", "appos") and head.lemma_ in ACTIONS:
        return ACTIONS[head.lemma_], head
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_ in ACTIONS:
        return ACTIONS[head.head.lemma_], head.head
    for child in tok.children:  # "the agreement, signed in Budapest" / "an agreement reached between"
        if child.dep_ in ("acl", "relcl", "amod") and child.lemma_ in ACTIONS and not (
                child.dep_ == "amod" and tok.tag_ == "NNS"):  # "newly-inked agreements": generic, not one
            return ACTIONS[child.lemma_], child
    # "(dated February 2017)": a participle a few words after the noun
    for t in tok.doc[tok.i + 1: min(tok.i + 14, tok.sent.end)]:
        if t.lower_ in ("signed", "dated", "adopted", "concluded", "inked", "reached") and t.tag_ in ("VBN", "VBD"):
            return ACTIONS[t.lemma_ if t.lemma_ in ACTIONS else "sign"], t
        if t.text in (".", ";"):
            break
    if node.dep_ == "pobj" and head.lower_ in ("under", "according"):
        return "signed", tok
    return None


def _title(tok: Token, stop: set[int]) -> str:
    """The instrument's name as written: the noun, its modifiers and its 'on ...' complements."""
    doc = tok.doc
    left = tok.left_edge.i
    while left < tok.i and (doc[left].dep_ in ("det", "nummod", "poss", "case") or doc[left].lower_ in ("a", "an", "the")):
        left += 1
    right = tok.i
    for t in doc[tok.i + 1: tok.sent.end]:
        if t.i in stop or t.text in (",", ";", "(", ".") or t.lower_ in ("signed", "dated", "which", "that", "during",
                                                                             "between") and t.i > tok.i + 1 \
                and t.lower_ != "between":
            break
        if t.ent_type_ == "DATE" and t.i > tok.i + 1:
            break
        if t.lower_ in ("and", "as") and doc[t.i + 1].lower_ in ("a", "an", "the", "well") and t.i > tok.i:
            break
        if t.lower_ in ("in", "at", "on") and t.i + 1 < len(doc) and (doc[t.i + 1].ent_type_ in ("DATE", "GPE")
                                                                      or doc[t.i + 1].lower_ == "the" and doc[t.i + 2].ent_type_ == "DATE"):
            break
        if t.lower_ in ("by", "with", "at", "to") and t.i > tok.i and not (
                t.lower_ == "to" and t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "VB"):
            break
        right = t.i
    return doc[left: right + 1].text.strip()


def _issuer(verb: Token, tok: Token) -> Span | None:
    subj = [c for c in verb.children if c.dep_ in ("nsubj",)]
    agent = [c for c in verb.children if c.dep_ == "agent"]
    if subj:
        s = subj[0]
    elif agent and list(agent[0].children):
        s = list(agent[0].children)[0]
    else:
        return None
    if s.ent_type_ == "PERSON" or s.pos_ == "PRON":
        return None
    span = tok.doc[s.left_edge.i: s.right_edge.i + 1]
    return span


def _split_by_dates(ctx: ArticleContext, sent: Span, verb: Token) -> list[tuple[int, int]]:
    """'In 2012, A, and in 2017, B adopted X': one segment per coordinated, separately dated subject."""
    pre = (sent.start_char, verb.idx)
    ds = dates_in(ctx, *pre)
    if len(ds) < 2:
        return [(sent.start_char, sent.end_char)]
    bounds = []
    for i, d in enumerate(ds):
        lo = d.start
        hi = ds[i + 1].start if i + 1 < len(ds) else sent.end_char
        bounds.append((lo, hi))
    return bounds


def build_documents(ctx: ArticleContext) -> list[dict]:
    rows: list[dict] = []
    last_event_date = None
    for sent in ctx.doc.sents:
        for tok in sent:
            dtype = _doc_type(tok)
            if dtype is None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in tok.children):
                continue  # "thirteen memoranda": a count, not an instrument
            if tok.lower_ == "memorandum" and tok.dep_ == "compound":
                continue
            act = _action_of(tok)
            if act is None:
                continue
            action, verb = act
            local = sent.doc[max(sent.start, tok.i - 4): min(sent.end, tok.i + 3)].text
            clause_text = sent.text
            if _NOT_DONE.search(local) or status_of(_verb_clause(verb)) is None:
                continue
            if re.search(r"\bdraft\b", clause_text, re.IGNORECASE) and re.search(r"\bnot\b", clause_text):
                continue
            rows.extend(_rows_for(ctx, sent, tok, dtype, action, verb))
    return _dedupe(rows)


def _verb_clause(verb: Token) -> str:
    return " ".join(t.text for t in verb.subtree) if verb.pos_ in ("VERB", "AUX") else verb.sent.text


def _rows_for(ctx, sent, tok, dtype, action, verb):
    segments = _split_by_dates(ctx, sent, verb) if dtype == "resolution" else [(sent.start_char, sent.end_char)]
    out = []
    s, e = evidence_span(sent)
    title = _title(tok, set())
    for lo, hi in segments:
        seg = sent.doc.char_span(lo, hi, alignment_mode="expand") or sent
        date = nearest_date(ctx, sent, verb, (lo, hi)) if len(segments) > 1 else nearest_date(ctx, sent, verb)
        if date is None and LINKED_DATE.search(sent.text):
            date = _linked_date(ctx, sent)
        if date is None:
            date = _date_from_follow_up(ctx, sent)
        issuer_span = _issuer(verb, tok) if len(segments) == 1 else _segment_subject(seg)
        if dtype == "resolution":
            parties = countries_in(issuer_span) if issuer_span is not None else []
            if not parties:
                before = sent.doc.char_span(sent.start_char, verb.idx, alignment_mode="expand")
                parties = countries_in(before)[:1] if before is not None else []
            parties = parties[:1] or list(ctx.pair[:1])
        else:
            parties = [c for c in countries_in(sent)]
            group = group_countries(ctx, sent.text)
            parties = list(dict.fromkeys(parties + group)) if group else parties
            parties = with_partner(ctx, parties)
        place = city_after_preposition(sent)
        issuer = _issuer_text(issuer_span)
        out.append({
            "char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "title": title,
            "doc_type": dtype, "action": action, "parties": sorted(set(parties)), "issuer": issuer,
            "place": place.text if place else None, "status": status_of(sent.text) or "occurred",
            **date_fields(date), "extractor": f"documents.{action}", "_anchor": tok.idx,
        })
    return out


def _segment_subject(seg: Span) -> Span | None:
    for t in seg:
        if t.dep_ in ("nsubj", "appos", "conj") and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ != "DATE":
            return seg.doc[t.left_edge.i: t.right_edge.i + 1]
    return seg


def _issuer_text(span: Span | None) -> str | None:
    if span is None:
        return None
    text = re.sub(r"^(?:the|a|an)\s+", "", span.text.strip(" ,"), flags=re.IGNORECASE)
    text = re.sub(r"^(?:in|on)\s+\S+,\s*(?:the\s+)?", "", text)
    text = re.sub(r"[\s,]+(?:and|or)$", "", text).strip(" ,")
    if not text or all(p.kind in ("country", "demonym") for p in places_in(span)) and len(text.split()) <= 3:
        return None
    return text


FOLLOW_UP = re.compile(r"^\s*(?:the|this|that)\s+(?:document|declaration|agreement|treaty|memorandum|protocol|"
                        r"accord|resolution|instrument)\b|^\s*it\s+was\b", re.IGNORECASE)


def _date_from_follow_up(ctx, sent):
    """'X signed the Baku Declaration. The document was signed ... on July 27, 2021.'"""
    nxt = sent.doc[sent.end].sent if sent.end < len(sent.doc) else None
    if nxt is None or not FOLLOW_UP.search(nxt.text):
        return None
    found = dates_in(ctx, nxt.start_char, nxt.end_char)
    return found[-1] if found else None


def _linked_date(ctx, sent):
    """The most recent dated visit or meeting before this sentence."""
    prev = [d for d in ctx.dates if d.end <= sent.start_char and d.date_start is not None]
    return prev[-1] if prev else None


def _dedupe(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for r in rows:
        key = (r["char_start"], r["_anchor"], r["date_start"])
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out
