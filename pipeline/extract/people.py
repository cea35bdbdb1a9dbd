"""People named in a noun phrase: the name, the title before it and the country it is tied to.

The small English model often tags unfamiliar names as ORG or not at all, so names are read as
runs of capitalised words that are not title words, places or institution words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from pipeline.nlp import titles
from pipeline.nlp.rules import lexicon
from pipeline.extract.doc_index import PLACE_LABELS, entities, places_in, sent_of, sentences, token_positions, tokens_at

class HasPeople(Protocol):
    """What the people lookups need of an article's context: its people index (ArticleContext has it)."""

    @property
    def people(self) -> PeopleIndex: ...


# The word lists of pipeline/rules/common.yaml that tell names from titles and institutions.
INSTITUTION_WORDS = lexicon("common", "institution_words")
RANKS = lexicon("common", "military_ranks")
PARTICLES = lexicon("common", "name_particles")
HONORIFICS = lexicon("common", "honorifics")
_REGNAL = lexicon("common", "regnal_numbers")
_TITLE_LEAD = lexicon("common", "title_leads")
_NOT_ONE_HOLDER = lexicon("common", "not_one_holder")
_PERSON_SEPARATORS = lexicon("common", "person_separators")
_WITH_LEADS = lexicon("common", "with_leads")
_NOT_NAME_ENTS = PLACE_LABELS | {"IGO", "DATE", "GPE", "LOC", "FAC", "EVENT", "LAW", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "TIME"}
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.]*")
_NAME_POS = {"PROPN", "NOUN", "ADJ", "VERB", "X", "INTJ"}


@dataclass
class Person:
    name: str
    title: str | None
    country: str | None
    start: int  # token index of the name's first token
    end: int


_HYPHENS = ("-", "‑")
_SYLLABLE_CHARS = 5  # the longest lower-case second part of a hyphenated given name ("Min-jun")
_CAPITALS_NAME_CHARS = 2  # a word in capitals longer than this after a capitalised one starts a name in capitals


def _is_name_token(tok: Token) -> bool:
    text = tok.text
    if len(text) < 2 or not text[:1].isupper() or not _NAME_WORD.fullmatch(text):
        return False
    if tok.lower_ in titles.TITLE_WORDS or tok.lower_ in INSTITUTION_WORDS or tok.lower_ in HONORIFICS:
        return False
    if tok.ent_type_ in _NOT_NAME_ENTS or tok.pos_ not in _NAME_POS:
        return False
    return True


def _is_regnal(tok: Token) -> bool:
    """A regnal number after a name, written in capitals ("Alfonso XII")."""
    return tok.text.isupper() and tok.lower_ in _REGNAL


def _is_syllable(tok: Token) -> bool:
    """The lower-case second part of a hyphenated given name ("Min-jun", "Seo-yeon")."""
    return tok.is_alpha and tok.is_lower and len(tok.text) <= _SYLLABLE_CHARS


def _name_tail(doc, end: int) -> int:
    """The end of a name past the tokens a phrase was given, where the parser hung its last part
    elsewhere: "Min" + "-jun", "Faisal" + "bin Khalid", "Alfonso" + "XII"."""
    n = len(doc)
    while end < n:
        tok = doc[end]
        hyphenated = tok.text in _HYPHENS and not doc[end - 1].whitespace_ and not tok.whitespace_ and \
            end + 1 < n and (_is_name_token(doc[end + 1]) or _is_syllable(doc[end + 1]))
        particle = tok.lower_ in PARTICLES and end + 1 < n and _is_name_token(doc[end + 1]) and \
            bool(doc[end - 1].whitespace_)
        if hyphenated or particle:
            end += 2
        elif _is_regnal(tok):
            return end + 1
        else:
            return end
    return end


