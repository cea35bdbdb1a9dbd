"""One-token trigger patterns matched by array tests over the whole doc, as spaCy's Matcher would match them.

The Matcher tries the first token of every pattern on every token of a doc, and each `IN` test there is a
Python call per token: most of the time rules spent finding triggers. A pattern of one token that tests
plain token attributes ("LEMMA in these words and POS is VERB") is instead compiled here to a few
comparisons over `Doc.to_array` columns, done in numpy once per doc. Patterns this module cannot read
(several tokens, operators, regular expressions, extension attributes) stay with the Matcher.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy import attrs
from spacy.tokens import Doc
from spacy.vocab import Vocab

# Attributes whose value is a string (compared by its id) or a flag (compared as 0/1).
_STRING_ATTRS = {"ORTH", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "SHAPE"}
_FLAG_ATTRS = {"IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP",
               "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"}


@dataclass(frozen=True)
class TokenTest:
    """A one-token pattern as (attribute id, allowed value ids) pairs: a token matches when every
    attribute's value is one of the allowed ones."""

    tests: tuple[tuple[int, tuple[int, ...]], ...]


def compile_token(vocab: Vocab, token: dict[str, Any]) -> TokenTest | None:
    """The test for a one-token pattern, or None when the Matcher must read it."""
    tests: list[tuple[int, tuple[int, ...]]] = []
    for key, want in token.items():
        name = key.upper()
        if name in _FLAG_ATTRS and isinstance(want, bool):
            tests.append((attrs.IDS[name], (int(want),)))
        elif name in _STRING_ATTRS and isinstance(want, str):
            tests.append((attrs.IDS[name], (vocab.strings.add(want),)))
        elif name in _STRING_ATTRS and isinstance(want, dict) and set(want) == {"IN"} \
                and all(isinstance(v, str) for v in want["IN"]):
            tests.append((attrs.IDS[name], tuple(sorted({vocab.strings.add(v) for v in want["IN"]}))))
        else:
            return None
    return TokenTest(tuple(tests)) if tests else None


def positions(doc: Doc, tests: list[TokenTest]) -> list[list[int]]:
    """For each test, the indices of the doc's tokens it matches, in order."""
    if not len(doc) or not tests:
        return [[] for _ in tests]
    columns: list[int | str] = sorted({attr for t in tests for attr, _ in t.tests})
    table = doc.to_array(columns)
    if table.ndim == 1:
        table = table.reshape(-1, 1)
    where = {attr: table[:, k] for k, attr in enumerate(columns)}
    out = []
    for t in tests:
        mask = np.ones(len(doc), dtype=bool)
        for attr, allowed in t.tests:
            column = where[attr]
            mask &= (column == allowed[0]) if len(allowed) == 1 else np.isin(column, allowed)
        out.append(np.flatnonzero(mask).tolist())
    return out
