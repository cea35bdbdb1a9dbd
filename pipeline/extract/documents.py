"""Documents: treaties, agreements, memoranda, declarations, resolutions signed or adopted."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, cast

from spacy.tokens import Span, Token

from pipeline.extract.document_lists import build_headed_documents, build_listed_documents
from pipeline.nlp import places
from pipeline.extract.context import (own_clause_text, ArticleContext, city_after_preposition, date_fields,
                                      date_inferred, dates_in, evidence_span, fill_parties, group_countries,
                                      last_date_before, nearest_date, status_of, text_of)
from pipeline.extract.doc_index import countries_in, entities, places_in, sent_of, sentences
from pipeline.extract.rows import DocumentRow, Fact
from pipeline.nlp.rules import first_cue, has_cue, lexicon, matches_in, value_map
from pipeline.extract.slots import agent, clause_dates, phrase_date
from pipeline.nlp.temporal import DateMention

_TYPES = ("treaty", "agreement", "memorandum", "declaration", "joint_statement", "resolution", "protocol", "programme",
          "other")
_ALL_TYPES = {w: t for t in _TYPES for w in lexicon("documents", f"type_{t}")}
# Words that name an instrument only in their own shape ("joint statement", "Letter of Intent"): not
# trigger words by themselves (a press statement, a partnership as a relationship).
_SHAPED = {"statement", "statements", *lexicon("documents", "type_other")}
DOC_TYPES = {w: t for w, t in _ALL_TYPES.items() if w not in _SHAPED}
_ACTIONS = ("signed", "adopted", "approved", "ratified", "reached", "released")
ACTIONS = {w: a for a in _ACTIONS for w in lexicon("documents", f"action_{a}")}
_NUMBER_WORDS = value_map("common", "number_words")
_NOT_NEW = lexicon("documents", "not_new")
_NOT_DONE = frozenset({"in_progress", "talks", "not_signed", "expected"})  # labels of the common `unfinished` cues
# Phrases that date an instrument by another fact of the text ("during the visit").
LINKED_DATE = re.compile(r"\b(?:during|in the course of|at the end of|on the margins of|on the sidelines of|"
                         r"following|after)\s+(?:the|this|that|his|her|their)\s+(?:\w+\s+)?"
                         rf"(?:visit|trip|{'|'.join(sorted(lexicon('common', 'gatherings')))})\b|\bon that occasion\b|"
                         r"\b(?:after|following|during|at the end of)\s+(?:\w+\s+)?(?:talks|negotiations)\b", re.IGNORECASE)


Visit = Mapping[str, Any]  # a visit row (its published columns): documents signed during a visit take its dates


@dataclasses.dataclass(frozen=True)
class _Found:
    """A document row while the article is read: the row, where it was stated (`anchor`), whether it is a set
    of instruments of unknown size, and the anchor of the package row that lists it, if any."""

    row: DocumentRow
    anchor: int
    is_set: bool = False
    member_of: int | None = None

    def with_columns(self, **columns: Any) -> _Found:
        return dataclasses.replace(self, row=cast(DocumentRow, {**self.row, **columns}))


def _doc_type(tok: Token) -> str | None:
    if tok.lower_ == "plan" and not any(c.lower_ in ("action", "joint") for c in tok.children) \
            and not (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in ACTIONS):
        return None  # a bare "plan" is an intention; an "action plan" / "joint plan" / a signed plan is an instrument
    if tok.lemma_.lower() == "document":  # "documents on X, Y and Z": instruments named by their topic
        return "other" if _next_word(tok) == "on" else None
    word = tok.lower_ if tok.lower_ in _ALL_TYPES else tok.lemma_.lower()
    dtype = _ALL_TYPES.get(word)
    if dtype == "joint_statement" and word.startswith("statement"):
        return dtype if _joint(tok) or _named_statement(tok) else None
    if dtype == "other":
        return _other_instrument(tok, word)
    return dtype


def _joint(tok: Token) -> bool:
    """"a joint statement", "the Joint German-Polish statement": joint, not one side's press statement."""
    doc = tok.doc
    return any(doc[i].lower_ == "joint" for i in range(max(sent_of(tok).start, tok.left_edge.i, tok.i - 4), tok.i))


def _named_statement(tok: Token) -> bool:
    """"the Statement of Partnership", "Statement on Strategic Cooperation": a named instrument."""
    return tok.text[:1].isupper() and _next_word(tok) in ("of", "on") and tok.i + 2 < len(tok.doc) \
        and tok.doc[tok.i + 2].text[:1].isupper()


def _other_instrument(tok: Token, word: str) -> str | None:
    """Words that name an instrument only in their own shape: "the Green Growth Partnership" (named, and
    signed: not "strategic partnership", a relationship), "a letter of intent", "an exchange of notes"."""
    doc = tok.doc
    if word == "partnership":
        named = tok.text[:1].isupper() and tok.dep_ != "compound" and tok.i > sent_of(tok).start \
            and doc[tok.i - 1].text[:1].isupper() and doc[tok.i - 1].lower_ not in ("strategic", "the")
        return "other" if named else None
    if word == "letter":
        return "other" if _next_word(tok) == "of" and tok.i + 2 < len(doc) and doc[tok.i + 2].pos_ in ("NOUN", "PROPN") \
            else None
    if word in ("note", "notes"):  # "exchange of notes", "an exchange note", "notes were exchanged"
        before = doc[max(0, tok.i - 2): tok.i].text.lower()
        return "agreement" if "exchange" in before or tok.head.lemma_ == "exchange" else None
    return None


def _candidates(sent: Span) -> list[Token]:
    """The sentence's instrument words (patterns of frame `instrument` in pipeline/rules/documents.yaml),
    plus "documents" (named by their topic: "documents on A, B and C")."""
    found = {m.start for m in matches_in(sent.doc, "documents", sent.start, sent.end, {"instrument"})}
    found.update(t.i for t in sent if t.lower_ in ("document", "documents"))
    return [sent.doc[i] for i in sorted(found)]


def _next_word(tok: Token) -> str:
    return tok.doc[tok.i + 1].lower_ if tok.i + 1 < sent_of(tok).end else ""


