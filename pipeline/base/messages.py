"""One-line, bounded messages for rejected inputs and logs, from any exception or text."""
from __future__ import annotations

import re

MAX_DETAIL = 200  # characters: a message is one line of a log, a terminal or a table cell
_BREAKS = re.compile(r"\s+")


def one_line(text: str, limit: int = MAX_DETAIL) -> str:
    """`text` on one line (every run of white space one space), cut to `limit` characters."""
    text = _BREAKS.sub(" ", str(text)).strip()
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates become \udXXX
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def describe_error(exc: BaseException, limit: int = MAX_DETAIL) -> str:
    """"TypeError: 'int' object is not iterable": the exception's type and message, one line."""
    message = str(exc)
    return one_line(f"{type(exc).__name__}: {message}" if message else type(exc).__name__, limit)
