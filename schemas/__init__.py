"""Pandera schemas: the executable form of the output contract (spec/TABLES.md)."""
from schemas.tables import ArticlesSchema, DiagnosticsSchema, DocumentsSchema, EventsSchema, TradeSchema, VisitsSchema
from schemas.fields import ARROW_TYPES, describe

__all__ = ["ArticlesSchema", "DiagnosticsSchema", "DocumentsSchema", "EventsSchema", "TradeSchema", "VisitsSchema", "ARROW_TYPES",
           "describe"]
