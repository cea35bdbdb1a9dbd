"""The model's attribute ruler with its patterns matched by array tests: the same annotations, in a fraction of the time.

spaCy's English models map tags to parts of speech, morphology and some lemmas with an `attribute_ruler`
of about 180 token patterns. It finds them with the Matcher, which tries every pattern at every token: a
seventh of the model's whole time. Every one of those patterns is a fixed run of one or two tokens that
tests TAG, LOWER, DEP or IS_SPACE, so `token_tests` finds the same matches with numpy over the doc's
arrays. The matches are then applied by the ruler's own `set_annotations`, in the ruler's own order (later
patterns win), so the annotations are the ruler's. A model whose ruler has a pattern these tests cannot
read keeps its ruler as it is.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from pipeline.nlp import token_tests

NAME = "array_attribute_ruler"


class ArrayAttributeRuler:
    """Applies an AttributeRuler's patterns, found by `token_tests` instead of the Matcher."""

    def __init__(self) -> None:
        self.ruler: AttributeRuler | None = None
        self.entries: list[tuple[int, int, tuple[token_tests.TokenTest, ...]]] = []  # (rule, key, tests)

    def use(self, ruler: AttributeRuler) -> bool:
        """Take over `ruler`'s patterns; False (and nothing taken) when one cannot be read as array tests."""
        entries = []
        for rule, pattern in enumerate(ruler.patterns):
            key = ruler.vocab.strings.add(str(rule))
            alternatives: list[list[dict[str, Any]]] = pattern["patterns"]  # type: ignore[assignment]
            for alternative in alternatives:
                tests = tuple(token_tests.compile_token(ruler.vocab, tok, allow_empty=True) for tok in alternative)
                if not tests or any(t is None for t in tests):
                    return False
                entries.append((rule, key, tests))
        self.ruler, self.entries = ruler, entries  # type: ignore[assignment]
        return True

    def __call__(self, doc: Doc) -> Doc:
        if self.ruler is None:
            raise RuntimeError(f"{NAME}: no attribute ruler to apply (call use() first)")
        found = token_tests.sequence_starts(doc, [tests for _, _, tests in self.entries])
        matches = {(rule, key, s, s + len(tests)) for (rule, key, tests), starts in zip(self.entries, found)
                   for s in starts}
        self.ruler.set_annotations(doc, sorted(matches))
        return doc


@Language.factory(NAME)
def _make(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler()


def install(nlp: Language) -> bool:
    """Put the array ruler in place of the model's `attribute_ruler` (disabled, kept), when it can read every
    pattern; True when it did."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    original = nlp.get_pipe("attribute_ruler")
    fast = nlp.add_pipe(NAME, after="attribute_ruler")
    if not isinstance(original, AttributeRuler) or not isinstance(fast, ArrayAttributeRuler) or not fast.use(original):
        nlp.remove_pipe(NAME)
        return False
    nlp.disable_pipe("attribute_ruler")
    return True
