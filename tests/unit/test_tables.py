"""Schema checks of the columns that mark inferred values, document packages and diagnostics."""
from pipeline.tables.assemble import assign_ids, frame
from pipeline.quality.validate_tables import validate_table

ARTICLE = "art_0000000000000009"


def _document(start, count=None, **extra):
    return {"char_start": start, "char_end": start + 20, "evidence": "y" * 20, "extractor": "documents.signed",
            "title": f"Agreement {start}", "doc_type": "agreement", "action": "signed", "parties": ["CHL", "PER"], "organisations": [],
            "issuer": None, "place": None, "status": "occurred", "date_start": None, "date_end": None,
            "date_precision": "unknown", "date_text": None, "date_source": None, "count": count,
            "_anchor": start, **extra}


def _visit(**extra):
    return {"char_start": 0, "char_end": 20, "evidence": "v" * 20, "extractor": "visits.clause",
            "visitor_name": "Ana Rojas", "visitor_title": None, "visitor_role": "other", "visitor_country": "PRY",
            "host_country": "URY", "host_city": None, "visit_type": "unspecified", "occasion": None,
            "status": "occurred", "date_start": None, "date_end": None, "date_precision": "unknown",
            "date_text": None, "date_source": None, "_anchor": 0, **extra}


def _checks(name: str, rows: list[dict]) -> list[str]:
    """The checks the rows fail, one entry per quarantined row."""
    df = frame(name, assign_ids(ARTICLE, {name: rows})[name])
    return [q["check"] for q in validate_table(name, df)[1]]


def test_inferred_fields_must_name_columns_of_the_table():
    assert _checks("visits", [_visit(), _visit(inferred_fields=["visitor_country", "date_start"])]) == []
    failed = _checks("visits", [_visit(inferred_fields=["parties"])])  # a documents column, not a visits one
    assert failed == ["names_columns_of_the_table"]


def test_inferred_fields_is_never_null():
    df = frame("visits", assign_ids(ARTICLE, {"visits": [_visit()]})["visits"])
    df.at[0, "inferred_fields"] = None
    assert len(validate_table("visits", df)[1]) == 1


def test_count_is_null_or_at_least_two():
    assert _checks("documents", [_document(0), _document(30, count=12)]) == []
    failed = _checks("documents", [_document(0, count=1)])
    assert len(failed) == 1 and "greater_than_or_equal_to" in failed[0]


def test_package_id_names_a_package_row():
    assert _checks("documents", [_document(0, count=2), _document(30, _package_ref=0),
                                 _document(60, _package_ref=0)]) == []
    failed = _checks("documents", [_document(0), _document(30, _package_ref=0)])  # row 0 has no count
    assert len(failed) == 1 and "package" in failed[0]


def test_diagnostics_kinds_come_from_the_vocabulary():
    row = {"char_start": 0, "char_end": 10, "evidence": "z" * 10, "detail": "Zembria", "_anchor": 0}
    assert _checks("diagnostics", [dict(row, kind="unresolved_place")]) == []
    failed = _checks("diagnostics", [dict(row, kind="something_else")])
    assert len(failed) == 1 and "isin" in failed[0]
