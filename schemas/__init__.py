"""Pandera schemas: the executable form of the output contract (spec/TABLES.md)."""
from schemas.tables import (ArticlesSchema, DocumentsSchema, EventsSchema, RejectedInputsSchema, TradeSchema,
                            VisitsSchema)
from schemas.fields import ARROW_TYPES, describe

__all__ = ["ArticlesSchema", "DocumentsSchema", "EventsSchema", "RejectedInputsSchema", "TradeSchema", "VisitsSchema",
           "ARROW_TYPES", "describe"]
