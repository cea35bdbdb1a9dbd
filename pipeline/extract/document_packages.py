"""Counted packages of instruments ("signed five agreements") and the members listed or told with them."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from pipeline.extract.context import ArticleContext, dates_in, own_clause_text, status_of, text_of
from pipeline.extract.doc_index import sent_of
from pipeline.extract.document_actions import action_of, action_of_whole
from pipeline.extract.document_dates import CARRY_WINDOW
from pipeline.extract.document_found import Found, Visit
from pipeline.extract.document_rows import rows_for
from pipeline.extract.document_titles import titles
from pipeline.extract.document_types import doc_type, plural
from pipeline.extract.rows import DocumentRow, Fact
from pipeline.nlp.rule_matcher import matches_in
from pipeline.nlp.rules import first_cue, lexicon, value_map

_NUMBER_WORDS = value_map("common", "number_words")
_ORDINALS = value_map("common", "ordinals")
_AMOUNT_WORDS = lexicon("documents", "amount_words")
_MAX_COUNT = 1000  # a count of instruments is below this; a larger number is an amount or a year
_TOPIC_VERB_WINDOW = 5  # words after "the second deal" in which the verb that gives its topic stands
_MEMBER_TYPES = {"agreement", "memorandum", "protocol", "treaty", "programme", "declaration", "other"}


def count_of(tok: Token) -> int | None:
    """The number a count token gives: "5", "five", "a dozen" (None for one or for no number)."""
    word = tok.lower_.replace(",", "")
    n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    doc = tok.doc
    if n is not None and tok.i >= 2 and doc[tok.i - 1].text in ("-", "‑") and doc[tok.i - 2].lower_ in _NUMBER_WORDS:
        n += _NUMBER_WORDS[doc[tok.i - 2].lower_]  # "thirty-six"
    return n if n is not None and 1 < n < _MAX_COUNT else None


def is_amount(tok: Token) -> bool:
    """"$50m loan agreement", "20 percent": a number that is money or a share, not a count of instruments."""
    doc = tok.doc
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "DATE"):
        return True
    after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    before = doc[tok.i - 1] if tok.i > 0 else None
    return after in _AMOUNT_WORDS or (before is not None and (before.is_currency or before.text in ("$", "US$")))


def _signed_package(ctx: ArticleContext, sent: Span, noun: Token) -> tuple[str, Token] | None:
    """The action that signs the counted instruments, when the clause says they were signed (not "have
    not signed", nor "more than forty agreements have been concluded": a tally over the years)."""
    act = action_of(noun) or action_of_whole(noun)
    if act is None:
        return None
    verb = act[1]
    if first_cue("common", "status", own_clause_text(sent_of(verb), verb)) == "negated":
        return None
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)
    if perfect and not dates_in(ctx, sent.start_char, sent.end_char):
        return None
    return act


def packages(ctx: ArticleContext, sent: Span, visits: Sequence[Visit]) -> list[Found]:
    """"signed five agreements", "the exchange of 12 cooperation documents": one row for the package,
    with `count` (pattern counted_package of pipeline/rules/documents.yaml)."""
    out: list[Found] = []
    done: set[int] = set()
    for m in matches_in(sent.doc, "documents", sent.start, sent.end, {"package"}):
        noun = sent.doc[m.end - 1]
        if noun.i in done or is_amount(sent.doc[m.start]):
            continue
        count = count_of(sent.doc[m.start])
        if count is None or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        act = _signed_package(ctx, sent, noun)
        if act is None:
            continue
        action, verb = act
        dtype = doc_type(noun) or "other"
        rows = rows_for(ctx, sent, noun, dtype, action, verb, visits)
        if not rows:
            continue
        row = rows[0].with_columns(doc_type=dtype)
        title = sent.doc[m.start: noun.i + 1].text
        nxt = sent.doc[noun.i + 1: noun.i + 4]
        if nxt.text.lower().startswith("of understanding"):
            title += " of understanding"
        head = verb.head if verb.dep_ == "xcomp" else verb
        status = status_of(own_clause_text(sent_of(head), head)) or status_of(text_of(sent)) or "occurred"
        done.add(noun.i)
        out.append(Found(row.with_columns(title=title, count=count, status=status,
                                          extractor="documents.package").row, noun.idx))
        topics = titles(noun)
        if len(topics) == count:  # "four MoUs on fisheries, education, customs and trade": the members too
            out.extend(Found(row.with_columns(title=t, status=status).row, noun.idx + 1 + k, member_of=noun.idx)
                       for k, t in enumerate(topics))
    return out


