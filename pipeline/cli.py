"""Command line: parse options, call the library, print one-line errors."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import traceback
from pathlib import Path

from pipeline import __version__
from pipeline.errors import UsageError

EXIT_OK, EXIT_STRICT, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
EXIT_LOCKED = 75  # sysexits' EX_TEMPFAIL: another run holds the output; nothing was done, try again
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
EXIT_CODES = ("Exit codes: 0 success; 1 published, but rows were quarantined or inputs rejected and --strict "
              "was given (evaluate: --min-f1 not met); 2 usage error, nothing done (bad option, path, gold file "
              "or scheduler address; an unsafe OUT: a file, a folder of other files, the raw folder or around "
              "it, the current folder; no article read); 3 the run failed and published nothing (disk full, "
              "read-only output, crash: one line, -v shows the traceback); "
              f"{EXIT_LOCKED} another run holds OUT (nothing done); 130 interrupted (Ctrl-C or SIGTERM; the "
              "previous dataset is kept).")


def _run_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract visits, documents, trade figures and events from the articles in RAW and publish "
                    "validated tables (Parquet, DuckDB, datapackage.json) in OUT.",
        epilog="Subcommand: `python -m pipeline evaluate GOLD.yaml...` scores OUT against gold files. "
               + EXIT_CODES)
    p.add_argument("--raw", type=Path, default=Path("raw"), help="folder of raw articles, read recursively (default: raw)")
    p.add_argument("--out", type=Path, default=Path("output"),
                   help="output: a link to the newest complete dataset in .OUT.versions/ beside it. Must be new, "
                        "empty or made by this pipeline; never the raw folder or the current folder "
                        "(default: output)")
    p.add_argument("--keep-versions", type=_positive, default=None, metavar="N",
                   help="published versions kept in .OUT.versions/, the newest; older ones made by the "
                        "pipeline are removed (default: 3)")
    p.add_argument("--lock-timeout", type=_seconds, default=0.0, metavar="SECONDS",
                   help=f"when another run holds OUT, wait this long for it, then exit {EXIT_LOCKED} "
                        "(default: 0, do not wait)")
    p.add_argument("--allow-empty", action="store_true",
                   help="publish even when no article was read (default: exit 2 and keep the previous dataset)")
    p.add_argument("--reconsolidate", action="store_true",
                   help="match every mention across articles again (default: keep the clusters, and their ids, "
                        "of the dataset OUT shows, and match only the new mentions into them)")
    p.add_argument("--max-bytes", type=_size, default=None, metavar="SIZE",
                   help="inputs larger than this are rejected unread, e.g. 500K, 20M (default: 20M)")
    p.add_argument("--cache-dir", type=Path, default=None,
                   help="folder of per-article results reused by later runs "
                        "(default: .pipeline-cache beside OUT)")
    p.add_argument("--no-cache", action="store_true", help="extract every article again; do not read or write the cache")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when rows were quarantined or inputs rejected (the output is still published)")
    p.add_argument("--workers", type=_positive, default=os.cpu_count() or 1,
                   help=f"worker processes (default: the machine's cores, here {os.cpu_count()}); never more than "
                        "the cores and the memory available (about 400 MB each) allow")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: worker processes on this machine; dask: a Dask cluster (see --scheduler)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                        "(default: start a LocalCluster with --workers processes)")
    p.add_argument("--parts-dir", type=Path, default=None,
                   help="where batch jobs write their Parquet parts before the merge; on a multi-machine Dask "
                        "cluster, a folder every machine sees (default: beside OUT)")
    p.add_argument("--batch-size", type=_positive, default=32, help="articles per batch job (default: 32)")
    p.add_argument("--rows-per-file", type=_positive, default=None, metavar="N",
                   help="a table with more rows is written as a folder of Parquet parts (default: 1000000)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress, warnings only")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def _evaluate_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipeline evaluate",
        description="Score the published tables against gold YAML files (see GOLD_FORMAT in the README): "
                    "precision, recall and F1 per table, field accuracy, missed and extra rows.",
        epilog=EXIT_CODES)
    p.add_argument("gold", type=Path, nargs="+", help="gold YAML files, named after the raw files they annotate")
    p.add_argument("--out", type=Path, default=Path("output"), help="output folder to score (default: output)")
    p.add_argument("--min-f1", type=float, default=None, help="exit 1 if any table's F1 is below this")
    p.add_argument("--quiet", action="store_true", help="only the score lines, no per-row misses")
    p.add_argument("-v", "--verbose", action="store_true", help="show the traceback of a failure")
    return p


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError("must be 0 or more seconds")
    return value


def _size(text: str) -> int:
    units = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024 ** 2, "mb": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3}
    t = text.strip().lower()
    number = t.rstrip("kmgb")
    unit = t[len(number):]
    try:
        value = int(float(number) * units[unit])
    except (ValueError, KeyError, OverflowError):  # OverflowError: "inf"
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (try 500K or 20M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the size limit must be positive")
    return value


def _fail(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    """Run the command; every outcome is an exit code (see EXIT_CODES) and at most one line on stderr,
    except with -v, which adds the traceback of a failure."""
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = any(a in ("-v", "--verbose") for a in argv)
    previous = _on_sigterm_interrupt()
    try:
        if argv and argv[0] == "evaluate":
            return _evaluate(argv[1:])
        return _run(argv)
    except UsageError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        end_progress = "\n" if sys.stderr.isatty() else ""  # the progress line has no line break yet
        print(f"{end_progress}interrupted: stopped; the previous dataset is kept", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        hint = "" if verbose else " (-v shows the traceback)"
        what = "evaluate failed" if argv and argv[0] == "evaluate" else "the run failed and published nothing"
        print(f"error: {what}: {_one_line(exc)}{hint}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _on_sigterm_interrupt():
    """SIGTERM stops the run as Ctrl-C does (workers ended, staging removed, the previous dataset
    kept). Returns the handler it replaced, or None off the main thread."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        return signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (e.g. called from a test runner's thread)
        return None


