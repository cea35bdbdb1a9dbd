"""The real-page regression gate: the pipeline on the real pages of tests/data/real, both halves
(tune/ and the held-out test/), scored strictly by the referee (tests/score_real.py), must not fall
below the floors of tests/data/real/floors.yaml. The page texts are third-party pages, never in the
repository: the test runs where they have been fetched into `.real/` (tests/data/real/fetch.md) and
is skipped, saying so, where they are not (as in CI)."""
import os
from pathlib import Path

import pytest
import yaml

from benchmarks.real_halves import HALVES, run_pipeline, score_halves, stems
from tests.conftest import ROOT

TEXTS = Path(os.environ.get("REAL_TEXTS", ROOT / ".real"))
FLOORS = yaml.safe_load((ROOT / "tests" / "data" / "real" / "floors.yaml").read_text(encoding="utf-8"))


def _missing() -> list[str]:
    return [s for half in HALVES for s in stems(half) if not (TEXTS / f"{s}.txt").is_file()]


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict:
    missing = _missing()
    if missing:
        pytest.skip(f"{len(missing)} real page texts are not in {TEXTS} (fetch them: tests/data/real/fetch.md)")
    out, _ = run_pipeline(TEXTS, tmp_path_factory.mktemp("real"))
    return score_halves(out)


@pytest.mark.parametrize("half", HALVES)
def test_strict_scores_hold_their_floors(scores: dict, half: str):
    got = scores[half]["scores"]["strict"]
    low = {f"{t} {k}": (got[t][k], floor) for t, floors in FLOORS[half].items() for k, floor in floors.items()
           if got[t][k] < floor}
    assert not low, f"{half}: below the floor (score, floor): {low}\n{scores[half]['last_line']}"


def test_the_floors_cover_both_halves_and_every_table():
    assert set(FLOORS) == set(HALVES)
    for half in HALVES:
        assert set(FLOORS[half]) == {"visits", "documents", "trade", "events"}


def test_the_halves_share_no_page_and_the_test_half_is_large_enough():
    tune, test = set(stems("tune")), set(stems("test"))
    assert not tune & test
    urls = {half: {yaml.safe_load((ROOT / "tests" / "data" / "real" / half / f"{s}.yaml").read_text("utf-8"))["url"]
                   for s in stems(half)} for half in HALVES}
    assert not urls["tune"] & urls["test"]
    assert len(test) >= 40 and len(tune) + len(test) >= 100
