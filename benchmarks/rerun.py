"""Benchmark: an unchanged rerun against the first run, on N articles (default 200) made from the seed
and the development articles copied under new names, each with one line changed.

    python benchmarks/rerun.py [--n 200] [--work DIR]

Prints both times and their ratio, checks that the two outputs are byte-identical, and writes
the numbers to DIR/rerun.json. Not a test: timings depend on the machine."""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "raw").glob("*.txt"), *(ROOT / "tests" / "data" / "dev" / "raw").glob("*.txt")])
TABLES = ["articles", "visits", "documents", "trade", "events", "quarantine", "rejected_inputs"]


def make_copies(raw: Path, n: int) -> None:
    """n files: source k % len(SOURCES), its longest line (a body paragraph, never the header or the
    footer) extended with a copy number, so that every file is a distinct article."""
    raw.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        src = SOURCES[k % len(SOURCES)]
        lines = src.read_text(encoding="utf-8").split("\n")
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        lines[longest] = lines[longest].rstrip() + f" (Archive copy {k}.)"
        (raw / f"{k:04d}-{src.name}").write_text("\n".join(lines), encoding="utf-8")


def run(raw: Path, out: Path, cache: Path, workers: int) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "--raw", str(raw), "--out", str(out), "--cache-dir",
                    str(cache), "-q", "--workers", str(workers)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def digest(out: Path) -> dict[str, str]:
    return {t: hashlib.sha256((out / f"{t}.parquet").read_bytes()).hexdigest() for t in TABLES}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    ap.add_argument("--workers", type=int, default=1, help="worker processes for both runs (default: 1)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="rerun-bench-"))
    shutil.rmtree(work / "raw", ignore_errors=True)
    shutil.rmtree(work / "cache", ignore_errors=True)
    make_copies(work / "raw", args.n)
    first = run(work / "raw", work / "output", work / "cache", args.workers)
    before = digest(work / "output")
    second = run(work / "raw", work / "output", work / "cache", args.workers)
    identical = digest(work / "output") == before
    result = {"articles": args.n, "workers": args.workers, "first_run_s": round(first, 2), "rerun_s": round(second, 2),
              "ratio": round(first / second, 1), "byte_identical": identical}
    (work / "rerun.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
