"""The date expressions, as regular expressions each with its reader, tried in order (earlier wins a tie)."""
from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.nlp import explicit_dates as ex
from pipeline.nlp import numeric_dates as num
from pipeline.nlp import relative_dates as rel
from pipeline.nlp.date_words import AGO_WORDS, ANAPHOR_OFFSETS, CLAUSE_FINAL_DIRECTIONS, COUNTED_FROM, COUNTED_MONTHS, COUNT_DIRECTIONS, D, DAY_WORDS, \
    DM, END, M, MODIFIERS, MONTH_INITIALS, MONTH_PREPOSITION_INITIALS, MONTH_PREPOSITIONS, NOW_WORDS, NUM, PART_NOUNS, \
    PART_ORDINAL_WORDS, PART_ORDINALS, PERIOD_SHIFTS, RANGE, RECENT_WORDS, REST_OF_PERIOD_WORDS, SEASON, \
    SEASON_INITIALS, VAGUE_PART_INITIALS, VAGUE_PARTS, WEEKDAY, WEEKDAY_INITIALS, WEEKDAY_MODIFIERS, Y, initials


def _any(words) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))

# "the ..." and the ordinals ("the first half", "third quarter"), "early", "mid", "late"
_PART_INITIALS = "".join(sorted({"t", *(w[0] for w in PART_ORDINAL_WORDS), *VAGUE_PART_INITIALS}))
_DAY_OR_RECENT = _any([*DAY_WORDS, *RECENT_WORDS])  # yesterday, today, ..., recently
_FREE_DIRECTIONS = _any([*(w for w in COUNT_DIRECTIONS if w not in CLAUSE_FINAL_DIRECTIONS), *AGO_WORDS])

