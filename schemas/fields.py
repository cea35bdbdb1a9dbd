"""Every published column, defined once: Arrow type, description, vocabulary."""
from __future__ import annotations

import pyarrow as pa
import pycountry

ISO3 = frozenset(c.alpha_3 for c in pycountry.countries)
ISO4217 = frozenset(c.alpha_3 for c in pycountry.currencies)

VOCAB = {
    "date_precision": ["day", "month", "season", "year", "decade", "unknown"],
    "date_source": ["explicit", "inferred", "publication", "unresolved"],
    "visitor_role": ["head_of_state", "head_of_government", "foreign_minister", "minister", "parliament",
                     "military", "official", "delegation", "other"],
    "visit_type": ["state", "official", "working", "multilateral_event", "unspecified"],
    "status": ["occurred", "ongoing", "planned"],
    "doc_type": ["treaty", "agreement", "memorandum", "declaration", "resolution", "protocol", "programme", "other"],
    "action": ["signed", "adopted", "approved", "ratified", "reached", "other"],
    "indicator": ["turnover", "exports", "imports", "aid", "investment", "loan", "other"],
    "source_format": ["txt", "html", "json", "jsonl"],
    "diagnostic_kind": ["trigger_without_row", "unresolved_place", "unknown_currency"],
    # why an input is in rejected_inputs (pipeline/ingest.py says what each means)
    "rejected_reason": ["empty", "binary", "too_large", "malformed", "no_text", "duplicate", "outside_raw",
                        "not_a_file", "unreadable", "too_deep", "path_too_long", "parse_error", "extraction_error",
                        "worker_died"],
    "event_type": ["recognition", "diplomatic_relations", "mission_opening", "visit", "meeting", "agreement",
                   "resolution", "military_exercise", "military_cooperation", "support", "conflict", "aid", "trade",
                   "institution_opening", "cultural", "anniversary", "other"],
}

STR, INT, FLOAT, DATE, LIST = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.list_(pa.string())

