"""Country names that are also other words (Jordan, Chad, Georgia, Turkey...): decided per mention from cues."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources

import yaml

POSITIONS = ("before", "after", "sentence")
PLACE_LABELS = frozenset({"GPE", "LOC"})  # the statistical NER's labels that say "a place"


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]  # lower case; "'s" is a word
    verdict: str  # country | other
    position: str  # before | after | sentence
    example: str
    iso3: str | None = None  # the country this cue points to when not the name's own ("Brazzaville": COG)

    @property
    def name(self) -> str:
        return f"{self.verdict}:{self.position}:{' '.join(self.words)}"


@dataclass(frozen=True)
class Name:
    name: str
    iso3: str
    prior: str  # country | other: the verdict when nothing else decides
    cues: tuple[Cue, ...] = ()  # this name's own, then its person cues
    person: bool = False


@dataclass(frozen=True)
class Mention:
    """One occurrence of an ambiguous name and what surrounds it."""

    name: str
    before: tuple[str, ...] = ()  # the words just before it, nearest last, lower case
    after: tuple[str, ...] = ()  # the words just after it, nearest first, lower case
    sentence: frozenset[str] = frozenset()  # every word of its sentence, lower case
    label: str = ""  # the statistical NER's label on it ("" for none)
    entity_longer: bool = False  # that entity spans more words than the name
    entity_ends_here: bool = True  # ... and the name is its last word ("the Kingdom of Jordan")
    beside_country: bool = False  # listed with a country: "Egypt, Jordan and Iraq"


@dataclass
class Cues:
    names: dict[str, Name] = field(default_factory=dict)
    common: tuple[Cue, ...] = ()


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().replace("'s", " 's").replace("’s", " 's").split())


def _cues(section: dict | None, position_filter=POSITIONS) -> list[Cue]:
    out = []
    for verdict in ("other", "country") if section else ():
        for position in position_filter:
            for words, value in (((section or {}).get(verdict) or {}).get(position) or {}).items():
                example, iso3 = (value, None) if isinstance(value, str) else (value["example"], value.get("iso3"))
                out.append(Cue(_words(str(words)), verdict, position, example, iso3))
    return out


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue table, read once from data/ambiguous_places.yaml."""
    data = yaml.safe_load(resources.files("pipeline").joinpath("data/ambiguous_places.yaml").read_text("utf-8"))
    person = [c for c in _cues(data.get("person")) if c.position == "sentence"]
    out = Cues(common=tuple(_cues(data["common"])))
    for name, spec in data["names"].items():
        own = _cues(spec, ("before", "after"))
        sentence = _cues(spec, ("sentence",))
        sentence.sort(key=lambda c: c.verdict != "country")  # a city of the country outweighs a role word
        cue_list = own + sentence + (person if spec.get("person") else [])
        out.names[name] = Name(name, spec["iso3"], spec["prior"], tuple(cue_list), bool(spec.get("person")))
    return out


def names() -> dict[str, Name]:
    return cues().names


def _matches(cue: Cue, m: Mention) -> bool:
    if cue.position == "before":
        return m.before[-len(cue.words):] == cue.words
    if cue.position == "after":
        return m.after[:len(cue.words)] == cue.words
    return all(w in m.sentence for w in cue.words)


def explain(m: Mention) -> tuple[str | None, str]:
    """The ISO3 the mention stands for (None: not a country here) and the rule that decided it."""
    entry = names().get(m.name)
    if entry is None:
        return None, "not ambiguous"
    for cue in entry.cues:
        if _matches(cue, m):
            return (cue.iso3 or entry.iso3 if cue.verdict == "country" else None), cue.name
    common = cues().common
    for cue in common:
        if cue.verdict == "other" and _matches(cue, m):
            return None, cue.name
    for cue in common:  # a title right after the name: "Jordan Foreign Minister X", even inside a PERSON
        if cue.verdict == "country" and cue.position == "after" and _matches(cue, m):
            return entry.iso3, cue.name
    if m.entity_longer and (m.label == "PERSON" or (m.label in PLACE_LABELS and not m.entity_ends_here) or
                            (m.label not in PLACE_LABELS and entry.prior == "other")):
        return None, f"entity:{m.label}"  # an organisation keeps a name that is mostly the country: "Bank of China"
    for cue in common:
        if cue.verdict == "country" and _matches(cue, m):
            return entry.iso3, cue.name
    if m.beside_country:
        return entry.iso3, "beside a country"
    if m.label:
        return (entry.iso3 if m.label in PLACE_LABELS else (entry.iso3 if entry.prior == "country" else None)), \
            f"label:{m.label}"
    return (entry.iso3 if entry.prior == "country" else None), f"prior:{entry.prior}"


def resolve_ambiguous(m: Mention) -> str | None:
    """ISO3 of the country an ambiguous name stands for in this mention, or None when it is something else:
    "travelled to Niger" -> NER, "Michael Jordan" -> None, "roast Turkey" -> None."""
    return explain(m)[0]
