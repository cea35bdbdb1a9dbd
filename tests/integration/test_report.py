"""report.html: written on every run, self-contained, one mark per dated row with its evidence on hover,
drawn by a real browser (headless Chromium), capped on large outputs, never replacing a file it did not write."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.publish import report, report_figure
from pipeline.publish.marker import write_marker
from pipeline.publish.output_guard import OutputRefused

D = dt.date
CHROMIUM = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium binary on PATH (Debian package `chromium`; .ci/run installs it)")


def _event(i, etype, countries, start, end=None, precision="day", visit_id=None, evidence=None, article="art_a"):
    return {"event_id": f"eve_{i:04d}", "article_id": article, "evidence": evidence or f"Event sentence {i}.",
            "event_type": etype, "countries": countries, "date_start": start, "date_end": end or start,
            "date_precision": precision if start else "unknown", "date_text": None, "date_edtf": None,
            "visit_id": visit_id}


def _write(folder: Path, name: str, rows: list[dict], types: dict[str, pa.DataType] | None = None) -> None:
    types = types or {}
    columns = {k: [r.get(k) for r in rows] for k in (rows[0] if rows else {})}
    arrays = {k: pa.array(v, type=types.get(k) or _type(k, v)) for k, v in columns.items()}
    pq.write_table(pa.table(arrays) if arrays else pa.table({"x": pa.array([], pa.string())}),
                   folder / f"{name}.parquet")


def _type(column: str, values: list) -> pa.DataType:
    if column in ("countries", "parties", "commodity"):
        return pa.list_(pa.string())
    if column in ("date_start", "date_end", "published_date"):
        return pa.date32()
    if column == "year":
        return pa.int64()
    if column == "value":
        return pa.float64()
    return pa.string()


def _dataset(folder: Path, events: list[dict], documents=(), trade=(), visits=(), articles=None) -> Path:
    """A dataset as publish lays it out, with only the columns given (the report reads columns by name)."""
    folder.mkdir(parents=True)
    write_marker(folder)
    _write(folder, "events", events)
    _write(folder, "documents", list(documents))
    _write(folder, "trade", list(trade))
    _write(folder, "visits", list(visits))
    _write(folder, "articles", articles or [{"article_id": "art_a", "outlet": "The Example Herald",
                                             "published_date": D(2023, 5, 2)}])
    return folder


SMALL_EVENTS = [
    _event(1, "visit", ["FJI", "PRT"], D(2021, 3, 2), D(2021, 3, 4), visit_id="vis_1",
           evidence="Fijian minister Ana Tora spent three days in Lisbon."),
    _event(2, "agreement", ["FJI", "PRT"], D(2021, 3, 3), evidence="The two sides signed a fisheries accord."),
    _event(3, "meeting", ["FJI", "PRT"], D(2019, 1, 1), D(2019, 12, 31), precision="year",
           evidence="Their envoys met in 2019."),
    _event(4, "meeting", ["FJI", "PRT"], None, evidence="They meet often."),  # no date: not drawn
    _event(5, "support", ["CHL", "NOR"], D(2020, 6, 1), article="art_b", evidence="Oslo backed Santiago's bid."),
    _event(6, "support", ["PRT"], D(2020, 7, 1), evidence="Lisbon's parliament backed the plan."),  # one state
]
SMALL_DOCS = [{"document_id": "doc_1", "article_id": "art_a", "evidence": "The two sides signed a fisheries accord.",
               "title": "fisheries accord", "doc_type": "agreement", "action": "signed", "parties": ["FJI", "PRT"],
               "date_start": D(2021, 3, 3), "date_end": D(2021, 3, 3), "date_precision": "day"}]
SMALL_TRADE = [{"trade_id": "tra_1", "article_id": "art_a", "evidence": "Trade reached $5 million in 2022.",
                "indicator": "turnover", "reporter": "FJI", "partner": "PRT", "year": 2022, "value": 5e6,
                "currency": "USD", "value_text": "$5 million", "date_start": None, "date_end": None}]
SMALL_VISITS = [{"visit_id": "vis_1", "visitor_name": "Ana Tora", "visitor_title": "Minister",
                 "visitor_country": "FJI", "host_country": "PRT"}]
# FJI-PRT: events 1, 2, 3, 6 (the one-state row joins its article's pair) + 1 document + 1 trade figure;
# CHL-NOR: event 5.
EXPECTED_MARKS = {"chart-0": 6, "chart-1": 1}


@pytest.fixture
def small(tmp_path: Path) -> Path:
    return _dataset(tmp_path / "v1", SMALL_EVENTS, SMALL_DOCS, SMALL_TRADE, SMALL_VISITS)


def charts(page: str) -> dict[str, list[dict]]:
    """Every chart's traces, as the page hands them to Plotly.newPlot."""
    decoder = json.JSONDecoder()
    found = {}
    for m in re.finditer(r'Plotly\.newPlot\(\s*"(chart-\d+)",\s*', page):
        found[m.group(1)], _ = decoder.raw_decode(page, m.end())
    return found


