"""Pandera schemas: the executable form of the output contract (spec/TABLES.md)."""
from schemas.tables import (ArticlesSchema, DiagnosticsSchema, DocumentsConsolidatedSchema, DocumentsSchema,
                            EventsConsolidatedSchema, EventsSchema, RejectedInputsSchema, TradeConsolidatedSchema,
                            TradeSchema, VisitsConsolidatedSchema, VisitsSchema)
from schemas.fields import ARROW_TYPES, describe

__all__ = ["ARROW_TYPES", "ArticlesSchema", "DiagnosticsSchema", "DocumentsConsolidatedSchema", "DocumentsSchema",
           "EventsConsolidatedSchema", "EventsSchema", "RejectedInputsSchema", "TradeConsolidatedSchema",
           "TradeSchema", "VisitsConsolidatedSchema", "VisitsSchema", "describe"]
