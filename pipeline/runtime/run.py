"""Run the whole pipeline: list and read inputs -> batches on an engine (pipeline.runtime.batch: parse,
annotate, extract, cache, Parquet parts) -> merge the parts -> validate once -> consolidate
across articles -> publish."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.tables import assemble

from pipeline.io import ingest

from pipeline.publish import manifest
from pipeline.runtime.batch import PART_TABLES, BatchJob, BatchResult
from pipeline.runtime.cache import ResultCache
from pipeline.runtime.capacity import cap_workers
from pipeline.consolidate import consolidate
from pipeline.consolidate.previous import read_previous
from pipeline.runtime.engines import make_engine
from pipeline.io.formats import Record
from pipeline.publish.marker import write_marker
from pipeline.publish.output_guard import absolute, check_output, lock_path_of
from pipeline.publish.output_lock import OutputLock
from pipeline.runtime.progress import Progress
from pipeline.publish.report import write_report
from pipeline.publish.write import publish
from pipeline.runtime.options import RunOptions
from pipeline.runtime.unchanged import run_key
from pipeline.base.registry import CONSOLIDATED, EXTRACTED_TABLES, FACT_TABLES
from pipeline.quality.validate_tables import check_links, validate_table
from schemas.fields import VOCAB

log = logging.getLogger(__name__)


class NothingToPublish(Exception):
    """The run read no article: the previous dataset is kept. The message is one line for the user."""


@dataclass
class RunSummary:
    files: int = 0
    records: int = 0
    articles: int = 0
    rejected: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: int = 0
    seconds: float = 0.0
    skipped_language: dict[str, int] = field(default_factory=dict)  # language -> articles not extracted
    cache_hits: int = 0
    diagnostics: dict[str, int] = field(default_factory=dict)  # kind -> rows of the diagnostics table
    consolidated: dict[str, int] = field(default_factory=dict)  # fact table -> rows of its consolidated table
    consolidation_seconds: float = 0.0
    reprints: int = 0  # articles that repeat an earlier one's text under another header

    def render(self) -> str:
        lines = [f"files read        {self.files}"]
        if self.records != self.files:
            lines.append(f"inputs            {self.records} (JSON/JSONL files hold several)")
        lines += [f"articles          {self.articles}" + (
                      f" ({self.reprints} reprint{'s' if self.reprints > 1 else ''}: listed, their facts counted once)" if self.reprints else ""),
                  f"rejected inputs   {self.rejected}" + (
                      " (" + ", ".join(f"{r} {n}" for r, n in sorted(self.rejected_by_reason.items())) + ")"
                      if self.rejected else "")]
        if self.skipped_language:
            langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.skipped_language.items()))
            lines.append(f"not English       {sum(self.skipped_language.values())} "
                         f"(listed in articles, no facts extracted: {langs})")
        lines += [f"{name:<18}{n} rows" + (f" ({self.consolidated[name]} facts across articles)"
                                           if name in self.consolidated else "") for name, n in self.rows.items()]
        kinds = [k for k in VOCAB["diagnostic_kind"] if self.diagnostics.get(k)]
        lines.append(f"diagnostics       {sum(self.diagnostics.values())}" + (
            " (" + ", ".join(f"{k} {self.diagnostics[k]}" for k in kinds) + ")" if kinds else ""))
        lines += [f"quarantined rows  {self.quarantined}"]
        if self.cache_hits:
            lines.append(f"reused from cache {self.cache_hits} articles")
        lines.append(f"time              {self.seconds:.1f} s (consolidation {self.consolidation_seconds:.1f} s)")
        return "\n".join(lines)


def _jobs(raw_dir: Path, opts: RunOptions, parts_dir: Path, cache: ResultCache | None,
          rejected: list[ingest.Rejected], counter: list[int]) -> Iterator[tuple[BatchJob, bool]]:
    """Batch jobs in input order; a batch whose records are all cached runs locally."""
    batch: list[Record] = []
    number = 0
    cache_dir = str(opts.cache_dir) if opts.cache_dir is not None else None

    def job():
        local = cache is not None and all(cache.has(r) for r in batch)
        return BatchJob(number, list(batch), str(parts_dir), cache_dir), local

    for item in ingest.iter_records(raw_dir, opts.max_bytes):
        counter[0] += 1
        if isinstance(item, ingest.Rejected):
            rejected.append(item)
            log.warning("%s: rejected (%s): %s", item.source_path, item.reason, item.detail)
            continue
        batch.append(item)
        if len(batch) >= opts.batch_size:
            yield job()
            number += 1
            batch = []
    if batch:
        yield job()


def _merge(parts: dict[str, list[str]], drop: set[str], reprints: dict[str, str]) -> dict[str, pd.DataFrame]:
    """One frame per table from the batches' parts, in batch order, without dropped articles; a reprint keeps
    its article row (naming its original in `reprint_of`) and none of its other rows."""
    frames = {}
    for name in PART_TABLES:
        tables = [pq.read_table(p) for p in parts[name]]
        if not tables:
            frames[name] = assemble.frame(name, [])
            continue
        table = pa.concat_tables(tables)
        gone = drop if name == "articles" else drop | set(reprints)
        if gone:
            keep = pc.invert(pc.is_in(table["article_id"], value_set=pa.array(sorted(gone))))
            table = table.filter(keep)
        frames[name] = assemble.frame_from_arrow(name, table)
    if reprints and len(frames["articles"]):
        articles = frames["articles"]
        frames["articles"] = articles.assign(reprint_of=articles["article_id"].map(reprints).astype(object)
                                             .where(articles["article_id"].isin(list(reprints)), None))
    return frames


def run(raw_dir: Path, out_dir: Path, options: RunOptions | None = None,
        command: list[str] | None = None, key: str | None = None) -> RunSummary:
    """Process every input under `raw_dir` (a folder, or one file) and publish the tables into
    `out_dir`, holding the output's lock. Raises, before any work, OutputRefused
    (pipeline.publish.output_guard) when `out_dir` could hold someone else's files and OutputLocked
    (pipeline.publish.output_lock) when another run holds it; NothingToPublish when no article was read,
    unless `allow_empty`. `command` is the command line the manifest records (default: sys.argv); `key` the
    run key (pipeline.runtime.unchanged) when the caller has it already, taken before reading."""
    opts = options or RunOptions()
    out_abs = absolute(out_dir)
    check_output(raw_dir, out_abs)
    out_abs.parent.mkdir(parents=True, exist_ok=True)
    with OutputLock(lock_path_of(out_abs), opts.lock_timeout, what=f"--out {out_dir}"):
        check_output(raw_dir, out_abs)  # again: it may have changed while this run waited
        return _run_locked(raw_dir, out_dir, out_abs, opts, command, key)


def _run_locked(raw_dir: Path, out_dir: Path, out_abs: Path, opts: RunOptions,
                command: list[str] | None, key: str | None) -> RunSummary:
    """The run, holding the output's lock: read and extract in batches, validate and consolidate, publish
    the version with its report."""
    t0 = time.monotonic()
    started = dt.datetime.now(dt.UTC)
    given = opts
    if key is None:  # before reading: an input changed during the run makes the next run a full one
        key = run_key(raw_dir, opts)
    parts_root = opts.parts_dir or out_abs.parent / f".{out_abs.name}.versions"
    parts_dir = parts_root / f"parts-{os.getpid()}-{time.time_ns()}"
    cache, opts = _open_cache(opts)
    intake = _Intake(len(ingest.list_inputs(raw_dir)))
    if intake.n_inputs == 0 and not opts.allow_empty:
        raise NothingToPublish(_nothing(raw_dir, out_dir, "it holds no input file, or cannot be read"))
    opts = _fit_workers(opts, intake.n_inputs)
    timings: dict[str, float] = {}
    frames = _read_and_extract(raw_dir, opts, parts_dir, cache, intake, t0, timings)
    if intake.kept == 0 and not opts.allow_empty:
        raise NothingToPublish(_nothing(raw_dir, out_dir, f"all {intake.counter[0]} inputs were rejected"))
    inputs = [*zip(frames["articles"]["source_path"], frames["articles"]["sha256"]),
              *((r.source_path, r.sha256) for r in intake.rejected)]
    frames, quarantine, t_consolidate = _validate_and_consolidate(frames, opts, out_abs)
    frames["quarantine"] = assemble.frame("quarantine", quarantine)
    frames["rejected_inputs"] = assemble.frame("rejected_inputs", [
        {"path": r.source_path, "sha256": r.sha256, "reason": r.reason, "detail": r.detail}
        for r in sorted(intake.rejected, key=lambda r: r.source_path)])
    files = intake.files()
    timings["validate"] = time.monotonic() - t0 - sum(timings.values())
    record = manifest.build(raw_dir, {"files": len(files), "records": intake.counter[0], "articles": intake.kept,
                                      "rejected": len(intake.rejected), "digest": manifest.inputs_digest(inputs)},
                            given, timings, started, command)
    record["run_key"] = key  # what an unchanged rerun compares (pipeline.runtime.unchanged)
    record["arguments_effective"] = {"workers": opts.workers, "batch_size": opts.batch_size,
                                     "cache": opts.cache_dir is not None}  # after the caps and checks above
    publish(frames, out_dir, rows_per_file=opts.rows_per_file, keep_versions=opts.keep_versions, manifest=record,
            text_policy=opts.text, finish=(write_report,))
    return RunSummary(files=len(files), records=intake.counter[0],
                      articles=len(frames["articles"]), rejected=len(intake.rejected),
                      rejected_by_reason=dict(Counter(r.reason for r in intake.rejected)),
                      rows={name: len(frames[name]) for name in FACT_TABLES}, quarantined=len(quarantine),
                      seconds=time.monotonic() - t0,
                      skipped_language={k: v for k, v in intake.languages.items() if k != "en"},
                      cache_hits=intake.hits, diagnostics=dict(Counter(frames["diagnostics"]["kind"])),
                      consolidated={name: len(frames[c]) for name, c in CONSOLIDATED.items()},
                      consolidation_seconds=t_consolidate, reprints=len(intake.reprints))


@dataclass
class _Intake:
    """What the batches have given so far: the inputs rejected, the articles kept (one per text), their
    parts, and the counts the progress line and the summary show."""
    n_inputs: int  # input files listed
    counter: list[int] = field(default_factory=lambda: [0])  # records read, counted by the job generator
    rejected: list[ingest.Rejected] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in PART_TABLES})
    texts_seen: dict[str, str] = field(default_factory=dict)  # text key -> source path of the article kept
    originals: dict[str, tuple[str, set[str]]] = field(default_factory=dict)  # text key -> (article id, header keys)
    drop: set[str] = field(default_factory=set)  # article ids of texts already seen under the same header
    reprints: dict[str, str] = field(default_factory=dict)  # article id of a reprint -> its original's
    reprint_paths: list[str] = field(default_factory=list)
    hits: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    kept: int = 0
    done_files: set[str] = field(default_factory=set)
    counted: int = 0  # rejected inputs already counted in done_files

    def add(self, result: BatchResult) -> None:
        """One batch's result; an article whose text an earlier one had is a reprint of it (listed, its facts
        not kept twice) when its header differs from every earlier one's, else rejected as a duplicate."""
        self.rejected.extend(result.rejected)
        for r in result.rejected:
            log.warning("%s: rejected (%s): %s", r.source_path, r.reason, r.detail)
        for a in result.articles:
            original = self.originals.get(a.text_key)
            if original is not None and a.header_key not in original[1]:
                original[1].add(a.header_key)
                self.reprints[a.article_id] = original[0]
                self.reprint_paths.append(a.source_path)
                self.kept += 1
                self.languages[a.language] += 1
                continue
            if a.text_key in self.texts_seen:
                self.drop.add(a.article_id)
                dup = ingest.Rejected(a.source_path, a.sha256, "duplicate",
                                      f"same article text as {self.texts_seen[a.text_key]}; processed once")
                self.rejected.append(dup)
                log.warning("%s: rejected (duplicate): %s", dup.source_path, dup.detail)
                continue
            self.texts_seen[a.text_key] = a.source_path
            self.originals[a.text_key] = (a.article_id, {a.header_key})
            self.kept += 1
            self.hits += a.from_cache
            self.languages[a.language] += 1
        for name, path in result.parts.items():
            self.parts[name].append(path)
        self.done_files.update(a.source_path.split("#", 1)[0] for a in result.articles)
        self.done_files.update(r.source_path.split("#", 1)[0] for r in self.rejected[self.counted:])
        self.counted = len(self.rejected)

    def files(self) -> set[str]:
        """The input files read, kept or rejected (a JSON record's path without its `#n`)."""
        return {p.split("#", 1)[0] for p in [*self.texts_seen.values(), *self.reprint_paths,
                                             *(r.source_path for r in self.rejected)]}


