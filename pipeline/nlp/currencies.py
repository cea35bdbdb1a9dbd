"""Currency words: every ISO 4217 code with its English names and symbols (babel), plus informal ones kept as data."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

import pycountry
from babel import Locale, localedata
from babel.numbers import get_currency_name

from pipeline.nlp import places

_NOT_MONEY = re.compile(r"\(| of |\bunits?\b|\bindex\b|\bnext day\b")  # funds, metals, accounting units


@dataclass
class Lexicon:
    """What a currency can be called, each mapping to candidate ISO 4217 codes (the first is the default)."""

    codes: frozenset[str] = frozenset()
    symbols: dict[str, list[str]] = field(default_factory=dict)  # written before a number: "$", "A$", "Rs"
    heads: dict[str, list[str]] = field(default_factory=dict)  # lower-case last word: "dollars", "rupee"
    full: dict[str, str] = field(default_factory=dict)  # lower-case whole name: "australian dollars" -> AUD
    english_words: frozenset[str] = frozenset()  # heads that are also ordinary words ("real", "won", "pounds")
    dollars: frozenset[str] = frozenset()  # codes of the currencies called "dollar"


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _data_rows():
    text = resources.files("pipeline").joinpath("data/currency_words.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, term, codes = line.split("\t")[:3]
            yield kind, term, codes.split()


def _add(table: dict[str, list[str]], key: str, code: str) -> None:
    codes = table.setdefault(key, [])
    if code not in codes:
        codes.append(code)


def _english_symbols(codes: frozenset[str]) -> dict[str, list[str]]:
    """Every symbol an English locale writes for a current currency ("A$", "R", "₹"), code order."""
    out: dict[str, list[str]] = {}
    for ident in sorted(localedata.locale_identifiers()):
        if ident != "en" and not ident.startswith("en_"):
            continue
        for code, sym in sorted(Locale.parse(ident).currency_symbols.items()):
            sym = sym.replace("\u202f", " ").replace("\xa0", " ")
            if code in codes and sym != code and not sym.isspace():
                _add(out, sym, code)
    return out


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Built once per process from babel's English data, pycountry's code list and currency_words.tsv."""
    codes = frozenset(c.alpha_3 for c in pycountry.currencies)  # current ISO 4217, as the schema checks
    national = set(places.gazetteer().currency.values()) | {"EUR", "XAF", "XOF", "XCD", "XPF"}
    lex = Lexicon(codes=codes)
    for code in sorted(codes):
        names = {get_currency_name(code, count=n, locale="en") for n in (1, 2)}
        for name in names | {_fold(n) for n in names}:
            if name == code or _NOT_MONEY.search(name):
                continue
            lex.full[name.lower()] = code
            if code in national:
                _add(lex.heads, name.split()[-1].lower(), code)
    lex.symbols = _english_symbols(codes)
    defaults: dict[str, list[str]] = {}
    english = set()
    for kind, term, term_codes in _data_rows():
        if kind == "symbol":  # curated order first: "Rs" is the Indian rupee unless the context says otherwise
            lex.symbols[term] = term_codes + [c for c in lex.symbols.get(term, []) if c not in term_codes]
        elif kind == "name":
            lex.full[term.lower()] = term_codes[0]
            for code in term_codes:
                _add(lex.heads, term.split()[-1].lower(), code)
        elif kind == "default":
            defaults[term] = term_codes
        elif kind == "english_word":
            english.add(term)
    for key in list(lex.heads):  # "manats" may mean every "manat" (babel writes TMT's plural "manat")
        for stem in (key[:-1], key[:-2]):
            if key.endswith("s") and stem in lex.heads:
                for code in lex.heads[stem]:
                    _add(lex.heads, key, code)
                for code in lex.heads[key]:
                    _add(lex.heads, stem, code)
    for table in (lex.heads, lex.symbols):  # the default comes first; "xs" shares the default of "x"
        for key, found in table.items():
            pick = defaults.get(key) or defaults.get(key[:-1]) or defaults.get(key[:-2]) or []
            if pick:
                table[key] = [c for c in pick if c in found] + [c for c in found if c not in pick]
    lex.english_words = frozenset(h for h in lex.heads if h in english or h.rstrip("s") in english)
    lex.dollars = frozenset(lex.heads.get("dollar", []))
    return lex


def pick(candidates: list[str], context_countries: tuple[str, ...] = ()) -> str | None:
    """The candidate that is the currency of a context country ("manat" in Turkmenistan is TMT), else the
    first when it is a default or the only one; None when several remain and nothing decides."""
    if not candidates:
        return None
    local = {places.currency_of(c) for c in context_countries}
    for code in candidates:
        if code in local:
            return code
    return candidates[0]


def dollar_of(iso3: str | None) -> str:
    """The currency a bare "$" means at an outlet of this country: its own dollar, else the US dollar."""
    code = places.currency_of(iso3) if iso3 else None
    return code if code in lexicon().dollars else "USD"


def trie_pattern(words) -> str:
    """A regex alternation of `words` shaped as a trie, so the engine tries one branch per character."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    return walk(trie)
