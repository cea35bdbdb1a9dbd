"""inferred_fields: values taken from outside a row's own sentence are marked, stated ones are not
(short texts written for these tests)."""
import datetime as dt

from pipeline.io.ingest import Article
from pipeline.extract.article import process_article
from schemas.fields import DATED


def _run(body: str) -> dict[str, list[dict]]:
    return process_article(Article(article_id="art_test", source_path="t.txt", sha256="0" * 64, text=body,
                                   published_date=dt.date(2024, 9, 12), language="en"))


def _by_evidence(rows: list[dict], start: str) -> list[dict]:
    return [r for r in rows if r["evidence"].startswith(start)]


def test_a_fully_stated_visit_marks_nothing():
    out = _run("President Alan Soto of Peru visited Bolivia on 3 May 2023.")
    assert [v["inferred_fields"] for v in out["visits"]] == [[]]
    assert [e["inferred_fields"] for e in out["events"]] == [[]]


def test_a_date_carried_from_the_visit_a_signing_happened_during():
    out = _run("President Alan Soto of Peru visited Bolivia on 3 May 2023. "
               "During the visit, the two presidents signed an agreement on water.")
    doc, = _by_evidence(out["documents"], "During the visit")
    assert doc["date_start"] == dt.date(2023, 5, 3)
    assert doc["inferred_fields"] == list(DATED)
    event, = [e for e in out["events"] if e["event_type"] == "agreement"]
    assert event["inferred_fields"] == list(DATED)  # the event inherits what its document inferred


def test_a_date_carried_from_the_previous_sentence():
    out = _run("Chilean Foreign Minister Rosa Vidal arrived in Lima on 14 March 2023. "
               "Later she travelled to Ecuador for talks.")
    later, = _by_evidence(out["visits"], "Later")
    assert later["date_start"] == dt.date(2023, 3, 14)
    assert set(DATED) <= set(later["inferred_fields"])
    first, = _by_evidence(out["visits"], "Chilean")
    assert not set(DATED) & set(first["inferred_fields"])


def test_a_visitor_country_taken_from_the_article_main_pair():
    out = _run("Kenya and Tanzania are old partners. Kenya and Tanzania share a long border.\n\n"
               "Minister Grace Wanjiru travelled to Tanzania on 2 June 2024.")
    visit, = out["visits"]
    assert (visit["visitor_country"], visit["host_country"]) == ("KEN", "TZA")
    assert visit["inferred_fields"] == ["visitor_country"]


def test_parties_filled_from_the_article_main_pair():
    out = _run("Kenya and Tanzania held talks in Arusha. The treaty on the shared border was signed in Nairobi.")
    treaty, = out["documents"]
    assert treaty["parties"] == ["KEN", "TZA"] and treaty["inferred_fields"] == ["parties"]


def test_trade_marks_the_countries_the_sentence_does_not_name():
    out = _run("Togo and Ghana signed a customs pact. Togo and Ghana are neighbours.\n\n"
               "Togo's exports to Ghana reached $5 million in 2023. Turnover reached $9 million in 2022.")
    named, = _by_evidence(out["trade"], "Togo's exports")
    assert named["inferred_fields"] == []
    filled, = _by_evidence(out["trade"], "Turnover")
    assert filled["inferred_fields"] == ["reporter", "partner"]
