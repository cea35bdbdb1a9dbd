"""Header parsing on different layouts: breadcrumb, date line, bylines, footer."""
import datetime as dt

import pytest

from pipeline.io import header
from tests.unit import lexicon_examples
from pipeline.io.ingest import decode, normalise, parse_article

BODY = ("Valdoria and Ostrenland signed a memorandum of understanding on fisheries in Port Meren in 2014, "
        "the two governments said in a joint statement on Monday.")


def test_breadcrumb_date_and_bylines():
    raw = (f"Harbour.Gazette » Politics » Valdoria-Ostrenland ties: a ferry link after 30 years\n"
           f"04 October 2022 [13:00] - Harbour.Gazette\n\n\nBy Meren Wire\n\nBy Lena Vik\n\n{BODY}\n\n\n\n"
           f"Copyright © Harbour.Gazette").encode()
    a = parse_article(raw, "x.txt")
    assert (a.outlet, a.section, a.published_date) == ("Harbour.Gazette", "Politics", dt.date(2022, 10, 4))
    assert a.title == "Valdoria-Ostrenland ties: a ferry link after 30 years"
    assert (a.authors, a.agency) == (["Lena Vik"], "Meren Wire")
    assert a.text == BODY


def test_title_published_line_with_two_authors():
    raw = (f"Valdoria and Ostrenland revive ferry talks\nPublished: 2023-05-17 09:30 | By Ola Berg and Sara Lind\n"
           f"Lakeside Review / Energy & Diplomacy\n\n{BODY}").encode()
    a = parse_article(raw, "k.txt")
    assert a.published_date == dt.date(2023, 5, 17)
    assert a.authors == ["Ola Berg", "Sara Lind"]
    assert (a.outlet, a.section) == ("Lakeside Review", "Energy & Diplomacy")
    assert a.title == "Valdoria and Ostrenland revive ferry talks"


@pytest.mark.parametrize("first, title", [
    # a long headline in capitals (a communique's own heading) is the title
    ("JOINT COMMUNIQUE ON THE STATE VISIT OF THE PRESIDENT OF VALDORIA TO OSTRENLAND, 3-5 MARCH 2023",
     "JOINT COMMUNIQUE ON THE STATE VISIT OF THE PRESIDENT OF VALDORIA TO OSTRENLAND, 3-5 MARCH 2023"),
    # counter-example: a short line in capitals is a section label
    ("WORLD NEWS", None),
])
def test_a_long_headline_in_capitals_is_the_title_a_short_one_a_label(first, title):
    a = parse_article(f"{first}\n\n{BODY}".encode(), "c.txt")
    assert (a.title, a.text) == (title, BODY)


def test_numeric_date_and_author_line():
    raw = f"Home / News / Region / Port Meren and Valdoria lawmakers sign memorandum\n14.05.2019 | 16:02\nAuthor: Ana Tora\n\n{BODY}"
    a = parse_article(raw.encode(), "s.txt")
    assert a.published_date == dt.date(2019, 5, 14)
    assert a.authors == ["Ana Tora"]
    assert a.title == "Port Meren and Valdoria lawmakers sign memorandum"


def test_a_web_address_in_a_byline_is_not_a_person():
    raw = f"Ferry talks resume\nBy Lakeside.example Reporter\n\n{BODY}"
    a = parse_article(raw.encode(), "w.txt")
    assert (a.authors, a.agency) == ([], "Lakeside.example Reporter")


def test_no_header_keeps_whole_text():
    a = parse_article(BODY.encode(), "n.txt")
    assert a.text == BODY and a.published_date is None and a.title is None


def test_decode_boms_and_fallback():
    assert decode("é".encode("utf-8-sig"))[0] == "é"
    assert decode("é".encode("utf-16"))[0] == "é"
    text, enc = decode("The café in Gänserndorf hosted the délégation – “twice”.".encode("cp1252"))
    assert text == "The café in Gänserndorf hosted the délégation – “twice”." and enc == "cp1252"


def test_normalise():
    assert normalise("a\u00a0b\r\nc\u200b") == "a b\nc"
    assert normalise("e\u0301") == "\u00e9"


def test_same_bytes_same_id():
    a, b = parse_article(BODY.encode(), "a.txt"), parse_article(BODY.encode(), "b.txt")
    assert a.article_id == b.article_id


LONG_TITLE = ("Harbour ministers of Valdoria and Ostrenland agree on a ferry link, a joint coast guard and a fisheries "
              "accord after two days of talks in Port Meren")
BODY2 = ("The foreign ministers of Valdoria and Ostrenland met in Port Meren for two days of talks, their offices said.\n\n"
         "They agreed to open a ferry link next spring.")
FOOTER = "\n\n© 2021 The Daily Example. All rights reserved."