def _counted(tok: Token) -> bool:
    """"thirteen memoranda", "More than forty agreements and memoranda": a count, not an instrument."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    for n in {tok, node}:
        if any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") and not _is_year(c) for c in n.children):
            return True
    return False


_PART_NOUNS = lexicon("documents", "part_of")


def _participle_of(verb: Token, tok: Token) -> bool:
    """A participle after the instrument that signs it: no clause of its own ("the Treaty, signed in
    1990"), or a passive whose subject is the instrument or a part of it ("the second phase of the Free
    Trade Agreement was signed"), not another thing ("the study of the accord would be concluded")."""
    if not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return True
    subj = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subj is None or subj.i == tok.i:
        return True
    return subj.lemma_.lower() in _PART_NOUNS and tok.head.dep_ == "prep" and tok.head.head.i == subj.i


def _is_year(tok: Token) -> bool:
    """"the 1977 Agreement": a year in the name, not a count."""
    return len(tok.text) == 4 and tok.text.isdigit() and tok.text.startswith(("19", "20"))


def _action_of(tok: Token) -> tuple[str, Token] | None:
    """The verb that signs/adopts the instrument `tok`, if the clause says so."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ in ("dobj", "nsubjpass", "pobj", "appos") and head.lemma_ in ACTIONS:
        return ACTIONS[head.lemma_], head
    if node.dep_ == "appos" and head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_ in ACTIONS:
        return ACTIONS[head.head.lemma_], head.head  # "signed one of the key documents - a declaration on X"
    if node.dep_ == "dobj" and head.lemma_ in ("include", "comprise"):  # "the accords signed include a pact on X"
        for t in (t for c in head.children if c.dep_ == "nsubj" for t in c.subtree):
            verb = next((c for c in t.children if c.dep_ in ("acl", "relcl") and c.lemma_ in ACTIONS), None)
            if verb is not None and _doc_type(t) is not None:
                return ACTIONS[verb.lemma_], verb
    if node.dep_ in ("nsubj", "nsubjpass"):  # "a dozen MoUs are expected to be signed", "are due to be signed"
        act = next((c for c in head.children if c.dep_ == "xcomp" and c.lemma_ in ACTIONS), None)
        if act is not None:
            return ACTIONS[act.lemma_], act
    if node.dep_ == "pobj" and head.dep_ == "prep" and head.head.lemma_ in ACTIONS:
        return ACTIONS[head.head.lemma_], head.head
    if node.dep_ == "pobj" and head.lower_ in ("including", "among") and head.head.i != tok.i \
            and _doc_type(head.head) is not None:  # "signed five agreements, including a pact on X"
        return _action_of(head.head)
    for child in tok.children:  # "with a joint statement expected at the end of the talks": planned
        if child.dep_ in ("acl", "amod") and child.lower_ == "expected" and _ALL_TYPES.get(tok.lemma_.lower()) == \
                "joint_statement":
            return "released", child
    for child in tok.children:  # "the agreement, signed in Budapest" / "an agreement reached between"
        if child.dep_ in ("acl", "relcl", "amod") and child.lemma_ in ACTIONS and not (
                child.dep_ == "amod" and tok.tag_ == "NNS"):  # "newly-inked agreements": generic, not one
            return ACTIONS[child.lemma_], child
    # "(dated February 2017)": a participle a few words after the noun
    for t in tok.doc[tok.i + 1: min(tok.i + 14, sent_of(tok).end)]:
        if t.lower_ in ("signed", "dated", "adopted", "concluded", "inked", "reached") and t.tag_ in ("VBN", "VBD") \
                and _participle_of(t, tok):
            return ACTIONS[t.lemma_ if t.lemma_ in ACTIONS else "sign"], t
        if t.text in (".", ";"):
            break
    if node is not tok and _doc_type(node) is not None:  # "the Agreement ..., signed in 2008, and the agreement of 2010"
        for child in node.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_ in ACTIONS:
                return ACTIONS[child.lemma_], child
    if node.dep_ == "pobj" and head.lower_ in ("under", "according") and _named(tok):
        return "signed", tok
    if tok.i >= 2 and tok.doc[tok.i - 1].text in ("[", "(") and tok.doc[tok.i - 2].is_quote:
        return _action_of_quoted(tok.doc[tok.i - 2])
    return None


def _action_of_quoted(quote: Token) -> tuple[str, Token] | None:
    """"signed the 'Tratado de Cooperacion' [Treaty on Cooperation]": a translation in brackets after a quoted
    name in another language is the instrument the verb signs (the parser joins it to nothing)."""
    start = sent_of(quote).start
    inside = next((t for t in reversed(quote.doc[start: quote.i]) if not t.is_punct), None)
    if inside is None:
        return None
    for node in (inside, *inside.ancestors):
        if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_ in ACTIONS:
            return ACTIONS[node.head.lemma_], node.head
    return None


def _action_of_whole(tok: Token) -> tuple[str, Token] | None:
    """"signed a package of 13 documents", "a set of five agreements was signed": the verb that signs the set
    the counted instruments are part of."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _PART_NOUNS and head.head.i != tok.i:
        return _action_of(head.head)
    return None


_ORDINALS = value_map("common", "ordinals")
_TOPIC_VERBS = re.compile(r"^(?:involv|concern|cover|focus|deal|relat|address|regard|aim|provid|establish|set)", re.IGNORECASE)


def _ordinal_member_topic(tok: Token, rows: list[_Found]) -> str | None:
    """"The second deal involves the upgrade of border posts" after "signed three agreements": the
    member's topic ("upgrade of border posts"), or None when `tok` is no ordinal member of a package."""
    if tok.tag_ not in ("NN", "NNP") or not any(r.row.get("count") for r in rows):
        return None
    if not any(c.dep_ == "amod" and c.lower_ in _ORDINALS for c in tok.children) or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    doc, end = tok.doc, sent_of(tok).end
    verb = next((t for t in doc[tok.i + 1: min(end, tok.i + 5)] if _TOPIC_VERBS.match(t.lower_)), None)
    if verb is None:
        return None
    start = verb.i + 1
    if start < end and doc[start].lower_ in ("on", "with", "to", "at"):
        start += 1
    words: list[Token] = []
    for t in doc[start:end]:
        if t.text in (",", ";", ".", "(", ":") or t.lower_ in ("which", "that", "while") and words:
            break
        words.append(t)
    while words and words[0].dep_ == "det":
        words = words[1:]
    return doc[words[0].i: words[-1].i + 1].text if words else None


_IN_FORCE = re.compile(r"\b(?:entry into force|entered into force|in force|came into force|ratification|"
                       r"anniversary|basis (?:of|for))\b", re.IGNORECASE)
_STANDING_TYPES = {"treaty", "agreement", "protocol", "memorandum", "declaration"}


def _standing_instrument(ctx: ArticleContext, sent: Span, tok: Token) -> bool:
    """An instrument named without a signing verb, as the subject or object of another clause ("the
    Treaty on Friendship is the basis of relations", "welcomed the entry into force of the Agreement on
    Customs Assistance", "along with the Chilean-Peruvian Border Treaty"): a document in force. Kept when
    it is named (capitalised, with a capitalised modifier or complement) and bilateral: its name gives the
    article's two states or its own year, or the clause says it is in force."""
    if DOC_TYPES.get(tok.lemma_.lower()) not in _STANDING_TYPES and DOC_TYPES.get(tok.lower_) not in _STANDING_TYPES:
        return False
    if not tok.text[:1].isupper() or tok.tag_ not in ("NNP", "NN") or tok.dep_ == "compound" or len(ctx.pair) < 2:
        return False
    doc = tok.doc
    left = [t for t in doc[tok.left_edge.i: tok.i] if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN")
            and t.dep_ != "det"]
    comp = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "of", "between", "regarding",
                                                                           "concerning", "for")]
    named_right = any(any(t.text[:1].isupper() for t in c.subtree) for c in comp)
    if not left and not named_right:
        return False
    span = doc[tok.left_edge.i: tok.right_edge.i + 1]
    states = countries_in(span)
    if not set(states) <= set(ctx.pair) and states:
        return False
    own_year = any(_is_year(t) for t in doc[tok.left_edge.i: tok.i])
    return len(states) == 2 or own_year or bool(_IN_FORCE.search(text_of(sent)))


