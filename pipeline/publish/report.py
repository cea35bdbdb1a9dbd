"""Draw a published dataset as one self-contained page, report.html: its summary, then per country pair a
timeline of events, documents and trade figures (Plotly, with plotly.js inlined: no network at view time)."""
from __future__ import annotations

import html
import itertools
import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.io as pio
import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
from plotly.offline import get_plotlyjs

from pipeline.base.durable import fsync, umask
from pipeline.nlp.edtf_format import describe_edtf
from pipeline.publish import coverage
from pipeline.publish.marker import add_to_marker, has_marker
from pipeline.publish.output_guard import OutputRefused
from schemas.fields import VOCAB

REPORT_NAME = "report.html"
# In every page this module writes; a report.html without it was not written by the pipeline: never replaced.
GENERATOR = "bilateral-pipeline report"
MAX_PAIRS = 30            # country pairs drawn, the most documented first; the others are listed with their counts
MAX_MARKS_PER_ROW = 250   # marks per chart row (events, documents, trade) of one pair: the latest are kept
MAX_TABLE_ROWS = 100      # rows of the documents and trade tables under each chart
MAX_OUTLETS = 15

# The columns read, by table; a column missing from a dataset reads as null, extra columns are ignored.
_COLUMNS = {
    "articles": ["article_id", "outlet", "published_date"],
    "events": ["event_id", "article_id", "evidence", "event_type", "countries", "location", "status", "date_start",
               "date_end", "date_precision", "date_text", "date_edtf", "visit_id"],
    "visits": ["visit_id", "visitor_name", "visitor_title", "visitor_country", "host_country", "host_city",
               "visit_type"],
    "documents": ["document_id", "article_id", "evidence", "title", "doc_type", "action", "parties", "status",
                  "date_start", "date_end", "date_precision", "date_text", "date_edtf"],
    "trade": ["trade_id", "article_id", "evidence", "indicator", "reporter", "partner", "flow_from", "flow_to",
              "year", "value", "currency", "value_text", "commodity", "date_start", "date_end", "date_precision",
              "date_text", "date_edtf"],
}
_LIST_COLUMNS = {"countries", "parties", "commodity"}
_FACT_ROWS = (("events", "event_type", "events"), ("documents", "doc_type", "documents"),
              ("trade", "indicator", "trade figures"))
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
            "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]
_ROW_COLOURS = {"documents": "#34495e", "trade": "#1e7b4a"}
_DAY_MS = 86_400_000


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


@dataclass
class Dataset:
    """What the report shows of a published dataset."""
    tables: dict[str, pd.DataFrame]
    row_counts: dict[str, int]
    title: str = "Relations between states extracted from news articles"
    version: str | None = None
    card: str | None = None  # the dataset card's file name, when the folder has one


def read_dataset(folder: Path) -> Dataset:
    """The columns the report needs from every table of the dataset in `folder`, and every table's row count."""
    package = _package(folder)
    files = _table_files(folder, package)
    tables = {name: _read(files.get(name, []), cols) for name, cols in _COLUMNS.items()}
    counts = {name: sum(pq.ParquetFile(p).metadata.num_rows for p in paths) for name, paths in files.items()}
    card = next((n for n in ("README.md", "CARD.md") if (folder / n).is_file()), None)
    return Dataset(tables, counts, package.get("title") or Dataset.title, package.get("version"), card)


def render_report(data: Dataset) -> str:
    """The whole page as one string; the same dataset gives the same bytes."""
    rows = {name: _Rows(name, data.tables[name], data.tables["visits"]) for name, _, _ in _FACT_ROWS}
    pairs = assign_pairs(rows)
    ranked = sorted(pairs, key=lambda p: (-_total(pairs[p]), p))
    drawn, listed = ranked[:MAX_PAIRS], ranked[MAX_PAIRS:]
    parts = [_summary(data, len(pairs), len(drawn))]
    if drawn:
        parts.append("<nav><h2>Country pairs</h2><ol>" + "".join(
            f'<li><a href="#{_anchor(p)}">{html.escape(_pair_label(p))}</a> ({_total(pairs[p])} rows)</li>'
            for p in drawn) + "</ol></nav>")
    parts += [_section(k, pair, pairs[pair], rows) for k, pair in enumerate(drawn)]
    if listed:
        parts.append(f"<section><h2>{len(listed)} more country pairs, not drawn</h2>"
                     f"<p>Only the {MAX_PAIRS} pairs with the most rows are drawn.</p>" + _table(
                         ["pair", "events", "documents", "trade figures"],
                         [[_pair_label(p), *(str(len(pairs[p][n])) for n, _, _ in _FACT_ROWS)] for p in listed])
                     + "</section>")
    return _PAGE.format(title=html.escape(data.title), generator=GENERATOR, plotlyjs=get_plotlyjs(),
                        body="\n".join(parts))


