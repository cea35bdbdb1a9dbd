"""What an article in another language gives: no rows, and a diagnostic that says so (no spaCy needed); a\ndiagnostic about a whole article, quoting its opening."""
from __future__ import annotations

from pipeline.base.registry import no_rows
from pipeline.io.ingest import Article


NOTICE_CHARS = 200  # the most of an article's opening a `not_english` diagnostic quotes as its evidence


def not_extracted(article: Article) -> dict[str, list[dict]]:
    """The rows of an article in another language: none, and one diagnostic saying why, whose evidence is
    the opening of its first non-blank line (so that the reader sees what the detector read)."""
    rows = no_rows()
    notice = opening_notice(article.text, "not_english",
                            f"language detected: {article.language}; only English is extracted")
    if notice is not None:
        rows["diagnostics"] = [notice]
    return rows


def opening_notice(text: str, kind: str, detail: str) -> dict | None:
    """A diagnostic about the whole article, its evidence the opening of its first non-blank line (at most
    NOTICE_CHARS); None for a blank text."""
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    end = min(start + NOTICE_CHARS, len(text) if line_end < 0 else line_end)
    end = start + len(text[start:end].rstrip())
    if end <= start:
        return None
    return {"char_start": start, "char_end": end, "evidence": text[start:end], "kind": kind, "_anchor": start,
            "detail": detail}
