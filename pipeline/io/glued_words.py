"""Put back the spaces that web-page extraction drops between a short function word and the
capitalised word after it ("visits toBulgaria", "established onOct 4"), so that the words are read."""
from __future__ import annotations

import re

from pipeline.nlp.rules import lexicon

# A function word at the start of a word, glued to a capitalised word (the words: pipeline/rules/text.yaml).
_FUNCTION_WORDS = sorted(lexicon("text", "glued_function_words"), key=lambda w: (-len(w), w))
_GLUED = re.compile(rf"(?<![\w'’])({'|'.join(map(re.escape, _FUNCTION_WORDS))})(?=[A-Z][a-z])")


_GLUED_SEMICOLON = re.compile(r";(?=[A-Z][a-z])")


def split_glued_words(text: str) -> str:
    """"between China" for "betweenChina", "; State" for ";State"; text without such joins comes back
    unchanged."""
    return _GLUED_SEMICOLON.sub("; ", _GLUED.sub(r"\1 ", text))