# name -> (arrow type, description)
FIELDS: dict[str, tuple[pa.DataType, str]] = {
    "article_id": (STR, "Deterministic id of the article (from the SHA-256 of its raw bytes)."),
    "source_path": (STR, "Path of the raw file relative to the raw folder, '/'-separated; a record of a "
                         "JSON/JSONL file adds '#N' (list index) or '#LN' (line number)."),
    "sha256": (STR, "SHA-256 of the raw file's bytes (of the record's, for JSON/JSONL), hex."),
    "outlet": (STR, "Publication named in the header."),
    "section": (STR, "Section or rubric named in the header."),
    "title": (STR, "Headline (articles) or the instrument's name as written (documents)."),
    "published_date": (DATE, "Publication date from the header or the input's metadata."),
    "authors": (LIST, "Bylined people."),
    "agency": (STR, "News agency or publisher credited in the byline."),
    "language": (STR, "ISO 639-1 code of the article's language (detected), 'und' if it cannot be told."),
    "encoding": (STR, "Text encoding the raw file was decoded with."),
    "repairs": (LIST, "What was done to the raw text to read it: encoding detected, mojibake repaired, a "
                      "cut-off last character dropped, lone surrogates replaced, a metadata field of the "
                      "wrong type ignored. Empty when nothing was needed."),
    "text": (STR, "Normalised article body; every offset in every table indexes into it."),
    "event_id": (STR, "Deterministic id of the event."),
    "visit_id": (STR, "Deterministic id of the visit (in events: the visit this event is)."),
    "document_id": (STR, "Deterministic id of the document (in events: the document this event signs)."),
    "trade_id": (STR, "Deterministic id of the trade figure (in events: the figure this event is)."),
    "char_start": (INT, "Start of the evidence span in articles.text."),
    "char_end": (INT, "End (exclusive) of the evidence span in articles.text."),
    "evidence": (STR, "The sentence that states the fact, exactly text[char_start:char_end]."),
    "date_start": (DATE, "First day of the interval the fact's date covers."),
    "date_end": (DATE, "Last day of the interval the fact's date covers."),
    "date_precision": (STR, "Precision of the coarsest end of the date."),
    "date_text": (STR, "The date expression as written."),
    "date_source": (STR, "explicit: the sentence dates it; inferred: completed from context; publication: "
                         "bounded by the publication date only; unresolved: relative date without a "
                         "publication date or an earlier date in the text to count from."),
    "date_edtf": (STR, "The date as an EDTF (ISO 8601-2) string: 2017-02-28/2017-03-01, 2015-03, 1995-23 "
                       "(autumn), 2014, 199X (a decade), ../2019-05-14 (no start)."),
    "url": (STR, "Address of the page, where the input gives it (HTML, JSON)."),
    "source_format": (STR, "Format of the raw input: txt, html, json or jsonl."),
    "extractor": (STR, "Rule that produced the row, for audit."),
    "visitor_name": (STR, "Name of the visitor, without title."),
    "visitor_title": (STR, "Title of the visitor as written."),
    "visitor_role": (STR, "Role class of the visitor."),
    "visitor_country": (STR, "ISO 3166-1 alpha-3 of the visitor's state."),
    "host_country": (STR, "ISO 3166-1 alpha-3 of the visited state."),
    "host_city": (STR, "City visited, where the text says it."),
    "visit_type": (STR, "Kind of visit."),
    "occasion": (STR, "Event the visit attended."),
    "status": (STR, "occurred, ongoing or planned."),
    "doc_type": (STR, "Kind of instrument."),
    "action": (STR, "What was done to the instrument."),
    "parties": (LIST, "ISO3 of the states party to it, sorted; for a resolution, the issuing state."),
    "issuer": (STR, "Body that adopted or signed it, where named."),
    "place": (STR, "City where it was signed, where the text says it."),
    "indicator": (STR, "Kind of economic figure."),
    "reporter": (STR, "ISO3 of the reporting state (for two-way figures, one of the pair)."),
    "partner": (STR, "ISO3 of the partner state."),
    "flow_from": (STR, "ISO3 the one-way flow comes from."),
    "flow_to": (STR, "ISO3 the one-way flow goes to."),
    "year": (INT, "Year the figure refers to."),
    "value": (FLOAT, "Amount in units of currency."),
    "currency": (STR, "ISO 4217 code."),
    "commodity": (LIST, "Goods named."),
    "value_text": (STR, "The amount as written."),
    "event_type": (STR, "Kind of event."),
    "countries": (LIST, "ISO3 of the states taking part, sorted."),
    "location": (STR, "City or place, where stated."),
    "table": (STR, "Table the quarantined row was meant for."),
    "row": (STR, "The quarantined row as JSON."),
    "check": (STR, "The check it failed."),
    "reason": (STR, "Why it failed, in words (rejected_inputs: one of a fixed vocabulary)."),
    "detail": (STR, "More about the reason, one line of at most 200 characters (rejected inputs: an error's type "
                    "and message; diagnostics: the table and trigger word, the place name, the currency word)."),
    "inferred_fields": (LIST, ("Columns whose value was not read from the row's own evidence sentence but "
                               "taken from elsewhere in the article: countries filled from the article's two "
                               "main countries, a date carried from a previous sentence or from the visit a "
                               "signing happened during, a host taken from the outlet's country. Empty when "
                               "everything is stated in the evidence. A carried date lists every date column, "
                               "e.g. ['visitor_country', 'date_start', 'date_end', 'date_precision', "
                               "'date_text', 'date_source', 'date_edtf']. (date_source 'inferred' is another "
                               "thing: a date of the sentence completed from context, such as a year-less day.)")),
    "count": (INT, ("Number of instruments when the row is a package ('signed 19 agreements'), at least 2; "
                    "null for a single document.")),
    "package_id": (STR, ("document_id of the package row ('signed 19 agreements') this document is one of, "
                         "when the text lists the package's members; null otherwise.")),
    "diagnostic_id": (STR, "Deterministic id of the diagnostic."),
    "kind": (STR, ("What the diagnostic reports: trigger_without_row (a sentence with a trigger word of a table "
                   "gave no row of that table), unresolved_place (a place name the gazetteer cannot place), "
                   "unknown_currency (an amount whose currency word is not understood).")),
    # consolidation (pipeline/consolidate): one row per real-world fact across articles
    **{f"{one}_cluster_id": (STR, f"Id of the consolidated {noun} in {table}_consolidated: the one this row is a "
                                  f"mention of (in events_consolidated: the one the event is); kept by later runs "
                                  f"while the {noun} keeps at least one mention.")
       for one, noun, table in (("visit", "visit", "visits"), ("document", "document", "documents"),
                                ("trade", "trade figure", "trade"), ("event", "event", "events"))},
    "mention_count": (INT, "Number of mention rows (in the mention table) that report this fact."),
    "article_count": (INT, "Number of distinct articles that report this fact."),
    "first_reported": (DATE, "Earliest publication date among the articles reporting the fact (null if none "
                             "has one)."),
    "last_reported": (DATE, "Latest publication date among the articles reporting the fact (null if none has one)."),
    "mention_ids": (LIST, "Ids of the mention rows consolidated into this row, sorted."),
    "chosen_by": (LIST, "How each value was chosen where the mentions give different values, as 'column:rule': "
                        "most_precise (dates: the narrowest interval, majority among equally narrow ones), "
                        "longest (a name or free text: the full name over a short one), majority (the most "
                        "frequent value, a specific one over unspecified/other; ties: the earliest report), "
                        "latest_report (status: what the most recent article says). A column not listed has "
                        "one value in every mention that gives one."),
    "conflicts": (LIST, "Columns on which the mentions disagree, not just differ in precision: two dates that do "
                        "not overlap, two different specific values. Empty when the mentions agree."),
    "path": (STR, "Input path relative to the raw folder (a file, a folder not entered, or a JSON/JSONL "
                  "record as in source_path); bytes that are not UTF-8 and control characters are written "
                  "\\xNN."),
}

