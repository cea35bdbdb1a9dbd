"""Bytes to text: a few invalid bytes in UTF-8 are replaced and counted; a file that is mostly invalid
UTF-8 is another encoding, detected."""
import pytest

from pipeline.io import ingest
from pipeline.io.decoding import MAX_INVALID_UTF8_SHARE, decode_bytes, invalid_utf8_share

# Made-up sentences with the letters each case needs.
NAMES = ("Prime Minister Viktor Orbán of Hungary met President Andrzej Duda in Gdańsk and Kraków; "
         "the Czech envoy, Tomáš Petříček, joined them on Tuesday. ")
LATIN = "Der Präsident traf in Köln den Außenminister. „Großartig“, sagte er über die Gespräche. "
CYRILLIC = "Президент встретился в Москве с иностранной делегацией и обсудил вопросы торговли. "
JAPANESE = "首相は本日東京で外国の代表団と会談し、経済協力や文化交流について意見を交換した。"
CHINESE = "国务院总理今天在北京会见了来访的外国代表团，双方就经济贸易合作深入交换了意见。"


def _damage(data: bytes, where: list[int], bad: list[bytes]) -> bytes:
    """`data` with the bytes `bad` inserted at the ASCII positions `where` (from the end first)."""
    for at, b in sorted(zip(where, bad), reverse=True):
        assert data[at] < 128
        data = data[:at] + b + data[at:]
    return data


UTF8 = (NAMES * 3).encode()
# (case, bytes, encoding (None: another, any name), bytes replaced, at which byte the first is, text)
CASES = [
    ("three bad bytes in UTF-8", _damage(UTF8, [10, 110], [b"\xff", b"\xfe\x80"]), "utf-8", 3, 10, None),
    ("one stray continuation byte", _damage(UTF8, [50], [b"\x9c"]), "utf-8", 1, 50, None),
    ("a lead byte without its continuation", _damage(UTF8, [200], [b"\xe2\x80"]), "utf-8", 2, 200, None),
    ("bad bytes after a byte-order mark", b"\xef\xbb\xbf" + _damage(b"plain words " * 20, [30], [b"\xff\xff"]),
     "utf-8-sig", 2, 33, None),
    ("clean UTF-8", UTF8, "utf-8", 0, None, NAMES * 3),
    ("cp1252, every byte above 127 invalid", (LATIN * 3).encode("cp1252"), "cp1252", 0, None, LATIN * 3),
    ("ASCII with a Windows apostrophe", b"The minister\x92s visit was short and it went well for both sides.",
     "cp1252", 0, None, "The minister\u2019s visit was short and it went well for both sides."),
    ("Cyrillic in windows-1251", (CYRILLIC * 3).encode("cp1251"), None, 0, None, CYRILLIC * 3),
    ("Japanese in Shift JIS", (JAPANESE * 3).encode("shift_jis"), None, 0, None, JAPANESE * 3),
    ("Chinese in GBK", (CHINESE * 3).encode("gbk"), None, 0, None, CHINESE * 3),
]


@pytest.mark.parametrize("case, data, encoding, replaced, first, text", CASES, ids=[c[0] for c in CASES])
def test_bytes_are_decoded_as_what_they_are(case, data, encoding, replaced, first, text):
    decoded = decode_bytes(data)
    if encoding is None:
        assert not decoded.encoding.startswith("utf")
    else:
        assert decoded.encoding == encoding
    said = [r for r in decoded.repairs if "U+FFFD" in r]
    if not replaced:
        assert not said and "\ufffd" not in decoded.text
    else:
        what = "byte that is" if replaced == 1 else "bytes that are"
        assert said == [f"{replaced} {what} not valid UTF-8 replaced with U+FFFD (the first at byte {first})"]
        # only the bad bytes are gone: everything else is the UTF-8 text, names and all
        assert decoded.text.replace("\ufffd", "") == data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "ignore")
        assert not any("ftfy" in r or "charset" in r for r in decoded.repairs)
    if text is not None:
        assert decoded.text == text


SHARES = [
    # (bytes, share of the bytes above 127 that are invalid UTF-8)
    (b"plain ASCII", 0.0),
    ("caf\u00e9".encode(), 0.0),
    ("caf\u00e9".encode() + b"\xff", 1 / 3),
    ("caf\u00e9".encode("latin-1"), 1.0),
    (b"\xff\xfe\x80" + "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9".encode(), 3 / 15),
]


@pytest.mark.parametrize("data, share", SHARES)
def test_the_share_of_invalid_bytes(data, share):
    assert invalid_utf8_share(data) == pytest.approx(share)


def test_the_threshold_lies_between_damaged_utf8_and_legacy_encodings():
    damaged = _damage(UTF8, [10, 110], [b"\xff", b"\xfe\x80"])
    assert invalid_utf8_share(damaged) <= MAX_INVALID_UTF8_SHARE
    for text, enc in [(LATIN, "cp1252"), (CYRILLIC, "cp1251"), (JAPANESE, "shift_jis"), (JAPANESE, "euc_jp"),
                      (CHINESE, "gbk"), (NAMES, "cp1250")]:
        assert invalid_utf8_share((text * 3).encode(enc)) > MAX_INVALID_UTF8_SHARE, enc


def test_an_article_with_a_few_bad_bytes_keeps_its_names_and_says_how_many_were_replaced():
    raw = b"Talks in Budapest\n\n" + _damage(UTF8, [10, 110], [b"\xff", b"\xfe\x80"])
    article = ingest.parse_article(raw, "damaged.txt")
    assert article.encoding == "utf-8"
    assert "Viktor Orbán" in article.text and "Petříček" in article.text and "Ã" not in article.text
    assert article.text.count("\ufffd") == 3  # one per invalid sequence: \xfe and \x80 are one each
    assert article.repairs == ["3 bytes that are not valid UTF-8 replaced with U+FFFD (the first at byte 29)"]
