"""The rules' trigger patterns as a registered spaCy component, `rule_matcher`: it finds every table's
triggers in a doc in one pass, and its config names the version of the rule files it matches
(`rules_digest`, `pipeline.nlp.rules.rules_digest`). The version travels with the pipeline that used the
rules (`nlp.config`, `nlp.meta`) and the dataset's manifest records it; a pipeline configured for other
rule files than the ones in place refuses to load, naming both versions."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.nlp import token_tests
from pipeline.nlp.rules import TABLES, Pattern, RuleError, rules
from pipeline.nlp.rules import rules_digest as files_digest

NAME = "rule_matcher"
META_KEY = "rules_digest"  # the key of nlp.meta that holds the rules' version
_MATCHES = "_rule_matches"  # the key of doc.user_data that holds a doc's matches, by table


@dataclass(frozen=True)
class Match:
    """A trigger found in a doc: the pattern and the tokens it matched."""

    pattern: Pattern
    start: int
    end: int

    @property
    def frame(self) -> str:
        return self.pattern.frame


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


def find_matches(doc: Doc, compiled: CompiledRules) -> dict[str, list[Match]]:
    """Every table's triggers in the doc, each table's in text order."""
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
    out: dict[str, list[Match]] = {}
    for tbl, name, start, end in sorted(spans, key=lambda s: (s[2], s[3], s[1], s[0])):
        out.setdefault(tbl, []).append(Match(by_name[tbl, name], start, end))
    return out


class RuleMatcher:
    """The spaCy component: puts every table's triggers in `doc.user_data`, where `matches` reads them."""

    def __init__(self, vocab: Vocab, rules_digest: str) -> None:
        self.rules_digest = rules_digest
        self.compiled = prepare_matcher(vocab)  # when the pipeline is built, outside any memory zone

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[_MATCHES] = find_matches(doc, self.compiled)
        return doc


@Language.factory(NAME)
def make_rule_matcher(nlp: Language, name: str, rules_digest: str) -> RuleMatcher:
    """The `rule_matcher` component, configured with the version of the rule files it is to match
    (`config={"rules_digest": pipeline.nlp.rules.rules_digest()}`); another version than the files' stops with RuleError."""
    current = files_digest()
    if rules_digest != current:
        raise RuleError(f"pipeline/rules/: the pipeline's {name} is configured for rules {rules_digest[:12]}, "
                        f"but the rule files are {current[:12]}: build the pipeline again")
    return RuleMatcher(nlp.vocab, rules_digest)


def add_to(nlp: Language) -> RuleMatcher:
    """Add `rule_matcher` last in `nlp`, configured with the rule files' version, which `nlp.meta` records too."""
    digest = files_digest()
    component = nlp.add_pipe(NAME, last=True, config={"rules_digest": digest})
    nlp.meta[META_KEY] = digest
    return component  # type: ignore[return-value]


def matches(doc: Doc, table: str) -> list[Match]:
    """Every trigger of `table` in the doc, in text order: as `rule_matcher` found them (one pass per doc for
    all tables), or found now for a doc the component has not seen."""
    found = doc.user_data.get(_MATCHES)
    if found is None:
        found = doc.user_data[_MATCHES] = find_matches(doc, prepare_matcher(doc.vocab))
    return found.get(table, [])


def matches_in(doc: Doc, table: str, start: int, end: int, frames: set[str] | None = None) -> list[Match]:
    """The triggers of `table` whose first token lies in tokens [start, end)."""
    found = matches(doc, table)
    key = f"_rule_starts:{table}"
    starts = doc.user_data.get(key)
    if starts is None:
        starts = doc.user_data[key] = [m.start for m in found]
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    return [m for m in found[lo:hi] if frames is None or m.frame in frames]