DATED = ["date_start", "date_end", "date_precision", "date_text", "date_source", "date_edtf"]
COMMON = ["article_id", "char_start", "char_end", "evidence"]

COLUMNS: dict[str, list[str]] = {
    "articles": ["article_id", "source_path", "sha256", "outlet", "section", "title", "published_date", "authors",
                 "agency", "language", "encoding", "repairs", "url", "source_format", "text"],
    "visits": ["visit_id", "visit_cluster_id", *COMMON, "visitor_name", "visitor_title", "visitor_role", "visitor_country",
               "host_country", "host_city", "visit_type", "occasion", "status", *DATED, "extractor",
               "inferred_fields"],
    "documents": ["document_id", "document_cluster_id", *COMMON, "title", "doc_type", "action", "parties", "issuer", "place", "status",
                  *DATED, "count", "package_id", "extractor", "inferred_fields"],
    "trade": ["trade_id", "trade_cluster_id", *COMMON, "indicator", "reporter", "partner", "flow_from", "flow_to", "year", "value",
              "currency", "commodity", "value_text", *DATED, "extractor", "inferred_fields"],
    "events": ["event_id", "event_cluster_id", *COMMON, "event_type", "countries", "location", "status", *DATED, "visit_id",
               "document_id", "trade_id", "extractor", "inferred_fields"],
    "diagnostics": ["diagnostic_id", *COMMON, "kind", "detail"],
    "quarantine": ["table", "row", "check", "reason"],
    "rejected_inputs": ["path", "sha256", "reason", "detail"],
}

# A consolidated table: its cluster id, the mention table's fact columns (chosen values), the clusters of
# the rows an event links, then what consolidation adds. MENTION_ONLY columns describe one mention.
MENTION_ONLY = {"article_id", "char_start", "char_end", "evidence", "date_text", "date_source", "extractor",
                "inferred_fields", "package_id", "value_text", "visit_id", "document_id", "trade_id"}
CONSOLIDATION = ["mention_count", "article_count", "first_reported", "last_reported", "mention_ids", "chosen_by",
                 "conflicts"]
CLUSTER_IDS = {"visits": "visit_cluster_id", "documents": "document_cluster_id", "trade": "trade_cluster_id",
               "events": "event_cluster_id"}
LINKED_CLUSTERS = ["visit_cluster_id", "document_cluster_id", "trade_cluster_id"]  # events: what it is
COLUMNS.update({
    f"{table}_consolidated": [cluster, *(c for c in COLUMNS[table][1:] if c not in MENTION_ONLY and c != cluster),
                              *(LINKED_CLUSTERS if table == "events" else []), *CONSOLIDATION]
    for table, cluster in CLUSTER_IDS.items()})

ARROW_TYPES: dict[str, pa.Schema] = {
    table: pa.schema([pa.field(c, FIELDS[c][0]) for c in cols]) for table, cols in COLUMNS.items()
}


def describe(column: str) -> str:
    return FIELDS[column][1]