# Names followed by the years in brackets, before a plural instrument word: "Lima (2015 and 2019) and Quito (2017) ".
_BRACKETED_RUN = re.compile(r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*\s*\([^()]{4,40}\)\s*(?:,\s*(?:and\s+)?|and\s+)?)+$")
_BRACKETED_ITEM = re.compile(r"(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)\s*\((?P<years>[^()]{4,40})\)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_BRACKETED_WINDOW = 300  # characters before the instrument word: bounds the search on a long sentence


def _bracketed_years(ctx: ArticleContext, sent: Span, tok: Token, dtype: str,
                     visits: Sequence[Visit]) -> list[_Found] | None:
    """"the Lima (2015 and 2019) and Quito (2017) declarations": one instrument per place and year ("Lima
    Declaration" of 2015, of 2019, "Quito Declaration" of 2017), dated by its year; None when the plural
    instrument word has no such names before it."""
    if tok.tag_ not in ("NNS", "NNPS") or tok.i == 0 or tok.doc[tok.i - 1].text != ")":
        return None
    text = ctx.article.text
    run = _BRACKETED_RUN.search(text, max(sent.start_char, tok.idx - _BRACKETED_WINDOW), tok.idx)
    if run is None:
        return None
    items = [(m.group("name"), y) for m in _BRACKETED_ITEM.finditer(text, run.start(), run.end())
             for y in _YEAR.finditer(text, m.start("years"), m.end("years"))]
    if not items:
        return None
    act = _action_of(tok)
    action, verb = act if act is not None else ("signed", tok)
    if act is not None and status_of(own_clause_text(sent_of(verb), verb)) is None:
        return None
    base = _rows_for(ctx, sent, tok, dtype, action, verb, visits, own_date_only=True)
    if not base:
        return None
    # the places that name the instruments ("Quito") are no parties: the states of the rest of the sentence
    found = [p.iso3 for p in places_in(sent) if not run.start() <= p.token.idx < run.end()]
    parties, filled = fill_parties(ctx, list(dict.fromkeys(found + group_countries(ctx, text_of(sent)))))
    inferred = [c for c in base[0].row["inferred_fields"] if c != "parties"] + ["parties"] * filled
    noun = tok.lemma_.lower()
    noun = noun[:1].upper() + noun[1:]
    out = []
    for name, year in items:
        name = re.sub(r"^(?:The|These|Both)\s+", "", name)
        stated = [d for d in dates_in(ctx, year.start(), year.end()) if d.precision == "year"]
        y = int(year.group())
        date = stated[0] if stated else DateMention(year.start(), year.end(), year.group(), dt.date(y, 1, 1),
                                                    dt.date(y, 12, 31), "year", "explicit")
        row = base[0].with_columns(title=f"{name} {noun}", doc_type=dtype, status="occurred", **date_fields(date),
                                   parties=sorted(set(parties)), inferred_fields=inferred,
                                   extractor=f"documents.{action}" if act is not None else "documents.named")
        out.append(dataclasses.replace(row, anchor=year.start(), is_set=False))
    return out


def _announces_list(sent: Span, tok: Token) -> bool:
    """"signed the following documents:": a plural instrument word that announces the list under it."""
    return any(c.lower_ == "following" for c in tok.children) and text_of(sent).rstrip().endswith(":")


def _describes_previous(tok: Token, named: Token | None) -> bool:
    """"signed the Harbour Accord, a new framework agreement between the two ports": an indefinite
    instrument after a comma that follows a named one describes it (an apposition), not a second one."""
    if named is None or not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
        return False
    between = tok.doc[named.i + 1: tok.left_edge.i]
    return bool(len(between)) and between[-1].text == "," and not any(t.lower_ in ("and", "as", ";") for t in between)


def _in_force_already(tok: Token) -> bool:
    """"to implement the agreements reached", "the implementation of the accord": an instrument acted on,
    not signed in this clause."""
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    head = node.head
    if node.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i != node.i and head.lemma_.lower() in _NOT_NEW


def _listed_after(tok: Token) -> bool:
    """"..., an agreement on X and a programme of Y": the instrument continues a list."""
    i = tok.i - 1
    while i >= sent_of(tok).start and tok.doc[i].dep_ in ("det", "amod", "compound", "nummod") and i >= tok.left_edge.i:
        i -= 1
    return i >= sent_of(tok).start and tok.doc[i].lower_ in ("and", ",", "as well as")


def _named(tok: Token) -> bool:
    """An instrument given by name ("the Agreement on Transit Trade"), not an anaphor ("the protocol")
    or a scheme named by a proper noun ("the Stipendium Hungaricum programme")."""
    return tok.text[:1].isupper() or any(c.dep_ == "prep" and c.lower_ in ("on", "of", "between")
                                         for c in tok.children)


_TITLE_STOPS = {"signed", "dated", "which", "that", "during", "alongside", "amid", "worth", "while", "after", "before",
                "following", "including", "through", "since", "because", "when", "where", "who", "whose", "aimed",
                "designed", "expected", "valued", "as", "if", "unless", "although", "but", "so"}


def _noun_list_follows(doc, i: int, end: int) -> bool:
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


def _title(tok: Token, stop: set[int]) -> str:
    """The instrument's name as written: the noun, its modifiers and its 'on ...' complements, up to
    the first word that starts the rest of the clause (a verb, a date, a place, "alongside", "which")."""
    doc = tok.doc
    left = tok.left_edge.i
    while left < tok.i and (doc[left].dep_ in ("det", "nummod", "poss", "case", "punct") or doc[left].is_punct
                            or doc[left].lower_ in ("a", "an", "the") or doc[left].ent_type_ == "ORDINAL"):
        left += 1
    if left >= 2 and doc[left - 1].lower_ == "of" and doc[left - 2].lower_ == "exchange":
        left -= 2  # "an exchange of notes on the loan"
    end = sent_of(tok).end
    right = tok.i
    for t in doc[tok.i + 1: end]:
        if t.text == "," and _noun_list_follows(doc, t.i, end):
            continue
        if t.i in stop or t.text in (",", ";", "(", ")", ".", ":", "[", "]", "\u201c", "\u201d", '"') or (
                t.lower_ in _TITLE_STOPS):
            break
        if t.pos_ == "AUX" or t.tag_ in ("VBD", "VBZ", "VBP", "MD") and not t.text[:1].isupper():
            break
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("relcl", "acl") and t.head.i > t.i:
            break  # "a contract Chile signed in 2019": a relative clause begins
        if t.ent_type_ in ("DATE", "TIME") and doc[t.i - 1].lower_ not in ("for", "of") and doc[t.i - 1].ent_type_ not in (
                "DATE", "TIME") or t.dep_ == "npadvmod" and t.head.i != tok.i:
            break  # "the treaty this morning", "the accord on Friday" (not "the programme for 2023-2025")
        if t.lower_ in ("and", "as") and t.i > tok.i and (doc[t.i + 1].lower_ in ("a", "an", "the", "well") or
                                                         doc[t.i + 1].like_num):
            between = any(x.lower_ == "between" for x in doc[tok.i + 1: t.i])
            if not (between and t.lower_ == "and" and tok.text[:1].isupper()):
                break  # "Agreement between Japan and the Republic of ..." goes on past its "and"
        if t.lower_ in ("in", "at", "on") and t.i + 1 < len(doc) and (doc[t.i + 1].ent_type_ in (
                "DATE", "GPE", "CAPITAL", "COUNTRY", "LOC")
                                                                      or doc[t.i + 1].lower_ == "the" and doc[t.i + 2].ent_type_ == "DATE"):
            break
        if t.lower_ in ("by", "with", "at", "to") and t.i > tok.i and not (
                t.lower_ == "to" and t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "VB"):
            break
        right = t.i
    title = doc[left: right + 1].text.strip()
    title = re.sub(r"\s+between\s+(?:them|us|themselves)$", "", title)
    return re.sub(r"(?:\s+(?:for|of|in|on|at|from|to|and|or|the|dated|signed|between|also))+$", "", title)


def _issuer(verb: Token, tok: Token) -> Span | None:
    """Who signed or adopted, when not a person: the verb's active subject, else its passive's agent."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    s = subj[0] if subj else agent(verb)
    if s is None:
        return None
    if s.ent_type_ == "PERSON" or s.pos_ == "PRON":
        return None
    span = tok.doc[s.left_edge.i: s.right_edge.i + 1]
    return span


def _split_by_dates(ctx: ArticleContext, sent: Span, verb: Token) -> list[tuple[int, int]]:
    """'In 2012, A, and in 2017, B adopted X': one segment per coordinated, separately dated subject."""
    pre = (sent.start_char, verb.idx)
    ds = dates_in(ctx, *pre)
    if len(ds) < 2:
        return [(sent.start_char, sent.end_char)]
    bounds = []
    for i, d in enumerate(ds):
        lo = d.start
        hi = ds[i + 1].start if i + 1 < len(ds) else sent.end_char
        bounds.append((lo, hi))
    return bounds


def build_documents(ctx: ArticleContext, visits: Sequence[Visit] = ()) -> list[Fact[DocumentRow]]:
    """The article's documents in text order; a package's members point to their package row (`Fact.package`)."""
    rows: list[_Found] = []
    for sent in sentences(ctx.doc):
        last_act = None
        last_named: Token | None = None
        for tok in _candidates(sent):
            dtype = _doc_type(tok)
            if dtype is None or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            years = _bracketed_years(ctx, sent, tok, dtype, visits)
            if years is not None:  # "the Lima (2015 and 2019) and Quito (2017) declarations": one per year
                rows.extend(years)
                continue
            if _counted(tok):
                continue
            if tok.lower_ == "memorandum" and tok.dep_ == "compound":
                continue
            if _refers_to_package(tok, rows) or _refers_back(tok) or _in_force_already(tok):
                continue
            if tok.dep_ == "appos" and _doc_type(tok.head) is not None or _describes_previous(tok, last_named):
                continue  # "the Blue Partnership, an expanded Statement of Partnership": one instrument
            if tok.dep_ == "conj" and _uncounted_plural(tok.head):
                continue  # "agreements and memorandums": one set, read with its first word
            if _announces_list(sent, tok):
                continue  # "signed the following documents:": the lines below name them (document_lists)
            topic = _ordinal_member_topic(tok, rows)
            if topic is not None:  # "The second deal involves X": a member of the package told before
                member = _rows_for(ctx, sent, tok, dtype, "signed", tok, visits)[:1]
                rows.extend(r.with_columns(title=f"{tok.lower_} on {topic}", status="occurred") for r in member)
                continue
            act = _action_of(tok) or (last_act if _listed_after(tok) else None)
            if act is None and _standing_instrument(ctx, sent, tok):  # "the 1999 Treaty between A and B"
                rows.extend(r.with_columns(status="occurred", extractor="documents.named")
                            for r in _rows_for(ctx, sent, tok, dtype, "signed", tok, visits, own_date_only=True))
                continue
            if act is None:
                continue
            last_act = act
            last_named = tok if _named(tok) and tok.text[:1].isupper() else None
            action, verb = act
            local = sent.doc[max(sent.start, tok.i - 4): min(sent.end, tok.i + 3)].text
            clause_text = text_of(sent)
            if has_cue("common", "unfinished", local, _NOT_DONE) or \
                    status_of(own_clause_text(sent_of(verb), verb)) is None:
                continue
            if re.search(r"\bdraft\b", clause_text, re.IGNORECASE) and re.search(r"\bnot\b", clause_text):
                continue
            rows.extend(_rows_for(ctx, sent, tok, dtype, action, verb, visits))
        rows.extend(_packages(ctx, sent, visits))
    listed = [_Found(f.row, int(f.anchor)) for f in (*build_listed_documents(ctx, lambda word: DOC_TYPES.get(word)),
                                                *build_headed_documents(ctx, lambda word: DOC_TYPES.get(word)))]
    rows = [r for r in rows if r.row["extractor"] != "documents.named" or not any(  # the list's own reading wins
        h.row["char_start"] < r.row["char_end"] and r.row["char_start"] < h.row["char_end"] for h in listed)]
    read = list(rows)
    for found in listed:
        if not any(r.row["char_start"] < found.row["char_end"] and found.row["char_start"] < r.row["char_end"]
                   for r in read):
            rows.append(found)
    rows.extend(_page_statement(ctx, [r.row for r in rows]))
    rows = sorted(_drop_restated(_dedupe(rows)),
                  key=lambda r: (r.row["char_start"], r.row.get("count") is None, r.anchor))
    rows = [dataclasses.replace(r, row=cast(DocumentRow, {"organisations": [], **r.row}))
            for r in _carry_dates(_undate_restated_headlines(rows), visits)]
    return _link_members(rows)


def _name_words(title: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z][\w-]+", title)} - set(DOC_TYPES) - {"the", "of", "on", "and"}


def _drop_restated(found: list[_Found]) -> list[_Found]:
    """An undated instrument named without a signing verb ("the Chile-Peru Fisheries Accord") that shares
    two name words with a signed one of the same kind and parties ("the Accord between Chile and Peru on
    Fisheries and Aquaculture") is that instrument named again."""
    restating = ("documents.named", "documents.listing")
    signed = [f.row for f in found if f.row["extractor"] not in restating]
    found = [f for f in found if f.row["extractor"] not in restating or f.row.get("date_start") is not None or not any(
        o["doc_type"] == f.row["doc_type"] and sorted(o["parties"]) == sorted(f.row["parties"])
        and len(_name_words(o["title"]) & _name_words(f.row["title"])) >= 2 for o in signed)]
    # "companies signed agreements worth $2bn ... Twelve investment agreements were signed": the set
    # of unknown size is the counted package told near it.
    packages = [f.row for f in found if f.row.get("count") is not None]
    return [f for f in found if not f.is_set or not any(_same_signing(p, f.row) for p in packages)]


def _same_signing(p: DocumentRow, r: DocumentRow) -> bool:
    """Same parties, status and day (when both are dated), told near each other."""
    return sorted(p["parties"]) == sorted(r["parties"]) and p.get("status") == r.get("status") \
        and abs(p["char_start"] - r["char_start"]) <= _CARRY_WINDOW \
        and (p.get("date_start") is None or r.get("date_start") is None or p["date_start"] == r["date_start"])


_PAGE_STATEMENT = re.compile(r"\bjoint\s+(?:[\w-]+\s+){0,3}(?:statement|communiqu[eé]|declaration)\b", re.IGNORECASE)


def _page_statement(ctx: ArticleContext, rows: list[DocumentRow]) -> list[_Found]:
    """A page that is itself a joint statement ("Joint Statement of the Presidents of Chile and Peru" as
    its headline, the statement as its text): one row titled by the headline, dated by the first day its
    text gives (else the publication day), with the text's first sentence as evidence."""
    title = ctx.article.title or ""
    if not _PAGE_STATEMENT.search(title) or len(ctx.pair) < 2 or any(
            r["doc_type"] in ("joint_statement", "declaration") for r in rows):
        return []
    first = next((x for x in sentences(ctx.doc) if text_of(x).strip()), None)
    if first is None:
        return []
    s, e = evidence_span(first)
    para_end = ctx.article.text.find("\n", e)
    day = next((d for d in dates_in(ctx, s, para_end if para_end != -1 else len(ctx.article.text))
                if d.precision == "day" and d.date_start is not None), None)
    if day is None and ctx.article.published_date is not None:
        published = ctx.article.published_date
        day = DateMention(-1, -1, "", published, published, "day", "inferred")
    dtype = "declaration" if re.search(r"declaration", title, re.IGNORECASE) else "joint_statement"
    row: DocumentRow = {
        "char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "title": title.strip(), "doc_type": dtype,
        "action": "released", "parties": sorted(ctx.pair), "issuer": None, "place": None, "status": "occurred",
        **date_fields(day), "extractor": "documents.page", "inferred_fields": ["parties"] + date_inferred(day, (s, e))}
    return [_Found(row, s)]


_MEMBER_TYPES = {"agreement", "memorandum", "protocol", "treaty", "programme", "declaration", "other"}


def _link_members(found: list[_Found]) -> list[Fact[DocumentRow]]:
    """Package members: the instruments listed with the package ("four MoUs on A, B, C and D"), else those told
    in the package's sentence ("signed five agreements, including a pact on X") or after it, before the next
    package ("The MoU on health was signed by ..."), of the same status and day, up to the package's count.
    Each member's `Fact.package` is the package row's index."""
    packages = {f.anchor: i for i, f in enumerate(found) if f.row.get("count") is not None}
    package: list[int | None] = [packages.get(f.member_of) if f.member_of is not None else None for f in found]
    listing = {f.member_of for f in found}
    for i, pkg in enumerate(found):
        count = pkg.row.get("count")
        if count is None or pkg.anchor in listing:
            continue
        members = 0
        for k in range(i + 1, len(found)):
            r = found[k].row
            if r.get("count") is not None or members >= count:
                break
            if r["char_start"] - pkg.row["char_end"] > _CARRY_WINDOW:
                break
            same_day = r.get("date_start") is None or pkg.row.get("date_start") is None or (
                r["date_start"] == pkg.row["date_start"] and r.get("date_end") == pkg.row.get("date_end"))
            if package[k] is None and r.get("status") == pkg.row.get("status") and same_day \
                    and r["doc_type"] in _MEMBER_TYPES and sorted(r["parties"]) == sorted(pkg.row["parties"]):
                package[k] = i
                members += 1
    return [Fact(f.row, f.anchor, package=package[k]) for k, f in enumerate(found)]


_CARRY_WINDOW = 3000  # characters: the signings a story lists after its dated lead


_ANNIVERSARY = re.compile(r"\banniversary\b", re.IGNORECASE)  # "the 20th anniversary of the signing of X": not signed now


def _carry_dates(found: list[_Found], visits: Sequence[Visit] = ()) -> list[_Found]:
    """"Ministers X and Y also signed a protocol on ...": an undated signing in the sentences after a
    dated signing or visit took place at the same ceremony or during that visit (the date is marked
    inferred)."""
    out: list[_Found] = []
    for f in found:
        row = f.row
        if row.get("date_start") is None and row.get("status") == "occurred" and not _ANNIVERSARY.search(row["evidence"]) \
                and row["extractor"] != "documents.named":  # an instrument in force is not signed at the day's event
            earlier: list[Mapping[str, Any]] = sorted([*(o.row for o in out), *visits], key=lambda r: r["char_start"])
            prev = next((r for r in reversed(earlier) if r.get("date_start") is not None and r.get("status") == "occurred"
                         and r["date_precision"] == "day" and r["char_end"] <= row["char_start"]
                         and row["char_start"] - r["char_start"] <= _CARRY_WINDOW), None)
            if prev is not None:
                f = f.with_columns(**{k: prev[k] for k in ("date_start", "date_end", "date_precision", "date_text",
                                                           "date_source")},
                                   inferred_fields=sorted(set(row.get("inferred_fields") or []) | {"date_start",
                                                                                                  "date_end"}))
        out.append(_narrowed_to_signing_day(f, [o.row for o in out], visits))
    return out


def _narrowed_to_signing_day(f: _Found, earlier: list[Mapping[str, Any]], visits: Sequence[Visit]) -> _Found:
    """"Chile and Peru signed four MoUs on Tuesday, the visit's second day. Two of the MoUs signed during the
    visit ...": a signing dated by a visit of several days takes the day an earlier signing of that visit
    names (marked inferred)."""
    row = f.row
    start, end = row.get("date_start"), row.get("date_end")
    if start is None or end is None or start == end or row.get("status") != "occurred" \
            or not any(v.get("date_start") == start and v.get("date_end") == end for v in visits):
        return f
    prev = next((r for r in reversed(earlier) if r.get("status") == "occurred" and r.get("date_precision") == "day"
                 and r.get("date_start") is not None and start <= r["date_start"] == r["date_end"] <= end
                 and row["char_start"] - r["char_start"] <= _CARRY_WINDOW), None)
    if prev is None:
        return f
    return f.with_columns(**{k: prev[k] for k in ("date_start", "date_end", "date_precision", "date_text", "date_source")},
                          inferred_fields=sorted(set(row.get("inferred_fields") or []) | {"date_start", "date_end"}))


def _refers_to_package(tok: Token, rows: list[_Found]) -> bool:
    """"the agreements", "these MoUs" after "signed five agreements" or after instruments already read:
    those instruments named again (a package's members described by their areas), not new ones."""
    plural = tok.tag_ in ("NNS", "NNPS") or tok.lower_.endswith("s")
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children)
    return plural and definite and bool(rows)


def _status(sent: Span, verb: Token) -> str:
    """The signing clause's status, without the relative clauses inside it ("signed the agreement on
    ships that will operate between the two countries" is done, not planned)."""
    if verb.lower_ == "expected" and verb.dep_ in ("acl", "amod"):
        return "planned"
    return status_of(own_clause_text(sent, verb)) or "occurred"


def _uncounted_plural(tok: Token) -> bool:
    """A plural instrument word with no number, no determiner, no name and no topic list ("signed major
    agreements", "agreements were reached and signed"): a set of instruments of unknown size."""
    if not (tok.tag_ in ("NNS", "NNPS") or tok.lower_.endswith("s")) or tok.text[:1].isupper() and tok.lower_ != "mous":
        return False
    if DOC_TYPES.get(tok.lemma_.lower()) == "resolution":
        return False  # resolutions are adopted one by one, each by its body
    if any(c.dep_ in ("nummod", "poss") for c in tok.children):
        return False
    mixed = any(DOC_TYPES.get(c.lemma_.lower()) not in (None, DOC_TYPES.get(tok.lemma_.lower()))
                for c in tok.conjuncts)  # "the agreements and memoranda which will be signed today"
    if not mixed and any(c.dep_ == "det" for c in tok.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ in ("on", "between") for c in tok.children) \
        and _next_word(tok) not in ("on", "between")


def _set_title(tok: Token) -> str:
    """"major agreements and memorandums of understanding": the set's words, up to its verb."""
    doc = tok.doc
    end = tok.i + 1
    for conj in tok.conjuncts:
        if conj.i > tok.i:
            end = max(end, conj.i + 1)
    while end < len(doc) and doc[end].lower_ in ("of", "understanding", "cooperation") and end - tok.i < 8:
        end += 1
    start = tok.left_edge.i
    while start < tok.i and doc[start].pos_ in ("ADP", "DET", "CCONJ", "PUNCT"):
        start += 1
    return doc[start:end].text


def _refers_back(tok: Token) -> bool:
    """"the signing of this important agreement": an instrument named before, not a new one."""
    named = tok.text[:1].isupper()
    return not named and any(c.dep_ == "det" and c.lower_ in ("this", "that", "such") for c in tok.children)


def _rows_for(ctx, sent, tok, dtype, action, verb, visits, own_date_only=False) -> list[_Found]:
    segments = _split_by_dates(ctx, sent, verb) if dtype == "resolution" else [(sent.start_char, sent.end_char)]
    out = []
    s, e = evidence_span(sent)
    for lo, hi in segments:
        seg = sent.doc.char_span(lo, hi, alignment_mode="expand") or sent
        date = _own_date(ctx, tok) if own_date_only else \
            _document_date(ctx, sent, tok, verb, (lo, hi) if len(segments) > 1 else None, visits)
        issuer_span = _issuer(verb, tok) if len(segments) == 1 else _segment_subject(seg)
        if dtype == "resolution":
            parties = countries_in(issuer_span) if issuer_span is not None else []
            if not parties:
                before = sent.doc.char_span(sent.start_char, verb.idx, alignment_mode="expand")
                parties = countries_in(before)[:1] if before is not None else []
            parties, filled = (parties[:1], False) if parties else (list(ctx.pair[:1]), bool(ctx.pair))
        organisations, org_states, intergovernmental = _organisations(tok, verb)
        if dtype != "resolution":
            parties = _party_countries(sent, tok)
            group = group_countries(ctx, text_of(sent))
            parties = list(dict.fromkeys(parties + group + org_states))
            # "between the European Union and Chile": the other party is no state, nothing to fill in
            parties, filled = (parties, False) if intergovernmental and parties else fill_parties(ctx, parties)
        city = city_after_preposition(sent)
        place = city.text if city is not None else _visit_city(ctx, sent, visits)
        issuer = _issuer_text(issuer_span)
        if _uncounted_plural(tok):  # "signed major agreements across fields": a set of unknown size
            dtype, titles, is_set = "other", [_set_title(tok)], True
        else:
            titles, is_set = _titles(tok), False
        for title in titles:
            row: DocumentRow = {
                "char_start": s, "char_end": e, "evidence": ctx.article.text[s:e], "title": title,
                "doc_type": dtype, "action": action, "parties": sorted(set(parties)), "issuer": issuer,
                "place": place, "status": _status(sent, verb),
                **date_fields(date), "extractor": f"documents.{action}",
                "inferred_fields": ["parties"] * filled + date_inferred(date, (s, e)), "organisations": organisations,
            }
            out.append(_Found(row, tok.idx, is_set=is_set))
    return out


_BACKGROUND_PREPS = {"amid", "after", "following", "despite", "against", "since", "before", "during", "over"}


def _party_countries(sent: Span, tok: Token) -> list[str]:
    """The states of the signing sentence, without those named only in its background ("a contract
    Chile signed in 2019 amid Peru's border dispute with Bolivia": Peru and Bolivia are no parties)."""
    keep = []
    tok_path = {tok.i, *(a.i for a in tok.ancestors)}
    for p in places_in(sent):
        background = False
        for a in p.token.ancestors:
            if a.i in tok_path:
                break
            if a.dep_ == "prep" and a.lower_ in _BACKGROUND_PREPS:
                background = True
                break
        if not background:
            keep.append(p.iso3)
    found = list(dict.fromkeys(keep))
    return found or countries_in(sent)


_ORG_LABELS = ("ORG", "IGO")
_OF_STATE = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)$")


