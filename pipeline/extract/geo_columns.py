"""Coordinates of the place of a visit, a signing and an event (`pipeline/nlp/geo.py`).

A visit's host_city is looked up among the host state's cities; a visit without a city found there is at
the host state's centroid (geo_precision "country"). A document's place and an event's location are looked
up among the cities of their parties or countries, then anywhere (a signing in a third state's city),
then as a country's name; a row without a place has no coordinates."""
from __future__ import annotations

from pipeline.nlp import geo, places

GEO_COLUMNS = ("geonames_id", "latitude", "longitude", "geo_precision")
PLACE_COLUMN = {"visits": "host_city", "documents": "place", "events": "location"}
_NONE = dict.fromkeys(GEO_COLUMNS)


def located(table: str, row: dict) -> geo.Located | None:
    """Where the row's place is, or None."""
    name = row.get(PLACE_COLUMN[table])
    if table == "visits":
        return geo.locate(name, (row["host_country"],), anywhere=False, fallback=row["host_country"])
    countries = row.get("parties" if table == "documents" else "countries") or ()
    return geo.locate(name, tuple(countries), country_of_name=places.resolve(name) if name else None)


def with_coordinates(table: str, rows: list[dict]) -> list[dict]:
    """The rows of a visits, documents or events table with the geo columns filled where a place is found."""
    out = []
    for row in rows:
        where = located(table, row)
        out.append({**row, **(_NONE if where is None else {
            "geonames_id": where.geonames_id, "latitude": where.latitude, "longitude": where.longitude,
            "geo_precision": where.precision})})
    return out
