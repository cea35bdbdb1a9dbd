"""The rule matcher is a registered spaCy component configured with the rules' version (the digest of the
rule files), which the pipeline's config and meta carry and the dataset manifest records."""
import dataclasses
import datetime as dt
import shutil
import warnings
from pathlib import Path

import pytest
import spacy
from spacy.util import ConfigValidationError

from pipeline.nlp import rule_matcher, rules
from pipeline.nlp.annotate import annotate_all, load_nlp
from pipeline.publish import manifest

TEXT = ("President Ana Lind visited Norland on Monday and signed three agreements with her host. "
        "Two memoranda of understanding were inked in Port Vale.")


@dataclasses.dataclass
class _Options:  # a run's options, as manifest.build reads them
    workers: int = 1


@pytest.fixture
def rule_copy(tmp_path: Path) -> Path:
    """A copy of the rule files to change: the real ones are never touched."""
    return Path(shutil.copytree(rules.rules_dir(), tmp_path / "rules"))


def _spans(found: dict) -> list[tuple[str, str, int, int]]:
    return [(t, m.pattern.name, m.start, m.end) for t, ms in sorted(found.items()) for m in ms]


def test_the_component_is_in_the_pipeline_with_the_rules_version():
    nlp = load_nlp()
    assert nlp.pipe_names[-1] == rule_matcher.NAME
    digest = rules.rules_digest()
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert nlp.get_pipe_config(rule_matcher.NAME) == {"factory": rule_matcher.NAME, "rules_digest": digest}
    assert nlp.config["components"][rule_matcher.NAME]["rules_digest"] == digest
    assert nlp.meta[rule_matcher.META_KEY] == digest
    assert nlp.get_pipe(rule_matcher.NAME).rules_digest == digest


def test_the_component_finds_every_tables_triggers_while_the_doc_is_made():
    nlp = load_nlp()
    doc = nlp(TEXT)
    found = doc.user_data["_rule_matches"]  # put there by the component, before any extractor asks
    assert _spans(found) == _spans(rule_matcher.find_matches(doc, rule_matcher.prepare_matcher(doc.vocab)))
    assert {m.pattern.name for m in rule_matcher.matches(doc, "visits")}
    assert rule_matcher.matches(doc, "documents")
    assert rule_matcher.matches(nlp.make_doc(TEXT), "no such table") == []  # a doc the component has not seen


def test_a_pipeline_configured_for_other_rules_refuses_to_load():
    nlp = spacy.blank("en")
    with pytest.raises(rules.RuleError, match=r"pipeline/rules/: .*configured for rules 000000000000"):
        nlp.add_pipe(rule_matcher.NAME, config={"rules_digest": "0" * 64})
    with pytest.raises(ConfigValidationError, match="rules_digest"):  # the version must be given
        nlp.add_pipe(rule_matcher.NAME)
    nlp.add_pipe(rule_matcher.NAME, config={"rules_digest": rules.rules_digest()})
    assert nlp.pipe_names == [rule_matcher.NAME]


def test_the_digest_follows_the_rule_files_contents(rule_copy: Path):
    digest = rules.rules_digest()
    assert rules.rules_digest(rule_copy) == digest  # the contents count, not where the files are
    visits = rule_copy / "visits.yaml"
    original = visits.read_bytes()
    visits.write_bytes(original + b"\n# an added comment\n")
    changed = rules.rules_digest(rule_copy)
    assert changed != digest
    visits.write_bytes(original)
    assert rules.rules_digest(rule_copy) == digest
    (rule_copy / "common.yaml").write_bytes((rule_copy / "common.yaml").read_bytes().replace(b"doc:", b"doc: ", 1))
    assert rules.rules_digest(rule_copy) not in (digest, changed)


def test_the_manifest_records_the_rules_digest_and_it_changes_with_a_rule_file(rule_copy: Path, tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch):
    record = manifest.build(tmp_path, {}, _Options(), {}, dt.datetime.now(dt.UTC), command=["test"])
    assert record["versions"]["rules_digest"] == rules.rules_digest() == load_nlp().meta[rule_matcher.META_KEY]
    monkeypatch.setattr(rules, "rules_dir", lambda: rule_copy)
    assert manifest.versions()["rules_digest"] == record["versions"]["rules_digest"]
    trade = rule_copy / "trade.yaml"
    trade.write_text(trade.read_text(encoding="utf-8") + "\n# another comment\n", encoding="utf-8")
    assert manifest.versions()["rules_digest"] == rules.rules_digest(rule_copy) != record["versions"]["rules_digest"]


def test_a_text_over_max_length_gets_the_triggers_of_the_whole_doc():
    nlp = load_nlp()
    text = "\n\n".join([TEXT] * 12)
    before = nlp.max_length
    nlp.max_length = 600
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # spaCy warns about user data it cannot carry into the joined doc
            (doc,) = annotate_all([text])
    finally:
        nlp.max_length = before
    assert len(doc.text) == len(text)
    found = doc.user_data["_rule_matches"]
    assert _spans(found) == _spans(rule_matcher.find_matches(doc, rule_matcher.prepare_matcher(doc.vocab)))
    assert max(m.start for m in found["visits"]) > len(doc) // 2  # at the whole doc's offsets

