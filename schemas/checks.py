"""The named checks the table spec refers to: column checks and row checks that a column's type,
nullability and constraints cannot say."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from schemas.cameo import CAMEO, quad_class_of
from schemas.vocabularies import PLOVER_MODE_OF, VOCABULARIES

ISO3 = frozenset(VOCABULARIES["iso3"].values)


def _null(v) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and pd.isna(v))


def is_date(s: pd.Series) -> pd.Series:
    return s.map(lambda v: _null(v) or isinstance(v, dt.date))


def is_list(s: pd.Series) -> pd.Series:
    return s.map(lambda v: _null(v) or (not isinstance(v, (str, bytes, dict)) and hasattr(v, "__iter__")))


def sorted_iso3_list(s: pd.Series) -> pd.Series:
    def ok(v):
        if _null(v):
            return False
        items = list(v)
        return len(items) > 0 and all(i in ISO3 for i in items) and items == sorted(items)
    return s.map(ok)


def sorted_name_list(s: pd.Series) -> pd.Series:
    """A list (maybe empty) of non-empty names, sorted."""
    return s.map(lambda v: not _null(v) and not isinstance(v, (str, float))
                 and all(isinstance(x, str) and x for x in v) and list(v) == sorted(v))


def names_columns_of_the_table(columns: list[str]) -> Callable[[pd.Series], pd.Series]:
    known = set(columns)
    return lambda s: s.map(lambda v: v is not None and not isinstance(v, (str, float)) and set(v) <= known)


# name -> (function of the table's column names returning the Series check)
COLUMN_CHECKS: dict[str, Callable[[list[str]], Callable[[pd.Series], pd.Series]]] = {
    "sorted_iso3_list": lambda columns: sorted_iso3_list,
    "sorted_name_list": lambda columns: sorted_name_list,
    "names_columns_of_the_table": names_columns_of_the_table,
}


def span_ordered(df: pd.DataFrame) -> pd.Series:
    return df["char_start"] < df["char_end"]


def dates_ordered(df: pd.DataFrame) -> pd.Series:
    both = df["date_start"].notna() & df["date_end"].notna()
    return ~both | (df["date_start"].where(both, None) <= df["date_end"].where(both, None)).fillna(True).astype(bool)


def period_ordered(df: pd.DataFrame) -> pd.Series:
    """A period's days are ordered, and a period has a kind ("fiscal_year" may keep its days open)."""
    both = df["period_start"].notna() & df["period_end"].notna()
    ordered = ~both | (df["period_start"].where(both, None) <= df["period_end"].where(both, None)).fillna(True).astype(bool)
    open_ok = (df["period_start"].isna() == df["period_end"].isna()) & (
        df["period_type"].notna() | df["period_start"].isna())
    return ordered & open_ok


def visitor_not_host(df: pd.DataFrame) -> pd.Series:
    return df["visitor_country"] != df["host_country"]


def package_is_a_package(df: pd.DataFrame) -> pd.Series:
    packages = df[df["count"].notna()]
    known = dict(zip(packages["document_id"], packages["article_id"]))
    return pd.Series([_null(p) or (known.get(p) == a and p != d)
                      for p, a, d in zip(df["package_id"], df["article_id"], df["document_id"])], index=df.index)


def value_has_currency(df: pd.DataFrame) -> pd.Series:
    return df["value"].isna() | df["currency"].notna()


def usd_agrees(df: pd.DataFrame) -> pd.Series:
    usd = df["value_usd"]
    own = df["currency"] == "USD"
    return (usd.isna() | df["value"].notna()) & (~own | usd.isna() | (usd == df["value"])).fillna(True).astype(bool)


def fx_agrees(df: pd.DataFrame) -> pd.Series:
    """A converted value_usd is value x fx_rate, and a rate has its date and basis; no rate, none of them."""
    rate = df["fx_rate"]
    has = rate.notna()
    same = (df["fx_rate_date"].notna() == has) & (df["fx_rate_basis"].notna() == has)
    product = (df["value"].astype("float64") * rate.astype("float64"))
    usd = df["value_usd"].astype("float64")
    close = ((usd - product).abs() <= 1e-9 * product.abs() + 1e-6).fillna(False)
    return (same & (~has | close)).astype(bool)


GEO = ("geonames_id", "latitude", "longitude", "geo_precision")


