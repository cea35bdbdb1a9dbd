"""Extraction rules as data: each table's trigger words, cue phrases and trigger patterns, read from
`pipeline/rules/<table>.yaml`, checked when loaded, and compiled to one spaCy Matcher.

A rule file holds three kinds of entries (see `pipeline/rules/README.md`):

- `lexicons`: named word lists ("motion_verbs"), each with a `doc` line saying what it is for, and
  optionally example texts that show the words at work and counter-examples where they are absent or idle;
- `cues`: named, ordered lists of (label, regular expression) pairs matched against lower-cased text
  ("indicators": which economic figure a clause gives, first match wins); `$name` in a regex stands for
  the words of a lexicon; a `case_sensitive` list reads the text as written; `cue_regex` gives one cue's
  regex to an extractor that needs where it matched;
- `patterns`: named spaCy `Matcher` token patterns that find a trigger, each with the `frame` (the
  shape of sentence the extractor reads around it), at least one example sentence with the slots it
  must fill, and counter-examples that must give no row. `$name` in a pattern stands for a lexicon.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.nlp import token_tests

TABLES = ("common", "visits", "documents", "trade", "events", "header", "dates", "money", "titles", "text")  # every rule file
_KEYS = {"table", "doc", "lexicons", "values", "cues", "patterns"}
_PATTERN_KEYS = {"name", "frame", "doc", "tokens", "examples", "counter_examples"}


class RuleError(ValueError):
    """A rule file that does not follow the format: names the file and the entry."""


@dataclass(frozen=True)
class Example:
    """A sentence a pattern must read, and the values (some of the row's columns) it must give."""

    text: str
    expect: tuple[dict[str, Any], ...]
    published: dt.date | None = None
    rows: int | None = None  # how many rows of the table the text gives, where that is the point (one per occurrence)
    outlet: str | None = None  # the publisher the page names, where the reading depends on it ("our country")
    table: str | None = None  # whose rows the text gives, for an example of common's (a word list all tables read)


@dataclass(frozen=True)
class Pattern:
    name: str
    table: str
    frame: str
    doc: str
    tokens: tuple[tuple[dict, ...], ...]  # alternatives, each a Matcher token pattern
    examples: tuple[Example, ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    table: str
    lexicons: dict[str, frozenset[str]]
    cues: dict[str, tuple[tuple[str, re.Pattern[str]], ...]]
    patterns: tuple[Pattern, ...]
    values: dict[str, dict[str, int]] = field(default_factory=dict)
    cue_examples: tuple[tuple[str, str, str, bool], ...] = ()  # (cue list, label, text, must match)
    docs: dict[str, str] = field(default_factory=dict)  # lexicon, value map or cue list name -> its doc line
    # (lexicon, example, whether a counter-example): texts the extractor reads with the lexicon's words at
    # work (examples) or absent or idle (counter-examples); each gives some columns of a row, or a row count
    lexicon_examples: tuple[tuple[str, Example, bool], ...] = ()
    case_sensitive: frozenset[str] = frozenset()  # cue lists matched against the text as written


@dataclass(frozen=True)
class Match:
    """A trigger found in a doc: the pattern and the tokens it matched."""

    pattern: Pattern
    start: int
    end: int

    @property
    def frame(self) -> str:
        return self.pattern.frame


def _read(table: str) -> object:
    source = resources.files("pipeline").joinpath("rules", f"{table}.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    return data


def _expand(value: Any, lexicons: dict[str, frozenset[str]], where: str) -> Any:
    """`$name` -> the lexicon's words, anywhere in a token pattern."""
    if isinstance(value, str) and value.startswith("$"):
        words: set[str] = set()
        for ref in value.split("|"):  # "$a|$b": the union of two lexicons
            name = ref.strip().removeprefix("$")
            if name not in lexicons:
                raise RuleError(f"{where}: unknown lexicon {ref}")
            words |= lexicons[name]
        return sorted(words)
    if isinstance(value, dict):
        return {k: _expand(v, lexicons, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, lexicons, where) for v in value]
    return value


_LEXICON_REF = re.compile(r"\$([a-z_]+)")


def _regex_with_lexicons(regex: str, lexicons: dict[str, frozenset[str]], table: str, where: str) -> str:
    """`$name` in a cue's regex -> `(?:word|word...)`, the words of the file's lexicon `name` (or of common's)."""
    def words(m: re.Match[str]) -> str:
        name = m.group(1)
        found = lexicons.get(name)
        if found is None and table != "common":
            found = rules("common").lexicons.get(name)
        if found is None:
            raise RuleError(f"{where}: unknown lexicon ${name}")
        return "(?:" + "|".join(re.escape(w) for w in sorted(found)) + ")"
    return _LEXICON_REF.sub(words, regex)


@cache
def rules(table: str) -> RuleSet:
    """The checked rules of one table (and `common`: the cue words every table shares)."""
    _first_label.cache_clear()
    where = f"pipeline/rules/{table}.yaml"
    data = _checked_file(_read(table), table, where)
    lexicons, docs, lexicon_examples = _lexicons(data.get("lexicons") or {}, table, where)
    values, value_docs = _value_maps(data.get("values") or {}, where)
    cue_lists = _cue_lists(data.get("cues") or {}, lexicons, table, where)
    patterns = tuple(_pattern(p, table, lexicons, where) for p in data.get("patterns") or [])
    names = [p.name for p in patterns]
    if len(set(names)) != len(names):
        raise RuleError(f"{where}: pattern names must be unique")
    return RuleSet(table, lexicons, cue_lists.cues, patterns, values, tuple(cue_lists.examples),
                   {**docs, **value_docs, **cue_lists.docs}, tuple(lexicon_examples),
                   frozenset(cue_lists.case_sensitive))


def _checked_file(data: object, table: str, where: str) -> dict[str, Any]:
    """The rule file's mapping, once it names its table and holds only the known kinds of entries."""
    if not isinstance(data, dict) or data.get("table") != table:
        raise RuleError(f"{where}: must be a mapping with 'table: {table}'")
    unknown = set(data) - _KEYS
    if unknown:
        raise RuleError(f"{where}: unknown keys {sorted(unknown)}")
    return data


def _lexicons(entries: dict[str, Any], table: str, where: str
              ) -> tuple[dict[str, frozenset[str]], dict[str, str], list[tuple[str, Example, bool]]]:
    """The file's word lists (lower case), their doc lines, and their (name, example, counter) texts."""
    lexicons: dict[str, frozenset[str]] = {}
    docs: dict[str, str] = {}
    examples: list[tuple[str, Example, bool]] = []
    for name, entry in entries.items():
        if not isinstance(entry, dict) or not entry.get("doc") or not isinstance(entry.get("words"), list):
            raise RuleError(f"{where}: lexicon {name} needs 'doc' and a list of 'words'")
        lexicons[name] = frozenset(str(w).lower() for w in entry["words"])
        docs[name] = entry["doc"]
        examples += _lexicon_examples(name, entry, table, where)
    return lexicons, docs, examples


def _lexicon_examples(name: str, entry: dict[str, Any], table: str, where: str) -> list[tuple[str, Example, bool]]:
    """A lexicon's examples then counter-examples, each giving some columns or a row count (and, for
    common's, the table whose rows it gives)."""
    found = []
    for key, counter in (("examples", False), ("counter_examples", True)):
        for ex in _examples(entry.get(key) or [], f"{where}: lexicon {name}"):
            if not ex.expect and ex.rows is None:
                raise RuleError(f"{where}: lexicon {name}: an example needs 'expect' or 'rows'")
            if table == "common" and ex.table is None:
                raise RuleError(f"{where}: lexicon {name}: an example of common's needs the 'table' it gives rows of")
            found.append((name, ex, counter))
    return found


def _value_maps(entries: dict[str, Any], where: str) -> tuple[dict[str, dict[str, int]], dict[str, str]]:
    """The file's word -> number maps (lower-case words) and their doc lines."""
    values: dict[str, dict[str, int]] = {}
    docs: dict[str, str] = {}
    for name, entry in entries.items():
        if not isinstance(entry, dict) or not entry.get("doc") or not isinstance(entry.get("map"), dict):
            raise RuleError(f"{where}: value map {name} needs 'doc' and a 'map' of word: number")
        values[name] = {str(k).lower(): int(v) for k, v in entry["map"].items()}
        docs[name] = entry["doc"]
    return values, docs


@dataclass
class _CueLists:
    """A file's cue lists as they are read: compiled cues, doc lines, example texts, case-sensitive names."""

    cues: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = field(default_factory=dict)
    docs: dict[str, str] = field(default_factory=dict)
    examples: list[tuple[str, str, str, bool]] = field(default_factory=list)  # (cue list, label, text, must match)
    case_sensitive: set[str] = field(default_factory=set)


def _cue_lists(entries: dict[str, Any], lexicons: dict[str, frozenset[str]], table: str, where: str) -> _CueLists:
    """The file's cue lists, each an ordered list of (label, compiled regex) with its examples."""
    found = _CueLists()
    for name, entry in entries.items():
        if not isinstance(entry, dict) or not entry.get("doc") or not isinstance(entry.get("rules"), list):
            raise RuleError(f"{where}: cue list {name} needs 'doc' and a list of 'rules'")
        if entry.get("case_sensitive"):
            found.case_sensitive.add(name)
        found.cues[name] = tuple(_cue(name, k, rule, lexicons, table, where, found.examples)
                                 for k, rule in enumerate(entry["rules"]))
        found.docs[name] = entry["doc"]
    return found


def _cue(name: str, k: int, rule: Any, lexicons: dict[str, frozenset[str]], table: str, where: str,
         examples: list[tuple[str, str, str, bool]]) -> tuple[str, re.Pattern[str]]:
    """One cue of list `name`, compiled (its `$name` lexicons spelt out); its examples go to `examples`."""
    if not isinstance(rule, dict) or "label" not in rule or "regex" not in rule:
        raise RuleError(f"{where}: cue {name}[{k}] needs 'label' and 'regex'")
    label = str(rule["label"])
    examples += [(name, label, str(t), True) for t in rule.get("examples") or []]
    examples += [(name, label, str(t), False) for t in rule.get("counter_examples") or []]
    try:
        regex = _regex_with_lexicons(str(rule["regex"]), lexicons, table, f"{where}: cue {name}[{k}]")
        return label, re.compile(regex)
    except re.error as exc:
        raise RuleError(f"{where}: cue {name}[{k}]: bad regex: {exc}") from None


def _examples(entries: Any, here: str) -> list[Example]:
    """The example texts of a pattern or a lexicon, each with the columns a row must have (`expect`)."""
    examples = []
    for ex in entries if isinstance(entries, list) else [entries]:
        if not isinstance(ex, dict) or not ex.get("text"):
            raise RuleError(f"{here}: an example needs 'text'")
        expect = ex.get("expect") or []
        expect = [expect] if isinstance(expect, dict) else expect
        published = ex.get("published")
        rows = ex.get("rows")
        if rows is not None and (not isinstance(rows, int) or rows < 0):
            raise RuleError(f"{here}: an example's 'rows' must be a count")
        outlet = ex.get("outlet")
        of_table = ex.get("table")
        if of_table is not None and of_table not in TABLES[1:]:
            raise RuleError(f"{here}: an example's 'table' must be one of {', '.join(TABLES[1:])}")
        examples.append(Example(ex["text"], tuple(expect), published if isinstance(published, dt.date) else None,
                                rows, str(outlet) if outlet else None, of_table))
    return examples


def _pattern(entry: Any, table: str, lexicons: dict[str, frozenset[str]], where: str) -> Pattern:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise RuleError(f"{where}: every pattern needs a name")
    here = f"{where}: pattern {entry['name']}"
    unknown = set(entry) - _PATTERN_KEYS
    if unknown:
        raise RuleError(f"{here}: unknown keys {sorted(unknown)}")
    for key in ("frame", "doc", "tokens"):
        if not entry.get(key):
            raise RuleError(f"{here}: needs '{key}'")
    examples = _examples(entry.get("examples") or [], here)
    if not examples:
        raise RuleError(f"{here}: needs at least one example")
    counter = tuple(str(c) for c in entry.get("counter_examples") or [])
    if not counter:
        raise RuleError(f"{here}: needs at least one counter-example")
    return Pattern(entry["name"], table, entry["frame"], entry["doc"],
                   _alternatives(entry["tokens"], lexicons, here), tuple(examples), counter)


def _alternatives(tokens: Any, lexicons: dict[str, frozenset[str]], here: str) -> tuple[tuple[dict, ...], ...]:
    """A pattern's `tokens` (one Matcher token pattern or a list of them) as alternatives, lexicons spelt out."""
    tokens = _expand(tokens, lexicons, here)
    alternatives = tokens if isinstance(tokens, list) and tokens and isinstance(tokens[0], list) else [tokens]
    for alt in alternatives:
        if not isinstance(alt, list) or not alt or not all(isinstance(t, dict) for t in alt):
            raise RuleError(f"{here}: 'tokens' must be a spaCy Matcher token pattern (a list of token "
                            f"dicts) or a list of such alternatives")
    return tuple(tuple(alt) for alt in alternatives)


def lexicon(table: str, name: str) -> frozenset[str]:
    """A named word list of a table's rules (lower case)."""
    try:
        return rules(table).lexicons[name]
    except KeyError:
        raise RuleError(f"pipeline/rules/{table}.yaml: no lexicon {name}") from None


def value_map(table: str, name: str) -> dict[str, int]:
    """A named word -> number map of a table's rules ("three" -> 3)."""
    try:
        return rules(table).values[name]
    except KeyError:
        raise RuleError(f"pipeline/rules/{table}.yaml: no value map {name}") from None


def cardinals() -> dict[str, int]:
    """The cardinal numbers written as words ("zero" ... "ninety"): the first word `number_words` of
    pipeline/rules/common.yaml gives for each number."""
    out: dict[str, int] = {}
    for word, n in value_map("common", "number_words").items():
        if n not in out.values():
            out[word] = n
    return out


def cues(table: str, name: str, any_case: bool = False) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A named, ordered list of (label, compiled regex) of a table's rules, for lower-cased text; with
    `any_case`, compiled to ignore case, for text as written (where a match's offsets must be the text's).
    A `case_sensitive` list is compiled as written either way."""
    try:
        found = rules(table).cues[name]
    except KeyError:
        raise RuleError(f"pipeline/rules/{table}.yaml: no cue list {name}") from None
    if any_case and name not in rules(table).case_sensitive:
        return _any_case(table, name, found)
    return found


@lru_cache(maxsize=256)
def _any_case(table: str, name: str, found: tuple[tuple[str, re.Pattern[str]], ...]
              ) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """A cue list's regexes compiled to ignore case (`found` is part of the key: rules read again are new)."""
    return tuple((label, re.compile(rx.pattern, re.IGNORECASE)) for label, rx in found)


def cue_regex(table: str, name: str, label: str | None = None, any_case: bool = False) -> re.Pattern[str]:
    """The regex of a cue list's first cue with `label` (of its first cue when no label is given), as `cues`
    compiles it: for an extractor that needs where the cue matched, not only which label."""
    for got, rx in cues(table, name, any_case):
        if label is None or got == label:
            return rx
    raise RuleError(f"pipeline/rules/{table}.yaml: cue list {name} has no cue {label}")


def _as_matched(table: str, name: str, text: str) -> str:
    """The text as a cue list reads it: lower-cased, unless the list is `case_sensitive`."""
    return text if name in rules(table).case_sensitive else text.lower()


def first_cue(table: str, name: str, text: str) -> str | None:
    """The label of the first cue of the list that matches the lower-cased text (the text as written for a
    `case_sensitive` list)."""
    return _first_label(table, name, _as_matched(table, name, text))


@lru_cache(maxsize=8192)
def _first_label(table: str, name: str, low: str) -> str | None:
    """`first_cue`, remembered: extractors ask about one sentence and its clauses more than once (the cache
    is emptied whenever the rules are read again)."""
    for label, rx in cues(table, name):
        if rx.search(low):
            return label
    return None


def has_cue(table: str, name: str, text: str, labels: set[str] | frozenset[str]) -> bool:
    """Whether a cue of the list with one of `labels` matches the lower-cased text (as written for a
    `case_sensitive` list)."""
    low = _as_matched(table, name, text)
    return any(label in labels and rx.search(low) for label, rx in cues(table, name))


@dataclass(frozen=True)
class CompiledRules:
    """Every table's patterns, ready for a doc: fixed-length patterns as array tests, the rest in one Matcher."""

    matcher: Matcher
    by_key: dict[int, Pattern]  # Matcher key hash -> its pattern
    token_tests: tuple[tuple[Pattern, tuple[token_tests.TokenTest, ...]], ...]  # fixed-length alternatives


_COMPILED: dict[int, CompiledRules] = {}


def prepare_matcher(vocab: Vocab) -> CompiledRules:
    """Every table's patterns compiled for one vocab, when the model loads. Matches are looked up by the
    key's hash, never by its string: batches run inside spaCy memory zones, which forget strings added
    during the zone. A pattern whose alternatives are all fixed runs of plain token tests is matched by
    array tests (`token_tests`), which find what the Matcher would, without a Python call per token."""
    key = id(vocab)
    found = _COMPILED.get(key)
    if found is None:
        matcher = Matcher(vocab)
        by_key: dict[int, Pattern] = {}
        tests: list[tuple[Pattern, tuple[token_tests.TokenTest, ...]]] = []
        for table in TABLES:
            for p in rules(table).patterns:
                compiled = [tuple(token_tests.compile_token(vocab, tok) for tok in alt) for alt in p.tokens]
                if all(None not in seq for seq in compiled):
                    tests += [(p, seq) for seq in compiled]  # type: ignore[misc]
                    continue
                match_key = f"{table}.{p.name}"
                matcher.add(match_key, [list(alt) for alt in p.tokens])
                by_key[vocab.strings.add(match_key)] = p
        found = _COMPILED[key] = CompiledRules(matcher, by_key, tuple(tests))
    return found


def matches(doc: Doc, table: str) -> list[Match]:
    """Every trigger of `table` in the doc, in text order (one pass per doc for all tables)."""
    cached = doc.user_data.get("_rule_matches")
    if cached is None:
        compiled = prepare_matcher(doc.vocab)
        spans: set[tuple[str, str, int, int]] = set()
        by_name: dict[tuple[str, str], Pattern] = {}
        if compiled.by_key:
            for match_id, start, end in compiled.matcher(doc):
                p = compiled.by_key[match_id]
                spans.add((p.table, p.name, start, end))
                by_name[p.table, p.name] = p
        hits = token_tests.sequence_starts(doc, [seq for _, seq in compiled.token_tests])
        for (p, seq), found in zip(compiled.token_tests, hits):
            by_name[p.table, p.name] = p
            spans.update((p.table, p.name, i, i + len(seq)) for i in found)
        cached = {}
        for tbl, name, start, end in sorted(spans, key=lambda s: (s[2], s[3], s[1], s[0])):
            cached.setdefault(tbl, []).append(Match(by_name[tbl, name], start, end))
        doc.user_data["_rule_matches"] = cached
    return cached.get(table, [])


def matches_in(doc: Doc, table: str, start: int, end: int, frames: set[str] | None = None) -> list[Match]:
    """The triggers of `table` whose first token lies in tokens [start, end)."""
    found = matches(doc, table)
    key = f"_rule_starts:{table}"
    starts = doc.user_data.get(key)
    if starts is None:
        starts = doc.user_data[key] = [m.start for m in found]
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [m for m in found[lo:hi] if frames is None or m.frame in frames]
