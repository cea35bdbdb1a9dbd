"""Put back the spaces that web-page extraction drops between a short function word and the
capitalised word after it ("visits toBulgaria", "established onOct 4"), so that the words are read."""
from __future__ import annotations

import re

# A function word at the start of a word, glued to a capitalised word. Only these words: "McDonald",
# "iPhone" or "eBay" keep their shape because their lower-case start is no such word.
_GLUED = re.compile(r"(?<![\w'’])(to|in|on|of|and|between|from|with|at|by|for|the|into|during|since)"
                    r"(?=[A-Z][a-z])")


_GLUED_SEMICOLON = re.compile(r";(?=[A-Z][a-z])")


def split_glued_words(text: str) -> str:
    """"between China" for "betweenChina", "; State" for ";State"; text without such joins comes back
    unchanged."""
    return _GLUED_SEMICOLON.sub("; ", _GLUED.sub(r"\1 ", text))
