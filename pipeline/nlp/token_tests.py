"""Fixed-length token patterns matched by array tests over the whole doc, as spaCy's Matcher would match them.

The Matcher tries the first token of every pattern on every token of a doc, and each `IN` test there is a
Python call per token. A pattern of a fixed number of tokens that tests token attributes ("LEMMA in these
words and POS is VERB", "TAG is NN") is instead compiled here to comparisons over `Doc.to_array` columns,
done in numpy once per doc; a `REGEX` test is tried once per distinct word (by the word's id). Patterns
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


@dataclass(frozen=True)
class TokenTest:
    """One token of a pattern: (attribute id, allowed value ids, whether the values are excluded instead)
    tests, and (attribute id, regex) tests, all done on the doc's arrays."""

    tests: tuple[tuple[int, tuple[int, ...], bool], ...]
    regexes: tuple[tuple[int, re.Pattern[str]], ...] = ()


def compile_token(vocab: Vocab, token: dict[str, Any], allow_empty: bool = False) -> TokenTest | None:
    """The test for one token of a pattern, or None when the Matcher must read it. An empty token matches
    any token only with `allow_empty` (a trigger must test something)."""
    tests: list[tuple[int, tuple[int, ...], bool]] = []
    regexes: list[tuple[int, re.Pattern[str]]] = []
    for key, want in token.items():
        name = key.upper()
        if name in _FLAG_ATTRS and isinstance(want, bool):
            tests.append((attrs.IDS[name], (int(want),), False))
        elif name in _STRING_ATTRS and isinstance(want, str):
            tests.append((attrs.IDS[name], (vocab.strings.add(want),), False))
        elif name in _STRING_ATTRS and isinstance(want, dict) and want and set(want) <= {"IN", "NOT_IN", "REGEX"}:
            for op, values in want.items():
                if op == "REGEX" and isinstance(values, str):
                    regexes.append((attrs.IDS[name], re.compile(values)))
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


# Whether a regex matches a word, by the word's id: each distinct word is tried once per process (cleared
# when large, to keep long runs' memory flat).
_REGEX_VERDICTS: dict[re.Pattern[str], dict[int, bool]] = {}
_MAX_VERDICTS = 200_000


def _regex_hits(doc: Doc, rx: re.Pattern[str], column: np.ndarray) -> np.ndarray:
    verdicts = _REGEX_VERDICTS.setdefault(rx, {})
    if len(verdicts) > _MAX_VERDICTS:
        verdicts.clear()
    strings = doc.vocab.strings
    passed = []
    for h in np.unique(column).tolist():
        ok = verdicts.get(h)
        if ok is None:
            ok = verdicts[h] = bool(rx.search(strings[h]))
        if ok:
            passed.append(h)
    return np.isin(column, passed) if passed else np.zeros(len(column), dtype=bool)


def sequence_starts(doc: Doc, sequences: list[tuple[TokenTest, ...]]) -> list[list[int]]:
    """For each sequence of tests, the indices where it matches the tokens from there on, in order."""
    n = len(doc)
    if not n or not sequences:
        return [[] for _ in sequences]
    columns: list[int | str] = sorted({attr for seq in sequences for t in seq
                                       for attr in [a for a, _, _ in t.tests] + [a for a, _ in t.regexes]})
    where: dict[int, np.ndarray] = {}
    if columns:
        table = doc.to_array(columns)
        table = table.reshape(-1, 1) if table.ndim == 1 else table
        where = {int(attr): table[:, k] for k, attr in enumerate(columns)}
    hits: dict[Any, np.ndarray] = {}  # one array per distinct attribute test, shared by the patterns

    def hit(key: Any) -> np.ndarray:
        found = hits.get(key)
        if found is None:
            if isinstance(key[1], re.Pattern):
                found = _regex_hits(doc, key[1], where[key[0]])
            else:
                attr, allowed, excluded = key
                column = where[attr]
                found = (column == allowed[0]) if len(allowed) == 1 else np.isin(column, allowed)
                found = ~found if excluded else found
            hits[key] = found
        return found

    masks: dict[TokenTest, np.ndarray | None] = {}
    out: list[list[int]] = []
    for seq in sequences:
        width = n - len(seq) + 1
        ok: np.ndarray | None = None
        for k, test in enumerate(seq):
            if test not in masks:
                mask = None
                for key in (*test.tests, *test.regexes):
                    mask = hit(key) if mask is None else mask & hit(key)
                masks[test] = mask
            mask = masks[test]
            if mask is None:  # an empty test: any token
                continue
            part = mask[k:k + width]
            ok = part if ok is None else ok & part
        if width <= 0:
            out.append([])
        elif ok is None:
            out.append(list(range(width)))
        else:
            out.append(np.flatnonzero(ok).tolist())
    return out