def _organisations(tok: Token, verb: Token) -> tuple[list[str], list[str], bool]:
    """The organisations that sign (and whether one is intergovernmental): organisation names among the signing verb's subject or agent, or after
    "between" ("the Export-Import Bank of Korea and Ghana's Ministry of Finance signed", "signed between the
    European Union and Chile"), and the states named in them ("... Bank of Korea": KOR)."""
    doc = tok.doc
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent") and c.i != tok.i]
    heads += [c for x in (verb, tok) for c in x.children if c.dep_ == "prep" and c.lower_ == "between"]
    spans = [(h.left_edge.i, h.right_edge.i + 1) for h in heads if h.i != tok.i and h.pos_ != "PRON"]
    names, states, intergovernmental = [], [], False
    for ent in entities(doc[sent_of(tok).start: sent_of(tok).end]):
        if ent.label_ not in _ORG_LABELS or not any(a <= ent.start and ent.end <= b for a, b in spans):
            continue
        name = re.sub(r"^the\s+", "", ent.text, flags=re.IGNORECASE)
        after_state = ent.start >= 2 and doc[ent.start - 1].text == "(" and doc[ent.start - 2].ent_type_ in (
            "COUNTRY", "GPE")
        if places.resolve(name) or after_state:
            continue  # "Saudi Arabia (KSA)", "UAE": a state, not an organisation
        names.append(name)
        intergovernmental = intergovernmental or ent.label_ == "IGO"
        m = _OF_STATE.search(name)
        iso3 = places.resolve(m.group(1)) if m else None
        if iso3:
            states.append(iso3)
    return sorted(set(names)), states, intergovernmental