class _Rows:
    """One fact table as Python lists (row by row access is what the page needs; pandas is slow at it), with
    where on the time axis each row is drawn and its hover text, made once whatever the pairs it is in."""

    def __init__(self, name: str, df: pd.DataFrame, visits: pd.DataFrame):
        self.name = name
        self.n = len(df)
        self.col = {c: df[c].tolist() for c in df.columns}
        start = pd.to_datetime(df["date_start"], errors="coerce")
        end = pd.to_datetime(df["date_end"], errors="coerce")
        if "year" in df:  # trade figures dated by their year only
            year = pd.to_numeric(df["year"], errors="coerce").astype("Int64").astype("string")
            from_year = pd.to_datetime(year + "-01-01", errors="coerce")
            start, end = start.fillna(from_year), end.fillna(from_year + pd.offsets.YearEnd(0))
        # drawn at its day, the middle of a coarser interval, or the one bound known
        x = (start + (end - start) / 2).fillna(start).fillna(end).dt.floor("D")
        self.x = _iso(x)
        self.start = _iso(start)
        self.days = [None if pd.isna(d) else int(d) + 1 for d in (end - start).dt.days]
        self.day = (df["date_precision"].eq("day") & start.eq(end)).tolist()
        self.key = [str(v) for v in df.iloc[:, 0]]  # the id column: a stable tie-break
        self.is_range = [name == "events" and _present(v) and d is not None
                         for v, d in zip(self.col["visit_id"] if name == "events" else [None] * self.n, self.days)]
        self.visits = {vid: (" ".join(str(x) for x in (title, who) if _present(x)), vc, hc)
                       for vid, title, who, vc, hc in zip(visits["visit_id"], visits["visitor_title"],
                                                         visits["visitor_name"], visits["visitor_country"],
                                                         visits["host_country"]) if _present(vid)}
        self._hover: dict[int, str] = {}

    def get(self, column: str, i: int):
        return self.col[column][i]

    def chronological(self, idx: list[int]) -> list[int]:
        """`idx` in time order, undated rows last."""
        return sorted(idx, key=lambda i: (self.x[i] is None, self.x[i] or "", self.key[i]))

    def hover(self, i: int) -> str:
        """What, when, who, and the evidence sentence."""
        if i not in self._hover:
            self._hover[i] = self._make_hover(i)
        return self._hover[i]

    def _make_hover(self, i: int) -> str:
        def get(column: str):
            return self.col[column][i]

        when = describe_edtf(get("date_edtf"))
        written = _text(get("date_text"))
        if written and written.lower() != when.lower():  # the date as the text gives it, when it reads otherwise
            when = f"{when} (\u201c{written}\u201d)" if when else written
        if self.name == "events":
            head = f"{get('event_type')}: {', '.join(_as_list(get('countries')))}"
            visit = self.visits.get(get("visit_id"))
            if visit:
                head += f"<br>{html.escape(visit[0])} ({visit[1]} \u2192 {visit[2]})"
            if _present(get("location")):
                head += f"<br>in {html.escape(str(get('location')))}"
        elif self.name == "documents":
            head = f"{get('doc_type')} {_text(get('action'))}: {html.escape(_text(get('title')))}"
            head += f"<br>parties: {', '.join(_as_list(get('parties')))}"
        else:
            flow = " \u2192 ".join(str(c) for c in (get("flow_from"), get("flow_to")) if _present(c))
            head = " ".join(w for w in (_text(get("indicator")), html.escape(_text(get("value_text"))),
                                        _text(get("currency")), flow) if w)
            if not when and _present(get("year")):
                when = str(int(self.col["year"][i]))
        evidence = html.escape(_text(get("evidence")))
        return f"<b>{_wrap(head)}</b><br>{html.escape(when)}<br><i>{_wrap(evidence)}</i>"


