"""Official titles and the visitor roles they map to."""
from __future__ import annotations

import re

# Checked in order: the first pattern that matches the title decides the role.
_ROLE_RULES: list[tuple[str, str]] = [
    (r"\bdeputy\b|\bvice\b|\bassistant\b|\bambassador\b|\benvoy\b|\bsecretary[- ]general\b|\bspokes", "official"),
    (r"\b(?:top|chief) diplomat\b|\bforeign minister\b|\bminister (?:of|for) foreign affairs\b|\bforeign secretary\b|\bsecretary of state\b",
     "foreign_minister"),
    (r"\bprime minister\b|\bpremier\b|\bchancellor\b|\bpm\b|\bhead of government\b|"
     r"\bpresident of the (?:government|council of ministers)\b", "head_of_government"),
    (r"\bpresident\b|\bking\b|\bqueen\b|\bemir\b|\bamir\b|\bsultan\b|\bmonarch\b|\bcrown prince\b|\bhead of state\b",
     "head_of_state"),
    (r"\bchief of (?:the )?(?:general|army|naval|air) staff\b|\bgeneral\b|\badmiral\b|\bcommander\b|\bmarshal\b"
     r"|\bcolonel\b|\bchief of staff\b", "military"),
    (r"\bspeaker\b|\bchairman of the (?:senate|parliament|national assembly|majlis)|\bmp\b|\bparliamentarian|"
     r"\blawmaker|\bsenator\b|\bdeputies\b|\bmember of parliament", "parliament"),
    (r"\bminister\b", "minister"),
    (r"\bdelegation\b", "delegation"),
    (r"\bofficial\b|\bsecretary\b|\bhead\b|\bchairman\b|\bgovernor\b|\bmayor\b|\bdirector\b", "official"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), role) for p, role in _ROLE_RULES]

# Words that make up titles when they stand before a name ("Foreign Minister Jeyhun Bayramov").
TITLE_WORDS = {
    "president", "prime", "minister", "foreign", "deputy", "vice", "speaker", "chairman", "chairwoman",
    "king", "queen", "emir", "sultan", "premier", "chancellor", "pm", "mp", "general", "colonel", "major",
    "lieutenant", "admiral", "commander", "chief", "ambassador", "envoy", "secretary", "defence", "defense",
    "economy", "finance", "trade", "energy", "interior", "justice", "health", "education", "culture",
    "agriculture", "transport", "senator", "governor", "mayor", "crown", "prince", "first", "state",
    "national", "director", "head", "marshal", "sheikh", "dr", "dr.", "then", "former", "acting",
}


def role_of(title: str | None) -> str:
    """The visitor_role vocabulary value for a title ("Defence Minister" -> "minister")."""
    if not title:
        return "other"
    for rx, role in _COMPILED:
        if rx.search(title):
            return role
    return "other"


def clean_title(title: str) -> str:
    """Normalise case: "foreign minister" -> "Foreign Minister"; keep small words lower."""
    small = {"of", "the", "for", "and", "on", "in"}
    words = title.split()
    return " ".join(w if (w.lower() in small and i) else (w if w.isupper() and len(w) <= 3 else w[:1].upper() + w[1:])
                    for i, w in enumerate(words))
