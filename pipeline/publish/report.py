"""Draw a published dataset as one self-contained page, report.html: its summary, then per country pair a
timeline of events, documents and trade figures (Plotly, with plotly.js inlined: no network at view time).

This module writes the page and assembles its parts; what it reads of the dataset is report_data.py, a fact
table's rows and their hover text report_rows.py, the country pairs report_pairs.py, a pair's chart
report_figure.py."""
from __future__ import annotations

import html
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import plotly.io as pio
from plotly.offline import get_plotlyjs

from pipeline.base.durable import fsync, umask
from pipeline.nlp.edtf_format import describe_edtf
from pipeline.publish import coverage
from pipeline.publish.marker import add_to_marker, has_marker
from pipeline.publish.output_guard import OutputRefused
from pipeline.publish.report_data import Dataset, read_dataset
from pipeline.publish.report_figure import FACT_ROWS, figure
from pipeline.publish.report_map import visit_map, world_outlines_script
from pipeline.publish.report_pairs import Pair, anchor, assign_pairs, pair_label, total
from pipeline.publish.report_rows import Rows, as_list, present, text

REPORT_NAME = "report.html"
# In every page this module writes; a report.html without it was not written by the pipeline: never replaced.
GENERATOR = "bilateral-pipeline report"
MAX_PAIRS = 30            # country pairs drawn, the most documented first; the others are listed with their counts
MAX_MARKS_PER_ROW = 250   # marks per chart row (events, documents, trade) of one pair: the latest are kept
MAX_TABLE_ROWS = 100      # rows of the documents and trade tables under each chart
MAX_OUTLETS = 15


def write_report(out_dir: Path) -> Path:
    """Write `report.html` into the dataset `out_dir` (a version folder, or the output link to one) and
    return its path. The page is written to a temporary file beside it and renamed into place. Raises
    OutputRefused when `out_dir` is not a dataset the pipeline wrote, or holds a report.html it did not."""
    folder = Path(os.path.realpath(out_dir))
    if not folder.is_dir() or not has_marker(folder):
        raise OutputRefused(f"{out_dir} is not a dataset written by the pipeline; no report written")
    target = folder / REPORT_NAME
    if target.is_symlink() or (target.exists() and not _is_ours(target)):
        raise OutputRefused(f"{target} was not written by the pipeline; not replaced")
    page = render_report(read_dataset(folder))
    add_to_marker(folder, REPORT_NAME)  # before it exists: a folder holding a file its marker omits is not ours
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes it private; the dataset is not
        os.replace(tmp, target)
        fsync(folder)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return target


def render_report(data: Dataset) -> str:
    """The whole page as one string; the same dataset gives the same bytes."""
    rows = {name: Rows(name, data.tables[name], data.tables["visits"]) for name, _, _ in FACT_ROWS}
    pairs = assign_pairs(rows)
    ranked = sorted(pairs, key=lambda p: (-total(pairs[p]), p))
    drawn, listed = ranked[:MAX_PAIRS], ranked[MAX_PAIRS:]
    parts = [_summary(data, len(pairs), len(drawn))]
    the_map = visit_map(data.tables["visits"])
    if the_map:
        parts.append(the_map)
    if drawn:
        parts.append("<nav><h2>Country pairs</h2><ol>" + "".join(
            f'<li><a href="#{anchor(p)}">{html.escape(pair_label(p))}</a> ({total(pairs[p])} rows)</li>'
            for p in drawn) + "</ol></nav>")
    parts += [_section(k, pair, pairs[pair], rows) for k, pair in enumerate(drawn)]
    if listed:
        parts.append(f"<section><h2>{len(listed)} more country pairs, not drawn</h2>"
                     f"<p>Only the {MAX_PAIRS} pairs with the most rows are drawn.</p>" + _table(
                         ["pair", "events", "documents", "trade figures"],
                         [[pair_label(p), *(str(len(pairs[p][n])) for n, _, _ in FACT_ROWS)] for p in listed])
                     + "</section>")
    return _PAGE.format(title=html.escape(data.title), generator=GENERATOR, plotlyjs=get_plotlyjs(),
                        geo_assets=world_outlines_script() if the_map else "", body="\n".join(parts))


# ---- one pair's section --------------------------------------------------------------------------

def _section(k: int, pair: Pair, by_table: dict[str, list[int]], rows: dict[str, Rows]) -> str:
    notes = []
    marks: dict[str, list[int]] = {}
    for name, _, what in FACT_ROWS:
        ordered = rows[name].chronological(by_table[name])
        dated = [i for i in ordered if rows[name].x[i] is not None]
        undated = len(ordered) - len(dated)
        if len(dated) > MAX_MARKS_PER_ROW:
            notes.append(f"{what}: only the latest {MAX_MARKS_PER_ROW} of {len(dated)} dated rows are drawn")
            dated = dated[-MAX_MARKS_PER_ROW:]
        if undated:
            notes.append(f"{what}: {undated} without a date, not drawn" + (" (listed below)" if name != "events"
                                                                            else ""))
        marks[name] = dated
    n_marks = sum(len(m) for m in marks.values())
    counts = ", ".join(f"{len(by_table[n])} {w}" for n, _, w in FACT_ROWS)
    out = [f'<section id="{anchor(pair)}"><h2>{html.escape(pair_label(pair))}</h2><p>{counts}.</p>']
    if notes:
        out.append("<p class=note>" + "; ".join(html.escape(n) for n in notes) + ".</p>")
    if n_marks:
        # a plain figure dict, not validated graph objects: building those is far slower on large outputs
        fig = figure(marks, rows)
        out.append(pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=f"chart-{k}", validate=False,
                               default_height=f"{fig['layout']['height']}px",
                               config={"displaylogo": False, "responsive": True}))
        out.append(f'<p class=legend-note>{n_marks} marks. Hover a mark for its evidence sentence. Filled markers: '
                   "dated to the day; open markers: dated to a month, season, year or decade (drawn at the middle "
                   "of the interval); bars: visits, from their first to their last day.</p>")
    out.append(_documents_table(rows["documents"], by_table["documents"]))
    out.append(_trade_table(rows["trade"], by_table["trade"]))
    out.append("</section>")
    return "\n".join(out)