def marks(trace: dict) -> int:
    return len(trace.get("base") or trace.get("x") or [])


def test_every_dated_row_is_one_mark_with_its_evidence_on_hover(small: Path):
    page = report.write_report(small).read_text(encoding="utf-8")
    traces = charts(page)
    assert {k: sum(marks(t) for t in v) for k, v in traces.items()} == EXPECTED_MARKS
    hovers = " ".join(h for t in traces["chart-0"] for h in t["hovertext"])
    for sentence in ("spent three days in Lisbon", "signed a fisheries accord", "Their envoys met in 2019",
                     "Trade reached $5 million", "parliament backed the plan"):
        assert sentence in hovers
    assert "They meet often" not in hovers and "events: 1 without a date, not drawn" in page
    (bar,) = [t for t in traces["chart-0"] if t["type"] == "bar"]  # the visit, as a date range
    assert bar["base"] == ["2021-03-02"] and bar["x"] == [3 * 86_400_000] and "Ana Tora" in bar["hovertext"][0]
    colours = {t["name"]: t["marker"]["color"] for t in traces["chart-0"] if t.get("xaxis", "x") == "x"}
    assert len({colours["visit"], colours["agreement"], colours["meeting"], colours["support"]}) == 4
    year_meeting = next(t for t in traces["chart-0"] if t["name"] == "meeting")
    assert year_meeting["x"] == ["2019-07-02"] and year_meeting["marker"]["symbol"] == ["circle-open"]


def test_summary_sits_at_the_top(small: Path):
    page = report.write_report(small).read_text(encoding="utf-8")
    summary = page[page.index("<h2>Summary</h2>"):page.index('Plotly.newPlot(')]
    assert "Facts dated from 2019-01-01 to 2021-03-04" in summary
    assert "Articles published from 2023-05-02 to 2023-05-02" in summary
    assert "The Example Herald (1)" in summary
    assert re.search(r"<td>events</td><td>6</td>", summary)
    assert page.index("FJI \u2013 PRT") < page.index("CHL \u2013 NOR")  # the pair with more rows first


def test_dates_read_as_words_not_raw_edtf(tmp_path: Path):
    """A season, a day range and an open interval are written as a person says them, in the tables under
    the chart and on hover; the raw EDTF strings are nowhere on the page."""
    docs = [{**SMALL_DOCS[0], "document_id": f"doc_{i}", "date_start": start, "date_end": end,
             "date_precision": precision, "date_edtf": edtf}
            for i, (start, end, precision, edtf) in enumerate([
                (D(1995, 6, 1), D(1995, 8, 31), "season", "1995-22"),
                (D(2017, 2, 28), D(2017, 3, 1), "day", "2017-02-28/2017-03-01"),
                (None, D(2019, 5, 14), "unknown", "../2019-05-14")])]
    trade = [{**SMALL_TRADE[0], "year": None, "date_start": D(2020, 1, 1), "date_end": D(2020, 3, 31),
              "date_precision": "month", "date_edtf": "2020-01/2020-03"}]
    page = report.write_report(_dataset(tmp_path / "v1", SMALL_EVENTS[:1], docs, trade, SMALL_VISITS)
                               ).read_text(encoding="utf-8")
    cells = re.findall(r"<td>([^<]*)</td>", page)
    for words in ("summer 1995", "28 February \u2013 1 March 2017", "on or before 14 May 2019",
                  "January\u2013March 2020"):
        assert words in cells, words
    hovers = " ".join(h for t in charts(page)["chart-0"] for h in t["hovertext"])
    assert "summer 1995" in hovers and "28 February \u2013 1 March 2017" in hovers
    for raw in ("1995-22", "2017-02-28/2017-03-01", "../2019-05-14", "2020-01/2020-03"):
        assert raw not in page, raw


def test_page_needs_no_network(small: Path):
    page = report.write_report(small).read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page, re.IGNORECASE)
    assert "Plotly.newPlot" in page and len(page) > 1_000_000  # plotly.js itself is in the page


def test_same_dataset_same_bytes_and_rewrite_in_place(small: Path, tmp_path: Path):
    first = report.write_report(small).read_bytes()
    again = report.write_report(small).read_bytes()  # replaces the report it wrote
    other = _dataset(tmp_path / "v2", SMALL_EVENTS, SMALL_DOCS, SMALL_TRADE, SMALL_VISITS)
    assert first == again == report.write_report(other).read_bytes()
    assert sorted(p.name for p in small.iterdir() if p.name.startswith(".report")) == []  # no temporary file left


