"""The slot filler: who, where, when and whether, read around a trigger, on sentences written for these tests."""
import copy
import dataclasses
import datetime as dt

import pytest

from pipeline.nlp.annotate import load_nlp
from pipeline.extract import slots
from pipeline.extract.context import build_context
from pipeline.extract.doc_index import sentences
from pipeline.extract.documents import build_documents
from pipeline.extract.events import build_events
from pipeline.extract.rows import records
from pipeline.extract.trade import build_trade
from pipeline.extract.visits import build_visits
from pipeline.io.ingest import Article

PUBLISHED = dt.date(2024, 9, 12)  # a Thursday


def _ctx(body: str):
    art = Article(article_id="art_test", source_path="t.txt", sha256="0" * 64, text=body,
                  published_date=PUBLISHED, language="en")
    return build_context(art, load_nlp()(art.text))


def _fill(body: str, word: str):
    """The slots of the last token `word` of the text (a noun takes its verb as the trigger)."""
    ctx = _ctx(body)
    tok = [t for t in ctx.doc if t.text == word][-1]
    noun = tok if tok.pos_ == "NOUN" else None
    trigger = tok.head if noun is not None and tok.head.pos_ in ("VERB", "AUX") else tok
    return slots.fill(ctx, trigger, noun)


# (text, trigger word, people as (name, country), places as ISO3, date start, status)
CASES = [
    # subject, object, the trigger's own date
    ("Kenyan President Amara Odhiambo visited Peru on 3 May 2023.", "visited",
     [("Amara Odhiambo", "KEN")], ["PER"], dt.date(2023, 5, 3), "occurred"),
    # possessive on a visit noun; the noun's own phrase dates it; "postponed" negates it
    ("Bolivian President Luis Arce's visit to Quito in June 2022 was postponed.", "visit",
     [("Luis Arce", "BOL")], ["ECU"], dt.date(2022, 6, 1), None),
    # "the premier's visit" refers back to the premier named before
    ("Bolivian Premier Ana Quispe spoke on Monday. The premier's visit to Quito in June 2022 was delayed.", "visit",
     [("Ana Quispe", "BOL")], ["ECU"], dt.date(2022, 6, 1), "occurred"),
    # agent of a passive, a city after "in"
    ("The accord was signed by Estonian Foreign Minister Kaja Lind in Tallinn.", "signed",
     [("Kaja Lind", "EST")], ["EST"], None, "occurred"),
    # coordinated subjects, a weekday in the past
    ("Finnish President Aino Virtanen and Latvian Prime Minister Juris Ozols signed the pact in Riga on Monday.",
     "signed", [("Aino Virtanen", "FIN"), ("Juris Ozols", "LVA")], ["LVA"], dt.date(2024, 9, 9), "occurred"),
    # "the Chilean capital" is Santiago
    ("Ghanaian Foreign Minister Kwame Mensah travelled to the Chilean capital last week.", "travelled",
     [("Kwame Mensah", "GHA")], ["CHL"], dt.date(2024, 9, 2), "occurred"),
    # coordinated destinations, planned
    ("Malian President Ibrahim Keita will travel to Ghana and Togo next week.", "travel",
     [("Ibrahim Keita", "MLI")], ["GHA", "TGO"], dt.date(2024, 9, 16), "planned"),
    # "by X" after a nominal
    ("The visit by Slovak President Zuzana Kova to Vienna ended on 4 March 2022.", "visit",
     [("Zuzana Kova", "SVK")], ["AUT"], dt.date(2022, 3, 4), "occurred"),
    # a pronoun refers back to the person named before the sentence
    ("Norwegian Prime Minister Erna Dahl met Kenyan officials. She travelled to Nairobi on Tuesday.", "travelled",
     [("Erna Dahl", "NOR")], ["KEN"], dt.date(2024, 9, 10), "occurred"),
    # "the prime minister" refers back to the last person with that title
    ("Norwegian Prime Minister Erna Dahl spoke on Monday. The prime minister arrived in Nairobi on Tuesday.",
     "arrived", [("Erna Dahl", "NOR")], ["KEN"], dt.date(2024, 9, 10), "occurred"),
    # a bare surname is the full name mentioned before
    ("Kenyan President Amara Odhiambo visited Peru. Odhiambo then travelled to Chile on 5 May 2023.", "travelled",
     [("Amara Odhiambo", "KEN")], ["CHL"], dt.date(2023, 5, 5), "occurred"),
    # a short name that is a later word of one full name mentioned before
    ("Mozambican President Joaquim Alberto Nuvunga Mabote visited Chile. Nuvunga then travelled to Peru on "
     "5 May 2023.", "travelled", [("Joaquim Alberto Nuvunga Mabote", "MOZ")], ["PER"], dt.date(2023, 5, 5),
     "occurred"),
    # "the Gulf state" is the state named before
    ("Qatar bought more copper this year. Peruvian firms shipped copper to the Gulf state in 2023.", "shipped",
     [], ["QAT"], dt.date(2023, 1, 1), "occurred"),
    # negation
    ("The Moroccan minister will not travel to Senegal next month.", "travel", [], ["SEN"], dt.date(2024, 10, 1), None),
    # "visiting X": the person named after the adjective, placed where the clause happens
    ("Visiting Zambian President John Phiri met Peruvian officials in Lima on Monday.", "Visiting",
     [("John Phiri", "ZMB")], ["PER"], dt.date(2024, 9, 9), "occurred"),
    # "the visit of X to Y" (the parser hangs "to Y" from X)
    ("The visit of Kenyan President Amara Odhiambo to Peru ended on Friday.", "visit",
     [("Amara Odhiambo", "KEN")], ["PER"], dt.date(2024, 9, 6), "occurred"),
    # apposition to the subject
    ("The guest, Kenyan Foreign Minister Amara Odhiambo, arrived in Lima on Monday.", "arrived",
     [("Amara Odhiambo", "KEN")], ["PER"], dt.date(2024, 9, 9), "occurred"),
    # a meeting placed by its clause
    ("Estonian Foreign Minister Kaja Lind met her Latvian counterpart in Riga on 2 June 2021.", "met",
     [("Kaja Lind", "EST")], ["LVA"], dt.date(2021, 6, 2), "occurred"),
]


