"""Benchmark: how the cost of one article grows with its length.

    python benchmarks/long_text.py [--sizes 450000,1800000,7200000] [--json benchmarks/results/long-text.json]

Each input is one English paragraph followed by copies of a short dated sentence, up to the size given
(characters); each is run by the pipeline in a fresh process with one worker (`--no-cache`). It prints per
size the wall time and the peak resident memory of the largest process, and the time ratio of each size to
the one before. The targets (issue 22): 4x the text costs at most 5x the time; peak memory under 1.5 GB at
7 MB. Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench import ROOT, measure, pipeline  # the project root first on the path

OPENING = ("Lusaka, 14 June 2021 - The President of Zambia, Halima Oduya, arrived in Nairobi on Monday for a "
           "two-day state visit to Kenya, and the two governments signed a memorandum of understanding on "
           "fisheries. Trade between the two countries reached $310 million last year, officials said.\n\n")
FILLER = "The joint committee met again on 9 October 2019.\n"


def article(size: int) -> str:
    copies = max(0, (size - len(OPENING)) // len(FILLER))
    return "Zambia and Kenya sign fisheries memorandum\n2021-06-14\n\n" + OPENING + FILLER * copies


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="450000,1800000,7200000", help="characters of each input, comma-separated")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "long-text.json")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            raw = Path(tmp) / f"raw-{size}"
            raw.mkdir()
            text = article(size)
            (raw / "long.txt").write_text(text, encoding="utf-8")
            got = measure(pipeline(raw, Path(tmp) / f"out-{size}", "--workers", "1", "--no-cache", "--max-bytes",
                                   str(len(text.encode()) * 2)))
            got = {"characters": len(text), **got}
            if results:
                got["time_ratio_to_previous"] = round(got["seconds"] / results[-1]["seconds"], 2)
                got["size_ratio_to_previous"] = round(len(text) / results[-1]["characters"], 2)
            results.append(got)
            print(json.dumps(got), flush=True)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"runs": results, "python": sys.version.split()[0]}, indent=2) + "\n",
                         encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
