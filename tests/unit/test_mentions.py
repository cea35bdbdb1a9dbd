"""One fact mentioned twice in an article is one row (texts written for these tests)."""
import datetime as dt

from pipeline.extract.mentions import merge_facts
from pipeline.extract.rows import Fact
from pipeline.io.ingest import Article
from pipeline.extract.article import process_article


def _run(body: str, title: str | None = None):
    art = Article(article_id="art_m", source_path="m.txt", sha256="0" * 64, text=body,
                  published_date=dt.date(2024, 5, 20), language="en", title=title)
    return process_article(art)


def test_a_headline_restating_the_body_gives_one_document_with_the_body_date():
    body = ("Ghana, Peru sign $50m loan agreement\n\n"
            "Ghana and Peru signed a $50m loan agreement in Accra on 14 May 2024.")
    docs = _run(body)["documents"]
    assert len(docs) == 1
    assert docs[0]["date_start"] == dt.date(2024, 5, 14)


def test_a_lead_and_a_later_short_mention_of_one_visit_give_one_row_with_the_full_name():
    body = ("Chilean President Maria Soto visited Argentina on 4 March 2024.\n\n"
            "Soto visited Argentina to discuss lithium.")
    visits = _run(body)["visits"]
    assert [(v["visitor_name"], v["host_country"], v["date_start"]) for v in visits] == [
        ("Maria Soto", "ARG", dt.date(2024, 3, 4))]


def test_two_visits_of_one_person_in_different_months_stay_two():
    body = ("Chilean President Maria Soto visited Argentina on 4 March 2024.\n\n"
            "Maria Soto visited Argentina again on 9 July 2024.")
    visits = _run(body)["visits"]
    assert sorted(v["date_start"] for v in visits) == [dt.date(2024, 3, 4), dt.date(2024, 7, 9)]


def test_rows_of_one_span_are_never_merged_and_different_values_stay_apart():
    a = {"char_start": 0, "char_end": 10, "indicator": "exports", "value": 5e6, "currency": "USD", "year": 2020,
         "status": None}
    same_span = dict(a)
    other_value = {**a, "char_start": 20, "value": 7e6}
    restated = {**a, "char_start": 40, "value": 5.01e6}
    facts = [Fact(r, r["char_start"]) for r in (a, same_span, other_value, restated)]  # type: ignore[arg-type]
    assert len(merge_facts("trade", facts)) == 3


def test_undated_signings_after_a_dated_one_take_its_date_marked_inferred():
    body = ("Chile and Peru signed an agreement on fisheries in Lima on 14 March 2023.\n\n"
            "The two ministers of transport also signed a protocol on rail freight.\n\n"
            "Back in 1998, Chile and Peru signed a treaty on the border.")
    docs = {d["doc_type"]: d for d in _run(body)["documents"]}
    assert docs["protocol"]["date_start"] == dt.date(2023, 3, 14)
    assert "date_start" in docs["protocol"]["inferred_fields"]
    assert docs["treaty"]["date_start"] == dt.date(1998, 1, 1)


def test_the_agreements_named_again_after_a_package_are_the_package():
    body = ("Namibia and Botswana signed five bilateral agreements in Windhoek on 8 August 2023.\n\n"
            "The two presidents witnessed the signing of the agreements on cooperation in health, mining and tourism.")
    docs = _run(body)["documents"]
    assert [(d["count"], d["date_start"]) for d in docs] == [(5, dt.date(2023, 8, 8))]


def test_a_generic_mention_and_the_named_instrument_are_one_document():
    body = ("Ghana and Togo signed the historic treaty in Lome on 2 June 2022.\n\n"
            "The signing of the Border Security Treaty marks a new chapter for Ghana and Togo, officials said.\n\n"
            "Ghana and Togo also signed an agreement on fisheries.")
    docs = _run(body)["documents"]
    treaties = [d for d in docs if d["doc_type"] == "treaty"]
    assert len(treaties) == 1 and "Border Security Treaty" in treaties[0]["title"]
    assert treaties[0]["date_start"] == dt.date(2022, 6, 2)
    assert [d["doc_type"] for d in docs].count("agreement") == 1


