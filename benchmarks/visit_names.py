"""Report how often matched visit rows carry the gold visitor's name (same tokens, order aside).

    python benchmarks/visit_names.py OUT GOLD_DIR [GOLD_DIR ...] [--scorer PATH/score_real.py]

Pairs gold and predicted visits with score_real.py's strict matching, then compares the names' tokens
(accents and case ignored); prints each wrong pair and the share right.
"""
from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd


def _load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_real", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load scorer {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _tokens(name) -> frozenset[str]:
    if not isinstance(name, str):
        return frozenset()
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return frozenset(t for t in re.split(r"[^a-z0-9]+", plain) if t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("gold_dirs", type=Path, nargs="+")
    ap.add_argument("--scorer", type=Path, default=Path("/work/shared/tools/score_real.py"))
    a = ap.parse_args(argv)
    sr = _load_scorer(a.scorer)
    visits = pd.read_parquet(a.out / "visits.parquet")
    names = dict(zip(visits.index, visits["visitor_name"]))
    right = total = 0
    for gd in a.gold_dirs:
        res = sr.score(a.out, gd, ["strict"])
        gold = dict(sr.load_gold(gd, []))
        for stem, fo in res["files"].items():
            for hit in fo["tables"]["visits"]["hits"]:
                g = gold[stem]["visits"][hit["gold_index"]].row
                gname, pname = g.get("visitor_name"), names.get(hit["row"])
                total += 1
                ok = _tokens(gname) == _tokens(pname)
                right += ok
                if not ok:
                    print(f"WRONG {stem}: gold {gname!r} predicted {pname!r}")
    share = right / total if total else 0.0
    print(f"visitor names right in {right}/{total} matched rows = {share:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
