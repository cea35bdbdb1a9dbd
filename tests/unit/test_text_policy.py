"""The --text policy withholds article bodies (snippet) or every quoted sentence too (none)."""
import json

import pandas as pd
import pytest

from pipeline.publish.text_policy import apply_text_policy


def _tables():
    articles = pd.DataFrame({"article_id": ["a1"], "sha256": ["0" * 64], "url": ["https://example.org/x"],
                             "text": ["Norland and Southland signed a pact. Trade grew."]})
    visits = pd.DataFrame({"visit_id": ["vis_1"], "article_id": ["a1"], "char_start": [0], "char_end": [36],
                           "evidence": ["Norland and Southland signed a pact."]})
    quarantine = pd.DataFrame({"table": ["articles"], "check": ["x"], "reason": ["y"],
                               "row": [json.dumps({"article_id": "a2", "text": "A whole other article."})]})
    return {"articles": articles, "visits": visits, "quarantine": quarantine}


def test_full_publishes_everything():
    tables = _tables()
    assert apply_text_policy(tables, "full") is tables


def test_snippet_keeps_evidence_url_and_digest_but_not_the_body():
    tables = _tables()
    out = apply_text_policy(tables, "snippet")
    assert out["articles"]["text"].isna().all()
    assert out["articles"].loc[0, "url"] == "https://example.org/x" and out["articles"].loc[0, "sha256"] == "0" * 64
    assert out["visits"].loc[0, "evidence"] == "Norland and Southland signed a pact."
    assert json.loads(out["quarantine"].loc[0, "row"]) == {"article_id": "a2", "text": None}
    assert tables["articles"].loc[0, "text"].startswith("Norland")  # the input frames are not changed


def test_none_withholds_the_evidence_too():
    out = apply_text_policy(_tables(), "none")
    assert out["articles"]["text"].isna().all() and out["visits"]["evidence"].isna().all()
    assert out["visits"].loc[0, "char_start"] == 0  # offsets stay: whoever has the article finds the sentence


def test_an_unknown_policy_is_refused():
    with pytest.raises(ValueError, match="snippet"):
        apply_text_policy(_tables(), "some")


def test_the_published_schema_of_a_policy_accepts_the_withheld_columns_as_null():
    import pandera.errors as pe

    from schemas.spec import TABLES
    from schemas.tables import schema_of

    row = {"diagnostic_id": ["dia_1"], "article_id": ["a1"], "char_start": [0], "char_end": [5],
           "evidence": [None], "kind": ["unresolved_place"], "detail": ["Zembla"]}
    df = pd.DataFrame(row).astype({"evidence": object})
    schema_of(TABLES["diagnostics"], "none").validate(df)
    with pytest.raises(pe.SchemaError):
        schema_of(TABLES["diagnostics"], "snippet").validate(df)
