"""Dates carried by context: an undated clause tied to the visit or meeting told before it ("During the
visit, the presidents opened a clinic"; "On that occasion, ...") takes that visit's or meeting's date, one
the text states, and marks the date columns inferred."""
from __future__ import annotations

from spacy.tokens import Span

from pipeline.extract.context import (DATE_COLUMNS, ArticleContext, last_date_before, previous_sentence,
                                      same_paragraph)
from pipeline.extract.document_dates import as_mention
from pipeline.extract.rows import EventRow, Fact, VisitRow
from pipeline.nlp.rules import cues, first_cue
from pipeline.nlp.temporal import DateMention


def talks_in(text: str) -> bool:
    """Whether a sentence mentions talks at all ("During the meeting, X expressed ..."): any `meeting` rule of
    the `meetings` cue list, the occasion phrases included."""
    low = text.lower()
    return any(label == "meeting" and rx.search(low) for label, rx in cues("events", "meetings"))


def carried_date(ctx: ArticleContext, sent: Span, visits: list[Fact[VisitRow]]) -> DateMention | None:
    """The date an undated sentence takes from the fact its `carried_date` phrase ties it to: the latest
    dated visit told before ("during the visit"), else the last day stated before in the same paragraph or
    the previous sentence ("on that occasion", "at the talks"). None without such a phrase."""
    label = first_cue("events", "carried_date", sent.text)
    if label is None:
        return None
    if label == "visit":
        before = [v.row for v in visits if v.row["char_start"] < sent.start_char and v.row["date_start"] is not None
                  and v.row.get("status") != "planned"]
        if before:
            return as_mention(max(before, key=lambda r: r["char_start"]))
    prev = previous_sentence(sent)
    if prev is None:
        return None
    lo = prev.start_char
    while same_paragraph(prev, sent) and previous_sentence(prev) is not None:
        earlier = previous_sentence(prev)
        if earlier is None or not same_paragraph(earlier, sent):
            break
        prev, lo = earlier, earlier.start_char
    return last_date_before(ctx, sent.start_char, lambda d: d.start >= lo and d.precision == "day"
                            and d.date_start is not None)


def mark_carried(rows: list[Fact[EventRow]]) -> list[Fact[EventRow]]:
    """The rows dated by a carried date, with the date columns listed as inferred."""
    for f in rows:
        got = f.row.get("inferred_fields") or []
        f.row["inferred_fields"] = got + [c for c in DATE_COLUMNS if c not in got]
    return rows
