"""The document rows an instrument word and its signing verb give: title, kind, parties, date, place, status."""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from pipeline.extract.context import (ArticleContext, city_after_preposition, date_fields, date_inferred,
                                      evidence_span, fill_parties, group_countries, text_of)
from pipeline.extract.document_actions import signing_status
from pipeline.extract.document_dates import document_date, own_date, visit_city
from pipeline.extract.document_found import Found, Visit
from pipeline.extract.document_parties import (issuer, issuer_text, organisations, party_countries,
                                               resolution_parties, segment_subject, split_by_dates)
from pipeline.extract.document_titles import set_title, titles
from pipeline.extract.document_types import uncounted_plural
from pipeline.extract.rows import DocumentRow


def _parties(ctx: ArticleContext, sent: Span, tok: Token, org_states: list[str],
             intergovernmental: bool) -> tuple[list[str], bool]:
    """The states of the signing sentence and of its organisations, filled in from the article's pair
    when one is missing ("between the European Union and Chile": the other party is no state)."""
    parties = party_countries(sent, tok)
    group = group_countries(ctx, text_of(sent))
    parties = list(dict.fromkeys(parties + group + org_states))
    return (parties, False) if intergovernmental and parties else fill_parties(ctx, parties)


def rows_for(ctx: ArticleContext, sent: Span, tok: Token, dtype: str, action: str, verb: Token,
             visits: Sequence[Visit], own_date_only: bool = False) -> list[Found]:
    """The rows of the instrument `tok` signed by `verb`: one per title ("agreements on A and B": two), and
    for a resolution one per separately dated part of the sentence ("In 2012, A, and in 2017, B adopted")."""
    segments = split_by_dates(ctx, sent, verb) if dtype == "resolution" else [(sent.start_char, sent.end_char)]
    out = []
    s, e = evidence_span(sent)
    for lo, hi in segments:
        seg = sent.doc.char_span(lo, hi, alignment_mode="expand") or sent
        date = own_date(ctx, tok) if own_date_only else \
            document_date(ctx, sent, tok, verb, (lo, hi) if len(segments) > 1 else None, visits)
        issuer_span = issuer(verb, tok) if len(segments) == 1 else segment_subject(seg)
        orgs, org_states, intergovernmental = organisations(tok, verb)
        if dtype == "resolution":
            parties, filled = resolution_parties(ctx, sent, verb, issuer_span)
        else:
            parties, filled = _parties(ctx, sent, tok, org_states, intergovernmental)
        city = city_after_preposition(sent)
        place = city.text if city is not None else visit_city(ctx, sent, visits)
        signer = issuer_text(issuer_span)
        if uncounted_plural(tok):  # "signed major agreements across fields": a set of unknown size
            kind, names, is_set = "other", [set_title(tok)], True
        else:
            kind, names, is_set = dtype, titles(tok), False
        for name in names:
            row: DocumentRow = {
                "char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "title": name,
                "doc_type": kind, "action": action, "parties": sorted(set(parties)), "issuer": signer,
                "place": place, "status": signing_status(sent, verb),
                **date_fields(date), "extractor": f"documents.{action}",
                "inferred_fields": ["parties"] * filled + date_inferred(date, (s, e)), "organisations": orgs,
            }
            out.append(Found(row, tok.idx, is_set=is_set))
    return out