def _hyphen_joins(tokens: list[Token], j: int) -> bool:
    """Whether tokens[j] is a hyphen inside a name word ("Ana-Maria", "Min-jun"): no space either side,
    a name word or syllable right after."""
    tok = tokens[j]
    return tok.text in _HYPHENS and tok.i == tokens[j - 1].i + 1 and not tokens[j - 1].whitespace_ and \
        not tok.whitespace_ and j + 1 < len(tokens) and tokens[j + 1].i == tok.i + 1 and \
        (_is_name_token(tokens[j + 1]) or _is_syllable(tokens[j + 1]))


def _after_particles(tokens: list[Token], j: int) -> int | None:
    """"Luiz da Costa", "Karl von der Berg", "Faisal bin Khalid": the index past the particles starting
    at tokens[j] and the name word after them; None when no name word follows."""
    k = j
    while k < len(tokens) and tokens[k].lower_ in PARTICLES and tokens[k].i == tokens[k - 1].i + 1:
        k += 1
    if k < len(tokens) and tokens[k].i == tokens[k - 1].i + 1 and _is_name_token(tokens[k]):
        return k + 1
    return None


def _run_end(tokens: list[Token], i: int) -> int:
    """The index past the run of name words that starts at tokens[i]."""
    j = i + 1
    while j < len(tokens):
        tok = tokens[j]
        if _hyphen_joins(tokens, j):
            j += 2
            continue
        if tok.i != tokens[j - 1].i + 1:
            break
        if tok.lower_ in PARTICLES:
            past = _after_particles(tokens, j)
            if past is None:
                break
            j = past
            continue
        if _is_regnal(tok):  # "Alfonso XII"
            return j + 1
        if not _is_name_token(tok):
            break
        if tok.text.isupper() and len(tok.text) > _CAPITALS_NAME_CHARS and not tokens[j - 1].text.isupper():
            break  # "the Senate ANA SOTO": a name in capitals after a capitalised title word
        j += 1
    return j


def name_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) token indices of maximal runs of consecutive name words among `tokens` (which may
    leave out tokens that cannot be in a name); "Ana-Maria" counts as one word."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not _is_name_token(tokens[i]) or (runs and tokens[i].i < runs[-1][1]):
            i += 1  # not a name word, or inside the tail of the run before ("bin Khalid")
            continue
        j = _run_end(tokens, i)
        first = tokens[i]
        end = _name_tail(first.doc, tokens[j - 1].i + 1)
        before = first.doc[first.i - 1] if first.i > 0 else None
        if before is None or before.lower_ != "the":
            runs.append((tokens[i].i, end))
        i = j
    return runs


def people_in(ctx: HasPeople, subj: Token, exclude: set[int] | frozenset[int] = frozenset()) -> list[Person]:
    """Everyone a (possibly coordinated) subject names: "Chilean Defence Minister Ana Soto and Peruvian
    Minister of National Defence Luis Rojas". The phrase is split at "and" by its words, which
    holds where the parser attaches the second name wrongly; a part without a name joins the next."""
    toks = _phrase_tokens_all(subj)
    segments: list[list[Token]] = [[]]
    for k, t in enumerate(toks):
        if t.lower_ in _PERSON_SEPARATORS or (t.lower_ == "with" and k and toks[k - 1].lower_ in _WITH_LEADS) \
                or (t.text == "," and k and toks[k - 1].text == ")"):
            segments.append([])  # "X, together with Y, chaired", "A (2019), B (2021)": several people
        elif t.lower_ not in _WITH_LEADS or k + 1 >= len(toks) or toks[k + 1].lower_ != "with":
            segments[-1].append(t)
    out: list[Person] = []
    carry: list[Token] = []
    for seg in segments:
        seg = carry + seg
        if not name_runs(seg):
            carry = seg
            continue
        carry = []
        person = person_from_tokens(ctx, seg, exclude)
        if person is not None:
            out.append(person)
    return out


def _phrase_tokens_all(subj: Token) -> list[Token]:
    skip: set[int] = set()
    for t in subj.subtree:
        if t.dep_ in ("relcl", "acl") and t.i != subj.i:
            skip.update(x.i for x in t.subtree)
    return [t for t in subj.subtree if t.i not in skip]


