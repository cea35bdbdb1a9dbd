"""Table name -> schema and id column. Publishing and validation loop over this."""
from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from schemas import (ArticlesSchema, DiagnosticsSchema, DocumentsConsolidatedSchema, DocumentsSchema,
                     EventsConsolidatedSchema, EventsSchema, RejectedInputsSchema, TradeConsolidatedSchema, TradeSchema,
                     VisitsConsolidatedSchema, VisitsSchema)
from schemas.fields import CLUSTER_IDS


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: type[pa.DataFrameModel] | None
    id_column: str | None
    key_fields: tuple[str, ...] = ()


TABLES: dict[str, TableSpec] = {
    "articles": TableSpec("articles", ArticlesSchema, "article_id"),
    "visits": TableSpec("visits", VisitsSchema, "visit_id",
                        ("visitor_name", "visitor_country", "host_country", "date_start", "date_end")),
    "documents": TableSpec("documents", DocumentsSchema, "document_id",
                           ("title", "doc_type", "parties", "date_start", "date_end")),
    "trade": TableSpec("trade", TradeSchema, "trade_id", ("indicator", "year", "value", "currency", "commodity")),
    "events": TableSpec("events", EventsSchema, "event_id", ("event_type", "countries", "date_start", "date_end")),
    # one row per fact across articles (pipeline/consolidate), id = the mention rows' *_cluster_id
    "visits_consolidated": TableSpec("visits_consolidated", VisitsConsolidatedSchema, CLUSTER_IDS["visits"]),
    "documents_consolidated": TableSpec("documents_consolidated", DocumentsConsolidatedSchema,
                                        CLUSTER_IDS["documents"]),
    "trade_consolidated": TableSpec("trade_consolidated", TradeConsolidatedSchema, CLUSTER_IDS["trade"]),
    "events_consolidated": TableSpec("events_consolidated", EventsConsolidatedSchema, CLUSTER_IDS["events"]),
    "diagnostics": TableSpec("diagnostics", DiagnosticsSchema, "diagnostic_id", ("kind", "detail")),
    "quarantine": TableSpec("quarantine", None, None),
    "rejected_inputs": TableSpec("rejected_inputs", RejectedInputsSchema, None),
}
FACT_TABLES = ("visits", "documents", "trade", "events")
# Mention table -> its consolidated table (consolidation runs in this order: events use the others' clusters).
CONSOLIDATED = {name: f"{name}_consolidated" for name in FACT_TABLES}
# What extracting one article gives: its facts, and what the rules saw but could not use.
EXTRACTED_TABLES = (*FACT_TABLES, "diagnostics")
# Tables whose rows quote articles.text (checked against it by validate).
SPANNED_TABLES = EXTRACTED_TABLES
# Links between rows of one article: (table, row key holding the index of the linked row in the
# article's rows of `parent`, column that gets the linked row's id, parent).
LINKS = (("events", "_visit_ref", "visit_id", "visits"), ("events", "_document_ref", "document_id", "documents"),
         ("events", "_trade_ref", "trade_id", "trade"), ("documents", "_package_ref", "package_id", "documents"))


def no_rows() -> dict[str, list[dict]]:
    """An article's rows when nothing is extracted from it."""
    return {name: [] for name in EXTRACTED_TABLES}
