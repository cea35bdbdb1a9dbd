"""Undo hard line wraps inside sentences (text broken at a fixed width), keeping every offset."""
from __future__ import annotations

import re

# A single line break between two non-empty lines; the break is a wrap only if the line before does not
# end a sentence, a heading or a list entry and the line after does not start a bullet or numbered entry.
_BREAK = re.compile(r"(?<=[^\s])([ \t]*)\n(?=[ \t]*(\S))")
_ENDS_LINE = re.compile(r"""[.!?:;"”’)\]*|]\s*$""")
_STARTS_ENTRY = re.compile(r"[ \t]*(?:[•·▪◦‣*\-–—]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
_HYPHEN_WRAP = re.compile(r"(?<=\w)-\n(\w+)")
_MIN_WRAPS = 3       # line breaks before a lower-case word: the text is hard-wrapped
_MIN_SHARE = 0.2     # ... and they are this share of the single line breaks at least


def is_wrapped(text: str) -> bool:
    """True when the text is broken at a fixed width: several lines go on with a lower-case word."""
    singles = list(_BREAK.finditer(text))
    lower = sum(1 for m in singles if m.group(2).islower())
    return lower >= _MIN_WRAPS and lower >= _MIN_SHARE * len(singles)


def _join_hyphenated(m: re.Match) -> str:
    """"sec-\nond" -> "second  " (a word split by the wrap); "Moo-\nhyun" -> "Moo-hyun " (a hyphenated name)."""
    word = re.search(r"\w+$", m.string[:m.start()])
    if word is not None and word.group().islower() and m.group(1)[:1].islower():
        return m.group(1) + "  "
    return "-" + m.group(1) + " "


def unwrap(text: str) -> str:
    """`text` with the line breaks of a hard wrap turned into spaces: the same length, so every character
    keeps its offset ("President Ana\\nSoto visited" -> "President Ana Soto visited"). A word hyphenated at a
    wrap is joined and the freed characters moved after it ("Lopez-\\nGarcia" -> "Lopez-Garcia ", "sec-\\nond" ->
    "second  "), which shifts only that word's second part by a character or two. Text that is not hard-wrapped comes back as is."""
    if "\n" not in text or not is_wrapped(text):
        return text
    text = _HYPHEN_WRAP.sub(_join_hyphenated, text)
    out = list(text)
    for m in _BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start:m.start()]
        if _ENDS_LINE.search(line) or _STARTS_ENTRY.match(text, m.end()):
            continue
        out[m.end(1)] = " "
    return "".join(out)
