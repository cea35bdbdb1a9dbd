"""The output contract: the table spec (schemas/spec.py) and what is generated from it."""
from schemas.tables import (SCHEMAS, ArticlesSchema, DiagnosticsSchema, DocumentsSchema, EventsSchema,
                            RejectedInputsSchema, TradeSchema, VisitsSchema)
from schemas.fields import ARROW_TYPES, describe

__all__ = ["ARROW_TYPES", "SCHEMAS", "ArticlesSchema", "DiagnosticsSchema", "DocumentsSchema", "EventsSchema",
           "RejectedInputsSchema", "TradeSchema", "VisitsSchema", "describe"]
