"""The table spec generates every other description of the tables, and they agree with it."""
import dataclasses

import pandas as pd
import pandera.errors as pe
import pytest

from pipeline.quality import evaluate

from pipeline.base import registry
from pipeline.runtime.batch import PART_TABLES
from schemas import spec
from schemas.codebook import render_codebook
from schemas.datapackage import datapackage, schema_descriptor
from schemas.fields import ARROW_TYPES, COLUMNS, arrow_schema
from schemas.tables import SCHEMAS, schema_of
from schemas.vocabularies import EVENT_CROSSWALK, VOCABULARIES
from tests.conftest import ROOT


def test_the_spec_is_consistent():
    spec.check_spec()


def test_a_foreign_key_to_a_missing_column_is_caught(monkeypatch):
    broken = dataclasses.replace(spec.TABLES["visits"], foreign_keys=(("article_id", "articles", "nope"),))
    monkeypatch.setitem(spec.TABLES, "visits", broken)
    with pytest.raises(ValueError, match="foreign key"):
        spec.check_spec()


def test_a_column_without_a_field_is_caught(monkeypatch):
    broken = dataclasses.replace(spec.TABLES["trade"], columns=(*spec.TABLES["trade"].columns, spec.Column("tone")))
    monkeypatch.setitem(spec.TABLES, "trade", broken)
    with pytest.raises(ValueError, match="no entry in FIELDS"):
        spec.check_spec()


@pytest.mark.parametrize("name", list(spec.TABLES))
def test_every_generated_form_has_the_spec_columns_in_order(name):
    columns = spec.TABLES[name].column_names
    assert COLUMNS[name] == columns
    assert ARROW_TYPES[name].names == columns
    assert [f["name"] for f in schema_descriptor(name)["fields"]] == columns
    if name in SCHEMAS:
        assert list(SCHEMAS[name].columns) == columns
    codebook = render_codebook()
    section = codebook.split(f"## Table `{name}`", 1)[1].split("\n## ", 1)[0]
    assert all(f"| `{c}` |" in section for c in columns)


def test_registry_links_and_evaluate_keys_come_from_the_spec():
    assert registry.FACT_TABLES == ("visits", "documents", "trade", "events")
    assert PART_TABLES == ("articles", *registry.EXTRACTED_TABLES)
    assert ("events", "_visit_ref", "visit_id", "visits") in registry.LINKS
    assert ("documents", "_package_ref", "package_id", "documents") in registry.LINKS
    assert registry.TABLES["events"].id_column == "event_id"
    assert evaluate.KEYS["trade"] == ("indicator", "year", "value", "currency")
    assert evaluate.FIELDS["visits"]["occasion"] == "tokens"


