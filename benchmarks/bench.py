"""Benchmark the pipeline against the language model's own speed, on one machine, in one run.

    python benchmarks/bench.py [--n 2000] [--work DIR] [--json bench.json]

On a corpus made by benchmarks/make_corpus.py it measures, each in a fresh process:
  (a) the floor: bare `nlp.pipe` of the same spaCy model over the same texts (loading included), and the
      same with the model's attribute ruler swapped for the pipeline's array ruler (same annotations), so
      that the cost of the pipeline's own work can be told from the model's;
  (b) the full pipeline with 1 worker;  (c) with 2 workers;  (d) the Dask engine with 2 workers;
  (e) on a corpus of its own: a first run that fills the cache, an unchanged rerun (which leaves the output
      as it was), and a rerun after adding 10% new articles;
  (f) the cost per character of articles of 10 KB, 100 KB and 1 MB (the same 1 MB of text in each case);
and the peak resident memory of the largest process of each, and the time of each run's consolidation
step. It prints the ratios (floor / pipeline throughput, 2 workers / 1 worker, Dask / local with 2
workers, consolidation / the 1-worker run) and writes everything as JSON.
Not a test: the numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = """
import sys, glob, spacy
from pipeline.nlp.annotate import MODEL_NAMES
for name in MODEL_NAMES:
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
n = sum(1 for _ in nlp.pipe(texts, batch_size=32))
print(n)
"""
# The same floor with the model's attribute ruler replaced by the pipeline's array ruler (identical
# annotations): the floor/pipeline ratio against it is the cost of the pipeline's own work alone.
FLOOR_ARRAY_RULER = FLOOR.replace("        nlp = spacy.load(name)\n",
                                  "        nlp = spacy.load(name)\n"
                                  "        from pipeline.nlp.array_attribute_ruler import install\n"
                                  "        install(nlp)\n")
MEASURE = """
import re, resource, subprocess, sys, time
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
seconds = time.perf_counter() - t0
if proc.returncode:
    sys.stderr.write(proc.stderr[-3000:])
    sys.exit(proc.returncode)
step = re.search(r"[(]consolidation ([0-9.]+) s[)]", proc.stdout)
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, step.group(1) if step else "nan")
"""


def measure(cmd: list[str]) -> dict:
    """Wall time of `cmd` and the peak RSS (MB) of its largest process (itself or a worker it waited for)."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], cwd=ROOT, capture_output=True, text=True, check=False)
    if out.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stderr}")
    seconds, rss_kb, consolidation = out.stdout.split()
    result = {"seconds": round(float(seconds), 2), "peak_rss_mb": round(int(rss_kb) / 1024)}
    if consolidation != "nan":  # a pipeline run: the time of its consolidation step, from its summary
        result["consolidation_seconds"] = float(consolidation)
    return result


def pipeline(raw: Path, out: Path, *extra: str, force: bool = True) -> list[str]:
    """The command of a run; `force`: a full run even when OUT already shows a dataset of these inputs (a work
    folder used before), so that every step measures what it says."""
    # not -q: the run's summary (on stdout) gives the consolidation time; progress lines go to stderr
    return [sys.executable, "-m", "pipeline", "--raw", str(raw), "--out", str(out), *extra,
            *(["--force"] if force else [])]


def _incremental(work: Path, n: int, steps: dict) -> None:
    """(e) On a corpus of n articles of its own: a first run that fills the cache (a full run), an unchanged
    rerun, then a rerun after adding n/10 new articles (the rest from the cache)."""
    pool, raw, cache = work / "pool", work / "raw-r", work / "cache"
    extra = max(1, n // 10)
    if not pool.is_dir() or len(list(pool.glob("*.txt"))) != n + extra:
        shutil.rmtree(pool, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(n + extra), str(pool)],
                       check=True, stdout=subprocess.DEVNULL)
    files = sorted(pool.glob("*.txt"))
    for path in (raw, cache, work / "out-r"):
        shutil.rmtree(path, ignore_errors=True)
    raw.mkdir()
    for f in files[:n]:
        shutil.copy(f, raw / f.name)
    print("first run, filling the cache ...", file=sys.stderr, flush=True)
    steps["cached_first_run"] = measure(pipeline(raw, work / "out-r", "--cache-dir", str(cache)))
    print("unchanged rerun ...", file=sys.stderr, flush=True)
    steps["rerun"] = measure(pipeline(raw, work / "out-r", "--cache-dir", str(cache), force=False))
    for f in files[n:]:
        shutil.copy(f, raw / f.name)
    print(f"rerun with {extra} articles added ...", file=sys.stderr, flush=True)
    steps["grown_10_percent"] = measure(pipeline(raw, work / "out-r", "--cache-dir", str(cache), force=False))


LENGTHS = (10_000, 100_000, 1_000_000)  # characters per article; each case is 1,000,000 characters in all


