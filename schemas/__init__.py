"""Pandera schemas: the executable form of the output contract (spec/TABLES.md)."""
from schemas.tables import ArticlesSchema, DocumentsSchema, EventsSchema, TradeSchema, VisitsSchema
from schemas.fields import ARROW_TYPES, describe

__all__ = ["ARROW_TYPES", "ArticlesSchema", "DocumentsSchema", "EventsSchema", "TradeSchema", "VisitsSchema",
           "describe"]
