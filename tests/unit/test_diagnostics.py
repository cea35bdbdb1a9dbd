"""Diagnostics: what the rules saw but could not use, on short texts written for these tests."""
import datetime as dt

import pytest

from pipeline.nlp.annotate import load_nlp
from pipeline.extract.context import build_context
from pipeline.extract.diagnostics import build_diagnostics, trigger_words, unknown_currencies
from pipeline.io.ingest import Article
from pipeline.extract.article import process_article

NO_ROWS = {"visits": [], "documents": [], "trade": [], "events": []}


def _article(body: str) -> Article:
    return Article(article_id="art_test", source_path="t.txt", sha256="0" * 64, text=body,
                   published_date=dt.date(2024, 9, 12), language="en")


def _ctx(body: str):
    art = _article(body)
    return build_context(art, load_nlp()(art.text))


def _found(rows: list[dict]) -> list[tuple[str, str, str]]:
    return [(d["kind"], d["detail"], d["evidence"]) for d in rows]


def test_trigger_words_come_from_the_extractors_lexicons():
    assert {"visit", "travel", "arrive"} <= trigger_words("visits")
    assert {"memorandum", "treaty", "agreement"} <= trigger_words("documents")
    assert {"export", "import", "turnover", "loan"} <= trigger_words("trade")
    assert "anniversary" in trigger_words("events")
    with pytest.raises(ValueError):
        trigger_words("articles")


def test_a_trigger_sentence_without_a_row_is_listed_with_its_table_and_word():
    body = ("Uruguay's exports of beef kept rising. "
            "The Senate approved the budget.")
    got = _found(build_diagnostics(_ctx(body), NO_ROWS))
    assert got == [("trigger_without_row", "trade: export", "Uruguay's exports of beef kept rising.")]


def test_a_sentence_that_gave_a_row_of_the_table_is_not_listed():
    body = "Prime Minister Sara Lind of Iceland travelled to Oslo. Officials travelled home afterwards."
    ctx = _ctx(body)
    first = body.index("Officials") - 1
    row = {"char_start": 0, "char_end": first}
    got = _found(build_diagnostics(ctx, {**NO_ROWS, "visits": [row]}))
    assert got == [("trigger_without_row", "visits: travel", "Officials travelled home afterwards.")]
    # a row of another table does not cover the sentence for visits
    assert ("trigger_without_row", "visits: travel", body[:first]) in _found(
        build_diagnostics(ctx, {**NO_ROWS, "trade": [row]}))


def test_words_that_only_look_like_triggers_are_not_listed():
    body = ("According to officials, the head of the delegation spoke first. "
            "The envoy plans to retire.")
    assert [d for d in build_diagnostics(_ctx(body), NO_ROWS) if d["kind"] == "trigger_without_row"] == []


def test_events_count_only_dated_sentences():
    body = "The two navies held a joint exercise. The two armies held a joint exercise on 4 June 2023."
    got = _found(build_diagnostics(_ctx(body), NO_ROWS))
    assert got == [("trigger_without_row", "events: exercise", "The two armies held a joint exercise on 4 June 2023.")]


def test_place_names_the_gazetteer_cannot_place():
    body = ("Foreign Minister Ana Rojas of Paraguay travelled to Port Vila in March. "
            "She will then fly to Zembria and to President Otto Valk's residence.")
    got = [d for d in build_diagnostics(_ctx(body), NO_ROWS) if d["kind"] == "unresolved_place"]
    assert [d["detail"] for d in got] == ["Zembria"]
    assert got[0]["evidence"] == "She will then fly to Zembria and to President Otto Valk's residence."


def test_an_unresolved_place_is_listed_once_per_article():
    body = "The delegation arrived in Zembria on Monday. It stayed in Zembria until Friday."
    got = [d["detail"] for d in build_diagnostics(_ctx(body), NO_ROWS) if d["kind"] == "unresolved_place"]
    assert got == ["Zembria"]


def test_capitalised_words_after_to_or_in_count_only_in_visit_sentences():
    body = "Growth in Zembria slowed. The envoy travelled to Korvath Bay."
    art = _article(body)
    doc = load_nlp()(body)
    doc.ents = []  # no entities: only the words after "to"/"in" are looked at
    got = [d for d in build_diagnostics(build_context(art, doc), NO_ROWS) if d["kind"] == "unresolved_place"]
    assert _found(got) == [("unresolved_place", "Korvath Bay", "The envoy travelled to Korvath Bay.")]


def test_unknown_currency_words_become_rows_at_their_sentence():
    body = "Trade stood at 40 million zorkels in 2023. Nothing else was said."
    ctx = _ctx(body)
    at = body.index("zorkels")
    got = unknown_currencies(ctx, [(at, at + len("zorkels"), "zorkels")])
    assert _found(got) == [("unknown_currency", "zorkels", "Trade stood at 40 million zorkels in 2023.")]
    assert got[0]["_anchor"] == at


def test_the_context_gives_the_unknown_currency_words_of_every_sentence():
    body = "Aid reached 3 million florbs in 2020. Trade stood at 40 million zorkels in 2023; $5 million was lent."
    ctx = _ctx(body)
    assert [(body[s:e], w) for s, e, w in ctx.unknown_currencies] == [("florbs", "florbs"), ("zorkels", "zorkels")]
    got = [d for d in build_diagnostics(ctx, NO_ROWS) if d["kind"] == "unknown_currency"]
    assert [d["detail"] for d in got] == ["florbs", "zorkels"]


def test_process_returns_diagnostics_beside_the_facts():
    body = "Minister Ivo Kask of Estonia travelled to Zembria on 2 May 2024.\n\nTrade with Zembria fell."
    out = process_article(_article(body))
    assert set(out) == {"visits", "documents", "trade", "events", "diagnostics"}
    assert [(d["kind"], d["detail"]) for d in out["diagnostics"]] == [
        ("trigger_without_row", "visits: travel"), ("trigger_without_row", "trade: trade"),
        ("unresolved_place", "Zembria")]
    for d in out["diagnostics"]:
        assert body[d["char_start"]:d["char_end"]] == d["evidence"]
