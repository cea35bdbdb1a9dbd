"""Coordinates of the places of visits, documents and events: the city in the row's own states, a third
state's city for a signing held there, a country's centroid where only the state is known, nothing where
no place is given.

Expected ids and points are GeoNames' (geonames.org/<id>): Mombasa 186301 at 4.05466 S 39.66359 E;
Hyderabad, India 1269843 at 17.38405 N 78.45636 E; Hyderabad, Pakistan 1176734 at 25.39689 N 68.37718 E;
Geneva 2660646 at 46.20222 N 6.14569 E; the country Kenya 192950, its centroid 1 N 38 E (countryinfo)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.extract.article import process_article
from pipeline.extract.geo_columns import located, with_coordinates
from pipeline.io.ingest import Article
from pipeline.nlp import geo
from schemas.checks import geo_complete


def test_a_city_of_one_of_the_rows_states_wins_over_a_larger_one_elsewhere():
    india = geo.locate("Hyderabad", ("IND",), anywhere=False)
    pakistan = geo.locate("Hyderabad", ("PAK",), anywhere=False)
    assert india is not None and (india.geonames_id, india.country, india.precision) == (1269843, "IND", "city")
    assert (india.latitude, india.longitude) == pytest.approx((17.38405, 78.45636), abs=1e-4)
    assert pakistan is not None and (pakistan.geonames_id, pakistan.country) == (1176734, "PAK")


def test_names_are_matched_without_case_or_accents():
    assert geo.city("MOMBASA") == geo.city("Mombasa") == geo.city("Mombása")
    found = geo.city("Mombasa")
    assert found is not None and found.geonames_id == 186301
    assert (found.latitude, found.longitude) == pytest.approx((-4.05466, 39.66359), abs=1e-4)


def test_a_visit_without_a_city_of_the_host_is_at_the_hosts_centroid():
    row = {"host_city": None, "host_country": "KEN"}
    where = located("visits", row)
    assert where is not None and (where.geonames_id, where.precision) == (192950, "country")
    assert (where.latitude, where.longitude) == (1.0, 38.0)
    # a city named but not one of the host's: never placed in another state
    where = located("visits", {"host_city": "Geneva", "host_country": "KEN"})
    assert where is not None and where.precision == "country" and where.country == "KEN"


def test_a_signing_in_a_third_states_city_and_a_place_that_is_a_country():
    doc = {"place": "Geneva", "parties": ["IND", "PAK"]}
    where = located("documents", doc)
    assert where is not None and (where.geonames_id, where.country, where.precision) == (2660646, "CHE", "city")
    event = {"location": "Kenya", "countries": ["KEN", "UGA"]}
    where = located("events", event)
    assert where is not None and (where.geonames_id, where.precision) == (192950, "country")
    assert located("documents", {"place": None, "parties": ["IND", "PAK"]}) is None
    assert located("events", {"location": "the Blue Room", "countries": ["KEN", "UGA"]}) is None


def test_rows_get_all_four_columns_or_none():
    rows = with_coordinates("documents", [{"place": "Geneva", "parties": ["IND", "PAK"]},
                                          {"place": None, "parties": ["IND", "PAK"]}])
    assert rows[0]["geonames_id"] == 2660646 and rows[0]["geo_precision"] == "city"
    assert all(rows[1][c] is None for c in ("geonames_id", "latitude", "longitude", "geo_precision"))
    df = pd.DataFrame({"geonames_id": [1, None, 1], "latitude": [1.0, None, None], "longitude": [2.0, None, 2.0],
                       "geo_precision": ["city", None, "city"]})
    assert geo_complete(df).tolist() == [True, True, False]


def test_an_articles_visit_and_signing_get_their_coordinates():
    text = ("Peruvian Foreign Minister Luis Quispe visited Mombasa, Kenya, on 4 March 2019. During the visit, "
            "Kenya and Peru signed an agreement on fisheries in Mombasa.")
    art = Article(article_id="art_geo", source_path="geo.txt", sha256="0" * 64, text=text,
                  published_date=dt.date(2019, 3, 5), language="en")
    rows = process_article(art)
    visits = [v for v in rows["visits"] if v["host_country"] == "KEN"]
    assert visits and all(v["geonames_id"] == 186301 and v["geo_precision"] == "city" for v in visits)
    signed = [d for d in rows["documents"] if d["place"] == "Mombasa"]
    assert signed and signed[0]["geonames_id"] == 186301