# ---- country pairs ---------------------------------------------------------------------------------

Pair = tuple[str, str]  # two ISO3 codes, sorted; ("XXX", "") for a state no pair of its article includes
_STATE_COLUMNS = {"events": ["countries"], "documents": ["parties"],
                  "trade": ["reporter", "partner", "flow_from", "flow_to"]}


def assign_pairs(rows: dict[str, _Rows]) -> dict[Pair, dict[str, list[int]]]:
    """Pair -> table -> positions of its rows. Each events, documents and trade row goes under every pair
    of the states it names. A row naming one state (a parliament's resolution) goes under the pairs of
    its article that include that state, a row naming none under every pair of its article; with no
    such pair, under the state alone."""
    states = {name: _states(rows[name], columns) for name, columns in _STATE_COLUMNS.items()}
    own = {name: [_pairs_of(codes) for codes in sets] for name, sets in states.items()}
    article_pairs: dict[str, set[Pair]] = defaultdict(set)
    for name, pairs_of_rows in own.items():
        for article, pairs in zip(rows[name].col["article_id"], pairs_of_rows):
            article_pairs[article].update(pairs)
    found: dict[Pair, dict[str, list[int]]] = defaultdict(lambda: {n: [] for n in states})
    for name, sets in states.items():
        for i, (article, codes, pairs) in enumerate(zip(rows[name].col["article_id"], sets, own[name])):
            if not pairs:
                pairs = sorted(p for p in article_pairs.get(article, ()) if not codes or codes[0] in p)
            if not pairs and codes:
                pairs = [(codes[0], "")]
            for pair in pairs:
                found[pair][name].append(i)
    return dict(found)


def _total(by_table: dict[str, list[int]]) -> int:
    return sum(len(v) for v in by_table.values())


def _states(rows: _Rows, columns: list[str]) -> list[list[str]]:
    out = []
    for values in zip(*(rows.col[c] for c in columns)):
        codes: set[str] = set()
        for v in values:
            codes.update(_as_list(v))
        out.append(sorted(codes))
    return out


def _pairs_of(codes: list[str]) -> list[Pair]:
    return [(a, b) for a, b in itertools.combinations(codes, 2)]


def _pair_label(pair: Pair) -> str:
    a, b = pair
    if not b:
        return f"{a} ({_country(a)}) alone"
    return f"{a} \u2013 {b} ({_country(a)} \u2013 {_country(b)})"


def _country(code: str) -> str:
    found = pycountry.countries.get(alpha_3=code)
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def _anchor(pair: Pair) -> str:
    return "pair-" + "-".join(p for p in pair if p)


# ---- one pair's section --------------------------------------------------------------------------

def _section(k: int, pair: Pair, by_table: dict[str, list[int]], rows: dict[str, _Rows]) -> str:
    notes = []
    marks: dict[str, list[int]] = {}
    for name, _, what in _FACT_ROWS:
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
    counts = ", ".join(f"{len(by_table[n])} {w}" for n, _, w in _FACT_ROWS)
    out = [f'<section id="{_anchor(pair)}"><h2>{html.escape(_pair_label(pair))}</h2><p>{counts}.</p>']
    if notes:
        out.append("<p class=note>" + "; ".join(html.escape(n) for n in notes) + ".</p>")
    if n_marks:
        # a plain figure dict, not validated graph objects: building those is far slower on large outputs
        fig = _figure(marks, rows)
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


