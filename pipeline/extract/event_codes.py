"""An event's codes: its PLOVER category and mode and its CAMEO code, Goldstein value and quad class, from the
crosswalk of its type, case and status (schemas/vocabularies.py and schemas/cameo.py)."""
from __future__ import annotations

import re

from pipeline.extract.rows import EventCodes
from pipeline.nlp.rules import cues
from schemas.cameo import cameo_of
from schemas.vocabularies import EVENT_CROSSWALK, crosswalk_case, plover_code

_SPACES = re.compile(r"\s+")


def case_of(etype: str, text: str, variant: str = "", fallback: str = "") -> str:
    """The crosswalk case of an event: the `variant` its links or stated states give, else the first cue of
    `plover_variants` in its evidence that names a case of its type (talks at a forum held in a third state are
    multilateral), else `fallback`, else "" (its type's own)."""
    variants = EVENT_CROSSWALK[etype]
    if not variant and len(variants) > 1:
        low = _SPACES.sub(" ", text.lower())
        variant = next((label for label, rx in cues("events", "plover_variants")
                        if label in variants and rx.search(low)), fallback)
    return variant if variant in variants else ""


def event_codes(etype: str, status: str | None, text: str, variant: str = "", fallback: str = "") -> EventCodes:
    """plover_type, plover_mode and the CAMEO columns of an event of this case (`case_of`) and status: PLOVER's
    AGREE, and CAMEO's intent to do it, when it is planned and cooperative."""
    case = case_of(etype, text, variant, fallback)
    code = plover_code(etype, case, status)
    cameo = cameo_of(crosswalk_case(etype, case).cameo, status)
    return {"plover_type": code.plover_type, "plover_mode": code.plover_mode,
            "cameo_code": cameo.code if cameo else None, "cameo_root": cameo.root if cameo else None,
            "goldstein": cameo.goldstein if cameo else None, "quad_class": cameo.quad_class if cameo else None}
