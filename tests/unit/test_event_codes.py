"""Events' direction (source_country -> target_country) and CAMEO columns (code, root, Goldstein, quad class), on
short texts written for these tests. Expected values are worked out by hand from the crosswalk in the codebook:
the CAMEO code of the event's type, case and status, the Goldstein value GDELT publishes for that code, the quad
class of its root, and the direction the sentence states."""
import datetime as dt

import pandas as pd
import pytest

from pipeline.extract.article import process_article
from pipeline.io.ingest import Article
from pipeline.tables.assemble import assign_ids
from schemas.cameo import CAMEO, cameo_of, quad_class_of
from schemas.checks import cameo_agrees, direction_in_countries
from schemas.codebook import render_codebook
from schemas.datapackage import schema_descriptor
from schemas.vocabularies import EVENT_CROSSWALK, crosswalk_case

_PUBLISHED = dt.date(2024, 9, 12)


def _events(body: str) -> list[dict]:
    art = Article(article_id="art_cameo", source_path="cameo.txt", sha256="0" * 64, text=body,
                  published_date=_PUBLISHED, language="en")
    return assign_ids(art.article_id, process_article(art))["events"]


_COLUMNS = ("cameo_code", "cameo_root", "goldstein", "quad_class", "source_country", "target_country")


@pytest.mark.parametrize("body, event_type, want", [
    # a visit made: 042 Make a visit, +1.9, verbal cooperation; from the visitor's state to the host
    ("The Kenyan foreign minister Amina Odhiambo visited Peru on 3 June 2024.", "visit",
     ("042", "04", 1.9, 1, "KEN", "PER")),
    # planned: the intent to meet, 036 (+4.0); the direction stays the visit's
    ("The Kenyan foreign minister Amina Odhiambo will visit Peru on 20 October 2024.", "visit",
     ("036", "03", 4.0, 1, "KEN", "PER")),
    # recognition: 054 (+6.0); the state that recognises to the recognised, as a verb and as "recognition of Y by X"
    ("Norway recognised the independence of Slovenia on 15 January 1992.", "recognition",
     ("054", "05", 6.0, 1, "NOR", "SVN")),
    ("The recognition of the Republic of Slovenia by Norway came on 15 January 1992.", "recognition",
     ("054", "05", 6.0, 1, "NOR", "SVN")),
    # a signing is symmetric: 057 (+8.0), no direction
    ("The ministers of Ghana and Peru signed an agreement on fisheries in Accra on 3 June 2020.", "agreement",
     ("057", "05", 8.0, 1, None, None)),
    # relations severed: 161 (-4.0), material conflict; symmetric
    ("Chile and Bolivia severed diplomatic relations on 17 March 1978.", "diplomatic_relations",
     ("161", "16", -4.0, 4, None, None)),
    # a call: 041 Discuss by telephone (+1.0)
    ("The presidents of Ghana and Peru held telephone talks on 3 May 2021.", "meeting",
     ("041", "04", 1.0, 1, None, None)),
    # a joint exercise: 062 Cooperate militarily (+7.4), material cooperation
    ("The navies of Peru and Ecuador held joint exercises off Guayaquil on 3-6 June 2023.", "military_exercise",
     ("062", "06", 7.4, 2, None, None)),
    # one state's exercise: 152 (-7.2), material conflict; that state acts, on no one
    ("The Chilean army held exercises in the Atacama desert on 4-8 May 2023.", "military_exercise",
     ("152", "15", -7.2, 4, "CHL", None)),
    # an anniversary: 017 Engage in symbolic act (0.0)
    ("Peru and Chile marked the 50th anniversary of their border treaty on 3 May 2022.", "anniversary",
     ("017", "01", 0.0, 1, None, None)),
    # a new air link: 061 Cooperate economically (+6.4)
    ("Direct flights between Peru and Kenya resumed in April 2022.", "other", ("061", "06", 6.4, 2, None, None)),
])
def test_an_event_gets_its_cameo_code_and_direction(body, event_type, want):
    rows = [r for r in _events(body) if r["event_type"] == event_type]
    assert rows, _events(body)
    got = tuple(rows[0][c] for c in _COLUMNS)
    assert got == want


def test_aid_goes_from_the_donor_to_the_recipient():
    # "sent ... to Nepal": Norway, named before the verb, gives; the aid is 070 Provide aid (+7.0), quad 2
    rows = [r for r in _events("Norway sent relief goods and tents to Nepal on 3 May 2015.")
            if r["event_type"] == "aid"]
    assert [(r["source_country"], r["target_country"], r["cameo_code"], r["goldstein"], r["quad_class"])
            for r in rows] == [("NOR", "NPL", "070", 7.0, 2)]