def person_from_tokens(ctx: HasPeople, toks: list[Token], exclude: set[int] | frozenset[int]) -> Person | None:
    runs = name_runs(toks)
    multi = [r for r in runs if r[1] - r[0] >= 2]
    start, end = (multi or runs)[-1]
    doc = toks[0].doc
    name = doc[start:end].text
    lo = toks[0].i
    title = title_from(doc[lo:start])
    country = None
    for p in places_in(doc[lo: toks[-1].i + 1]):
        if p.token.i not in exclude and not (start <= p.token.i < end):
            country = p.iso3
            break
    known = known_person(ctx, name, sent_of(toks[0]).end)
    if known is not None:
        name = known[0] if end - start == 1 or known[0].endswith(" " + name) else name
        known_title = known[1].get("title")
        if known_title and (not title or set(title.lower().split()) < set(known_title.lower().split())):
            title = known_title
        country = country or known[1].get("country")
    return Person(name, title, country, start, end)


def known_person(ctx: HasPeople, name: str, before: int | None = None) -> tuple[str, dict] | None:
    """The article's earlier mention of this person (named before token `before`; anywhere when None): exact
    name, or the full name ending in a surname."""
    return ctx.people.known(name, before)


def _title_words(span: Span) -> list[Token]:
    """The words before a name that may hold its title: after the last possessive ("In May Chile's new
    foreign minister"), without honorifics, dates, a leading determiner, possessive country or demonym."""
    toks = [t for t in span if not t.is_space and t.lower_ not in HONORIFICS and t.ent_type_ != "DATE"]
    poss = [k for k, t in enumerate(toks) if t.text in ("'s", "’s")]
    if poss and poss[-1] + 1 < len(toks):
        toks = toks[poss[-1] + 1:]
    while toks and (toks[0].lower_ in _TITLE_LEAD or toks[0].pos_ == "ADP" or
                    toks[0].ent_type_ in PLACE_LABELS or toks[0].dep_ == "case"):
        toks = toks[1:]
    return toks


def _title_part(toks: list[Token]) -> list[Token]:
    """The first comma-separated part with a title word, cut to its tail of title words, names and "of
    the" ("visits by President" -> "President")."""
    parts: list[list[Token]] = [[]]
    for t in toks:
        if t.text == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    part = next((p for p in parts if any(t.lower_ in titles.TITLE_WORDS for t in p)), None)
    if not part:
        return []
    k = len(part)
    while k > 0 and (part[k - 1].lower_ in titles.TITLE_WORDS or part[k - 1].text[:1].isupper() or
                     part[k - 1].lower_ in ("of", "the", "and", "for", "-") or part[k - 1].ent_type_ in PLACE_LABELS):
        k -= 1
    return part[k:] if any(t.lower_ in titles.TITLE_WORDS for t in part[k:]) else part


def _without_country(part: list[Token]) -> list[Token]:
    """A title without its "of <Country>" tail ("Speaker of the Senate of Chile") and the demonyms
    inside ("Speaker of the Chilean Senate" -> "Speaker of the Senate")."""
    for k in range(len(part) - 1, 0, -1):
        if part[k].lower_ == "of" and all(t.ent_type_ in PLACE_LABELS or t.lower_ == "the" for t in part[k + 1:]):
            part = part[:k]
            break
    return [t for t in part if t.ent_type_ not in PLACE_LABELS]


def _without_trailing_rank(part: list[Token]) -> list[Token]:
    """"Army Chief of Staff General": a rank after the title is the name's, not the title's."""
    while len(part) > 1 and part[-1].lower_ in RANKS and any(t.lower_ not in RANKS for t in part[:-1]) \
            and part[-2].lower_ != "of":
        part = part[:-1]
    return part