# (name, raw text, expected header fields, expected body); a field not listed is not checked
LAYOUTS = [
    ("date line directly followed by body", f"12 March 2021\n{BODY2}",
     {"published_date": dt.date(2021, 3, 12), "title": None}, BODY2),
    ("weekday date line directly followed by body", f"Tuesday, 21. June 2011\n{BODY2}",
     {"published_date": dt.date(2011, 6, 21)}, BODY2),
    ("title, date line, body without blank lines", f"Valdoria and Ostrenland agree on a ferry link\n12 March 2021 10:42\n{BODY2}",
     {"title": "Valdoria and Ostrenland agree on a ferry link", "published_date": dt.date(2021, 3, 12)}, BODY2),
    ("title over 120 characters", f"{LONG_TITLE}\n\n12 March 2021\n\n{BODY2}",
     {"title": LONG_TITLE, "published_date": dt.date(2021, 3, 12)}, BODY2),
    ("title over 120 characters then a byline", f"{LONG_TITLE}\nBy Jane Roe\n\n{BODY2}",
     {"title": LONG_TITLE, "authors": ["Jane Roe"]}, BODY2),
    ("Home | World breadcrumb, outlet from the copyright line",
     f"Home | World | Europe\nValdoria and Ostrenland agree on a ferry link\n\n{BODY2}{FOOTER}",
     {"outlet": "The Daily Example", "section": "World", "title": "Valdoria and Ostrenland agree on a ferry link"},
     BODY2),
    ("byline with an updated timestamp", f"Ferry link agreed\nBy Jane Roe | Updated: 12 Mar 2021, 10:42 IST\n\n{BODY2}",
     {"authors": ["Jane Roe"], "agency": None, "published_date": dt.date(2021, 3, 12), "title": "Ferry link agreed"},
     BODY2),
    ("byline and a relative timestamp",
     f"Valdoria and Ostrenland agree on a ferry link\nBy Amara Osei\nPublished 3 hours ago\n\n{BODY2}",
     {"authors": ["Amara Osei"], "published_date": None, "outlet": None,
      "title": "Valdoria and Ostrenland agree on a ferry link"}, BODY2),
    ("outlet from a URL line",
     f"https://www.northwind-chronicle.example/world/2021/03/12/ferry-link\nValdoria and Ostrenland agree on a ferry "
     f"link\n\n{BODY2}",
     {"outlet": "northwind-chronicle.example", "url": "https://www.northwind-chronicle.example/world/2021/03/12/ferry-link",
      "title": "Valdoria and Ostrenland agree on a ferry link"}, BODY2),
    ("menu furniture is not the outlet",
     f"Navigation and service\nSkip to main content\nLakeside Observer\nValdoria and Ostrenland agree on a ferry link\n"
     f"Share\n\n{BODY2}",
     {"outlet": "Lakeside Observer", "title": "Valdoria and Ostrenland agree on a ferry link"}, BODY2),
    ("headline | site name", f"Valdoria and Ostrenland agree on a ferry link | Lakeside Observer\n\n{BODY2}",
     {"outlet": "Lakeside Observer", "title": "Valdoria and Ostrenland agree on a ferry link"}, BODY2),
    ("a bare separator is not the outlet", f"|\nValdoria and Ostrenland agree on a ferry link\n\n{BODY2}",
     {"outlet": None, "title": "Valdoria and Ostrenland agree on a ferry link"}, BODY2),
    ("section breadcrumb first is a section", f"World / Europe\nValdoria and Ostrenland agree on a ferry link\n\n{BODY2}",
     {"outlet": None, "section": "World"}, BODY2),
    ("US timestamp: numeric date month-first", f"Ferry link agreed\n03/12/2021 10:42 AM ET\n\n{BODY2}",
     {"published_date": dt.date(2021, 3, 12)}, BODY2),
    ("ambiguous numeric date is not guessed", f"Ferry link agreed\n03/12/2021\n\n{BODY2}",
     {"published_date": None, "title": "Ferry link agreed"}, BODY2),
    ("date line below a standfirst",
     f"Valdoria and Ostrenland agree on a ferry link\n{LONG_TITLE}.\nNews - 2021.03.12\n{BODY2}",
     {"published_date": dt.date(2021, 3, 12), "title": "Valdoria and Ostrenland agree on a ferry link"},
     f"{LONG_TITLE}.\nNews - 2021.03.12\n{BODY2}"),
    ("no header at all", BODY2, {"title": None, "outlet": None, "published_date": None, "authors": []}, BODY2),
    ("no header, a body that starts with a heading", f"Background\n{BODY2}",
     {"title": None, "outlet": None}, f"Background\n{BODY2}"),
    ("no header, first sentence short and dated", f"The talks were held on 12 March 2021.\n{BODY2}",
     {"published_date": None}, f"The talks were held on 12 March 2021.\n{BODY2}"),
]


@pytest.mark.parametrize("name,raw,want,body", LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_layouts(name, raw, want, body):
    a = parse_article(raw.encode(), "layout.txt")
    assert {k: getattr(a, k) for k in want} == want
    assert a.text == body


@pytest.mark.parametrize("line,furniture", [
    ("Navigation and service", True), ("Skip to main content", True), ("Share this article", True),
    ("Listen to this article 4 min", True), ("Facebook Twitter WhatsApp", True), ("Accept all cookies", True),
    ("Freedom of navigation talks held in Port Meren", False), ("Listen carefully, Ostrenland tells Valdoria", False),
    ("Cookie exports from Valdoria rise", False),
])
def test_page_furniture(line, furniture):
    assert bool(header._CHROME.match(line)) is furniture


# What each word list of pipeline/rules/header.yaml does, as a check on its examples and counter-examples.
_LEXICON_CHECKS = {
    "languages": lambda line: header._read_header([line]) == header.Header(),  # a switcher: nothing read
    "generic_crumbs": lambda line: header._read_header([line]).outlet is None,
    "sections": lambda line: header._read_header([line]).outlet is None,
    "organisation_words": lambda name: not header._is_person(name),
    "person_name_particles": header._is_person,
    "outlet_name_particles": lambda line: header._name_like(line.split()),
    "us_time_zones": lambda line: header._header_date(line) == dt.date(2021, 3, 12),  # month-first
}


@pytest.mark.parametrize("name, text, expected", lexicon_examples.cases("header", _LEXICON_CHECKS))
def test_header_word_lists_read_their_examples(name, text, expected):
    assert _LEXICON_CHECKS[name](text) is expected
