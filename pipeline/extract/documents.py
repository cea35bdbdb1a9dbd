"""Documents: treaties, agreements, memoranda, declarations, resolutions signed or adopted."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import cast

from spacy.tokens import Span, Token

from pipeline.extract.context import ArticleContext, text_of
from pipeline.extract.doc_index import sent_of, sentences
from pipeline.extract.document_actions import Action, action_of, clause_status
from pipeline.extract.document_dates import carry_dates, undate_restated_headlines
from pipeline.extract.document_found import Found, Visit
from pipeline.extract.document_lists import build_headed_documents, build_listed_documents
from pipeline.extract.document_packages import (link_members, ordinal_member_topic, packages, refers_to_package,
                                                same_signing)
from pipeline.extract.document_rows import rows_for
from pipeline.extract.document_standing import bracketed_years, page_statement, standing_instrument
from pipeline.extract.document_types import (DOC_TYPES, candidates, doc_type, first_conjunct, is_year, named,
                                             plural, uncounted_plural)
from pipeline.extract.rows import DocumentRow, Fact
from pipeline.nlp.rules import cue_regex, has_cue, lexicon

_NOT_NEW = lexicon("documents", "not_new")
_NOT_DONE = frozenset({"in_progress", "talks", "not_signed", "expected"})  # labels of the common `unfinished` cues
_DRAFT = cue_regex("documents", "draft_word", any_case=True)
_NOT = cue_regex("documents", "not_word")
_UNFINISHED_BEFORE, _UNFINISHED_AFTER = 4, 3  # words around the instrument in which those cues tell it undone


@dataclasses.dataclass
class _Reading:
    """What a sentence has said so far: the last signing action and the last named instrument it signs."""

    last_act: Action | None = None
    last_named: Token | None = None


def _counted(sent: Span, tok: Token, rows: list[Found], reading: _Reading) -> bool:
    """"eleven memoranda", "More than forty agreements and memoranda": a count, not an instrument."""
    node = first_conjunct(tok)
    for n in {tok, node}:
        if any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") and not is_year(c) for c in n.children):
            return True
    return False


def _memorandum_modifier(sent: Span, tok: Token, rows: list[Found], reading: _Reading) -> bool:
    """"the memorandum signing ceremony": a modifier of another noun."""
    return tok.lower_ == "memorandum" and tok.dep_ == "compound"


def _named_before(sent: Span, tok: Token, rows: list[Found], reading: _Reading) -> bool:
    """Instruments already read, named again ("these MoUs", "this important agreement"), or acted on as in
    force ("to implement the agreements reached")."""
    return refers_to_package(tok, rows) or _refers_back(tok) or _in_force_already(tok)


def _apposition(sent: Span, tok: Token, rows: list[Found], reading: _Reading) -> bool:
    """"the Blue Partnership, an expanded Statement of Partnership": one instrument (not "agreements on X and
    Y, a memorandum on Z and a protocol on W": one instrument after a set, or the first of more, is listed)."""
    listed = plural(tok.head) and not plural(tok) or any(c.dep_ == "conj" for c in tok.children)
    return tok.dep_ == "appos" and doc_type(tok.head) is not None and not listed \
        or _describes_previous(tok, reading.last_named)


def _second_word_of_set(sent: Span, tok: Token, rows: list[Found], reading: _Reading) -> bool:
    """"agreements and memorandums": one set, read with its first word."""
    return tok.dep_ == "conj" and uncounted_plural(tok.head)


def _announces_list(sent: Span, tok: Token, rows: list[Found], reading: _Reading) -> bool:
    """"signed the following documents:": a plural instrument word that announces the list under it (the
    lines below name them: document_lists)."""
    return any(c.lower_ == "following" for c in tok.children) and text_of(sent).rstrip().endswith(":")


# Instrument words that name no new instrument here, in the order they are asked.
_NO_NEW_INSTRUMENT: tuple[Callable[[Span, Token, list[Found], _Reading], bool], ...] = (
    _counted, _memorandum_modifier, _named_before, _apposition, _second_word_of_set, _announces_list)


def _describes_previous(tok: Token, last_named: Token | None) -> bool:
    """"signed the Harbour Accord, a new framework agreement between the two ports": an indefinite
    instrument after a comma that follows a named one describes it (an apposition), not a second one."""
    if last_named is None or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return False
    between = tok.doc[last_named.i + 1: tok.left_edge.i]
    return bool(len(between)) and between[-1].text == "," and not any(t.lower_ in ("and", "as", ";") for t in between)


def _in_force_already(tok: Token) -> bool:
    """"to implement the agreements reached", "the implementation of the accord": an instrument acted on,
    not signed in this clause."""
    node = first_conjunct(tok)
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i != node.i and head.lemma_.lower() in _NOT_NEW


def _refers_back(tok: Token) -> bool:
    """"the signing of this important agreement": an instrument named before, not a new one."""
    return not tok.text[:1].isupper() and any(c.dep_ == "det" and c.lower_ in ("this", "that", "such")
                                              for c in tok.children)


def _listed_after(tok: Token) -> bool:
    """"..., an agreement on X and a programme of Y": the instrument continues a list."""
    i = tok.i - 1
    while i >= sent_of(tok).start and tok.doc[i].dep_ in ("det", "amod", "compound", "nummod") and i >= tok.left_edge.i:
        i -= 1
    return i >= sent_of(tok).start and tok.doc[i].lower_ in ("and", ",", "as well as")


def _not_done(sent: Span, tok: Token, verb: Token) -> bool:
    """The signing is not done: a cue of talks, a draft or an expectation near the instrument, a negated
    clause, or a draft said not to be signed."""
    local = sent.doc[max(sent.start, tok.i - _UNFINISHED_BEFORE): min(sent.end, tok.i + _UNFINISHED_AFTER)].text
    if has_cue("common", "unfinished", local, _NOT_DONE) or clause_status(verb) is None:
        return True
    clause_text = text_of(sent)
    return bool(_DRAFT.search(clause_text) and _NOT.search(clause_text))


def _read_instrument(ctx: ArticleContext, sent: Span, tok: Token, rows: list[Found], reading: _Reading,
                     visits: Sequence[Visit]) -> list[Found]:
    """The rows an instrument word of the sentence gives (none when it names no new, signed instrument)."""
    dtype = doc_type(tok)
    if dtype is None or tok.pos_ not in ("NOUN", "PROPN"):
        return []
    years = bracketed_years(ctx, sent, tok, dtype, visits)
    if years is not None:  # "the Lima (2015 and 2019) and Quito (2017) declarations": one per year
        return years
    if any(no_new(sent, tok, rows, reading) for no_new in _NO_NEW_INSTRUMENT):
        return []
    topic = ordinal_member_topic(tok, rows)
    if topic is not None:  # "The second deal involves X": a member of the package told before
        member = rows_for(ctx, sent, tok, dtype, "signed", tok, visits)[:1]
        return [r.with_columns(title=f"{tok.lower_} on {topic}", status="occurred") for r in member]
    act = action_of(tok) or (reading.last_act if _listed_after(tok) else None)
    if act is None:
        if standing_instrument(ctx, sent, tok):  # "the 1999 Treaty between A and B"
            return [r.with_columns(status="occurred", extractor="documents.named")
                    for r in rows_for(ctx, sent, tok, dtype, "signed", tok, visits, own_date_only=True)]
        return []
    reading.last_act = act
    reading.last_named = tok if named(tok) and tok.text[:1].isupper() else None
    action, verb = act
    if _not_done(sent, tok, verb):
        return []
    return rows_for(ctx, sent, tok, dtype, action, verb, visits)


def _overlap(a: DocumentRow, b: DocumentRow) -> bool:
    return a["char_start"] < b["char_end"] and b["char_start"] < a["char_end"]


def _with_listed(ctx: ArticleContext, rows: list[Found]) -> list[Found]:
    """The rows of bulleted and headed lists (document_lists) where no sentence reading gave one; the list's
    own reading wins over an instrument named there without a signing verb."""
    listed = [Found(f.row, int(f.anchor)) for f in (*build_listed_documents(ctx, DOC_TYPES.get),
                                                    *build_headed_documents(ctx, DOC_TYPES.get))]
    rows = [r for r in rows if r.row["extractor"] != "documents.named" or not any(
        _overlap(h.row, r.row) for h in listed)]
    read = list(rows)
    return rows + [found for found in listed if not any(_overlap(r.row, found.row) for r in read)]


def build_documents(ctx: ArticleContext, visits: Sequence[Visit] = ()) -> list[Fact[DocumentRow]]:
    """The article's documents in text order; a package's members point to their package row (`Fact.package`).

    Each sentence's instrument words (`document_types`) are read in turn: a word that names no new
    instrument here is passed over (`_NO_NEW_INSTRUMENT`), the rest get the action that signs them
    (`document_actions`) and their rows (`document_rows`: title, parties, date, place); counted sets are
    packages (`document_packages`), instruments named without a signing verb are read by
    `document_standing`, bulleted and headed lists by `document_lists`. The article's rows are then merged
    and dated by the day's other signings (`document_dates`)."""
    rows: list[Found] = []
    for sent in sentences(ctx.doc):
        reading = _Reading()
        for tok in candidates(sent):
            rows.extend(_read_instrument(ctx, sent, tok, rows, reading, visits))
        rows.extend(packages(ctx, sent, visits))
    rows = _with_listed(ctx, rows)
    rows.extend(page_statement(ctx, [r.row for r in rows]))
    rows = sorted(_drop_restated(_dedupe(rows)),
                  key=lambda r: (r.row["char_start"], r.row.get("count") is None, r.anchor))
    rows = [dataclasses.replace(r, row=cast(DocumentRow, {"organisations": [], **r.row}))
            for r in carry_dates(undate_restated_headlines(rows), visits)]
    return link_members(rows)


def _dedupe(found: list[Found]) -> list[Found]:
    seen, out = set(), []
    for r in found:
        key = (r.row["char_start"], r.anchor, r.row["date_start"], r.row["title"])
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def _name_words(title: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z][\w-]+", title)} - set(DOC_TYPES) - {"the", "of", "on", "and"}


def _drop_restated(found: list[Found]) -> list[Found]:
    """An undated instrument named without a signing verb ("the Andean Fisheries Accord") that shares
    two name words with a signed one of the same kind and parties ("the Accord between Ghana and Togo on
    Fisheries and Aquaculture") is that instrument named again."""
    restating = ("documents.named", "documents.listing")
    signed = [f.row for f in found if f.row["extractor"] not in restating]
    found = [f for f in found if f.row["extractor"] not in restating or f.row.get("date_start") is not None or not any(
        o["doc_type"] == f.row["doc_type"] and sorted(o["parties"]) == sorted(f.row["parties"])
        and len(_name_words(o["title"]) & _name_words(f.row["title"])) >= 2 for o in signed)]
    # "companies signed agreements worth $2bn ... Twelve investment agreements were signed": the set
    # of unknown size is the counted package told near it.
    counted = [f.row for f in found if f.row.get("count") is not None]
    return [f for f in found if not f.is_set or not any(same_signing(p, f.row) for p in counted)]
