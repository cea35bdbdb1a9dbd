"""Find money amounts in text: "$11.7 million" -> 11700000.0 USD; number words included."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pycountry

from pipeline import places

SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₼": "AZN", "₺": "TRY",
           "₽": "RUB", "₹": "INR", "₸": "KZT", "₾": "GEL", "₩": "KRW", "₴": "UAH"}
# Currency names -> candidate codes; the first is the default, context picks among the rest.
NAMES = {
    "dollar": ["USD"], "euro": ["EUR"], "pound": ["GBP"], "sterling": ["GBP"], "yen": ["JPY"],
    "yuan": ["CNY"], "renminbi": ["CNY"], "manat": ["AZN", "TMT"], "lira": ["TRY"], "ruble": ["RUB"],
    "rouble": ["RUB"], "tenge": ["KZT"], "som": ["UZS", "KGS"], "sum": ["UZS"], "lari": ["GEL"],
    "dram": ["AMD"], "hryvnia": ["UAH"], "rupee": ["INR", "PKR", "LKR", "NPR"], "rial": ["IRR", "OMR", "YER"],
    "riyal": ["SAR", "QAR"], "dirham": ["AED", "MAD"], "dinar": ["KWD", "IQD", "JOD", "BHD", "DZD", "TND", "RSD", "LYD"],
    "forint": ["HUF"], "zloty": ["PLN"], "franc": ["CHF"], "krona": ["SEK"], "krone": ["NOK", "DKK"],
    "won": ["KRW"], "ringgit": ["MYR"], "taka": ["BDT"], "afghani": ["AFN"], "somoni": ["TJS"],
    "real": ["BRL"], "rand": ["ZAR"], "peso": ["MXN"], "shekel": ["ILS"], "leu": ["RON", "MDL"],
}
MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
               "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12}
UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}

_CODES = sorted({c.alpha_3 for c in pycountry.currencies})
_NUMWORD = "|".join(sorted([*UNITS, *TENS, "hundred", "a", "and", "half", "quarter"], key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = rf"(?:(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))*)"
_MULT = r"(?:thousand|million|billion|trillion|mln|bln|mn|bn|tn|trn|m|b|k)"
_SYM = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_CODE = "|".join(_CODES)
_NAME = "|".join(sorted(NAMES, key=len, reverse=True))

_CODE_SET = frozenset(_CODES)
_UPPER3 = re.compile(r"[A-Z]{3}")
_NAME_WORD = re.compile(rf"\b(?:{_NAME})")  # searched in lower case: faster than a case-blind scan

_RX = [
    # $11.7 million, €20m, US$ 5 bn
    re.compile(rf"(?P<sym>{_SYM})\s?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?"),
    # USD 42.7 million, AZN 5 million
    re.compile(rf"\b(?P<code>{_CODE})\s?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT})\b)?"),
    # 42.7 million USD
    re.compile(rf"\b(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT}))?\s(?P<code>{_CODE})\b"),
    # 48.5 mln dollars, 5 million manats, 100 million Turkish lira, six and a half billion dollars
    re.compile(rf"(?i:\b(?P<num>{_NUM}|{_WORDS})(?:[\s-](?P<mult>{_MULT}))?)\s(?:(?P<adj>[A-Z][a-z]+)\s)?"
               rf"(?i:(?P<name>{_NAME})(?:s|es)?)\b"),
]


@dataclass(frozen=True)
class Money:
    """One amount of money found in a text."""

    start: int
    end: int
    text: str
    value: float
    currency: str | None


def words_to_number(words: str) -> float | None:
    """English number words to a number: "thirty-six" -> 36, "six and a half" -> 6.5."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t]
    if not tokens:
        return None
    total, current, seen = 0.0, 0.0, False
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in UNITS:
            current += UNITS[t]
            seen = True
        elif t in TENS:
            current += TENS[t]
            seen = True
        elif t == "hundred":
            current = (current or 1) * 100
        elif t in SCALES:
            total += (current or 1) * SCALES[t]
            current = 0
        elif t == "half" and seen:
            current += 0.5
        elif t == "quarter" and seen:
            current += 0.25
        elif t in ("and", "a"):
            pass
        else:
            return None
        i += 1
    value = total + current
    return value if seen else None


def parse_number(num: str) -> float | None:
    """A numeral or number words to a float."""
    num = num.strip()
    if re.fullmatch(_NUM, num):
        return float(num.replace(",", ""))
    return words_to_number(num)


def _pick(codes: list[str], context: tuple[str, ...]) -> str:
    local = {places.currency_of(c) for c in context}
    for code in codes:
        if code in local:
            return code
    return codes[0]


def _applicable(text: str) -> list[re.Pattern]:
    """The patterns that can match `text`: each needs a currency symbol, code or name in it, and most
    sentences have none, so this cheap test saves the full scans."""
    rxs = []
    if any(sym in text for sym in SYMBOLS):
        rxs.append(_RX[0])
    if any(code in _CODE_SET for code in _UPPER3.findall(text)):
        rxs += _RX[1:3]
    if _NAME_WORD.search(text.lower()):
        rxs.append(_RX[3])
    return rxs


def find_money(text: str, context_countries: tuple[str, ...] = ()) -> list[Money]:
    """Money amounts in `text`, left to right, without overlaps. `context_countries` (ISO3)
    decide ambiguous currency names: "manat" is AZN in Azerbaijan, TMT in Turkmenistan."""
    found: list[Money] = []
    for rx in _applicable(text):
        for m in rx.finditer(text):
            g = m.groupdict()
            value = parse_number(g["num"])
            if value is None:
                continue
            mult = (g.get("mult") or "").lower()
            if mult:
                value *= MULTIPLIERS[mult]
            currency = None
            if g.get("sym"):
                currency = SYMBOLS[g["sym"]]
            elif g.get("code"):
                currency = g["code"]
            elif g.get("name"):
                name = g["name"].lower()
                adj_country = places.resolve(g["adj"]) if g.get("adj") else None
                if adj_country and places.currency_of(adj_country):
                    currency = places.currency_of(adj_country)
                else:
                    currency = _pick(NAMES[name], context_countries)
            if not math.isfinite(value):
                continue
            s, e = m.span()
            if g.get("adj") and not places.resolve(g["adj"]):
                continue  # a capitalised word before a currency name counts only as a place ("Turkish lira")
            found.append(Money(s, e, text[s:e], value, currency))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Money] = []
    for mny in found:
        if out and mny.start < out[-1].end:
            continue
        out.append(mny)
    return out
