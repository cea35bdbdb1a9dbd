"""One Pandera DataFrameModel per published table."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas.fields import COLUMNS, ISO3, ISO4217, VOCAB, describe


def _f(name: str, **kw):
    return pa.Field(description=describe(name), **kw)


def _is_date_or_null(s: pd.Series) -> pd.Series:
    return s.map(lambda v: v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NaT
                 or isinstance(v, dt.date))


def _iso3_list(s: pd.Series, allow_empty: bool = False) -> pd.Series:
    def ok(v):
        if v is None or (isinstance(v, float) and pd.isna(v)):
            return False
        items = list(v)
        return (allow_empty or len(items) > 0) and all(i in ISO3 for i in items) and items == sorted(items)
    return s.map(ok)


def _iso3_or_null(s: pd.Series) -> pd.Series:
    return s.isna() | s.isin(ISO3)


class _Spanned(pa.DataFrameModel):
    article_id: Series[str] = _f("article_id")
    char_start: Series[int] = _f("char_start", ge=0)
    char_end: Series[int] = _f("char_end", ge=0)
    evidence: Series[str] = _f("evidence", str_length={"min_value": 1})

    @pa.dataframe_check(description="char_start < char_end")
    def span_ordered(cls, df: pd.DataFrame) -> pd.Series:
        return df["char_start"] < df["char_end"]


class _Fact(_Spanned):
    extractor: Series[str] = _f("extractor", nullable=True)
    inferred_fields: Series[object] = _f("inferred_fields")

    @pa.check("inferred_fields", name="names_columns_of_the_table")
    def inferred_are_columns(cls, s: pd.Series) -> pd.Series:
        columns = set(COLUMNS[str(cls.Config.name)])  # each table's schema names its table in Config
        return s.map(lambda v: v is not None and not isinstance(v, (str, float)) and set(v) <= columns)


class _Dated(_Fact):
    date_start: Series[object] = _f("date_start", nullable=True)
    date_end: Series[object] = _f("date_end", nullable=True)
    date_precision: Series[str] = _f("date_precision", isin=VOCAB["date_precision"])
    date_text: Series[str] = _f("date_text", nullable=True)
    date_source: Series[str] = _f("date_source", nullable=True, isin=VOCAB["date_source"])
    date_edtf: Series[str] = _f("date_edtf", nullable=True)

    @pa.check("date_start", "date_end", name="is_date")
    def dates_are_dates(cls, s: pd.Series) -> pd.Series:
        return _is_date_or_null(s)

    @pa.dataframe_check(description="date_start <= date_end")
    def dates_ordered(cls, df: pd.DataFrame) -> pd.Series:
        both = df["date_start"].notna() & df["date_end"].notna()
        return ~both | (df["date_start"].where(both, None) <= df["date_end"].where(both, None)).fillna(True).astype(bool)


class ArticlesSchema(pa.DataFrameModel):
    article_id: Series[str] = _f("article_id", unique=True)
    source_path: Series[str] = _f("source_path")
    sha256: Series[str] = _f("sha256", str_matches=r"^[0-9a-f]{64}$")
    outlet: Series[str] = _f("outlet", nullable=True)
    section: Series[str] = _f("section", nullable=True)
    title: Series[str] = _f("title", nullable=True)
    published_date: Series[object] = _f("published_date", nullable=True)
    authors: Series[object] = _f("authors", nullable=True)
    agency: Series[str] = _f("agency", nullable=True)
    language: Series[str] = _f("language", str_matches=r"^(?:[a-z]{2}|und)$")
    encoding: Series[str] = _f("encoding", nullable=True)
    repairs: Series[object] = _f("repairs", nullable=True)
    url: Series[str] = _f("url", nullable=True)
    source_format: Series[str] = _f("source_format", isin=VOCAB["source_format"])
    text: Series[str] = _f("text")

    class Config:
        strict = False


class VisitsSchema(_Dated):
    class Config:
        name = "visits"

    visit_id: Series[str] = _f("visit_id", unique=True)
    visit_cluster_id: Series[str] = _f("visit_cluster_id", nullable=True)  # filled after validation
    visitor_name: Series[str] = _f("visitor_name", str_length={"min_value": 1})
    visitor_title: Series[str] = _f("visitor_title", nullable=True)
    visitor_role: Series[str] = _f("visitor_role", isin=VOCAB["visitor_role"])
    visitor_country: Series[str] = _f("visitor_country", isin=sorted(ISO3))
    host_country: Series[str] = _f("host_country", isin=sorted(ISO3))
    host_city: Series[str] = _f("host_city", nullable=True)
    visit_type: Series[str] = _f("visit_type", isin=VOCAB["visit_type"])
    occasion: Series[str] = _f("occasion", nullable=True)
    status: Series[str] = _f("status", isin=VOCAB["status"])

    @pa.dataframe_check(description="visitor and host differ")
    def visitor_not_host(cls, df: pd.DataFrame) -> pd.Series:
        return df["visitor_country"] != df["host_country"]


class DocumentsSchema(_Dated):
    class Config:
        name = "documents"

    document_id: Series[str] = _f("document_id", unique=True)
    document_cluster_id: Series[str] = _f("document_cluster_id", nullable=True)
    title: Series[str] = _f("title", str_length={"min_value": 1})
    doc_type: Series[str] = _f("doc_type", isin=VOCAB["doc_type"])
    action: Series[str] = _f("action", isin=VOCAB["action"])
    parties: Series[object] = _f("parties")
    issuer: Series[str] = _f("issuer", nullable=True)
    place: Series[str] = _f("place", nullable=True)
    status: Series[str] = _f("status", nullable=True, isin=VOCAB["status"])
    count: Series[pd.Int64Dtype] = _f("count", nullable=True, ge=2)
    package_id: Series[str] = _f("package_id", nullable=True)

    @pa.check("parties", name="sorted_iso3_list")
    def parties_iso3(cls, s: pd.Series) -> pd.Series:
        return _iso3_list(s)

    @pa.dataframe_check(description="package_id names another row of the same article that has a count")
    def package_is_a_package(cls, df: pd.DataFrame) -> pd.Series:
        packages = df[df["count"].notna()]
        known = dict(zip(packages["document_id"], packages["article_id"]))
        return pd.Series([p is None or (isinstance(p, float) and pd.isna(p)) or
                          (known.get(p) == a and p != d)
                          for p, a, d in zip(df["package_id"], df["article_id"], df["document_id"])],
                         index=df.index)


class TradeSchema(_Dated):
    class Config:
        name = "trade"

    trade_id: Series[str] = _f("trade_id", unique=True)
    trade_cluster_id: Series[str] = _f("trade_cluster_id", nullable=True)
    indicator: Series[str] = _f("indicator", isin=VOCAB["indicator"])
    reporter: Series[str] = _f("reporter", isin=sorted(ISO3))
    partner: Series[str] = _f("partner", isin=sorted(ISO3))
    flow_from: Series[str] = _f("flow_from", nullable=True)
    flow_to: Series[str] = _f("flow_to", nullable=True)
    year: Series[pd.Int64Dtype] = _f("year", nullable=True, ge=1000, le=2999)
    value: Series[float] = _f("value", nullable=True, ge=0)
    currency: Series[str] = _f("currency", nullable=True, isin=sorted(ISO4217))
    commodity: Series[object] = _f("commodity", nullable=True)
    value_text: Series[str] = _f("value_text", nullable=True)

    @pa.check("flow_from", "flow_to", name="iso3_or_null")
    def flows_iso3(cls, s: pd.Series) -> pd.Series:
        return _iso3_or_null(s)

    @pa.dataframe_check(description="a value has a currency")
    def value_has_currency(cls, df: pd.DataFrame) -> pd.Series:
        return df["value"].isna() | df["currency"].notna()


class EventsSchema(_Dated):
    class Config:
        name = "events"

    event_id: Series[str] = _f("event_id", unique=True)
    event_cluster_id: Series[str] = _f("event_cluster_id", nullable=True)
    event_type: Series[str] = _f("event_type", isin=VOCAB["event_type"])
    countries: Series[object] = _f("countries")
    location: Series[str] = _f("location", nullable=True)
    status: Series[str] = _f("status", isin=VOCAB["status"])
    visit_id: Series[str] = _f("visit_id", nullable=True)
    document_id: Series[str] = _f("document_id", nullable=True)
    trade_id: Series[str] = _f("trade_id", nullable=True)

    @pa.check("countries", name="sorted_iso3_list")
    def countries_iso3(cls, s: pd.Series) -> pd.Series:
        return _iso3_list(s)

    @pa.dataframe_check(description="visit events link a visit; agreement/resolution events link a document")
    def linked(cls, df: pd.DataFrame) -> pd.Series:
        need_visit = df["event_type"] == "visit"
        need_doc = df["event_type"].isin(["agreement", "resolution"]) & df["extractor"].str.endswith("_detail")
        return (~need_visit | df["visit_id"].notna()) & (~need_doc | df["document_id"].notna())


class DiagnosticsSchema(_Spanned):
    diagnostic_id: Series[str] = _f("diagnostic_id", unique=True)
    kind: Series[str] = _f("kind", isin=VOCAB["diagnostic_kind"])
    detail: Series[str] = _f("detail", str_length={"min_value": 1})


class RejectedInputsSchema(pa.DataFrameModel):
    path: Series[str] = _f("path")
    sha256: Series[str] = _f("sha256", nullable=True, str_matches=r"^[0-9a-f]{64}$")
    reason: Series[str] = _f("reason", isin=VOCAB["rejected_reason"])
    detail: Series[str] = _f("detail", str_length={"min_value": 1, "max_value": 200}, str_matches=r"^[^\n\r]*$")


class _Consolidated(pa.DataFrameModel):
    """What every consolidated table has: the mentions behind the row and how its values were chosen."""
    mention_count: Series[int] = _f("mention_count", ge=1)
    article_count: Series[int] = _f("article_count", ge=1)
    first_reported: Series[object] = _f("first_reported", nullable=True)
    last_reported: Series[object] = _f("last_reported", nullable=True)
    mention_ids: Series[object] = _f("mention_ids")
    chosen_by: Series[object] = _f("chosen_by")
    conflicts: Series[object] = _f("conflicts")
    date_start: Series[object] = _f("date_start", nullable=True)
    date_end: Series[object] = _f("date_end", nullable=True)
    date_precision: Series[str] = _f("date_precision", isin=VOCAB["date_precision"])
    date_edtf: Series[str] = _f("date_edtf", nullable=True)

    @pa.dataframe_check(description="mention_count = len(mention_ids) >= article_count")
    def counts_agree(cls, df: pd.DataFrame) -> pd.Series:
        return pd.Series([m == len(ids) >= a for m, a, ids in zip(df["mention_count"], df["article_count"],
                                                                 df["mention_ids"])], index=df.index)

    @pa.dataframe_check(description="chosen_by and conflicts name columns of the table")
    def names_columns(cls, df: pd.DataFrame) -> pd.Series:
        columns = set(COLUMNS[str(cls.Config.name)])
        return pd.Series([{c.split(":", 1)[0] for c in chosen} <= columns and set(conflicts) <= columns
                          for chosen, conflicts in zip(df["chosen_by"], df["conflicts"])], index=df.index)

    @pa.dataframe_check(description="first_reported <= last_reported, date_start <= date_end")
    def ordered(cls, df: pd.DataFrame) -> pd.Series:
        return pd.Series([(a is None or b is None or a <= b) and (s is None or e is None or s <= e)
                          for a, b, s, e in zip(df["first_reported"], df["last_reported"], df["date_start"],
                                                df["date_end"])], index=df.index)


class VisitsConsolidatedSchema(_Consolidated):
    class Config:
        name = "visits_consolidated"

    visit_cluster_id: Series[str] = _f("visit_cluster_id", unique=True)
    visitor_name: Series[str] = _f("visitor_name", str_length={"min_value": 1})
    visitor_country: Series[str] = _f("visitor_country", isin=sorted(ISO3))
    host_country: Series[str] = _f("host_country", isin=sorted(ISO3))
    visit_type: Series[str] = _f("visit_type", isin=VOCAB["visit_type"])


class DocumentsConsolidatedSchema(_Consolidated):
    class Config:
        name = "documents_consolidated"

    document_cluster_id: Series[str] = _f("document_cluster_id", unique=True)
    doc_type: Series[str] = _f("doc_type", isin=VOCAB["doc_type"])
    parties: Series[object] = _f("parties")

    @pa.check("parties", name="sorted_iso3_list")
    def parties_iso3(cls, s: pd.Series) -> pd.Series:
        return _iso3_list(s)


class TradeConsolidatedSchema(_Consolidated):
    class Config:
        name = "trade_consolidated"

    trade_cluster_id: Series[str] = _f("trade_cluster_id", unique=True)
    indicator: Series[str] = _f("indicator", isin=VOCAB["indicator"])
    reporter: Series[str] = _f("reporter", isin=sorted(ISO3))
    partner: Series[str] = _f("partner", isin=sorted(ISO3))
    currency: Series[str] = _f("currency", nullable=True, isin=sorted(ISO4217))


class EventsConsolidatedSchema(_Consolidated):
    class Config:
        name = "events_consolidated"

    event_cluster_id: Series[str] = _f("event_cluster_id", unique=True)
    event_type: Series[str] = _f("event_type", isin=VOCAB["event_type"])
    countries: Series[object] = _f("countries")

    @pa.check("countries", name="sorted_iso3_list")
    def countries_iso3(cls, s: pd.Series) -> pd.Series:
        return _iso3_list(s)