_PERIOD = re.compile(r"\b(?:for|until|till|through|to|valid|covering|up to)\s+(?:the\s+)?(?:years?\s+|period\s+)?$",
                     re.IGNORECASE)


def _document_date(ctx, sent, tok, verb, segment, visits):
    """The signing date: from the instrument's own phrase ("the agreement of 2010"), else the signing
    clause, else the visit or session it was signed during, else a follow-up sentence. Periods an
    instrument covers ("roadmap for 2019-2021") are not signing dates."""
    def not_period(d):
        return not _PERIOD.search(ctx.article.text[max(0, d.start - 30): d.start])

    def signing(ds):
        return [d for d in ds if not_period(d)]

    if segment is not None:
        return nearest_date(ctx, sent, verb, segment)
    own = phrase_date(ctx, sent, tok, keep=not_period)
    if own is not None:
        return own
    clause = signing(clause_dates(ctx, verb))
    if clause:
        return nearest_date(ctx, sent, verb, candidates=clause)
    linked = _visit_date(ctx, sent, visits)
    link = LINKED_DATE.search(text_of(sent))
    if linked is None and link is not None:
        by_visit = re.search(r"visit|trip|talks|negotiations", link.group(0), re.IGNORECASE)
        linked = (_last_visit_date(visits, sent) if by_visit else None) or _linked_date(ctx, sent)
    if linked is not None:
        return _day_within(ctx, sent, verb, linked, signing) or linked
    follow = _date_from_follow_up(ctx, sent)
    if follow is not None:
        return follow
    rest = [d for d in signing(dates_in(ctx, sent.start_char, sent.end_char))
            if not ctx.article.text.startswith("'s", d.end) and not ctx.article.text.startswith("\u2019s", d.end)]
    if rest:  # (not "this year's theme": a date that qualifies a noun)
        return nearest_date(ctx, sent, verb, candidates=rest)
    return _date_just_before(ctx, sent) or _later_date(ctx, sent) or _planned_visit_date(sent, verb, visits) \
        or _headline_date(ctx, sent, verb)


