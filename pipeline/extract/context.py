"""What every extractor needs to know about an article and its sentences: places, dates, status."""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.nlp.rules import cue_regex, first_cue, lexicon, value_map
from pipeline.nlp.title_countries import HEADLINE, countries_named
from pipeline.io.ingest import Article
from pipeline.extract.doc_index import (Place, countries_in, places_in, sent_of, sentences)
from pipeline.extract.people import PeopleIndex, index_people
from pipeline.extract.rows import DateFields
from pipeline.nlp.money import Money, scan_money
from pipeline.nlp.temporal import DateMention, find_dates
from schemas.fields import DATED

_NUMBER_WORDS = value_map("common", "number_words")
_GROUP_NOUNS = "(?:" + "|".join(sorted(lexicon("common", "group_nouns"))) + ")"
_GROUP_COUNTS = "|".join(w for w, n in _NUMBER_WORDS.items() if 2 <= n <= 5)  # two, three, four, five, both
_GROUP = re.compile(rf"\b(?:the\s+)?({_GROUP_COUNTS})\s+(?:\w+\s+)?{_GROUP_NOUNS}\b|"
                    + cue_regex("common", "group_words").pattern, re.IGNORECASE)


@dataclass(frozen=True)
class ArticleContext:
    """The article's index, built once before any extractor runs and never changed by them: the spaCy doc
    (sentences, entities, places and token lookups are cached on it), the dates, the countries it is about
    and the people it names. Extractors are pure functions of it, so their order does not matter."""

    article: Article
    doc: Doc
    dates: list[DateMention]
    pair: tuple[str, ...] = ()
    ranked: tuple[str, ...] = ()
    people: PeopleIndex = field(default_factory=PeopleIndex)
    money: tuple[tuple[Money, ...], ...] = ()  # sentence index -> the amounts it states
    # (start, end, word) in the text of each amount whose currency word is not understood
    unknown_currencies: tuple[tuple[int, int, str], ...] = ()
    date_starts: tuple[int, ...] | None = field(init=False)  # the dates' starts, None when not in text order

    def __post_init__(self) -> None:
        starts = tuple(d.start for d in self.dates)
        ordered = all(a <= b for a, b in itertools.pairwise(starts))
        object.__setattr__(self, "date_starts", starts if ordered else None)  # frozen: set once, here