def ordinal_member_topic(tok: Token, rows: list[Found]) -> str | None:
    """"The second deal involves the upgrade of border posts" after "signed three agreements": the
    member's topic ("upgrade of border posts"), or None when `tok` is no ordinal member of a package."""
    if tok.tag_ not in ("NN", "NNP") or not any(r.row.get("count") for r in rows):
        return None
    if not any(c.dep_ == "amod" and c.lower_ in _ORDINALS for c in tok.children) or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    doc, end = tok.doc, sent_of(tok).end
    verb = next((t for t in doc[tok.i + 1: min(end, tok.i + _TOPIC_VERB_WINDOW)]
                 if first_cue("documents", "topic_verbs", t.lower_) is not None), None)
    if verb is None:
        return None
    start = verb.i + 1
    if start < end and doc[start].lower_ in ("on", "with", "to", "at"):
        start += 1
    words: list[Token] = []
    for t in doc[start:end]:
        if t.text in (",", ";", ".", "(", ":") or t.lower_ in ("which", "that", "while") and words:
            break
        words.append(t)
    while words and words[0].dep_ == "det":
        words = words[1:]
    return doc[words[0].i: words[-1].i + 1].text if words else None


def refers_to_package(tok: Token, rows: list[Found]) -> bool:
    """"the agreements", "these MoUs" after "signed five agreements" or after instruments already read:
    those instruments named again (a package's members described by their areas), not new ones."""
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children)
    return plural(tok) and definite and bool(rows)


def same_signing(p: DocumentRow, r: DocumentRow) -> bool:
    """Same parties, status and day (when both are dated), told near each other."""
    return sorted(p["parties"]) == sorted(r["parties"]) and p.get("status") == r.get("status") \
        and abs(p["char_start"] - r["char_start"]) <= CARRY_WINDOW \
        and (p.get("date_start") is None or r.get("date_start") is None or p["date_start"] == r["date_start"])


def _member_of(pkg: DocumentRow, r: DocumentRow) -> bool:
    """A row told after the package that can be one of its members: same status, day, parties, a kind of
    instrument a package holds."""
    same_day = r.get("date_start") is None or pkg.get("date_start") is None or (
        r["date_start"] == pkg["date_start"] and r.get("date_end") == pkg.get("date_end"))
    return r.get("status") == pkg.get("status") and same_day \
        and r["doc_type"] in _MEMBER_TYPES and sorted(r["parties"]) == sorted(pkg["parties"])


def link_members(found: list[Found]) -> list[Fact[DocumentRow]]:
    """Package members: the instruments listed with the package ("four MoUs on A, B, C and D"), else those told
    in the package's sentence ("signed five agreements, including a pact on X") or after it, before the next
    package ("The MoU on health was signed by ..."), of the same status and day, up to the package's count.
    Each member's `Fact.package` is the package row's index."""
    packages_at = {f.anchor: i for i, f in enumerate(found) if f.row.get("count") is not None}
    package: list[int | None] = [packages_at.get(f.member_of) if f.member_of is not None else None for f in found]
    listing = {f.member_of for f in found}
    for i, pkg in enumerate(found):
        count = pkg.row.get("count")
        if count is None or pkg.anchor in listing:
            continue
        members = 0
        for k in range(i + 1, len(found)):
            r = found[k].row
            if r.get("count") is not None or members >= count:
                break
            if r["char_start"] - pkg.row["char_end"] > CARRY_WINDOW:
                break
            if package[k] is None and _member_of(pkg.row, r):
                package[k] = i
                members += 1
    return [Fact(f.row, f.anchor, package=package[k]) for k, f in enumerate(found)]
