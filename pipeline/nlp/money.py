"""Find money amounts in text: "$11.7 million" -> 11700000.0 USD; number words, lakh/crore, decimal commas."""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from pipeline.nlp import currencies, places
from pipeline.nlp.rules import cardinals

MULTIPLIERS = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
               "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12, "lakh": 1e5,
               "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7}
UNITS = {w: n for w, n in cardinals().items() if n < 20}  # number words of pipeline/rules/common.yaml
TENS = {w: n for w, n in cardinals().items() if n >= 20}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
MAX_VALUE = 1e17  # a hundred times world output in any currency unit: larger is a misreading, not an amount

_NUMWORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "hundred", "a", "and", "half", "quarter"], key=len,
                           reverse=True))
_WORDS = rf"(?:(?:{_NUMWORD})(?:[\s-]+(?:{_NUMWORD}))*)"
_MULT = r"(?:(?:lakh|thousand|hundred)\s+crores?|thousand|million|billion|trillion|lakhs?|lacs?|crores?|" \
        r"mln|bln|mn|bn|tn|trn|cr|m|b|k)"
# One alternative per way of writing a number; the group says how to read it.
_NUMBER = re.compile(
    rf"(?<![\d.,])(?:(?P<eu>\d{{1,3}}(?:\.\d{{3}})+,\d+)|(?P<eu_int>\d{{1,3}}(?:\.\d{{3}}){{2,}})"
    rf"|(?P<en>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?)|(?P<comma>\d+,\d{{1,2}})(?=\s?{_MULT}\b)|(?P<plain>\d+(?:\.\d+)?))"
    r"(?![\d]|[.,]\d)")
_ADJ = r"[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,2}"
_FUNCTION_AFTER = re.compile(r"\s*(?:$|[.,;:)!?]|(?:in|to|for|from|on|at|by|and|or|this|last|per|a|an|the|each|was|"
                             r"were|is|are|will|would|has|have|had|over|into|with)\b)")
_MONEY_CUE = re.compile(r"\b(?:worth|valued|value|cost\w*|pric\w+|paid|pay\w*|loans?|grants?|invest\w*|budget\w*|"
                        r"funds?|funding|turnover|revenues?|exports?|imports?|trade|deals?|totall?\w*|amount\w*|"
                        r"aid|debts?|spen[dt]\w*|allocat\w*|fines?|fined|reach\w*|stood)\W+(?:\w+\W+){0,6}$",
                        re.IGNORECASE)
_NOT_CURRENCY = frozenset({  # units an amount of money is not in
    "people", "persons", "tonnes", "tons", "barrels", "units", "doses", "visitors", "tourists", "users",
    "jobs", "workers", "residents", "votes", "cubic", "square", "metres", "meters", "kilometres",
    "miles", "hectares", "acres", "litres", "years", "times", "shares", "copies", "passengers",
    "vehicles", "cars", "homes", "households", "children", "students", "refugees", "troops"
})
_RANGE_TAIL = re.compile(rf"\s?(?:[-–]|to)\s?(?:[^\s\d]{{1,3}}\s?)?\d[\d,.]*\s?(?P<mult>{_MULT})\b")
_BRACKET_OPEN = re.compile(r"\s*\(\s*(?:(?:about|around|approximately|approx\.|roughly|some|nearly|almost|over|"
                           r"more than|or|equivalent to|equal to|worth|~)\s*)?")
_BRACKET_CLOSE = re.compile(r"\s*\)")
# "KRW 2 trillion, or about $1.5 billion,": the same amount in another currency, said with "or".
_OR_EQUIVALENT = re.compile(r",?\s+(?:or|i\.e\.,?|equivalent to|equal to)\s+(?:(?:about|around|approximately|approx\.|"
                            r"roughly|some|nearly|almost|just over|just under|over|more than)\s+)?")
_MINUS = "-−–"


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