def test_never_replaces_a_file_it_did_not_write(small: Path, tmp_path: Path):
    mine = small / "report.html"
    mine.write_text("<html>my own notes</html>")
    with pytest.raises(OutputRefused, match="not written by the pipeline"):
        report.write_report(small)
    assert mine.read_text() == "<html>my own notes</html>"
    mine.unlink()
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_text("keep")
    mine.symlink_to(elsewhere)
    with pytest.raises(OutputRefused):
        report.write_report(small)
    assert elsewhere.read_text() == "keep"
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "events.parquet").write_bytes((small / "events.parquet").read_bytes())
    with pytest.raises(OutputRefused, match="not a dataset written by the pipeline"):
        report.write_report(stranger)
    assert [p.name for p in stranger.iterdir()] == ["events.parquet"]


def test_reads_through_the_output_link_and_tolerates_schema_changes(tmp_path: Path):
    events = [{**e, "a_new_column": "x"} for e in SMALL_EVENTS]
    for e in events:
        del e["visit_id"]  # a column gone: read as null
    version = _dataset(tmp_path / ".out.versions" / "v1-1", events)
    (version / "trade.parquet").unlink()  # a table gone
    link = tmp_path / "out"
    link.symlink_to(version, target_is_directory=True)
    written = report.write_report(link)
    assert written == version / "report.html"
    traces = charts(written.read_text(encoding="utf-8"))
    assert sum(marks(t) for t in traces["chart-0"]) == 4 and all(t["type"] == "scatter" for t in traces["chart-0"])


def test_an_empty_dataset_gets_its_summary_and_no_chart(tmp_path: Path):
    folder = _dataset(tmp_path / "empty", [], articles=[])
    page = report.write_report(folder).read_text(encoding="utf-8")
    assert "No dated facts" in page and "0 country pairs" in page and not charts(page)


def test_large_output_is_fast_and_capped(tmp_path: Path):
    codes = ["FJI", "PRT", "CHL", "NOR", "KEN", "PER", "VNM", "ISL", "GHA", "URY"]
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]  # 45 pairs
    types = ["visit", "meeting", "agreement", "support", "cultural", "aid"]
    events = [_event(i, types[i % 6], list(pairs[0] if i < 1000 else pairs[i % 45]),
                     D(1990, 1, 1) + dt.timedelta(days=(i * 37) % 12000), article=f"art_{i % 400}")
              for i in range(6000)]
    folder = _dataset(tmp_path / "big", events)
    t0 = time.monotonic()
    page = report.write_report(folder).read_text(encoding="utf-8")
    assert time.monotonic() - t0 < 30  # about 3 s on an idle 2-core machine
    traces = charts(page)
    assert len(traces) == report.MAX_PAIRS
    assert max(sum(marks(t) for t in ts) for ts in traces.values()) == report.MAX_MARKS_PER_ROW
    assert f"only the latest {report.MAX_MARKS_PER_ROW} of " in page
    assert f"{45 - report.MAX_PAIRS} more country pairs, not drawn" in page


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         f"--user-data-dir={profile}", "--virtual-time-budget=15000", *args],
        check=False, capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})


