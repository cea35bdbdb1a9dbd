"""Official titles and the visitor roles they map to (the words are in pipeline/rules/titles.yaml)."""
from __future__ import annotations

from pipeline.nlp.rules import cues, lexicon

# Words that make up titles when they stand before a name ("Foreign Minister Ana Tora").
TITLE_WORDS = lexicon("titles", "title_words")
_SMALL_WORDS = lexicon("titles", "title_small_words")


def role_of(title: str | None) -> str:
    """The visitor_role vocabulary value for a title ("Defence Minister" -> "minister"): the first rule of
    the `roles` cue list that matches it, else "other"."""
    if not title:
        return "other"
    for role, rx in cues("titles", "roles"):
        if rx.search(title):
            return role
    return "other"


def clean_title(title: str) -> str:
    """Normalise case: "foreign minister" -> "Foreign Minister"; keep small words lower."""
    words = title.split()
    return " ".join(w if (w.lower() in _SMALL_WORDS and i) else (w if w.isupper() and len(w) <= 3 else w[:1].upper() + w[1:])
                    for i, w in enumerate(words))
