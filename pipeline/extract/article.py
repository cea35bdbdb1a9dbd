"""The unit of work: one annotated article in, its fact rows out (pure, no I/O)."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from pipeline.nlp.annotate import annotate, load_nlp
from pipeline.extract.context import build_context
from pipeline.extract.diagnostics import build_diagnostics
from pipeline.extract.documents import build_documents
from pipeline.extract.events import build_events
from pipeline.extract.geo_columns import with_coordinates
from pipeline.extract.mentions import merge_facts
from pipeline.extract.rows import records
from pipeline.extract.sections import joined, sections
from pipeline.extract.trade import build_trade
from pipeline.extract.trade_usd import rows_in_usd
from pipeline.extract.visits import build_visits
from pipeline.io.ingest import Article
from pipeline.extract.language_notice import not_extracted


def extract(article: Article, doc: Doc) -> dict[str, list[dict]]:
    """Visits, documents, trade and events of one article from its spaCy doc, and the diagnostics of
    what the rules saw but could not use (rows without ids)."""
    if article.language != "en":
        return not_extracted(article)
    ctx = build_context(article, doc)
    visits = merge_facts("visits", build_visits(ctx))
    documents = merge_facts("documents", build_documents(ctx, records(visits)))
    trade = merge_facts("trade", build_trade(ctx))
    events = build_events(ctx, visits, documents, trade)
    trade_rows, without_rate = rows_in_usd(records(trade), article.published_date)
    rows = {"visits": with_coordinates("visits", records(visits)),
            "documents": with_coordinates("documents", records(documents)), "trade": trade_rows,
            "events": with_coordinates("events", records(events))}
    return {**rows, "diagnostics": build_diagnostics(ctx, rows, without_rate)}


def process_article(article: Article) -> dict[str, list[dict]]:
    """`extract` for a single article (annotates it on its own; batches use pipeline.runtime.batch). A text
    longer than `sections.SECTION_CHARS` is annotated and extracted one section at a time, each in a spaCy
    memory zone (so call it outside one), and its rows joined at their offsets in the whole text."""
    if article.language != "en":
        return not_extracted(article)
    parts = sections(article.text)
    if len(parts) == 1:
        return extract(article, annotate(article.text))
    return joined(article.text, ((offset, _section_rows(article, part)) for offset, part in parts))


def _section_rows(article: Article, part: str) -> dict[str, list[dict]]:
    with load_nlp().memory_zone():
        return extract(replace(article, text=part), annotate(part))
