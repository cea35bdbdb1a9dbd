"""Every pattern of pipeline/rules/*.yaml reads its own examples and none of its counter-examples.

The examples are sentences written for the rule files (other names than any article the rules were
developed on); each gives some columns of the row it must produce."""
import datetime as dt

import pytest

from pipeline.nlp import rule_matcher
from pipeline.nlp import rules as rules_mod
from pipeline.io.ingest import Article
from pipeline.extract.article import process_article

_PUBLISHED = dt.date(2024, 9, 12)


def _patterns():
    for table in rules_mod.TABLES:
        for p in rules_mod.rules(table).patterns:
            yield p


def _run(text: str, published: dt.date | None, outlet: str | None = None) -> dict[str, list[dict]]:
    art = Article(article_id="art_rules", source_path="rules.txt", sha256="0" * 64, text=text,
                  published_date=published or _PUBLISHED, language="en", outlet=outlet)
    return process_article(art)


def _agrees(row: dict, expect: dict) -> bool:
    for key, want in expect.items():
        got = row.get(key)
        if isinstance(got, (list, tuple)):
            got = sorted(got)
            want = sorted(want) if isinstance(want, list) else want
        if isinstance(want, float) and isinstance(got, (int, float)):
            if abs(got - want) > 1e-6 * max(1.0, abs(want)):
                return False
        elif got != want:
            return False
    return True


@pytest.mark.parametrize("pattern", list(_patterns()), ids=lambda p: f"{p.table}.{p.name}")
def test_pattern_reads_its_examples(pattern):
    for example in pattern.examples:
        rows = _run(example.text, example.published, example.outlet)[pattern.table]
        for expect in example.expect:
            assert any(_agrees(r, expect) for r in rows), (
                f"{pattern.table}.{pattern.name}: no row with {expect} in {example.text!r}; got "
                f"{[{k: r.get(k) for k in expect} for r in rows]}")
        if example.rows is not None:
            assert len(rows) == example.rows, (
                f"{pattern.table}.{pattern.name}: {example.rows} rows expected from {example.text!r}; got "
                f"{[{k: r.get(k) for k in ('event_type', 'date_start', 'date_end')} for r in rows]}")


@pytest.mark.parametrize("pattern", list(_patterns()), ids=lambda p: f"{p.table}.{p.name}")
def test_pattern_ignores_its_counter_examples(pattern):
    for text in pattern.counter_examples:
        rows = _run(text, None)[pattern.table]
        assert rows == [], f"{pattern.table}.{pattern.name}: counter-example {text!r} gave {rows}"


def test_every_pattern_is_found_by_the_matcher_in_its_first_example():
    import spacy  # noqa: F401  (the model is loaded by annotate)
    from pipeline.nlp.annotate import annotate

    for p in _patterns():
        doc = annotate(p.examples[0].text)
        names = {m.pattern.name for m in rule_matcher.matches(doc, p.table)}
        assert p.name in names, f"{p.table}.{p.name} does not match its first example"


@pytest.mark.parametrize("bad, message", [
    ({"table": "visits", "patterns": [{"name": "x", "frame": "f", "doc": "d", "tokens": [{"LOWER": "a"}]}]},
     "at least one example"),
    ({"table": "visits", "lexicons": {"l": {"words": ["a"]}}}, "needs 'doc'"),
    ({"table": "visits", "cues": {"c": {"doc": "d", "rules": [{"label": "x", "regex": "("}]}}}, "bad regex"),
    ({"table": "visits", "patterns": [{"name": "x", "frame": "f", "doc": "d", "tokens": [{"LEMMA": "$nope"}],
                                       "examples": [{"text": "t"}], "counter_examples": ["c"]}]},
     "unknown lexicon"),
    ({"table": "visits", "surprise": 1}, "unknown keys"),
    ({"table": "visits", "patterns": [{"name": "x", "frame": "f", "doc": "d", "tokens": [{"LOWER": "a"}],
                                       "examples": [{"text": "t", "rows": "one"}], "counter_examples": ["c"]}]},
     "'rows' must be a count"),
])
def test_a_malformed_rule_file_is_refused_with_its_name(monkeypatch, bad, message):
    monkeypatch.setattr(rules_mod, "_read", lambda table: bad)
    rules_mod.rules.cache_clear()
    try:
        with pytest.raises(rules_mod.RuleError, match=message):
            rules_mod.rules("visits")
    finally:
        rules_mod.rules.cache_clear()


def _cue_examples():
    for table in rules_mod.TABLES:
        for example in rules_mod.rules(table).cue_examples:
            yield table, example


@pytest.mark.parametrize("table, example", list(_cue_examples()),
                         ids=lambda v: v if isinstance(v, str) else f"{v[0]}:{v[1]}")
def test_cue_examples_get_their_label_first(table, example):
    name, label, text, must = example
    got = rules_mod.first_cue(table, name, text)
    if must:
        assert got == label, f"{table}.{name}: {text!r} gave {got}, expected {label}"
    else:
        assert got != label, f"{table}.{name}: counter-example {text!r} gave {label}"


