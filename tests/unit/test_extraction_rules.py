"""Extraction rules on short texts written for these tests (other countries and names than the
seed and the development articles, so that the rules are checked for what they say, not for one text)."""
import datetime as dt

import pytest

from pipeline.io.ingest import Article
from pipeline.extract.article import process_article


def _run(body: str, published=dt.date(2024, 9, 12)) -> dict[str, list[dict]]:
    art = Article(article_id="art_test", source_path="t.txt", sha256="0" * 64, text=body,
                  published_date=published, language="en")
    return process_article(art)


def _visits(body, **kw):
    return [(v["visitor_name"], v["visitor_title"], v["visitor_country"], v["host_country"], v["host_city"],
             v["date_start"], v["date_end"], v["status"]) for v in _run(body, **kw)["visits"]]


def test_untagged_names_coordinated_subjects_and_the_city_named_before():
    body = ("The defence ministers of Chile, Peru and Bolivia met in Arica on Tuesday.\n\n"
            "Peruvian Defence Minister Walter Astudillo and Bolivian Minister of Defence Edmundo Novillo "
            "travelled to the port city for the talks.")
    got = _visits(body)
    assert ("Walter Astudillo", "Defence Minister", "PER", "CHL", "Arica", dt.date(2024, 9, 10),
            dt.date(2024, 9, 10), "occurred") in got
    assert any(v[0] == "Edmundo Novillo" and v[2] == "BOL" and v[3] == "CHL" for v in got)


def test_the_demonym_capital_and_a_bare_surname():
    body = ("Ecuadorian President Daniel Noboa began a state visit to Spain on Monday.\n\n"
            "Noboa arrived in the Spanish capital on Monday and met the King.")
    got = _visits(body)
    assert ("Daniel Noboa", "President", "ECU", "ESP", "Madrid", dt.date(2024, 9, 9), dt.date(2024, 9, 9),
            "occurred") in got


def test_planned_visit_by_invitation_and_negated_visit():
    got = _visits("Lula accepted an invitation to pay a state visit to Angola later this year. "
                  "President Joao Lourenco did not travel to Brazil in March.")
    assert [(v[0], v[3], v[5], v[6], v[7]) for v in got] == [
        ("Lula", "AGO", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "planned")]


def test_represented_at_a_gathering_named_before():
    body = ("President Gustavo Petro did not attend the regional security conference held in Quito on 9-10 March; "
            "Colombia was represented by Deputy Foreign Minister Jorge Rojas.")
    got = _run(body)["visits"]
    assert len(got) == 1
    v = got[0]
    assert (v["visitor_name"], v["visitor_country"], v["host_country"], v["host_city"]) == \
        ("Jorge Rojas", "COL", "ECU", "Quito")
    assert (v["date_start"], v["date_end"], v["visit_type"]) == (dt.date(2024, 3, 9), dt.date(2024, 3, 10),
                                                                 "multilateral_event")
    assert v["visitor_role"] == "official"


def test_visits_listed_under_a_direction_heading():
    body = ("Visits from Kenya to Ethiopia:\n"
            "• President William Ruto – state visit to Addis Ababa, 3-4.02.2023.\n"
            "• Foreign Minister Musalia Mudavadi – participation in the African Union summit, Addis Ababa, "
            "17-18 February 2024.\n\n"
            "Visits from Ethiopia to Kenya:\n"
            "• Prime Minister Abiy Ahmed – an official visit to Kenya is planned for the autumn of 2024.")
    got = _run(body)["visits"]
    rows = [(v["visitor_name"], v["visitor_country"], v["host_country"], v["visit_type"], v["status"],
             v["date_start"]) for v in got]
    assert ("William Ruto", "KEN", "ETH", "state", "occurred", dt.date(2023, 2, 3)) in rows
    assert ("Musalia Mudavadi", "KEN", "ETH", "multilateral_event", "occurred", dt.date(2024, 2, 17)) in rows
    assert ("Abiy Ahmed", "ETH", "KEN", "official", "planned", dt.date(2024, 9, 1)) in rows


def test_a_listed_visit_that_names_no_occasion_has_none():
    body = ("Visits from Kenya to Ethiopia:\n"
            "• Foreign Minister Musalia Mudavadi – consultations, Addis Ababa, 3-4.02.2023.\n"
            "• President William Ruto – participation in the African Union summit, Addis Ababa, 17-18 February 2024.")
    got = {v["visitor_name"]: v for v in _run(body)["visits"]}
    assert got["Musalia Mudavadi"]["host_country"] == "ETH"
    assert got["Musalia Mudavadi"]["occasion"] is None  # "consultations" is what was done, not an occasion's name
    assert got["William Ruto"]["occasion"] == "African Union summit"


def test_documents_listed_by_topic_are_separate_rows():
    body = ("On 5 June, the ministers of Norway and Chile signed documents on cooperation in renewable energy, "
            "fisheries and polar research.")
    docs = _run(body)["documents"]
    assert sorted(d["title"] for d in docs) == [
        "document on cooperation in fisheries", "document on cooperation in polar research",
        "document on cooperation in renewable energy"]
    assert {d["date_start"] for d in docs} == {dt.date(2024, 6, 5)}
    assert all(d["parties"] == ["CHL", "NOR"] for d in docs)


