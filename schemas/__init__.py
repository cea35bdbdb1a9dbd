"""Pandera schemas: the executable form of the output contract (spec/TABLES.md)."""
from schemas.tables import (ArticlesSchema, DiagnosticsSchema, DocumentsSchema, EventsSchema, RejectedInputsSchema,
                            TradeSchema, VisitsSchema)
from schemas.fields import ARROW_TYPES, describe

__all__ = ["ARROW_TYPES", "ArticlesSchema", "DiagnosticsSchema", "DocumentsSchema", "EventsSchema",
           "RejectedInputsSchema", "TradeSchema", "VisitsSchema", "describe"]
