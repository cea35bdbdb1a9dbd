"""Per-article fact rows kept between runs, so that a rerun on an unchanged corpus does no language
work. An entry is plain JSON (never code: nothing in the cache can run), keyed by the input's format
and the SHA-256 of its bytes, and holds the pipeline's fingerprint (its version and the hash of its
code, schemas and data files), the article's detected language (so that a rerun need not load the
language detector), a digest of the article the rows were extracted from, and an HMAC of its
contents under the cache's own secret key (`hmac.key` in the cache folder: random, private, made once
and never replaced), so that an entry written by anyone who cannot read the key is never trusted.
Every entry is checked when read (shape, HMAC, fingerprint, article, each row's evidence equal to the
text span it points to); anything wrong is a miss, with a one-line warning, and the article is
extracted again and the entry rewritten. Only fact rows are kept: the article itself (its path,
format, metadata) is always read from the current run."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import stat
import tempfile
from pathlib import Path
from typing import TypeGuard

from pipeline.base.fingerprint import code_fingerprint
from pipeline.base.messages import describe_error, one_line
from pipeline.base.registry import EXTRACTED_TABLES
from schemas.fields import COLUMNS, DATE, FIELDS, FLOAT, INT, LIST, STR

log = logging.getLogger(__name__)

_FORMAT = 3  # bump when the layout of an entry changes (1: pickles, 2: a bare SHA-256; never read again)
_KEYS = {"format", "fingerprint", "key", "language", "article", "rows", "hmac"}
KEY_FILE = "hmac.key"  # the cache's secret key, in the cache folder
_KEY_TEXT = re.compile(r"[0-9a-f]{64}\n?")
_LANGUAGE = re.compile(r"[a-z]{2}|und")
_REFS = {"_visit_ref": "visits", "_document_ref": "documents", "_trade_ref": "trade"}
_PER_RUN = ("source_path",)  # fields of an article that depend on where it was found, not on its bytes


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What an entry must have been made by: the code fingerprint and this cache's entry format."""
    return hashlib.sha256(f"{code_fingerprint()}:{_FORMAT}".encode()).hexdigest()[:24]


def article_digest(article) -> str:
    """What extraction sees of an article: every field but those of the current run."""
    fields = {k: v for k, v in vars(article).items() if k not in _PER_RUN}
    return _sha256(fields)


class BadEntry(ValueError):
    """A cache entry that cannot be trusted."""


class BadKey(ValueError):
    """A key file that cannot be trusted (not private, not ours, not a key): the cache is not used."""


class ResultCache:
    """A folder of per-article fact rows, one checked JSON file each."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.prefix = fingerprint()
        self.hits = 0
        self.misses = 0
        self.enabled = _usable(folder)
        self._key = b""
        if self.enabled:
            try:
                self._key = cache_key(folder)
            except (BadKey, OSError) as exc:
                why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                log.warning("%s", one_line(f"cache key {folder / KEY_FILE} cannot be used ({why}); the cache is "
                                           "not used, extracting everything", 400))
                self.enabled = False

    def _path(self, sha256: str, source_format: str) -> Path:
        key = hashlib.sha256(f"{self.prefix}:{source_format}:{sha256}".encode()).hexdigest()
        return self.folder / self.prefix / key[:2] / f"{key}.json"

    def has(self, record) -> bool:
        return self.enabled and self._path(record.sha256, record.source_format).exists()

    def get(self, record, article) -> dict[str, list[dict]] | None:
        """The cached rows of `article` (parsed from `record` in this run), or None."""
        entry = self.entry(record)
        return self.rows(entry, record, article) if entry is not None else None

    def entry(self, record) -> dict | None:
        """The entry kept for `record` if its shape, HMAC, fingerprint and key are right; else None
        (a miss, with a warning when there was an entry)."""
        if not self.enabled:
            return None
        path = self._path(record.sha256, record.source_format)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            self._miss(path, exc.strerror or str(exc))
            return None
        try:
            return self._checked_entry(json.loads(data), record)
        except BadEntry as exc:
            self._miss(path, str(exc))
        except Exception as exc:
            self._miss(path, describe_error(exc))
        return None

    def rows(self, entry: dict, record, article) -> dict[str, list[dict]] | None:
        """The rows of a checked `entry` if they were extracted from `article` as parsed in this run and
        every row's evidence is the text at its offsets; else None (a miss, with a warning)."""
        try:
            rows = self._checked_rows(entry, article)
        except BadEntry as exc:
            self._miss(self._path(record.sha256, record.source_format), str(exc))
            return None
        self.hits += 1
        return rows

    def put(self, record, article, rows: dict[str, list[dict]]) -> None:
        """Keep `rows` for `article`, atomically; rows that would not read back the same are not kept."""
        if not self.enabled:
            return
        path = self._path(record.sha256, record.source_format)
        body = {"format": _FORMAT, "fingerprint": self.prefix,
                "key": {"sha256": record.sha256, "source_format": record.source_format},
                "language": article.language, "article": article_digest(article), "rows": _encode_rows(rows)}
        entry = {**body, "hmac": self._seal(body)}
        try:
            if self._checked_rows(self._checked_entry(json.loads(json.dumps(entry)), record), article) != rows:
                raise BadEntry("the rows do not read back the same")
        except Exception as exc:
            log.warning("%s: not cached (%s)", record.source_path, one_line(str(exc)))
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # private: see _usable
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as fh:
                    json.dump(entry, fh, sort_keys=True, separators=(",", ":"))
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as exc:  # a full disk or a read-only folder slows reruns, nothing more
            log.warning("cannot write cache entry %s: %s", path, exc)

    def _miss(self, path: Path, why: str) -> None:
        log.warning("%s", one_line(f"cache entry {path} ignored ({why}); extracting again", 400))
        self.misses += 1

    def _checked_entry(self, entry, record) -> dict:
        """`entry` if its shape, HMAC, fingerprint and key are right, else BadEntry."""
        if not isinstance(entry, dict) or set(entry) != _KEYS:
            raise BadEntry("not a cache entry (wrong shape)")
        body = {k: v for k, v in entry.items() if k != "hmac"}
        if not (isinstance(entry["hmac"], str) and hmac.compare_digest(entry["hmac"], self._seal(body))):
            raise BadEntry("its HMAC does not verify with this cache's key: edited, or not written by this cache")
        if entry["format"] != _FORMAT or entry["fingerprint"] != self.prefix:
            raise BadEntry("written by another version of the pipeline")
        if entry["key"] != {"sha256": record.sha256, "source_format": record.source_format}:
            raise BadEntry("the entry of another input")
        if not (isinstance(entry["language"], str) and _LANGUAGE.fullmatch(entry["language"])):
            raise BadEntry("not a language code")
        return entry

    def _seal(self, body: dict) -> str:
        return hmac.new(self._key, _canonical(body), hashlib.sha256).hexdigest()

    @staticmethod
    def _checked_rows(entry: dict, article) -> dict[str, list[dict]]:
        if entry["article"] != article_digest(article):
            raise BadEntry("extracted from another article text or metadata")
        return _decode_rows(entry["rows"], article.text)


