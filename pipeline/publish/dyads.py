"""The `dyads` view of the DuckDB database: per ordered pair of states and year, the visits by the visitor's
level, the documents by type, the events by quad class and the year's turnover in US dollars, counted from
the consolidated tables (facts, not the articles reporting them).

Direction: a visit goes from the visitor's state to the host; an event from `source_country` to
`target_country`, and an event with no target between all its states counts for every ordered pair of them,
as a document does for every ordered pair of its parties; a turnover is the same both ways. A fact counts
in the year its date starts (turnover: its `year`). Only what happened counts: visits and events that
occurred or are under way, documents signed or adopted (status occurred or not given), turnover measured
over a whole calendar year (`period_type` year, status actual)."""
from __future__ import annotations

from schemas.cameo import QUAD_CLASSES
from schemas.spec import vocabulary_of

DONE = "('occurred', 'ongoing')"
DYAD_TABLES = frozenset({"visits_consolidated", "documents_consolidated", "events_consolidated", "trade_consolidated"})


def _name(label: str) -> str:
    return label.lower().replace(" ", "_")


def dyads_columns() -> list[str]:
    """The view's columns, in order."""
    return ["state_a", "state_b", "year", "visits", *(f"visits_{r}" for r in vocabulary_of("visits", "visitor_role") or []),
            "documents", *(f"documents_{t}" for t in vocabulary_of("documents", "doc_type") or []),
            "events", *(f"events_{_name(n)}" for n, _, _ in QUAD_CLASSES.values()), "turnover_usd"]


def dyads_view_sql() -> str:
    """CREATE VIEW dyads, over the consolidated tables of the same database."""
    roles = vocabulary_of("visits", "visitor_role") or []
    types = vocabulary_of("documents", "doc_type") or []
    counts = [
        "count(*) FILTER (WHERE kind = 'visit') AS visits",
        *(f"count(*) FILTER (WHERE kind = 'visit' AND category = '{r}') AS visits_{r}" for r in roles),
        "count(*) FILTER (WHERE kind = 'document') AS documents",
        *(f"count(*) FILTER (WHERE kind = 'document' AND category = '{t}') AS documents_{t}" for t in types),
        "count(*) FILTER (WHERE kind = 'event') AS events",
        *(f"count(*) FILTER (WHERE kind = 'event' AND category = '{q}') AS events_{_name(n)}"
          for q, (n, _, _) in QUAD_CLASSES.items()),
        "max(usd) FILTER (WHERE kind = 'turnover') AS turnover_usd"]
    return f"""CREATE VIEW dyads AS
WITH
parties AS (
    SELECT document_cluster_id, doc_type, date_start, unnest(parties) AS state
    FROM documents_consolidated WHERE coalesce(status, 'occurred') = 'occurred'),
members AS (
    SELECT event_cluster_id, quad_class, date_start, unnest(countries) AS state
    FROM events_consolidated WHERE target_country IS NULL AND status IN {DONE}),
turnover AS (
    SELECT reporter, partner, year, value_usd FROM trade_consolidated
    WHERE indicator = 'turnover' AND status = 'actual' AND period_type = 'year' AND value_usd IS NOT NULL),
facts AS (
    SELECT visitor_country AS state_a, host_country AS state_b, year(date_start) AS year, 'visit' AS kind,
           visitor_role AS category, NULL::DOUBLE AS usd
    FROM visits_consolidated WHERE status IN {DONE}
    UNION ALL
    SELECT a.state, b.state, year(a.date_start), 'document', a.doc_type, NULL
    FROM parties a JOIN parties b USING (document_cluster_id) WHERE a.state <> b.state
    UNION ALL
    SELECT source_country, target_country, year(date_start), 'event', CAST(quad_class AS VARCHAR), NULL
    FROM events_consolidated WHERE target_country IS NOT NULL AND status IN {DONE}
    UNION ALL
    SELECT a.state, b.state, year(a.date_start), 'event', CAST(a.quad_class AS VARCHAR), NULL
    FROM members a JOIN members b USING (event_cluster_id) WHERE a.state <> b.state
    UNION ALL
    SELECT reporter, partner, year, 'turnover', NULL, value_usd FROM turnover
    UNION ALL
    SELECT partner, reporter, year, 'turnover', NULL, value_usd FROM turnover)
SELECT state_a, state_b, year,
       {(',' + chr(10) + '       ').join(counts)}
FROM facts
WHERE state_a IS NOT NULL AND state_b IS NOT NULL AND state_a <> state_b AND year IS NOT NULL
GROUP BY state_a, state_b, year
"""
