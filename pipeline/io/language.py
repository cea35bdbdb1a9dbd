"""Which language an article is written in (lingua), so that only English goes to the English extractors."""
from __future__ import annotations

import functools

_SAMPLE = 500  # characters: a paragraph is enough for a confident answer on news text
_MIN_LETTERS = 20


@functools.lru_cache(maxsize=1)
def _detector():
    from lingua import LanguageDetectorBuilder

    # Low-accuracy mode uses trigram models only: ~130 MB instead of ~1.3 GB, and reliable on
    # paragraph-length text, which is what articles give it.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect(text: str) -> str:
    """ISO 639-1 code of the text's language, lower case; "und" when it cannot be told."""
    sample = text[:_SAMPLE]
    if sum(c.isalpha() for c in sample) < _MIN_LETTERS:
        return "und"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else "und"
