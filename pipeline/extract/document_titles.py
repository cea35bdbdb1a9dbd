"""An instrument's title as written, and one title per instrument of a set named by its topics."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from pipeline.extract.doc_index import sent_of
from pipeline.extract.document_types import DOC_TYPES, plural, topics_at
from pipeline.nlp.rules import cue_regex, lexicon


_TITLE_STOPS = lexicon("documents", "title_stops")
_TRAILING = cue_regex("documents", "title_trailing")
_BETWEEN_THEM = cue_regex("documents", "between_them")
_TOPIC_LIST_STOPS = lexicon("documents", "topic_list_stops")
_TOPICS_END = cue_regex("documents", "topics_trailing_conjunction")  # "on health, trade and"
_TOPICS_SPLIT = cue_regex("documents", "topics_split")
_TOPIC_ON = cue_regex("documents", "topic_on")
_LEADING_ARTICLE = cue_regex("common", "leading_article", any_case=True)
_TOPIC_LEAD = cue_regex("documents", "topic_lead")
_SET_TITLE_WORDS = lexicon("documents", "set_title_words")
_SET_TITLE_WINDOW = 8  # words from a set's noun to the end of its title at most
_PLACE_OR_DATE = ("DATE", "GPE", "CAPITAL", "COUNTRY", "LOC")  # entity labels that start a place or date phrase
_TITLE_PUNCT = (",", ";", "(", ")", ".", ":", "[", "]", "\u201c", "\u201d", '"')


def _noun_list_follows(doc: Doc, i: int, end: int) -> bool:
    """At a comma after a noun: the words after it are more nouns of one list, up to its "and"/"or"
    ("cooperation in economy, trade, science and youth")."""
    j = i + 1
    seen = False
    while j < end:
        t = doc[j]
        if t.lower_ in ("and", "or"):
            return seen and j + 1 < end and doc[j + 1].pos_ in ("NOUN", "PROPN", "ADJ")
        if t.text == "," or t.pos_ in ("NOUN", "PROPN", "ADJ"):
            seen = seen or t.pos_ in ("NOUN", "PROPN")
            j += 1
            continue
        return False
    return False


def _stop_word(t: Token, tok: Token, stop: set[int]) -> bool:
    """A word or mark that starts the rest of the clause ("signed", "which", "alongside", a comma)."""
    return t.i in stop or t.text in _TITLE_PUNCT or t.lower_ in _TITLE_STOPS


def _finite_verb(t: Token, tok: Token, stop: set[int]) -> bool:
    return t.pos_ == "AUX" or t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not t.text[:1].isupper()


def _relative_clause_subject(t: Token, tok: Token, stop: set[int]) -> bool:
    """"a contract Chile signed in 2019": a relative clause begins."""
    return t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("relcl", "acl") and t.head.i > t.i


def _time_phrase(t: Token, tok: Token, stop: set[int]) -> bool:
    """"the treaty this morning", "the accord on Friday" (not "the programme for 2023-2025")."""
    doc = tok.doc
    return t.ent_type_ in ("DATE", "TIME") and doc[t.i - 1].lower_ not in ("for", "of") and doc[t.i - 1].ent_type_ \
        not in ("DATE", "TIME") or t.dep_ == "npadvmod" and t.head.i != tok.i


def _next_item(t: Token, tok: Token, stop: set[int]) -> bool:
    """"the accord and a protocol", "the accord as well as": another item of a list ("Agreement between
    Ghana and the Republic of Togo" goes on past its "and")."""
    doc = tok.doc
    if not (t.lower_ in ("and", "as") and t.i > tok.i and (doc[t.i + 1].lower_ in ("a", "an", "the", "well") or
                                                          doc[t.i + 1].like_num)):
        return False
    between = any(x.lower_ == "between" for x in doc[tok.i + 1: t.i])
    return not (between and t.lower_ == "and" and tok.text[:1].isupper())


def _place_or_date_phrase(t: Token, tok: Token, stop: set[int]) -> bool:
    """"in Lima", "on 3 May", "on the 3rd": where or when it was signed, no part of the name."""
    doc = tok.doc
    return t.lower_ in ("in", "at", "on") and t.i + 1 < len(doc) and (
        doc[t.i + 1].ent_type_ in _PLACE_OR_DATE or doc[t.i + 1].lower_ == "the" and doc[t.i + 2].ent_type_ == "DATE")


def _signers_phrase(t: Token, tok: Token, stop: set[int]) -> bool:
    """"by the ministers", "with Peru", "to the press" (not "to promote ...": the instrument's aim)."""
    doc = tok.doc
    return t.lower_ in ("by", "with", "at", "to") and t.i > tok.i and not (
        t.lower_ == "to" and t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "VB")


# Where the name ends: the first word after the noun that one of these finds starts the rest of the clause.
_ENDS_TITLE: tuple[Callable[[Token, Token, set[int]], bool], ...] = (
    _stop_word, _finite_verb, _relative_clause_subject, _time_phrase, _next_item, _place_or_date_phrase,
    _signers_phrase)


def _title_start(tok: Token) -> int:
    """The first word of the name: after the determiners, numbers and marks before the noun ("an exchange of
    notes" keeps its "exchange of")."""
    doc = tok.doc
    left = tok.left_edge.i
    while left < tok.i and (doc[left].dep_ in ("det", "nummod", "poss", "case", "punct") or doc[left].is_punct
                            or doc[left].lower_ in ("a", "an", "the") or doc[left].ent_type_ == "ORDINAL"):
        left += 1
    if left >= 2 and doc[left - 1].lower_ == "of" and doc[left - 2].lower_ == "exchange":
        left -= 2  # "an exchange of notes on the loan"
    return left


def title(tok: Token, stop: set[int]) -> str:
    """The instrument's name as written: the noun, its modifiers and its 'on ...' complements, up to
    the first word that starts the rest of the clause (a verb, a date, a place, "alongside", "which")."""
    doc = tok.doc
    left = _title_start(tok)
    end = sent_of(tok).end
    right = tok.i
    for t in doc[tok.i + 1: end]:
        if t.text == "," and _noun_list_follows(doc, t.i, end):
            continue
        if any(ends(t, tok, stop) for ends in _ENDS_TITLE):
            break
        right = t.i
    text = doc[left: right + 1].text.strip()
    text = _BETWEEN_THEM.sub("", text)
    return _TRAILING.sub("", text)


def _topic_items(tok: Token, on_at: int) -> list[str]:
    """"agreements on A, B and C", "documents on X, on Y and on Z": the topics listed after "on" (token `on_at`)."""
    doc = tok.doc
    on = doc[on_at]
    end = sent_of(tok).end
    for t in doc[on.i + 1: end]:
        if t.text in (";", "(") or t.lower_ in _TOPIC_LIST_STOPS or t.ent_type_ in ("DATE", "TIME") or (
                t.lower_ in ("in", "at", "on") and t.i + 1 < len(doc) and doc[t.i + 1].ent_type_ in _PLACE_OR_DATE) \
                or _next_instrument(t) or t.pos_ == "AUX" or t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            end = t.i
            break
    rest = _TOPICS_END.sub("", doc[on.i + 1: end].text.strip(" ,.")).strip(" ,")
    items = [i for i in _TOPICS_SPLIT.split(rest) if i.strip()]
    if len(items) >= 2 and " and " in items[-1] and not items[-1].startswith("on "):
        items[-1:] = items[-1].rsplit(" and ", 1)
    return [_TOPIC_ON.sub("", i.strip()) for i in items]


def _next_instrument(t: Token) -> bool:
    """"agreements on health and on trade, and a memorandum on tourism": a determiner that opens the next
    instrument of the list ends the topics of this one."""
    doc = t.doc
    if t.lower_ not in ("a", "an", "the") or doc[t.i - 1].lower_ not in ("and", ",", "as", "well"):
        return False
    return any(DOC_TYPES.get(x.lower_) or DOC_TYPES.get(x.lemma_.lower()) for x in doc[t.i + 1: t.i + 4])


def _list_head(tok: Token) -> tuple[str, str]:
    """The words before the noun but its number ("bilateral"), and the noun in the singular ("MoU")."""
    doc = tok.doc
    head = " ".join(t.text for t in doc[tok.left_edge.i: tok.i] if t.dep_ != "nummod" and not t.like_num)
    head = _LEADING_ARTICLE.sub("", head)
    noun = tok.lemma_.lower() if tok.tag_ == "NNS" else tok.text
    if noun.endswith("s") and noun[:-1].lower() in DOC_TYPES:
        noun = noun[:-1]  # "MoUs" -> "MoU"
    return head, noun


def titles(tok: Token) -> list[str]:
    """One title per listed instrument: "documents on A, B and C" and "agreements on X, on Y and on Z"
    name three instruments each."""
    whole = title(tok, set())
    on_at = topics_at(tok)
    if on_at is None or not (plural(tok) or tok.lemma_.lower() == "document"):
        return [whole]
    items = _topic_items(tok, on_at)
    if len(items) < 2:
        return [whole]
    lead = _TOPIC_LEAD.match(items[0])
    head, noun = _list_head(tok)
    noun = " ".join([noun, *(t.text for t in tok.doc[tok.i + 1: on_at])])  # "memorandum of understanding"
    out = []
    for k, item in enumerate(items):
        if k and lead and not item.startswith(lead.group(1)):
            item = lead.group(0) + item  # "cooperation in energy, mining": "cooperation in mining"
        out.append(" ".join(w for w in (head, noun, "on", item) if w))
    return out


def set_title(tok: Token) -> str:
    """"major agreements and memorandums of understanding": the set's words, up to its verb."""
    doc = tok.doc
    end = tok.i + 1
    for conj in tok.conjuncts:
        if conj.i > tok.i:
            end = max(end, conj.i + 1)
    while end < len(doc) and doc[end].lower_ in _SET_TITLE_WORDS and end - tok.i < _SET_TITLE_WINDOW:
        end += 1
    start = tok.left_edge.i
    while start < tok.i and doc[start].pos_ in ("ADP", "DET", "CCONJ", "PUNCT"):
        start += 1
    return doc[start:end].text
