"""Who signs an instrument: the states that are its parties, the organisations that sign, the issuer."""
from __future__ import annotations


from spacy.tokens import Span, Token

from pipeline.extract.context import ArticleContext, dates_in
from pipeline.extract.doc_index import countries_in, entities, places_in, sent_of
from pipeline.extract.slots import agent
from pipeline.nlp import places
from pipeline.nlp.rules import cue_regex, lexicon

_BACKGROUND_PREPOSITIONS = lexicon("documents", "background_prepositions")
_ORG_LABELS = ("ORG", "IGO")
_OF_STATE = cue_regex("documents", "of_state")  # "... Bank of Korea": the state
_LEADING_ARTICLE = cue_regex("common", "leading_article", any_case=True)
_LEADING_THE = cue_regex("common", "leading_the", any_case=True)
_LEADING_PLACE = cue_regex("documents", "leading_place")  # "In Lima, the ministry"
_TRAILING_CONJUNCTION = cue_regex("documents", "trailing_conjunction")
_STATE_ONLY_MAX_WORDS = 3  # an issuer of this many words at most that names only states is no issuer of its own


def issuer(verb: Token, tok: Token) -> Span | None:
    """Who signed or adopted, when not a person: the verb's active subject, else its passive's agent."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    s = subj[0] if subj else agent(verb)
    if s is None:
        return None
    if s.ent_type_ == "PERSON" or s.pos_ == "PRON":
        return None
    span = tok.doc[s.left_edge.i: s.right_edge.i + 1]
    return span


def issuer_text(span: Span | None) -> str | None:
    """The issuer's name as written, without its article and a leading "In Lima," (None for states only)."""
    if span is None:
        return None
    text = _LEADING_ARTICLE.sub("", span.text.strip(" ,"))
    text = _LEADING_PLACE.sub("", text)
    text = _TRAILING_CONJUNCTION.sub("", text).strip(" ,")
    if not text or all(p.kind in ("country", "demonym") for p in places_in(span)) and len(text.split()) <= _STATE_ONLY_MAX_WORDS:
        return None
    return text


def segment_subject(seg: Span) -> Span | None:
    """The subject of one separately dated part of a sentence ("in 2017, the assembly of Peru")."""
    for t in seg:
        if t.dep_ in ("nsubj", "appos", "conj") and t.pos_ in ("NOUN", "PROPN") and t.ent_type_ != "DATE":
            return seg.doc[t.left_edge.i: t.right_edge.i + 1]
    return seg


def split_by_dates(ctx: ArticleContext, sent: Span, verb: Token) -> list[tuple[int, int]]:
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


def resolution_parties(ctx: ArticleContext, sent: Span, verb: Token, issuer_span: Span | None) -> tuple[list[str], bool]:
    """A resolution's one party: the state of its issuer (a parliament), else the first state named before
    the verb, else the article's first state (filled in)."""
    parties = countries_in(issuer_span) if issuer_span is not None else []
    if not parties:
        before = sent.doc.char_span(sent.start_char, verb.idx, alignment_mode="expand")
        parties = countries_in(before)[:1] if before is not None else []
    return (parties[:1], False) if parties else (list(ctx.pair[:1]), bool(ctx.pair))


def party_countries(sent: Span, tok: Token) -> list[str]:
    """The states of the signing sentence, without those named only in its background ("a contract
    Chile signed in 2019 amid Peru's border dispute with Bolivia": Peru and Bolivia are no parties)."""
    keep = []
    tok_path = {tok.i, *(a.i for a in tok.ancestors)}
    for p in places_in(sent):
        background = False
        for a in p.token.ancestors:
            if a.i in tok_path:
                break
            if a.dep_ == "prep" and a.lower_ in _BACKGROUND_PREPOSITIONS:
                background = True
                break
        if not background:
            keep.append(p.iso3)
    found = list(dict.fromkeys(keep))
    return found or countries_in(sent)


def _signer_spans(tok: Token, verb: Token) -> list[tuple[int, int]]:
    """The token ranges of the signing verb's subject or agent and of "between ..." phrases."""
    heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent") and c.i != tok.i]
    heads += [c for x in (verb, tok) for c in x.children if c.dep_ == "prep" and c.lower_ == "between"]
    return [(h.left_edge.i, h.right_edge.i + 1) for h in heads if h.i != tok.i and h.pos_ != "PRON"]


def organisations(tok: Token, verb: Token) -> tuple[list[str], list[str], bool]:
    """The organisations that sign (and whether one is intergovernmental): organisation names among the
    signing verb's subject or agent, or after "between" ("the Export-Import Bank of Korea and Ghana's
    Ministry of Finance signed", "signed between the European Union and Chile"), and the states named in
    them ("... Bank of Korea": KOR)."""
    doc = tok.doc
    spans = _signer_spans(tok, verb)
    names, states, intergovernmental = [], [], False
    for ent in entities(doc[sent_of(tok).start: sent_of(tok).end]):
        if ent.label_ not in _ORG_LABELS or not any(a <= ent.start and ent.end <= b for a, b in spans):
            continue
        name = _LEADING_THE.sub("", ent.text)
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
