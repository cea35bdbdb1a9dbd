"""Goods without an amount: a sentence where one state exports goods to (imports goods from) another gives a
row with the goods in `commodity`, from a written list or from the object of the export or import verb."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.extract import slots
from pipeline.extract.context import ArticleContext, text_of
from pipeline.extract.trade_dates import flow_date
from pipeline.extract.trade_rows import Figure, figure
from pipeline.nlp.rules import cue_regex, lexicon

_LIST_INTRO = cue_regex("trade", "goods_list_intro", any_case=True)
_QUANTITY_WORDS = lexicon("trade", "goods_quantity_words")
_GENERIC_GOODS = lexicon("trade", "generic_goods")
_UNITS = lexicon("trade", "measure_units")
_GOODS_DEST = {"exports": "to", "imports": "from"}  # the preposition of the partner state, by indicator
_TRADE_VERB = re.compile(r"(?:export|import)\w*")


def goods_figure(ctx: ArticleContext, sent: Span, indicator: str, parties: list[str]) -> Figure | None:
    """The goods row of a sentence with no amount that lists the goods one state of the pair exports to
    (imports from) the other, anchored and dated at its export or import word."""
    commodity = commodities(text_of(sent)) or verb_object(sent, indicator)
    if not commodity or len(parties) < 2:
        return None
    verb = next((t for t in sent if _TRADE_VERB.fullmatch(t.lower_) and not t.lower_.startswith("importan")),
                sent.root)
    date = flow_date(ctx, sent, verb)
    return figure(ctx, sent, sent, indicator, parties, date, None, commodity, "trade.goods", verb.idx)


def commodities(text: str) -> list[str] | None:
    """The goods a written list after "including", "such as", "consist of" or a colon names."""
    m = _LIST_INTRO.search(text)
    if not m:
        return None
    tail = re.split(r"\s+(?:to|from|into)\s+[A-Z]|[.;]", text[m.end():])[0]
    return slots.listed(tail) or None


def verb_object(sent: Span, indicator: str) -> list[str] | None:
    """The goods a sentence says one state exports to (imports from) another, as the object of a verb in a
    tense that states it happens or happened: "Chile has exported more copper to Peru than ..." -> ["copper"];
    None for "goods" and like words, and for a plan ("to import")."""
    verb = next((v for v in sent if _states_flow(v, indicator) and _toward_partner(v, indicator)), None)
    if verb is None:
        return None
    obj = _goods_object(_direct_object(verb))
    if obj is None:
        return None
    goods = [obj, *(c for c in obj.children if c.dep_ == "conj")]
    return [_goods_name(g) for g in goods if g.lower_ not in _GENERIC_GOODS] or None


def _states_flow(verb: Token, indicator: str) -> bool:
    """The indicator's verb ("export" for exports) in a form that states the flow, not its base form (a plan)."""
    return verb.pos_ == "VERB" and verb.lemma_ == indicator[:-1] and verb.tag_ != "VB"


def _direct_object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _toward_partner(verb: Token, indicator: str) -> bool:
    """Whether the verb or its object has the partner's preposition ("to Peru" for exports)."""
    obj = _direct_object(verb)
    return any(c.dep_ == "prep" and c.lower_ == _GOODS_DEST[indicator]
               for c in (*verb.children, *(obj.children if obj is not None else ())))


def _goods_object(obj: Token | None) -> Token | None:
    """The goods an object names: the object of "of" after a measure word or a number ("quantities of wheat",
    "300 tonnes of rice")."""
    if obj is not None and (obj.lemma_ in _UNITS or obj.like_num):
        return next((g for p in obj.children if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"), None)
    return obj


def _goods_name(goods: Token) -> str:
    """The goods' words: the noun with its compound and adjective modifiers, less the words of quantity."""
    words = [goods, *(c for c in goods.children if c.dep_ in ("compound", "amod") and c.lower_ not in _QUANTITY_WORDS)]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))
