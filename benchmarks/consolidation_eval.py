"""Score consolidation on a generated corpus with known duplicates: pairwise precision and recall, and its time.

    python benchmarks/consolidation_eval.py [--n 2000] [--work DIR] [--workers 2] [--json FILE] [--incremental]

Writes N articles with `make_corpus.py --duplicates` (the same facts in reprints, lead-only versions and
overviews), runs the pipeline once in this process and scores, per mention table, the pairs of mentions
in different articles that state the same fact (by the truth file: the fact sentence the evidence holds;
events by fact and event type): precision = pairs put in one cluster that are one fact / pairs put in one
cluster, recall = pairs of one fact put in one cluster / pairs of one fact. Mentions the extractors did not
find, or whose sentence is not a fact sentence, are left out. The time of the consolidation step is
reported beside the run's. With --incremental, it also runs on the first 90% of the articles, then on
all of them into the same output, and counts the clusters of the first run whose id survived.
Not a test: the figures depend on the extractors and the machine.
"""
from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd

from benchmarks.make_corpus import write_duplicates
from pipeline.base.registry import CONSOLIDATED, TABLES
from pipeline.runtime.run import RunOptions, run
from schemas.fields import CLUSTER_IDS


def fact_of(evidence: str, sentences: list[dict], table: str) -> str | None:
    for s in sentences:
        if (s["sentence"] in evidence or evidence.strip() in s["sentence"]) and table in s["facts"]:
            return s["facts"][table]
    return None


def score(out: Path, truth: dict[str, list[dict]]) -> dict:
    articles = pd.read_parquet(out / "articles.parquet", columns=["article_id", "source_path"])
    path_of = dict(zip(articles["article_id"], articles["source_path"]))
    result = {}
    all_tp = all_pred = all_true = 0
    for table in CONSOLIDATED:
        df = pd.read_parquet(out / f"{table}.parquet")
        rows = []
        for r in df.itertuples(index=False):
            r = r._asdict()
            fact = fact_of(r["evidence"], truth.get(path_of[r["article_id"]], []), table)
            if fact is not None:
                key = (fact, r["event_type"]) if table == "events" else fact
                rows.append((r["article_id"], key, r[CLUSTER_IDS[table]]))
        pred, true = _pairs(rows, 2), _pairs(rows, 1)
        tp = len(pred & true)
        result[table] = {"mentions_scored": len(rows), "mentions": len(df),
                         "clusters": int(df[CLUSTER_IDS[table]].nunique()),
                         "facts_scored": len({k for _, k, _ in rows}),
                         "pairs_predicted": len(pred), "pairs_true": len(true),
                         "precision": round(tp / len(pred), 4) if pred else 1.0,
                         "recall": round(tp / len(true), 4) if true else 1.0}
        all_tp, all_pred, all_true = all_tp + tp, all_pred + len(pred), all_true + len(true)
    result["all"] = {"precision": round(all_tp / all_pred, 4) if all_pred else 1.0,
                     "recall": round(all_tp / all_true, 4) if all_true else 1.0,
                     "pairs_predicted": all_pred, "pairs_true": all_true}
    return result


def _pairs(rows: list[tuple], by: int) -> set[tuple[int, int]]:
    """Pairs of rows (by position) in different articles that share column `by` (1 fact, 2 cluster)."""
    groups = defaultdict(list)
    for k, row in enumerate(rows):
        groups[row[by]].append(k)
    return {(i, j) for members in groups.values() for i, j in itertools.combinations(members, 2)
            if rows[i][0] != rows[j][0]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--incremental", action="store_true")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="consolidation-"))
    raw, truth_file = work / "raw", work / "raw.truth.json"
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir(parents=True)
    write_duplicates(args.n, raw, truth_file)
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    opts = RunOptions(workers=args.workers, progress=False)
    for folder in ("out", "out-incremental"):  # a first run each: nothing consolidated before
        for path in (work / folder, work / f".{folder}.versions"):
            if path.is_symlink():
                path.unlink()
            shutil.rmtree(path, ignore_errors=True)
    t0 = time.monotonic()
    summary = run(raw, work / "out", opts)
    results: dict = {"articles": args.n, "workers": args.workers,
                     "run_seconds": round(summary.seconds, 2), "wall_seconds": round(time.monotonic() - t0, 2),
                     "consolidation_seconds": round(summary.consolidation_seconds, 3)}
    results["consolidation_share_of_run"] = round(summary.consolidation_seconds / summary.seconds, 4)
    results["scores"] = score(work / "out", truth)
    if args.incremental:
        results["incremental"] = incremental(work, raw, opts)
    text = json.dumps(results, indent=2)
    (args.json or work / "consolidation.json").write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def incremental(work: Path, raw: Path, opts: RunOptions) -> dict:
    """Run on 90% of the articles, then on all into the same output: how many clusters kept their id."""
    part = work / "raw-part"
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir()
    files = sorted(raw.glob("*.txt"))
    for f in files[: len(files) * 9 // 10]:
        shutil.copy(f, part / f.name)
    out = work / "out-incremental"
    run(part, out, opts)
    before = {t: pd.read_parquet(out / f"{t}.parquet", columns=[TABLES[t].id_column, CLUSTER_IDS[t]]) for t in CONSOLIDATED}
    summary = run(raw, out, opts)
    report: dict = {"consolidation_seconds": round(summary.consolidation_seconds, 3)}
    for t in CONSOLIDATED:
        after = pd.read_parquet(out / f"{t}.parquet", columns=[TABLES[t].id_column, CLUSTER_IDS[t]])
        old = dict(zip(before[t].iloc[:, 0], before[t].iloc[:, 1]))
        new = dict(zip(after.iloc[:, 0], after.iloc[:, 1]))
        report[t] = {"clusters_before": len(set(old.values())),
                     "mentions_kept_their_cluster": sum(new.get(m) == c for m, c in old.items()),
                     "mentions_before": len(old), "clusters_after": len(set(new.values()))}
    return report


if __name__ == "__main__":
    sys.exit(main())