def drawn_marks(page: Path, tmp_path: Path) -> dict[str, int]:
    """Marks Plotly drew in each chart: the DOM after the page's scripts ran, read from the browser."""
    proc = _chromium(["--dump-dom", page.as_uri()], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    starts = [(m.start(), m.group(1)) for m in re.finditer(r'<div id="(chart-\d+)"', dom)]
    bounds = [*(s for s, _ in starts[1:]), len(dom)]
    return {name: dom[s:e].count('class="point"') for (s, name), e in zip(starts, bounds)}


def coloured_pixels(page: Path, tmp_path: Path, colour: str) -> int:
    """Pixels of `colour` (#rrggbb) on a screenshot of the page's top."""
    from PIL import Image
    shot = tmp_path / "shot.png"
    proc = _chromium(["--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()], tmp_path)
    assert proc.returncode == 0 and shot.is_file(), proc.stderr[-2000:]
    want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    with Image.open(shot) as img:
        pixels = np.asarray(img.convert("RGB"), dtype=np.int16)
    return int((np.abs(pixels - np.array(want, dtype=np.int16)) <= 12).all(axis=-1).sum())


@needs_chromium
def test_browser_draws_every_mark(small: Path, tmp_path: Path):
    page = report.write_report(small)
    assert drawn_marks(page, tmp_path) == EXPECTED_MARKS
    assert coloured_pixels(page, tmp_path, report_figure.colour("visit")) >= 40  # the visit's bar and legend symbol
    assert coloured_pixels(page, tmp_path, report_figure.colour("agreement")) >= 40


@needs_chromium
def test_browser_draws_the_seed_timeline(seed_output: Path, tmp_path: Path):
    page = seed_output / "report.html"  # written by the run itself
    expected = {name: sum(marks(t) for t in traces) for name, traces in charts(page.read_text("utf-8")).items()}
    events = pq.read_table(seed_output / "events.parquet").to_pandas()
    dated = events[events["date_start"].notna() | events["date_end"].notna()]
    assert expected and sum(expected.values()) >= len(dated)  # every dated event drawn (in each pair it names)
    assert drawn_marks(page, tmp_path) == expected
    assert coloured_pixels(page, tmp_path, report_figure.colour("visit")) >= 40


# ---- the map of the visits -------------------------------------------------------------------------

MAPPED_VISITS = [  # two visits to one city, one to a state without a city named, one without coordinates
    {"visit_id": "vis_1", "visitor_name": "Ana Tora", "visitor_title": None, "visitor_country": "FJI", "host_country": "PRT",
     "host_city": "Lisbon", "date_edtf": "2021-03-02/2021-03-04", "latitude": 38.71667, "longitude": -9.13333,
     "geo_precision": "city"},
    {"visit_id": "vis_2", "visitor_name": "Rui Costa", "visitor_country": "CHL", "host_country": "PRT",
     "host_city": "Lisbon", "date_edtf": "2022-05", "latitude": 38.71667, "longitude": -9.13333,
     "geo_precision": "city"},
    {"visit_id": "vis_3", "visitor_title": "Foreign Minister", "visitor_country": "PRT", "host_country": "NOR",
     "host_city": None, "date_edtf": "2020", "latitude": 62.0, "longitude": 10.0, "geo_precision": "country"},
    {"visit_id": "vis_4", "visitor_name": "Eva Lind", "visitor_country": "NOR", "host_country": "CHL",
     "host_city": None, "date_edtf": None, "latitude": None, "longitude": None, "geo_precision": None},
]
GEO_TYPES = {"latitude": pa.float64(), "longitude": pa.float64()}


def map_traces(page: str) -> list[dict]:
    m = re.search(r'Plotly\.newPlot\(\s*"visit-map",\s*', page)
    assert m, "no map in the page"
    traces, _ = json.JSONDecoder().raw_decode(page, m.end())
    return traces


@pytest.fixture
def mapped(tmp_path: Path) -> Path:
    folder = _dataset(tmp_path / "mapped", SMALL_EVENTS, SMALL_DOCS, SMALL_TRADE)
    _write(folder, "visits", MAPPED_VISITS, GEO_TYPES)
    return folder


def test_visits_are_drawn_on_a_map_one_mark_per_place(mapped: Path):
    page = report.write_report(mapped).read_text(encoding="utf-8")
    traces = {t["name"]: t for t in map_traces(page)}
    city, country = traces["visits to a city"], traces["visits to a state, no city named"]
    assert (city["lat"], city["lon"]) == ([38.71667], [-9.13333]) and city["marker"]["symbol"] == "circle"
    assert city["text"][0].startswith("2 visits<br>Ana Tora (FJI) to Lisbon, 2021-03-02/2021-03-04")
    assert (country["lat"], country["lon"]) == ([62.0], [10.0]) and country["marker"]["symbol"] == "circle-open"
    assert country["text"] == ["1 visit<br>Foreign Minister (PRT) to NOR, 2020"]
    assert city["marker"]["size"][0] > country["marker"]["size"][0]
    assert "3 visits at 2 places" in page  # the fourth has no coordinates
    assert "window.PlotlyGeoAssets = {topojson: {world_110m: {" in page  # outlines in the page, no fetch
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=", page, re.IGNORECASE)
    assert set(charts(page)) == set(EXPECTED_MARKS)  # the timelines are unchanged


def test_no_map_without_coordinates(small: Path):
    page = report.write_report(small).read_text(encoding="utf-8")
    assert "visit-map" not in page and "PlotlyGeoAssets =" not in page


@needs_chromium
def test_browser_draws_the_map_with_its_outlines_offline(mapped: Path, tmp_path: Path):
    page = report.write_report(mapped)
    proc = _chromium(["--dump-dom", page.as_uri()], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    start = dom.index('<div id="visit-map"')
    end = dom.index('<div id="chart-0"')
    assert dom[start:end].count('class="point"') == 2  # one mark per place
    borders = re.search(r'class="layer countries".*?\sd="([^"]*)"', dom[start:end], re.DOTALL)
    assert borders and len(borders.group(1)) > 10_000  # the state borders, drawn from the inlined outlines
    assert coloured_pixels(page, tmp_path, "#f3f1ea") >= 20_000  # land filled
