"""Read raw article files safely: list them, refuse what must not or cannot be read, decode,
normalise and split each file into article records. The only stage that reads input.

Every input ends up either as an Article or as a Rejected with a reason:

    outside_raw   a symbolic link that points outside the raw folder (never followed)
    not_a_file    a link to a folder, a socket, a pipe...
    unreadable    the operating system refused to read it
    too_large     bigger than the size limit (not read at all)
    empty         no bytes, or only white space
    binary        not text in any encoding (images, archives, random bytes, NUL bytes)
    malformed     a JSON file or JSONL line that is not valid JSON, or not a record
    no_text       nothing left after the header, or an HTML page without article text
    duplicate     the same bytes, or the same article text, as an earlier input
    too_deep      a folder nested deeper than the walk goes (not entered)
    path_too_long a path longer than the system can open
    parse_error   any other error while reading, decoding or parsing the input (type and message)
    extraction_error  an error while annotating or extracting the article (type and message)
    worker_died   the worker process handling its batch died twice (pipeline.runtime.engines)

`empty` also covers an empty JSON list and a JSONL file of blank lines, `unreadable` a folder that
cannot be listed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Iterator

from pipeline.io import formats, header, language, walk
from pipeline.io.page_date import page_date
from pipeline.io.decoding import Undecodable, decode_bytes
from pipeline.base.messages import describe_error, one_line
from pipeline.io.glued_words import split_glued_words

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = walk.DEFAULT_MAX_BYTES
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass
class Article:
    """One input article, normalised. `text` is the body every offset refers to."""

    article_id: str
    source_path: str
    sha256: str
    text: str
    outlet: str | None = None
    section: str | None = None
    title: str | None = None
    published_date: dt.date | None = None
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    language: str = "en"
    encoding: str = "utf-8"
    url: str | None = None
    dateline: str | None = None  # the city a header line names as where the report was filed ("Lima, Peru")
    source_format: str = "txt"
    repairs: list[str] = field(default_factory=list)


@dataclass
class Rejected:
    """An input that could not become an article, and why."""

    source_path: str
    sha256: str | None
    reason: str
    detail: str

    def __post_init__(self):
        self.detail = one_line(self.detail)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Bytes to (text, encoding); see pipeline.io.decoding. Raises decoding.Undecodable."""
    decoded = decode_bytes(data)
    for repair in decoded.repairs:
        log.info("%s: %s", name, repair)
    return decoded.text, decoded.encoding


def normalise(text: str) -> str:
    """NFC, one kind of space, one kind of line ending, no zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    return split_glued_words(unicodedata.normalize("NFC", text))


def article_id_for(sha256: str) -> str:
    """Content-addressed id: the same bytes give the same id on every machine."""
    return "art_" + sha256[:16]


def parse_article(data: bytes, source_path: str) -> Article:
    """Turn a plain-text file's bytes into an Article (pure: no file system access)."""
    return parse_record(formats.Record(source_path, data, "txt"))


def parse_record(record: formats.Record, detected: str | None = None) -> Article:
    """Turn one input record into an Article: plain text has its header in the text, the other formats
    bring their metadata as fields. `detected`: the language detected in an earlier run (from the
    cache), so that the detector need not run again. Raises decoding.Undecodable for binary bytes."""
    sha = record.sha256
    repairs: list[str] = []
    if record.text is None:
        decoded = decode_bytes(record.raw)
        encoding, repairs = decoded.encoding, decoded.repairs
        lines = normalise(decoded.text).split("\n")
        head, body_lines = header.split(lines)
        body = "\n".join(line.rstrip() for line in body_lines).strip("\n")
        meta: dict = {"outlet": head.outlet, "section": head.section, "title": head.title,
                      "published_date": head.published_date, "authors": head.authors, "agency": head.agency,
                      "url": head.url, "dateline": head.dateline}
    else:
        encoding = record.meta.get("encoding") or "utf-8"
        repairs = list(record.meta.get("repairs") or [])
        body = "\n".join(line.rstrip() for line in normalise(record.text).split("\n")).strip("\n")
        meta = {k: v for k, v in record.meta.items() if k not in ("language", "encoding", "repairs")}
    if meta.get("published_date") is None:
        meta["published_date"] = page_date(body)  # a dateline's or a published line's, when the header has none
    declared = record.meta.get("language")
    lang = (declared or detected or language.detect(body)).lower()[:2] if body.strip() else "und"
    if declared and not re.fullmatch(r"[a-z]{2}", lang):
        lang = detected or language.detect(body)
    article = Article(article_id=article_id_for(sha), source_path=record.source_path, sha256=sha, text=body,
                      language=lang, encoding=encoding, source_format=record.source_format, repairs=repairs, **meta)
    _check_encodable(article)
    return article


def _check_encodable(article: Article) -> None:
    """Raise UnicodeEncodeError for a field that is not valid Unicode (a lone surrogate), here rather
    than when the batch's tables are written."""
    for value in vars(article).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                item.encode("utf-8")


