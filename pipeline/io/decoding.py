"""Bytes to text: byte-order marks, UTF-8, a cut-off last character, a few invalid bytes in UTF-8
replaced, other encodings detected with charset-normalizer, and mojibake ("PrÃ¤sident") repaired
with ftfy. Every step that changed something is reported, so that `articles` can say what was done
to each file."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# DOS and Mac code pages that charset-normalizer sometimes prefers for short Western text.
_UNLIKELY = {"cp437", "cp737", "cp775", "cp850", "cp852", "cp855", "cp856", "cp857", "cp858", "cp860", "cp861",
             "cp862", "cp863", "cp864", "cp865", "cp866", "cp869", "mac_roman", "mac_latin2", "mac_cyrillic",
             "mac_greek", "mac_iceland", "mac_turkish"}
_CONTROL = {c for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {127}
_CONTROL_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROL)) + "]")
MAX_CONTROL_RATIO = 0.01
_MIN_TRUNCATED = 16  # a shorter file ending in a lead byte is more likely another encoding
# UTF-8 with a few damaged bytes, or another encoding? Text in a legacy encoding almost never forms
# valid multi-byte UTF-8 by chance: in single-byte code pages (cp1252, cp1250, cp1251, Greek, Hebrew,
# Arabic) all or nearly all bytes above 127 are invalid UTF-8, in the double-byte ones (Shift JIS,
# EUC-JP, GBK, Big5, EUC-KR) about 60-80%. A file where at most this share of the bytes above 127 is
# invalid is read as UTF-8, each invalid sequence replaced with U+FFFD and counted in `repairs`;
# above it the file is taken for another encoding and detected. A file with a UTF-8 byte-order mark
# is always read as UTF-8.
MAX_INVALID_UTF8_SHARE = 0.25
_ASCII = bytes(range(128))


class Undecodable(ValueError):
    """Bytes that are not text in any encoding we can tell."""


@dataclass
class Decoded:
    text: str
    encoding: str
    repairs: list[str] = field(default_factory=list)


def decode_bytes(data: bytes) -> Decoded:
    """Decode `data`; raise Undecodable for binary content."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _checked(_utf8(data[3:], "utf-8-sig"))
        except UnicodeDecodeError as exc:  # the mark says UTF-8, whatever the share of bad bytes
            return _checked(_utf8_replaced(data[3:], "utf-8-sig", first=exc.start + 3))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _checked(_repaired(Decoded(data.decode("utf-16"), "utf-16")))
        except UnicodeDecodeError as exc:
            raise Undecodable(f"UTF-16 byte-order mark but invalid UTF-16: {exc.reason}") from exc
    if b"\x00" in data:
        raise Undecodable("contains NUL bytes (binary data)")
    try:
        return _checked(_utf8(data, "utf-8"))
    except UnicodeDecodeError as exc:
        first = exc.start
    if invalid_utf8_share(data) <= MAX_INVALID_UTF8_SHARE:
        return _checked(_utf8_replaced(data, "utf-8", first))
    return _checked(_detected(data))


def invalid_utf8_share(data: bytes) -> float:
    """The share of the bytes above 127 that are not part of a valid UTF-8 character (0 without any)."""
    high = len(data.translate(None, _ASCII))
    return _invalid_utf8_bytes(data) / high if high else 0.0


def _invalid_utf8_bytes(data: bytes) -> int:
    # surrogateescape turns each invalid byte into one lone surrogate, which encoding drops again
    return len(data) - len(data.decode("utf-8", "surrogateescape").encode("utf-8", "ignore"))


def _utf8_replaced(data: bytes, name: str, first: int) -> Decoded:
    """UTF-8 with each invalid sequence replaced with U+FFFD; `first`: the file offset of the first."""
    count = _invalid_utf8_bytes(data)
    what = "byte that is not" if count == 1 else "bytes that are not"
    repair = f"{count} {what} valid UTF-8 replaced with U+FFFD (the first at byte {first})"
    return _repaired(Decoded(data.decode("utf-8", "replace"), name, [repair]))


def _utf8(data: bytes, name: str) -> Decoded:
    try:
        return _repaired(Decoded(data.decode("utf-8"), name))
    except UnicodeDecodeError as exc:
        # A file cut in the middle of its last character: keep everything before it.
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3 and len(data) > _MIN_TRUNCATED:
            text = data[: exc.start].decode("utf-8")
            return _repaired(Decoded(text, name, [f"dropped an incomplete UTF-8 character at byte {exc.start}"]))
        raise


def _detected(data: bytes) -> Decoded:
    import charset_normalizer
    from charset_normalizer.md import mess_ratio

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise Undecodable("not text in any known encoding")
    encoding = best.encoding
    text = str(best)
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (western == text or (encoding in _UNLIKELY and mess_ratio(western) <= mess_ratio(text))):
        encoding, text = "cp1252", western  # the same text, or better: name the common encoding
    return _repaired(Decoded(text, encoding, [f"not UTF-8: decoded as {encoding} (charset-normalizer)"]))


# UTF-8 read as Windows-1252 or Latin-1 turns every multi-byte character's first byte into one of
# these letters ("Ã¼", "â€™", "Ð¿"): text without any of them has nothing for ftfy to repair.
_MOJIBAKE_LEADS = re.compile("[\u00c2-\u00df\u00e2-\u00ef]")


def _repaired(decoded: Decoded) -> Decoded:
    import ftfy

    if not _MOJIBAKE_LEADS.search(decoded.text):
        return decoded
    fixed = ftfy.fix_encoding(decoded.text)
    if fixed != decoded.text:
        decoded.repairs.append("mojibake repaired (ftfy.fix_encoding)")
        decoded.text = fixed
    return decoded


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if text:
        controls = len(_CONTROL_CHARS.findall(text))
        if controls / len(text) > MAX_CONTROL_RATIO:
            raise Undecodable(f"{controls} control characters in {len(text)} (binary data)")
    return decoded
