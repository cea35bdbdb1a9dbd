"""Consolidation across articles: which mentions become one fact, the chosen values, conflicts, stable ids."""
import datetime as dt

import pandas as pd

from pipeline.tables.assemble import assign_ids, frame
from pipeline.consolidate import consolidate
from pipeline.consolidate.previous import read_previous
from pipeline.publish.write import publish
from pipeline.base.registry import EXTRACTED_TABLES, FACT_TABLES
from pipeline.quality.validate_tables import validate_table

D = dt.date
DAY = D(2022, 5, 3)


def _visit(name="Ana Tora", start=DAY, end=None, precision="day", **extra):
    return {"char_start": 0, "char_end": 20, "evidence": "v" * 20, "extractor": "visits.clause",
            "visitor_name": name, "visitor_title": "Foreign Minister", "visitor_role": "foreign_minister",
            "visitor_country": "FJI", "host_country": "PRT", "host_city": None, "visit_type": "unspecified",
            "occasion": None, "status": "occurred", "date_start": start, "date_end": end or start,
            "date_precision": precision, "date_text": None, "date_source": "explicit", "_anchor": 0, **extra}


def _document(title="memorandum on cooperation in fisheries", start=DAY, end=None, **extra):
    return {"char_start": 30, "char_end": 50, "evidence": "d" * 20, "extractor": "documents.signed",
            "title": title, "doc_type": "memorandum", "action": "signed", "parties": ["FJI", "PRT"],
            "issuer": None, "place": None, "status": "occurred", "date_start": start, "date_end": end or start,
            "date_precision": "day", "date_text": None, "date_source": "explicit", "count": None, "_anchor": 30,
            **extra}


def _trade(value=412.5e6, year=2021, **extra):
    return {"char_start": 60, "char_end": 80, "evidence": "t" * 20, "extractor": "trade.figure",
            "indicator": "turnover", "reporter": "FJI", "partner": "PRT", "flow_from": None, "flow_to": None,
            "year": year, "value": value, "currency": "USD", "commodity": None, "value_text": None,
            "date_start": D(year, 1, 1), "date_end": D(year, 12, 31), "date_precision": "year", "date_text": None,
            "date_source": "explicit", "_anchor": 60, **extra}


def _visit_event(start=DAY):
    return {"char_start": 0, "char_end": 20, "evidence": "v" * 20, "extractor": "events.visit_detail",
            "event_type": "visit", "countries": ["FJI", "PRT"], "location": None, "status": "occurred",
            "date_start": start, "date_end": start, "date_precision": "day", "date_text": None,
            "date_source": "explicit", "_visit_ref": 0, "_anchor": 0}


def _frames(articles: list[dict]) -> dict[str, pd.DataFrame]:
    """Mention frames of articles given as {"published": date, "visits": [...], ...}; ids as a run gives."""
    tables: dict[str, list[dict]] = {n: [] for n in FACT_TABLES}
    rows = []
    for k, spec in enumerate(articles):
        article_id = f"art_{k:016d}"
        rows.append({"article_id": article_id, "published_date": spec.get("published")})
        with_ids = assign_ids(article_id, {n: spec.get(n, []) for n in EXTRACTED_TABLES})
        for n in FACT_TABLES:
            tables[n] += with_ids[n]
    frames = {n: frame(n, r) for n, r in tables.items()}
    frames["articles"] = pd.DataFrame(rows)
    return frames


def _previous(out: dict[str, pd.DataFrame]) -> dict[str, dict[str, str]]:
    return {n: dict(zip(out[n].iloc[:, 0], out[n].iloc[:, 1])) for n in FACT_TABLES}


def test_n_reports_of_one_visit_give_one_row_with_article_count_n():
    reports = [_visit(), _visit(name="Tora"), _visit(start=D(2022, 5, 1), end=D(2022, 5, 31), precision="month"),
               _visit(start=D(2022, 1, 1), end=D(2022, 12, 31), precision="year"), _visit(name="Ana Tora")]
    out = consolidate(_frames([{"published": D(2022, 5, 3 + k), "visits": [v]} for k, v in enumerate(reports)]))
    rows = out["visits_consolidated"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["article_count"], row["mention_count"]) == (5, 5)
    assert row["visitor_name"] == "Ana Tora" and row["date_start"] == D(2022, 5, 3) == row["date_end"]
    assert {"visitor_name:longest", "date_start:most_precise"} <= set(row["chosen_by"])
    assert list(row["conflicts"]) == []
    assert (row["first_reported"], row["last_reported"]) == (D(2022, 5, 3), D(2022, 5, 7))
    assert sorted(row["mention_ids"]) == sorted(out["visits"]["visit_id"])
    assert set(out["visits"]["visit_cluster_id"]) == {row["visit_cluster_id"]}
    assert validate_table("visits_consolidated", rows)[1] == []