def list_inputs(raw_dir: Path) -> list[Path]:
    """Every entry under `raw_dir` that is not a folder, in a stable order (see pipeline.io.walk)."""
    return [e.path for e in walk.walk(raw_dir) if isinstance(e, walk.Entry)]


def read_input(raw_dir: Path, path: Path, max_bytes: int = DEFAULT_MAX_BYTES,
               rel: str | None = None) -> tuple[bytes | None, Rejected | None]:
    """The bytes of one input, or why it is refused. Never reads outside `raw_dir`. `rel` is the name
    the input goes by in the tables (default: its path relative to `raw_dir`)."""
    rel = rel if rel is not None else walk.safe_name(path.relative_to(raw_dir).as_posix())
    root = raw_dir.resolve()
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # a dangling link, a link loop
        return None, Rejected(rel, None, "unreadable", f"cannot resolve the path: {exc}")
    if target != root and root not in target.parents:
        return None, Rejected(rel, None, "outside_raw", f"links to {target}, outside the raw folder; not read")
    if not target.is_file():
        return None, Rejected(rel, None, "not_a_file", "not a regular file")
    try:
        size = target.stat().st_size
        if size > max_bytes:
            return None, Rejected(rel, None, "too_large", f"{size} bytes, over the limit of {max_bytes}")
        data = _read_bounded(target, max_bytes)
    except OSError as exc:
        return None, Rejected(rel, None, "unreadable", exc.strerror or str(exc))
    if len(data) > max_bytes:  # it grew while we looked
        return None, Rejected(rel, None, "too_large", f"over the limit of {max_bytes} bytes")
    return data, None


READ_CHUNK = 1 << 20  # bytes per read: the buffer never depends on --max-bytes, however large


def _read_bounded(target: Path, max_bytes: int) -> bytes:
    """The file's bytes, read in chunks of READ_CHUNK, stopping once more than `max_bytes` are read (so a
    file that grows while it is read is still caught as too large). Memory follows the file's real size,
    never the limit: `--max-bytes 100G` reads a 2 KB article as 2 KB."""
    chunks: list[bytes] = []
    total = 0
    with open(target, "rb") as fh:
        while total <= max_bytes:
            chunk = fh.read(min(READ_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    return b"".join(chunks)


def iter_records(raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[formats.Record | Rejected]:
    """The records of every input under `raw_dir`, and a Rejected for every input, record or folder
    that cannot be one. Inputs with the same bytes as an earlier one are rejected as duplicates. Any
    error in one input is that input's `parse_error`; the others go on."""
    seen: dict[str, str] = {}
    for entry in walk.walk(raw_dir):
        if isinstance(entry, walk.Skipped):
            yield Rejected(entry.name, None, entry.reason, entry.detail)
            continue
        try:
            items = _file_items(raw_dir, entry, max_bytes, seen)
        except Exception as exc:
            items = [Rejected(entry.name, None, "parse_error", describe_error(exc))]
        yield from items


def _file_items(raw_dir: Path, entry: walk.Entry, max_bytes: int, seen: dict[str, str]
                ) -> list[formats.Record | Rejected]:
    rel = entry.name
    data, rejected = read_input(raw_dir, entry.path, max_bytes, rel)
    if rejected is not None or data is None:
        return [rejected or Rejected(rel, None, "unreadable", "no bytes read")]
    sha = hashlib.sha256(data).hexdigest()
    if sha in seen:
        return [Rejected(rel, sha, "duplicate", f"same bytes as {seen[sha]}; processed once")]
    seen[sha] = rel
    if not data.strip():
        return [Rejected(rel, sha, "empty", "the file has no text" if data else "the file is empty")]
    try:
        items = formats.records(data, rel)
    except Undecodable as exc:
        return [Rejected(rel, sha, "binary", str(exc))]
    except Exception as exc:
        return [Rejected(rel, sha, "parse_error", describe_error(exc))]
    out: list[formats.Record | Rejected] = []
    for item in items:
        if isinstance(item, formats.FormatError):
            where = item.path or rel
            out.append(Rejected(where, sha if where == rel else None, item.reason, item.detail))
        elif item.source_path != rel and item.sha256 in seen:
            out.append(Rejected(item.source_path, item.sha256, "duplicate",
                                f"same record as {seen[item.sha256]}; processed once"))
        else:
            seen.setdefault(item.sha256, item.source_path)
            out.append(item)
    return out


def header_key(article: Article) -> str:
    """Identity of what an article's header says (outlet, headline, date, address): the same text under
    another header is a reprint, under the same one a copy."""
    parts = (article.outlet, article.title, article.published_date, article.url)
    return hashlib.sha256(repr(tuple("" if p is None else str(p) for p in parts)).encode("utf-8")).hexdigest()


def text_key(article: Article) -> str:
    """Identity of an article's content, whatever its encoding, line endings or file format."""
    return hashlib.sha256(" ".join(article.text.split()).encode("utf-8")).hexdigest()