def test_bracketed_instrument_entries_and_a_heading_that_says_not_signed():
    body = ("The main instruments between Ghana and Togo are:\n"
            "• Treaty of Friendship (Accra, 1995)\n"
            "• Agreement on Road Transport (signed 14.03.2011)\n\n"
            "Under negotiation:\n"
            "• Agreement on Double Taxation (Lome, 2024)")
    docs = _run(body)["documents"]
    got = sorted((d["title"], d["doc_type"], d["date_start"], d["place"]) for d in docs)
    assert got == [("Agreement on Road Transport", "agreement", dt.date(2011, 3, 14), None),
                   ("Treaty of Friendship", "treaty", dt.date(1995, 1, 1), "Accra")]


def test_programme_period_is_not_its_signing_date():
    body = "On Tuesday, the two speakers approved a roadmap of joint activities for 2025-2027 between Peru and Chile."
    [doc] = _run(body)["documents"]
    assert doc["date_start"] == dt.date(2024, 9, 10)


def test_date_comes_from_the_documents_own_clause():
    body = ("Earlier, the two presidents of Peru and Chile met several times in the 1990s, and the Treaty on Borders "
            "was signed during a visit to Lima in May 1998.")
    [doc] = _run(body)["documents"]
    assert (doc["date_start"], doc["date_end"]) == (dt.date(1998, 5, 1), dt.date(1998, 5, 31))


@pytest.mark.parametrize("sentence", [
    "More than forty bilateral agreements and memoranda have been concluded between Peru and Chile.",
    "The sides discussed a draft agreement on visas between Peru and Chile, but it was not signed.",
])
def test_counts_and_drafts_give_no_document(sentence):
    assert _run(sentence)["documents"] == []


def test_relative_day_without_publication_date_stays_unresolved():
    body = ("Chilean President Gabriel Boric met Peruvian leaders in Lima on Wednesday, the second and final day "
            "of Boric's official visit to Peru.")
    got = _run(body, published=None)["visits"]
    assert [(v["visitor_country"], v["host_country"], v["date_start"], v["date_end"], v["date_source"])
            for v in got] == [("CHL", "PER", None, None, "unresolved")]


def test_a_money_sentence_whose_root_is_not_a_verb_ends():
    # The sentence's root is a noun: walking up from the amount to a verb must stop at the root (an
    # identity test on spaCy tokens never did: each access makes a new Token object).
    import signal

    def _hung(signum, frame):
        raise TimeoutError("extraction did not end")

    old = signal.signal(signal.SIGALRM, _hung)
    signal.alarm(60)
    try:
        got = _run("Exports of fish from Chile to Peru: $40 million, an all-time high for the two countries.")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert [r["value"] for r in got["trade"]] == [40_000_000.0]


def test_semicolon_list_of_visitors_under_a_visits_heading():
    from pipeline.io.ingest import normalise

    body = normalise("Since relations were established, the main visits have been:\n"
                     "1. Major visits toChile:\n"
                     "Minister of Trade ERIK HANSEN (Sep 1994); member of the Storting INGRID BERG (Jan 1997);"
                     "State Secretary and Foreign Minister OLE DAHL (Mar 2001, Apr 2005);\n"
                     "2. Major visits to Norway:\n"
                     "Foreign Minister JUAN PEREZ (May 1999).")
    art = Article(article_id="art_test", source_path="t.txt", sha256="0" * 64, text=body,
                  published_date=dt.date(2009, 10, 9), language="en", title="Chile-Norway relations")
    got = {(v["visitor_name"], v["visitor_country"], v["host_country"], v["date_start"])
           for v in process_article(art)["visits"]}
    assert got == {("Erik Hansen", "NOR", "CHL", dt.date(1994, 9, 1)), ("Ingrid Berg", "NOR", "CHL", dt.date(1997, 1, 1)),
                   ("Ole Dahl", "NOR", "CHL", dt.date(2001, 3, 1)), ("Ole Dahl", "NOR", "CHL", dt.date(2005, 4, 1)),
                   ("Juan Perez", "CHL", "NOR", dt.date(1999, 5, 1))}


@pytest.mark.parametrize("sentence, flows", [
    ("In 2022 Chile exported goods worth $70 million to Ghana, while Ghana exported $20 million to Chile.",
     {70e6: ("CHL", "GHA"), 20e6: ("GHA", "CHL")}),
    ("Peruvian exports to Kenya totalled $30 million in 2021, while imports from Kenya amounted to $4 million.",
     {30e6: ("PER", "KEN"), 4e6: ("KEN", "PER")}),
])
def test_each_clause_gives_its_own_direction(sentence, flows):
    got = {r["value"]: (r["flow_from"], r["flow_to"]) for r in _run(sentence)["trade"]}
    assert got == flows


@pytest.mark.parametrize("body, expected", [
    # the second clause's exporter is named by an epithet: the country named last before it
    ("Chile's exports to Kenya rose to $70 million in 2022, while the exports of the East African country "
     "reached $20 million.", {70e6: ("CHL", "KEN", 2022), 20e6: ("KEN", "CHL", 2022)}),
    # the importer is the clause's subject; a figure after a dated one in the passage takes its year
    ("Trade between Ghana and Peru reached $90 million in 2021. Ghana imported goods worth $60 million.",
     {90e6: (None, None, 2021), 60e6: ("PER", "GHA", 2021)}),
])
def test_trade_direction_and_year_from_the_passage(body, expected):
    got = {r["value"]: (r["flow_from"], r["flow_to"], r["year"]) for r in _run(body)["trade"]}
    assert got == expected


def test_important_is_not_import():
    body = "The leaders of Chile and Peru discussed every important aspect of trade, energy and defence."
    assert _run(body)["trade"] == []