def words_to_number(words: str) -> float | None:
    """English number words to a number: "thirty-six" -> 36, "six and a half" -> 6.5, "a million" -> 1e6.
    Runs that no one would say ("one two three", "thousand million five") give None."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower().strip()) if t]
    while tokens and tokens[0] == "and":
        tokens.pop(0)
    if tokens[:1] == ["a"] and (len(tokens) < 2 or tokens[1] not in ("hundred", *SCALES)):
        tokens.pop(0)
    total, current = 0.0, 0.0
    last = ""  # the kind of the previous word: unit | teen | tens | hundred | scale | and | a | fraction
    last_scale = math.inf
    seen = False
    for i, t in enumerate(tokens):
        if t in UNITS:
            if last in ("unit", "teen", "fraction") or (last == "tens" and UNITS[t] >= 10) or \
                    (last == "tens" and UNITS[t] == 0):
                return None
            current += UNITS[t]
            last, seen = ("teen" if UNITS[t] >= 10 else "unit"), True
        elif t in TENS:
            if last in ("unit", "teen", "tens", "fraction"):
                return None
            current += TENS[t]
            last, seen = "tens", True
        elif t == "hundred":
            if last not in ("unit", "teen", "a", "") or current % 100 >= 100:
                return None
            current = (current or 1) * 100
            last, seen = "hundred", True
        elif t in SCALES:
            if last in ("and", "scale") or SCALES[t] >= last_scale:
                return None
            total += (current or 1) * SCALES[t]
            current, last, last_scale, seen = 0.0, "scale", SCALES[t], True
        elif t in ("half", "quarter"):
            if not seen or tokens[i - 1] != "a":
                return None
            current += 0.5 if t == "half" else 0.25
            last = "fraction"
        elif t == "and":
            if last not in ("hundred", "scale", "unit", "teen", "tens"):
                return None
            last = "and"
        elif t == "a":
            if last != "and" and i:
                return None
            last = "a"
        else:
            return None
    if not seen or last in ("and", "a"):
        return None
    return total + current


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
    pre_rx, post_rx, _, _ = _patterns()
    lex = currencies.lexicon()
    for n in _NUMBER.finditer(text):
        s, e = n.span()
        p = pre_rx.search(text, max(0, s - 6), s)
        q = post_rx.match(text, e)
        mult = q["mult"] if q else None
        if not mult and e < len(text) and (text[e].isalnum() or text[e] == "_"):
            continue  # "$1e308", "5x": not a number followed by a scale word
        if p is None and s and text[s - 1].isalpha():
            continue  # "A4", "COVID19"
        start = p.start() if p else s
        end = q.end("mult") if mult else e
        currency, bare = None, False
        if p is not None:
            sym = p["pre"]
            if sym in lex.codes:
                currency = sym
            elif sym == "$":
                currency, bare = "USD", True
            elif len(sym) == 1 and sym.isalpha() and not mult:
                continue  # "R5", "K9": a lone letter is a currency only before a scale word
            else:
                currency = currencies.pick(lex.symbols[sym], context)
        if q is not None and q["code"]:
            currency, bare, end = q["code"], False, q.end()  # "$5 million AUD": the code says which dollar
        elif q is not None and q["name"]:
            code, is_money = _named(q["name"], q["adj"], text[q.end():], context)
            if not is_money:
                problems.append(_problem(text, start, q.end(), "unknown_currency", f"{q['adj']} {q['name']}"))
                continue
            if code is not None:
                end = q.end()
                if currency is None or bare:
                    currency, bare = code, False
        if currency is None:
            if mult and q["word"] and q["word"] not in _NOT_CURRENCY and \
                    _MONEY_CUE.search(text, max(0, s - 80), s):
                problems.append(_problem(text, s, q.end(), "unknown_currency", q["word"]))
            continue
        if not mult and end == e:
            r = _RANGE_TAIL.match(text, e)
            if r:
                mult = r["mult"]  # "$5-10 million": the first figure shares the second's scale
        neg_at = p.start() if p else s
        if (p is not None and p["neg"]) or (neg_at and text[neg_at - 1] in _MINUS and
                                            (neg_at < 2 or not text[neg_at - 2].isalnum())):
            problems.append(_problem(text, max(0, neg_at - 1), end, "negative"))
            continue
        value = _read_number(n) * _multiplier(mult)
        if not math.isfinite(value) or value > MAX_VALUE:
            problems.append(_problem(text, start, end, "out_of_range"))
            continue
        found.append((Money(start, end, text[start:end], value, currency), bare))


def _scan_words(text, head: re.Match, context, found, problems) -> None:
    """Number words before a currency name: "six and a half billion dollars"."""
    _, _, words_rx, _ = _patterns()
    m = words_rx.search(text, max(0, head.start() - 100), head.start())
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
