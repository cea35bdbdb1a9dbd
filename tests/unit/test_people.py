"""Names and titles of people, split from the words around them, and the roles titles map to."""
import datetime as dt

import pytest

from pipeline.io.ingest import Article
from pipeline.extract.article import process_article
from pipeline.nlp.titles import role_of


def _visitor(text: str) -> tuple[str, str | None]:
    art = Article(article_id="art_people", source_path="people.txt", sha256="0" * 64, text=text,
                  published_date=dt.date(2024, 9, 12), language="en")
    rows = process_article(art)["visits"]
    assert len(rows) == 1, rows
    return rows[0]["visitor_name"], rows[0]["visitor_title"]


@pytest.mark.parametrize("text, name, title", [
    ("Brazilian President Luiz Carlos da Costa visited Chile on 4 March 2024.", "Luiz Carlos da Costa", "President"),
    ("Saudi Crown Prince Faisal bin Khalid visited Egypt on 4 March 2024.", "Faisal bin Khalid", "Crown Prince"),
    ("Dutch Foreign Minister Anna van der Berg visited Chile on 4 March 2024.", "Anna van der Berg",
     "Foreign Minister"),
    ("Jordan's King Hussein II visited Iraq on 4 March 2024.", "Hussein II", "King"),
    ("Malaysian Prime Minister Datuk Seri Ahmad Razak visited Chile on 4 March 2024.", "Ahmad Razak",
     "Prime Minister"),
    ("Kenyan President Mr Daniel Odhiambo visited Chile on 4 March 2024.", "Daniel Odhiambo", "President"),
    ("South Korean Trade Minister Kim Dae-jung visited Chile on 4 March 2024.", "Kim Dae-jung", "Trade Minister"),
    ("In May 2024 Chile's new foreign minister Maria Soto visited Peru.", "Maria Soto", "Foreign Minister"),
])
def test_names_and_titles_are_split(text, name, title):
    assert _visitor(text) == (name, title)


def test_a_later_short_mention_carries_the_full_name():
    text = ("Saudi Crown Prince Faisal bin Khalid met the emir in Riyadh on 2 May 2024. "
            "Prince Faisal flew to Egypt on 4 May 2024.")
    art = Article(article_id="art_people", source_path="people.txt", sha256="0" * 64, text=text,
                  published_date=dt.date(2024, 9, 12), language="en")
    rows = [r for r in process_article(art)["visits"] if r["host_country"] == "EGY"]
    assert [r["visitor_name"] for r in rows] == ["Faisal bin Khalid"]


@pytest.mark.parametrize("title, role", [
    ("President of the Government", "head_of_government"),
    ("Prime Minister", "head_of_government"),
    ("President", "head_of_state"),
    ("Minister of Foreign Affairs", "foreign_minister"),
    ("Defence Minister", "minister"),
    ("Speaker of the Parliament", "parliament"),
    ("Deputy Prime Minister", "official"),
    (None, "other"),
])
def test_titles_map_to_roles(title, role):
    assert role_of(title) == role
