"""A reprint (the same text under another outlet's header) is an article of its own that names its original,
is not extracted again, and counts in the consolidated rows; a copy under the same header stays a duplicate.
The article is written for this test."""
import datetime as dt

import duckdb
import pytest

from tests.conftest import run_cli

HEADER_A = "Andean Courier » World » Kenya and Peru sign a fisheries memorandum\n02 March 2024 [10:00] - Andean Courier\n"
HEADER_B = "Pacific Wire » Africa » Odhiambo in Lima: fisheries memorandum signed\n03 March 2024 [08:30] - Pacific Wire\n"
BODY = ("\nKenyan President Amara Odhiambo arrived in Lima on 1 March 2024 for a three-day state visit to Peru. "
        "Odhiambo and Peruvian President Lucia Mendoza signed a memorandum of understanding on fisheries "
        "cooperation on 2 March 2024.\n")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("reprints")
    raw = root / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(HEADER_A + BODY, encoding="utf-8")
    (raw / "b.txt").write_text(HEADER_B + BODY, encoding="utf-8")  # the same text under another header
    (raw / "c.txt").write_bytes((HEADER_A + BODY).replace("\n", "\r\n").encode("utf-8"))  # a copy
    proc = run_cli("--raw", str(raw), "--out", str(root / "out"))
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(root / "out" / "bilateral.duckdb"), read_only=True)
    yield con, proc
    con.close()


def test_a_reprint_is_an_article_that_names_its_original(published):
    con, _ = published
    rows = dict(con.sql("SELECT source_path, reprint_of FROM articles").fetchall())
    original = con.sql("SELECT article_id FROM articles WHERE source_path = 'a.txt'").fetchall()[0][0]
    assert rows == {"a.txt": None, "b.txt": original}


def test_a_copy_under_the_same_header_stays_a_rejected_duplicate(published):
    con, _ = published
    assert con.sql("SELECT path, reason FROM rejected_inputs").fetchall() == [("c.txt", "duplicate")]


def test_a_reprint_is_not_extracted_again(published):
    con, _ = published
    for table in ("visits", "documents", "events", "diagnostics"):
        paths = {p for (p,) in con.sql(f"SELECT DISTINCT a.source_path FROM {table} t JOIN articles a "
                                        "USING (article_id)").fetchall()}
        assert paths <= {"a.txt"}, table
    assert con.sql("SELECT count(*) FROM visits").fetchall()[0][0] == 1


def test_the_consolidated_rows_count_the_reprint_as_an_article_not_as_a_source(published):
    con, _ = published
    visit = con.sql("SELECT article_count, source_count, mention_count, first_reported, last_reported "
                    "FROM visits_consolidated").fetchall()
    assert visit == [(2, 1, 1, dt.date(2024, 3, 2), dt.date(2024, 3, 3))]
    docs = con.sql("SELECT article_count, source_count FROM documents_consolidated").fetchall()
    assert docs == [(2, 1)]


def test_the_summary_says_how_many_reprints_were_listed(published):
    _, proc = published
    assert "articles          2 (1 reprint: listed, their facts counted once)" in proc.stdout
    assert "files read        3" in proc.stdout
