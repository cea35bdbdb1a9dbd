"""Score the pipeline on the real pages of both halves of tests/data/real: tune/ (read and debugged)
and test/ (held out: never read, never used to write or adjust a rule).

    python benchmarks/real_halves.py [--texts .real] [--verbose] [--json FILE]

The page texts are not in the repository: tests/data/real/fetch.md says how to fetch them into
`.real/`. The pipeline runs once over the texts of both halves; each half is scored with the
referee (tests/score_real.py). `--verbose` lists the misses and extra rows of the tune half only:
the test half reports its score lines and nothing else, so that nobody tunes a rule on it."""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.score_real import MODES, print_text, score  # noqa: E402

HALVES = ("tune", "test")
GOLD = ROOT / "tests" / "data" / "real"


def stems(half: str) -> list[str]:
    return sorted(p.stem for p in (GOLD / half).glob("*.yaml"))


def run_pipeline(texts: Path, work: Path) -> tuple[Path, dict[str, list[str]]]:
    """Copy the texts of both halves into one raw folder, run the pipeline once; the missing stems per half."""
    raw, missing = work / "raw", {}
    raw.mkdir()
    for half in HALVES:
        missing[half] = [s for s in stems(half) if not (texts / f"{s}.txt").is_file()]
        for s in stems(half):
            if (texts / f"{s}.txt").is_file():
                shutil.copy(texts / f"{s}.txt", raw / f"{s}.txt")
    out = work / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "--raw", str(raw), "--out", str(out), "-q",
                           "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"real_halves: the pipeline failed: {proc.stderr.strip()[-500:]}")
    return out, missing


def score_halves(out: Path) -> dict[str, dict]:
    return {half: score(out, GOLD / half, list(MODES)) for half in HALVES}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=Path, default=ROOT / ".real", help="folder of <stem>.txt page texts")
    ap.add_argument("--verbose", action="store_true", help="list misses and extras (tune half only)")
    ap.add_argument("--json", type=Path, help="also write the scores of both halves as JSON")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out, missing = run_pipeline(a.texts, Path(tmp))
        results = score_halves(out)
    for half in HALVES:
        if missing[half]:
            print(f"{half}: {len(missing[half])} page texts missing from {a.texts} (their facts count as missed)")
        print(f"== {half} ({len(stems(half))} pages)")
        if half == "tune" and a.verbose:
            print_text(results[half], verbose=True, hits=False)
        else:
            print(results[half]["last_line"])
    if a.json:
        a.json.write_text(json.dumps({h: {"pages": len(stems(h)), "missing_texts": missing[h],
                                          "scores": results[h]["scores"]} for h in HALVES}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