def test_the_same_people_in_different_months_are_two_visits():
    out = consolidate(_frames([{"visits": [_visit(start=DAY)]}, {"visits": [_visit(start=D(2022, 9, 14))]},
                               {"visits": [_visit(name="Tora", start=D(2022, 9, 14))]}]))
    assert sorted(out["visits_consolidated"]["article_count"]) == [1, 2]


def test_a_vague_date_joins_one_of_the_visits_it_contains_not_both():
    out = consolidate(_frames([
        {"visits": [_visit(start=DAY)]}, {"visits": [_visit(start=D(2022, 9, 14))]},
        {"visits": [_visit(start=D(2022, 1, 1), end=D(2022, 12, 31), precision="year")]}]))
    assert sorted(out["visits_consolidated"]["article_count"]) == [1, 2]


def test_other_people_other_hosts_and_mentions_of_one_article_stay_apart():
    out = consolidate(_frames([
        {"visits": [_visit()]}, {"visits": [_visit(name="Ana Vaka")]},
        {"visits": [_visit(host_country="ESP")]},
        {"visits": [_visit(), _visit(char_start=40, char_end=60, _anchor=40)]}]))  # one article, kept as two
    counts = sorted(out["visits_consolidated"]["article_count"])
    assert counts == [1, 1, 1, 2] and len(out["visits_consolidated"]) == 5 - 1


def test_two_close_dates_are_one_visit_with_a_conflict_and_the_majority_date():
    out = consolidate(_frames([{"visits": [_visit(start=DAY)]}, {"visits": [_visit(start=D(2022, 5, 4))]},
                               {"visits": [_visit(start=D(2022, 5, 4), visit_type="state")]}]))
    row = out["visits_consolidated"].iloc[0]
    assert len(out["visits_consolidated"]) == 1
    assert row["date_start"] == D(2022, 5, 4)
    assert {"date_start", "date_end"} <= set(row["conflicts"])
    assert row["visit_type"] == "state" and "visit_type" not in row["conflicts"]  # specific over unspecified


def test_documents_match_by_what_they_are_about():
    out = consolidate(_frames([
        {"documents": [_document()]},
        {"documents": [_document(title="Memorandum of Understanding on Cooperation in the Field of Fisheries")]},
        {"documents": [_document(title="memorandum on cooperation in education")]},
        {"documents": [_document(start=D(2022, 1, 1), end=D(2022, 12, 31))]}]))
    assert sorted(out["documents_consolidated"]["article_count"]) == [1, 3]


def test_titles_naming_different_things_or_only_a_kind_stay_apart():
    undated = {"start": None, "end": None, "date_precision": "unknown"}
    out = consolidate(_frames([
        {"documents": [_document(title="resolution condemning the attacks against Latvia", **undated)]},
        {"documents": [_document(title="resolution condemning the attacks against Estonia", **undated)]},
        {"documents": [_document(title="Resolution condemning the attacks against Latvia", **undated)]},
        {"documents": [_document(title="intergovernmental agreement on defence", doc_type="agreement")]},
        {"documents": [_document(title="agreement on defense", doc_type="agreement")]},
        {"documents": [_document(title="agreement", doc_type="agreement", start=D(2022, 1, 1), end=D(2022, 12, 31),
                                 date_precision="year")]}]))
    assert sorted(out["documents_consolidated"]["article_count"]) == [1, 1, 2, 2]


def test_trade_figures_match_within_rounding_and_keep_the_majority_value():
    out = consolidate(_frames([{"trade": [_trade(412.5e6)]}, {"trade": [_trade(412.5e6)]},
                               {"trade": [_trade(410e6)]}, {"trade": [_trade(520e6)]},
                               {"trade": [_trade(412.5e6, year=2020)]}]))
    rows = out["trade_consolidated"].sort_values("article_count").reset_index(drop=True)
    assert list(rows["article_count"]) == [1, 1, 3]
    assert rows.loc[2, "value"] == 412.5e6 and "value" in rows.loc[2, "conflicts"]


def test_a_forecast_and_the_figure_measured_later_stay_two():
    out = consolidate(_frames([{"trade": [_trade(412.5e6, status="forecast")]},
                               {"trade": [_trade(412.5e6, status="actual")]},
                               {"trade": [_trade(412.5e6, status="actual")]}]))
    rows = out["trade_consolidated"].sort_values("article_count").reset_index(drop=True)
    assert list(rows["article_count"]) == [1, 2] and list(rows["status"]) == ["forecast", "actual"]


def test_events_of_one_visit_are_one_event_linked_to_its_consolidated_visit():
    out = consolidate(_frames([{"visits": [_visit()], "events": [_visit_event()]},
                               {"visits": [_visit(name="Tora")], "events": [_visit_event()]}]))
    events = out["events_consolidated"]
    assert len(events) == 1 and events.iloc[0]["article_count"] == 2
    assert events.iloc[0]["visit_cluster_id"] == out["visits_consolidated"].iloc[0]["visit_cluster_id"]


