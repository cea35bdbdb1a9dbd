"""Documents: titles as written, packages and their members, organisations (example sentences written
for these tests, other names than any article)."""
import datetime as dt

import pytest

from pipeline.tables.assemble import assign_ids
from pipeline.extract.mentions import merge_facts
from pipeline.extract.rows import Fact
from pipeline.io.ingest import Article
from pipeline.extract.article import process_article

_PUBLISHED = dt.date(2024, 5, 10)


def _documents(text: str) -> list[dict]:
    art = Article(article_id="art_docs", source_path="docs.txt", sha256="0" * 64, text=text,
                  published_date=_PUBLISHED, language="en")
    return process_article(art)["documents"]


@pytest.mark.parametrize("text, titles", [
    ("Ghana and Togo initialled the Agreement on Cross-Border Trade on 9 July 2020.",
     ["Agreement on Cross-Border Trade"]),
    ("The MoU on fisheries was signed between Chile and Peru on 2 May 2023.", ["MoU on fisheries"]),
    ("Chile and Peru signed the treaty this morning.", ["treaty"]),
    ("Officials of Chile and Peru signed the historic agreement alongside the ministers of trade on 8 August 2023.",
     ["historic agreement"]),
    ("Chile and Peru sealed the general agreement for cooperation in energy, mining, science and culture, "
     "signed on 2 May 1999.", ["general agreement for cooperation in energy, mining, science and culture"]),
    ("Chile and Peru agreed to activate the security agreement between them, signed on 17 April 2001.",
     ["security agreement"]),
    ("It follows up on a contract Chile signed with Peru in 2019 for the first batch of trucks.", ["contract"]),
    ("The ministers of Chile and Peru signed an exchange of notes on the flood relief loan on 9 October 2020.",
     ["exchange of notes on the flood relief loan"]),
    ("Chile and Peru signed four MoUs on fisheries, higher education, customs and digital trade in Lima on "
     "3 June 2023.", ["four MoUs", "MoU on fisheries", "MoU on higher education", "MoU on customs",
                      "MoU on digital trade"]),
    ("Ghana and Togo signed the Agreement on Cooperation in the Field of Energy on 3 May 2022.",
     ["Agreement on Cooperation in the Field of Energy"]),
    ("Uruguay and Paraguay signed the Memorandum of Understanding on Migration in Asuncion on 3 May 2022.",
     ["Memorandum of Understanding on Migration"]),
    ("Ghana and Togo signed a memorandum on food security on 3 May 2022.", ["memorandum on food security"]),
    ("Uruguay and Paraguay recalled the Asuncion (2015 and 2019) and Montevideo (2017) declarations.",
     ["Asuncion Declaration", "Asuncion Declaration", "Montevideo Declaration"]),
    ("Ghana and Togo signed a package of 13 documents in Accra on 4 March 2023.", ["13 documents"]),
    ("Ghana and Togo signed the following documents on 4 March 2023:\n1. Agreement on Road Transport\n"
     "2. Protocol on Customs Cooperation", ["Agreement on Road Transport", "Protocol on Customs Cooperation"]),
])
def test_titles_are_the_names_as_written(text, titles):
    assert [r["title"] for r in _documents(text)] == titles


def test_members_are_linked_to_their_package():
    docs = _documents("Chile and Peru on Thursday signed five bilateral agreements, including a pact on building "
                      "a gas pipeline. The memorandum on fisheries was signed by the two ministers of agriculture.")
    assert [(d["title"], d.get("count"), d.get("_package_ref")) for d in docs] == [
        ("five bilateral agreements", 5, None), ("pact on building a gas pipeline", None, 0),
        ("memorandum on fisheries", None, 0)]
    rows = assign_ids("art_docs", {"documents": docs})["documents"]
    assert rows[1]["package_id"] == rows[2]["package_id"] == rows[0]["document_id"]


def test_members_beyond_the_count_are_not_linked():
    docs = _documents("In total, two agreements were signed between Chile and Peru on 5 May 2022. The first deal "
                      "covers fishing. The second deal involves the upgrade of border posts. The third deal concerns "
                      "mining.")
    assert [d.get("_package_ref") for d in docs if d.get("count") is None] == [0, 0, None]


