"""Table name -> schema and id column. Publishing and validation loop over this."""
from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from schemas import (ArticlesSchema, DocumentsSchema, EventsSchema, RejectedInputsSchema, TradeSchema,
                     VisitsSchema)


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
    "quarantine": TableSpec("quarantine", None, None),
    "rejected_inputs": TableSpec("rejected_inputs", RejectedInputsSchema, None),
}
FACT_TABLES = ("visits", "documents", "trade", "events")


def no_rows() -> dict[str, list[dict]]:
    """An article's rows when nothing is extracted from it."""
    return {name: [] for name in FACT_TABLES}
