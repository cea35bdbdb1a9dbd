"""Currency words: every ISO 4217 code with its English names and symbols (babel), plus informal ones kept as data."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import pycountry
from babel import Locale, localedata
from babel.numbers import get_currency_name

from pipeline.nlp import places
from pipeline.nlp.rules import cues

_NOT_MONEY = cues("money", "not_a_currency_name")[0][1]  # funds, metals, accounting units


@dataclass
class Lexicon:
    """What a currency can be called, each mapping to candidate ISO 4217 codes (the first is the default)."""

    codes: frozenset[str] = frozenset()
    symbols: dict[str, list[str]] = field(default_factory=dict)  # written before a number: "$", "A$", "Rs"
    heads: dict[str, list[str]] = field(default_factory=dict)  # lower-case last word: "dollars", "rupee"
    full: dict[str, str] = field(default_factory=dict)  # lower-case whole name: "australian dollars" -> AUD
    english_words: frozenset[str] = frozenset()  # heads that are also ordinary words ("real", "won", "pounds")
    dollars: frozenset[str] = frozenset()  # codes of the currencies called "dollar"


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
    lex = Lexicon(codes=codes)
    _add_babel_names(lex, codes)
    lex.symbols = _english_symbols(codes)
    defaults, english = _add_data_rows(lex)
    _share_plurals(lex.heads)
    for table in (lex.heads, lex.symbols):  # the default comes first; "xs" shares the default of "x"
        for key, found in table.items():
            pick = defaults.get(key) or defaults.get(key[:-1]) or defaults.get(key[:-2]) or []
            if pick:
                table[key] = [c for c in pick if c in found] + [c for c in found if c not in pick]
    lex.english_words = frozenset(h for h in lex.heads if h in english or h.rstrip("s") in english)
    lex.dollars = frozenset(lex.heads.get("dollar", []))
    return lex


def _add_babel_names(lex: Lexicon, codes: frozenset[str]) -> None:
    """Every English name of every code (singular and plural, with and without diacritics); the last word
    of a national currency's name is a head ("dollars")."""
    national = set(places.gazetteer().currency.values()) | {"EUR", "XAF", "XOF", "XCD", "XPF"}
    for code in sorted(codes):
        names = {get_currency_name(code, count=n, locale="en") for n in (1, 2)}
        for name in names | {places.fold(n) for n in names}:
            if name == code or _NOT_MONEY.search(name):
                continue
            lex.full[name.lower()] = code
            if code in national:
                _add(lex.heads, name.split()[-1].lower(), code)


def _add_data_rows(lex: Lexicon) -> tuple[dict[str, list[str]], set[str]]:
    """The rows of currency_words.tsv: symbols (curated order first: "Rs" is the Indian rupee unless the
    context says otherwise), names, and the defaults and ordinary English words returned."""
    defaults: dict[str, list[str]] = {}
    english = set()
    for kind, term, term_codes in _data_rows():
        if kind == "symbol":
            lex.symbols[term] = term_codes + [c for c in lex.symbols.get(term, []) if c not in term_codes]
        elif kind == "name":
            lex.full[term.lower()] = term_codes[0]
            for code in term_codes:
                _add(lex.heads, term.split()[-1].lower(), code)
        elif kind == "default":
            defaults[term] = term_codes
        elif kind == "english_word":
            english.add(term)
    return defaults, english


def _share_plurals(heads: dict[str, list[str]]) -> None:
    """"manats" may mean every "manat" (babel writes TMT's plural "manat"), and the other way round."""
    for key in list(heads):
        for stem in (key[:-1], key[:-2]):
            if key.endswith("s") and stem in heads:
                for code in heads[stem]:
                    _add(heads, key, code)
                for code in heads[key]:
                    _add(heads, stem, code)


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