def title_from(span: Span) -> str | None:
    """A title from the words before a name: "Chile's Minister of Economy" -> "Minister of Economy";
    "Chilean Army Chief of Staff General" -> "Army Chief of Staff"."""
    toks = _title_words(span)
    if not toks:
        return None
    part = _title_part(toks)
    if not part:
        return None
    part = _without_trailing_rank(_without_country(part))
    text = " ".join(t.text for t in part if t.text not in ("'s", "’s"))
    text = re.sub(r"\s+-\s+", "-", text).strip(" -–")
    if not text or not any(w.lower() in titles.TITLE_WORDS for w in text.split()):
        return None
    return titles.clean_title(text)


def _may_be_in_name(word: str) -> bool:
    return word[:1].isupper() or word in _HYPHENS  # particles and syllables are read from the doc by _name_tail


def _title_start(sent: Span, end: int) -> int:
    """Where the title words before token `end` begin ("Chile's Minister of Foreign Affairs")."""
    doc = sent.doc
    lo = end
    while lo > sent.start and (doc[lo - 1].lower_ in titles.TITLE_WORDS or doc[lo - 1].lower_ in
                               ("of", "the", "'s", "’s") or doc[lo - 1].ent_type_ in PLACE_LABELS or
                               doc[lo - 1].lower_ in INSTITUTION_WORDS or
                               (doc[lo - 1].text[:1].isupper() and doc[lo - 1].ent_type_ in ("ORG", ""))):
        lo -= 1
    return lo


def person_by_title(ctx: HasPeople, phrase: Span) -> tuple[str, str | None, str] | None:
    """The person a title-only phrase refers back to ("the President of Chile", "the Chilean foreign
    minister"): the one person already named with the same role and country; (name, title, country)."""
    title = title_from(phrase)
    country = next((p.iso3 for p in places_in(phrase)), None)
    if title is None or titles.role_of(title) == "other":
        return None
    role = titles.role_of(title)
    found = [(name, info) for name, info in ctx.people.infos(sent_of(phrase.root).end).items()
             if info.get("country") and " " in name and
             (country is None or info.get("country") == country) and titles.role_of(info.get("title")) == role]
    if len(found) != 1:  # "the chancellor" with no country: only if one chancellor was named
        return None
    return found[0][0], found[0][1].get("title") or title, found[0][1]["country"]


# Offices one person of a state holds: a phrase naming one of them is that person ("the Chilean president").
_ONE_HOLDER_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "minister", "military",
                               "parliament"})


def office_holder(ctx: HasPeople, phrase: Span, epithets: frozenset[str] = frozenset()
                  ) -> tuple[None, str, str] | None:
    """A person named only by office: "the Chilean foreign minister", "Canada's top diplomat" (an epithet
    of `epithets`); (None, title, country) when the phrase is the one holder of one state's office and
    nobody of that office is named in the article (then "the minister" is that named person, not another)."""
    if phrase.root.tag_ not in ("NN", "NNP") or any(  # "officials", "ministers": not one person
            t.ent_type_ == "PERSON" or t.lower_ in _NOT_ONE_HOLDER for t in phrase):
        return None
    countries = {p.iso3 for p in places_in(phrase)}
    if len(countries) != 1:
        return None
    country = next(iter(countries))
    words = " " + " ".join(t.lower_ for t in phrase) + " "
    epithet = next((e for e in sorted(epithets) if f" {e} " in words), None)
    title = titles.clean_title(epithet) if epithet else title_from(phrase)
    role = titles.role_of(title)
    if title is None or role not in _ONE_HOLDER_ROLES:
        return None
    if any(titles.role_of(info.get("title")) == role and info.get("country") in (country, None)
           for info in ctx.people.infos().values()):
        return None
    return None, title, country


@dataclass(frozen=True)
class PersonMention:
    """One named mention of a person: the name as written, the title and country said with it."""

    name: str
    title: str | None
    country: str | None
    start: int  # token index of the name's first token
    end: int


