"""Long articles: extraction time grows linearly with length, and an article longer than spaCy's
`max_length` is annotated in chunks (cut at paragraph breaks) instead of being left without facts."""
import datetime as dt
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.nlp.annotate import annotate_all, chunks, load_nlp
from pipeline.io.ingest import Article
from pipeline.extract.article import extract
from pipeline.runtime.run import RunOptions, run

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def long_article(n: int) -> tuple[str, int]:
    """An article of `n` dated sentences, a paragraph every five; returns (text, instruments signed or adopted)."""
    out, instruments = [], 0
    for i in range(n):
        when = dt.date(2000, 1, 1) + dt.timedelta(days=i)  # every fact its own date: none repeats another
        day = f"{MONTHS[when.month - 1]} {when.day}, {when.year}"
        kind = i % 4
        if kind == 0:
            out.append(f"On {day}, Chile and Norway signed an agreement on fisheries number {i}.")
        elif kind == 1:
            out.append(f"Minister Olsen visited Santiago on {day} for talks.")
        elif kind == 2:
            out.append(f"Trade between the two countries reached $ {i} million in {when.year}.")
        else:
            out.append(f"The parliament adopted a resolution on {day}, officials said.")
        instruments += kind in (0, 3)
        out.append("\n\n" if i % 5 == 4 else " ")
    return "".join(out).strip() + "\n", instruments


def test_chunks_join_back_into_the_text_and_cut_at_paragraph_breaks():
    text, _ = long_article(200)
    pieces = chunks(text, 2000)
    assert "".join(pieces) == text
    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    assert chunks("short", 10) == ["short"]
    one_paragraph = "word " * 1000  # no break at all: cut at a space, never lose a character
    assert "".join(chunks(one_paragraph, 333)) == one_paragraph
    assert all(len(p) <= 333 for p in chunks(one_paragraph, 333))


def test_extraction_of_5000_dated_sentences_takes_linear_time():
    text, instruments = long_article(5000)
    article = Article("long", "long.txt", "0" * 64, text, published_date=dt.date(2021, 1, 1))
    doc = annotate_all([text])[0]
    t0 = time.process_time()  # CPU time: what the algorithm costs, whatever else shares the machine
    rows = extract(article, doc)
    seconds = time.process_time() - t0
    print(f"extraction of {len(text)} characters: {seconds:.1f} s CPU")
    last_tenth = len(text) * 9 // 10
    for table in ("visits", "documents", "trade", "events"):  # facts all through the article, to its end
        assert any(r["char_start"] >= last_tenth for r in rows[table]), table
    assert len(rows["documents"]) >= instruments // 2
    assert seconds < 20, f"extraction took {seconds:.1f} s"  # quadratic, it took minutes


@pytest.fixture
def small_max_length():
    nlp = load_nlp()
    before = nlp.max_length
    nlp.max_length = 5000  # the real limit is 1,000,000 characters: too slow to annotate in a test
    yield nlp.max_length
    nlp.max_length = before


def test_an_article_over_max_length_gets_its_facts_with_offsets_into_the_whole_text(tmp_path: Path, small_max_length):
    text, instruments = long_article(400)
    assert len(text) > 5 * small_max_length
    article = Article("long", "long.txt", "0" * 64, text, published_date=dt.date(2021, 1, 1))
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "long.txt").write_text(text, encoding="utf-8")
    opts = RunOptions(workers=1, cache_dir=tmp_path / "cache", progress=False)
    summary = run(raw, tmp_path / "out", opts)
    assert summary.articles == 1 and summary.rejected == 0 and summary.quarantined == 0
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    body = pd.read_parquet(tmp_path / "out" / "articles.parquet")["text"][0]
    nlp = load_nlp()
    nlp.max_length = len(text) + 1
    whole = extract(article, annotate_all([text])[0])  # the same article annotated in one piece
    assert len(docs) == len(whole["documents"]) >= instruments // 2
    assert docs["char_start"].max() > len(text) - small_max_length  # the last chunk has its facts too
    assert all(body[s:e] == ev for s, e, ev in zip(docs["char_start"], docs["char_end"], docs["evidence"]))
    again = run(raw, tmp_path / "out", opts)
    assert again.cache_hits == 1  # annotated once, not on every run


@pytest.fixture
def small_sections(monkeypatch):
    from pipeline.extract import sections

    monkeypatch.setattr(sections, "SECTION_CHARS", 3000)  # the real size is 50,000 characters
    return 3000


def _facts(rows: dict) -> dict[str, list[tuple]]:
    keys = {"visits": ("visitor_country", "host_country", "date_start"), "documents": ("doc_type", "date_start"),
            "trade": ("indicator", "value", "year"), "events": ("event_type", "date_start")}
    return {t: sorted(tuple(str(r.get(k)) for k in ks) for r in rows[t]) for t, ks in keys.items()}


def test_a_text_longer_than_a_section_is_read_section_by_section_at_its_own_offsets(small_sections):
    from pipeline.extract.article import process_article
    from pipeline.tables.assemble import assign_ids

    text, _ = long_article(250)  # self-contained sentences, each with its own date: no section needs another
    assert len(text) > 4 * small_sections
    article = Article("long", "long.txt", "0" * 64, text, published_date=dt.date(2021, 1, 1))
    got = process_article(article)
    notice = [d for d in got["diagnostics"] if d["kind"] == "sectioned"]
    assert len(notice) == 1 and "sections of at most 3,000" in notice[0]["detail"]
    for table, rows in got.items():  # every span is a span of the whole text
        assert all(text[r["char_start"]:r["char_end"]] == r["evidence"] for r in rows), table
    assert max(r["char_start"] for r in got["documents"]) > len(text) - small_sections
    whole = extract(article, annotate_all([text])[0])  # in one piece: the same facts
    assert _facts(got) == _facts(whole)
    linked = assign_ids("long", got)
    visits = {v["visit_id"]: v for v in linked["visits"]}
    with_visit = [e for e in linked["events"] if e.get("visit_id")]
    assert with_visit
    for e in with_visit:  # each event links to its own visit, in its own section, not one of the section before
        assert visits[e["visit_id"]]["date_start"] == e["date_start"]


def test_a_run_reads_a_long_article_in_sections_beside_common_ones(tmp_path: Path, small_sections):
    text, _ = long_article(250)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "long.txt").write_text(text, encoding="utf-8")
    (raw / "short.txt").write_text("Norwegian Foreign Minister Kari Olsen visited Santiago, Chile, on May 3, 2019 "
                                   "for talks with her Chilean counterpart.\n", encoding="utf-8")
    summary = run(raw, tmp_path / "out", RunOptions(workers=1, progress=False))
    assert summary.articles == 2 and summary.rejected == 0 and summary.quarantined == 0
    diagnostics = pd.read_parquet(tmp_path / "out" / "diagnostics.parquet")
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("article_id")["source_path"]
    sectioned = diagnostics[diagnostics["kind"] == "sectioned"]
    assert [Path(articles[a]).name for a in sectioned["article_id"]] == ["long.txt"]
    visits = pd.read_parquet(tmp_path / "out" / "visits.parquet")
    assert {Path(articles[a]).name for a in visits["article_id"]} == {"long.txt", "short.txt"}
