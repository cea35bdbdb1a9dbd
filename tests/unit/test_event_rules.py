"""Events on short texts written for these tests (other names than any article the rules were developed
on): typing by the trigger and its arguments, one event per occurrence, each dated by its own phrase."""
import datetime as dt

import pytest

from pipeline.tables.assemble import assign_ids
from pipeline.io.ingest import Article
from pipeline.extract.article import process_article

_PUBLISHED = dt.date(2024, 9, 12)  # a Thursday


def _events(body: str, published: dt.date | None = _PUBLISHED) -> list[dict]:
    art = Article(article_id="art_ev", source_path="ev.txt", sha256="0" * 64, text=body,
                  published_date=published, language="en")
    return assign_ids(art.article_id, process_article(art))["events"]


def _typed(rows: list[dict]) -> set[tuple]:
    return {(r["event_type"], tuple(r["countries"]), r["date_start"]) for r in rows}


@pytest.mark.parametrize("body, want, not_want", [
    # a partnership upgrade is a step in the relations, not their start
    ("Peru and Chile upgraded their ties to a comprehensive strategic partnership in 2019.",
     ("other", ("CHL", "PER"), dt.date(2019, 1, 1)), "diplomatic_relations"),
    # a new dialogue format agreed on a date
    ("On 4 May 2021, Brazil and Nigeria agreed to hold a 2+2 dialogue of their foreign and defence ministers.",
     ("other", ("BRA", "NGA"), dt.date(2021, 5, 4)), "diplomatic_relations"),
    # relations established on a date, with the phrase wrapped over two lines
    (("Ghana and Chile signed nothing that year. Ghana's diplomatic\nrelations with Chile were established on "
      "12 March 1962."), ("diplomatic_relations", ("CHL", "GHA"), dt.date(1962, 3, 12)), None),
    # consultations and commission sessions held on a date are meetings, whatever they mark
    (("On 3 June 2015, at the 9th Dutch-Belgian intergovernmental consultations in Ghent, the Netherlands and "
      "Belgium released a statement on the 30th anniversary of their border treaty."),
     ("meeting", ("BEL", "NLD"), dt.date(2015, 6, 3)), "anniversary"),
    ("The fourth session of the Ghana-Togo Joint Commission was held in Accra on 8 March 2017.",
     ("meeting", ("GHA", "TGO"), dt.date(2017, 3, 8)), None),
    # a body set up is founded, not met
    ("Kenya and Uganda said the Joint Border Commission, which was set up in 2014, settles disputes.",
     ("institution_opening", ("KEN", "UGA"), dt.date(2014, 1, 1)), "meeting"),
    # a restoration of ties is diplomatic, not the restoration of a monument
    ("The restoration of ties between Chile and Bolivia came after talks on 11 May 2021.",
     ("diplomatic_relations", ("BOL", "CHL"), dt.date(2021, 5, 11)), "cultural"),
])
def test_typed_by_the_trigger_and_its_arguments(body, want, not_want):
    rows = _events(body)
    assert want in _typed(rows), _typed(rows)
    if not_want:
        assert not [r for r in rows if r["event_type"] == not_want], _typed(rows)


def test_each_dated_milestone_of_one_clause_is_an_event():
    body = ("Chile and Mexico, whose diplomatic relations date back decades, saw upgrades from comprehensive "
            "partnership in 2004 to strategic partnership in 2012 and to comprehensive strategic partnership in 2021.")
    got = {r["date_start"].year for r in _events(body) if r["event_type"] == "other"}
    assert got == {2004, 2012, 2021}
    assert not [r for r in _events(body) if r["event_type"] == "diplomatic_relations"]


def test_a_heading_and_its_paragraph_give_one_event():
    body = ("Diplomatic relations, 1995.\n\nPeru and Kenya established diplomatic relations in 1995.")
    rows = [r for r in _events(body) if r["event_type"] == "diplomatic_relations"]
    assert len(rows) == 1 and rows[0]["date_start"] == dt.date(1995, 1, 1)


def test_a_pasted_paragraph_gives_one_event():
    para = "The navies of Peru and Chile held joint drills off Arica on 3-6 June 2023."
    rows = _events(f"{para}\n\n{para}")
    assert len([r for r in rows if r["event_type"] == "military_exercise"]) == 1


@pytest.mark.parametrize("body, want", [
    # the page's own date line does not date the event; the clause's own date does
    ("date 2023-11-05 LIMA: The navies of Peru and Chile concluded joint drills held on 2-3 November 2023.",
     dt.date(2023, 11, 2)),
    # a written date in apposition to a relative one
    (("The presidents of Ghana and Togo will tomorrow, 14 March 2019, co-chair the third session of the "
      "Ghana-Togo Joint Commission."), dt.date(2019, 3, 14)),
])
def test_an_event_is_dated_by_its_own_phrase(body, want):
    rows = _events(body, dt.date(2019, 3, 12))
    assert want in {r["date_start"] for r in rows}, _typed(rows)


@pytest.mark.parametrize("body", [
    # the date of a relative clause about a person dates that person's trip, not the meeting
    ("On Monday the Kenyan president met separately with Ugandan President Yoweri Museveni, who had travelled "
     "to Kenya in March."),
])
def test_a_date_in_a_relative_clause_about_someone_is_not_the_events(body):
    rows = [r for r in _events(body) if r["event_type"] == "meeting"]
    assert all(r["date_start"] != dt.date(2024, 3, 1) for r in rows), _typed(rows)


def test_no_event_without_a_date_of_its_own():
    # "since 2019" starts a state; a weekday without a publication date cannot be resolved
    assert not [r for r in _events("Chile and Peru have restored full diplomatic relations, frozen since 2019.")
                if r["event_type"] == "diplomatic_relations"]
    assert _events("Chile opened its embassy in Lima on Wednesday.", published=None) == []


def test_talks_during_a_visit_are_one_meeting_linked_to_the_visit():
    body = ("Kenyan President William Ruto arrived in Lima on Monday for a state visit to Peru.\n\n"
            "During the talks, the two presidents discussed trade. The talks also covered mining.")
    rows = _events(body)
    meetings = [r for r in rows if r["event_type"] == "meeting"]
    visits = [r for r in rows if r["event_type"] == "visit"]
    assert len(visits) == 1 and len(meetings) == 1
    assert meetings[0]["visit_id"] == visits[0]["visit_id"]
    assert meetings[0]["date_start"] == visits[0]["date_start"]


def test_a_visit_made_during_a_summit_is_no_meeting():
    body = "The president of Ghana visited Peru during the regional climate summit on 3-4 May 2021."
    assert not [r for r in _events(body) if r["event_type"] == "meeting"]


def test_words_of_a_name_or_a_plan_do_not_type_an_event():
    # "Assistance" names an agreement; "agreed to" alone is no meeting
    assert not _events("Chile and Peru welcomed the entry into force on 17 February 2022 of the Agreement on "
                       "Mutual Administrative Assistance in Customs Matters.")
    assert not [r for r in _events("In 2013, Chile and Peru agreed to build a 300-kilometre power line.")
                if r["event_type"] == "meeting"]
