"""docs/explore.ipynb runs top to bottom on a fresh output (executed with nbclient, so it cannot rot)."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pyarrow.parquet as pq
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "explore.ipynb"


def _cell(nb, tag: str):
    (cell,) = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    return cell


def _text(cell) -> str:
    parts = []
    for out in cell.outputs:
        parts.append(out.get("text", ""))
        parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(p for p in parts if p)


@pytest.fixture(scope="module")
def executed(seed_output: Path, tmp_path_factory):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BILATERAL_OUTPUT", str(seed_output))
        # run where a user would, but from a copy's folder so that nothing is written beside the repository
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path_factory.mktemp("nb"))}}).execute()
    return nb


def test_notebook_loads_every_table(executed, seed_output: Path):
    counts = {name: pq.read_metadata(seed_output / f"{name}.parquet").num_rows
              for name in ("articles", "visits", "documents", "trade", "events")}
    assert _text(_cell(executed, "load")) == repr(counts)


def test_notebook_finds_every_evidence_at_its_span(executed, seed_output: Path):
    n = pq.read_metadata(seed_output / "events.parquet").num_rows
    assert n and f"{n} of {n} events with a published text: evidence found at its span" in _text(
        _cell(executed, "evidence"))


def test_notebook_draws_the_timeline(executed, seed_output: Path):
    (figure,) = [o.data["application/vnd.plotly.v1+json"] for o in _cell(executed, "timeline").outputs
                 if "application/vnd.plotly.v1+json" in o.get("data", {})]
    events = pq.read_table(seed_output / "events.parquet").to_pandas()
    dated = events.dropna(subset=["date_start", "date_end"])
    figure = json.loads(figure) if isinstance(figure, str) else figure
    assert sum(len(t["base"]) for t in figure["data"]) == len(dated) > 0
    assert {t["name"] for t in figure["data"]} == set(dated["event_type"])


def test_notebook_runs_its_duckdb_query(executed, seed_output: Path):
    events = pq.read_table(seed_output / "events.parquet").to_pandas()
    several = int(events["countries"].map(len).ge(2).sum())
    assert f"{several} events name two states or more" in _text(_cell(executed, "duckdb"))


def test_notebook_reads_the_dyads_view(executed, seed_output: Path):
    import duckdb

    with duckdb.connect(str(seed_output / "bilateral.duckdb"), read_only=True) as con:
        n, material = con.sql("SELECT count(*), count(*) FILTER (WHERE events_material_cooperation > 0) "
                              "FROM dyads").fetchall()[0]
    assert n > 0 and f"{n} pair-years; material cooperation in {material} of them" in _text(_cell(executed, "dyads"))