def _figure(marks: dict[str, list[int]], rows: dict[str, _Rows]) -> dict:
    """One chart row per table with dated rows (events, documents, trade), sharing the time axis."""
    shown = []
    for name, col, what in _FACT_ROWS:
        groups: dict[str, list[int]] = defaultdict(list)
        for i in marks[name]:
            groups[_text(rows[name].get(col, i)) or "unknown"].append(i)
        if groups:
            shown.append((name, what, groups))
    heights = [len(groups) for _, _, groups in shown]
    height = 70 + 34 * sum(heights) + 60 * len(shown)
    gap = 50 / (height - 70) if len(shown) > 1 else 0.0  # 50 pixels between chart rows, for the row's title
    room = 1 - gap * (len(shown) - 1)
    top = 1.0
    layout: dict = {"barmode": "overlay", "hoverlabel": {"align": "left"}, "legend": {"title": {"text": "event type"}},
                    "margin": {"l": 170, "r": 20, "t": 40, "b": 30}, "plot_bgcolor": "white", "height": height,
                    "annotations": []}
    traces = []
    for r, (name, what, groups) in enumerate(shown, start=1):
        table = rows[name]
        ax = "" if r == 1 else str(r)
        lo = max(0.0, top - room * heights[r - 1] / sum(heights))
        layout[f"xaxis{ax}"] = {"type": "date", "anchor": f"y{ax}", "domain": [0, 1], "gridcolor": "#eee",
                                "showticklabels": r == len(shown), **({"matches": "x"} if r > 1 else {})}
        layout[f"yaxis{ax}"] = {"type": "category", "categoryorder": "category descending", "anchor": f"x{ax}",
                                "domain": [round(lo, 6), round(top, 6)], "gridcolor": "#eee"}
        layout["annotations"].append({"text": what, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5,
                                      "y": round(top, 6), "xanchor": "center", "yanchor": "bottom",
                                      "font": {"size": 14}})
        top = lo - gap
        for category in sorted(groups):
            # events are coloured by type (the legend); documents and trade take one colour a row, their kind
            # being the row's label
            colour = _colour(category) if name == "events" else _ROW_COLOURS[name]
            common = {"name": category, "xaxis": f"x{ax}", "yaxis": f"y{ax}", "showlegend": name == "events",
                      "hovertemplate": "%{hovertext}<extra></extra>"}
            if name == "events":
                common["legendgroup"] = category
            bars = [i for i in groups[category] if table.is_range[i]]
            points = [i for i in groups[category] if not table.is_range[i]]
            if bars:
                traces.append({"type": "bar", "orientation": "h", **common, "y": [category] * len(bars),
                               "base": [table.start[i] for i in bars],
                               "x": [table.days[i] * _DAY_MS for i in bars],
                               "width": 0.5, "marker": {"color": colour, "line": {"color": colour, "width": 3}},
                               "hovertext": [table.hover(i) for i in bars]})
                common["showlegend"] = False
            if points:
                traces.append({"type": "scatter", "mode": "markers", **common, "x": [table.x[i] for i in points],
                               "y": [category] * len(points),
                               "marker": {"color": colour, "size": 10, "line": {"color": colour, "width": 2},
                                          "symbol": ["circle" if table.day[i] else "circle-open" for i in points]},
                               "hovertext": [table.hover(i) for i in points]})
    return {"data": traces, "layout": layout}


def _wrap(text: str, width: int = 90) -> str:
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def _documents_table(rows: _Rows, idx: list[int]) -> str:
    if not idx:
        return ""
    g = rows.get
    body = [[describe_edtf(g("date_edtf", i)), _text(g("doc_type", i)), _text(g("action", i)), _text(g("title", i)),
             ", ".join(_as_list(g("parties", i))), _text(g("evidence", i))]
            for i in rows.chronological(idx)[:MAX_TABLE_ROWS]]
    return _details("Documents", len(idx), _table(["date", "type", "action", "title", "parties", "evidence"], body))


