"""Find money amounts in text: "$11.7 million" -> 11700000.0 USD; number words, lakh/crore, decimal commas."""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from pipeline.nlp import currencies, places
from pipeline.nlp.number_words import FRACTIONS, SCALES, TENS, UNITS, words_to_number
from pipeline.nlp.rules import cues, lexicon, value_map

__all__ = ["MAX_VALUE", "MULTIPLIERS", "Money", "MoneyProblem", "MoneyScan", "find_money", "scan_money",
           "words_to_number"]

MULTIPLIERS = value_map("money", "multipliers")  # "million" -> 1000000, "crore" -> 10000000 (rules/money.yaml)
MAX_VALUE = 1e17  # a hundred times world output in any currency unit: larger is a misreading, not an amount

_NUMWORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "hundred", "a", "and", *FRACTIONS], key=len, reverse=True))
_WORDS = rf"(?:(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))*)"
# A scale word after a figure; a crore counted in lakhs, thousands or hundreds first ("5 lakh crore").
_SPELLED = 4  # a multiplier spelled out (this many letters at least) is read in any case ("Billion", "MILLION");
# an abbreviation of two letters or more also capitalised ("Bn", "Mln"); a one-letter one only as the rules
# write it ("m": "5 M" is not five million)


def _cased(word: str) -> str:
    if len(word) >= _SPELLED:
        return f"(?i:{word})"
    return f"(?:{word}|{word.capitalize()})" if len(word) >= 2 else word


_MULT = (r"(?:(?:lakh|thousand|hundred)\s+crores?|"
         + "|".join(_cased(w) for w in sorted(MULTIPLIERS, key=lambda w: (-len(w), w))) + ")")
# One alternative per way of writing a number; the group says how to read it.
_NUMBER = re.compile(
    rf"(?<![\d.,])(?:(?P<eu>\d{{1,3}}(?:\.\d{{3}})+,\d+)|(?P<eu_int>\d{{1,3}}(?:\.\d{{3}}){{2,}})"
    rf"|(?P<en>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)|(?P<comma>\d+,\d{{1,2}})(?=\s?{_MULT}\b)|(?P<plain>\d+(?:\.\d+)?))"
    r"(?![\d]|[.,]\d)")
_ADJ = r"[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,2}"
_FUNCTION_AFTER = cues("money", "function_word_after")[0][1]  # "pounds in aid" is money, "pounds of wheat" not
_MONEY_CUE = cues("money", "money_context")[0][1]  # "worth", "loans", "trade reached" a few words before
_MONEY_CUE_WINDOW = 80  # characters before a figure in which the words of `_MONEY_CUE` are looked for
_NOT_CURRENCY = lexicon("money", "not_currency_units")  # units an amount of money is not in
_RANGE_TAIL = re.compile(rf"\s?(?:[-–]|to)\s?(?:[^\s\d]{{1,3}}\s?)?\d[\d,.]*\s?(?P<mult>{_MULT})\b")
_BRACKET_OPEN = cues("money", "bracket_open")[0][1]  # " (about " before the same amount in another currency
_BRACKET_CLOSE = re.compile(r"\s*\)")
# "KRW 2 trillion, or about $1.5 billion,": the same amount in another currency, said with "or".
_OR_EQUIVALENT = cues("money", "or_equivalent")[0][1]
_MINUS = "-−–"
_SYMBOL_WINDOW = 6  # characters before a figure in which its currency symbol or code is looked for
_WORDS_WINDOW = 100  # characters before a currency name in which its number words are looked for


@dataclass(frozen=True)
class Money:
    """One amount of money found in a text."""

    start: int
    end: int
    text: str
    value: float
    currency: str | None
    equivalent: Money | None = None  # "KRW 2 trillion (about $1.5 billion)": the bracketed amount


@dataclass(frozen=True)
class MoneyProblem:
    """An amount that was not read: an unknown currency word, a negative sign, a value out of range..."""

    start: int
    end: int
    text: str
    reason: str  # unknown_currency | negative | out_of_range | unreadable_number
    word: str | None = None  # for unknown_currency: the currency word as written


