"""Command line (click): parse options, call the library, turn every outcome into an exit code and at
most one line on stderr."""
from __future__ import annotations

import importlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import click

from pipeline import __version__

from pipeline.cli import config
from pipeline.base.errors import UsageError
from pipeline.publish.export import FORMATS

PROG = "python -m pipeline"
EXIT_OK, EXIT_STRICT, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
EXIT_LOCKED = 75  # sysexits' EX_TEMPFAIL: another run holds the output; nothing was done, try again
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C
EXIT_CODES = ("Exit codes: 0 success; 1 published, but rows were quarantined or inputs rejected and --strict "
              "was given (evaluate: --min-f1 not met; validate: the dataset does not match the schemas); 2 usage "
              "error, nothing done (bad option, path, settings, gold file or scheduler address; an unsafe OUT: a "
              "file, a folder of other files, the raw folder or around it, the current folder; no article read; "
              "no dataset to export, report or validate); 3 the command failed and published nothing (disk "
              "full, read-only output, crash: one line, -v shows the traceback); "
              f"{EXIT_LOCKED} another run holds OUT (nothing done); 130 interrupted (Ctrl-C or SIGTERM; the "
              "previous dataset is kept).")
_FAILED = {"run": "the run failed and published nothing", "evaluate": "evaluate failed",
           "export": "the export failed and wrote nothing", "report": "the report failed",
           "validate": "validate failed"}


@dataclass
class _State:
    """What the error handling needs to know about the command being run."""

    argv: list[str]
    command: str = "run"
    verbose: bool = False


# ---------------------------------------------------------------- option types


class _Positive(click.ParamType):
    name = "N"

    def convert(self, value: Any, param, ctx) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"not a whole number: {value!r}", param, ctx)
        if number < 1:
            self.fail("must be at least 1", param, ctx)
        return number


class _Seconds(click.ParamType):
    name = "SECONDS"

    def convert(self, value: Any, param, ctx) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"not a number of seconds: {value!r}", param, ctx)
        if not 0 <= seconds < float("inf"):
            self.fail("must be 0 or more seconds", param, ctx)
        return seconds


class _Size(click.ParamType):
    name = "SIZE"
    _UNITS: ClassVar[dict[str, int]] = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024 ** 2, "mb": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3}

    def convert(self, value: Any, param, ctx) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        text = str(value).strip().lower()
        number = text.rstrip("kmgb")
        try:
            size = int(float(number) * self._UNITS[text[len(number):]])
        except (ValueError, KeyError, OverflowError):  # OverflowError: "inf"
            self.fail(f"not a size: {value!r} (try 500K or 20M)", param, ctx)
        if size <= 0:
            self.fail("the size limit must be positive", param, ctx)
        return size


POSITIVE, SECONDS, SIZE = _Positive(), _Seconds(), _Size()


# ---------------------------------------------------------------- the group