def _documents_table(rows: Rows, idx: list[int]) -> str:
    if not idx:
        return ""
    g = rows.get
    body = [[describe_edtf(g("date_edtf", i)), text(g("doc_type", i)), text(g("action", i)), text(g("title", i)),
             ", ".join(as_list(g("parties", i))), text(g("evidence", i))]
            for i in rows.chronological(idx)[:MAX_TABLE_ROWS]]
    return _details("Documents", len(idx), _table(["date", "type", "action", "title", "parties", "evidence"], body))


def _trade_table(rows: Rows, idx: list[int]) -> str:
    if not idx:
        return ""
    g = rows.get
    body = [[text(g("year", i)) if present(g("year", i)) else describe_edtf(g("date_edtf", i)), text(g("indicator", i)),
             " \u2192 ".join(str(c) for c in (g("flow_from", i), g("flow_to", i)) if present(c))
             or ", ".join(str(c) for c in (g("reporter", i), g("partner", i)) if present(c)),
             text(g("value_text", i)), text(g("currency", i)), ", ".join(as_list(g("commodity", i))),
             text(g("evidence", i))]
            for i in rows.chronological(idx)[:MAX_TABLE_ROWS]]
    return _details("Trade figures", len(idx),
                    _table(["year", "indicator", "states", "amount", "currency", "goods", "evidence"], body))


def _details(what: str, n: int, table: str) -> str:
    shown = f" (the first {MAX_TABLE_ROWS})" if n > MAX_TABLE_ROWS else ""
    return f"<details open><summary>{what}: {n}{shown}</summary>{table}</details>"


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# ---- summary -----------------------------------------------------------------------------------

def _summary(data: Dataset, n_pairs: int, n_drawn: int) -> str:
    t = data.tables
    counts = _table(["table", "rows"], [[n, f"{c:,}"] for n, c in data.row_counts.items()])
    facts, published = coverage.fact_dates(t), coverage.publication_dates(t)
    n_outlets, shown = _outlets(t["articles"]["outlet"])
    items = [
        f"<li>Facts dated from {facts[0]} to {facts[1]}</li>" if facts else
        "<li>No dated facts</li>",
        f"<li>Articles published from {published[0]} to {published[1]}</li>" if published
        else "<li>No article has a publication date</li>",
        f"<li>Outlets ({n_outlets}): {shown or 'none named'}</li>",
        f"<li>{n_pairs} country pairs" + (f"; the {n_drawn} with the most rows are drawn below" if n_drawn < n_pairs
                                           else "") + "</li>",
    ]
    version = f" version {html.escape(str(data.version))}" if data.version else ""
    card = (f' The dataset card is <a href="{html.escape(data.card)}">{html.escape(data.card)}</a>.'
            if data.card else "")
    return (f"<header><h1>{html.escape(data.title)}</h1><p>Dataset{version}.{card} Every mark below is one "
            "row of the tables, and shows the sentence it was read from when hovered.</p></header>"
            f"<section class=summary><h2>Summary</h2><ul>{''.join(items)}</ul>{counts}</section>")


def _outlets(outlet_of_articles: pd.Series) -> tuple[int, str]:
    """How many outlets the articles name, and the most frequent ones with their counts (HTML), then how
    many articles name none."""
    outlets = Counter(o for o in outlet_of_articles if present(o))
    shown = ", ".join(f"{html.escape(str(o))} ({n})" for o, n in sorted(outlets.items(), key=lambda i: (-i[1], i[0]))
                      [:MAX_OUTLETS])
    if len(outlets) > MAX_OUTLETS:
        shown += f" and {len(outlets) - MAX_OUTLETS} more"
    no_outlet = sum(1 for o in outlet_of_articles if not present(o))
    if no_outlet:
        shown += f"{'; ' if shown else ''}{no_outlet} articles name no outlet"
    return len(outlets), shown


# ---- small helpers ---------------------------------------------------------------------------------

def _is_ours(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(2048)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="{generator}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}: timeline report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 1200px; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1em; }}
th, td {{ border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
section {{ margin-bottom: 2.5em; }}
.note {{ color: #8a4b00; }}
.legend-note {{ color: #555; font-size: 0.85em; }}
nav ol {{ columns: 2; }}
</style>
<script type="text/javascript">{plotlyjs}</script>
{geo_assets}
</head>
<body>
{body}
</body>
</html>
"""

__all__ = ["GENERATOR", "REPORT_NAME", "Dataset", "assign_pairs", "read_dataset", "render_report", "write_report"]