@dataclass
class MoneyScan:
    amounts: list[Money] = field(default_factory=list)
    problems: list[MoneyProblem] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def _patterns():
    """The regexes, built once from the currency lexicon (babel's names and symbols plus data)."""
    lex = currencies.lexicon()
    codes = currencies.trie_pattern(sorted(lex.codes))
    worded = currencies.trie_pattern(sorted(s for s in lex.symbols if s[0].isalpha()))  # "Rs", "A$"
    signs = currencies.trie_pattern(sorted(s for s in lex.symbols if not s[0].isalpha()))  # "$", "€"
    heads = currencies.trie_pattern(sorted(lex.heads))
    pre = re.compile(rf"(?P<pre>(?<![A-Za-z])(?:{worded}|{codes})|{signs})(?P<gap>\s?)(?P<neg>[{_MINUS}]?)$")
    post = re.compile(rf"(?:(?P<gap>[\s-]?)(?P<mult>{_MULT})\b)?(?:\s?(?P<code>{codes})\b|\s(?:(?P<adj>{_ADJ})\s)?"
                      rf"(?P<name>(?i:{heads}))(?![\w-])|\s(?P<word>[a-z]{{3,}})\b)?")
    words = re.compile(rf"(?i:\b(?P<num>{_WORDS})(?:[\s-](?P<mult>{_MULT}))?)\s(?:(?P<adj>{_ADJ})\s)?$")
    head_rx = re.compile(rf"\b(?:{heads})(?![\w-])")
    return pre, post, words, head_rx


def _read_number(m: re.Match) -> float:
    if m["eu"] or m["eu_int"]:
        return float((m["eu"] or m["eu_int"]).replace(".", "").replace(",", "."))
    if m["en"]:
        return float(m["en"].replace(",", ""))
    if m["comma"]:
        return float(m["comma"].replace(",", "."))
    return float(m["plain"])


def _multiplier(mult: str | None) -> float:
    if not mult:
        return 1.0
    value = 1.0
    for part in mult.lower().split():
        value *= 100.0 if part == "hundred" else MULTIPLIERS[part]  # "5 hundred crore"
    return value


def _named(name: str, adj: str | None, after: str, context: tuple[str, ...]) -> tuple[str | None, bool]:
    """The currency of "<adj> <name>" ("Australian dollars", "rupees"): (code, whether the words are a
    currency at all). An adjective that is neither part of a currency's name nor a place is unknown."""
    lex = currencies.lexicon()
    head = name.lower()
    candidates = lex.heads[head]
    if adj:
        code = lex.full.get(f"{adj} {name}".lower()) or lex.full.get(f"{adj} {head}")
        if code:
            return code, True
        country = places.resolve(adj)
        local = places.currency_of(country) if country else None
        if local in candidates:
            return local, True
        return None, False
    if head in lex.english_words and not _FUNCTION_AFTER.match(after):
        return None, True  # "pounds of wheat", "real estate": the word is not money here
    return currencies.pick(candidates, context), True


def scan_money(text: str, context_countries: tuple[str, ...] = (), dollar: str | None = None) -> MoneyScan:
    """Money amounts in `text`, left to right, without overlaps, and the amounts that could not be read.

    `context_countries` (ISO3) decide shared currency words: "manat" is AZN in Azerbaijan, TMT in
    Turkmenistan. `dollar` is what a bare "$" means at this outlet (see `currencies.dollar_of`); "US$",
    "A$", a code after the amount or one other dollar named in the sentence ("Australian dollars")
    override it. An amount followed by another in brackets carries it as `equivalent`."""
    scan = MoneyScan()
    found: list[tuple[Money, bool]] = []  # (amount, written with a bare "$")
    if any(c.isdigit() for c in text):
        _scan_digits(text, context_countries, found, scan.problems)
    head_rx = _patterns()[3]
    covered = [(m.start, m.end) for m, _ in found] + [(p.start, p.end) for p in scan.problems]
    for h in head_rx.finditer(text.lower()):
        if any(s <= h.start() < e for s, e in covered):
            continue
        _scan_words(text, h, context_countries, found, scan.problems)
    if any(bare for _, bare in found):
        found = _resolve_dollars(text, found, dollar or "USD")
    amounts = sorted((m for m, _ in found), key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Money] = []
    for mny in amounts:
        if out and mny.start < out[-1].end:
            continue
        out.append(mny)
    scan.amounts = _fold_equivalents(text, out)
    return scan