def _day_within(ctx, sent, verb, linked, signing):
    """"During the visit (3-5 May) ... on 4 May, the sides signed": a day the sentence names inside the visit's
    days is the signing's own day, closer than the whole visit."""
    if linked.date_start is None or linked.date_end is None or linked.date_start == linked.date_end:
        return None
    inside = [d for d in signing(dates_in(ctx, sent.start_char, sent.end_char)) if d.precision == "day"
              and d.date_start is not None and linked.date_start <= d.date_start == d.date_end <= linked.date_end]
    return nearest_date(ctx, sent, verb, candidates=inside) if inside else None


_LATER = re.compile(r"^\W*(?:later|afterwards|subsequently|thereafter|then)\b", re.IGNORECASE)


def _later_date(ctx, sent):
    """"Later, the two leaders signed ...": the day of the last event told before, in the paragraphs just
    above."""
    if not _LATER.search(text_of(sent)):
        return None
    d = last_date_before(ctx, sent.start_char, lambda d: d.precision == "day" and d.date_start is not None)
    return d if d is not None and sent.start_char - d.end <= _CARRY_WINDOW else None


def _planned_visit_date(sent, verb, visits):
    """"..., with a joint statement expected at the end": a planned instrument of an announced visit takes
    the visit's days."""
    if _status(sent, verb) != "planned":
        return None
    before = [v for v in visits if v["char_start"] <= sent.start_char and v.get("status") == "planned"
              and v.get("date_start") is not None]
    return _as_mention(before[-1]) if before else None


