"""The dyads view counted on consolidated tables built by hand: which facts count for which ordered pair and
year. The expected counts are worked out from the rows below by hand."""
import datetime as dt

import duckdb
import pytest

from pipeline.publish.dyads import dyads_columns, dyads_view_sql

D = dt.date


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute("CREATE TABLE visits_consolidated (visitor_country VARCHAR, host_country VARCHAR, date_start DATE, "
              "visitor_role VARCHAR, status VARCHAR)")
    c.executemany("INSERT INTO visits_consolidated VALUES (?, ?, ?, ?, ?)", [
        ("KEN", "PER", D(2023, 3, 1), "head_of_state", "occurred"),
        ("KEN", "PER", D(2023, 9, 4), "minister", "occurred"),
        ("PER", "KEN", D(2023, 5, 2), "foreign_minister", "occurred"),
        ("KEN", "PER", D(2024, 1, 9), "head_of_state", "planned"),  # not yet: not counted
        ("KEN", "PER", None, "minister", "occurred")])  # no year: not counted
    c.execute("CREATE TABLE documents_consolidated (document_cluster_id VARCHAR, doc_type VARCHAR, "
              "date_start DATE, parties VARCHAR[], status VARCHAR)")
    c.executemany("INSERT INTO documents_consolidated VALUES (?, ?, ?, ?, ?)", [
        ("d1", "memorandum", D(2023, 3, 2), ["KEN", "PER"], "occurred"),
        ("d2", "agreement", D(2023, 3, 2), ["CHL", "KEN", "PER"], None),  # three parties: six ordered pairs
        ("d3", "treaty", D(2023, 6, 1), ["KEN", "PER"], "planned")])
    c.execute("CREATE TABLE events_consolidated (event_cluster_id VARCHAR, countries VARCHAR[], "
              "source_country VARCHAR, target_country VARCHAR, quad_class INTEGER, date_start DATE, status VARCHAR)")
    c.executemany("INSERT INTO events_consolidated VALUES (?, ?, ?, ?, ?, ?, ?)", [
        ("e1", ["KEN", "PER"], "KEN", "PER", 1, D(2023, 3, 1), "occurred"),  # a visit, one way
        ("e2", ["KEN", "PER"], "PER", "KEN", 2, D(2023, 7, 1), "occurred"),  # aid, the other way
        ("e3", ["KEN", "PER"], None, None, 1, D(2023, 3, 2), "occurred"),  # a signing: both ways
        ("e4", ["KEN"], "KEN", None, 1, D(2023, 4, 1), "occurred"),  # one state: no pair
        ("e5", ["KEN", "PER"], "KEN", "PER", 4, D(2023, 8, 1), "cancelled")])
    c.execute("CREATE TABLE trade_consolidated (indicator VARCHAR, reporter VARCHAR, partner VARCHAR, year INTEGER, "
              "value_usd DOUBLE, status VARCHAR, period_type VARCHAR)")
    c.executemany("INSERT INTO trade_consolidated VALUES (?, ?, ?, ?, ?, ?, ?)", [
        ("turnover", "KEN", "PER", 2023, 9e7, "actual", "year"),
        ("turnover", "KEN", "PER", 2023, 4e7, "actual", "months"),  # nine months: not the year's
        ("exports", "KEN", "PER", 2023, 5e7, "actual", "year"),
        ("turnover", "KEN", "PER", 2030, 5e8, "target", "year")])
    c.execute(dyads_view_sql())
    yield c
    c.close()


def _row(con, a, b, year) -> dict:
    rows = con.sql(f"SELECT * FROM dyads WHERE state_a = '{a}' AND state_b = '{b}' AND year = {year}").fetchall()
    assert len(rows) == 1
    return dict(zip(dyads_columns(), rows[0]))


def test_the_view_has_the_documented_columns(con):
    assert [c for c, *_ in con.sql("DESCRIBE dyads").fetchall()] == dyads_columns()


def test_an_ordered_pair_counts_its_visits_documents_events_and_turnover(con):
    row = _row(con, "KEN", "PER", 2023)
    assert (row["visits"], row["visits_head_of_state"], row["visits_minister"], row["visits_foreign_minister"]) == (
        2, 1, 1, 0)
    assert (row["documents"], row["documents_memorandum"], row["documents_agreement"], row["documents_treaty"]) == (
        2, 1, 1, 0)
    # e1 (KEN to PER) and e3 (both ways); e2 goes the other way, e4 has no pair, e5 was cancelled
    assert (row["events"], row["events_verbal_cooperation"], row["events_material_cooperation"],
            row["events_material_conflict"]) == (2, 2, 0, 0)
    assert row["turnover_usd"] == 9e7


def test_the_other_direction_has_its_own_row(con):
    row = _row(con, "PER", "KEN", 2023)
    assert (row["visits"], row["visits_foreign_minister"]) == (1, 1)
    assert (row["documents"], row["events"], row["events_material_cooperation"]) == (2, 2, 1)  # d1, d2; e2, e3
    assert row["turnover_usd"] == 9e7  # turnover is the same both ways


def test_a_third_party_of_a_document_makes_its_own_pairs(con):
    row = _row(con, "CHL", "PER", 2023)
    assert (row["documents"], row["documents_agreement"], row["visits"], row["events"]) == (1, 1, 0, 0)
    assert row["turnover_usd"] is None


def test_planned_and_undated_facts_and_targets_make_no_row(con):
    years = {y for (y,) in con.sql("SELECT DISTINCT year FROM dyads").fetchall()}
    assert years == {2023}
