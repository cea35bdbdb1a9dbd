"""Inputs that used to end the whole run (wrong JSON field types, lone surrogates, JSON nested 10,000
deep, non-UTF-8 file names, 1,400 nested folders, paths over 4,096 bytes, an unreadable folder, a
cache entry of the wrong shape, an extractor that raises), mixed with the seed: the run goes on,
every file and record is an article or a rejected row, and the seed's tables are those of a clean run."""
import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.runtime import cache as cache_mod
from pipeline.io import walk
from pipeline.runtime.run import RunOptions, run
from schemas import RejectedInputsSchema
from tests.conftest import ROOT, run_cli

SEED = next((ROOT / "raw").glob("*.txt"))
FACT_TABLES = ["visits", "documents", "trade", "events"]
DEEP = "[" * 10_000 + "]" * 10_000
LOCKED = "locked-folder"
FAILS = "Quendor"  # the extractor is made to raise on the article that names this (invented) country
BAD_NAME = b"caf\xe9-talks.txt"  # Latin-1 bytes: not UTF-8


def _body(n: int, place: str = "Lisbon") -> str:
    return (f"Foreign Minister Ana Ruiz of Spain paid a working visit to {place} on {n} May 2023 and met "
            f"her Portuguese counterpart. The two ministers signed a memorandum on water management number {n}.")


def _mkdirs_iteratively(base: Path, names: list[str]) -> int:
    """Create base/names[0]/names[1]/... (deeper or longer than path-based calls allow); returns an fd of
    the deepest folder."""
    fd = os.open(base, os.O_RDONLY)
    for name in names:
        os.mkdir(name, dir_fd=fd)
        child = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = child
    return fd