def _trade_table(rows: _Rows, idx: list[int]) -> str:
    if not idx:
        return ""
    g = rows.get
    body = [[_text(g("year", i)) if _present(g("year", i)) else describe_edtf(g("date_edtf", i)), _text(g("indicator", i)),
             " \u2192 ".join(str(c) for c in (g("flow_from", i), g("flow_to", i)) if _present(c))
             or ", ".join(str(c) for c in (g("reporter", i), g("partner", i)) if _present(c)),
             _text(g("value_text", i)), _text(g("currency", i)), ", ".join(_as_list(g("commodity", i))),
             _text(g("evidence", i))]
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
    outlets = Counter(o for o in t["articles"]["outlet"] if _present(o))
    shown = ", ".join(f"{html.escape(str(o))} ({n})" for o, n in sorted(outlets.items(), key=lambda i: (-i[1], i[0]))
                      [:MAX_OUTLETS])
    if len(outlets) > MAX_OUTLETS:
        shown += f" and {len(outlets) - MAX_OUTLETS} more"
    no_outlet = sum(1 for o in t["articles"]["outlet"] if not _present(o))
    if no_outlet:
        shown += f"{'; ' if shown else ''}{no_outlet} articles name no outlet"
    items = [
        f"<li>Facts dated from {facts[0]} to {facts[1]}</li>" if facts else
        "<li>No dated facts</li>",
        f"<li>Articles published from {published[0]} to {published[1]}</li>" if published
        else "<li>No article has a publication date</li>",
        f"<li>Outlets ({len(outlets)}): {shown or 'none named'}</li>",
        f"<li>{n_pairs} country pairs" + (f"; the {n_drawn} with the most rows are drawn below" if n_drawn < n_pairs
                                           else "") + "</li>",
    ]
    version = f" version {html.escape(str(data.version))}" if data.version else ""
    card = (f' The dataset card is <a href="{html.escape(data.card)}">{html.escape(data.card)}</a>.'
            if data.card else "")
    return (f"<header><h1>{html.escape(data.title)}</h1><p>Dataset{version}.{card} Every mark below is one "
            "row of the tables, and shows the sentence it was read from when hovered.</p></header>"
            f"<section class=summary><h2>Summary</h2><ul>{''.join(items)}</ul>{counts}</section>")


# ---- reading --------------------------------------------------------------------------------------

def _package(folder: Path) -> dict:
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return package if isinstance(package, dict) else {}


def _table_files(folder: Path, package: dict) -> dict[str, list[Path]]:
    """Table name -> its Parquet files, from datapackage.json, else the `NAME.parquet` and `NAME/*.parquet`."""
    found: dict[str, list[Path]] = {}
    for resource in package.get("resources") or []:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            continue
        paths = resource.get("path")
        paths = [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else []
        files = [folder / p for p in paths if isinstance(p, str) and p.endswith(".parquet")]
        if files and all(f.is_file() for f in files):
            found[resource["name"]] = files
    for path in sorted(folder.glob("*.parquet")):
        found.setdefault(path.stem, [path])
    for path in sorted(folder.iterdir()):
        if path.is_dir() and path.name not in found and any(path.glob("*.parquet")):
            found[path.name] = sorted(path.glob("*.parquet"))
    return found


def _read(files: list[Path], columns: list[str]) -> pd.DataFrame:
    frames = []
    for path in files:
        present = [c for c in columns if c in pq.read_schema(path).names]
        frames.append(pq.read_table(path, columns=present).to_pandas(maps_as_pydicts="strict")
                      if present else pd.DataFrame(index=range(pq.ParquetFile(path).metadata.num_rows)))
    df = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    for c in columns:
        if c not in df:
            df[c] = pd.Series([None] * len(df), dtype=object)
    return df[columns].reset_index(drop=True)


# ---- small helpers ---------------------------------------------------------------------------------

def _is_ours(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(2048)
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head


def _as_list(value) -> list[str]:
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, pa.Scalar):
        value = value.as_py() or []
    return [str(v) for v in value if isinstance(v, str) and v]


def _present(value) -> bool:
    return not (value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) or value == "")


def _text(value) -> str:
    return str(value) if _present(value) else ""


def _iso(values: pd.Series) -> list[str | None]:
    return [v if isinstance(v, str) else None for v in values.dt.strftime("%Y-%m-%d").tolist()]


def _colour(event_type: str) -> str:
    """A fixed colour per event type, whatever else is on the chart (a type looks the same in every pair)."""
    known = [*_EVENT_TYPES, "unknown"]
    if event_type in known:
        return _PALETTE[known.index(event_type) % len(_PALETTE)]
    return _PALETTE[sum(event_type.encode()) % len(_PALETTE)]  # a type added to the vocabulary since




_EVENT_TYPES = list(VOCAB.get("event_type", []))

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
</head>
<body>
{body}
</body>
</html>
"""

__all__ = ["GENERATOR", "REPORT_NAME", "Dataset", "assign_pairs", "read_dataset", "render_report", "write_report"]
