"""The countries a title-like text names (a page title, an outlet's name): its capitalised phrases, resolved by
the gazetteer. One reader for both kinds of text, each kind a `Reading` (which phrases, which parts of each)."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.nlp import places
from pipeline.nlp.rules import cue_regex


@dataclass(frozen=True)
class Reading:
    """How one kind of title-like text is read: its phrases (a named regex of pipeline/rules/common.yaml), the
    parts of a phrase tried in order, and whether every part that is a place counts or only the first."""

    phrases: re.Pattern[str]
    parts: Callable[[str], list[str]]
    every_part: bool


def _name_parts(phrase: str) -> list[str]:
    """The whole phrase, then its words ("Affairs of Peru": Affairs, Peru)."""
    return [phrase, *phrase.replace(" of ", " ").split()]


def _headline_parts(phrase: str) -> list[str]:
    """The parts a hyphen joins ("Peru-Chile"), or the whole phrase."""
    return phrase.split("-")


# A publisher's or a state body's name ("Ministry of Foreign Affairs of Peru", "The Peruvian Times"): "X of Y" is
# one phrase, which names the place it is, else the first of its words that is one.
NAME = Reading(cue_regex("common", "name_phrase"), _name_parts, every_part=False)
# A headline ("Peru-Chile Trade Rises"): every hyphen-joined part of a phrase that is a place counts.
HEADLINE = Reading(cue_regex("common", "headline_phrase"), _headline_parts, every_part=True)


def countries_named(text: str, reading: Reading) -> list[str]:
    """The ISO3 codes of the places the text's phrases name, in text order (once per mention)."""
    out: list[str] = []
    for m in reading.phrases.finditer(text):
        found = (c for part in reading.parts(m.group()) if (c := places.resolve(part)))
        if reading.every_part:
            out.extend(found)
        elif (first := next(found, None)) is not None:
            out.append(first)
    return out
