"""Cache entries edited, truncated or replaced (garbage, wrong shape, another article's entry, a pickle)
are each detected, re-extracted and rewritten: the published tables stay byte-identical to a
`--no-cache` run, and nothing in the cache runs code. An edit resealed by someone without the cache's
key (a recomputed SHA-256, another key's HMAC) fails the HMAC; an entry sealed with the key but wrong
inside fails the checks behind it. The key is private, made once, atomically, and never replaced."""
import hashlib
import hmac
import json
import logging
import multiprocessing
import os
import pickle
import random
import shutil
import stat
from pathlib import Path

import pandas as pd

from pipeline.runtime import cache as cache_mod
from pipeline.runtime.run import RunOptions, run
from tests.conftest import ROOT

TABLES = ["articles", "visits", "documents", "trade", "events", "quarantine", "rejected_inputs"]
DEV = ROOT / "tests" / "data" / "dev" / "raw"


def _corpus(raw: Path) -> None:
    raw.mkdir()
    shutil.copy(next((ROOT / "raw").glob("*.txt")), raw)
    for f in sorted(DEV.glob("*.txt"))[:4]:
        shutil.copy(f, raw)
    body = ("Foreign Minister Ana Ruiz of Spain paid an official visit to Lisbon on {d} May 2023 and met her "
            "Portuguese counterpart. The two ministers signed a memorandum of understanding on water management.")
    (raw / "export.jsonl").write_text("\n".join(json.dumps({"text": body.format(d=d), "title": f"Talks {d}"})
                                                for d in (3, 4)) + "\n")


def _run(raw: Path, out: Path, cache: Path | None):
    return run(raw, out, RunOptions(cache_dir=cache, progress=False, workers=1))


