"""Joining the rows of a text's sections: offsets, numeric anchors and links moved to the whole text."""
from pipeline.extract.sections import joined, sections


def test_sections_join_back_into_the_text_at_their_offsets():
    text = "First paragraph here.\n\nSecond one is here.\n\nThird.\n"
    parts = sections(text, 25)
    assert len(parts) > 1 and "".join(p for _, p in parts) == text
    assert all(text[o:o + len(p)] == p for o, p in parts)
    assert sections("short", 10) == [(0, "short")]


def _section(evidence: str, at: int) -> dict:
    return {"visits": [{"char_start": at, "char_end": at + len(evidence), "evidence": evidence, "_anchor": at}],
            "events": [{"char_start": at, "char_end": at + len(evidence), "evidence": evidence, "_anchor": "same text",
                        "_visit_ref": 0}],
            "documents": [], "trade": [], "diagnostics": []}


def test_joined_rows_point_into_the_whole_text_and_to_their_own_sections_rows():
    text = "Ana Lind visited Norland.\n\nBo Berg visited Vesta.\n"
    second = text.index("Bo")
    rows = joined(text, [(0, _section("Ana Lind visited Norland.", 0)), (second, _section("Bo Berg visited Vesta.", 0))])
    assert [text[v["char_start"]:v["char_end"]] for v in rows["visits"]] == ["Ana Lind visited Norland.",
                                                                             "Bo Berg visited Vesta."]
    assert [v["_anchor"] for v in rows["visits"]] == [0, second]
    assert [e["_visit_ref"] for e in rows["events"]] == [0, 1]  # the second section's event: the second visit
    assert [e["_anchor"] for e in rows["events"]] == ["same text", "same text"]  # a text anchor is not an offset
    (notice,) = rows["diagnostics"]
    assert notice["kind"] == "sectioned" and "2 sections" in notice["detail"]
    assert notice["evidence"] == "Ana Lind visited Norland."
