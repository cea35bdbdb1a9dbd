"""A text too long to annotate at once, in sections: where it is cut, and its sections' rows as the rows of
the whole text.

spaCy's memory grows with the length of a doc and several steps of an extractor compare a sentence with the
others of its doc, so an article longer than `SECTION_CHARS` is annotated and extracted one section at a
time (cut at a paragraph break, else a line break, a sentence end or a space) and its rows are joined: their
offsets, anchors and links shifted to the whole text. A news article is far shorter: only an unusually long
input (a book, a transcript, a pasted archive) is cut, and a fact is then read within its own section (a
date or a visit stated in one section does not carry into the next).
"""
from __future__ import annotations

from collections.abc import Iterable

from pipeline.base.registry import EXTRACTED_TABLES, LINKS
from pipeline.extract.language_notice import opening_notice
from pipeline.nlp.annotate import chunks

SECTION_CHARS = 50_000  # characters at most per section: memory and time stay those of a long news article
_OFFSETS = ("char_start", "char_end")
_REFS = {ref: parent for _, ref, _, parent in LINKS}  # a row key that links to a row of table `parent`


def sections(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(offset, section) pairs whose sections join back into `text`; one pair when it fits in `limit`
    (default `SECTION_CHARS`)."""
    out, offset = [], 0
    for part in chunks(text, SECTION_CHARS if limit is None else limit):
        out.append((offset, part))
        offset += len(part)
    return out


def joined(text: str, parts: Iterable[tuple[int, dict[str, list[dict]]]]) -> dict[str, list[dict]]:
    """The rows of every section of `text`, each section's at its offset in the whole text (evidence
    offsets and numeric anchors moved by the offset, a link to another row of the section moved by the rows
    of that table in the sections before), and a `sectioned` diagnostic that says how it was read."""
    out: dict[str, list[dict]] = {name: [] for name in EXTRACTED_TABLES}
    count = 0
    for offset, tables in parts:
        count += 1
        before = {name: len(rows) for name, rows in out.items()}
        for name, rows in tables.items():
            out.setdefault(name, []).extend(_shifted(row, offset, before) for row in rows)
    notice = opening_notice(text, "sectioned", f"{len(text):,} characters read in {count} sections of at most "
                                               f"{SECTION_CHARS:,}; each fact is read within its own section")
    if notice is not None:
        out["diagnostics"].insert(0, notice)
    return out


def _shifted(row: dict, offset: int, before: dict[str, int]) -> dict:
    moved = dict(row)
    for key in _OFFSETS:
        if isinstance(moved.get(key), int):
            moved[key] += offset
    anchor = moved.get("_anchor")
    if isinstance(anchor, int) and not isinstance(anchor, bool):
        moved["_anchor"] = anchor + offset
    for ref, parent in _REFS.items():
        if isinstance(moved.get(ref), int):
            moved[ref] += before.get(parent, 0)
    return moved