def _bodies(raw: Path):
    """The corpus's article bodies (after each header's blank line), over and over."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(raw.glob("*.txt"))]
    bodies = [t.split("\n\n", 1)[1] if "\n\n" in t else t for t in texts]
    while True:
        yield from bodies


def _length_corpus(raw: Path, folder: Path, length: int) -> None:
    """1,000,000 characters of the corpus's bodies, in the same order, as articles of `length` characters each
    (a header line, a date line, then bodies until the length)."""
    folder.mkdir(parents=True)
    bodies, total, k = _bodies(raw), 0, 0
    while total < LENGTHS[-1]:
        parts = [f"Relations between states, part {k}", "2021-06-14", ""]
        size = 0
        while size < length:
            body = next(bodies)
            parts.append(body)
            size += len(body) + 1
        text = "\n".join(parts)
        (folder / f"{k:04d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
        k += 1


def _lengths(work: Path, raw: Path, steps: dict) -> None:
    """(f) The cost per character of articles of 10 KB, 100 KB and 1 MB: the same text, 1 MB in all, cut into
    100, 10 and 1 articles, each case with one worker and no cache."""
    for length in LENGTHS:
        folder = work / f"raw-length-{length}"
        shutil.rmtree(folder, ignore_errors=True)
        _length_corpus(raw, folder, length)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in folder.glob("*.txt"))
        print(f"articles of {length:,} characters ...", file=sys.stderr, flush=True)
        got = measure(pipeline(folder, work / f"out-length-{length}", "--workers", "1", "--no-cache",
                               "--max-bytes", str(4 * LENGTHS[-1])))
        steps[f"length_{length}"] = {**got, "characters": chars,
                                     "ms_per_kb": round(1000 * got["seconds"] / (chars / 1000), 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one)")
    ap.add_argument("--json", type=Path, default=None, help="where to write the results (default: WORK/bench.json)")
    ap.add_argument("--skip", default="", help="comma-separated steps to leave out: floor,floor_array_ruler,one,two,dask,rerun,lengths")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    raw = work / "raw"
    if not raw.is_dir() or len(list(raw.glob("*.txt"))) != args.n:
        shutil.rmtree(raw, ignore_errors=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(args.n), str(raw)],
                       check=True, stdout=subprocess.DEVNULL)
    skip = set(filter(None, args.skip.split(",")))
    results: dict = {"articles": args.n, "cpus": os.cpu_count(), "steps": {}}
    steps = {
        "floor": [sys.executable, "-c", FLOOR, str(raw)],
        "floor_array_ruler": [sys.executable, "-c", FLOOR_ARRAY_RULER, str(raw)],
        "one": pipeline(raw, work / "out-1", "--workers", "1", "--no-cache"),
        "two": pipeline(raw, work / "out-2", "--workers", "2", "--no-cache"),
        "dask": pipeline(raw, work / "out-dask", "--engine", "dask", "--workers", "2", "--no-cache"),
    }
    for name, cmd in steps.items():
        if name in skip:
            continue
        print(f"{name} ...", file=sys.stderr, flush=True)
        results["steps"][name] = measure(cmd)
    if "rerun" not in skip:
        _incremental(work, args.n, results["steps"])
    if "lengths" not in skip:
        _lengths(work, raw, results["steps"])
    s = results["steps"]
    ratios = {}
    if "floor" in s and "one" in s:
        ratios["pipeline_1_worker_vs_floor"] = round(s["floor"]["seconds"] / s["one"]["seconds"], 3)
    if "floor_array_ruler" in s and "one" in s:
        ratios["pipeline_1_worker_vs_floor_array_ruler"] = round(s["floor_array_ruler"]["seconds"] / s["one"]["seconds"], 3)
    if "one" in s and "two" in s:
        ratios["two_workers_vs_one"] = round(s["one"]["seconds"] / s["two"]["seconds"], 3)
    if "two" in s and "dask" in s:
        ratios["dask_vs_local_two_workers"] = round(s["dask"]["seconds"] / s["two"]["seconds"], 3)
    if "consolidation_seconds" in s.get("one", {}):
        ratios["consolidation_share_1_worker"] = round(s["one"]["consolidation_seconds"] / s["one"]["seconds"], 4)
    if "cached_first_run" in s and "rerun" in s:
        ratios["first_run_vs_rerun"] = round(s["cached_first_run"]["seconds"] / s["rerun"]["seconds"], 1)
        ratios["rerun_share_of_full_run"] = round(s["rerun"]["seconds"] / s["cached_first_run"]["seconds"], 4)
    if "cached_first_run" in s and "grown_10_percent" in s:
        ratios["grown_10_percent_share_of_full_run"] = round(
            s["grown_10_percent"]["seconds"] / s["cached_first_run"]["seconds"], 4)
    per_kb = [s[f"length_{n}"]["ms_per_kb"] for n in LENGTHS if f"length_{n}" in s]
    if len(per_kb) == len(LENGTHS):
        ratios["time_per_kb_max_vs_min_10kb_100kb_1mb"] = round(max(per_kb) / min(per_kb), 3)
    for name in ("one", "two", "dask"):
        if name in s:
            s[name]["articles_per_second"] = round(args.n / s[name]["seconds"], 2)
    results["ratios"] = ratios
    results["identical_outputs"] = _identical(work, [d for d in ("out-1", "out-2", "out-dask")
                                                     if (work / d).exists()])
    target = args.json or work / "bench.json"
    target.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


def _identical(work: Path, outs: list[str]) -> bool:
    tables = ["articles", "visits", "documents", "trade", "events", "diagnostics", "visits_consolidated",
              "documents_consolidated", "trade_consolidated", "events_consolidated"]
    seen = {tuple((work / o / f"{t}.parquet").read_bytes() for t in tables) for o in outs}
    return len(seen) <= 1


if __name__ == "__main__":
    started = time.time()
    code = main()
    print(f"benchmark took {time.time() - started:.0f} s", file=sys.stderr)
    sys.exit(code)
