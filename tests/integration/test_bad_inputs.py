"""A corpus of bad inputs, made here, mixed with the seed: the run goes on past every one of them,
the seed's tables are the same as in a clean run, and every input is an article or a rejected row."""
import json
import os
import random
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, run_cli

SEED = next((ROOT / "raw").glob("*.txt"))
FACT_TABLES = ["visits", "documents", "trade", "events"]
LIMIT = 200_000
BODY = ("Prime Minister Jonas Gahr Store paid an official visit to Santiago on 4-5 March 2024 and met "
        "President Gabriel Boric. The two leaders signed a memorandum of understanding on green hydrogen.")


def _make_corpus(raw: Path, outside: Path) -> dict[str, str]:
    """Write the bad inputs; returns {path: the reason it must be rejected for} (None: must be read)."""
    rng = random.Random(7)
    seed_bytes = SEED.read_bytes()
    expect: dict[str, str | None] = {}

    def put(name: str, data: bytes, reason: str | None):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_bytes(data)
        expect[name] = reason

    put(SEED.name, seed_bytes, None)
    put("empty.txt", b"", "empty")
    put("blank.txt", b" \n\t\r\n   \n", "empty")
    put("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(rng.randrange(256) for _ in range(400)),
        "binary")
    put("noise.bin", bytes(rng.randrange(256) for _ in range(4000)), "binary")
    put("nul.txt", BODY.encode()[:60] + b"\x00" + BODY.encode()[60:], "binary")
    put("utf16.txt", ("Oslo and Santiago\n\n" + BODY.replace("Store", "Støre") + " Oslo welcomed it.").encode("utf-16"),
        None)
    put("latin1.txt", ("Wien und Santiago\n\nDer Präsident Gabriel Boric empfing den österreichischen "
                       "Außenminister in Santiago am 3. März 2024. Die Gespräche dauerten zwei Tage. "
                       "Man sprach über Kupfer, Lithium und grünen Wasserstoff.").encode("latin-1"), None)
    put("cp1252.txt", ("Santiago talks\n\n" + BODY + " The minister called it a \u201cnew chapter\u201d \u2013 "
                       "and the caf\u00e9 owners agreed.").encode("cp1252"), None)
    put("mojibake.txt", ("Santiago talks\n\n" + BODY.replace("Store", "St\u00f8re")).encode("utf-8").decode("cp1252")
        .encode("utf-8"), None)
    # UTF-8 with three bad bytes (the first at byte 53, before "official"): read as UTF-8, not taken for
    # another encoding
    damaged = ("Oslo talks\n\n" + BODY.replace("Store", "St\u00f8re") + " S\u00f8nstebø and Ærø came too.").encode()
    a, b = damaged.index(b"official"), damaged.index(b"memorandum")
    put("damaged-utf8.txt", damaged[:a] + b"\xff" + damaged[a:b] + b"\xfe\x80" + damaged[b:], None)
    put("huge.txt", ((BODY + "\n") * (LIMIT // len(BODY) + 10)).encode(), "too_large")
    # cut inside the last character (a 3-byte dash)
    put("truncated.txt", ("Santiago talks\n\n" + BODY + " Se\u00f1or Boric thanked Oslo \u2014").encode("utf-8")[:-1], None)
    put("nothing.html", b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav>"
                        b"<footer>(c) 2024</footer></body></html>", "no_text")
    good = {"text": BODY, "title": "Store in Santiago", "published": "2024-03-06", "url": "https://x.example/1"}
    other = {**good, "text": BODY.replace("green hydrogen", "copper mining"), "url": "https://x.example/2"}
    put("export.jsonl", (json.dumps(good) + "\n{\"text\": \"broken\n" + json.dumps(other) + "\n").encode(), None)
    expect["export.jsonl#L2"] = "malformed"
    put("zz-copies/duplicate.txt", seed_bytes, "duplicate")  # read after the seed (path order)
    put("zz-same-article-crlf.txt", seed_bytes.replace(b"\n", b"\r\n"), "duplicate")
    outside.write_text(BODY)
    os.symlink(outside, raw / "escape.txt")
    expect["escape.txt"] = "outside_raw"
    os.symlink(raw / "no-such-file.txt", raw / "dangling.txt")
    expect["dangling.txt"] = "unreadable"
    locked = raw / "locked.txt"
    locked.write_text("Locked\n\n" + BODY.replace("Santiago", "Valparaiso"))
    locked.chmod(0)
    expect["locked.txt"] = "unreadable" if os.geteuid() != 0 else None  # root reads any file
    return expect


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    raw = base / "raw"
    raw.mkdir()
    expect = _make_corpus(raw, base / "outside-secret.txt")
    proc = run_cli("--raw", str(raw), "--out", str(base / "out"), "--max-bytes", str(LIMIT), "--no-cache")
    tables = {n: pd.read_parquet(base / "out" / f"{n}.parquet") for n in
              ["articles", "rejected_inputs", *FACT_TABLES]} if proc.returncode == 0 else {}
    yield proc, expect, tables
    (raw / "locked.txt").chmod(0o644)


def test_the_run_goes_on(bad_run):
    proc, _, _ = bad_run
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_every_bad_input_is_rejected_with_its_reason(bad_run):
    _, expect, tables = bad_run
    rejected = dict(zip(tables["rejected_inputs"]["path"], tables["rejected_inputs"]["reason"]))
    for path, reason in expect.items():
        if reason is not None:
            assert rejected.get(path) == reason, (path, rejected)
    assert tables["rejected_inputs"]["detail"].map(bool).all()


def test_every_input_is_an_article_or_a_rejected_row(bad_run):
    _, expect, tables = bad_run
    arts = set(tables["articles"]["source_path"])
    rejected = set(tables["rejected_inputs"]["path"])
    assert not arts & rejected
    assert arts | rejected == (set(expect) | {"export.jsonl#L1", "export.jsonl#L3"}) - {"export.jsonl"}


def test_the_summary_counts_add_up(bad_run):
    proc, _, tables = bad_run
    counts = dict(line.split(None, 1) for line in proc.stdout.splitlines() if line[:1].isalpha() and "  " in line)
    n_articles, n_rejected = len(tables["articles"]), len(tables["rejected_inputs"])
    assert int(proc.stdout.split("articles")[1].split()[0]) == n_articles
    assert int(proc.stdout.split("rejected inputs")[1].split()[0]) == n_rejected
    assert int(proc.stdout.split("inputs ")[1].split()[0]) == n_articles + n_rejected
    assert counts


def test_messages_name_the_file_and_reason_in_one_line(bad_run):
    proc, expect, _ = bad_run
    lines = proc.stderr.splitlines()
    for path, reason in expect.items():
        if reason is not None:
            assert any(path in line and reason in line for line in lines), (path, reason)


def test_encodings_and_repairs_are_recorded(bad_run):
    _, _, tables = bad_run
    arts = tables["articles"].set_index("source_path")
    assert arts.loc["utf16.txt", "encoding"] == "utf-16" and "Støre" in arts.loc["utf16.txt", "text"]
    assert arts.loc["latin1.txt", "encoding"] == "cp1252" and "Präsident" in arts.loc["latin1.txt", "text"]
    assert arts.loc["latin1.txt", "language"] == "de"
    assert "“new chapter”" in arts.loc["cp1252.txt", "text"]
    assert "Støre" in arts.loc["mojibake.txt", "text"]
    damaged = arts.loc["damaged-utf8.txt"]
    assert damaged["encoding"] == "utf-8" and "Støre" in damaged["text"] and "Sønstebø and Ærø" in damaged["text"]
    assert "\ufffdofficial" in damaged["text"] and "\ufffd\ufffdmemorandum" in damaged["text"]
    assert list(damaged["repairs"]) == ["3 bytes that are not valid UTF-8 replaced with U+FFFD (the first at byte 53)"]
    assert any("ftfy" in r for r in arts.loc["mojibake.txt", "repairs"])
    assert any("incomplete UTF-8" in r for r in arts.loc["truncated.txt", "repairs"])
    assert len(arts.loc["cp1252.txt", "repairs"]) and not len(arts.loc[SEED.name, "repairs"])


def test_nothing_outside_the_raw_folder_is_read(bad_run):
    _, _, tables = bad_run
    assert not tables["articles"]["text"].str.contains("outside", regex=False).any()
    assert "escape.txt" not in set(tables["articles"]["source_path"])


def test_seed_tables_equal_a_clean_run(bad_run, seed_output: Path):
    _, _, tables = bad_run
    seed_id = pd.read_parquet(seed_output / "articles.parquet")["article_id"].iloc[0]
    for name in FACT_TABLES:
        clean = pd.read_parquet(seed_output / f"{name}.parquet")
        mixed = tables[name][tables[name]["article_id"] == seed_id].reset_index(drop=True)
        pd.testing.assert_frame_equal(mixed, clean.reset_index(drop=True), check_dtype=False)


def test_strict_exits_1_when_inputs_were_rejected(tmp_path: Path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("Talks\n\n" + BODY)
    (raw / "empty.txt").write_bytes(b"")
    proc = run_cli("--raw", str(raw), "--out", str(tmp_path / "out"), "--strict", "-q", "--no-cache")
    assert proc.returncode == 1, proc.stderr
    assert (tmp_path / "out" / "visits.parquet").exists()  # published all the same
    (raw / "empty.txt").unlink()
    assert run_cli("--raw", str(raw), "--out", str(tmp_path / "out"), "--strict", "-q",
                   "--no-cache").returncode == 0


def test_bad_size_option_is_a_usage_error(tmp_path: Path):
    proc = run_cli("--raw", str(ROOT / "raw"), "--out", str(tmp_path / "o"), "--max-bytes", "lots")
    assert proc.returncode == 2 and "not a size" in proc.stderr
