"""A gapped list of visits, the verb said once: one visit per entry, to its place at its date (sentences
written for these tests)."""
import datetime as dt

from pipeline.extract.article import process_article
from pipeline.io.ingest import Article


def _visits(body: str) -> list[tuple]:
    rows = process_article(Article("art_gap", "gap.txt", "0" * 64, body, published_date=dt.date(2024, 1, 5)))["visits"]
    return sorted((v["visitor_country"], v["host_country"], v["host_city"], str(v["date_start"])) for v in rows)


def test_each_entry_of_a_gapped_list_is_a_visit_to_its_place():
    assert _visits("Chilean Foreign Minister Ana Soto visited Lima in 2015, Quito in 2016 and Bogota in 2018.") == [
        ("CHL", "COL", "Bogota", "2018-01-01"), ("CHL", "ECU", "Quito", "2016-01-01"),
        ("CHL", "PER", "Lima", "2015-01-01")]


def test_an_entry_in_the_visitors_own_state_is_no_visit():
    assert _visits("Chilean Foreign Minister Ana Soto visited Lima in 2015 and Santiago in 2016.") == [
        ("CHL", "PER", "Lima", "2015-01-01")]


def test_without_a_place_per_entry_there_is_one_visit():
    got = _visits("Chilean Foreign Minister Ana Soto visited Lima in 2015, when talks began in 2016.")
    assert [g[:3] for g in got] == [("CHL", "PER", "Lima")]
