"""Extraction quality on the seed and on the development articles kept in tests/data: the whole
pipeline runs once, the project's own scorer measures each table, and a drop below the thresholds
fails with the scorer's list of missed and extra rows."""
import shutil
from pathlib import Path

import pytest

from pipeline.quality.evaluate import evaluate, render
from tests.conftest import ROOT, run_cli

DATA = ROOT / "tests" / "data"
SEED_MIN = {"visits": 0.95, "documents": 0.95, "trade": 0.95, "events": 0.90}
DEV_MIN = {"visits": 0.85, "documents": 0.85, "trade": 0.85, "events": 0.85}


@pytest.fixture(scope="module")
def corpus_output(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("corpus") / "raw"
    raw.mkdir()
    for f in [*(ROOT / "raw").glob("*.txt"), *(DATA / "dev" / "raw").glob("*.txt")]:
        shutil.copy(f, raw / f.name)
    out = raw.parent / "output"
    proc = run_cli("--raw", str(raw), "--out", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("name,gold_dir,minimum", [
    ("seed", DATA / "seed" / "gold", SEED_MIN),
    ("dev", DATA / "dev" / "gold", DEV_MIN),
])
def test_f1_at_or_above_threshold(corpus_output: Path, name: str, gold_dir: Path, minimum: dict):
    result = evaluate(corpus_output, sorted(gold_dir.glob("*.yaml")))
    low = {t: round(result["tables"][t]["f1"], 3) for t, m in minimum.items() if result["tables"][t]["f1"] < m}
    assert not low, f"{name}: F1 below threshold {low}\n{render(result)}"


def test_every_gold_article_was_read(corpus_output: Path):
    result = evaluate(corpus_output, sorted((DATA / "dev" / "gold").glob("*.yaml")))
    assert not [n for n in result["notes"] if "no article" in n]
