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
PARTS_OF_YEAR = ({k: (m, m + 5) for k, m in value_map("dates", "halves").items()},
                 {k: (m, m + 2) for k, m in value_map("dates", "quarters").items()})
# "a week", "two days", "twelve months" (the number words of pipeline/rules/common.yaml, one to twelve)
NUMBER_WORDS = {**value_map("dates", "indefinite_counts"), **{w: n for w, n in cardinals().items() if 1 <= n <= 12}}
NAMED_DAY_WORDS = lexicon("dates", "named_days")  # "Good" Friday, "Super" Tuesday
TENSE_CUES = cues("dates", "tense")  # (future | reported | past, regex), in the order they are tried
BETWEEN = cues("dates", "between")[0][1]  # what precedes a range joined by "and"


def _alternatives(words) -> str:
    return "|".join(words)


# Month names as written: "March", "Mar", "Mar." (full names first: "Mar" must not stop "March" short).
M = "(?:" + _alternatives([w.capitalize() for w in _FULL_MONTHS] + [
    re.escape(w.capitalize()) + r"\.?" for w in MONTHS if w not in _FULL_MONTHS]) + ")"
MONTH_INITIALS = "".join(sorted({w[0].upper() for w in MONTHS}))
D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DM = rf"{D}\.?"  # a day before a month name: "21. June" (German and Nordic style) too
Y = r"(?:1[6-9]\d\d|20\d\d)"
DASH = r"\s*[-\u2010-\u2015]\s*"
RANGE = rf"(?P<r>{DASH}|\s+(?:to|and|until|till|through)\s+)"
SEASON = "(?:" + _alternatives(SEASONS) + ")"
SEASON_INITIALS = "".join(sorted({w[0] for w in SEASONS}))
PART_ORDINAL_WORDS = sorted({k.split()[0] for part in PARTS_OF_YEAR for k in part})  # first, ..., last
PART_ORDINALS = "(?:" + _alternatives(PART_ORDINAL_WORDS) + ")"
PART_NOUNS = "(?:" + _alternatives(sorted({k.split()[-1] for part in PARTS_OF_YEAR for k in part})) + ")"
WEEKDAY = "(?:" + _alternatives(w.capitalize() for w in WEEKDAYS) + ")"
WEEKDAY_INITIALS = "".join(sorted({w[0].upper() for w in WEEKDAYS}))
NUM = rf"(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}|\d{{1,2}})"
END = r"(?![\w])"  # not followed by a letter or digit
NAMED_DAY = re.compile("(?:" + _alternatives(sorted(w.capitalize() for w in NAMED_DAY_WORDS)) + r")\s+$")