# (pattern, reader, the characters a match can start with). The last, as a lookahead, lets the regex
# engine skip to those characters instead of trying the pattern at every position: twice as fast.
PATTERNS: list[tuple[str, Callable[..., tuple | None], str]] = [
    # 30 December 2020 - 2 January 2021 / December 30, 2020 - January 2, 2021
    (rf"\b(?P<d1>{DM})\s+(?P<m1>{M}),?\s+(?P<y1>{Y}){RANGE}(?P<d2>{DM})\s+(?P<m2>{M}),?\s+(?P<y2>{Y}){END}",
     ex.cross_year_range, r"\d"),
    (rf"\b(?P<m1>{M})\s*(?P<d1>{D}),?\s+(?P<y1>{Y}){RANGE}(?P<m2>{M})\s*(?P<d2>{D}),?\s+(?P<y2>{Y}){END}",
     ex.cross_year_range, MONTH_INITIALS),
    # 28 February - 1 March 2017 / from 28 February to 1 March 2017
    (rf"\b(?P<d1>{DM})\s+(?P<m1>{M}){RANGE}(?P<d2>{DM})\s+(?P<m2>{M})(?:,?\s+(?P<y>{Y}))?{END}",
     ex.cross_month_range, r"\d"),
    # February 28 - March 1, 2017 / November 30 December 1, 2017 (dash missing)
    (rf"\b(?P<m1>{M})\s*(?P<d1>{D})(?:{RANGE}|,?\s+)(?P<m2>{M})\s*(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?{END}",
     ex.cross_month_range, MONTH_INITIALS),
    # 13-14 January 2021 / 4th-5th March / between 4 and 6 April / from 17 to 18 February 2020
    (rf"\b(?P<d1>{D}){RANGE}(?P<d2>{DM})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?{END}", ex.day_range,
     r"\d"),
    # October 25-26, 2019 / March4-5 / March 21 to 23
    (rf"\b(?P<m>{M})\s*(?P<d1>{D}){RANGE}(?P<d2>{D})(?:,?\s+(?P<y>{Y}))?{END}", ex.day_range,
     MONTH_INITIALS),
    # 15-16.07.2021, 14.05.2019, 14/05/2019, 5/14/2019, 14-05-2019
    ((r"\b(?:(?P<a1>[0-3]?\d)\s*[-\u2013]\s*)?(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)"
     r"(?P<y>(?:1[6-9]|20)\d\d)\b"), num.numeric, r"\d"),
    # 2019-03-12, 2024.10.23, 2024/10/23: year first is never ambiguous
    (r"\b(?P<y>(?:1[6-9]|20)\d\d)(?P<sep>[-./])(?P<mo>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d.]\d)", num.iso, r"\d"),
    # 26 December 1994 / 10 May / the 3rd of March / 21. June 2011
    (rf"\b(?P<d>{DM})\s+(?:of\s+)?(?P<m>{M})(?:,?\s+(?P<y>{Y}))?{END}", ex.one_day, r"\d"),
    # June 7, 1997 / June 7 / March4
    (rf"\b(?P<m>{M})\s*(?P<d>{D})(?!\d)(?:,?\s+(?P<y>{Y}))?{END}", ex.one_day, MONTH_INITIALS),
    # January-September 2023
    (rf"\b(?P<m1>{M}){RANGE}(?P<m2>{M}),?\s+(?P<y>{Y}){END}", ex.month_range, MONTH_INITIALS),
    # October 2020
    (rf"\b(?P<m>{M}),?\s+(?P<y>{Y}){END}", ex.one_month, MONTH_INITIALS),
    # the fall of 1998 / spring 2010
    (rf"\b(?:the\s+)?(?P<s>{SEASON})\s+(?:of\s+)?(?P<y>{Y}){END}", ex.season, "t" + SEASON_INITIALS),
    # the first nine months of 2023 / the last 4 months of this year
    ((rf"\b(?:[Tt]he\s+)?(?P<from>{COUNTED_FROM})\s+(?P<n>{NUM})\s+months\s+of\s+"
      rf"(?P<y>{Y}|(?:this|last|next|the)\s+(?:current\s+)?year){END}"), ex.counted_months,
     "Tt" + initials(COUNTED_MONTHS)),
    # the first half of 2023 / the third quarter of this year / early 2021 / mid-2018
    ((rf"\b(?P<p>(?:the\s+)?{PART_ORDINALS}\s+{PART_NOUNS}\s+of|{VAGUE_PARTS})[\s-]*"
     rf"(?P<y>{Y}|(?:this|last|next|the)\s+(?:current\s+)?year){END}"), ex.part_of_year, _PART_INITIALS),
    # Q3 2020 / H1 2021 / Q4 of 2019 / 2020 Q3
    ((rf"\b(?:(?:Q(?P<q>[1-4])|H(?P<h>[12]))\s*(?:of\s+)?(?P<y>{Y})|(?P<y2>{Y})\s*(?:Q(?P<q2>[1-4])|H(?P<h2>[12])))"
     rf"{END}"), ex.quarter, r"QH\d"),
    # the 1990s
    (r"\b(?:the\s+)?(?P<y>(?:1[6-9]|20)\d0)'?s\b", ex.decade, r"t\d"),
    # 2023-2025 / from 2019 to 2021
    (rf"\b(?P<y1>{Y}){RANGE}(?P<y2>{Y}){END}", ex.year_range, r"\d"),
    # year-less month after a preposition: "in March" (a bare "May" is too often the verb)
    (rf"\b{MONTH_PREPOSITIONS}\s*(?P<x>(?P<m>{M})){END}(?!\s+\d)", ex.one_month, MONTH_PREPOSITION_INITIALS),
    (rf"\b(?:{_any(REST_OF_PERIOD_WORDS)})\s+(?:{_any(NOW_WORDS)})\s+(?:year|month|week)\b", rel.relative,
     initials(REST_OF_PERIOD_WORDS)),
    ((rf"\b(?:{_any(PERIOD_SHIFTS)})\s+(?:year|month|week|weekend)\b|\b(?:{_any(NOW_WORDS)})\s+(?:morning|afternoon|evening)\b|"
     rf"\b(?:{_DAY_OR_RECENT})\b"), rel.relative, initials(PERIOD_SHIFTS, DAY_WORDS, RECENT_WORDS)),
    # Sunday / on Sunday / Sunday's talks / last Sunday / next Friday / this coming Monday ("Mondays" is a
    # habit, not a date)
    (rf"\b(?:(?P<mod>{MODIFIERS})\s+)?(?P<w>{WEEKDAY}){END}", rel.weekday,
     initials(WEEKDAY_MODIFIERS) + WEEKDAY_INITIALS),
    # the following day / on the same day / that day / two days later / a week earlier / three days ago
    ((rf"\b(?:the\s+(?P<same>{_any(ANAPHOR_OFFSETS)})|that(?:\s+same)?)\s+"
     r"(?P<u>day|week|month|year|morning|afternoon|evening|night)\b"), rel.anaphor, "Tt"),
    # two days later / a week earlier / three days ago (the number is read back from the unit)
    (rf"\b(?P<u>(?:day|week|month|year)s?)\s+(?P<dir>{_FREE_DIRECTIONS}|(?:{_any(CLAUSE_FINAL_DIRECTIONS)})"
     r"(?=\s*[,.;:)]|\s*$))\b", rel.anaphor, "DdWwMmYy"),
    (rf"\b[Ii]n\s+(?P<x>the\s+(?P<s>{SEASON})){END}(?!\s+(?:of\s+)?\d)", rel.bare_season, r"Ii"),
    # a bare year, not inside a longer number ("1,814", "2021-22")
    (rf"(?<![\d,.$€£])\b(?P<y>{Y})\b(?![,.]?\d)", ex.one_year, r"\d"),
]
_IGNORECASE = (rel.relative, rel.anaphor)
COMPILED = [(re.compile(rf"(?=[{first}])(?:{p})", re.IGNORECASE if h in _IGNORECASE else 0), h)
            for p, h, first in PATTERNS]