def _headline_date(ctx, sent, verb):
    """A headline ("Chile and Peru sign fisheries accord", the text's first line, with no date of its own)
    reports the news of its publication day."""
    text = ctx.article.text
    first_line_end = text.find("\n")
    published = ctx.article.published_date
    line = text[:first_line_end] if first_line_end != -1 else text
    if published is None or sent.start_char > len(text) - len(text.lstrip()) or verb.idx > len(line) \
            or line.rstrip().endswith("."):
        return None
    return DateMention(-1, -1, _HEADLINE, published, published, "day", "inferred")


_HEADLINE = "(headline)"


def _undate_restated_headlines(found: list[_Found]) -> list[_Found]:
    """A headline dated by its publication day that the body restates ("Chile, Peru sign accord" ...
    "signed the accord on 3 May") keeps no date of its own: the body's date is the one (merged later)."""
    out = []
    for f in found:
        if f.row.get("date_text") == _HEADLINE:
            f = f.with_columns(date_text=None)
            r = f.row
            if any(o.row["char_start"] > r["char_end"] and o.row["doc_type"] == r["doc_type"]
                   and sorted(o.row["parties"]) == sorted(r["parties"]) for o in found):
                f = f.with_columns(**date_fields(None), inferred_fields=[c for c in r.get("inferred_fields") or []
                                                                         if not c.startswith("date")])
        out.append(f)
    return out


def _own_date(ctx, tok):
    """A year written in the instrument's name ("the 1977 Agreement on Fisheries")."""
    found = dates_in(ctx, tok.left_edge.idx, tok.idx)
    return found[-1] if found else None


def _date_just_before(ctx, sent):
    """"On July 8, at 10:45 a.m. local time, X signed ...": a sentence cut after an abbreviation takes
    the day written just before it in the same paragraph."""
    text = ctx.article.text
    for d in reversed(ctx.dates):
        if d.end > sent.start_char:
            continue
        gap = text[d.end:sent.start_char]
        if len(gap) <= 80 and "\n" not in gap and d.precision == "day" and d.date_start is not None:
            return d
        if d.end < sent.start_char - 80:
            break
    return None


def _paragraph_visit(ctx, sent, visits):
    """The visit the sentence continues: stated earlier in the same paragraph, with "during the visit"
    or the visit's city named ("In Rome, ... signed")."""
    para_start = ctx.article.text.rfind("\n", 0, sent.start_char) + 1
    before = [v for v in visits if para_start <= v["char_start"] and v["char_end"] <= sent.start_char]
    if not before:
        return None
    v = before[-1]
    named = v.get("host_city") and re.search(rf"\b{re.escape(v['host_city'])}\b", text_of(sent))
    if named or LINKED_DATE.search(text_of(sent)):
        return v
    return None


def _last_visit_date(visits, sent):
    """"during the visit" with no visit in the paragraph: the latest visit that took place before."""
    before = [v for v in visits if v["char_end"] <= sent.start_char and v["status"] == "occurred"
              and v.get("date_start") is not None]
    if not before:
        return None
    last = before[-1]
    same = [v for v in before if v["visitor_name"] == last["visitor_name"] and v["host_country"] == last["host_country"]
            and v["date_start"] <= last["date_start"] and v["date_end"] >= last["date_end"]]
    return _as_mention(min(same, key=lambda v: (v["date_start"], -v["date_end"].toordinal())))


def _visit_date(ctx, sent, visits):
    v = _paragraph_visit(ctx, sent, visits)
    if v is None or v.get("date_start") is None:
        return None
    return _as_mention(v)


def _as_mention(v: dict) -> DateMention:
    return DateMention(v["char_start"], v["char_start"], v.get("date_text") or "", v["date_start"], v["date_end"],
                       v["date_precision"], v.get("date_source") or "explicit")


def _visit_city(ctx, sent, visits):
    v = _paragraph_visit(ctx, sent, visits)
    return v.get("host_city") if v is not None else None


