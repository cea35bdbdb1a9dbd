"""Which way a clause's dates go: the tense its cue words say (pipeline/rules/dates.yaml, cue list `tense`)."""
from __future__ import annotations

import re

from pipeline.nlp.date_words import TENSE_CUES

_CUE = re.compile("|".join(f"(?P<{label}>{rx.pattern})" for label, rx in TENSE_CUES))
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
WINDOW = 200  # characters either side of a date in which its sentence's tense cues are looked for


def tense_of(clause: str) -> str | None:
    """"future", "past" or None for a clause, from the cue words in it (the last cue wins)."""
    last = None
    for m in _CUE.finditer(clause):
        last = m
    if last is None:
        return None
    return "future" if last["future"] else "past"


def tense_around(text: str, start: int, end: int) -> str | None:
    """The tense of the date at text[start:end]: the last cue before it in its sentence, else the first
    after it that is not a reporting verb ("..., the minister said" reports the clause; it does not date it)."""
    lo = max(0, start - WINDOW)
    left = text[lo:start]
    ends = list(_SENTENCE_END.finditer(left))
    if ends:
        left = left[ends[-1].end():]
    tense = tense_of(left)
    if tense:
        return tense
    right = text[end:end + WINDOW]
    stop = _SENTENCE_END.search(right)
    for m in _CUE.finditer(right[:stop.start()] if stop else right):
        if m["future"] or m["past"]:
            return "future" if m["future"] else "past"
    return None
