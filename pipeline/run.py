"""Run the whole pipeline: ingest -> process each article (or reuse its cached result) -> assemble ->
validate -> publish."""
from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import assemble, ingest
from pipeline.cache import ResultCache
from pipeline.decoding import Undecodable
from pipeline.formats import Record
from pipeline.publish import publish
from pipeline.registry import FACT_TABLES
from pipeline.validate import validate_table

log = logging.getLogger(__name__)


@dataclass
class RunOptions:
    max_bytes: int = ingest.DEFAULT_MAX_BYTES
    cache_dir: Path | None = None  # None: no cache
    progress: bool = True


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
    failed: int = 0

    def render(self) -> str:
        lines = [f"files read        {self.files}"]
        if self.records != self.files:
            lines.append(f"inputs            {self.records} (JSON/JSONL files hold several)")
        lines += [f"articles          {self.articles}",
                  f"rejected inputs   {self.rejected}" + (
                      " (" + ", ".join(f"{r} {n}" for r, n in sorted(self.rejected_by_reason.items())) + ")"
                      if self.rejected else "")]
        if self.skipped_language:
            langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.skipped_language.items()))
            lines.append(f"not English       {sum(self.skipped_language.values())} "
                         f"(listed in articles, no facts extracted: {langs})")
        if self.failed:
            lines.append(f"extraction failed {self.failed} (listed in articles, no facts; see the log)")
        lines += [f"{name:<18}{n} rows" for name, n in self.rows.items()]
        lines += [f"quarantined rows  {self.quarantined}"]
        if self.cache_hits:
            lines.append(f"reused from cache {self.cache_hits} articles")
        lines.append(f"time              {self.seconds:.1f} s")
        return "\n".join(lines)


def _extract(record: Record, cache: ResultCache | None):
    """(article, rows, from_cache, failed) for one record; Rejected when it is not an article."""
    cached = cache.get(record.sha256) if cache is not None else None
    if cached is not None:
        return (*cached, True, False)
    try:
        article = ingest.parse_record(record)
    except Undecodable as exc:
        return ingest.Rejected(record.source_path, record.sha256, "binary", str(exc)), None, False, False
    if not article.text.strip():
        result = ingest.Rejected(record.source_path, record.sha256, "no_text", "no article body after the header")
        return result, None, False, False
    from pipeline.process import process_article  # spaCy is loaded only when something is extracted

    failed = False
    try:
        rows = process_article(article)
    except Exception as exc:  # one bad article must not stop the run
        log.error("%s: extraction failed: %s: %s", article.source_path, type(exc).__name__, exc)
        rows, failed = {name: [] for name in FACT_TABLES}, True
    if cache is not None and not failed:
        cache.put(record.sha256, (article, rows))
    return article, rows, False, failed


def run(raw_dir: Path, out_dir: Path, options: RunOptions | None = None) -> RunSummary:
    opts = options or RunOptions()
    t0 = time.monotonic()
    cache = ResultCache(opts.cache_dir) if opts.cache_dir is not None else None
    articles: list[ingest.Article] = []
    rejected: list[ingest.Rejected] = []
    per_table: dict[str, list[dict]] = {name: [] for name in FACT_TABLES}
    texts_seen: dict[str, str] = {}
    hits = failed = records = 0
    show = opts.progress and sys.stderr.isatty()
    for item in ingest.iter_records(raw_dir, opts.max_bytes):
        records += 1
        if isinstance(item, ingest.Rejected):
            rejected.append(item)
            log.warning("%s: rejected (%s): %s", item.source_path, item.reason, item.detail)
            continue
        article, rows, from_cache, did_fail = _extract(item, cache)
        if isinstance(article, ingest.Rejected):
            rejected.append(article)
            log.warning("%s: rejected (%s): %s", article.source_path, article.reason, article.detail)
            continue
        key = ingest.text_key(article)
        if key in texts_seen:
            dup = ingest.Rejected(article.source_path, article.sha256, "duplicate",
                                  f"same article text as {texts_seen[key]}; processed once")
            rejected.append(dup)
            log.warning("%s: rejected (duplicate): %s", dup.source_path, dup.detail)
            continue
        texts_seen[key] = article.source_path
        hits += from_cache
        failed += did_fail
        articles.append(article)
        for name, table_rows in assemble.assign_ids(article.article_id, rows).items():
            per_table[name].extend(table_rows)
        if show:
            print(f"\r{len(articles)} articles, {len(rejected)} rejected", end="", file=sys.stderr, flush=True)
    if show and records:
        print(file=sys.stderr)
    frames: dict[str, pd.DataFrame] = {"articles": assemble.articles_frame(articles)}
    quarantine: list[dict] = []
    frames["articles"], q = validate_table("articles", frames["articles"])
    quarantine += q
    texts = dict(zip(frames["articles"]["article_id"], frames["articles"]["text"]))
    for name in FACT_TABLES:
        df, q = validate_table(name, assemble.frame(name, per_table[name]), texts)
        frames[name] = df
        quarantine += q
    frames["quarantine"] = assemble.frame("quarantine", quarantine)
    frames["rejected_inputs"] = assemble.frame("rejected_inputs", [
        {"path": r.source_path, "sha256": r.sha256, "reason": r.reason, "detail": r.detail} for r in rejected])
    publish(frames, out_dir)
    skipped = Counter(a.language for a in articles if a.language != "en")
    files = {p.split("#", 1)[0] for p in [*(a.source_path for a in articles), *(r.source_path for r in rejected)]}
    return RunSummary(files=len(files), records=records, articles=len(frames["articles"]), rejected=len(rejected),
                      rejected_by_reason=dict(Counter(r.reason for r in rejected)),
                      rows={name: len(frames[name]) for name in FACT_TABLES}, quarantined=len(quarantine),
                      seconds=time.monotonic() - t0, skipped_language=dict(skipped), cache_hits=hits,
                      failed=failed)


__all__ = ["run", "RunOptions", "RunSummary"]
