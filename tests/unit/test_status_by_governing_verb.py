"""A fact's status is its clause's and that of the verb its clause completes: "is expected to visit" is
planned, "did not agree to sign" gives no signing; an invitation to meet and a signing called for are not
done (sentences written for these tests)."""
import datetime as dt

import pytest

from pipeline.extract.article import process_article
from pipeline.io.ingest import Article


def _rows(body: str) -> dict:
    return process_article(Article("art_status", "status.txt", "0" * 64, body, published_date=dt.date(2023, 11, 1)))


@pytest.mark.parametrize("body, status", [
    ("Prime Minister Ivo Rand of Latvia is expected to visit Chile in June 2024.", "planned"),
    ("Prime Minister Ivo Rand of Latvia plans to visit Chile in June 2024.", "planned"),
    ("Prime Minister Ivo Rand of Latvia visited Chile in June 2023.", "occurred"),
    ("Prime Minister Ivo Rand of Latvia decided to visit Chile in June 2023.", "occurred"),
])
def test_a_visit_takes_the_status_of_the_verb_it_completes(body, status):
    (visit,) = _rows(body)["visits"]
    assert (visit["visitor_country"], visit["host_country"], visit["status"]) == ("LVA", "CHL", status)


def test_a_signing_its_governing_verb_denies_is_no_document():
    assert _rows("Latvia did not agree to sign the fisheries agreement with Chile in 2023.")["documents"] == []
    assert len(_rows("Latvia agreed to sign the fisheries agreement with Chile on 4 May 2023.")["documents"]) == 1


def test_an_invitation_to_meet_is_a_planned_meeting():
    events = _rows("Chile invited Latvia to hold the next meeting of the joint commission in Santiago in 2024.")["events"]
    assert events and all(e["status"] == "planned" for e in events)


@pytest.mark.parametrize("body", [
    "The ministers of Chile and Latvia stressed the need to finalise a memorandum of understanding on fisheries.",
    "The ministers of Chile and Latvia called for the early conclusion of the agreement on double taxation.",
])
def test_a_signing_called_for_is_not_a_signed_document(body):
    assert _rows(body)["documents"] == []
