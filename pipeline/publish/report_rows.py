"""The report's view of one fact table: its rows as Python lists, where on the time axis each is drawn,
and its hover text; with the small readers of cell values the report's parts share."""
from __future__ import annotations

import html

import pandas as pd
import pyarrow as pa

from pipeline.nlp.edtf_format import describe_edtf

HOVER_WIDTH = 90  # characters a line of hover text holds before it wraps


class Rows:
    """One fact table as Python lists (row by row access is what the page needs; pandas is slow at it), with
    where on the time axis each row is drawn and its hover text, made once whatever the pairs it is in."""

    def __init__(self, name: str, df: pd.DataFrame, visits: pd.DataFrame):
        self.name = name
        self.n = len(df)
        self.col = {c: df[c].tolist() for c in df.columns}
        start, end = _interval(df)
        # drawn at its day, the middle of a coarser interval, or the one bound known
        x = (start + (end - start) / 2).fillna(start).fillna(end).dt.floor("D")
        self.x = iso(x)
        self.start = iso(start)
        self.days = [None if pd.isna(d) else int(d) + 1 for d in (end - start).dt.days]
        self.day = (df["date_precision"].eq("day") & start.eq(end)).tolist()
        self.key = [str(v) for v in df.iloc[:, 0]]  # the id column: a stable tie-break
        self.is_range = [name == "events" and present(v) and d is not None
                         for v, d in zip(self.col["visit_id"] if name == "events" else [None] * self.n, self.days)]
        self.visits = _visit_labels(visits)
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
        when = describe_edtf(self.get("date_edtf", i))
        written = text(self.get("date_text", i))
        if written and written.lower() != when.lower():  # the date as the text gives it, when it reads otherwise
            when = f"{when} (\u201c{written}\u201d)" if when else written
        if self.name == "events":
            head = self._event_head(i)
        elif self.name == "documents":
            head = self._document_head(i)
        else:
            head = self._trade_head(i)
            if not when and present(self.get("year", i)):
                when = str(int(self.col["year"][i]))
        evidence = html.escape(text(self.get("evidence", i)))
        return f"<b>{_wrap(head)}</b><br>{html.escape(when)}<br><i>{_wrap(evidence)}</i>"

    def _event_head(self, i: int) -> str:
        head = f"{self.get('event_type', i)}: {', '.join(as_list(self.get('countries', i)))}"
        visit = self.visits.get(self.get("visit_id", i))
        if visit:
            head += f"<br>{html.escape(visit[0])} ({visit[1]} \u2192 {visit[2]})"
        if present(self.get("location", i)):
            head += f"<br>in {html.escape(str(self.get('location', i)))}"
        return head

    def _document_head(self, i: int) -> str:
        head = f"{self.get('doc_type', i)} {text(self.get('action', i))}: {html.escape(text(self.get('title', i)))}"
        return head + f"<br>parties: {', '.join(as_list(self.get('parties', i)))}"

    def _trade_head(self, i: int) -> str:
        flow = " \u2192 ".join(str(c) for c in (self.get("flow_from", i), self.get("flow_to", i)) if present(c))
        return " ".join(w for w in (text(self.get("indicator", i)), html.escape(text(self.get("value_text", i))),
                                    text(self.get("currency", i)), flow) if w)


def _interval(df: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each row's first and last day as timestamps (NaT when unknown)."""
    start = pd.to_datetime(df["date_start"], errors="coerce")
    end = pd.to_datetime(df["date_end"], errors="coerce")
    if "year" in df:  # trade figures dated by their year only
        year = pd.to_numeric(df["year"], errors="coerce").astype("Int64").astype("string")
        from_year = pd.to_datetime(year + "-01-01", errors="coerce")
        start, end = start.fillna(from_year), end.fillna(from_year + pd.offsets.YearEnd(0))
    return start, end


def _visit_labels(visits: pd.DataFrame) -> dict[str, tuple[str, object, object]]:
    """visit_id -> (the visitor's title and name, the visitor's country, the host country)."""
    return {vid: (" ".join(str(x) for x in (title, who) if present(x)), vc, hc)
            for vid, title, who, vc, hc in zip(visits["visit_id"], visits["visitor_title"], visits["visitor_name"],
                                               visits["visitor_country"], visits["host_country"]) if present(vid)}


def _wrap(value: str, width: int = HOVER_WIDTH) -> str:
    lines, line = [], ""
    for word in value.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def as_list(value) -> list[str]:
    """A list cell (or one string) as its non-empty strings; a null as none."""
    if value is None or isinstance(value, float):
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, pa.Scalar):
        value = value.as_py() or []
    return [str(v) for v in value if isinstance(v, str) and v]


def present(value) -> bool:
    """Whether a cell holds something: not null, not NaN, not the empty string."""
    return not (value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) or value == "")


def text(value) -> str:
    """A cell as text, the empty string when it holds nothing."""
    return str(value) if present(value) else ""


def iso(values: pd.Series) -> list[str | None]:
    """Timestamps as ISO days, None for NaT."""
    return [v if isinstance(v, str) else None for v in values.dt.strftime("%Y-%m-%d").tolist()]
