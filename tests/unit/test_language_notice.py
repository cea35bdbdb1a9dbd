"""An article skipped for its language says so in diagnostics (issue 22.3)."""
from pipeline.extract.article import process_article
from pipeline.io.formats import Record
from pipeline.io.ingest import parse_record


def _article(text: str):
    return parse_record(Record(source_path="x.txt", raw=text.encode(), source_format="txt"))


def test_an_article_in_another_language_gives_one_notice_and_no_facts():
    article = _article("Visite à Dakar\n2024-05-03\n\n  Le président du Norland est arrivé jeudi à Vesteria pour une "
                       "visite officielle de deux jours.\nLes deux ministres ont signé un accord sur la pêche.\n")
    assert article.language == "fr"
    rows = process_article(article)
    assert all(not rows[t] for t in ("visits", "documents", "trade", "events"))
    (notice,) = rows["diagnostics"]
    assert notice["kind"] == "not_english" and "fr" in notice["detail"]
    assert article.text[notice["char_start"]:notice["char_end"]] == notice["evidence"]
    assert notice["evidence"].startswith("Le président") and "\n" not in notice["evidence"]
