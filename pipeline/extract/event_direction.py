"""Which state an event goes from and to (source_country, target_country, as CAMEO's Actor1 and Actor2), where
the text gives a direction: the visitor's state to the host, the donor to the recipient, the state that
recognises or supports to the other. A symmetric event (talks, a signing, a joint exercise) has neither."""
from __future__ import annotations

import re

from spacy.tokens import Span

from pipeline.extract.doc_index import places_in
from pipeline.extract.rows import Direction, Fact, VisitRow
from pipeline.nlp.rules import cue_regex, cues

UNDIRECTED: Direction = {"source_country": None, "target_country": None}
_VERBS = dict(cues("events", "directed_verbs"))
_AGENT_BY = cue_regex("events", "agent_by")  # "recognised by (the government of) X": X acts
_RECIPROCAL = cue_regex("events", "reciprocal")
# Two states named as one subject before the verb ("X and Y supported ..."): the act is theirs together.
_COORDINATED = re.compile(r"^\s*(?:,\s*)?(?:and|as well as)\s+(?:the\s+)?$")
AGENT_WINDOW = 40  # characters before a state that `agent_by` is looked for in


def directed(source: str | None, target: str | None, countries: list[str], one_sided: bool = False) -> Direction:
    """The direction, when it holds: the source one of `countries`, the target another (or, for an act of one
    state, `one_sided`, none); else no direction."""
    if source is None or source not in countries:
        return UNDIRECTED
    if target is None and one_sided:
        return {"source_country": source, "target_country": None}
    if target is None or target == source or target not in countries:
        return UNDIRECTED
    return {"source_country": source, "target_country": target}


def of_visit(visit: VisitRow, countries: list[str]) -> Direction:
    """A visit, or talks held during it: from the visitor's state to the host."""
    return directed(visit["visitor_country"], visit["host_country"], countries)


def of_clause(seg: Span, etype: str, variant: str, link: dict[str, int], visits: list[Fact[VisitRow]],
              countries: list[str], stated: list[str]) -> Direction:
    """The direction of an occurrence a clause states: talks during a visit go as the visit; an exercise of one
    state is that state's; a recognition, support or aid goes as its clause names the states around its verb."""
    if etype == "meeting" and variant == "visit" and "visit" in link:
        return of_visit(visits[link["visit"]].row, countries)
    if etype == "military_exercise" and variant == "one_state" and stated:
        return directed(stated[0], None, countries, one_sided=True)
    if etype in _VERBS:
        return _around_verb(seg, _VERBS[etype], countries)
    return UNDIRECTED


def _around_verb(seg: Span, verb: re.Pattern[str], countries: list[str]) -> Direction:
    """The state named last before the verb acts on the first named after it; one named right after "by" acts
    instead ("was recognised by X", "the recognition of Y by X"). Where the clause names one end of a two-state
    event, the other state is the other end. None when the verb's subject is two states or the act is mutual."""
    low = seg.text.lower()
    m = verb.search(low)
    if m is None or _RECIPROCAL.search(low):
        return UNDIRECTED
    base = seg.start_char
    named = [p for p in places_in(seg) if p.iso3 in countries]
    before = [p for p in named if p.end - base <= m.start()]
    after = [p for p in named if p.start - base >= m.end()]
    agent = next((p for p in after if _AGENT_BY.search(low, max(m.end(), p.start - base - AGENT_WINDOW),
                                                       p.start - base)), None)
    if agent is not None:
        source: str | None = agent.iso3
        target = next((p.iso3 for p in [*after, *reversed(before)] if p.iso3 != source), None)
    else:
        if len(before) > 1 and before[-1].iso3 != before[-2].iso3 and _COORDINATED.match(
                seg.doc.text[before[-2].end:before[-1].start]):
            return UNDIRECTED
        source = before[-1].iso3 if before else None
        target = next((p.iso3 for p in after if p.iso3 != source), None)
    pair = sorted(set(countries))
    if len(pair) == 2 and (source is None) != (target is None):
        known = source or target
        other = pair[1] if pair[0] == known else pair[0]
        source, target = (source, other) if target is None else (other, target)
    return directed(source, target, countries)
