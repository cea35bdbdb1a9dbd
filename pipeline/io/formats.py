"""Input formats: what one raw file holds. Plain text is one article with a header in its first
lines; an HTML page is one article whose text and metadata trafilatura extracts; a JSON file holds one
record or a list of records, a JSONL file one record per line, each with `text` and optional `title`,
`published`, `url`, `outlet`, `authors`, `language` (what scrapers export)."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field

from pipeline.io.decoding import decode_bytes
from pipeline.base.messages import describe_error

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
MIN_HTML_WORDS = 12  # below this, what trafilatura finds is a menu or a caption, not an article
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's "\ud800" escapes decode to lone surrogates
log = logging.getLogger(__name__)


class FormatError(ValueError):
    """A file or record that does not have the structure its format needs."""

    def __init__(self, reason: str, detail: str, path: str | None = None):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
        self.path = path  # the record's path (file#N, file#LN); None: the whole file


@dataclass
class Record:
    """One article's worth of input: its own bytes (for the id), its text or bytes to decode, metadata."""

    source_path: str
    raw: bytes
    source_format: str
    text: str | None = None  # None: decode `raw` and read the header from the text (plain text)
    meta: dict = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def format_of(path: str) -> str:
    """The format a file name says; unknown extensions are read as plain text."""
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    return FORMATS.get(suffix, "txt")


def records(data: bytes, rel_path: str) -> list[Record | FormatError]:
    """The records in one file. A bad record of a JSON list or a JSONL file is returned as a FormatError
    in its place, so that the good ones go on; a file with no record at all is one FormatError. Raises
    decoding.Undecodable for binary data; plain text is decoded later, with its header."""
    fmt = format_of(rel_path)
    if fmt == "txt":
        return [Record(rel_path, data, "txt")]
    decoded = decode_bytes(data)
    how = {"encoding": decoded.encoding, "repairs": decoded.repairs}
    if fmt == "html":
        return [_html_record(decoded.text, data, rel_path, how)]
    text = decoded.text
    if fmt == "jsonl":
        out: list[Record | FormatError] = []
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            path = f"{rel_path}#L{n}"
            try:
                out.append(_json_record(json.loads(line), path, line.encode("utf-8", "surrogatepass"), "jsonl", how))
            except json.JSONDecodeError as exc:
                out.append(FormatError("malformed", f"{path}: not valid JSON: {exc.msg} at column {exc.colno}", path))
            except FormatError as exc:
                out.append(exc)
            except Exception as exc:
                out.append(FormatError("parse_error", f"{path}: {describe_error(exc)}", path))
        return out or [FormatError("empty", "the JSONL file has only blank lines: no records")]
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return [FormatError("malformed", f"not valid JSON: {exc.msg} at line {exc.lineno}")]
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        return [FormatError("empty", "the JSON file holds an empty list: no records")]
    out = []
    for n, item in enumerate(items):
        path = rel_path if len(items) == 1 else f"{rel_path}#{n}"
        try:
            raw = json.dumps(item, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")
            out.append(_json_record(item, path, raw, "json", how))
        except FormatError as exc:
            out.append(exc)
        except Exception as exc:
            out.append(FormatError("parse_error", f"{path}: {describe_error(exc)}", path))
    return out


def _json_record(obj, path: str, raw: bytes, fmt: str, how: dict) -> Record:
    if not isinstance(obj, dict):
        raise FormatError("malformed", f"{path}: a record must be a JSON object, not {type(obj).__name__}",
                          path)
    repairs = list(how["repairs"])
    text = obj.get("text") or obj.get("content") or obj.get("body")
    if not isinstance(text, str) or not text.strip():
        raise FormatError("no_text", f"{path}: the record has no 'text'", path)
    meta = {
        "title": _str(obj.get("title") or obj.get("headline")),
        "published_date": parse_published(obj.get("published") or obj.get("date") or obj.get("published_date")),
        "url": _str(obj.get("url") or obj.get("link")),
        "outlet": _str(obj.get("outlet") or obj.get("source") or obj.get("site")),
        "authors": _authors(obj.get("authors") or obj.get("author"), repairs),
        "language": _str(obj.get("language") or obj.get("lang")),
    }
    text, meta = _without_surrogates(text, meta, repairs)
    return Record(path, raw, fmt, text=text, meta={**meta, **how, "repairs": repairs})


def _authors(value, repairs: list[str]) -> list[str]:
    """A string ("A and B; C") or a list of strings; anything else is left out, and said so."""
    if value is None or value == [] or value == "":
        return []
    if isinstance(value, str):
        return [a.strip() for a in re.split(r";|,|\band\b", value) if a.strip()]
    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        return [a.strip() for a in value if a.strip()]
    repairs.append(f"ignored 'authors': not a string or a list of strings ({type(value).__name__})")
    return [a.strip() for a in value if isinstance(a, str) and a.strip()] if isinstance(value, list) else []


def _without_surrogates(text: str, meta: dict, repairs: list[str]) -> tuple[str, dict]:
    """Lone surrogates (not Unicode; nothing can write them) replaced by U+FFFD, and said so."""
    fields = {"text": text, **meta}
    fixed = []
    for key, value in fields.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            fields[key] = _SURROGATE.sub("\ufffd", value)
            fixed.append(key)
        elif isinstance(value, list) and any(isinstance(v, str) and _SURROGATE.search(v) for v in value):
            fields[key] = [_SURROGATE.sub("\ufffd", v) for v in value]
            fixed.append(key)
    if fixed:
        repairs.append(f"lone surrogates replaced by U+FFFD in {', '.join(fixed)}")
    text = fields.pop("text")
    return text, fields


def _html_record(html: str, data: bytes, rel_path: str, how: dict) -> Record | FormatError:
    import trafilatura

    with _library_logs_quiet(rel_path):
        doc = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True, include_comments=False,
                                          include_tables=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or len(text.split()) < MIN_HTML_WORDS:
        return FormatError("no_text", "the HTML page has no article text (navigation or boilerplate only)")
    title = _str(doc.title)
    lines = [line.strip() for line in text.split("\n")]
    if title and lines and lines[0] == title:
        lines = lines[1:]  # the headline is metadata, not body
    authors = [a.strip() for a in re.split(r";|\|", doc.author or "") if a.strip()]
    meta = {"title": title, "published_date": parse_published(doc.date), "url": _str(doc.url),
            "outlet": _str(doc.sitename), "authors": authors, "language": None, **how}
    # One block per paragraph, separated like the paragraphs of a text file.
    return Record(rel_path, data, "html", text="\n\n".join(line for line in lines if line), meta=meta)


# The libraries behind trafilatura log about the page they are given ("discarding data: None", "empty HTML
# tree: None", "lxml parsing failed") without naming the file; the pipeline's own one-line message names it.
_HTML_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


@contextlib.contextmanager
def _library_logs_quiet(rel_path: str):
    """Keep the HTML libraries' own log lines out of the run's output while they read `rel_path` (with -v,
    they are shown, after a line saying which file they are about)."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        log.debug("%s: extracting the page with trafilatura", rel_path)
        yield
        return
    loggers = [logging.getLogger(name) for name in _HTML_LOGGERS]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def parse_published(value) -> dt.date | None:
    """An ISO date or date-time ("2022-10-04", "2022-10-04T10:00:00Z"); anything else gives None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _str(value) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