@pytest.mark.parametrize(("text", "word", "people", "places", "date", "status"), CASES,
                         ids=[c[0][:40] for c in CASES])
def test_slots(text, word, people, places, date, status):
    """People as (name, country), places as ISO3 codes, the date's start and the status a trigger gives."""
    found = _fill(text, word)
    assert [(p.name, p.country) for p in found.people] == people
    assert [p.iso3 for p in found.places] == places
    assert (found.date.date_start if found.date is not None else None) == date
    assert found.status == status
    assert found.negated == (status is None)


CLAUSES = [
    # each amount's clause; a clause without a state names it by an epithet
    ("Chile's exports to Peru were $5 million, while the exports of the Andean nation were $2 million.", "$2",
     "the exports of the Andean nation were $2 million.", "PER"),
    ("Chile exported $5 million to Peru, while Peru exported $2 million to Chile.", "$2",
     "Peru exported $2 million to Chile.", None),
    # one clause: the whole sentence
    ("Chile exported goods worth $5 million to Peru in 2021.", "$5",
     "Chile exported goods worth $5 million to Peru in 2021.", None),
]


@pytest.mark.parametrize(("text", "at", "clause", "stands_for"), CLAUSES)
def test_clause_of_an_amount(text, at, clause, stands_for):
    sent = sentences(_ctx(text).doc)[0]
    span, country = slots.clause_at(sent, text.index(at))
    assert span.text.strip() == clause
    assert country == stands_for


@pytest.mark.parametrize(("text", "items"), [
    ("copper, fish meal and the grapes (fresh)", ["copper", "fish meal", "grapes"]),
    ("energy or mining", ["energy", "mining"]),
    ("a very long list item that has far too many words, tea", ["tea"]),
])
def test_listed_items(text, items):
    assert slots.listed(text) == items


@pytest.mark.parametrize(("text", "main"), [
    ("The talks ended in May, after Chile refused to sign.", "The talks ended in May"),
    ("The embassy opened in 2019, which was welcomed.", "The embassy opened in 2019"),
    ("The embassy opened in 2019.", "The embassy opened in 2019."),
])
def test_main_clause(text, main):
    assert slots.main_clause(text) == main


ORDER_TEXT = (
    "Zambian President John Phiri arrived in Lima on 3 March 2024 for a two-day state visit. Phiri and "
    "Peruvian President Rosa Quispe signed an agreement on mining cooperation on 4 March 2024. He also met "
    "the Peruvian foreign minister. Trade between Zambia and Peru reached $90 million in 2023, and Peruvian "
    "exports to Zambia amounted to $30 million. The two countries established diplomatic relations in 1979.")


def _snapshot(ctx):
    return copy.deepcopy((ctx.people, ctx.pair, ctx.ranked, [(d.start, d.end, d.date_start) for d in ctx.dates]))