def test_a_typed_package_link_follows_its_package_when_mentions_merge():
    base = {"doc_type": "agreement", "parties": ["CHL", "PER"], "date_start": None, "date_end": None,
            "status": "occurred", "issuer": None}
    facts = [Fact({**base, "char_start": 0, "title": "agreement on fishing"}, 0),
             Fact({**base, "char_start": 50, "title": "three agreements", "count": 3}, 55),
             Fact({**base, "char_start": 90, "title": "agreement on fishing"}, 95),
             Fact({**base, "char_start": 120, "title": "protocol on customs", "doc_type": "protocol"}, 125, package=1)]
    merged = merge_facts("documents", facts)
    assert [(f.row["title"], f.anchor, f.package) for f in merged] == [
        ("agreement on fishing", 0, None), ("three agreements", 55, None), ("protocol on customs", 125, 1)]
    assert merged[2].record()["_package_ref"] == 1 and "_package_ref" not in merged[0].record()


def test_documents_are_typed_facts_with_no_private_keys():
    from pipeline.nlp.annotate import annotate
    from pipeline.extract.context import build_context
    from pipeline.extract.documents import build_documents

    text = ("Chile and Peru signed four MoUs on fisheries, higher education, customs and digital trade in Lima on "
            "3 June 2023.")
    art = Article(article_id="art_docs", source_path="docs.txt", sha256="0" * 64, text=text,
                  published_date=_PUBLISHED, language="en")
    facts = build_documents(build_context(art, annotate(text)))
    assert [(f.row["title"], f.package) for f in facts] == [
        ("four MoUs", None), ("MoU on fisheries", 0), ("MoU on higher education", 0), ("MoU on customs", 0),
        ("MoU on digital trade", 0)]
    assert all(not k.startswith("_") for f in facts for k in f.row)


def test_an_intergovernmental_party_is_an_organisation_not_a_filled_state():
    [doc] = _documents("Chile and Peru are neighbours. The memorandum on fisheries was signed between the European "
                       "Union and Chile on 4 May 2017.")
    assert (doc["parties"], doc["organisations"]) == (["CHL"], ["European Union"])


def test_a_plain_signing_names_no_organisation():
    [doc] = _documents("Kenya and Uganda inked a memorandum on fisheries in Kampala on 4 March 2022.")
    assert doc["organisations"] == []


def test_a_page_that_is_a_joint_statement_is_one_row_titled_by_its_headline():
    text = ("On 3 March 2023, the President of Chile travelled to Lima, meeting the President of Peru.\n\n"
            "As a result of this visit, the presidents welcomed the progress of their border works.")
    art = Article(article_id="art_js", source_path="js.txt", sha256="0" * 64, text=text, language="en",
                  title="Joint Statement of the Presidents of Chile and Peru", published_date=None)
    docs = process_article(art)["documents"]
    assert [(d["title"], d["doc_type"], d["parties"], str(d["date_start"])) for d in docs] == [
        ("Joint Statement of the Presidents of Chile and Peru", "joint_statement", ["CHL", "PER"], "2023-03-03")]


def test_a_headline_without_a_joint_statement_gives_no_page_row():
    art = Article(article_id="art_js", source_path="js.txt", sha256="0" * 64, language="en",
                  text="On 3 March 2023, the President of Chile travelled to Lima, meeting the President of Peru.",
                  title="President of Chile visits Peru", published_date=None)
    assert process_article(art)["documents"] == []


_VISIT = "Ghana's president Nana Mensah paid a state visit to Togo from 6 to 8 May 2024."


@pytest.mark.parametrize("text, day", [
    # the signing sentence names which of the visit's days
    (_VISIT + " On the last day, 8 May, the visit ended and Ghana and Togo signed a memorandum on fisheries during "
     "the visit.", dt.date(2024, 5, 8)),
    # an earlier signing of the visit named the day; the later one "during the visit" is of that ceremony
    (_VISIT + "\nGhana and Togo signed four memorandums of understanding on Tuesday in Lome on the second day of "
     "the visit. Two of the agreements signed during the visit include a memorandum on fisheries.",
     dt.date(2024, 5, 7)),
    # the visit and the package share a sentence; a later signing carries the package's day, not the visit's days
    ("Ghana and Togo signed four memorandums of understanding on Tuesday in Lome on the second day of Ghanaian "
     "president Nana Mensah's state visit to Togo. A memorandum on fisheries was also signed by the two ministers "
     "of agriculture.", dt.date(2024, 5, 7)),
    (_VISIT + " During the visit, on 7 May, Ghana and Togo signed a memorandum on fisheries.", dt.date(2024, 5, 7)),
])
def test_a_signing_during_a_visit_takes_its_own_day(text, day):
    docs = _documents(text)
    assert docs and all((d["date_start"], d["date_end"]) == (day, day) for d in docs)