def test_incremental_keeps_the_clusters_and_ids_and_matches_only_new_mentions():
    first = [{"visits": [_visit()]}, {"visits": [_visit(start=D(2022, 9, 14))]}, {"trade": [_trade()]}]
    before = consolidate(_frames(first))
    ids_before = set(before["visits_consolidated"]["visit_cluster_id"])
    later = [*first, {"visits": [_visit(name="Tora")]}, {"visits": [_visit(name="Mele Vaka")]}]
    after = consolidate(_frames(later), _previous(before))
    visits = after["visits_consolidated"]
    assert ids_before < set(visits["visit_cluster_id"]) and len(visits) == 3
    grown = visits[visits["visit_cluster_id"].isin(ids_before)]
    assert sorted(grown["article_count"]) == [1, 2]
    assert list(after["trade_consolidated"]["trade_cluster_id"]) == list(before["trade_consolidated"]["trade_cluster_id"])
    # nothing new: the same clusters, the same rows
    again = consolidate(_frames(later), _previous(after))
    pd.testing.assert_frame_equal(again["visits_consolidated"], visits)


def test_a_cluster_keeps_its_id_when_the_article_that_started_it_is_gone():
    both = consolidate(_frames([{"visits": [_visit()]}, {"visits": [_visit(name="Tora")]}]))
    cid = both["visits_consolidated"].iloc[0]["visit_cluster_id"]
    only_second = _frames([{}, {"visits": [_visit(name="Tora")]}])
    after = consolidate(only_second, _previous(both))
    assert list(after["visits_consolidated"]["visit_cluster_id"]) == [cid]


def test_one_article_gives_as_many_facts_as_mentions():
    article = {"visits": [_visit(), _visit(name="Mele Vaka", char_start=40, char_end=60, _anchor=40)],
               "documents": [_document()], "trade": [_trade()], "events": [_visit_event()]}
    out = consolidate(_frames([article]))
    for name in FACT_TABLES:
        assert len(out[f"{name}_consolidated"]) == len(out[name]) > 0


def test_the_previous_clusters_are_read_from_the_published_dataset(tmp_path):
    out = consolidate(_frames([{"visits": [_visit()]}, {"visits": [_visit(name="Tora")]}]))
    publish({"visits": out["visits"], "visits_consolidated": out["visits_consolidated"]}, tmp_path / "out")
    previous = read_previous(tmp_path / "out")
    assert previous == {"visits": dict(zip(out["visits"]["visit_id"], out["visits"]["visit_cluster_id"]))}
    assert len(set(previous["visits"].values())) == 1


def test_a_dataset_older_than_consolidation_has_no_previous_clusters(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    pd.DataFrame({"visit_id": ["vis_0000000000000001"]}).to_parquet(old / "visits.parquet")
    assert read_previous(old) == {}
    assert read_previous(tmp_path / "missing") == {}


def test_a_plover_mode_is_taken_with_its_category_never_mixed_from_two_mentions():
    from pipeline.consolidate.choose import consolidated_row
    columns = ["event_cluster_id", "event_type", "plover_type", "plover_mode", "status", "date_start", "date_end",
               "date_precision", "date_edtf"]
    planned = {**_visit_event(), "status": "planned", "plover_type": "AGREE", "plover_mode": None,
               "_id": "evt_a", "article_id": "art_a"}
    made = {**_visit_event(), "plover_type": "CONSULT", "plover_mode": "visit", "_id": "evt_b", "article_id": "art_b"}
    # the earlier report wins the tie on the category; its mode (none) comes with it, not the other's 'visit'
    row = consolidated_row(columns, "evc_1", [planned, made], [D(2022, 4, 1), D(2022, 5, 4)])
    assert (row["plover_type"], row["plover_mode"]) == ("AGREE", None)
    again = {**made, "_id": "evt_c", "article_id": "art_c"}
    row = consolidated_row(columns, "evc_1", [planned, made, again], [D(2022, 4, 1), D(2022, 5, 4), D(2022, 5, 5)])
    assert (row["plover_type"], row["plover_mode"]) == ("CONSULT", "visit")


def test_reprints_count_as_articles_and_independent_texts_as_sources():
    import datetime as dt

    from pipeline.consolidate.choose import consolidated_row
    from schemas.fields import COLUMNS

    rows = [{"_id": "vis_1", "article_id": "art_a", "visitor_country": "KEN"},
            {"_id": "vis_2", "article_id": "art_b", "visitor_country": "KEN"}]
    reported = [dt.date(2024, 3, 2), dt.date(2024, 3, 5)]
    reprints = {"art_a": [dt.date(2024, 3, 9), None]}  # two reprints of art_a, one undated
    row = consolidated_row(COLUMNS["visits_consolidated"], "cvis_1", rows, reported, reprints)
    assert (row["mention_count"], row["article_count"], row["source_count"]) == (2, 4, 2)
    assert (row["first_reported"], row["last_reported"]) == (dt.date(2024, 3, 2), dt.date(2024, 3, 9))
    single = consolidated_row(COLUMNS["visits_consolidated"], "cvis_2", rows[1:], reported[1:], reprints)
    assert (single["mention_count"], single["article_count"], single["source_count"]) == (1, 1, 1)
