"""The same article as a text file, an HTML page and a JSONL export gives the same facts."""
import html
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import run_cli

KEYS = {
    "visits": ["visitor_name", "visitor_country", "host_country", "date_start", "date_end", "visit_type", "status"],
    "documents": ["title", "doc_type", "action", "parties", "date_start", "date_end", "place"],
    "trade": ["indicator", "year", "value", "currency", "flow_from", "flow_to"],
}


def _facts(out: Path, table: str, article_id: str) -> list[tuple]:
    df = pd.read_parquet(out / f"{table}.parquet")
    df = df[df["article_id"] == article_id]
    rows = []
    for r in df.itertuples():
        rows.append(tuple(tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else
                          (None if pd.isna(v) else v) for v in (getattr(r, k) for k in KEYS[table]))
                    + (" ".join(r.evidence.split()),))
    return sorted(rows, key=repr)


@pytest.fixture(scope="module")
def formats_output(seed_output: Path, tmp_path_factory):
    art = pd.read_parquet(seed_output / "articles.parquet").iloc[0]
    base = tmp_path_factory.mktemp("formats")
    (base / "html").mkdir()
    (base / "jsonl").mkdir()
    paras = [p for p in art.text.split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    authors = list(art.authors) if art.authors is not None else []
    page = (f"<!DOCTYPE html><html><head><title>{html.escape(art.title)}</title>"
            f'<meta property="article:published_time" content="{art.published_date.isoformat()}">'
            f'<meta property="og:site_name" content="{html.escape(art.outlet or "")}">'
            f'<link rel="canonical" href="https://example.org/seed.html"></head>'
            f"<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<article><h1>{html.escape(art.title)}</h1>{body}</article>"
            f"<footer>Copyright example.org</footer></body></html>")
    (base / "html" / "seed.html").write_text(page, encoding="utf-8")
    record = {"text": art.text, "title": art.title, "published": art.published_date.isoformat(),
              "url": "https://example.org/seed", "outlet": art.outlet, "authors": authors}
    (base / "jsonl" / "export.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    # Separate runs: in one run the second copy of the same article would be a duplicate.
    for fmt in ("html", "jsonl"):
        proc = run_cli("--raw", str(base / fmt), "--out", str(base / f"out-{fmt}"), "-q", "--no-cache")
        assert proc.returncode == 0, proc.stderr
    return base, art


@pytest.mark.parametrize("fmt,path", [("html", "seed.html"), ("jsonl", "export.jsonl#L1")])
def test_same_facts_as_the_text_file(seed_output: Path, formats_output, fmt: str, path: str):
    base, txt_article = formats_output
    out = base / f"out-{fmt}"
    arts = pd.read_parquet(out / "articles.parquet").set_index("source_path")
    assert path in arts.index, list(arts.index)
    row = arts.loc[path]
    assert row.source_format == fmt
    assert row.url and row.url.startswith("https://example.org/")
    assert row.published_date == txt_article.published_date
    assert row.language == "en"
    for table in KEYS:
        want = _facts(seed_output, table, txt_article.article_id)
        got = _facts(out, table, row.article_id)
        assert want, table
        assert got == want, f"{fmt} {table}"
