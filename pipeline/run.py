"""Run the whole pipeline: ingest -> process each article -> assemble -> validate -> publish."""
from __future__ import annotations

import logging
from collections import Counter
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import assemble, ingest
from pipeline.process import process_article
from pipeline.publish import publish
from pipeline.registry import FACT_TABLES
from pipeline.validate import validate_table

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    files: int = 0
    articles: int = 0
    rejected: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: int = 0
    seconds: float = 0.0
    skipped_language: dict[str, int] = field(default_factory=dict)  # language -> articles not extracted

    def render(self) -> str:
        lines = [f"files read        {self.files}",
                 f"articles          {self.articles}",
                 f"rejected inputs   {self.rejected}"]
        if self.skipped_language:
            langs = ", ".join(f"{lang} {n}" for lang, n in sorted(self.skipped_language.items()))
            lines.append(f"not English       {sum(self.skipped_language.values())} "
                         f"(listed in articles, no facts extracted: {langs})")
        lines += [f"{name:<18}{n} rows" for name, n in self.rows.items()]
        lines += [f"quarantined rows  {self.quarantined}", f"time              {self.seconds:.1f} s"]
        return "\n".join(lines)


def run(raw_dir: Path, out_dir: Path, progress: bool = True) -> RunSummary:
    t0 = time.monotonic()
    articles, rejected = ingest.read_articles(raw_dir)
    per_table: dict[str, list[dict]] = {name: [] for name in FACT_TABLES}
    for n, article in enumerate(articles, 1):
        try:
            rows = process_article(article)
        except Exception as exc:  # one bad article must not stop the run
            log.error("%s: extraction failed: %s: %s", article.source_path, type(exc).__name__, exc)
            rows = {name: [] for name in FACT_TABLES}
        for name, table_rows in assemble.assign_ids(article.article_id, rows).items():
            per_table[name].extend(table_rows)
        if progress and sys.stderr.isatty():
            print(f"\r{n}/{len(articles)} articles", end="", file=sys.stderr, flush=True)
    if progress and sys.stderr.isatty() and articles:
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
    return RunSummary(files=len({r.source_path.split("#", 1)[0] for r in [*articles, *rejected]}),
                      articles=len(frames["articles"]), rejected=len(rejected),
                      rows={name: len(frames[name]) for name in FACT_TABLES}, quarantined=len(quarantine),
                      seconds=time.monotonic() - t0, skipped_language=dict(skipped))


__all__ = ["run", "RunSummary"]
