"""The lines of a text with their offsets, and the bullet or number that starts a list entry."""
from __future__ import annotations

import re
from collections.abc import Iterator

# A list entry's mark: a bullet or dash ("• ", "- ", "– ") or a number of one or two digits ("1. ", "12) ").
BULLET = re.compile(r"^\s*(?:[•·▪◦‣*\-–—]|\d{1,2}[.)])\s+")


def lines(text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line of the text, without its newline."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1
