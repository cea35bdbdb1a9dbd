"""The CAMEO event codes the event crosswalk uses: each code's name and Goldstein scale value, the quad class of
each root, and the code a planned event takes instead of the act."""
from __future__ import annotations

from dataclasses import dataclass

# Where the values come from (the codebook prints it). Only the codes the crosswalk uses are listed.
SOURCES = ("Code names: the CAMEO codebook (Schrodt, *Conflict and Mediation Event Observations Event and Actor "
           "Codebook*, version 1.1b3, 2012), as GDELT's lookup table `CAMEO.eventcodes.txt` lists them. Goldstein "
           "values: the Goldstein (1992) conflict-cooperation scale as GDELT assigns it to CAMEO codes "
           "(`CAMEO.goldsteinscale.txt`, the value GDELT 1.0 and 2.0 publish in `GoldsteinScale`). Quad classes: "
           "GDELT's `QuadClass` (event codebook 2.0): roots 01-05 verbal cooperation, 06-09 material cooperation, "
           "10-14 verbal conflict, 15-20 material conflict.")


@dataclass(frozen=True)
class CameoCode:
    """A CAMEO event code (three digits; its first two are its root), its name and its Goldstein value."""
    code: str
    name: str
    goldstein: float
    example: str  # an invented sentence the code applies to

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class_of(self.root)


_C = CameoCode
CAMEO: dict[str, CameoCode] = {c.code: c for c in (
    _C("010", "Make statement, not specified below", 0.0, "The parliament of Norland adopted a resolution on "
       "Southland."),
    _C("017", "Engage in symbolic act", 0.0, "Norland and Southland marked the 30th anniversary of relations."),
    _C("031", "Express intent to engage in material cooperation, not specified below", 5.2,
       "The two navies will hold joint drills next year."),
    _C("032", "Express intent to provide diplomatic cooperation such as policy support", 4.5,
       "Norland and Southland will sign a treaty next month."),
    _C("033", "Express intent to provide material aid, not specified below", 5.2,
       "Norland will send ambulances to Southland."),
    _C("036", "Express intent to meet or negotiate", 4.0, "The president of Norland will visit Southland next week."),
    _C("040", "Consult, not specified below", 1.0, "The joint commission held its fifth session."),
    _C("041", "Discuss by telephone", 1.0, "The presidents spoke by telephone."),
    _C("042", "Make a visit", 1.9, "The president of Norland visited Southland."),
    _C("044", "Meet at a 'third' location", 2.5, "The ministers of Norland and Southland met in Eastland."),
    _C("050", "Engage in diplomatic cooperation, not specified below", 3.5,
       "Norland and Southland established diplomatic relations."),
    _C("051", "Praise or endorse", 3.4, "Norland supported Southland's bid."),
    _C("054", "Grant diplomatic recognition", 6.0, "Norland recognised the independence of Southland."),
    _C("057", "Sign formal agreement", 8.0, "The ministers signed an agreement on fisheries."),
    _C("060", "Engage in material cooperation, not specified below", 6.0, "A festival of Norland's films opened "
       "in Southland."),
    _C("061", "Cooperate economically", 6.4, "Trade between Norland and Southland reached $2 billion."),
    _C("062", "Cooperate militarily", 7.4, "The two navies held joint drills."),
    _C("070", "Provide aid, not specified below", 7.0, "Norland donated ambulances to Southland."),
    _C("152", "Increase military alert status", -7.2, "Norland's army held drills near the border."),
    _C("161", "Reduce or break diplomatic relations", -4.0, "Norland severed diplomatic relations with Southland."),
)}

# The names of the CAMEO roots the codes above belong to (the codebook's words, not its capitals).
ROOT_NAMES = {"01": "Make public statement", "03": "Express intent to cooperate", "04": "Consult",
              "05": "Engage in diplomatic cooperation", "06": "Engage in material cooperation", "07": "Provide aid",
              "15": "Exhibit force posture", "16": "Reduce relations"}

# GDELT's QuadClass: value -> (name, the CAMEO roots it covers, first and last)
QUAD_CLASSES: dict[int, tuple[str, str, str]] = {
    1: ("Verbal cooperation", "01", "05"), 2: ("Material cooperation", "06", "09"),
    3: ("Verbal conflict", "10", "14"), 4: ("Material conflict", "15", "20")}

# A cooperative act reported as planned (or announced and then called off) is, in CAMEO, the intent to do it: the
# "express intent" code of the act's root. Other roots keep the act's own code (a planned break of relations).
INTENT_OF_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033"}
INTENT_STATUSES = frozenset({"planned", "cancelled"})


def quad_class_of(root: str) -> int:
    """GDELT's QuadClass of a CAMEO root ('01'..'20')."""
    return next(q for q, (_, first, last) in QUAD_CLASSES.items() if first <= root <= last)


def cameo_of(code: str | None, status: str | None) -> CameoCode | None:
    """The CAMEO code an event with the crosswalk's `code` and this status gets (None: the crosswalk has none)."""
    if code is None:
        return None
    if status in INTENT_STATUSES and code[:2] in INTENT_OF_ROOT:
        code = INTENT_OF_ROOT[code[:2]]
    return CAMEO[code]
