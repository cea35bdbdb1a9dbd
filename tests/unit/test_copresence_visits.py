"""Visits never said with "visit": a person of one state who calls on, returns a visit to, or is with the
officials of another state in a place of theirs travelled there; a demand ("called on X to ..."), a
phone or video call, a meeting at home or an envoy posted there gives no visit (sentences written for these tests)."""
import datetime as dt

import pytest

from pipeline.io.ingest import Article, parse_article
from pipeline.extract.article import process_article


def _visits(body: str, outlet: str | None = None) -> list[tuple]:
    art = Article(article_id="art_copresence", source_path="t.txt", sha256="0" * 64, text=body,
                  published_date=dt.date(2024, 9, 12), language="en", outlet=outlet)
    return [(v["visitor_name"], v["visitor_country"], v["host_country"], v["host_city"], v["date_start"],
             sorted(v["inferred_fields"]))
            for v in process_article(art)["visits"]]


def test_a_call_on_the_head_of_another_state_at_his_residence_is_a_visit():
    got = _visits("Malian Trade Minister Awa Traore called on Senegalese President Ibou Ndiaye at his "
                  "residence in Dakar on 14 April 2024.")
    assert got == [("Awa Traore", "MLI", "SEN", "Dakar", dt.date(2024, 4, 14), [])]


def test_a_courtesy_call_paid_on_a_foreign_leader_is_a_visit():
    got = _visits("Icelandic Foreign Minister Sigrun Olafs paid a courtesy call on Irish Prime Minister "
                  "Declan Moore on 2 June 2024.")
    assert got == [("Sigrun Olafs", "ISL", "IRL", None, dt.date(2024, 6, 2), [])]


def test_a_returned_visit_goes_to_the_other_state_of_the_report_inferred():
    got = _visits("Slovak President Jana Kral paid a state visit to Croatia in June 2021. "
                  "The visit was reciprocated by Croatian President Ivo Baric in October 2022.")
    assert ("Ivo Baric", "HRV", "SVK", None, dt.date(2022, 10, 1), ["host_country"]) in got


def test_received_by_our_president_on_a_ministry_page_is_a_visit_to_the_publisher():
    got = _visits("Uruguayan Foreign Minister Lucia Pereyra was received by our President on 3 March 2024.",
                  outlet="Ministry of Foreign Affairs of Paraguay")
    assert got == [("Lucia Pereyra", "URY", "PRY", None, dt.date(2024, 3, 3), ["host_country"])]


@pytest.mark.parametrize("body, outlet", [
    # a demand, not a call; a call on one's own head of state at home
    ("Malian Trade Minister Awa Traore called on Senegalese President Ibou Ndiaye to reopen the border on 14 April 2024.", None),
    ("Malian Trade Minister Awa Traore called on the donors to keep their promises.", None),
    ("Malian Trade Minister Awa Traore called on Malian President Oumar Keita in Bamako on 14 April 2024.", None),
    # an envoy posted in the city who meets its officials
    ("The Bolivian Ambassador in Quito, Elena Mamani, met Ecuadorian Foreign Minister Rosa Mera on 3 May 2024.", None),
    ("Bolivian Ambassador to Ecuador Elena Mamani met Ecuadorian Foreign Minister Rosa Mera in Quito on 3 May 2024.", None),
    ("Bolivian High Commissioner Elena Mamani and Ecuadorian Foreign Minister Rosa Mera met in Quito on 3 May 2024.", None),
    # a meeting held at a distance
    ("Latvian Foreign Minister Ilze Berzina held talks by video link with Thai Foreign Minister Somchai Dee "
     "in Bangkok on 3 May 2024.", None),
    ("Latvian President Ilze Berzina met virtually with Thai Prime Minister Somchai Dee, who was in Bangkok, "
     "on 3 May 2024.", None),
    ("Latvian President Ilze Berzina took part online in the forum held in Bangkok on 3 May 2024.", None),
    ("Thai Prime Minister Somchai Dee received a phone call from Latvian President Ilze Berzina in Bangkok "
     "on 3 May 2024.", None),
    # a returned gesture, not a visit
    ("Slovak President Jana Kral praised Croatia in June 2021. "
     "Croatian President Ivo Baric reciprocated the gesture in October 2022.", None),
    # "our President" with no publisher known, "our staff" (not an office)
    ("Uruguayan Foreign Minister Lucia Pereyra was received by our President on 3 March 2024.", None),
    ("Uruguayan Foreign Minister Lucia Pereyra was received by our staff on 3 March 2024.",
     "Ministry of Foreign Affairs of Paraguay"),
])
def test_no_visit(body, outlet):
    assert _visits(body, outlet) == []


