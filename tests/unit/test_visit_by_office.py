"""A visitor the text names only by office ("the Latvian foreign minister", "Norway's top diplomat"): a row
with a null name and the title, role and country filled; valid, with a deterministic id (sentences written
for these tests)."""
import datetime as dt

import pytest

from pipeline.tables.assemble import assign_ids, frame, make_id
from pipeline.extract.mentions import merge_facts
from pipeline.extract.rows import Fact
from pipeline.io.ingest import Article
from pipeline.extract.article import process_article
from pipeline.base.registry import TABLES
from schemas.tables import SCHEMAS


def _tables(body: str) -> dict[str, list[dict]]:
    art = Article(article_id="art_office", source_path="t.txt", sha256="0" * 64, text=body,
                  published_date=dt.date(2024, 9, 12), language="en")
    return process_article(art)


def _visits(body: str) -> list[tuple]:
    return [(v["visitor_name"], v["visitor_title"], v["visitor_role"], v["visitor_country"], v["host_country"])
            for v in _tables(body)["visits"]]


@pytest.mark.parametrize("body, expected", [
    ("The Latvian foreign minister arrived in Quito on 3 May 2024.",
     (None, "Foreign Minister", "foreign_minister", "LVA", "ECU")),
    ("Norway's top diplomat visited Ecuador on 3 May 2024.",
     (None, "Top Diplomat", "foreign_minister", "NOR", "ECU")),
    ("The Prime Minister of Latvia travelled to Ecuador on 3 May 2024.",
     (None, "Prime Minister", "head_of_government", "LVA", "ECU")),
    ("The Latvian president's state visit to Ecuador on 3 May 2024 ended with a banquet.",
     (None, "President", "head_of_state", "LVA", "ECU")),
])
def test_a_visitor_named_only_by_office_has_a_null_name(body, expected):
    assert _visits(body) == [expected]


@pytest.mark.parametrize("body", [
    "Latvian officials visited Ecuador on 3 May 2024.",
    "A Latvian delegation visited Ecuador on 3 May 2024.",
    "A Latvian minister visited Ecuador on 3 May 2024.",
    "The Latvian and Estonian ministers visited Ecuador on 3 May 2024.",
    "The former Latvian president visited Ecuador on 3 May 2024.",
    "Her Latvian counterpart visited Ecuador on 3 May 2024.",
])
def test_no_office_row_for_several_people_or_no_one_state_office(body):
    assert _visits(body) == []


def test_the_office_of_a_person_named_in_the_article_is_that_person():
    body = ("Latvian Foreign Minister Ilze Ozola spoke in Riga on 1 May 2024. "
            "The Latvian foreign minister arrived in Quito on 3 May 2024.")
    assert _visits(body) == [("Ilze Ozola", "Foreign Minister", "foreign_minister", "LVA", "ECU")]


def test_an_office_row_validates_and_its_id_hashes_the_title():
    rows = assign_ids("art_office", _tables("The Latvian foreign minister arrived in Quito on 3 May 2024."))
    visits = frame("visits", rows["visits"])
    SCHEMAS["visits"].validate(visits, lazy=True)
    assert visits["visitor_name"].isna().all() and visits["visitor_title"].tolist() == ["Foreign Minister"]
    row = rows["visits"][0]
    spec = TABLES["visits"]
    assert row["visit_id"] == make_id("vis", "art_office", row, spec.key_fields, spec.key_fallbacks)
    as_president = {**row, "visitor_title": "President"}
    assert make_id("vis", "art_office", as_president, spec.key_fields, spec.key_fallbacks) != row["visit_id"]
    named = {**row, "visitor_name": "Ilze Ozola"}  # a named visitor's id does not depend on the title
    assert make_id("vis", "art_office", named, spec.key_fields, spec.key_fallbacks) == \
        make_id("vis", "art_office", {**named, "visitor_title": "President"}, spec.key_fields, spec.key_fallbacks)


def test_one_office_mentioned_twice_in_an_article_is_one_row():
    base = {"visitor_name": None, "visitor_title": "Foreign Minister", "visitor_role": "foreign_minister",
            "visitor_country": "LVA", "host_country": "ECU", "host_city": None, "occasion": None,
            "date_start": dt.date(2024, 5, 3), "date_end": dt.date(2024, 5, 3)}
    first = {**base, "char_start": 0, "char_end": 40}
    again = {**base, "char_start": 80, "char_end": 120, "host_city": "Quito"}
    other = {**base, "char_start": 140, "char_end": 180, "visitor_title": "President", "visitor_role": "head_of_state"}
    merged = [f.row for f in merge_facts("visits", [Fact(r, r["char_start"]) for r in (first, again, other)])]
    assert [(r["visitor_title"], r["host_city"]) for r in merged] == [("Foreign Minister", "Quito"),
                                                                      ("President", None)]
