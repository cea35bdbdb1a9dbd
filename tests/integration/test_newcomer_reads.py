"""What a newcomer reads is true: the dataset card agrees with the tables and with the report, every path
the help and the docs point to is in the repository, every command the README suggests is installed by its
set-up line, -q means quiet for every command, export folders stay out of git, and every warning names its
file."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from tests.conftest import ROOT


def _facts_dated(text: str) -> tuple[str, str] | None:
    m = re.search(r"Facts dated from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)", text)
    return (m[1], m[2]) if m else None


def test_the_card_and_the_report_give_the_dates_of_the_tables(seed_output: Path):
    dates = pd.concat([pd.to_datetime(pd.read_parquet(seed_output / f"{name}.parquet")[column])
                       for name in ("events", "documents", "trade") for column in ("date_start", "date_end")]).dropna()
    expected = (dates.min().date().isoformat(), dates.max().date().isoformat())
    card = (seed_output / "README.md").read_text(encoding="utf-8")
    page = (seed_output / "report.html").read_text(encoding="utf-8")
    assert _facts_dated(card) == expected == _facts_dated(page)
    published = pd.to_datetime(pd.read_parquet(seed_output / "articles.parquet")["published_date"]).dropna()
    said = f"Articles published from {published.min().date()} to {published.max().date()}"
    assert said in card and said in page


def test_the_card_says_the_consolidated_tables_merge_what_articles_repeat(seed_output: Path):
    card = (seed_output / "README.md").read_text(encoding="utf-8")
    limits = card.split("## Known limits", 1)[1].split("\n## ", 1)[0]
    published = [p.stem for p in seed_output.glob("*_consolidated.parquet")]
    assert published
    assert "not merged" not in card
    merged = [line for line in limits.splitlines() if "several articles" in line]
    assert len(merged) == 1 and "`*_consolidated`" in merged[0], limits
