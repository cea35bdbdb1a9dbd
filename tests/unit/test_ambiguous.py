"""Ambiguous country names (Jordan, Chad, Niger, Georgia, Turkey...) are decided per mention from the words
around them and the NER's label, never dropped wholesale."""
import pytest

from pipeline.nlp import ambiguous_places
from pipeline.nlp.ambiguous_places import Mention, explain, resolve_ambiguous
from pipeline.nlp.annotate import _mention, load_nlp
from pipeline.extract.doc_index import place_of_entity
from pipeline.nlp.places import resolve


def _first_name_mention(text: str) -> Mention:
    doc = load_nlp()(text)
    i = next(t.i for t in doc if t.text in ambiguous_places.names())
    ents = [e for e in doc.ents if e.label_ != "COUNTRY"]  # the mention as the component saw it
    return _mention(doc, i, ents, [e.start for e in ents], {})


def _cue_cases():
    table = ambiguous_places.cues()
    for cue in table.common:
        yield pytest.param(None, cue, id=cue.name + ": " + cue.example)
    seen = set()
    for name in table.names.values():
        for cue in name.cues:
            if (cue.name, cue.example) not in seen:
                seen.add((cue.name, cue.example))
                yield pytest.param(name, cue, id=cue.name + ": " + cue.example)


@pytest.mark.parametrize("name,cue", list(_cue_cases()))
def test_every_cue_decides_its_example(name, cue):
    m = _first_name_mention(cue.example)
    entry = ambiguous_places.names()[m.name]
    iso3, rule = explain(m)
    assert rule == cue.name
    assert iso3 == ((cue.iso3 or entry.iso3) if cue.verdict == "country" else None)


def countries_of(text: str) -> list[tuple[str, str | None]]:
    """(ambiguous name, the ISO3 the extractors see for it, or None) for each such word in the text."""
    doc = load_nlp()(text)
    out = []
    for tok in doc:
        if tok.text not in ambiguous_places.names():
            continue
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        place = place_of_entity(ent) if ent is not None else None
        out.append((tok.text, place.iso3 if place is not None else None))
    return out


# Sentences written for these tests; people are invented.
SENTENCES = [
    ("The trade minister travelled to Niger on Tuesday.", [("Niger", "NER")]),
    ("Jordan's foreign minister met his counterpart in Cairo.", [("Jordan", "JOR")]),
    ("The talks with the Kingdom of Jordan ended on Friday.", [("Jordan", "JOR")]),
    ("French troops left their bases in Chad last year.", [("Chad", "TCD")]),
    ("The delegation visited Mali and Niger.", [("Mali", "MLI"), ("Niger", "NER")]),
    ("The pipeline will link Niger and Chad.", [("Niger", "NER"), ("Chad", "TCD")]),
    ("Egypt, Jordan and Iraq agreed on a power line.", [("Jordan", "JOR")]),
    ("Jordan will host the summit next year.", [("Jordan", "JOR")]),
    ("Ministers from Congo and Rwanda met in Luanda.", [("Congo", "COD")]),
    ("Dominica's prime minister attended the summit.", [("Dominica", "DMA")]),
    ("Dakar hosted leaders from Guinea and Senegal.", [("Guinea", "GIN")]),
    ("Turkey and Azerbaijan signed a memorandum.", [("Turkey", "TUR")]),
    ("Georgia's president met EU envoys in Tbilisi.", [("Georgia", "GEO")]),
    ("Exports to China rose sharply.", [("China", "CHN")]),
    ("Michael Jordan scored forty points.", [("Jordan", None)]),
    ("Chad Brenner said the band would tour in spring.", [("Chad", None)]),
    ("Chad said he would run again.", [("Chad", None)]),
    ("Georgia's governor signed the bill in Atlanta.", [("Georgia", None)]),
    ("Voters in Georgia elected a new senator.", [("Georgia", None)]),
    ("We ate roast Turkey at dinner.", [("Turkey", None)]),
    ("Fine China plates were sold at auction.", [("China", None)]),
    ("Guinea pigs are popular pets.", [("Guinea", None)]),
    ("Boats sailed down the Niger River.", [("Niger", None)]),
    ("Fishermen on Lake Chad reported low water.", [("Chad", None)]),
    ("Jordan Hale gave a lecture on Tuesday.", [("Jordan", None)]),
    ("The Congo River floods every year.", [("Congo", None)]),
    ("The University of Georgia won the game.", [("Georgia", None)]),
    ("The Communist Party of China Committee of China's Hunan Province sent a delegation.",
     [("China", "CHN"), ("China", "CHN")]),
    ("Ships patrolled the South China Sea.", [("China", None)]),
]


@pytest.mark.parametrize("text,want", SENTENCES, ids=[s[0] for s in SENTENCES])
def test_the_words_around_a_name_decide_it(text, want):
    assert countries_of(text) == want


def test_a_title_after_the_name_keeps_the_person_that_follows():
    doc = load_nlp()("Jordan Foreign Minister Karim Haddad met the envoy.")
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Jordan", "COUNTRY", "JOR") in found
    assert any(label == "PERSON" and "Haddad" in text for text, label, _ in found)


@pytest.mark.parametrize("mention,iso3", [
    (Mention("Niger", before=("travelled", "to")), "NER"),
    (Mention("Niger", label="PERSON"), "NER"),  # a name that is mostly the country keeps its prior
    (Mention("Chad", label="PERSON"), None),  # a name that is mostly a first name keeps its prior
    (Mention("Chad", label="GPE"), "TCD"),
    (Mention("Chad"), None),
    (Mention("Jordan", label="PERSON", entity_longer=True, entity_ends_here=True), None),
    (Mention("Jordan", label="ORG", entity_longer=True, entity_ends_here=False), None),
    (Mention("China", label="ORG", entity_longer=True, entity_ends_here=True), "CHN"),
    (Mention("Jordan", label="GPE", entity_longer=True, entity_ends_here=True, before=("kingdom", "of")), "JOR"),
    (Mention("Jordan", label="LOC", entity_longer=True, entity_ends_here=False, after=("river",)), None),
    (Mention("Jordan", label="PERSON", beside_country=True), "JOR"),
    (Mention("Georgia", label="GPE", after=("'s", "governor")), None),
    (Mention("Georgia", label="GPE", sentence=frozenset({"atlanta", "georgia"})), None),
    (Mention("Georgia", label="GPE", sentence=frozenset({"tbilisi", "atlanta"})), "GEO"),
    (Mention("Congo", sentence=frozenset({"brazzaville"})), "COG"),
    (Mention("Turkey", before=("a", "roast")), None),
    (Mention("Turkey"), "TUR"),
    (Mention("Paris"), None),
])
def test_resolve_ambiguous(mention, iso3):
    assert resolve_ambiguous(mention) == iso3


def test_out_of_context_only_names_that_are_mostly_the_country_resolve():
    assert (resolve("Niger"), resolve("Georgia"), resolve("Turkey"), resolve("Jordan"), resolve("Chad")) == \
        ("NER", "GEO", "TUR", None, None)
    assert (resolve("Kingdom of Jordan"), resolve("Republic of Congo"), resolve("DRC")) == ("JOR", "COG", "COD")


def test_every_name_has_a_country_and_a_prior():
    import pycountry

    for name in ambiguous_places.names().values():
        assert pycountry.countries.get(alpha_3=name.iso3) is not None
        assert name.prior in ("country", "other")
        assert all(c.example for c in name.cues)
