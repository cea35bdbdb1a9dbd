"""Consolidated tables end to end: several articles reporting one visit give one row, reruns keep the ids."""
import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd

from tests.conftest import run_cli

HEAD = "{outlet} | World\n{date}\n\nNorway and Chile hold talks\n\n"
APRIL = [  # one visit, told four ways: wire story, reprint, lead-only, overview a year later
    ("a-wire.txt", "Harbor Ledger", "13 April 2023",
     "Prime Minister Talia Brandt of Norway paid an official visit to Chile on 12 April 2023.\n\n"
     "During the visit, the two countries signed a memorandum of understanding on cooperation in forestry.\n\n"
     "Officials in both capitals welcomed the talks."),
    ("b-reprint.txt", "Morning Courier", "14 April 2023",
     "Norwegian Prime Minister Talia Brandt paid a state visit to Chile on 12 April 2023.\n\n"
     "Norway and Chile signed a memorandum of understanding on cooperation in forestry on 12 April 2023."),
    ("c-lead.txt", "Plains Gazette", "12 April 2023",
     "Norwegian Prime Minister Brandt visited Chile on 12 April 2023."),
    ("d-overview.txt", "River Post", "20 January 2024",
     "Relations between Norway and Chile have grown.\n\n"
     "Prime Minister Talia Brandt of Norway visited Chile in April 2023."),
]
OCTOBER = [  # the same people, another visit
    ("e-october.txt", "Lakeside Observer", "4 October 2023",
     "Prime Minister Talia Brandt of Norway paid an official visit to Chile on 3 October 2023."),
    ("f-october.txt", "Summit Daily", "5 October 2023",
     "Norwegian Prime Minister Talia Brandt visited Chile on 3 October 2023."),
]
PER_YEAR = """
SELECT year(date_start) AS year, count(*) AS visits, sum(article_count) AS reports
FROM visits_consolidated
WHERE visitor_country = 'NOR' AND host_country = 'CHL'
GROUP BY year ORDER BY year
"""


def _write(raw: Path, article: tuple) -> None:
    name, outlet, date, body = article
    (raw / name).write_text(HEAD.format(outlet=outlet, date=date) + body + "\n", encoding="utf-8")


def _visits(out: Path) -> pd.DataFrame:
    df = pd.read_parquet(out / "visits_consolidated.parquet")
    return df[(df["visitor_country"] == "NOR") & (df["host_country"] == "CHL")].sort_values("date_start")


def test_reports_of_one_visit_are_one_row_and_reruns_keep_its_id(tmp_path: Path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for article in [*APRIL, OCTOBER[0]]:
        _write(raw, article)
    assert run_cli("--raw", str(raw), "--out", str(out), "-q", "--no-cache").returncode == 0
    visits = _visits(out)
    assert list(visits["article_count"]) == [4, 1]  # April: four articles; October: another visit
    april, october = visits["visit_cluster_id"]
    assert visits.iloc[0]["visitor_name"] == "Talia Brandt"
    mentions = pd.read_parquet(out / "visits.parquet")
    assert (mentions["visit_cluster_id"] == april).sum() == 4
    documents = pd.read_parquet(out / "documents_consolidated.parquet")
    assert list(documents["article_count"]) == [2]

    _write(raw, OCTOBER[1])  # a new article: consolidated into the existing October visit
    assert run_cli("--raw", str(raw), "--out", str(out), "-q", "--no-cache").returncode == 0
    visits = _visits(out)
    assert list(visits["visit_cluster_id"]) == [april, october]
    assert list(visits["article_count"]) == [4, 2]

    with duckdb.connect(str(out / "bilateral.duckdb"), read_only=True) as con:
        assert con.execute(PER_YEAR).fetchall() == [(2023, 2, 6)]
        linked = con.execute("SELECT count(DISTINCT visit_cluster_id) FROM events_consolidated "
                             "WHERE visit_cluster_id IS NOT NULL AND event_type = 'visit'").fetchone()
        assert linked == (2,)

    assert run_cli("--raw", str(raw), "--out", str(out), "-q", "--no-cache", "--reconsolidate").returncode == 0
    assert list(_visits(out)["article_count"]) == [4, 2]


def test_the_data_dictionary_describes_the_consolidated_tables(seed_output: Path):
    resources = {r["name"]: r for r in json.loads((seed_output / "datapackage.json").read_text())["resources"]}
    for name in ("visits", "documents", "trade", "events"):
        fields = {f["name"]: f for f in resources[f"{name}_consolidated"]["schema"]["fields"]}
        assert {"mention_count", "article_count", "first_reported", "last_reported", "mention_ids", "chosen_by",
                "conflicts"} <= set(fields)
        assert all(f["description"] for f in fields.values())


def test_the_seed_alone_has_nothing_to_merge(seed_output: Path, tmp_path: Path):
    for name in ("visits", "documents", "trade", "events"):
        mentions = pd.read_parquet(seed_output / f"{name}.parquet")
        facts = pd.read_parquet(seed_output / f"{name}_consolidated.parquet")
        assert len(facts) == len(mentions) and set(facts["mention_count"]) <= {1}
        assert mentions.iloc[:, 1].notna().all()  # every mention has its cluster id
    shutil.rmtree(tmp_path, ignore_errors=True)
