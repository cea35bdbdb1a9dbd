"""One event per occurrence: a heading and its paragraph, a lead and the body restating it, talks linked to
their visit and restated alone are one event of the timeline."""
from __future__ import annotations

import bisect

from pipeline.extract.rows import EventRow, Fact

VISIT_TALKS = "events.meeting_of_visit"  # the extractor of talks dated and placed by their visit


def one_per_occurrence(rows: list[Fact[EventRow]]) -> list[Fact[EventRow]]:
    """A heading and its paragraph, a lead and the body restating it, a pasted paragraph, talks linked to
    their visit and restated alone: one event. Events of detail rows are all kept (each row has its event)."""
    linked = _linked(rows)
    precise = _PreciseDates([f.row for f in rows if not f.linked])
    rows = [f for f in rows if f.linked or not precise.restates(f.row)]
    return sorted([*linked, *_first_statements(linked, rows)], key=lambda f: (f.row["char_start"], str(f.anchor)))


def _linked(rows: list[Fact[EventRow]]) -> list[Fact[EventRow]]:
    """The events linked to a detail row, less the talks mentioned again for a visit whose meeting is there."""
    linked: list[Fact[EventRow]] = []
    talks: set[int] = set()  # the visits whose talks are an event already
    for f in rows:
        if f.row["extractor"] == VISIT_TALKS and (f.visit in talks or any(_meeting_within(o.row, f.row) for o in rows)):
            continue  # talks mentioned again without a date: the visit's meeting is already there
        if f.visit is not None and f.row["event_type"] == "meeting":
            talks.add(f.visit)
        if f.linked:
            linked.append(f)
    return linked


def _meeting_within(o: EventRow, r: EventRow) -> bool:
    """Whether `o` is a meeting stated with a date of its own that lies in the dates of the visit talks `r`."""
    return (o["event_type"] == "meeting" and o["extractor"] != VISIT_TALKS and r["date_start"] is not None
            and o["date_start"] is not None and r["date_end"] is not None
            and r["date_start"] <= o["date_start"] <= r["date_end"])


def _first_statements(linked: list[Fact[EventRow]], rows: list[Fact[EventRow]]) -> list[Fact[EventRow]]:
    """The unlinked events that state an occurrence first: not of the type, states and dates of a linked
    event or of one before, nor, undated, of the type and evidence of one before."""
    seen = {_occurrence(f.row) for f in linked}
    said: set[tuple[str, str]] = set()
    out = []
    for f in rows:
        if f.linked:
            continue
        r = f.row
        key = _occurrence(r)
        undated = (r["event_type"], r["evidence"])
        if (r["date_start"] is not None and key in seen) or (r["date_start"] is None and undated in said):
            continue
        seen.add(key)
        said.add(undated)
        out.append(f)
    return out


def _occurrence(r: EventRow) -> tuple:
    return r["event_type"], tuple(r["countries"]), r["date_start"], r["date_end"]


class _PreciseDates:
    """The dates of unlinked events per type and states, to tell in log time whether an event is restated
    precisely: whether another of the same type and states lies inside its wider date, the same occurrence
    stated coarsely ("in 1995", a lead) and precisely ("on 12 March 1995", the body). Not for `other`, whose
    steps differ in kind (an air link and a partnership upgrade of one year)."""

    def __init__(self, rows: list[EventRow]) -> None:
        spans: dict[tuple, set[tuple]] = {}
        for o in rows:
            if o["date_start"] is not None and o["date_end"] is not None:
                spans.setdefault((o["event_type"], tuple(o["countries"])), set()).add((o["date_start"], o["date_end"]))
        # per type and states: the distinct spans by start (then end), their ends, and from each position on,
        # the earliest end
        self._spans: dict[tuple, tuple[list, list, list]] = {}
        for key, found in spans.items():
            ordered = sorted(found)
            earliest = [end for _, end in ordered]
            for i in range(len(earliest) - 2, -1, -1):
                earliest[i] = min(earliest[i], earliest[i + 1])
            self._spans[key] = ([start for start, _ in ordered], [end for _, end in ordered], earliest)

    def restates(self, r: EventRow) -> bool:
        start, end = r["date_start"], r["date_end"]
        found = self._spans.get((r["event_type"], tuple(r["countries"])))
        if start is None or end is None or r["event_type"] == "other" or found is None:
            return False
        starts, ends, earliest = found
        # a span with the same start that ends sooner (the first of that start ends soonest), or one that
        # starts later and ends by this one's end
        same, later = bisect.bisect_left(starts, start), bisect.bisect_right(starts, start)
        return (same < later and ends[same] < end) or (later < len(starts) and earliest[later] <= end)
