"""Batch parts are built as Arrow straight from the rows; they must equal the frame path's tables."""
import datetime as dt

from pipeline.tables.arrow_tables import to_arrow
from pipeline.tables.assemble import arrow_table, assign_ids, frame


def _trade(start, value, currency, year, commodity=None):
    return {"char_start": start, "char_end": start + 10, "evidence": "x" * 10, "extractor": "trade.amount",
            "indicator": "turnover", "reporter": "GHA", "partner": "TGO", "flow_from": None, "flow_to": None,
            "year": year, "value": value, "currency": currency, "commodity": commodity, "value_text": None,
            "date_start": dt.date(year, 1, 1) if year else None, "date_end": dt.date(year, 12, 31) if year else None,
            "date_precision": "year" if year else "unknown", "date_text": str(year) if year else None,
            "date_source": "explicit" if year else None}


def test_arrow_parts_equal_the_frame_path():
    rows = [_trade(40, 5_000_000, "USD", 2021), _trade(12, None, None, None, ["cotton", "grain"]),
            _trade(12, 7.5e9, "EUR", 2019)]  # unsorted on purpose, with nulls, an int value and a list
    ids = assign_ids("art_0000000000000001", {"visits": [], "documents": [], "trade": rows, "events": []})
    trade = ids["trade"]
    built = arrow_table("trade", trade)
    assert built.equals(to_arrow("trade", frame("trade", trade)))
    assert built.column("char_start").to_pylist() == [12, 12, 40]
    assert built.column("date_edtf").to_pylist()[2] == "2021"


def test_a_row_without_its_sort_key_takes_the_frame_path():
    rows = [dict(_trade(5, 1.0, "USD", 2020), article_id=None, trade_id="tra_b"),
            dict(_trade(3, 2.0, "USD", 2020), article_id="art_a", trade_id="tra_a")]
    assert arrow_table("trade", rows).equals(to_arrow("trade", frame("trade", rows)))


def _document(start, title, count=None, **extra):
    return {"char_start": start, "char_end": start + 20, "evidence": "y" * 20, "extractor": "documents.signed",
            "title": title, "doc_type": "agreement", "action": "signed", "parties": ["GHA", "TGO"], "organisations": [],
            "issuer": None, "place": None, "status": "occurred", "date_start": None, "date_end": None,
            "date_precision": "unknown", "date_text": None, "date_source": None, "count": count, "_anchor": start,
            **extra}


def test_package_members_link_to_their_package_row():
    rows = [_document(0, "agreements", count=3), _document(30, "Agreement on Fisheries", _package_ref=0),
            _document(30, "Agreement on Customs", _package_ref=0), _document(60, "Treaty on Borders")]
    docs = assign_ids("art_0000000000000002", {"documents": rows})["documents"]
    package = docs[0]["document_id"]
    assert [d["package_id"] for d in docs] == [None, package, package, None]
    assert all("_package_ref" not in d for d in docs)
    assert frame("documents", docs)["count"].tolist()[0] == 3
    assert arrow_table("documents", docs).column("count").to_pylist() == [3, None, None, None]


def test_events_link_to_detail_rows_of_the_same_article():
    docs = [_document(0, "Agreement on Fisheries"), _document(30, "Treaty on Borders")]
    event = {"char_start": 30, "char_end": 50, "evidence": "y" * 20, "event_type": "agreement",
             "countries": ["GHA", "TGO"], "_anchor": 30, "_document_ref": 1}
    out = assign_ids("art_0000000000000003", {"documents": docs, "events": [event]})
    assert out["events"][0]["document_id"] == out["documents"][1]["document_id"]
    assert out["events"][0]["visit_id"] is None and out["events"][0]["trade_id"] is None


def test_inferred_fields_default_to_empty_and_list_columns_in_table_order():
    rows = [_trade(12, 1.0, "USD", 2020), dict(_trade(40, 2.0, "USD", 2021),
                                                inferred_fields=["date_end", "partner", "date_end", "reporter"])]
    trade = assign_ids("art_0000000000000004", {"trade": rows})["trade"]
    assert arrow_table("trade", trade).column("inferred_fields").to_pylist() == [
        [], ["reporter", "partner", "date_end"]]
    assert frame("trade", trade)["inferred_fields"].tolist() == [[], ["reporter", "partner", "date_end"]]


def test_diagnostics_get_ids_like_the_facts():
    row = {"char_start": 5, "char_end": 25, "evidence": "z" * 20, "kind": "unresolved_place", "detail": "Zembria",
           "_anchor": 9}
    first = assign_ids("art_0000000000000005", {"diagnostics": [row, dict(row, detail="Korvath")]})["diagnostics"]
    again = assign_ids("art_0000000000000005", {"diagnostics": [row]})["diagnostics"]
    assert first[0]["diagnostic_id"].startswith("dia_") and first[0]["diagnostic_id"] == again[0]["diagnostic_id"]
    assert first[0]["diagnostic_id"] != first[1]["diagnostic_id"]
    assert arrow_table("diagnostics", first).equals(to_arrow("diagnostics", frame("diagnostics", first)))


def test_a_yearless_day_on_an_undated_page_keeps_its_day_and_month_as_edtf():
    row = dict(_trade(5, 1.0, "USD", None), date_precision="day", date_text="12 October", date_source="unresolved")
    done = assign_ids("art_0000000000000005", {"trade": [row, _trade(30, 2.0, "USD", 2021)]})["trade"]
    assert frame("trade", done)["date_edtf"].tolist() == ["XXXX-10-12", "2021"]