def _bytes(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.parquet").read_bytes() for t in TABLES}


def _rows_of(out: Path, sha256: str) -> list:
    arts = pd.read_parquet(out / "articles.parquet")
    ids = set(arts.loc[arts["sha256"] == sha256, "article_id"])
    frames = [pd.read_parquet(out / f"{t}.parquet") for t in TABLES[:5]]
    return [df[df["article_id"].isin(ids)].reset_index(drop=True).to_json() for df in frames]


KEY: bytes = b""  # the cache's key, read by the test once the first run has made it


def _sealed_with(key: bytes | None, entry: dict) -> bytes:
    """`entry` resealed: with `key`'s HMAC, or (None) with the SHA-256 of its contents, which is all that
    someone who can write beside --out but cannot read the key can compute."""
    body = {k: v for k, v in entry.items() if k != "hmac"}
    seal = (hmac.new(key, cache_mod._canonical(body), hashlib.sha256).hexdigest() if key is not None
            else cache_mod._sha256(body))
    return json.dumps({**body, "hmac": seal}).encode()


def _sealed(entry: dict) -> bytes:
    """`entry` sealed with the cache's own key: what only a holder of the key could write."""
    return _sealed_with(KEY, entry)


def _first_row(entry: dict) -> tuple[str, dict] | None:
    return next(((t, rows[0]) for t, rows in entry["rows"].items() if rows), None)


# name -> (does it apply to this entry?, the tampered bytes from (entry, its bytes, another entry's bytes))
def _edit_visitor(e, _raw, _other):
    e["rows"]["visits"][0]["visitor_name"] = "Mallory"
    return json.dumps(e).encode()


def _edit_visitor_sha256(e, _raw, _other):
    e["rows"]["visits"][0]["visitor_name"] = "Mallory"
    return _sealed_with(None, e)


def _edit_visitor_other_key(e, _raw, _other):
    e["rows"]["visits"][0]["visitor_title"] = "Emperor"
    return _sealed_with(random.Random(7).randbytes(32), e)


def _shift_span(e, _raw, _other):
    _, row = _first_row(e)
    row["char_start"] += 1
    return _sealed(e)


def _forged_key(e, _raw, other):
    forged = json.loads(other)
    forged["key"] = e["key"]
    return _sealed(forged)


def _old_version(e, _raw, _other):
    e["fingerprint"] = "0" * 24
    return _sealed(e)


def _other_language(e, _raw, _other):
    e["language"] = "de" if e["language"] != "de" else "en"
    return _sealed(e)


def _bad_type(e, _raw, _other):
    _, row = _first_row(e)
    row["char_end"] = str(row["char_end"])
    return _sealed(e)


def _bad_ref(e, _raw, _other):
    e["rows"]["events"][0]["_visit_ref"] = 10_000
    return _sealed(e)


def _extra_column(e, _raw, _other):
    _, row = _first_row(e)
    row["__class__"] = "os.system"
    row["command"] = "rm -rf /"
    return _sealed(e)


class _Payload:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _has(table):
    return lambda e: bool(e["rows"][table])


def _any_row(e):
    return _first_row(e) is not None


TAMPERS = {
    "edit visitor name, HMAC left": (_has("visits"), _edit_visitor),
    "edit visitor name, SHA-256 of the contents recomputed": (_has("visits"), _edit_visitor_sha256),
    "edit visitor title, sealed with another key": (_has("visits"), _edit_visitor_other_key),
    "truncated": (lambda e: True, lambda e, raw, o: raw[: len(raw) // 2]),
    "empty file": (lambda e: True, lambda e, raw, o: b""),
    "garbage bytes": (lambda e: True, lambda e, raw, o: random.Random(5).randbytes(300)),
    "wrong shape (a list)": (lambda e: True, lambda e, raw, o: b"[1, 2, 3]"),
    "wrong shape (rows not tables)": (lambda e: True, lambda e, raw, o: _sealed({**e, "rows": ["visits"]})),
    "another article's entry": (lambda e: True, lambda e, raw, other: other),
    "another article's rows under this input's key, sealed": (lambda e: True, _forged_key),
    "evidence span shifted, sealed": (_any_row, _shift_span),
    "another pipeline version, sealed": (lambda e: True, _old_version),
    "another language, sealed": (lambda e: True, _other_language),
    "offset of the wrong type, sealed": (_any_row, _bad_type),
    "event linked to a missing visit, sealed": (_has("events"), _bad_ref),
    "unknown columns, sealed": (_any_row, _extra_column),
    "JSON nested 10,000 deep": (lambda e: True, lambda e, raw, o: b"[" * 10_000 + b"]" * 10_000),
    "a pickle that would write a file": (lambda e: True, None),  # filled in with the marker path
}


# Edits a writer without the key can make: refused by the HMAC itself.
WITHOUT_THE_KEY = ("edit visitor name, HMAC left", "edit visitor name, SHA-256 of the contents recomputed",
                   "edit visitor title, sealed with another key")


def test_tampered_entries_are_misses_and_the_output_equals_a_no_cache_run(tmp_path: Path, caplog, capsys):
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    _corpus(raw)
    _run(raw, tmp_path / "fresh", None)
    expected = _bytes(tmp_path / "fresh")
    first = _run(raw, tmp_path / "out", cache)
    assert _bytes(tmp_path / "out") == expected
    global KEY
    KEY = cache_mod.cache_key(cache)
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == first.articles == 7 and not list(cache.rglob("*.pkl"))
    original = {p: p.read_bytes() for p in entries}
    sha_of = {p: json.loads(original[p])["key"]["sha256"] for p in entries}
    marker = tmp_path / "code-ran"
    todo = list(TAMPERS.items())
    tampered = detected = published_wrong = 0
    while todo:
        round_: dict[Path, str] = {}
        for name, (applies, tamper) in list(todo):
            free = [p for p in entries if p not in round_ and applies(json.loads(original[p]))]
            if not free:
                continue
            path = free[0]
            other = original[next(p for p in entries if p != path)]
            if tamper is None:
                data = pickle.dumps(_Payload(marker))
            else:
                data = tamper(json.loads(original[path]), original[path], other)
            assert data != original[path], name
            path.write_bytes(data)
            round_[path] = name
            todo.remove((name, (applies, tamper)))
        assert round_, f"no entry fits {[n for n, _ in todo]}"
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="pipeline"):
            summary = _run(raw, tmp_path / "out", cache)
        warnings = [r.getMessage() for r in caplog.records]
        for path, name in round_.items():
            tampered += 1
            named = [w for w in warnings if str(path) in w and "ignored" in w]
            detected += len(named) == 1
            assert len(named) == 1, (name, warnings)
            assert "\n" not in named[0]
            if name in WITHOUT_THE_KEY:
                assert "HMAC does not verify" in named[0], (name, named[0])
            published_wrong += _rows_of(tmp_path / "out", sha_of[path]) != _rows_of(tmp_path / "fresh", sha_of[path])
            assert json.loads(path.read_bytes()) == json.loads(original[path]), f"{name}: not rewritten"
        assert summary.cache_hits == len(entries) - len(round_)
        assert _bytes(tmp_path / "out") == expected
        assert not marker.exists(), "a cache entry ran code"
    again = _run(raw, tmp_path / "out", cache)
    assert again.cache_hits == len(entries) and _bytes(tmp_path / "out") == expected
    with capsys.disabled():
        print(f"\nreliability cache: entries tampered={tampered} detected={detected} "
              f"published_wrong={published_wrong}")
    assert tampered == len(TAMPERS) == detected and published_wrong == 0


def test_a_renamed_file_is_published_under_its_new_path_from_the_cache(tmp_path: Path):
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    _corpus(raw)
    _run(raw, tmp_path / "out", cache)
    first = min(raw.glob("*.txt"))
    (raw / "renamed").mkdir()
    first.rename(raw / "renamed" / first.name)
    lines = (raw / "export.jsonl").read_text().splitlines()
    (raw / "export.jsonl").unlink()
    (raw / "moved.ndjson").write_text("\n".join(["", *reversed(lines)]) + "\n")  # other line numbers too
    cached = _run(raw, tmp_path / "out", cache)
    assert cached.cache_hits == cached.articles == 7
    _run(raw, tmp_path / "fresh", None)
    assert _bytes(tmp_path / "out") == _bytes(tmp_path / "fresh")
    paths = set(pd.read_parquet(tmp_path / "out" / "articles.parquet")["source_path"])
    assert f"renamed/{first.name}" in paths and {"moved.ndjson#L2", "moved.ndjson#L3"} <= paths
    assert not any(p.startswith("export.jsonl") or p == first.name for p in paths)


def test_the_key_is_private_made_once_and_never_replaced(tmp_path: Path):
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    _corpus(raw)
    _run(raw, tmp_path / "out", cache)
    key_file = cache / cache_mod.KEY_FILE
    st = key_file.stat()
    assert stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600 and st.st_uid == os.geteuid()
    made = key_file.read_bytes()
    assert len(bytes.fromhex(made.decode().strip())) == 32
    again = _run(raw, tmp_path / "out", cache)
    assert again.cache_hits == again.articles and key_file.read_bytes() == made
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == []  # no temporary key left behind


def _make_key(folder: str) -> str:
    return cache_mod.cache_key(Path(folder)).hex()


def test_runs_that_make_the_key_at_once_all_get_the_same_one(tmp_path: Path):
    folder = tmp_path / "cache"
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        keys = pool.map(_make_key, [str(folder)] * 32)
    assert len(set(keys)) == 1
    assert (folder / cache_mod.KEY_FILE).read_text().strip() == keys[0]
    assert sorted(p.name for p in folder.iterdir()) == [cache_mod.KEY_FILE]


def test_a_key_others_could_read_or_replace_is_not_used_and_left_alone(tmp_path: Path, caplog):
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    _corpus(raw)
    _run(raw, tmp_path / "fresh", None)
    _run(raw, tmp_path / "out", cache)
    key_file = cache / cache_mod.KEY_FILE
    made = key_file.read_bytes()
    for damage in ("group-readable", "not a key", "a link to a key"):
        if damage == "group-readable":
            key_file.chmod(0o640)
        elif damage == "not a key":
            key_file.write_bytes(b"0" * 10)
        else:
            real = tmp_path / "elsewhere.key"
            real.write_bytes(made)
            real.chmod(0o600)
            key_file.unlink()
            key_file.symlink_to(real)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="pipeline"):
            summary = _run(raw, tmp_path / "out", cache)
        said = [r.getMessage() for r in caplog.records if str(key_file) in r.getMessage()]
        assert len(said) == 1 and "not used" in said[0], (damage, caplog.text)
        assert summary.cache_hits == 0 and _bytes(tmp_path / "out") == _bytes(tmp_path / "fresh"), damage
        if damage == "a link to a key":
            assert key_file.is_symlink()
        else:
            assert key_file.read_bytes() == (made if damage == "group-readable" else b"0" * 10), damage
        key_file.unlink()
        key_file.write_bytes(made)
        key_file.chmod(0o600)