def find_money(text: str, context_countries: tuple[str, ...] = (), dollar: str | None = None) -> list[Money]:
    """The amounts of `scan_money`."""
    return scan_money(text, context_countries, dollar).amounts


def _problem(text: str, s: int, e: int, reason: str, word: str | None = None) -> MoneyProblem:
    return MoneyProblem(s, e, text[s:e], reason, word)


def _scan_digits(text, context, found, problems) -> None:
    for n in _NUMBER.finditer(text):
        got = _digit_amount(text, n, context)
        if isinstance(got, MoneyProblem):
            problems.append(got)
        elif got is not None:
            found.append(got)


def _digit_amount(text: str, n: re.Match, context) -> tuple[Money, bool] | MoneyProblem | None:
    """The amount a figure gives with the symbol, code, scale and currency name around it ((amount, written
    with a bare "$")), the reason it is no amount, or None when it is no money at all."""
    pre_rx, post_rx, _, _ = _patterns()
    s, e = n.span()
    p = pre_rx.search(text, max(0, s - _SYMBOL_WINDOW), s)
    q = post_rx.match(text, e)
    mult = q["mult"] if q else None
    if _glued(text, s, e, p, mult):
        return None
    start = p.start() if p else s
    currency, bare = None, False
    if p is not None:
        symbol = _symbol_currency(p["pre"], mult, context)
        if symbol is None:
            return None
        currency, bare = symbol
    after = _after_figure(text, q, currency, bare, q.end("mult") if mult else e, start, context)
    if isinstance(after, MoneyProblem):
        return after
    currency, bare, end = after
    if currency is None:
        return _unknown_unit(text, s, q, mult)
    if not mult and end == e:
        r = _RANGE_TAIL.match(text, e)
        if r:
            mult = r["mult"]  # "$5-10 million": the first figure shares the second's scale
    if _is_negative(text, p.start() if p else s, p):
        return _problem(text, max(0, (p.start() if p else s) - 1), end, "negative")
    value = _read_number(n) * _multiplier(mult)
    if not math.isfinite(value) or value > MAX_VALUE:
        return _problem(text, start, end, "out_of_range")
    return Money(start, end, text[start:end], value, currency), bare


def _glued(text: str, s: int, e: int, p: re.Match | None, mult: str | None) -> bool:
    """A figure inside a word: "$1e308", "5x" (not a scale word after it), "A4", "COVID19"."""
    if not mult and e < len(text) and (text[e].isalnum() or text[e] == "_"):
        return True
    return p is None and s > 0 and text[s - 1].isalpha()


def _after_figure(text: str, q: re.Match | None, currency: str | None, bare: bool, end: int, start: int,
                  context) -> tuple[str | None, bool, int] | MoneyProblem:
    """What a code or a currency name after the figure says ("$5 million AUD", "5 million Australian
    dollars"; it overrides a bare "$"): (currency, bare "$", end), or an unknown currency name's problem."""
    if q is not None and q["code"]:
        return q["code"], False, q.end()  # the code says which dollar
    if q is not None and q["name"]:
        code, is_money = _named(q["name"], q["adj"], text[q.end():], context)
        if not is_money:
            return _problem(text, start, q.end(), "unknown_currency", f"{q['adj']} {q['name']}")
        if code is not None:
            end = q.end()
            if currency is None or bare:
                currency, bare = code, False
    return currency, bare, end


