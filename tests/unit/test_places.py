"""Country names, demonyms, capitals and cities resolve to ISO 3166-1 alpha-3."""
import pytest

from pipeline.nlp.places import city_country, currency_of, resolve


@pytest.mark.parametrize("term,iso3", [
    ("Azerbaijan", "AZE"), ("Azerbaijani", "AZE"), ("Azeri", "AZE"), ("Pakistan", "PAK"), ("Pakistani", "PAK"),
    ("Pakistanis", "PAK"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Turkish", "TUR"), ("Kazakh", "KAZ"),
    ("Kazakhstani", "KAZ"), ("Uzbek", "UZB"), ("Turkmen", "TKM"), ("Hungarian", "HUN"), ("Georgia", "GEO"),
    ("United States", "USA"), ("US", "USA"), ("British", "GBR"), ("Russia", "RUS"), ("Iran", "IRN"),
    ("South Korea", "KOR"), ("Baku", "AZE"), ("Islamabad", "PAK"), ("Ankara", "TUR"), ("Astana", "KAZ"),
    ("Nur-Sultan", "KAZ"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Tbilisi", "GEO"), ("Budapest", "HUN"),
])
def test_resolve(term, iso3):
    assert resolve(term) == iso3


@pytest.mark.parametrize("term", ["President", "Summit", "the", "Khojaly", ""])
def test_not_a_place(term):
    assert resolve(term) is None


@pytest.mark.parametrize("city,iso3", [("Rawalpindi", "PAK"), ("Samarkand", "UZB"), ("Batumi", "GEO"),
                                       ("Ganja", "AZE"), ("Muzaffarabad", "PAK"), ("Milan", "ITA"),
                                       ("Antalya", "TUR"), ("Lahore", "PAK")])
def test_city_country(city, iso3):
    assert city_country(city) == iso3


def test_currency_of_country():
    assert (currency_of("AZE"), currency_of("TKM"), currency_of("TUR")) == ("AZN", "TMT", "TRY")