class _Pipeline(click.Group):
    """`run` is the default command: `python -m pipeline --raw DIR --out DIR` runs it. Outcomes are exit
    codes (commands return them); usage mistakes are one line; --help and --version end with SystemExit."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = args[0] if args else None
        if first is None or (first.startswith("-") and first not in (*ctx.help_option_names, "--version")):
            args = ["run", *args]
        elif not first.startswith("-") and first not in self.commands:
            raise click.UsageError(f"unknown command {first!r} (commands: {', '.join(self.commands)}; without "
                                   "one, `run`)")
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[run] [OPTIONS] | COMMAND [ARGS]...")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        click.Command.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)
        run = self.commands["run"]
        sub = click.Context(run, info_name="run", parent=ctx)
        records = [r for r in (p.get_help_record(sub) for p in run.get_params(sub)) if r]
        with formatter.section("Options of run (the default command)"):
            formatter.write_dl(records)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra) -> Any:
        code = _dispatch(self, list(sys.argv[1:] if args is None else args), prog_name or PROG)
        if standalone_mode:
            sys.exit(code)
        return code


@click.group(cls=_Pipeline, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES,
             help="Extract visits, documents, trade figures and events from news articles and publish validated "
                  "tables; score, export, re-check and report on them.")
@click.version_option(__version__, message=f"{PROG} %(version)s")
def app() -> None:
    pass


def main(argv: list[str] | None = None) -> int:
    """Run the command; every outcome is an exit code (see EXIT_CODES) and at most one line on stderr,
    except with -v, which adds the traceback of a failure. --help and --version raise SystemExit(0)."""
    return app.main(argv, prog_name=PROG, standalone_mode=False)


def _dispatch(group: click.Group, argv: list[str], prog: str) -> int:
    state = _State(argv, verbose=any(a in ("-v", "--verbose") for a in argv))
    previous = _on_sigterm_interrupt()
    try:
        defaults = _defaults(group, config.load(Path.cwd()))
        with group.make_context(prog, argv, obj=state, default_map=defaults) as ctx:
            return group.invoke(ctx)
    except click.exceptions.Exit as exc:  # --help, --version: the end, as for any command line
        raise SystemExit(exc.exit_code) from None
    except click.ClickException as exc:  # bad options or arguments
        return _fail(exc.format_message())
    except UsageError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        kept = "the previous dataset is kept" if state.command == "run" else "nothing was changed"
        print(f"interrupted: stopped; {kept}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if state.verbose:
            traceback.print_exc()
        hint = "" if state.verbose else " (-v shows the traceback)"
        print(f"error: {_FAILED.get(state.command, 'failed')}: {_one_line(exc)}{hint}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _defaults(group: click.Group, settings: config.Settings) -> dict[str, dict[str, Any]]:
    """click's default_map from the settings file, every value checked by its option's type now, so
    that a bad one is named with its file."""
    if settings.source is None:
        return {}
    where = settings.source
    for name in settings.commands:
        if name not in group.commands:
            raise UsageError(f"{where}: [{name}] is not a command (commands: {', '.join(group.commands)})")
    used: set[str] = set()
    found: dict[str, dict[str, Any]] = {}
    for name, command in group.commands.items():
        params = _settable(command)
        given = {k: v for k, v in settings.shared.items() if k in params}
        used |= given.keys()
        for key, value in settings.commands.get(name, {}).items():
            if key not in params:
                raise UsageError(f"{where}: {key} is not an option of `{name}`")
            given[key] = value
        ctx = click.Context(command, info_name=name)
        for key, value in given.items():
            try:
                params[key].type_cast_value(ctx, value)
            except click.BadParameter as exc:
                raise UsageError(f"{where}: {key} = {value!r}: {exc.message}") from None
        found[name] = {params[key].name or key: value for key, value in given.items()}
    unknown = sorted(set(settings.shared) - used)
    if unknown:
        raise UsageError(f"{where}: {unknown[0]} is not an option of any command")
    return found


def _settable(command: click.Command) -> dict[str, click.Parameter]:
    """A command's parameters by the names a settings file may use: the long option (`format`, `keep_versions`)
    or the parameter's own name (`fmt`)."""
    found: dict[str, click.Parameter] = {}
    for p in command.params:
        if p.name in (None, "help", "version"):
            continue
        for key in [p.name, *(o.lstrip("-").replace("-", "_") for o in p.opts if o.startswith("--"))]:
            found[key or ""] = p
    return found


def _fail(msg: str) -> int:
    print(f"error: {' '.join(msg.split())}", file=sys.stderr)
    return EXIT_USAGE


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


def _start(name: str, verbose: bool) -> None:
    """Say which command runs (for the error messages) and set up logging."""
    state = click.get_current_context().find_object(_State)
    if state is not None:
        state.command = name
        state.verbose = state.verbose or verbose
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(message)s")


# ---------------------------------------------------------------- shared options


def out_option(help: str) -> Callable:
    return click.option("--out", type=click.Path(path_type=Path), default=Path("output"), show_default=False,
                        help=help)


verbose_option = click.option("-v", "--verbose", is_flag=True, help="debug logging; a failure shows its traceback")
quiet_option = click.option("-q", "--quiet", is_flag=True,
                            help="print nothing but warnings and errors (and, for validate, the problems found); the "
                                 "exit code says how it went")


# ---------------------------------------------------------------- run


def workers_help(cores: int | str | None) -> str:
    """--workers' help, which names this machine's cores (the CLI reference names none: `cores="N"`)."""
    return (f"worker processes (default: the machine's cores, here {cores}); never more than the cores and the "
            "memory available (about 400 MB each) allow")


@app.command("run", epilog=EXIT_CODES, help=(
    "Extract visits, documents, trade figures and events from the articles in RAW and publish validated "
    "tables (Parquet, DuckDB, datapackage.json, manifest.json) in OUT. The default command."))
@click.option("--raw", type=click.Path(path_type=Path), default=Path("raw"),
              help="folder of raw articles, read recursively, or one file (default: raw)")
@out_option("output: a link to the newest complete dataset in .OUT.versions/ beside it. Must be new, empty or "
            "made by this pipeline; never the raw folder or the current folder (default: output)")
@click.option("--keep-versions", type=POSITIVE, default=None, metavar="N",
              help="published versions kept in .OUT.versions/, the newest; older ones made by the pipeline are "
                   "removed (default: 3)")
@click.option("--lock-timeout", type=SECONDS, default=0.0, metavar="SECONDS",
              help=f"when another run holds OUT, wait this long for it, then exit {EXIT_LOCKED} (default: 0, do "
                   "not wait)")
@click.option("--allow-empty", is_flag=True,
              help="publish even when no article was read (default: exit 2 and keep the previous dataset)")
