"""The unit of work: one article in, its fact rows out (pure, no I/O)."""
from __future__ import annotations

from pipeline.annotate import annotate
from pipeline.extract.context import build_context
from pipeline.extract.documents import build_documents
from pipeline.extract.events import build_events
from pipeline.extract.trade import build_trade
from pipeline.extract.visits import build_visits
from pipeline.ingest import Article


def process_article(article: Article) -> dict[str, list[dict]]:
    """Extract visits, documents, trade and events from one article (rows without ids)."""
    if article.language != "en":
        return {"visits": [], "documents": [], "trade": [], "events": []}
    ctx = build_context(article, annotate(article.text))
    visits = build_visits(ctx)
    documents = build_documents(ctx, visits)
    trade = build_trade(ctx)
    events = build_events(ctx, visits, documents, trade)
    return {"visits": visits, "documents": documents, "trade": trade, "events": events}
