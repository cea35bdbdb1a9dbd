"""The country pairs of the report: which pair (or lone state) each events, documents and trade row is
drawn under, and how a pair is named on the page."""
from __future__ import annotations

import itertools
from collections import defaultdict

import pycountry

from pipeline.publish.report_rows import Rows, as_list

Pair = tuple[str, str]  # two ISO3 codes, sorted; ("XXX", "") for a state no pair of its article includes
_STATE_COLUMNS = {"events": ["countries"], "documents": ["parties"],
                  "trade": ["reporter", "partner", "flow_from", "flow_to"]}


def assign_pairs(rows: dict[str, Rows]) -> dict[Pair, dict[str, list[int]]]:
    """Pair -> table -> positions of its rows. Each events, documents and trade row goes under every pair
    of the states it names. A row naming one state (a parliament's resolution) goes under the pairs of
    its article that include that state, a row naming none under every pair of its article; with no
    such pair, under the state alone."""
    states = {name: _states(rows[name], columns) for name, columns in _STATE_COLUMNS.items()}
    own = {name: [_pairs_of(codes) for codes in sets] for name, sets in states.items()}
    article_pairs = _article_pairs(rows, own)
    found: dict[Pair, dict[str, list[int]]] = defaultdict(lambda: {n: [] for n in states})
    for name, sets in states.items():
        for i, (article, codes, pairs) in enumerate(zip(rows[name].col["article_id"], sets, own[name])):
            for pair in pairs or _borrowed_pairs(codes, article_pairs.get(article, set())):
                found[pair][name].append(i)
    return dict(found)


def _article_pairs(rows: dict[str, Rows], own: dict[str, list[list[Pair]]]) -> dict[str, set[Pair]]:
    """Article id -> every pair some row of that article names."""
    found: dict[str, set[Pair]] = defaultdict(set)
    for name, pairs_of_rows in own.items():
        for article, pairs in zip(rows[name].col["article_id"], pairs_of_rows):
            found[article].update(pairs)
    return found


def _borrowed_pairs(codes: list[str], article_pairs: set[Pair]) -> list[Pair]:
    """The pairs of a row naming fewer than two states: its article's pairs that include its state (all of
    them when it names none), else the state alone."""
    pairs = sorted(p for p in article_pairs if not codes or codes[0] in p)
    if not pairs and codes:
        pairs = [(codes[0], "")]
    return pairs


def total(by_table: dict[str, list[int]]) -> int:
    """The rows a pair has, over its tables."""
    return sum(len(v) for v in by_table.values())


def _states(rows: Rows, columns: list[str]) -> list[list[str]]:
    out = []
    for values in zip(*(rows.col[c] for c in columns)):
        codes: set[str] = set()
        for v in values:
            codes.update(as_list(v))
        out.append(sorted(codes))
    return out


def _pairs_of(codes: list[str]) -> list[Pair]:
    return [(a, b) for a, b in itertools.combinations(codes, 2)]


def pair_label(pair: Pair) -> str:
    """A pair's name on the page: "AAA – BBB (Name – Name)", or "AAA (Name) alone"."""
    a, b = pair
    if not b:
        return f"{a} ({_country(a)}) alone"
    return f"{a} \u2013 {b} ({_country(a)} \u2013 {_country(b)})"


def _country(code: str) -> str:
    found = pycountry.countries.get(alpha_3=code)
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def anchor(pair: Pair) -> str:
    """The id of the pair's section on the page."""
    return "pair-" + "-".join(p for p in pair if p)
