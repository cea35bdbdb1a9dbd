"""Which language an article is written in (lingua), so that only English goes to the English extractors."""
from __future__ import annotations

import functools
from collections import Counter

# The detector reads up to WINDOWS windows of WINDOW characters spread evenly from the start to the end
# of the text, each judged alone, and takes the majority: one paragraph alone can mislead it (a lead
# crowded with names, a quoted foreign phrase, a list of dates), and reading everything of a long text
# would cost more than the rest of its intake.
WINDOW = 500
WINDOWS = 6
_MIN_LETTERS = 20


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    # Low-accuracy mode uses trigram models only: ~130 MB instead of ~1.3 GB, and reliable on
    # paragraph-length text, which is what articles give it.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language, lower case; "und" when it cannot be told. Each window is
    judged on its own; the language most windows give wins (a tie: the one read first)."""
    votes = Counter(code for code in map(_detect_one, _windows(text)) if code != "und")
    if not votes:
        return "und"
    best = max(votes.values())
    return next(code for code in votes if votes[code] == best)  # Counter keeps the order of first votes


def _detect_one(sample: str) -> str:
    if sum(c.isalpha() for c in sample) < _MIN_LETTERS:
        return "und"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else "und"


def _windows(text: str) -> list[str]:
    """What the detector reads of `text`: up to WINDOWS windows of WINDOW characters, the first at the
    start and the last at the end, evenly spaced (one window for a text up to WINDOW characters)."""
    count = min(WINDOWS, -(-len(text) // WINDOW))
    if count <= 1:
        return [text]
    step = (len(text) - WINDOW) / (count - 1)
    return [text[round(k * step):round(k * step) + WINDOW] for k in range(count)]
