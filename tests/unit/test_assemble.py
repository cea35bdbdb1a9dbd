"""Batch parts are built as Arrow straight from the rows; they must equal the frame path's tables."""
import datetime as dt

from pipeline.arrow_tables import to_arrow
from pipeline.assemble import arrow_table, assign_ids, frame


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