def _one_line(exc: BaseException) -> str:
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 300 else text[:297] + "..."


def _run(argv: list[str]) -> int:
    args = _run_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING,
                        format="%(levelname)s %(message)s")
    if not args.raw.is_dir():
        return _fail(f"raw folder not found: {args.raw}")
    if args.scheduler and args.engine != "dask":
        return _fail("--scheduler needs --engine dask")
    if args.scheduler:
        from pipeline.scheduler import check_scheduler

        check_scheduler(args.scheduler)
    from pipeline.output_guard import OutputRefused, check_output

    try:
        check_output(args.raw, args.out)
    except OutputRefused as exc:
        return _fail(str(exc))
    from pipeline.ingest import DEFAULT_MAX_BYTES
    from pipeline.output_lock import OutputLocked
    from pipeline.run import (  # heavy imports only when running
        NothingToPublish,
        RunOptions,
        run,
    )

    cache_dir = None if args.no_cache else (args.cache_dir or Path(os.path.abspath(args.out)).parent / ".pipeline-cache")
    from pipeline.publish import DEFAULT_KEEP_VERSIONS, DEFAULT_ROWS_PER_FILE

    options = RunOptions(max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, cache_dir=cache_dir,
                         progress=not args.quiet, workers=args.workers, engine=args.engine,
                         scheduler=args.scheduler, batch_size=args.batch_size, parts_dir=args.parts_dir,
                         rows_per_file=args.rows_per_file or DEFAULT_ROWS_PER_FILE,
                         keep_versions=args.keep_versions or DEFAULT_KEEP_VERSIONS,
                         lock_timeout=args.lock_timeout, allow_empty=args.allow_empty,
                         reconsolidate=args.reconsolidate)
    try:
        summary = run(args.raw, args.out, options)
    except (OutputRefused, NothingToPublish) as exc:
        return _fail(str(exc))
    except OutputLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print(summary.render())
    print(f"output written to {args.out}")
    if args.strict and (summary.quarantined or summary.rejected):
        print(f"strict: {summary.quarantined} quarantined rows, {summary.rejected} rejected inputs", file=sys.stderr)
        return EXIT_STRICT
    return EXIT_OK


def _evaluate(argv: list[str]) -> int:
    args = _evaluate_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    missing = [g for g in args.gold if not g.is_file()]
    if missing:
        return _fail(f"gold file not found: {missing[0]}")
    from pipeline.evaluate import evaluate, load_gold, render

    for gold in args.gold:  # a bad gold file is the user's to fix: say which, before any work
        load_gold(gold)
    if not (args.out / "articles.parquet").is_file():
        return _fail(f"no published tables in {args.out}: run `python -m pipeline --out {args.out}` first")

    result = evaluate(args.out, args.gold)
    print(render(result, verbose=not args.quiet))
    if args.min_f1 is not None and min(t["f1"] for t in result["tables"].values()) < args.min_f1:
        return 1
    return EXIT_OK
