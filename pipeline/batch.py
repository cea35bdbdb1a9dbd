"""The per-article step, the same for every engine: a batch of input records in, Parquet parts and a
short summary out. Cached results are reused; the others are parsed, annotated with one `nlp.pipe`
call over the batch inside a spaCy memory zone (so that a long run does not grow the vocabulary),
extracted and cached. Rows get their ids here, so the driver only merges, validates and publishes."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from pipeline import assemble, ingest
from pipeline.cache import ResultCache
from pipeline.decoding import Undecodable
from pipeline.formats import Record
from pipeline.registry import no_rows

log = logging.getLogger(__name__)

PART_TABLES = ("articles", "visits", "documents", "trade", "events")
NLP_BATCH = 32  # documents per nlp.pipe batch


@dataclass
class BatchJob:
    number: int  # position of the batch in the run: part files are merged in this order
    records: list[Record]
    parts_dir: str
    cache_dir: str | None = None


@dataclass
class ArticleSummary:
    article_id: str
    source_path: str
    sha256: str
    text_key: str
    language: str
    from_cache: bool
    failed: bool


@dataclass
class BatchResult:
    number: int
    articles: list[ArticleSummary] = field(default_factory=list)
    rejected: list[ingest.Rejected] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)  # table -> part file


def run_batch(job: BatchJob) -> BatchResult:
    """Process one batch and write its rows as one Parquet part per table."""
    cache = ResultCache(Path(job.cache_dir)) if job.cache_dir else None
    results = _results(job.records, cache)
    out = BatchResult(job.number)
    tables: dict[str, list[dict]] = {name: [] for name in PART_TABLES}
    for article, rows, from_cache, failed in results:
        if isinstance(article, ingest.Rejected):
            out.rejected.append(article)
            continue
        out.articles.append(ArticleSummary(article.article_id, article.source_path, article.sha256,
                                           ingest.text_key(article), article.language, from_cache, failed))
        tables["articles"].append(assemble.article_row(article))
        for name, table_rows in assemble.assign_ids(article.article_id, rows).items():
            tables[name].extend(table_rows)
    folder = Path(job.parts_dir)
    for name, rows in tables.items():
        path = folder / name / f"part-{job.number:07d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        pq.write_table(assemble.arrow_table(name, rows), tmp, compression="zstd")
        os.replace(tmp, path)
        out.parts[name] = str(path)
    return out


def _results(records: list[Record], cache: ResultCache | None) -> list[tuple]:
    """(article or Rejected, rows, from_cache, failed) for each record, in order. spaCy is imported
    only when some record is not in the cache."""
    results: list[tuple | None] = [None] * len(records)
    todo: list[tuple[int, ingest.Article]] = []
    for i, record in enumerate(records):
        cached = cache.get(record.sha256) if cache is not None else None
        if cached is not None:
            results[i] = (*cached, True, False)
            continue
        try:
            article = ingest.parse_record(record)
        except Undecodable as exc:
            results[i] = (ingest.Rejected(record.source_path, record.sha256, "binary", str(exc)), None, False, False)
            continue
        if not article.text.strip():
            results[i] = (ingest.Rejected(record.source_path, record.sha256, "no_text",
                                          "no article body after the header"), None, False, False)
            continue
        if article.language != "en":
            results[i] = (article, no_rows(), False, False)
            if cache is not None:
                cache.put(record.sha256, (article, no_rows()))
            continue
        todo.append((i, article))
    if todo:
        for (i, article), (rows, failed) in zip(todo, _annotate_and_extract([a for _, a in todo])):
            results[i] = (article, rows, False, failed)
            if cache is not None and not failed:
                cache.put(article.sha256, (article, rows))
    return results  # type: ignore[return-value]


def _annotate_and_extract(articles: list[ingest.Article]) -> list[tuple[dict, bool]]:
    """One nlp.pipe pass; an article whose extraction fails gets no rows, the others go on."""
    from pipeline.annotate import annotate_all, load_nlp
    from pipeline.process import extract

    nlp = load_nlp()
    out: list[tuple[dict, bool]] = []
    with nlp.memory_zone():
        try:
            docs: list = annotate_all((a.text for a in articles), batch_size=NLP_BATCH)
        except Exception as exc:  # one text the model cannot take: annotate one by one
            log.warning("batch annotation failed (%s); annotating one article at a time", exc)
            docs = []
            for a in articles:
                try:
                    docs.append(annotate_all([a.text])[0])
                except Exception as one:
                    log.error("%s: annotation failed: %s: %s", a.source_path, type(one).__name__, one)
                    docs.append(None)
        for article, doc in zip(articles, docs):
            if doc is None:
                out.append((no_rows(), True))
                continue
            try:
                out.append((extract(article, doc), False))
            except Exception as exc:  # one bad article must not stop the run
                log.error("%s: extraction failed: %s: %s", article.source_path, type(exc).__name__, exc)
                out.append((no_rows(), True))
    return out
