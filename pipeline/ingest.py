"""Read raw article files: decode, normalise, split header/body. The only stage that reads input."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import formats, header, language

log = logging.getLogger(__name__)

FALLBACK_ENCODING = "cp1252"
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
    source_format: str = "txt"


@dataclass
class Rejected:
    """An input file that could not become an article, and why."""

    source_path: str
    sha256: str | None
    reason: str
    detail: str


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Bytes to text: UTF-8 (BOM optional), UTF-16 with BOM, else the declared fallback."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        log.warning("%s: not valid UTF-8; decoded as %s", name, FALLBACK_ENCODING)
        return data.decode(FALLBACK_ENCODING, errors="replace"), FALLBACK_ENCODING


def normalise(text: str) -> str:
    """NFC, one kind of space, one kind of line ending, no zero-width characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def article_id_for(sha256: str) -> str:
    """Content-addressed id: the same bytes give the same id on every machine."""
    return "art_" + sha256[:16]


def parse_article(data: bytes, source_path: str) -> Article:
    """Turn a plain-text file's bytes into an Article (pure: no file system access)."""
    return parse_record(formats.Record(source_path, data, "txt"))


def parse_record(record: formats.Record) -> Article:
    """Turn one input record into an Article: plain text has its header in the text, the other formats
    bring their metadata as fields."""
    sha = record.sha256
    if record.text is None:
        raw_text, encoding = decode(record.raw, record.source_path)
        lines = normalise(raw_text).split("\n")
        head, first, end = header.parse(lines)
        body = "\n".join(line.rstrip() for line in lines[first:end]).strip("\n")
        meta = {"outlet": head.outlet, "section": head.section, "title": head.title,
                "published_date": head.published_date, "authors": head.authors, "agency": head.agency}
    else:
        encoding = "utf-8"
        body = "\n".join(line.rstrip() for line in normalise(record.text).split("\n")).strip("\n")
        meta = {k: v for k, v in record.meta.items() if k != "language"}
    declared = record.meta.get("language")
    return Article(article_id=article_id_for(sha), source_path=record.source_path, sha256=sha, text=body,
                   language=(declared or language.detect(body)).lower()[:2] if body.strip() else "und",
                   encoding=encoding, source_format=record.source_format, **meta)


def list_inputs(raw_dir: Path) -> list[Path]:
    """Every regular file under `raw_dir`, recursively, in a stable order; hidden files skipped."""
    files = [p for p in raw_dir.rglob("*") if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(raw_dir).parts)]
    return sorted(files, key=lambda p: p.relative_to(raw_dir).as_posix())


def read_articles(raw_dir: Path) -> tuple[list[Article], list[Rejected]]:
    """All articles under `raw_dir`; files that cannot be read are returned as Rejected."""
    articles: list[Article] = []
    rejected: list[Rejected] = []
    seen: dict[str, str] = {}
    for path in list_inputs(raw_dir):
        rel = path.relative_to(raw_dir).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            rejected.append(Rejected(rel, None, "unreadable", str(exc)))
            log.warning("%s: unreadable: %s", rel, exc)
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in seen:
            rejected.append(Rejected(rel, sha, "duplicate", f"same bytes as {seen[sha]}"))
            log.warning("%s: duplicate of %s; processed once", rel, seen[sha])
            continue
        if not data.strip():
            rejected.append(Rejected(rel, sha, "empty", "the file has no text"))
            log.warning("%s: empty file skipped", rel)
            continue
        if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            rejected.append(Rejected(rel, sha, "binary", "the file contains NUL bytes"))
            log.warning("%s: binary file skipped", rel)
            continue
        seen[sha] = rel
        for record in formats.records(data, rel, decode):
            if isinstance(record, formats.FormatError):
                path = record.detail.split(": ", 1)[0] if record.detail.startswith(rel + "#") else rel
                rejected.append(Rejected(path, sha if path == rel else None, record.reason, record.detail))
                log.warning("%s: %s: %s", rel, record.reason, record.detail)
                continue
            if record.sha256 in seen and record.source_path != rel:
                rejected.append(Rejected(record.source_path, record.sha256, "duplicate",
                                         f"same content as {seen[record.sha256]}"))
                continue
            seen.setdefault(record.sha256, record.source_path)
            article = parse_record(record)
            if not article.text.strip():
                rejected.append(Rejected(record.source_path, record.sha256, "no_text", "no article body after the header"))
                log.warning("%s: no article body", record.source_path)
                continue
            articles.append(article)
    return articles, rejected