@dataclass(frozen=True)
class PeopleIndex:
    """Everyone the article names, built once before any extractor runs: each mention in text order, and
    for each sentence the person named last before it (what "he" or "the president" refers back to).
    Lookups take a token position: a mention refers back, so only people named before it count."""

    mentions: tuple[PersonMention, ...] = ()
    antecedents: tuple[dict | None, ...] = ()  # sentence index -> {"name", "title", "country"} or None

    def infos(self, before: int | None = None) -> dict[str, dict]:
        """Each person named before token `before` (anywhere when None), with the title and country said so far."""
        infos: dict[str, dict] = {}
        for m in self.mentions:
            if before is not None and m.start >= before:
                break
            info = infos.setdefault(m.name, {})
            if m.country and not info.get("country"):
                info["country"] = m.country
            if m.title and not info.get("title"):
                info["title"] = m.title
        return infos

    def known(self, name: str, before: int | None = None) -> tuple[str, dict] | None:
        """The person first named before token `before` (anywhere when None) as `name`, or whose full name
        ends in `name` ("Silva" for "Maria da Silva"), or the one full name with `name` as a later word
        ("Costa" for "Luiz Carlos Costa da Silva"), with the title and country said so far."""
        infos = self.infos(before)
        for full, info in infos.items():  # the full name first: "Silva" -> "Maria da Silva"
            if full.endswith((" " + name, "-" + name)):
                return full, info
        if name in infos:
            return name, infos[name]
        if " " not in name:  # "King Hussein" after "King Hussein II", "Prince Faisal" after "Faisal bin Khalid"
            starting = [(full, info) for full, info in infos.items() if full.startswith(name + " ")]
            if len(starting) == 1:
                return starting[0]
        if " " not in name:  # "Costa" for "Luiz Carlos Costa da Silva": a later word of exactly one full name
            inside = [(full, info) for full, info in infos.items() if name in full.split()[1:]]
            if len(inside) == 1:
                return inside[0]
        return None

    def antecedent(self, sent: Span) -> dict | None:
        """The person named last before the sentence (a pronoun subject of the sentence refers to them)."""
        k = sent.doc.user_data["_sentence_of"][sent.start] if len(sent) else 0
        return self.antecedents[k] if k < len(self.antecedents) else None

    def last_titled(self, word: str, before: int) -> dict | None:
        """The last person named before token `before` whose title has `word` ("the president")."""
        for m in reversed(self.mentions):
            if m.start < before:
                found = self.known(m.name, before)
                if found and word in (found[1].get("title") or "").lower().split():
                    return {"name": found[0], **found[1]}
        return None


def index_people(doc: Doc) -> PeopleIndex:
    """Each named person's mentions with the title and country said with them, and each sentence's
    antecedent: the people part of the article's index, read once."""
    mentions: list[PersonMention] = []
    antecedents: list[dict | None] = []
    index = PeopleIndex()
    last: dict | None = None
    for sent in sentences(doc):
        antecedents.append(last)
        toks = tokens_at(sent, token_positions(doc, "ORTH", _may_be_in_name))  # name_runs needs no others
        for start, end in name_runs(toks):
            if end - start < 2 and not any(e.label_ == "PERSON" and e.start <= start < e.end for e in entities(sent)):
                continue
            lo, hi = _title_start(sent, start), start
            if lo == start and start - 1 > sent.start and doc[start - 1].text == ",":
                lo, hi = _title_start(sent, start - 1), start - 1  # "the President of Chile, Ana Soto"
            name = doc[start:end].text
            if end - start == 1 and index.known(name):
                continue
            title = title_from(doc[lo:hi])
            country = next((p.iso3 for p in places_in(doc[lo:hi])), None)
            mentions.append(PersonMention(name, title, country, start, end))
            index = PeopleIndex(tuple(mentions))
            found = index.known(name)
            last = {"name": name, **(found[1] if found else {})}
    return PeopleIndex(tuple(mentions), tuple(antecedents))