def test_a_signing_after_a_dated_visit_takes_the_visit_dates():
    body = ("Peruvian President Ana Ruiz paid a state visit to Portugal on 12-14 June 2023.\n\n"
            "The two sides signed an agreement on maritime transport.")
    (doc,) = _run(body)["documents"]
    assert (doc["date_start"], doc["date_end"]) == (dt.date(2023, 6, 12), dt.date(2023, 6, 14))
    assert "date_start" in doc["inferred_fields"]


def test_an_uncounted_set_of_instruments_is_one_row_and_this_agreement_refers_back():
    body = ("Chile and Uruguay signed major agreements across several fields on 4 April 2024.\n\n"
            "Officials said the signing of this important agreement opens a new chapter for Chile and Uruguay.")
    docs = _run(body)["documents"]
    assert [(d["doc_type"], d.get("count"), d["date_start"]) for d in docs] == [("other", None, dt.date(2024, 4, 4))]


def test_a_sentence_cut_after_an_abbreviation_takes_the_day_just_before():
    body = ("On 8 July, at 10:45 a.m. local time, the foreign ministers of Chile and Peru signed the "
            "Agreement on Border Crossings.")
    (doc,) = _run(body)["documents"]
    assert doc["date_start"] == dt.date(2024, 7, 8)


def test_a_relative_clause_in_the_future_does_not_make_a_signing_planned():
    body = "On 3 May 2024 Chile and Peru signed the Agreement on fast ferries that will operate between the two countries."
    (doc,) = _run(body)["documents"]
    assert doc["status"] == "occurred"


def test_a_member_named_after_including_is_a_document_of_its_own():
    body = ("Namibia and Botswana on 8 August 2023 signed five bilateral agreements, including a pact on the "
            "construction of a railway.")
    docs = _run(body)["documents"]
    assert sorted((d["doc_type"], d.get("count") or 0) for d in docs) == [("agreement", 0), ("agreement", 5)]
    assert all(d["date_start"] == dt.date(2023, 8, 8) for d in docs)


def test_typed_facts_merge_like_rows_and_keep_the_kept_mentions_anchor():
    from pipeline.extract.mentions import merge_facts
    from pipeline.extract.rows import Fact

    undated = {"char_start": 0, "char_end": 10, "indicator": "exports", "value": 5e6, "currency": "USD",
               "year": None, "status": None, "date_start": None, "inferred_fields": []}
    dated = {**undated, "char_start": 40, "year": 2020, "date_start": dt.date(2020, 1, 1),
             "date_end": dt.date(2020, 12, 31)}
    other = {**undated, "char_start": 80, "value": 9e6}
    merged = merge_facts("trade", [Fact(undated, 3), Fact(dated, 45, trade=7), Fact(other, 85)])
    assert [(f.anchor, f.trade, f.row["char_start"], f.row["year"]) for f in merged] == [
        (45, 7, 40, 2020), (85, None, 80, None)]  # the dated mention says more: it is kept, with its anchor
    assert [f.record()["_anchor"] for f in merged] == [45, 85]
    assert merged[0].record()["_trade_ref"] == 7 and "_trade_ref" not in merged[1].record()


def test_of_two_equally_complete_mentions_of_one_visit_the_narrower_date_is_kept():
    body = ("Uruguayan President Jorge Ibarra visited Ecuador twice, in 2006 and 2013.\n\n"
            "Jorge Ibarra visited Ecuador again in November 2013.")
    visits = _run(body)["visits"]
    assert sorted((v["date_start"], v["date_end"]) for v in visits) == [
        (dt.date(2006, 1, 1), dt.date(2006, 12, 31)), (dt.date(2013, 11, 1), dt.date(2013, 11, 30))]