@click.option("--max-bytes", type=SIZE, default=None, metavar="SIZE",
              help="inputs larger than this are rejected unread, e.g. 500K, 20M (default: 20M)")
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
              help="folder of per-article results reused by later runs (default: .pipeline-cache beside OUT)")
@click.option("--no-cache", is_flag=True, help="extract every article again; do not read or write the cache")
@click.option("--strict", is_flag=True,
              help="exit 1 when rows were quarantined or inputs rejected (the output is still published)")
@click.option("--workers", type=POSITIVE, default=os.cpu_count() or 1, metavar="N", help=workers_help(os.cpu_count()))
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              help="local: worker processes on this machine; dask: a Dask cluster (see --scheduler)")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="with --engine dask: address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: "
                   "start a LocalCluster with --workers processes)")
@click.option("--parts-dir", type=click.Path(path_type=Path), default=None,
              help="where batch jobs write their Parquet parts before the merge; on a multi-machine Dask cluster, a "
                   "folder every machine sees (default: beside OUT)")
@click.option("--batch-size", type=POSITIVE, default=32, metavar="N", help="articles per batch job (default: 32)")
@click.option("--text", type=click.Choice(("full", "snippet", "none")), default="full",
              help="how much article text to publish: full (articles.text), snippet (the evidence sentences, with "
                   "each article's URL and SHA-256), none; evidence is checked against the full text in every "
                   "case. Use snippet or none for articles you may not republish (default: full)")
@click.option("--reconsolidate", is_flag=True,
              help="match every mention across articles again (default: keep the clusters, and their ids, of the "
                   "dataset OUT shows, and match only the new mentions into them)")
@click.option("--rows-per-file", type=POSITIVE, default=None, metavar="N",
              help="a table with more rows is written as a folder of Parquet parts (default: 1000000)")
@click.option("--force", is_flag=True,
              help="publish a new version even when nothing changed (default: when the inputs, the code and the "
                   "options that decide the dataset are those of the version OUT shows, leave it as it is)")
@quiet_option
@verbose_option
@click.version_option(__version__, message=f"{PROG} %(version)s")
def run_command(raw: Path, out: Path, quiet: bool, verbose: bool, strict: bool, **options: Any) -> int:
    _start("run", verbose)
    if not raw.exists():
        raise UsageError(f"raw folder not found: {raw} (give a folder of articles, or one file)")
    if options["scheduler"] and options["engine"] != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if options["scheduler"]:
        from pipeline.runtime.scheduler import check_scheduler

        check_scheduler(options["scheduler"])
    from pipeline.publish.output_guard import OutputRefused, check_output

    try:
        check_output(raw, out)
    except OutputRefused as exc:
        raise UsageError(str(exc)) from None
    from pipeline.publish.output_lock import OutputLocked
    from pipeline.runtime.unchanged import unchanged

    run_options = _run_options(out, quiet, options)
    try:
        checked = None if options["force"] else unchanged(raw, out, run_options)
        kept = checked.kept if checked is not None else None
        if kept is not None:
            if not quiet:
                print(f"nothing changed since {out} was published (the same inputs, code and options): output left "
                      f"as it was: {out} (--force publishes it again)")
            return _strict_exit(strict, kept.rows("quarantine"), kept.rows("rejected_inputs"))
        from pipeline.runtime.run import NothingToPublish, run  # heavy imports only when running

        state = click.get_current_context().find_object(_State)
        try:
            summary = run(raw, out, run_options, command=[PROG, *(state.argv if state else [])],
                          key=checked.key if checked is not None else None)
        except (OutputRefused, NothingToPublish) as exc:
            raise UsageError(str(exc)) from None
    except OutputLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    if not quiet:
        print(summary.render())
        print(f"output written to {out}")
    return _strict_exit(strict, summary.quarantined, summary.rejected)


def _strict_exit(strict: bool, quarantined: int, rejected: int) -> int:
    if strict and (quarantined or rejected):
        print(f"strict: {quarantined} quarantined rows, {rejected} rejected inputs", file=sys.stderr)
        return EXIT_STRICT
    return EXIT_OK


def _run_options(out: Path, quiet: bool, o: dict[str, Any]):
    """The run's options from the command line's (defaults filled in here, where they are named)."""
    from pipeline.io.walk import DEFAULT_MAX_BYTES
    from pipeline.publish.limits import DEFAULT_KEEP_VERSIONS, DEFAULT_ROWS_PER_FILE
    from pipeline.runtime.options import RunOptions

    cache_dir = None if o["no_cache"] else (o["cache_dir"] or Path(os.path.abspath(out)).parent / ".pipeline-cache")
    return RunOptions(max_bytes=o["max_bytes"] or DEFAULT_MAX_BYTES, cache_dir=cache_dir, progress=not quiet,
                      workers=o["workers"], engine=o["engine"], scheduler=o["scheduler"],
                      batch_size=o["batch_size"], parts_dir=o["parts_dir"],
                      rows_per_file=o["rows_per_file"] or DEFAULT_ROWS_PER_FILE,
                      keep_versions=o["keep_versions"] or DEFAULT_KEEP_VERSIONS,
                      lock_timeout=o["lock_timeout"], allow_empty=o["allow_empty"], text=o["text"],
                      reconsolidate=o["reconsolidate"])