def _lexicon_examples():
    for table in rules_mod.TABLES:
        for name, example, counter in rules_mod.rules(table).lexicon_examples:
            yield table, name, example, counter


@pytest.mark.parametrize("table, name, example, counter", list(_lexicon_examples()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_lexicon_examples_give_their_rows(table, name, example, counter):
    """A lexicon's examples (its words at work) and counter-examples (absent or idle) each give the rows
    they say: some row with the `expect` columns, and `rows` rows of the table where that is given."""
    kind = "counter-example" if counter else "example"
    rows = _run(example.text, example.published, example.outlet)[example.table or table]
    for expect in example.expect:
        assert any(_agrees(r, expect) for r in rows), (
            f"{table}.{name}: {kind} {example.text!r} gave no row with {expect}; got "
            f"{[{k: r.get(k) for k in expect} for r in rows]}")
    if example.rows is not None:
        assert len(rows) == example.rows, f"{table}.{name}: {kind} {example.text!r} gave {len(rows)} rows"


def test_an_example_of_a_common_lexicon_names_its_table(monkeypatch):
    data = {"table": "common", "lexicons": {"l": {"doc": "d", "words": ["a"], "examples": [{"text": "t", "rows": 0}]}}}
    monkeypatch.setattr(rules_mod, "_read", lambda table: data)
    rules_mod.rules.cache_clear()
    try:
        with pytest.raises(rules_mod.RuleError, match="needs the 'table'"):
            rules_mod.rules("common")
        data["lexicons"]["l"]["examples"][0]["table"] = "visits"
        rules_mod.rules.cache_clear()
        [(_, example, _)] = rules_mod.rules("common").lexicon_examples
        assert example.table == "visits"
    finally:
        rules_mod.rules.cache_clear()


def test_a_lexicon_in_a_cue_regex_stands_for_its_words(monkeypatch):
    data = {"table": "visits", "lexicons": {"greetings": {"doc": "d", "words": ["hello", "hi"]}},
            "cues": {"c": {"doc": "d", "rules": [{"label": "greeted", "regex": "\\b$greetings\\b"}]}}}
    read = rules_mod._read
    monkeypatch.setattr(rules_mod, "_read", lambda table: data if table == "visits" else read(table))
    rules_mod.rules.cache_clear()
    try:
        assert [rx.pattern for _, rx in rules_mod.cues("visits", "c")] == ["\\b(?:hello|hi)\\b"]
        assert rules_mod.first_cue("visits", "c", "Hi there") == "greeted"
        assert rules_mod.first_cue("visits", "c", "high ground") is None
    finally:
        rules_mod.rules.cache_clear()


@pytest.mark.parametrize("bad, message", [
    ({"table": "visits", "cues": {"c": {"doc": "d", "rules": [{"label": "x", "regex": "$nope"}]}}},
     "unknown lexicon \\$nope"),
    ({"table": "visits", "lexicons": {"l": {"doc": "d", "words": ["a"], "examples": [{"text": "t"}]}}},
     "needs 'expect' or 'rows'"),
    ({"table": "visits", "lexicons": {"l": {"doc": "d", "words": ["a"], "examples": [
        {"text": "t", "rows": 0, "table": "people"}]}}}, "'table' must be one of"),
])
def test_a_bad_lexicon_reference_or_example_is_refused(monkeypatch, bad, message):
    read = rules_mod._read
    monkeypatch.setattr(rules_mod, "_read", lambda table: bad if table == "visits" else read(table))
    rules_mod.rules.cache_clear()
    try:
        with pytest.raises(rules_mod.RuleError, match=message):
            rules_mod.rules("visits")
    finally:
        rules_mod.rules.cache_clear()


def test_a_case_sensitive_cue_list_reads_the_text_as_written(monkeypatch):
    data = {"table": "visits", "cues": {
        "named": {"doc": "d", "case_sensitive": True, "rules": [{"label": "name", "regex": "\\b[A-Z]\\w+ Fund\\b"}]},
        "plain": {"doc": "d", "rules": [{"label": "fund", "regex": "\\bfund\\b"}]}}}
    read = rules_mod._read
    monkeypatch.setattr(rules_mod, "_read", lambda table: data if table == "visits" else read(table))
    rules_mod.rules.cache_clear()
    try:
        assert rules_mod.first_cue("visits", "named", "the Andes Fund") == "name"
        assert rules_mod.first_cue("visits", "named", "the andes fund") is None  # lower case is not a name
        assert rules_mod.has_cue("visits", "named", "the Andes Fund", {"name"})
        assert rules_mod.first_cue("visits", "plain", "the Andes Fund") == "fund"  # other lists: lower-cased
        # a regex for the text as written: ignores case, unless its list is case-sensitive
        assert rules_mod.cue_regex("visits", "plain", "fund", any_case=True).search("The FUND").start() == 4
        assert rules_mod.cue_regex("visits", "plain", "fund").search("The FUND") is None
        assert rules_mod.cue_regex("visits", "named", any_case=True).search("the andes fund") is None
        with pytest.raises(rules_mod.RuleError, match="no cue nope"):
            rules_mod.cue_regex("visits", "plain", "nope")
    finally:
        rules_mod.rules.cache_clear()