def test_a_signing_during_a_visit_with_no_day_of_its_own_takes_the_visit_s_days():
    docs = _documents(_VISIT + " Ghana and Togo signed a memorandum on fisheries during the visit.")
    assert [(d["date_start"], d["date_end"]) for d in docs] == [(dt.date(2024, 5, 6), dt.date(2024, 5, 8))]


def test_a_counted_list_heading_is_the_package_of_the_lines_under_it():
    docs = _documents("Ghana and Togo signed the following three documents on 4 March 2023:\n"
                      "1. Agreement on Road Transport\n2. Protocol on Customs Cooperation\n3. Memorandum on Fisheries")
    assert [(d["title"], d.get("count"), d.get("_package_ref"), str(d["date_start"])) for d in docs] == [
        ("three documents", 3, None, "2023-03-04"), ("Agreement on Road Transport", None, 0, "2023-03-04"),
        ("Protocol on Customs Cooperation", None, 0, "2023-03-04"), ("Memorandum on Fisheries", None, 0, "2023-03-04")]
    # the lines name no state and no date: parties from the article, the date from the heading
    assert all(set(d["inferred_fields"]) == {"parties", "date_start", "date_end"} for d in docs[1:])


@pytest.mark.parametrize("text, titles", [
    ("The ministers of Ghana and Togo praised the recently signed agreements on trade.", []),
    ("The ministers of Ghana and Togo praised the recently signed agreement on trade.",
     ["recently signed agreement on trade"]),
])
def test_a_participle_before_a_plural_describes_a_kind_not_one_signed_instrument(text, titles):
    assert [r["title"] for r in _documents(text)] == titles


@pytest.mark.parametrize("text, titles", [
    # the topics of a plural end where the next instrument of the list begins
    ("Namibia and Angola signed agreements on health, on visa waivers and on culture, and a memorandum on "
     "tourism in Windhoek on 3 June 2023.",
     ["agreement on health", "agreement on visa waivers", "agreement on culture", "memorandum on tourism"]),
    # a singular instrument after a set, and one followed by more, are listed, not an apposition
    ("During the visit of the Namibian president to Angola on 3-5 March 2023, the two sides signed agreements on "
     "road transport and on trade, a memorandum on mining and a protocol on consular affairs.",
     ["agreement on road transport", "agreement on trade", "memorandum on mining", "protocol on consular affairs"]),
    # the topics end at the clause's verb
    ("On 4 March 2023 the ministers of Namibia and Angola met in Luanda. On the same day, agreements on fisheries, "
     "mining and energy were signed.", ["agreement on fisheries", "agreement on mining", "agreement on energy"]),
    # counter-example: an instrument described by the one after its comma stays one
    ("Namibia and Angola signed the Kunene Accord, a framework agreement on water, on 3 May 2023.",
     ["Kunene Accord"]),
])
def test_a_list_of_instruments_gives_one_row_each_and_no_row_for_the_list_itself(text, titles):
    assert [r["title"] for r in _documents(text)] == titles


def test_a_page_headed_in_capitals_by_a_joint_communique_is_that_communique():
    from pipeline.io.ingest import parse_article
    raw = ("JOINT COMMUNIQUE ON THE STATE VISIT OF THE PRESIDENT OF GHANA TO KENYA, 3-5 MARCH 2023\n\n"
           "1. At the invitation of the President of Kenya, the President of Ghana paid a state visit to Kenya "
           "from 3 to 5 March 2023.\n\n2. The two presidents held talks on trade and security.")
    docs = process_article(parse_article(raw.encode(), "communique.txt"))["documents"]
    assert [(d["doc_type"], d["parties"], str(d["date_start"]), str(d["date_end"])) for d in docs] == [
        ("joint_statement", ["GHA", "KEN"], "2023-03-03", "2023-03-05")]


def test_memoranda_named_with_their_complement_list_one_per_topic():
    titles = [r["title"] for r in _documents(
        "On 4 May 2023, Ghana and Peru signed memoranda of understanding on mining, tourism and health.")]
    assert titles == ["memoranda of understanding on mining", "memoranda of understanding on tourism",
                      "memoranda of understanding on health"]


def test_a_verbless_bulleted_list_under_a_signed_heading_gives_one_row_per_item():
    rows = _documents("The agreements signed on 4 May 2023 by Ghana and Peru are:\n"
                      "• an MoU on customs cooperation;\n• a programme on vaccine research;\n"
                      "• an agreement on air services.")
    assert sorted((r["doc_type"], r["title"]) for r in rows) == [
        ("agreement", "agreement on air services"), ("memorandum", "MoU on customs cooperation"),
        ("programme", "programme on vaccine research")]
    assert {str(r["date_start"]) for r in rows} == {"2023-05-04"}
