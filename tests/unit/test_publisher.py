"""The publisher's country, and the visits a state's own page writes of as to "our country" (sentences
written for these tests)."""
import datetime as dt

import pytest

from pipeline.io.ingest import Article
from pipeline.extract.article import process_article
from pipeline.extract.publisher_country import country_of_outlet, country_of_title, country_of_url, publisher_country


@pytest.mark.parametrize("outlet, want", [
    ("Ministry of Foreign Affairs of Ecuador", "ECU"),
    ("Ghanaian Ministry of Foreign Affairs", "GHA"),
    ("The Kenyan Standard", "KEN"),
    ("Embassy of Ghana in Kenya", None),  # two countries: no telling whose page
    ("Harbour Gazette", None),
    (None, None),
])
def test_country_of_outlet(outlet, want):
    assert country_of_outlet(outlet) == want


@pytest.mark.parametrize("url, want", [
    ("https://www.cancilleria.gob.ec/news/12", "ECU"),
    ("https://mfa.gov.gh/en/visits", "GHA"),
    ("https://www.gov.uk/news", "GBR"),
    ("https://news.co/visits", None),  # sold as a generic name
    ("https://example.com/ecuador/visits", None),
    ("https://example.tv/a", None),
    (None, None),
])
def test_country_of_url(url, want):
    assert country_of_url(url) == want


@pytest.mark.parametrize("title, want", [
    ("Bilateral visits | Ministry of Foreign Affairs of Ecuador", "ECU"),
    ("Ecuador and Ghana sign a trade accord", None),  # the subject, not the publisher
    (None, None),
])
def test_country_of_title(title, want):
    assert country_of_title(title) == want


def test_publisher_country_needs_the_sources_to_agree():
    assert publisher_country("Ministry of Foreign Affairs of Ecuador", "https://x.gob.ec/a", None) == "ECU"
    assert publisher_country(None, "https://x.gob.ec/a", "News") == "ECU"
    assert publisher_country("Ministry of Foreign Affairs of Ecuador", "https://x.gov.gh/a", None) is None
    assert publisher_country("Harbour Gazette", "https://example.com", "News") is None


def _visits(text: str, outlet=None, url=None, title=None) -> list[tuple]:
    art = Article(article_id="art_pub", source_path="t.txt", sha256="0" * 64, text=text, outlet=outlet, url=url,
                  title=title, published_date=dt.date(2024, 9, 12), language="en")
    return [(v["visitor_name"], v["visitor_country"], v["host_country"], str(v["date_start"]),
             sorted(v["inferred_fields"])) for v in process_article(art)["visits"]]


_VISIT = "Uruguayan President Jorge Ibarra visited our country on 6 June 2024."


@pytest.mark.parametrize("kwargs", [{"outlet": "Ministry of Foreign Affairs of Ecuador"},
                                    {"url": "https://www.cancilleria.gob.ec/news/12"},
                                    {"title": "Visits | Ministry of Foreign Affairs of Ecuador"}])
def test_our_country_is_the_publishers(kwargs):
    assert _visits(_VISIT, **kwargs) == [("Jorge Ibarra", "URY", "ECU", "2024-06-06", ["host_country"])]


@pytest.mark.parametrize("kwargs", [{}, {"outlet": "Harbour Gazette", "url": "https://example.com/a"},
                                    {"outlet": "Ministry of Foreign Affairs of Ecuador", "url": "https://x.gov.gh/a"}])
def test_our_country_without_a_known_publisher_gives_no_row(kwargs):
    assert _visits(_VISIT, **kwargs) == []


def test_our_country_in_a_quotation_is_the_speakers_not_the_publishers():
    text = 'The minister said: "Uruguayan President Jorge Ibarra visited our country on 6 June 2024."'
    assert _visits(text, outlet="Embassy of Ghana") == []


def test_a_list_under_visits_to_our_country():
    text = ("Visits to our country:\n"
            "Uruguayan President Jorge Ibarra (March 2019); Kenyan Foreign Minister Ruth Wanjiru (June 2021).\n")
    assert _visits(text, outlet="Ministry of Foreign Affairs of Ecuador") == [
        ("Jorge Ibarra", "URY", "ECU", "2019-03-01", ["host_country"]),
        ("Ruth Wanjiru", "KEN", "ECU", "2021-06-01", ["host_country"])]
    assert _visits(text) == []