def geo_complete(df: pd.DataFrame) -> pd.Series:
    """The place's id, latitude, longitude and precision are all given or all null."""
    given = df[list(GEO)].notna()
    return (given.all(axis=1) | ~given.any(axis=1)).astype(bool)


def linked(df: pd.DataFrame) -> pd.Series:
    need_visit = df["event_type"] == "visit"
    need_doc = df["event_type"].isin(["agreement", "resolution"]) & df["extractor"].str.endswith("_detail")
    return (~need_visit | df["visit_id"].notna()) & (~need_doc | df["document_id"].notna())


def plover_mode_of_its_type(df: pd.DataFrame) -> pd.Series:
    return pd.Series([_null(m) or PLOVER_MODE_OF.get(m) == t for t, m in zip(df["plover_type"], df["plover_mode"])],
                     index=df.index)


def cameo_agrees(df: pd.DataFrame) -> pd.Series:
    """The CAMEO columns all null, or the code's root, its Goldstein value and the root's quad class."""
    def ok(code, root, goldstein, quad) -> bool:
        if _null(code):
            return _null(root) and _null(goldstein) and _null(quad)
        known = CAMEO.get(code)
        return (known is not None and root == known.root and goldstein == known.goldstein
                and not _null(quad) and int(quad) == quad_class_of(root))
    return pd.Series([ok(*v) for v in zip(df["cameo_code"], df["cameo_root"], df["goldstein"], df["quad_class"])],
                     index=df.index)


def direction_in_countries(df: pd.DataFrame) -> pd.Series:
    """source_country and target_country among countries and different; no target without a source."""
    def ok(source, target, countries) -> bool:
        if _null(source):
            return _null(target)
        listed = set(countries) if not _null(countries) else set()
        return source in listed and (_null(target) or (target in listed and target != source))
    return pd.Series([ok(*v) for v in zip(df["source_country"], df["target_country"], df["countries"])],
                     index=df.index)


# name -> (row check, what it requires)
def consolidated_counts(df: pd.DataFrame) -> pd.Series:
    """Every mention is named; the texts that state the fact are at most its mentions and at most its articles
    (reprints are articles that add no mention)."""
    return pd.Series([m == len(ids) >= s and a >= s for m, a, s, ids in zip(
        df["mention_count"], df["article_count"], df["source_count"], df["mention_ids"])], index=df.index)


def reported_ordered(df: pd.DataFrame) -> pd.Series:
    return pd.Series([_null(a) or _null(b) or a <= b for a, b in zip(df["first_reported"], df["last_reported"])],
                     index=df.index)


def chosen_names_columns(df: pd.DataFrame) -> pd.Series:
    columns = set(df.columns)
    return pd.Series([{c.split(":", 1)[0] for c in chosen} <= columns and set(conflicts) <= columns
                      for chosen, conflicts in zip(df["chosen_by"], df["conflicts"])], index=df.index)


ROW_CHECKS: dict[str, tuple[Callable[[pd.DataFrame], pd.Series], str]] = {
    "span_ordered": (span_ordered, "char_start < char_end"),
    "dates_ordered": (dates_ordered, "date_start <= date_end"),
    "period_ordered": (period_ordered, "period_start <= period_end, both or neither, and only with a period_type"),
    "visitor_not_host": (visitor_not_host, "visitor and host differ"),
    "package_is_a_package": (package_is_a_package,
                             "package_id names another row of the same article that has a count"),
    "value_has_currency": (value_has_currency, "a value has a currency"),
    "usd_agrees": (usd_agrees, "value_usd only beside a value, and equal to it when the currency is USD"),
    "fx_agrees": (fx_agrees, "value_usd = value x fx_rate where a rate is given, with its date and basis"),
    "geo_complete": (geo_complete, "geonames_id, latitude, longitude and geo_precision all given or all null"),
    "linked": (linked, "visit events link a visit; agreement/resolution events link a document"),
    "plover_mode_of_its_type": (plover_mode_of_its_type, "plover_mode is null or a mode of plover_type"),
    "cameo_agrees": (cameo_agrees, "cameo_root, goldstein and quad_class are those of cameo_code, or all null"),
    "direction_in_countries": (direction_in_countries, "source_country and target_country are two of countries "
                               "(target only with a source)"),
    "consolidated_counts": (consolidated_counts, "mention_count = len(mention_ids) >= source_count <= article_count"),
    "reported_ordered": (reported_ordered, "first_reported <= last_reported"),
    "chosen_names_columns": (chosen_names_columns, "chosen_by and conflicts name columns of the table"),
}