def _make_corpus(raw: Path) -> dict[str, str | None]:
    """Write every case; returns {published path: reason} (None: an article)."""
    expect: dict[str, str | None] = {}

    def put(name: str, data: bytes, outcome: dict[str, str | None]):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_bytes(data)
        expect.update(outcome)

    put(SEED.name, SEED.read_bytes(), {SEED.name: None})
    put("authors-number.json", json.dumps({"text": _body(1), "authors": 5}).encode(), {"authors-number.json": None})
    put("authors-true.jsonl", (json.dumps({"text": _body(2), "authors": True}) + "\n").encode(),
        {"authors-true.jsonl#L1": None})
    put("surrogate-text.json", ('{"text": "' + _body(3) + ' \\ud800 end."}').encode(), {"surrogate-text.json": None})
    put("surrogate-title.jsonl", ('{"text": "' + _body(4) + '", "title": "Talks \\ud800"}\n').encode(),
        {"surrogate-title.jsonl#L1": None})
    put("deep.json", DEEP.encode(), {"deep.json": "parse_error"})
    put("deep-line.jsonl", (json.dumps({"text": _body(5)}) + "\n" + DEEP + "\n").encode(),
        {"deep-line.jsonl#L1": None, "deep-line.jsonl#L2": "parse_error"})
    # the standard library cannot parse the file at all: the whole file is one rejected row
    put("deep-item.json", ("[" + json.dumps({"text": _body(6)}) + ", " + DEEP + "]").encode(),
        {"deep-item.json": "parse_error"})
    put("empty-list.json", b"[]", {"empty-list.json": "empty"})
    put("blank-lines.jsonl", b"\n\n   \n\t\n", {"blank-lines.jsonl": "empty"})
    put("unicode-blank-lines.jsonl", "\u3000\n\u00a0\n\n".encode(), {"unicode-blank-lines.jsonl": "empty"})
    put("extractor-fails.txt", f"Talks in Quendor\n\n{_body(7, FAILS)}".encode(), {"extractor-fails.txt": None})
    put(f"{LOCKED}/inside.txt", f"Inside\n\n{_body(8)}".encode(), {f"{LOCKED}/inside.txt": None})
    with open(os.fsencode(raw) + b"/" + BAD_NAME, "wb") as fh:
        fh.write(f"Cafe talks\n\n{_body(9)}".encode())
    expect["caf\\xe9-talks.txt"] = None
    # 1,400 nested folders with an article at the bottom: the walk stops at MAX_DEPTH
    fd = _mkdirs_iteratively(raw, ["deep-folders"] + ["d"] * 1399)
    with os.fdopen(os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as fh:
        fh.write(f"Bottom\n\n{_body(10)}")
    os.close(fd)
    expect["/".join(["deep-folders"] + ["d"] * walk.MAX_DEPTH)] = "too_deep"
    # a path over 4,096 bytes: 20 folders of 250 characters
    names = [c * 250 for c in "abcdefghijklmnopqrst"]
    fd = _mkdirs_iteratively(raw, ["long", *names])
    with os.fdopen(os.open("far.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as fh:
        fh.write(f"Far\n\n{_body(11)}")
    os.close(fd)
    parts, length = ["long"], len(os.fsencode(os.path.abspath(raw))) + len("/long")
    for name in names:
        parts.append(name)
        length += 1 + len(name)
        if length > walk.MAX_PATH_BYTES:
            break
    expect["/".join(parts)] = "too_deep" if len(parts) - 1 > walk.MAX_DEPTH else "path_too_long"
    return expect


def _remove(raw: Path) -> None:
    """shutil.rmtree recurses once per folder level: take the 1,400-deep chain apart bottom up first."""
    chain = raw / "deep-folders"
    if chain.exists():
        os.chdir(chain)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for entry in os.listdir("."):
            os.unlink(entry)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
        os.chdir(ROOT)
    (raw / LOCKED).chmod(0o755)
    shutil.rmtree(raw, ignore_errors=True)


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def isolated_run(tmp_path_factory):
    """The corpus run in this process, with an unreadable folder, an extractor that raises on one article
    and a cache entry of the wrong shape for the seed."""
    base = tmp_path_factory.mktemp("isolation")
    raw = base / "raw"
    raw.mkdir()
    expect = _make_corpus(raw)
    expect.update({LOCKED: "unreadable", "extractor-fails.txt": "extraction_error"})
    expect.pop(f"{LOCKED}/inside.txt")
    (raw / LOCKED).chmod(0)  # not enough for root, who can list anything: os.scandir is made to refuse too
    cache_dir = base / "cache"
    entry = cache_mod.ResultCache(cache_dir)._path(hashlib.sha256(SEED.read_bytes()).hexdigest(), "txt")
    entry.parent.mkdir(parents=True)
    entry.write_text(json.dumps({"rows": ["not", "a", "table"]}))
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("/" + LOCKED):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    from pipeline.extract import article as article_facts

    real_extract = article_facts.extract

    def extract(article, doc):
        if FAILS in article.text:
            raise RuntimeError("simulated extractor failure\non two lines")
        return real_extract(article, doc)

    handler = _Lines()
    logging.getLogger("pipeline").addHandler(handler)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(os, "scandir", scandir)
            mp.setattr(article_facts, "extract", extract)
            summary = run(raw, base / "out", RunOptions(cache_dir=cache_dir, progress=False, workers=1, batch_size=64))
    finally:
        logging.getLogger("pipeline").removeHandler(handler)
    tables = {n: pd.read_parquet(base / "out" / f"{n}.parquet") for n in ["articles", "rejected_inputs", *FACT_TABLES]}
    yield summary, expect, tables, handler.lines, raw, base, entry
    _remove(raw)


def _outcomes(tables) -> tuple[set[str], dict[str, str]]:
    return set(tables["articles"]["source_path"]), dict(zip(tables["rejected_inputs"]["path"],
                                                             tables["rejected_inputs"]["reason"]))


def test_every_file_and_record_is_an_article_or_one_rejected_row(isolated_run):
    _, expect, tables, _, _, _, _ = isolated_run
    articles, rejected = _outcomes(tables)
    assert len(rejected) == len(tables["rejected_inputs"])  # no path twice
    assert not articles & set(rejected)
    assert articles == {p for p, r in expect.items() if r is None}
    assert rejected == {p: r for p, r in expect.items() if r is not None}


def test_rejected_rows_say_the_error_type_and_message_on_one_short_line(isolated_run):
    _, _, tables, _, _, _, _ = isolated_run
    rejected = tables["rejected_inputs"].set_index("path")
    RejectedInputsSchema.validate(tables["rejected_inputs"])
    assert rejected.loc["deep.json", "detail"].startswith("RecursionError: ")
    assert rejected.loc["deep-line.jsonl#L2", "detail"].startswith("deep-line.jsonl#L2: RecursionError: ")
    assert rejected.loc["extractor-fails.txt", "detail"] == ("RuntimeError: simulated extractor failure on two "
                                                            "lines")
    assert "Permission denied" in rejected.loc[LOCKED, "detail"]


def test_each_rejected_input_is_named_in_one_warning(isolated_run):
    _, expect, _, lines, _, _, entry = isolated_run
    for path, reason in expect.items():
        if reason is not None:
            assert any(line.startswith(f"{path}: rejected ({reason})") for line in lines), path
    assert all("\n" not in line for line in lines)
    assert any(str(entry) in line and "wrong shape" in line for line in lines)


def test_json_fields_of_the_wrong_type_and_lone_surrogates_are_repaired_and_said(isolated_run):
    _, _, tables, _, _, _, _ = isolated_run
    arts = tables["articles"].set_index("source_path")
    assert list(arts.loc["authors-number.json", "authors"]) == []
    assert any("'authors'" in r for r in arts.loc["authors-number.json", "repairs"])
    assert any("'authors'" in r for r in arts.loc["authors-true.jsonl#L1", "repairs"])
    assert "\ufffd end." in arts.loc["surrogate-text.json", "text"]
    assert arts.loc["surrogate-title.jsonl#L1", "title"] == "Talks \ufffd"
    assert any("surrogate" in r for r in arts.loc["surrogate-title.jsonl#L1", "repairs"])


def test_a_file_name_that_is_not_utf8_keeps_its_bytes_escaped(isolated_run):
    _, _, tables, _, _, _, _ = isolated_run
    (name,) = [p for p in tables["articles"]["source_path"] if p.startswith("caf")]
    assert os.fsencode(name.encode().decode("unicode_escape").encode("latin-1")) == BAD_NAME


def test_one_failing_article_does_not_lose_its_batch(isolated_run):
    summary, expect, tables, _, _, _, _ = isolated_run
    # every record in one batch of 64: the failure of one cost none of the others
    assert summary.articles == len(tables["articles"]) == sum(r is None for r in expect.values()) >= 7
    assert "extractor-fails.txt" not in set(tables["articles"]["source_path"])
    assert len(tables["visits"]) and set(tables["visits"]["article_id"]) <= set(tables["articles"]["article_id"])


def test_a_cache_entry_of_the_wrong_shape_is_replaced(isolated_run):
    _, _, _, _, _, _, entry = isolated_run
    assert json.loads(entry.read_text())["format"] == cache_mod._FORMAT


def test_seed_tables_equal_a_clean_run(isolated_run, seed_output: Path):
    _, _, tables, _, _, _, _ = isolated_run
    seed_id = pd.read_parquet(seed_output / "articles.parquet")["article_id"].iloc[0]
    for name in FACT_TABLES:
        clean = pd.read_parquet(seed_output / f"{name}.parquet")
        mixed = tables[name][tables[name]["article_id"] == seed_id].reset_index(drop=True)
        assert len(clean)
        pd.testing.assert_frame_equal(mixed, clean.reset_index(drop=True), check_dtype=False)


def test_the_command_goes_on_past_every_case(isolated_run):
    """The same corpus through the command line, without the simulated failures."""
    _, expect, _, _, raw, base, _ = isolated_run
    os.chmod(raw / LOCKED, 0o755)
    expect = {**expect, "extractor-fails.txt": None, f"{LOCKED}/inside.txt": None}
    expect.pop(LOCKED)
    proc = run_cli("--raw", str(raw), "--out", str(base / "cli-out"), "--no-cache", "-q", "--workers", "1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    articles, rejected = _outcomes({n: pd.read_parquet(base / "cli-out" / f"{n}.parquet")
                                    for n in ["articles", "rejected_inputs"]})
    assert articles == {p for p, r in expect.items() if r is None}
    assert rejected == {p: r for p, r in expect.items() if r is not None}
