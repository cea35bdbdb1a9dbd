"""Fixed-length token patterns matched by array tests over the whole doc, as spaCy's Matcher would match them.

The Matcher tries the first token of every pattern on every token of a doc, and each `IN` test there is a
Python call per token. A pattern of a fixed number of tokens that tests token attributes ("LEMMA in these
words and POS is VERB", "TAG is NN") is instead compiled here to comparisons over `Doc.to_array` columns,
done in numpy once per doc; a `REGEX` test is then tried only on the tokens the other tests left. Patterns
this module cannot read (operators, extension attributes, comparisons) return None: the Matcher keeps them.
"""
from __future__ import annotations

import re
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
_TEXT_ATTRS = {"ORTH": "orth_", "LOWER": "lower_", "NORM": "norm_", "LEMMA": "lemma_", "POS": "pos_", "TAG": "tag_",
               "DEP": "dep_", "ENT_TYPE": "ent_type_", "SHAPE": "shape_"}


@dataclass(frozen=True)
class TokenTest:
    """One token of a pattern: (attribute id, allowed value ids, whether the values are excluded instead)
    tests done on arrays, and (token attribute name, regex) tests done on the tokens those leave."""

    tests: tuple[tuple[int, tuple[int, ...], bool], ...]
    regexes: tuple[tuple[str, re.Pattern[str]], ...] = ()


def compile_token(vocab: Vocab, token: dict[str, Any], allow_empty: bool = False) -> TokenTest | None:
    """The test for one token of a pattern, or None when the Matcher must read it. An empty token matches
    any token only with `allow_empty` (a trigger must test something)."""
    tests: list[tuple[int, tuple[int, ...], bool]] = []
    regexes: list[tuple[str, re.Pattern[str]]] = []
    for key, want in token.items():
        name = key.upper()
        if name in _FLAG_ATTRS and isinstance(want, bool):
            tests.append((attrs.IDS[name], (int(want),), False))
        elif name in _STRING_ATTRS and isinstance(want, str):
            tests.append((attrs.IDS[name], (vocab.strings.add(want),), False))
        elif name in _STRING_ATTRS and isinstance(want, dict) and want and set(want) <= {"IN", "NOT_IN", "REGEX"}:
            for op, values in want.items():
                if op == "REGEX" and isinstance(values, str):
                    regexes.append((_TEXT_ATTRS[name], re.compile(values)))
                elif op != "REGEX" and isinstance(values, list) and all(isinstance(v, str) for v in values):
                    tests.append((attrs.IDS[name], tuple(sorted({vocab.strings.add(v) for v in values})),
                                  op == "NOT_IN"))
                else:
                    return None
        else:
            return None
    if not tests and not regexes and not allow_empty:
        return None
    return TokenTest(tuple(tests), tuple(regexes))


def _columns(doc: Doc, tests: list[TokenTest]) -> dict[int, np.ndarray]:
    columns: list[int | str] = sorted({attr for t in tests for attr, _, _ in t.tests})
    if not columns:
        return {}
    table = doc.to_array(columns)
    if table.ndim == 1:
        table = table.reshape(-1, 1)
    return {int(attr): table[:, k] for k, attr in enumerate(columns)}


def _mask(doc: Doc, test: TokenTest, where: dict[int, np.ndarray]) -> np.ndarray:
    mask = np.ones(len(doc), dtype=bool)
    for attr, allowed, excluded in test.tests:
        column = where[attr]
        hit = (column == allowed[0]) if len(allowed) == 1 else np.isin(column, allowed)
        mask &= ~hit if excluded else hit
    return mask


def _regex_ok(doc: Doc, test: TokenTest, i: int) -> bool:
    token = doc[i]
    return all(rx.search(getattr(token, name)) for name, rx in test.regexes)


def positions(doc: Doc, tests: list[TokenTest]) -> list[list[int]]:
    """For each one-token test, the indices of the doc's tokens it matches, in order."""
    return sequence_starts(doc, [(t,) for t in tests])


def sequence_starts(doc: Doc, sequences: list[tuple[TokenTest, ...]]) -> list[list[int]]:
    """For each sequence of tests, the indices where it matches the tokens from there on, in order."""
    if not len(doc) or not sequences:
        return [[] for _ in sequences]
    where = _columns(doc, [t for seq in sequences for t in seq])
    masks: dict[TokenTest, np.ndarray] = {}
    out = []
    n = len(doc)
    for seq in sequences:
        ok = np.ones(max(n - len(seq) + 1, 0), dtype=bool)
        for k, test in enumerate(seq):
            if test not in masks:
                masks[test] = _mask(doc, test, where)
            ok &= masks[test][k:k + len(ok)]
        starts = np.flatnonzero(ok).tolist()
        if any(t.regexes for t in seq):
            starts = [s for s in starts if all(_regex_ok(doc, t, s + k) for k, t in enumerate(seq) if t.regexes)]
        out.append(starts)
    return out
