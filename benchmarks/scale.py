"""Benchmark: one end-to-end run with the default settings on N generated articles.

    python benchmarks/scale.py [--n 10000] [--work DIR] [--json FILE]

Generates the corpus with benchmarks/make_corpus.py (kept in WORK/raw-N and reused), runs
`python -m pipeline --no-cache` with the defaults (as many workers as cores) and reports the wall
time, the peak resident memory of the largest process (the driver or a worker) and the run's
summary, as JSON. Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run the command, keep its standard output, print wall seconds and the peak RSS (KB) of the largest
# process it waited for (the driver or one of its workers).
MEASURE = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
with open(sys.argv[1], "w") as out:
    proc = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - t0
if proc.returncode:
    sys.stderr.write(proc.stderr[-3000:])
    sys.exit(proc.returncode)
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    ap.add_argument("--json", type=Path, default=None, help="where to write the result (default: WORK/scale.json)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="scale-"))
    raw = work / f"raw-{args.n}"
    if not raw.is_dir() or len(list(raw.glob("*.txt"))) != args.n:
        shutil.rmtree(raw, ignore_errors=True)
        print(f"generating {args.n} articles ...", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(args.n), str(raw)],
                       check=True, stdout=subprocess.DEVNULL)
    out = work / "out"
    summary = work / "summary.txt"
    cmd = [sys.executable, "-m", "pipeline", "--raw", str(raw), "--out", str(out), "--no-cache"]
    print("running the pipeline ...", file=sys.stderr, flush=True)
    proc = subprocess.run([sys.executable, "-c", MEASURE, str(summary), *cmd], cwd=ROOT, capture_output=True,
                          text=True)
    if proc.returncode:
        sys.stderr.write(proc.stderr)
        return proc.returncode
    seconds, rss_kb = proc.stdout.split()
    result = {"articles": args.n, "cpus": os.cpu_count(), "command": "python -m pipeline --raw RAW --out OUT --no-cache",
              "seconds": round(float(seconds), 1), "peak_rss_mb_largest_process": round(int(rss_kb) / 1024),
              "summary": summary.read_text().splitlines()}
    target = args.json or work / "scale.json"
    target.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