def test_a_special_envoy_who_meets_officials_in_their_capital_visited():
    got = _visits("Bolivian Special Envoy Elena Mamani met Ecuadorian Foreign Minister Rosa Mera in Quito "
                  "on 3 May 2024.")
    assert got == [("Elena Mamani", "BOL", "ECU", "Quito", dt.date(2024, 5, 3), [])]


def test_a_speaker_at_a_session_held_in_another_states_city_visited():
    got = _visits("Omani Foreign Minister Salim Harthy addressed the plenary session of the forum in Nairobi "
                  "on 8 April 2024.")
    assert got == [("Salim Harthy", "OMN", "KEN", "Nairobi", dt.date(2024, 4, 8), [])]


def test_a_meeting_at_home_with_a_visiting_minister_is_the_visitors_visit_only():
    got = _visits("Tunisian Foreign Minister Hedi Mansour met visiting Maltese Foreign Minister Clara Vella "
                  "in Tunis on 9 June 2024.")
    assert got == [("Clara Vella", "MLT", "TUN", "Tunis", dt.date(2024, 6, 9), [])]


_RELEASE = ("Prime Minister Lars Holm meets President Rosa Vidal\n\n{place}\nMay 3, 2024\n\n"
            "Norwegian Prime Minister Lars Holm met today with Chilean President Rosa Vidal to discuss fisheries.\n")


def test_a_meeting_of_the_day_under_a_header_dateline_was_held_there_inferred():
    art = parse_article(_RELEASE.format(place="Valparaiso, Chile").encode(), "release.txt")
    assert art.dateline == "Valparaiso"
    got = [(v["visitor_name"], v["visitor_country"], v["host_country"], v["host_city"], v["date_start"],
            v["inferred_fields"]) for v in process_article(art)["visits"]]
    assert got == [("Lars Holm", "NOR", "CHL", "Valparaiso", dt.date(2024, 5, 3), ["host_country", "host_city"])]


@pytest.mark.parametrize("place", ["Valparaiso, Norway", "Press Office, Chile"])
def test_a_header_line_that_is_not_a_city_of_its_country_is_no_dateline(place):
    art = parse_article(_RELEASE.format(place=place).encode(), "release.txt")
    assert art.dateline is None
    assert process_article(art)["visits"] == []


def test_a_minister_who_signs_in_the_presence_of_another_states_president_was_there():
    got = _visits("Omani Foreign Minister Salim Harthy, in the presence of Kenyan President Amina Otieno, "
                  "signed the port agreement in Mombasa on 8 April 2024.")
    assert got == [("Salim Harthy", "OMN", "KEN", "Mombasa", dt.date(2024, 4, 8), [])]


def test_the_guest_named_after_an_invitation_is_the_visitor():
    got = _visits("At the invitation of His Excellency Juan Paredes, President of the Republic of Ecuador, His "
                  "Excellency Tomas Lind, President of the Republic of Finland, paid a four-day visit to Ecuador "
                  "from April 8-11, 2024.")
    assert [(g[0], g[1], g[2], g[4]) for g in got] == [("Tomas Lind", "FIN", "ECU", dt.date(2024, 4, 8))]
