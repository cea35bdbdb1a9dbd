"""The chart of one country pair in the report: a Plotly figure as a plain dict, one chart row per table
with dated rows (events, documents, trade) sharing the time axis, a mark or bar per row."""
from __future__ import annotations

from collections import defaultdict

from pipeline.publish.report_rows import Rows, text
from schemas.fields import VOCAB

# table, the column whose value labels its marks' line, what the chart row is titled
FACT_ROWS = (("events", "event_type", "events"), ("documents", "doc_type", "documents"),
             ("trade", "indicator", "trade figures"))
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
            "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354"]
_ROW_COLOURS = {"documents": "#34495e", "trade": "#1e7b4a"}
_DAY_MS = 86_400_000
_EVENT_TYPES = list(VOCAB.get("event_type", []))

# pixels: the figure's top and bottom margins, a line of marks, a chart row's own margin, between chart rows
_MARGINS, _LINE, _ROW, _GAP = 70, 34, 60, 50

ChartRow = tuple[str, str, dict[str, list[int]]]  # table, title, label -> positions of its marks


def figure(marks: dict[str, list[int]], rows: dict[str, Rows]) -> dict:
    """One chart row per table with dated rows (events, documents, trade), sharing the time axis."""
    shown = _chart_rows(marks, rows)
    heights = [len(groups) for _, _, groups in shown]
    height = _MARGINS + _LINE * sum(heights) + _ROW * len(shown)
    layout: dict = {"barmode": "overlay", "hoverlabel": {"align": "left"}, "legend": {"title": {"text": "event type"}},
                    "margin": {"l": 170, "r": 20, "t": 40, "b": 30}, "plot_bgcolor": "white", "height": height,
                    "annotations": []}
    traces: list[dict] = []
    for r, ((name, what, groups), domain) in enumerate(zip(shown, _domains(heights, height)), start=1):
        ax = "" if r == 1 else str(r)
        _add_axes(layout, ax, what, domain, last=r == len(shown))
        for category in sorted(groups):
            traces += _traces(rows[name], ax, category, groups[category])
    return {"data": traces, "layout": layout}


def _chart_rows(marks: dict[str, list[int]], rows: dict[str, Rows]) -> list[ChartRow]:
    """The tables that have marks, each with its marks grouped by their line's label."""
    shown = []
    for name, col, what in FACT_ROWS:
        groups: dict[str, list[int]] = defaultdict(list)
        for i in marks[name]:
            groups[text(rows[name].get(col, i)) or "unknown"].append(i)
        if groups:
            shown.append((name, what, groups))
    return shown


def _domains(heights: list[int], height: int) -> list[tuple[float, float]]:
    """Each chart row's vertical extent (bottom, top) as fractions of the plot, its height by its lines."""
    gap = _GAP / (height - _MARGINS) if len(heights) > 1 else 0.0  # room between chart rows, for the row's title
    room = 1 - gap * (len(heights) - 1)
    top = 1.0
    out = []
    for lines in heights:
        lo = max(0.0, top - room * lines / sum(heights))
        out.append((lo, top))
        top = lo - gap
    return out


def _add_axes(layout: dict, ax: str, what: str, domain: tuple[float, float], last: bool) -> None:
    """A chart row's axes (the time axis shared with the first row's, ticks on the last row only) and title."""
    lo, top = domain
    layout[f"xaxis{ax}"] = {"type": "date", "anchor": f"y{ax}", "domain": [0, 1], "gridcolor": "#eee",
                            "showticklabels": last, **({"matches": "x"} if ax else {})}
    layout[f"yaxis{ax}"] = {"type": "category", "categoryorder": "category descending", "anchor": f"x{ax}",
                            "domain": [round(lo, 6), round(top, 6)], "gridcolor": "#eee"}
    layout["annotations"].append({"text": what, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5,
                                  "y": round(top, 6), "xanchor": "center", "yanchor": "bottom", "font": {"size": 14}})


def _traces(table: Rows, ax: str, category: str, idx: list[int]) -> list[dict]:
    """The marks of one line: bars for the rows drawn as a range (visits), points for the others."""
    # events are coloured by type (the legend); documents and trade take one colour a row, their kind being
    # the row's label
    events = table.name == "events"
    tint = colour(category) if events else _ROW_COLOURS[table.name]
    common = {"name": category, "xaxis": f"x{ax}", "yaxis": f"y{ax}", "showlegend": events,
              "hovertemplate": "%{hovertext}<extra></extra>"}
    if events:
        common["legendgroup"] = category
    bars = [i for i in idx if table.is_range[i]]
    points = [i for i in idx if not table.is_range[i]]
    out = []
    if bars:
        out.append(_bars(table, bars, common, tint))
        common["showlegend"] = False  # one legend entry per type
    if points:
        out.append(_points(table, points, common, tint))
    return out


def _bars(table: Rows, idx: list[int], common: dict, tint: str) -> dict:
    """Horizontal bars from each row's first day, as long as it lasted."""
    return {"type": "bar", "orientation": "h", **common, "y": [common["name"]] * len(idx),
            "base": [table.start[i] for i in idx], "x": [table.days[i] * _DAY_MS for i in idx],
            "width": 0.5, "marker": {"color": tint, "line": {"color": tint, "width": 3}},
            "hovertext": [table.hover(i) for i in idx]}


def _points(table: Rows, idx: list[int], common: dict, tint: str) -> dict:
    """A marker per row: filled when dated to the day, open when drawn at the middle of a coarser date."""
    return {"type": "scatter", "mode": "markers", **common, "x": [table.x[i] for i in idx],
            "y": [common["name"]] * len(idx),
            "marker": {"color": tint, "size": 10, "line": {"color": tint, "width": 2},
                       "symbol": ["circle" if table.day[i] else "circle-open" for i in idx]},
            "hovertext": [table.hover(i) for i in idx]}


def colour(event_type: str) -> str:
    """A fixed colour per event type, whatever else is on the chart (a type looks the same in every pair)."""
    known = [*_EVENT_TYPES, "unknown"]
    if event_type in known:
        return _PALETTE[known.index(event_type) % len(_PALETTE)]
    return _PALETTE[sum(event_type.encode()) % len(_PALETTE)]  # a type added to the vocabulary since
