"""English number words to numbers: "thirty-six" -> 36, "six and a half" -> 6.5, "a million" -> 1e6."""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.nlp.rules import cardinals, value_map

UNITS = {w: n for w, n in cardinals().items() if n < 20}  # number words of pipeline/rules/common.yaml
TENS = {w: n for w, n in cardinals().items() if n >= 20}
SCALES = {w: float(n) for w, n in value_map("money", "number_scales").items()}  # thousand ... trillion
FRACTIONS = {"half": 0.5, "quarter": 0.25}  # only after "a": "six and a half"


@dataclass
class _Reading:
    """A number being read word by word: the scales finished, the group under way, the previous word's kind
    (unit | teen | tens | hundred | scale | and | a | fraction) and the last scale (each must be smaller)."""

    total: float = 0.0
    current: float = 0.0
    last: str = ""
    last_scale: float = math.inf
    seen: bool = False


def _unit(r: _Reading, word: str, prev: str | None) -> bool:
    n = UNITS[word]
    if r.last in ("unit", "teen", "fraction") or (r.last == "tens" and (n >= 10 or n == 0)):
        return False  # "one two", "twenty twelve", "twenty zero"
    r.current += n
    r.last, r.seen = ("teen" if n >= 10 else "unit"), True
    return True


def _tens(r: _Reading, word: str, prev: str | None) -> bool:
    if r.last in ("unit", "teen", "tens", "fraction"):
        return False
    r.current += TENS[word]
    r.last, r.seen = "tens", True
    return True


def _hundred(r: _Reading, word: str, prev: str | None) -> bool:
    if r.last not in ("unit", "teen", "a", "") or r.current % 100 >= 100:
        return False
    r.current = (r.current or 1) * 100
    r.last, r.seen = "hundred", True
    return True


def _scale(r: _Reading, word: str, prev: str | None) -> bool:
    if r.last in ("and", "scale") or SCALES[word] >= r.last_scale:
        return False  # "thousand million"
    r.total += (r.current or 1) * SCALES[word]
    r.current, r.last, r.last_scale, r.seen = 0.0, "scale", SCALES[word], True
    return True


def _fraction(r: _Reading, word: str, prev: str | None) -> bool:
    if not r.seen or prev != "a":
        return False
    r.current += FRACTIONS[word]
    r.last = "fraction"
    return True


def _and(r: _Reading, word: str, prev: str | None) -> bool:
    if r.last not in ("hundred", "scale", "unit", "teen", "tens"):
        return False
    r.last = "and"
    return True


def _article(r: _Reading, word: str, prev: str | None) -> bool:
    if r.last != "and" and prev is not None:
        return False  # "a" starts a number or follows "and": "a hundred", "six and a half"
    r.last = "a"
    return True


def _reader(word: str) -> Callable[[_Reading, str, str | None], bool] | None:
    if word in UNITS:
        return _unit
    if word in TENS:
        return _tens
    if word == "hundred":
        return _hundred
    if word in SCALES:
        return _scale
    if word in FRACTIONS:
        return _fraction
    return {"and": _and, "a": _article}.get(word)


def words_to_number(words: str) -> float | None:
    """English number words to a number: "thirty-six" -> 36, "six and a half" -> 6.5, "a million" -> 1e6.
    Runs that no one would say ("one two three", "thousand million five") give None."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t]
    while tokens and tokens[0] == "and":
        tokens.pop(0)
    if tokens[:1] == ["a"] and (len(tokens) < 2 or tokens[1] not in ("hundred", *SCALES)):
        tokens.pop(0)
    r = _Reading()
    for i, t in enumerate(tokens):
        read = _reader(t)
        if read is None or not read(r, t, tokens[i - 1] if i else None):
            return None
    if not r.seen or r.last in ("and", "a"):
        return None
    return r.total + r.current
