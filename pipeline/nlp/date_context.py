"""What reading a date needs besides its match: the text, the publication date and the caller's hints."""
from __future__ import annotations

import datetime as dt

from pipeline.nlp.numeric_dates import numeric_order_of
from pipeline.nlp.tense import tense_around


class DateContext:
    """The publication date, the caller's tense and numeric order; the text's own order, found once."""

    def __init__(self, text: str, published: dt.date | None, tense: str | None, numeric_order: str | None):
        self.text = text
        self.published = published
        self.tense = tense
        self._order = numeric_order
        self._order_known = numeric_order is not None

    def year(self, y: str | None) -> tuple[int | None, str]:
        """A year as written, else the publication year (inferred), else none (unresolved)."""
        if y:
            return int(y), "explicit"
        if self.published:
            return self.published.year, "inferred"
        return None, "unresolved"

    def relative_year(self, word: str) -> tuple[int | None, str]:
        """A year written as digits, or as "this/last/next/the (current) year" from the publication date."""
        if word[:1].isdigit():
            return int(word), "explicit"
        p = self.published
        if p is None:
            return None, "unresolved"
        w = word.lower()
        return p.year + (-1 if w.startswith("last") else 1 if w.startswith("next") else 0), "inferred"

    def numeric_order(self) -> str | None:
        if not self._order_known:  # computed once per text, and only when a numeric date needs it
            self._order, self._order_known = numeric_order_of(self.text), True
        return self._order

    def tense_at(self, start: int, end: int) -> str | None:
        return self.tense or tense_around(self.text, start, end)

    def year_shift(self, m, a: dt.date, b: dt.date) -> int:
        """A year-less date completed with the publication year lies on the wrong side of publication for
        its tense: "had travelled there in November" (published in January) is last year's November, "will
        visit in March" (published in October) next year's March. With no tense cue the year stays."""
        p = self.published
        if p is None:
            return 0
        if a > p or b < p:
            tense = self.tense_at(m.start(), m.end())
            if tense == "past" and a > p:
                return -1
            if tense == "future" and b < p:
                return 1
        return 0