def _titles(tok: Token) -> list[str]:
    """One title per listed instrument: "documents on A, B and C" and "agreements on X, on Y and on Z"
    name three instruments each."""
    title = _title(tok, set())
    if _next_word(tok) != "on" or not (tok.tag_ in ("NNS", "NNPS") or tok.lower_.endswith("s")
                                       or tok.lemma_.lower() == "document"):
        return [title]
    doc = tok.doc
    on = doc[tok.i + 1]
    end = sent_of(tok).end
    for t in doc[on.i + 1: end]:
        if t.text in (";", "(") or t.lower_ in ("during", "which", "signed") or t.ent_type_ in ("DATE", "TIME") or (
                t.lower_ in ("in", "at", "on") and t.i + 1 < len(doc) and doc[t.i + 1].ent_type_ in (
                    "DATE", "GPE", "CAPITAL", "COUNTRY", "LOC")):
            end = t.i
            break
    rest = doc[on.i + 1: end].text.strip(" ,.")
    items = [i for i in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+(?=on\s)", rest) if i.strip()]
    if len(items) >= 2 and " and " in items[-1] and not items[-1].startswith("on "):
        items[-1:] = items[-1].rsplit(" and ", 1)
    if len(items) < 2:
        return [title]
    items = [re.sub(r"^on\s+", "", i.strip()) for i in items]
    lead = re.match(r"(cooperation|collaboration)\s+(in|on)\s+", items[0])
    head = " ".join(t.text for t in doc[tok.left_edge.i: tok.i] if t.dep_ != "nummod" and not t.like_num)
    head = re.sub(r"^(?:the|a|an)\s+", "", head, flags=re.IGNORECASE)
    noun = tok.lemma_.lower() if tok.tag_ == "NNS" else tok.text
    if noun.endswith("s") and noun[:-1].lower() in DOC_TYPES:
        noun = noun[:-1]  # "MoUs" -> "MoU"
    out = []
    for k, item in enumerate(items):
        if k and lead and not item.startswith(lead.group(1)):
            item = lead.group(0) + item
        out.append(" ".join(w for w in (head, noun, "on", item) if w))
    return out


def _segment_subject(seg: Span) -> Span | None:
    for t in seg:
        if t.dep_ in ("nsubj", "appos", "conj") and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ != "DATE":
            return seg.doc[t.left_edge.i: t.right_edge.i + 1]
    return seg


def _issuer_text(span: Span | None) -> str | None:
    if span is None:
        return None
    text = re.sub(r"^(?:the|a|an)\s+", "", span.text.strip(" ,"), flags=re.IGNORECASE)
    text = re.sub(r"^(?:in|on)\s+\S+,\s*(?:the\s+)?", "", text)
    text = re.sub(r"[\s,]+(?:and|or)$", "", text).strip(" ,")
    if not text or all(p.kind in ("country", "demonym") for p in places_in(span)) and len(text.split()) <= 3:
        return None
    return text


FOLLOW_UP = re.compile(r"^\s*(?:the|this|that)\s+(?:document|declaration|agreement|treaty|memorandum|protocol|"
                        r"accord|resolution|instrument)\b|^\s*it\s+was\b", re.IGNORECASE)


def _date_from_follow_up(ctx, sent):
    """'X signed the Baku Declaration. The document was signed ... on July 27, 2021.'"""
    nxt = sent_of(sent.doc[sent.end]) if sent.end < len(sent.doc) else None
    if nxt is None or not FOLLOW_UP.search(nxt.text):
        return None
    found = dates_in(ctx, nxt.start_char, nxt.end_char)
    return found[-1] if found else None


def _linked_date(ctx, sent):
    """The most recent dated visit or meeting before this sentence."""
    return last_date_before(ctx, sent.start_char, lambda d: d.date_start is not None)


def _dedupe(found: list[_Found]) -> list[_Found]:
    seen, out = set(), []
    for r in found:
        key = (r.row["char_start"], r.anchor, r.row["date_start"], r.row["title"])
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def _count_of(tok: Token) -> int | None:
    """The number a count token gives: "5", "five", "a dozen" (None for one or for no number)."""
    word = tok.lower_.replace(",", "")
    n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
    doc = tok.doc
    if n is not None and tok.i >= 2 and doc[tok.i - 1].text in ("-", "‑") and doc[tok.i - 2].lower_ in _NUMBER_WORDS:
        n += _NUMBER_WORDS[doc[tok.i - 2].lower_]  # "thirty-six"
    return n if n is not None and 1 < n < 1000 else None


_SCALE_WORDS = {"m", "mn", "mln", "bn", "b", "k", "million", "billion", "trillion", "crore", "lakh", "%", "percent"}


def _is_amount(tok: Token) -> bool:
    """"$50m loan agreement", "20 percent": a number that is money or a share, not a count of instruments."""
    doc = tok.doc
    if tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "DATE"):
        return True
    after = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
    before = doc[tok.i - 1] if tok.i > 0 else None
    return after in _SCALE_WORDS or (before is not None and (before.is_currency or before.text in ("$", "US$")))


def _packages(ctx: ArticleContext, sent: Span, visits: Sequence[Visit]) -> list[_Found]:
    """"signed five agreements", "the exchange of 12 cooperation documents": one row for the package,
    with `count` (pattern counted_package of pipeline/rules/documents.yaml)."""
    out: list[_Found] = []
    done: set[int] = set()
    for m in matches_in(sent.doc, "documents", sent.start, sent.end, {"package"}):
        noun = sent.doc[m.end - 1]
        if noun.i in done or _is_amount(sent.doc[m.start]):
            continue
        count = _count_of(sent.doc[m.start])
        if count is None or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        act = _action_of(noun) or _action_of_whole(noun)
        if act is None:
            continue
        action, verb = act
        if first_cue("common", "status", own_clause_text(sent_of(verb), verb)) == "negated":
            continue
        perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in verb.children)
        if perfect and not dates_in(ctx, sent.start_char, sent.end_char):
            continue  # "more than forty agreements have been concluded": a tally over the years, not a package
        dtype = _doc_type(noun) or "other"
        rows = _rows_for(ctx, sent, noun, dtype, action, verb, visits)
        if not rows:
            continue
        row = rows[0].with_columns(doc_type=dtype)
        title = sent.doc[m.start: noun.i + 1].text
        nxt = sent.doc[noun.i + 1: noun.i + 4]
        if nxt.text.lower().startswith("of understanding"):
            title += " of understanding"
        head = verb.head if verb.dep_ == "xcomp" else verb
        status = status_of(own_clause_text(sent_of(head), head)) or status_of(text_of(sent)) or "occurred"
        done.add(noun.i)
        out.append(_Found(row.with_columns(title=title, count=count, status=status,
                                           extractor="documents.package").row, noun.idx))
        topics = _titles(noun)
        if len(topics) == count:  # "four MoUs on fisheries, education, customs and trade": the members too
            out.extend(_Found(row.with_columns(title=t, status=status).row, noun.idx + 1 + k, member_of=noun.idx)
                       for k, t in enumerate(topics))
    return out
