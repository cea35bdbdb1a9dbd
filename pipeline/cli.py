"""Command line: parse options, call the library, print one-line errors."""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from pipeline import __version__

EXIT_OK, EXIT_USAGE = 0, 2


def _run_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract visits, documents, trade figures and events from the articles in RAW and publish "
                    "validated tables (Parquet, DuckDB, datapackage.json) in OUT.",
        epilog="Subcommand: `python -m pipeline evaluate GOLD.yaml...` scores OUT against gold files. "
               "Exit codes: 0 success, 2 usage error.")
    p.add_argument("--raw", type=Path, default=Path("raw"), help="folder of raw articles, read recursively (default: raw)")
    p.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, warnings only")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def _evaluate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline evaluate",
        description="Score the published tables against gold YAML files (see GOLD_FORMAT in the README): "
                    "precision, recall and F1 per table, field accuracy, missed and extra rows.")
    p.add_argument("gold", type=Path, nargs="+", help="gold YAML files, named after the raw files they annotate")
    p.add_argument("--out", type=Path, default=Path("output"), help="output folder to score (default: output)")
    p.add_argument("--min-f1", type=float, default=None, help="exit 1 if any table's F1 is below this")
    p.add_argument("--quiet", action="store_true", help="only the score lines, no per-row misses")
    return p


def _fail(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "evaluate":
        return _evaluate(argv[1:])
    args = _run_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(message)s")
    if not args.raw.is_dir():
        return _fail(f"raw folder not found: {args.raw}")
    from pipeline.run import run  # heavy imports only when running

    summary = run(args.raw, args.out, progress=not args.quiet)
    print(summary.render())
    print(f"output written to {args.out}")
    return EXIT_OK


def _evaluate(argv: list[str]) -> int:
    args = _evaluate_parser().parse_args(argv)
    missing = [g for g in args.gold if not g.is_file()]
    if missing:
        return _fail(f"gold file not found: {missing[0]}")
    if not (args.out / "articles.parquet").is_file():
        return _fail(f"no published tables in {args.out}: run `python -m pipeline --out {args.out}` first")
    from pipeline.evaluate import evaluate, render

    result = evaluate(args.out, args.gold)
    print(render(result, verbose=not args.quiet))
    if args.min_f1 is not None and min(t["f1"] for t in result["tables"].values()) < args.min_f1:
        return 1
    return EXIT_OK