def test_links_are_foreign_keys_in_the_datapackage():
    fks = {(fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
           for fk in schema_descriptor("events")["foreignKeys"]}
    assert fks == {("article_id", "articles", "article_id"), ("visit_id", "visits", "visit_id"),
                   ("document_id", "documents", "document_id"), ("trade_id", "trade", "trade_id")}
    self_ref = schema_descriptor("documents")["foreignKeys"]
    assert {"fields": ["package_id"], "reference": {"resource": "", "fields": ["document_id"]}} in self_ref


def test_every_vocabulary_value_has_a_meaning_and_an_example_in_the_codebook():
    codebook = render_codebook()
    for v in VOCABULARIES.values():
        if v.standard:
            assert v.standard in codebook and len(v.values) > 100
            continue
        for value, (meaning, example) in v.terms.items():
            assert meaning.strip() and example.strip(), (v.name, value)
            assert f"| `{value}` | " in codebook, (v.name, value)
    assert set(EVENT_CROSSWALK) == set(VOCABULARIES["event_type"].terms)


def test_vocabularies_are_enforced_by_pandera_and_declared_in_the_datapackage():
    fields = {f["name"]: f for f in schema_descriptor("visits")["fields"]}
    assert fields["visit_type"]["constraints"]["enum"] == VOCABULARIES["visit_type"].values
    assert fields["visitor_country"]["constraints"]["enum"] == VOCABULARIES["iso3"].values
    assert fields["visit_id"]["constraints"] == {"required": True, "unique": True}
    assert "required" not in fields["host_city"].get("constraints", {})
    rejected = {f["name"]: f for f in schema_descriptor("rejected_inputs")["fields"]}["reason"]
    assert rejected["constraints"]["enum"] == VOCABULARIES["rejected_reason"].values
    df = pd.DataFrame({"path": ["a.txt"], "sha256": [None], "reason": ["lost_in_the_post"], "detail": ["x"]})
    with pytest.raises(pe.SchemaErrors, match="isin"):
        SCHEMAS["rejected_inputs"].validate(df, lazy=True)


def test_nullable_numbers_and_lists_are_declared_for_the_validator():
    trade = {f["name"]: f for f in schema_descriptor("trade")["fields"]}
    assert trade["year"]["type"] == "integer" and "nan" in trade["year"]["missingValues"]
    assert trade["year"]["constraints"] == {"minimum": 1000, "maximum": 2999}
    assert trade["commodity"]["type"] == "any" and trade["commodity"]["x-list-of"] == "string"
    assert "missingValues" not in trade["trade_id"]


def test_adding_a_column_is_one_edit(monkeypatch):
    """What the README shows: a new Field and a Column in its table reach every generated form."""
    monkeypatch.setitem(spec.FIELDS, "visitor_party", spec.Field("string", "Party of the visitor, where named."))
    visits = spec.TABLES["visits"]
    monkeypatch.setitem(spec.TABLES, "visits", dataclasses.replace(
        visits, columns=(*visits.columns, spec.Column("visitor_party", nullable=True))))
    spec.check_spec()
    table = spec.TABLES["visits"]
    assert "visitor_party" in schema_of(table).columns
    assert arrow_schema(table).names[-1] == "visitor_party"
    assert schema_descriptor("visits")["fields"][-1]["description"] == "Party of the visitor, where named."
    assert "| `visitor_party` |" in render_codebook()


def test_the_datapackage_has_the_publishing_metadata():
    package = datapackage({"articles": ["articles.parquet"], "visits": ["visits/part-00000.parquet",
                                                                       "visits/part-00001.parquet"]},
                          version="1.2.3", created="2026-01-01T00:00:00Z", text_policy="snippet")
    for key in ("name", "title", "version", "created", "licenses", "sources", "contributors"):
        assert package[key], key
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["visits"]["path"] == ["visits/part-00000.parquet", "visits/part-00001.parquet"]
    text = {f["name"]: f for f in resources["articles"]["schema"]["fields"]}["text"]
    assert "required" not in text.get("constraints", {})  # withheld under snippet
    # a key to a table that is not published is left out, not left dangling
    assert all(fk["reference"]["resource"] in ("", "articles", "visits")
               for r in package["resources"] for fk in r["schema"].get("foreignKeys", []))


def test_the_codebook_in_docs_is_current():
    assert (ROOT / "docs" / "CODEBOOK.md").read_text(encoding="utf-8") == render_codebook(), (
        "docs/CODEBOOK.md is out of date: run `python -m schemas.codebook > docs/CODEBOOK.md`")


def test_the_plover_crosswalk_gives_plover_values_and_every_cue_names_one_of_its_cases():
    from pipeline.nlp.rules import cues
    from schemas.vocabularies import PLOVER_MODE_OF, plover_code
    types, modes = VOCABULARIES["plover_type"].values, VOCABULARIES["plover_mode"].values
    assert set(PLOVER_MODE_OF) == set(modes)
    for etype, codes in EVENT_CROSSWALK.items():
        assert "" in codes, etype
        for code in codes.values():
            assert code.plover_type is None or code.plover_type in types, code
            assert code.plover_mode is None or PLOVER_MODE_OF[code.plover_mode] == code.plover_type, code
    cases = {case for codes in EVENT_CROSSWALK.values() for case in codes}
    assert {label for label, _ in cues("events", "plover_variants")} <= cases
    # PLOVER: cooperative acts reported as planned are AGREE; a planned break of relations is not
    assert plover_code("visit", "", "planned").plover_type == "AGREE"
    assert plover_code("visit", "", "ongoing").plover_mode == "visit"
    assert plover_code("diplomatic_relations", "severed", "planned").plover_type == "SANCTION"
    assert plover_code("meeting", "no_such_case").plover_mode is None


def test_a_plover_mode_must_belong_to_its_category():
    df = pd.DataFrame({"plover_type": ["CONSULT", "SUPPORT", None], "plover_mode": ["visit", "visit", None]})
    from schemas.checks import plover_mode_of_its_type
    assert plover_mode_of_its_type(df).tolist() == [True, False, True]