def test_extractors_are_pure_and_their_order_does_not_matter():
    ctx = _ctx(ORDER_TEXT)
    before = _snapshot(ctx)
    trade_first = build_trade(ctx)
    visits = build_visits(ctx)
    documents = build_documents(ctx, records(visits))
    events = build_events(ctx, visits, documents, trade_first)
    assert _snapshot(ctx) == before  # no extractor changed the index
    assert visits and documents and trade_first and events

    other = _ctx(ORDER_TEXT)
    visits2 = build_visits(other)
    documents2 = build_documents(other, records(visits2))
    trade2 = build_trade(other)
    assert (visits2, documents2, trade2) == (visits, documents, trade_first)
    assert build_events(other, visits2, documents2, trade2) == events
    assert build_visits(other) == visits  # a second run reads the same index
    with pytest.raises(dataclasses.FrozenInstanceError):
        other.pair = ("PER", "ZMB")  # type: ignore[misc]


@pytest.mark.parametrize(("text", "word", "title"), [
    ("Visiting Zambian President John Phiri met Peruvian officials in Lima on Monday.", "Visiting", "President"),
    ("The visit of Kenyan President Amara Odhiambo to Peru ended on Friday.", "visit", "President"),
])
def test_titles_leave_out_the_words_before_them(text, word, title):
    assert [p.title for p in _fill(text, word).people] == [title]


def test_people_index_refers_back_only():
    ctx = _ctx("Odhiambo spoke first. Kenyan President Amara Odhiambo visited Peru. Odhiambo left on Friday.")
    second = sentences(ctx.doc)[1]
    assert ctx.people.known("Odhiambo", second.start) is None  # the full name comes later
    full, info = ctx.people.known("Odhiambo", second.end)
    assert (full, info) == ("Amara Odhiambo", {"country": "KEN", "title": "President"})
    assert ctx.people.antecedent(sentences(ctx.doc)[2])["name"] == "Amara Odhiambo"
    assert ctx.people.antecedent(sentences(ctx.doc)[0]) is None


@pytest.mark.parametrize(("text", "verb", "expected"), [
    # a relative clause's future is not the signing's
    ("Chile and Peru signed four agreements, including a pact on a railway that will link both capitals.", "signed",
     "occurred"),
    ("Chile and Peru will sign four agreements.", "sign", "planned"),
    ("Chile and Peru did not sign the agreement.", "sign", None),
])
def test_status_of_the_triggers_own_clause(text, verb, expected):
    ctx = _ctx(text)
    tok = next(t for t in ctx.doc if t.text == verb)
    assert slots.status(sentences(ctx.doc)[0], tok) == expected


@pytest.mark.parametrize(("text", "preps", "iso3"), [
    ("Peru sold copper to the Republic of Korea and bought rice from Vietnam.", ("to",), ["KOR"]),
    ("Peru sold copper to the Republic of Korea and bought rice from Vietnam.", ("from",), ["VNM"]),
    ("Peru took a loan from the Kingdom of Spain with Chile.", ("from", "with"), ["ESP", "CHL"]),
])
def test_places_after_a_preposition(text, preps, iso3):
    sent = sentences(_ctx(text).doc)[0]
    assert [p.iso3 for p in slots.places_after(sent, preps)] == iso3


@pytest.mark.parametrize(("text", "verb", "subject"), [
    # a relative clause's "who" stands for the noun it hangs from
    ("Kenyan President Amara Odhiambo, who had travelled to Lima, met officials there.", "travelled", "Odhiambo"),
    # a verb without a subject takes its head verb's
    ("Ana Soto arrived in Quito and visited the port.", "visited", "Soto"),
])
def test_subjects_of_a_verb(text, verb, subject):
    ctx = _ctx(text)
    tok = next(t for t in ctx.doc if t.text == verb)
    assert [t.text for t in slots.subjects(tok)] == [subject]


@pytest.mark.parametrize(("text", "verb", "noun", "iso3"), [
    ("Chile was visited by Kenyan President Amara Odhiambo last week.", "visited", None, "CHL"),
    ("Kenyan President Amara Odhiambo is in Ghana for a state visit.", "is", "visit", "GHA"),
    # 'in' after a verb other than arrive / visit / be is not a destination
    ("Kenyan President Amara Odhiambo spoke in Ghana about the trip.", "spoke", None, None),
])
def test_destination_of_a_clause(text, verb, noun, iso3):
    ctx = _ctx(text)
    v = next(t for t in ctx.doc if t.text == verb)
    n = next(t for t in ctx.doc if t.text == noun) if noun else None
    found = slots.destination(v, n)
    assert (found.iso3 if found else None) == iso3


def test_place_by_reference_skips_the_avoided_country():
    ctx = _ctx("Ghana and Peru signed an accord. The Ghanaian minister later toured the country.")
    country = next(t for t in ctx.doc if t.text == "country")
    assert slots.place_by_reference(country).iso3 == "PER"
    assert slots.place_by_reference(country, avoid="PER").iso3 == "GHA"