def build_context(article: Article, doc: Doc) -> ArticleContext:
    """The article's index, read once before any extractor runs: its sentences, entities and places (cached
    on the doc for `sentences`, `entities`, `places_in`), dates, the countries it is about, the money each
    sentence states and the people it names."""
    if len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(article.text):
        doc.user_data["_text"] = article.text  # the text the doc was made from: no need to rebuild it
    dates = find_dates(article.text, article.published_date)
    counts: Counter[str] = Counter(p.iso3 for p in places_in(doc[:]))
    if article.title:
        for iso3 in _title_countries(article.title):
            counts[iso3] += 3
    ranked = tuple(c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    money: list[tuple[Money, ...]] = []
    unknown: list[tuple[int, int, str]] = []
    for sent in sentences(doc):
        amounts, words = _sentence_money(sent, ranked)
        money.append(amounts)
        unknown += words
    return ArticleContext(article, doc, dates, pair=ranked[:2], ranked=ranked, people=index_people(doc),
                          money=tuple(money), unknown_currencies=tuple(unknown))


def _sentence_money(sent: Span, ranked: tuple[str, ...]) -> tuple[tuple[Money, ...], list[tuple[int, int, str]]]:
    """The amounts of money a sentence states ("$" read with the countries it and the article name), and the
    currency words after an amount that are not understood, as (start, end, word) in the article's text."""
    context = tuple(dict.fromkeys(countries_in(sent) + list(ranked[:2])))
    scan = scan_money(text_of(sent), context)
    base = sent.start_char
    return tuple(scan.amounts), [(base + p.end - len(p.word), base + p.end, p.word) for p in scan.problems
                                 if p.reason == "unknown_currency" and p.word]


def money_in(ctx: ArticleContext, sent: Span) -> tuple[Money, ...]:
    """The amounts of money in a sentence of the article (offsets within the sentence's text)."""
    return ctx.money[ctx.doc.user_data["_sentence_of"][sent.start]] if len(sent) else ()


def _title_countries(title: str) -> list[str]:
    """The countries a page title names, once per mention (read as a headline, see pipeline/nlp/title_countries.py)."""
    return countries_named(title, HEADLINE)


def _date_starts(ctx: ArticleContext) -> tuple[int, ...] | None:
    """The dates' start offsets; None when the dates are not in text order (then callers scan them all)."""
    return ctx.date_starts


def dates_in(ctx: ArticleContext, start: int, end: int) -> list[DateMention]:
    """The dates inside [start, end), in text order. Found by bisection: a scan of every date for every
    sentence made extraction time grow with the square of the article's length."""
    starts = _date_starts(ctx)
    if starts is None:
        return [d for d in ctx.dates if d.start >= start and d.end <= end]
    lo = bisect.bisect_left(starts, start)
    hi = bisect.bisect_right(starts, end, lo)
    return [d for d in ctx.dates[lo:hi] if d.end <= end]


def dates_starting(ctx: ArticleContext, start: int, end: int) -> list[DateMention]:
    """The dates that start in [start, end), in text order."""
    starts = _date_starts(ctx)
    if starts is None:
        return [d for d in ctx.dates if start <= d.start < end]
    return ctx.dates[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def last_date_before(ctx: ArticleContext, end: int, test: Callable[[DateMention], bool]) -> DateMention | None:
    """The last date (in text order) that ends by `end` and passes `test`."""
    starts = _date_starts(ctx)
    if starts is None:
        found = [d for d in ctx.dates if d.end <= end and test(d)]
        return found[-1] if found else None
    for d in reversed(ctx.dates[:bisect.bisect_right(starts, end)]):
        if d.end <= end and test(d):
            return d
    return None


def doc_text(doc: Doc) -> str:
    """The doc's text, kept once (Doc.text rebuilds it from every token on each call)."""
    text = doc.user_data.get("_text")
    if text is None:
        text = doc.user_data["_text"] = doc.text
    return text


def text_of(span: Span) -> str:
    """A span's text, sliced from the doc's (Span.text rebuilds it from every token)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def evidence_span(sent: Span) -> tuple[int, int]:
    """Character span of a sentence without trailing white space."""
    text = text_of(sent)
    stripped = text.rstrip()
    lead = len(text) - len(text.lstrip())
    return sent.start_char + lead, sent.start_char + len(stripped)


def token_distance(a: Token, b: Token) -> int:
    """Length of the dependency path between two tokens."""
    pa = [a, *a.ancestors]
    pb = [b, *b.ancestors]
    ia = {t.i: n for n, t in enumerate(pa)}
    for n, t in enumerate(pb):
        if t.i in ia:
            return ia[t.i] + n
    return 99


def nearest_date(ctx: ArticleContext, sent: Span, anchor: Token,
                 within: tuple[int, int] | None = None,
                 candidates: list[DateMention] | None = None) -> DateMention | None:
    """The date expression in the sentence (or among `candidates`) closest to `anchor` in the
    parse, then in characters."""
    lo, hi = within or (sent.start_char, sent.end_char)
    cands = candidates if candidates is not None else dates_in(ctx, lo, hi)
    if not cands:
        return None
    doc = sent.doc

    def key(d: DateMention):
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        dist = token_distance(span.root, anchor) if span is not None else 50
        return (dist, abs(d.start - anchor.idx))

    return min(cands, key=key)


def group_countries(ctx: ArticleContext, text: str) -> list[str]:
    """Countries meant by "the two countries", "both sides", "the three ministers"..."""
    m = _GROUP.search(text)
    if not m:
        return []
    word = (m.group(1) or "").lower()
    n = _NUMBER_WORDS.get(word, 3 if "trilateral" in m.group(0).lower() else 2)
    return list(ctx.ranked[:n])


def with_partner(ctx: ArticleContext, found: list[str]) -> list[str]:
    """A bilateral fact naming one side: the other is the article's other main country."""
    if len(found) == 1 and len(ctx.pair) == 2 and found[0] in ctx.pair:
        return [found[0], ctx.pair[1] if found[0] == ctx.pair[0] else ctx.pair[0]]
    if not found:
        return list(ctx.pair)
    return found


def fill_parties(ctx: ArticleContext, found: list[str]) -> tuple[list[str], bool]:
    """`with_partner`, and whether it added a country the sentence does not name (an inferred value)."""
    parties = with_partner(ctx, found)
    return parties, not set(parties) <= set(found)


DATE_COLUMNS = tuple(DATED)


def date_inferred(date: DateMention | None, span: tuple[int, int]) -> list[str]:
    """The date columns, when the date was read outside the row's evidence `span` (carried from a
    previous sentence, or from the visit a signing happened during); else nothing."""
    if date is None or span[0] <= date.start and date.end <= span[1]:
        return []
    return list(DATE_COLUMNS)


_SUBORDINATE = ("relcl", "acl", "advcl", "ccomp")


_GOVERNED = ("xcomp",)  # "is expected to visit": the verb's time and truth are those of the verb it completes
_GOVERNING_WORDS = ("aux", "auxpass", "neg")  # what of a governing verb says its time and truth


def own_clause_text(sent: Span, verb: Token) -> str:
    """The verb's own clause: its subtree without the subordinate clauses inside it ("signed the accord
    on ferries that will operate ..." is about the signing, not the ferries' future), after the verbs it
    completes with their auxiliaries and negation ("is expected to visit", "did not agree to sign", "plans
    to open")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return text_of(sent)
    skip = {t.i for x in verb.subtree if x.i != verb.i and x.dep_ in _SUBORDINATE for t in x.subtree}
    words = [t.text for t in verb.subtree if t.i not in skip]
    return " ".join(governing_words(verb) + words) if words else text_of(sent)


def governing_words(verb: Token) -> list[str]:
    """The verbs `verb` completes, outermost first, each with its auxiliaries and negation, in text order."""
    out: list[str] = []
    tok = verb
    while tok.dep_ in _GOVERNED and tok.head.i != tok.i:
        head = tok.head
        own = sorted([head, *(c for c in head.children if c.dep_ in _GOVERNING_WORDS)], key=lambda t: t.i)
        out = [t.text for t in own] + out
        tok = head
    return out


def status_of(text: str) -> str | None:
    """occurred / planned for a clause (the `status` cues of pipeline/rules/common.yaml); None when the
    clause is negated."""
    label = first_cue("common", "status", text)
    if label == "negated":
        return None
    return label or "occurred"


def date_fields(d: DateMention | None) -> DateFields:
    if d is None:
        return {"date_start": None, "date_end": None, "date_precision": "unknown", "date_text": None,
                "date_source": None}
    return {"date_start": d.date_start, "date_end": d.date_end, "date_precision": d.precision,
            "date_text": d.text, "date_source": d.source}


def previous_sentence(sent: Span) -> Span | None:
    if sent.start == 0:
        return None
    return sent_of(sent.doc[sent.start - 1])


def same_paragraph(a: Span, b: Span) -> bool:
    text = doc_text(a.doc)
    between = text[a.end_char:b.start_char] if a.start_char < b.start_char else text[b.end_char:a.start_char]
    return "\n" not in between.strip(" ") and "\n" not in text_of(a).rstrip(" ")[-1:]


def word_before(sent: Span, p: Place) -> Token | None:
    """The token just before a place mention (before its first word: "in New Delhi" -> "in"), inside the
    sentence."""
    first = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
    i = first.start - 1 if first is not None else p.token.i - 1
    return sent.doc[i] if i >= sent.start else None


def city_after_preposition(sent: Span, preps=("in", "at")) -> Place | None:
    """A city introduced by 'in'/'at' ("signed in Budapest")."""
    for p in places_in(sent):
        if p.kind != "city":
            continue
        prev = word_before(sent, p)
        if prev is not None and prev.lower_ in preps:
            return p
    return None