def _open_cache(opts: RunOptions) -> tuple[ResultCache | None, RunOptions]:
    """The result cache, if the options ask for one and it can be used; else none, and the options say so."""
    cache = ResultCache(opts.cache_dir) if opts.cache_dir is not None else None
    if cache is not None and not cache.enabled:  # said once here, not again by every batch
        cache, opts = None, dataclasses.replace(opts, cache_dir=None)
    return cache, opts


def _fit_workers(opts: RunOptions, n_inputs: int) -> RunOptions:
    """The options with workers capped to this machine (for processes started here), batches small enough
    to keep every worker busy on a small corpus, and no more local workers than batches."""
    if opts.engine == "local" or not opts.scheduler:  # processes started on this machine
        workers, warning = cap_workers(opts.workers)
        if warning:
            log.warning("%s", warning)
        opts = dataclasses.replace(opts, workers=workers)
    opts = dataclasses.replace(opts, batch_size=max(1, min(opts.batch_size, -(-n_inputs // max(1, opts.workers)))))
    if opts.engine == "local":
        opts = dataclasses.replace(opts, workers=max(1, min(opts.workers, -(-n_inputs // opts.batch_size))))
    return opts


def _read_and_extract(raw_dir: Path, opts: RunOptions, parts_dir: Path, cache: ResultCache | None,
                      intake: _Intake, t0: float, timings: dict[str, float]) -> dict[str, pd.DataFrame]:
    """Every batch on the engine, into `intake`, then their parts merged into one frame per table. The
    parts folder is removed whatever happens."""
    parts_dir.mkdir(parents=True)
    write_marker(parts_dir)
    progress = Progress(intake.n_inputs, enabled=opts.progress)
    try:
        with make_engine(opts.engine, opts.workers, opts.scheduler) as engine:
            for result in engine.map(_jobs(raw_dir, opts, parts_dir, cache, intake.rejected, intake.counter)):
                intake.add(result)
                progress.update(len(intake.done_files), intake.kept, len(intake.rejected))
        progress.close()
        timings["read_and_extract"] = time.monotonic() - t0
        frames = _merge(intake.parts, intake.drop, intake.reprints)
        timings["merge"] = time.monotonic() - t0 - sum(timings.values())
    finally:
        progress.close()
        shutil.rmtree(parts_dir, ignore_errors=True)
    return frames


def _validate_and_consolidate(frames: dict[str, pd.DataFrame], opts: RunOptions,
                              out_abs: Path) -> tuple[dict[str, pd.DataFrame], list[dict], float]:
    """The tables validated, consolidated across articles (keeping the previous run's clusters unless
    `reconsolidate`) and the consolidated tables validated; the rows quarantined, and the seconds
    consolidation took."""
    quarantine: list[dict] = []
    frames["articles"], q = validate_table("articles", frames["articles"])
    quarantine += q
    texts = dict(zip(frames["articles"]["article_id"], frames["articles"]["text"]))
    for name in EXTRACTED_TABLES:
        frames[name], q = validate_table(name, frames[name], texts)
        quarantine += q
    frames, q = check_links(frames)  # a row linking to a quarantined row goes too
    quarantine += q
    t_consolidate = time.monotonic()
    frames.update(consolidate(frames, {} if opts.reconsolidate else read_previous(out_abs)))
    for name in CONSOLIDATED.values():
        frames[name], q = validate_table(name, frames[name])
        quarantine += q
    return frames, quarantine, time.monotonic() - t_consolidate


def _nothing(raw_dir: Path, out_dir: Path, why: str) -> str:
    return (f"no article read from {raw_dir} ({why}); nothing published, {out_dir} left as it was "
            "(--allow-empty publishes an empty dataset)")


__all__ = ["NothingToPublish", "RunOptions", "RunSummary", "run"]
