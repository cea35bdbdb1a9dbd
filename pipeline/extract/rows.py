"""The rows extractors return, typed once per table: the published columns, and where the fact was stated.

A row (`TradeRow`, `EventRow`...) holds exactly the table's published columns (their meaning is in
`schemas/`). What an extractor knows beyond them travels beside the row in a `Fact`: the character offset
that anchors the fact in the text (a tie-break for deterministic ids), and for an event, the index of the
visit, document or trade row it restates. `Fact.record()` writes both into the one dict that `assemble`
reads (`_anchor`, `_visit_ref`...); no extractor builds those keys by hand.

Visits, documents, trade and events return `Fact`s (a package member: `Fact(row, anchor, package=i)`);
documents read the visits as `records(visits)`, the published columns.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Generic, TypedDict, TypeVar


class Spanned(TypedDict):
    """Where a row's evidence is in `articles.text`."""

    char_start: int
    char_end: int
    evidence: str


class DateFields(TypedDict):
    """A fact's date, as `context.date_fields` gives it."""

    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: str
    date_text: str | None
    date_source: str | None


class FactRow(Spanned, DateFields):
    """The columns every dated fact table shares."""

    extractor: str
    inferred_fields: list[str]


class VisitRow(FactRow):
    visitor_name: str | None
    visitor_title: str | None
    visitor_role: str
    visitor_country: str
    host_country: str
    host_city: str | None
    visit_type: str
    occasion: str | None
    status: str


class DocumentRow(FactRow, total=False):
    title: str
    doc_type: str
    action: str
    parties: list[str]
    organisations: list[str]
    issuer: str | None
    place: str | None
    status: str | None
    count: int | None


class TradeRow(FactRow):
    indicator: str
    reporter: str | None
    partner: str | None
    flow_from: str | None
    flow_to: str | None
    year: int | None
    value: float | None
    currency: str | None
    commodity: list[str] | None
    value_text: str | None
    value_qualifier: str | None
    value_usd: float | None
    status: str
    period_type: str | None
    period_start: dt.date | None
    period_end: dt.date | None


class EventCodes(TypedDict):
    """An event's codes in PLOVER and CAMEO (the crosswalk in schemas/vocabularies.py)."""

    plover_type: str | None
    plover_mode: str | None
    cameo_code: str | None
    cameo_root: str | None
    goldstein: float | None
    quad_class: int | None


class Direction(TypedDict):
    """Which state an event goes from and to, where the text says (null for a symmetric event)."""

    source_country: str | None
    target_country: str | None


class EventRow(FactRow, EventCodes, Direction):
    event_type: str
    countries: list[str]
    location: str | None
    status: str


R = TypeVar("R", TradeRow, EventRow, VisitRow, DocumentRow)


@dataclass(frozen=True)
class Fact(Generic[R]):
    """A row and where it was stated: `anchor` (a character offset, or a text when two facts share one) and
    the index of the linked row of another table of the same article, if any."""

    row: R
    anchor: int | str
    visit: int | None = None
    document: int | None = None
    trade: int | None = None
    package: int | None = None

    def record(self) -> dict[str, Any]:
        """The row as `assemble` reads it: the columns, `_anchor`, and one `_<table>_ref` per link."""
        out: dict[str, Any] = {**self.row, "_anchor": self.anchor}
        for key, value in (("_visit_ref", self.visit), ("_document_ref", self.document),
                           ("_trade_ref", self.trade), ("_package_ref", self.package)):
            if value is not None:
                out[key] = value
        return out

    @property
    def linked(self) -> bool:
        return self.visit is not None or self.document is not None or self.trade is not None


def records(facts: list[Fact[Any]]) -> list[dict[str, Any]]:
    return [f.record() for f in facts]
