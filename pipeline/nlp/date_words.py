"""The words of dates (pipeline/rules/dates.yaml) and the pieces of regular expression made of them."""
from __future__ import annotations

import re

from pipeline.nlp.rules import cardinals, cues, lexicon, value_map

_FULL_MONTHS = value_map("dates", "months")
MONTHS = {**_FULL_MONTHS, **value_map("dates", "month_abbreviations")}  # "march" and "mar" -> 3
WEEKDAYS = value_map("dates", "weekdays")  # "monday" -> 0
# Meteorological seasons, northern hemisphere: (first month, last month); winter's last month is next year's.
SEASONS = {name: (first, (first + 1) % 12 + 1) for name, first in value_map("dates", "seasons").items()}
# "the first half", "the third quarter" -> (first month, last month)
COUNTED_MONTHS = value_map("dates", "counted_months")  # the "first" nine months: counted from January
PARTS_OF_YEAR = ({k: (m, m + 5) for k, m in value_map("dates", "halves").items()},
                 {k: (m, m + 2) for k, m in value_map("dates", "quarters").items()})
# "a week", "two days", "twelve months" (the number words of pipeline/rules/common.yaml, one to twelve)
NUMBER_WORDS = {**value_map("dates", "indefinite_counts"), **{w: n for w, n in cardinals().items() if 1 <= n <= 12}}
NAMED_DAY_WORDS = lexicon("dates", "named_days")  # "Good" Friday, "Super" Tuesday
WEEKDAY_MODIFIERS = value_map("dates", "weekday_modifiers")  # "last" Sunday -1, "next" Sunday 1, "this" 0
DAY_WORDS = value_map("dates", "day_words")  # "yesterday" -> -1
PERIOD_SHIFTS = value_map("dates", "period_shifts")  # "last" week -> -1
NOW_WORDS = sorted(w for w, n in PERIOD_SHIFTS.items() if n == 0)  # "this" morning
RECENT_WORDS = lexicon("dates", "recent_words")
REST_OF_PERIOD_WORDS = lexicon("dates", "rest_of_period_words")  # "later" this year
ANAPHOR_OFFSETS = value_map("dates", "anaphor_offsets")  # the "following" day -> 1
COUNT_DIRECTIONS = value_map("dates", "count_directions")  # two days "later" -> 1
AGO_WORDS = lexicon("dates", "ago_words")  # three days "ago": counted from the publication date
CLAUSE_FINAL_DIRECTIONS = lexicon("dates", "clause_final_directions")  # "a week after." but not "after the vote"
TENSE_CUES = cues("dates", "tense")  # (future | reported | past, regex), in the order they are tried
BETWEEN = cues("dates", "between")[0][1]  # what precedes a range joined by "and"


def _alternatives(words) -> str:
    return "|".join(words)


def _longest_first(words) -> list[str]:
    """Words for a regex alternation: longest first, spaces as any white space ("this coming" too)."""
    return [r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=lambda w: (-len(w), w))]


def _capitalisable(words) -> list[str]:
    """As `_longest_first`, the first letter in either case ("[Ll]ast"): a word that may open a sentence."""
    return [f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _longest_first(words)]


def initials(*word_lists, both_cases: bool = True) -> str:
    """The first letters of the words (in either case), for a pattern's start-character hint."""
    letters = {w[0] for words in word_lists for w in words}
    return "".join(sorted(letters | ({c.upper() for c in letters} if both_cases else set())))


# Month names as written: "March", "Mar", "Mar." (full names first: "Mar" must not stop "March" short).
M = "(?:" + _alternatives([w.capitalize() for w in _FULL_MONTHS] + [
    re.escape(w.capitalize()) + r"\.?" for w in MONTHS if w not in _FULL_MONTHS]) + ")"
MONTH_INITIALS = "".join(sorted({w[0].upper() for w in MONTHS}))
D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DM = rf"{D}\.?"  # a day before a month name: "21. June" (German and Nordic style) too
Y = r"(?:1[6-9]\d\d|20\d\d)"
DASH = r"\s*[-\u2010-\u2015]\s*"
RANGE_WORDS = lexicon("dates", "range_words")  # 3 "to" 5 May; "and" only after "between"
RANGE = rf"(?P<r>{DASH}|\s+(?:{_alternatives(_longest_first(RANGE_WORDS))})\s+)"
SEASON = "(?:" + _alternatives(SEASONS) + ")"
SEASON_INITIALS = "".join(sorted({w[0] for w in SEASONS}))
PART_ORDINAL_WORDS = sorted({k.split()[0] for part in PARTS_OF_YEAR for k in part})  # first, ..., last
PART_ORDINALS = "(?:" + _alternatives(PART_ORDINAL_WORDS) + ")"
PART_NOUNS = "(?:" + _alternatives(sorted({k.split()[-1] for part in PARTS_OF_YEAR for k in part})) + ")"
COUNTED_FROM = "(?:" + _alternatives(_capitalisable(COUNTED_MONTHS)) + ")"  # "first", "last"
WEEKDAY = "(?:" + _alternatives(w.capitalize() for w in WEEKDAYS) + ")"
WEEKDAY_INITIALS = "".join(sorted({w[0].upper() for w in WEEKDAYS}))
NUM = rf"(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}|\d{{1,2}})"
END = r"(?![\w])"  # not followed by a letter or digit
NAMED_DAY = re.compile("(?:" + _alternatives(sorted(w.capitalize() for w in NAMED_DAY_WORDS)) + r")\s+$")
MONTH_PREPOSITIONS = "(?:" + _alternatives(  # "in" March, "mid-"June
    _capitalisable(lexicon("dates", "month_prepositions")) + _longest_first(lexicon("dates", "month_prepositions_lowercase"))
) + ")"
MONTH_PREPOSITION_INITIALS = initials(lexicon("dates", "month_prepositions")) + initials(
    lexicon("dates", "month_prepositions_lowercase"), both_cases=False)
VAGUE_PARTS = _alternatives(_longest_first(lexicon("dates", "vague_parts_of_year")))  # "early" 2021
VAGUE_PART_INITIALS = initials(lexicon("dates", "vague_parts_of_year"), both_cases=False)
MODIFIERS = "(?:" + _alternatives(_capitalisable(WEEKDAY_MODIFIERS)) + ")"  # "last" Sunday, "This coming" Monday