# ---------------------------------------------------------------- evaluate


@app.command("evaluate", epilog=EXIT_CODES, help=(
    "Score the published tables against gold YAML files: precision, recall and F1 per table, field accuracy, "
    "missed and extra rows. GOLD: gold YAML files, named after the raw files they annotate (the format and "
    "the matching rules: see docs/GOLD_FORMAT.md)."))
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_option("output folder to score (default: output)")
@click.option("--min-f1", type=float, default=None, help="exit 1 if any table's F1 is below this")
@click.option("--scores-only", is_flag=True, help="only the score lines, not every missed, extra or mismatched row")
@quiet_option
@verbose_option
def evaluate_command(gold: tuple[Path, ...], out: Path, min_f1: float | None, scores_only: bool, quiet: bool,
                     verbose: bool) -> int:
    _start("evaluate", verbose)
    missing = [g for g in gold if not g.is_file()]
    if missing:
        raise UsageError(f"gold file not found: {missing[0]}")
    from pipeline.quality.evaluate import evaluate, load_gold, render

    for path in gold:  # a bad gold file is the user's to fix: say which, before any work
        load_gold(path)
    if not (out / "articles.parquet").is_file():
        raise UsageError(f"no published tables in {out}: run `{PROG} --out {out}` first")
    result = evaluate(out, list(gold))
    if not quiet:
        print(render(result, verbose=not scores_only))
    from pipeline.publish.write import record_accuracy

    record_accuracy(out, result)  # the dataset card states the scores
    if min_f1 is not None and min(t["f1"] for t in result["tables"].values()) < min_f1:
        return EXIT_STRICT
    return EXIT_OK


# ---------------------------------------------------------------- export


@app.command("export", epilog=EXIT_CODES, help=(
    "Write the published tables for tools without Parquet: CSV or JSON Lines (a file per table) or SQLite "
    "(one bilateral.sqlite). Lists are JSON arrays, dates ISO strings, integers integers."))
@out_option("the published dataset to export (default: output)")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", help="csv, jsonl or sqlite (default: csv)")
@click.option("--to", "destination", type=click.Path(path_type=Path), default=None,
              help="folder to write: new, empty or an earlier export, replaced whole (default: OUT-FORMAT beside "
                   "OUT, e.g. output-csv)")
@quiet_option
@verbose_option
def export_command(out: Path, fmt: str, destination: Path | None, quiet: bool, verbose: bool) -> int:
    _start("export", verbose)
    from pipeline.publish.export import export
    from pipeline.publish.output_lock import OutputLocked

    try:
        done = export(out, fmt, destination)
    except OutputLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    if not quiet:
        print(f"{len(done.rows)} tables, {sum(done.rows.values())} rows exported as {fmt} to {done.destination}")
    return EXIT_OK


# ---------------------------------------------------------------- report


@app.command("report", epilog=EXIT_CODES, help="Write report.html: the dataset's timeline, one page.")
@out_option("the published dataset to report on (default: output)")
@quiet_option
@verbose_option
def report_command(out: Path, quiet: bool, verbose: bool) -> int:
    _start("report", verbose)
    try:
        report = importlib.import_module("pipeline.publish.report")  # written apart from the rest: may be missing
    except ModuleNotFoundError as exc:
        if exc.name != "pipeline.publish.report":
            raise
        raise UsageError("this installation has no report (pipeline/publish/report.py is missing)") from None
    from pipeline.publish import read_dataset

    read_dataset.table_files(out)  # no dataset: a usage error, before any work
    written = report.write_report(out)
    if not quiet:
        print(f"report written to {written or out}")
    return EXIT_OK


# ---------------------------------------------------------------- validate


@app.command("validate", epilog=EXIT_CODES, help=(
    "Re-check a published dataset against the schemas: every table present with its column types, every "
    "row passing its checks, evidence spans, ids and links. Exit 1 when it does not match."))
@out_option("the published dataset to check (default: output)")
@quiet_option
@verbose_option
def validate_command(out: Path, quiet: bool, verbose: bool) -> int:
    _start("validate", verbose)
    from pipeline.quality.verify_dataset import check_dataset

    result = check_dataset(out)
    if not (quiet and result.ok):
        print(result.render(only_problems=quiet))
    return EXIT_OK if result.ok else EXIT_STRICT