@pytest.mark.parametrize("body", [
    # two states as one subject: the support is theirs together, not one's for the other
    "Norway and Chile supported the regional climate initiative on 3 May 2021.",
    # both ways
    "Norway and Chile supported each other's candidacies on 3 May 2021.",
])
def test_a_joint_or_mutual_act_has_no_direction(body):
    rows = [r for r in _events(body) if r["event_type"] == "support"]
    assert rows and all(r["source_country"] is None and r["target_country"] is None for r in rows)
    assert all(r["cameo_code"] == "051" and r["goldstein"] == 3.4 for r in rows)


def test_talks_during_a_visit_go_as_the_visit():
    body = ("Kenyan President William Ruto paid a state visit to Peru on 3 June 2024. During the visit, Ruto held "
            "talks with Peruvian President Dina Boluarte. The talks covered mining.")
    meetings = [r for r in _events(body) if r["event_type"] == "meeting"]
    assert [(r["cameo_code"], r["source_country"], r["target_country"]) for r in meetings] == [("042", "KEN", "PER")]


@pytest.mark.parametrize("etype, variant, status, code", [
    ("visit", "", "occurred", "042"), ("visit", "", "ongoing", "042"), ("visit", "", "planned", "036"),
    ("visit", "", "cancelled", "036"), ("meeting", "third_party", "occurred", "044"),
    ("agreement", "", "planned", "032"), ("aid", "", "planned", "033"), ("cultural", "", "planned", "031"),
    ("diplomatic_relations", "severed", "planned", "161"), ("resolution", "", "planned", "010"),
    ("conflict", "", "occurred", None), ("other", "", "occurred", None), ("other", "partnership", "occurred", "050"),
])
def test_the_crosswalk_by_type_case_and_status(etype, variant, status, code):
    got = cameo_of(crosswalk_case(etype, variant).cameo, status)
    assert (got.code if got else None) == code


def test_goldstein_values_and_quad_classes_are_the_published_ones():
    # GDELT's CAMEO.goldsteinscale.txt and QuadClass, read off by hand for a few codes
    assert {c: CAMEO[c].goldstein for c in ("042", "036", "057", "070", "152", "161")} == {
        "042": 1.9, "036": 4.0, "057": 8.0, "070": 7.0, "152": -7.2, "161": -4.0}
    assert [quad_class_of(r) for r in ("01", "05", "06", "09", "10", "14", "15", "20")] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert all(-10 <= c.goldstein <= 10 and c.code.startswith(c.root) for c in CAMEO.values())
    used = {case.cameo for codes in EVENT_CROSSWALK.values() for case in codes.values()} - {None}
    assert used <= set(CAMEO)


def test_the_checks_tie_the_cameo_columns_and_the_direction_together():
    df = pd.DataFrame({"cameo_code": ["042", "042", "057", None, None],
                       "cameo_root": ["04", "04", "04", None, "04"],
                       "goldstein": [1.9, 2.8, 8.0, None, None], "quad_class": [1, 1, 1, None, None]})
    assert cameo_agrees(df).tolist() == [True, False, False, True, False]
    df = pd.DataFrame({"source_country": ["KEN", "KEN", "KEN", None, None, "CHL"],
                       "target_country": ["PER", "KEN", "NOR", None, "PER", None],
                       "countries": [["KEN", "PER"]] * 5 + [["CHL"]]})
    assert direction_in_countries(df).tolist() == [True, False, False, True, False, True]


def test_the_codebook_and_datapackage_carry_the_columns_and_the_crosswalk():
    codebook = render_codebook()
    section = codebook.split("### Crosswalk", 1)[1]
    assert "042 Make a visit (+1.9, quad 1)" in section and "036 Express intent to meet or negotiate" in section
    assert "CAMEO.goldsteinscale.txt" in section
    for etype, codes in EVENT_CROSSWALK.items():
        assert section.count(f"| `{etype}` |") == len(codes)
    fields = {f["name"]: f for f in schema_descriptor("events")["fields"]}
    assert fields["quad_class"]["type"] == "integer" and fields["quad_class"]["constraints"]["enum"] == [1, 2, 3, 4]
    assert fields["goldstein"]["constraints"]["minimum"] == -10 and fields["goldstein"]["constraints"]["maximum"] == 10
    assert "042" in fields["cameo_code"]["constraints"]["enum"]
    assert fields["source_country"]["type"] == "string" and fields["target_country"]["type"] == "string"
    consolidated = {f["name"] for f in schema_descriptor("events_consolidated")["fields"]}
    assert set(_COLUMNS) <= consolidated