def _symbol_currency(sym: str, mult: str | None, context) -> tuple[str | None, bool] | None:
    """(currency, whether it is a bare "$") of a symbol or code before a figure; None: no money ("R5")."""
    lex = currencies.lexicon()
    if sym in lex.codes:
        return sym, False
    if sym == "$":
        return "USD", True
    if len(sym) == 1 and sym.isalpha() and not mult:
        return None  # "R5", "K9": a lone letter is a currency only before a scale word
    return currencies.pick(lex.symbols[sym], context), False


def _unknown_unit(text: str, s: int, q: re.Match | None, mult: str | None) -> MoneyProblem | None:
    """"5 million zorkmids" where the words before announce money: an unknown currency; else no money."""
    if q is not None and mult and q["word"] and q["word"] not in _NOT_CURRENCY and \
            _MONEY_CUE.search(text, max(0, s - _MONEY_CUE_WINDOW), s):
        return _problem(text, s, q.end(), "unknown_currency", q["word"])
    return None


def _is_negative(text: str, neg_at: int, p: re.Match | None) -> bool:
    """A minus sign after the symbol ("$-5") or before the amount, not a hyphen inside a word ("X-5")."""
    return bool((p is not None and p["neg"]) or (neg_at and text[neg_at - 1] in _MINUS and
                                                 (neg_at < 2 or not text[neg_at - 2].isalnum())))


def _scan_words(text, head: re.Match, context, found, problems) -> None:
    """Number words before a currency name: "seven and a half billion dollars"."""
    _, _, words_rx, _ = _patterns()
    m = words_rx.search(text, max(0, head.start() - _WORDS_WINDOW), head.start())
    if m is None:
        return
    name = text[head.start():head.end()]
    value = words_to_number(m["num"])
    if value is None:
        if m["num"].lower().strip() not in ("a", "and"):
            problems.append(_problem(text, m.start(), head.end(), "unreadable_number"))
        return
    code, is_money = _named(name, m["adj"], text[head.end():], context)
    if not is_money:
        problems.append(_problem(text, m.start(), head.end(), "unknown_currency", f"{m['adj']} {name}"))
        return
    if code is None:
        return
    value *= _multiplier(m["mult"])
    if value > MAX_VALUE:
        problems.append(_problem(text, m.start(), head.end(), "out_of_range"))
        return
    found.append((Money(m.start(), head.end(), text[m.start():head.end()], value, code), False))


def _resolve_dollars(text: str, found: list[tuple[Money, bool]], dollar: str) -> list[tuple[Money, bool]]:
    """A bare "$" is `dollar`, unless the sentence names exactly one other dollar and never the US one."""
    lex = currencies.lexicon()
    named = {m.currency for m, bare in found if not bare and m.currency in lex.dollars}
    low = text.lower()
    if "dollar" in low:
        for phrase, code in lex.full.items():
            if code in lex.dollars and phrase in low:
                named.add(code)
    named |= {c for c in re.findall(r"\b[A-Z]{3}\b", text) if c in lex.dollars}
    others = named - {"USD"}
    if len(others) == 1 and "USD" not in named:
        dollar = others.pop()
    return [(Money(m.start, m.end, m.text, m.value, dollar) if bare else m, bare) for m, bare in found]


def _fold_equivalents(text: str, amounts: list[Money]) -> list[Money]:
    """"KRW 2 trillion (about $1.5 billion)", "KRW 2 trillion, or about $1.5 billion": the second amount, in
    another currency, becomes the first one's equivalent."""
    out: list[Money] = []
    i = 0
    while i < len(amounts):
        m = amounts[i]
        if i + 1 < len(amounts):
            nxt = amounts[i + 1]
            o = _BRACKET_OPEN.match(text, m.end)
            bracketed = o is not None and o.end() == nxt.start and "(" in o.group() and \
                _BRACKET_CLOSE.match(text, nxt.end) is not None
            said_or = not bracketed and (w := _OR_EQUIVALENT.match(text, m.end)) is not None and w.end() == nxt.start
            if (bracketed or said_or) and nxt.currency != m.currency:
                out.append(Money(m.start, m.end, m.text, m.value, m.currency, equivalent=nxt))
                i += 2
                continue
        out.append(m)
        i += 1
    return out