def _usable(folder: Path) -> bool:
    """False (with a warning) for a folder someone else could have written entries into."""
    try:
        st = folder.stat()
    except FileNotFoundError:
        return True  # created, private, on first write
    except OSError as exc:
        log.warning("cache folder %s cannot be used (%s); extracting everything", folder, exc.strerror)
        return False
    if not stat.S_ISDIR(st.st_mode):
        log.warning("cache folder %s is not a folder; extracting everything", folder)
        return False
    if st.st_uid != os.geteuid() or st.st_mode & stat.S_IWOTH:
        log.warning("cache folder %s is writable by other users or owned by another; not used", folder)
        return False
    return True


def cache_key(folder: Path) -> bytes:
    """The secret key of the cache in `folder`: 32 random bytes, made on first use in a private file
    (0600) that appears whole or not at all and is never replaced (a run that loses the race to make
    it uses the winner's). BadKey when the file there is not a private regular file of this user
    holding a key: it is left as it is, and the cache is not used."""
    path = folder / KEY_FILE
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-key-", dir=folder)  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails rather than replace a key already there
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)
    return _read_key(path)


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))  # a link in its place is refused
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise BadKey("not a regular file")
        if st.st_uid != os.geteuid():
            raise BadKey("owned by another user")
        if st.st_mode & 0o077:
            raise BadKey(f"readable or writable by others (mode {stat.S_IMODE(st.st_mode):o}, not 600)")
        text = fh.read(100).decode("ascii", "replace")
    if not _KEY_TEXT.fullmatch(text):
        raise BadKey("not a key (64 hexadecimal digits)")
    return bytes.fromhex(text[:64])


def _canonical(value) -> bytes:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=_plain)
    return text.encode("utf-8", "surrogatepass")


def _sha256(value) -> str:
    return hashlib.sha256(_canonical(value)).hexdigest()


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not plain data")


def _encode_rows(rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {name: [{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in row.items()}
                   for row in rows.get(name, [])] for name in EXTRACTED_TABLES}


def _decode_rows(rows, text: str) -> dict[str, list[dict]]:
    """Rows as extraction made them, checked column by column against the tables' fields."""
    if not isinstance(rows, dict) or set(rows) != set(EXTRACTED_TABLES):
        raise BadEntry("rows: not one list per fact table")
    out: dict[str, list[dict]] = {}
    for name in EXTRACTED_TABLES:
        if not isinstance(rows[name], list):
            raise BadEntry(f"rows: {name} is not a list")
        out[name] = [_decoded_row(name, n, row, text) for n, row in enumerate(rows[name])]
    for n, row in enumerate(out["events"]):
        for ref, table in _REFS.items():
            value = row.get(ref)
            if value is not None and not (_is_int(value) and 0 <= value < len(out[table])):
                raise BadEntry(f"events[{n}].{ref}: no such {table} row")
    return out


def _decoded_row(name: str, n: int, row, text: str) -> dict:
    where = f"{name}[{n}]"
    if not isinstance(row, dict):
        raise BadEntry(f"{where}: not an object")
    out = {}
    for key, value in row.items():
        if key.startswith("_"):
            if not (value is None or isinstance(value, (str, int, float))):
                raise BadEntry(f"{where}.{key}: not a plain value")
            out[key] = value
            continue
        if key not in COLUMNS[name]:
            raise BadEntry(f"{where}.{key}: not a column of {name}")
        out[key] = _decoded_value(FIELDS[key][0], value, f"{where}.{key}")
    start, end, evidence = out.get("char_start"), out.get("char_end"), out.get("evidence")
    if not (_is_int(start) and _is_int(end) and isinstance(evidence, str)):
        raise BadEntry(f"{where}: no evidence span")
    if not (0 <= start < end <= len(text)) or text[start:end] != evidence:
        raise BadEntry(f"{where}: the evidence is not the article text at {start}:{end}")
    return out


def _decoded_value(kind, value, where: str):
    if value is None:
        return None
    if kind == DATE and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    elif ((kind == STR and isinstance(value, str)) or (kind in (INT, FLOAT) and _is_int(value))
          or (kind == FLOAT and isinstance(value, float))
          or (kind == LIST and isinstance(value, list) and all(isinstance(v, str) for v in value))):
        return value
    raise BadEntry(f"{where}: not a {kind}")


def _is_int(value) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
