"""Header parsing on different layouts: breadcrumb, date line, bylines, footer."""
import datetime as dt

from pipeline.ingest import decode, normalise, parse_article

BODY = ("Azerbaijan and Pakistan signed a memorandum of understanding on military cooperation in Islamabad in 2014, "
        "the two governments said in a joint statement on Monday.")


def test_breadcrumb_date_and_bylines():
    raw = (f"Today.Az » Politics » Azerbaijan-Pakistan ties: 30 years on the path\n04 October 2022 [13:00] - Today.Az\n\n\n"
           f"By Azernews\n\nBy Vugar Khalilov\n\n{BODY}\n\n\n\nCopyright © Today.Az").encode()
    a = parse_article(raw, "x.txt")
    assert (a.outlet, a.section, a.published_date) == ("Today.Az", "Politics", dt.date(2022, 10, 4))
    assert a.title == "Azerbaijan-Pakistan ties: 30 years on the path"
    assert (a.authors, a.agency) == (["Vugar Khalilov"], "Azernews")
    assert a.text == BODY


def test_title_published_line_with_two_authors():
    raw = (f"Turkmenistan and Pakistan revive TAPI talks\nPublished: 2023-05-17 09:30 | By Aman Orazov and Sara Qureshi\n"
           f"Kopetdag Review / Energy & Diplomacy\n\n{BODY}").encode()
    a = parse_article(raw, "k.txt")
    assert a.published_date == dt.date(2023, 5, 17)
    assert a.authors == ["Aman Orazov", "Sara Qureshi"]
    assert (a.outlet, a.section) == ("Kopetdag Review", "Energy & Diplomacy")
    assert a.title == "Turkmenistan and Pakistan revive TAPI talks"


def test_numeric_date_and_author_line():
    raw = f"Home / News / Region / Baku and Tashkent lawmakers sign memorandum\n14.05.2019 | 16:02\nAuthor: Timur Rashidov\n\n{BODY}"
    a = parse_article(raw.encode(), "s.txt")
    assert a.published_date == dt.date(2019, 5, 14)
    assert a.authors == ["Timur Rashidov"]
    assert a.title == "Baku and Tashkent lawmakers sign memorandum"


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
