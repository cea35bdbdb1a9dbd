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

from pipeline.tables import assemble

from pipeline.io import ingest
from pipeline.runtime.cache import ResultCache
from pipeline.io.decoding import Undecodable
from pipeline.io.formats import Record
from pipeline.base.messages import describe_error
from pipeline.base.registry import PART_TABLES
from pipeline.extract.language_notice import not_extracted

log = logging.getLogger(__name__)

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
    header_key: str = ""  # what tells a reprint of the text from a copy: its outlet, headline, date and address


@dataclass
class BatchResult:
    number: int
    articles: list[ArticleSummary] = field(default_factory=list)
    rejected: list[ingest.Rejected] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)  # table -> part file


def run_batch(job: BatchJob) -> BatchResult:
    """Process one batch and write its rows as one Parquet part per table. An error in one record
    rejects that record (parse_error, extraction_error); the rest of the batch goes on."""
    cache = ResultCache(Path(job.cache_dir)) if job.cache_dir else None
    out = BatchResult(job.number)
    done: list[tuple[ingest.Article, dict[str, list[dict]], bool]] = []
    for article, rows, from_cache in _results(job.records, cache):
        if isinstance(article, ingest.Rejected):
            out.rejected.append(article)
            continue
        try:
            tables = {"articles": [assemble.article_row(article)], **assemble.assign_ids(article.article_id, rows)}
        except Exception as exc:
            out.rejected.append(_rejected(article, "extraction_error", exc))
            continue
        done.append((article, tables, from_cache))
    arrow = _arrow_tables([t for _, t, _ in done])
    if arrow is None:  # some article's rows do not fit their table: find it, keep the others
        kept = []
        for article, tables, from_cache in done:
            try:
                _arrow_tables([tables], strict=True)
                kept.append((article, tables, from_cache))
            except Exception as exc:
                out.rejected.append(_rejected(article, "extraction_error", exc))
        done = kept
        arrow = _arrow_tables([t for _, t, _ in done], strict=True)
    for article, _, from_cache in done:
        out.articles.append(ArticleSummary(article.article_id, article.source_path, article.sha256,
                                           ingest.text_key(article), article.language, from_cache,
                                           ingest.header_key(article)))
    folder = Path(job.parts_dir)
    for name, table in arrow.items():
        path = folder / name / f"part-{job.number:07d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
        out.parts[name] = str(path)
    return out


def _arrow_tables(per_article: list[dict[str, list[dict]]], strict: bool = False):
    """One Arrow table per part table from every article's rows; None (or raise, if `strict`) when
    some row does not convert."""
    try:
        return {name: assemble.arrow_table(name, [row for tables in per_article for row in tables.get(name, [])])
                for name in PART_TABLES}
    except Exception:
        if strict:
            raise
        return None


def _rejected(article: ingest.Article, reason: str, exc: BaseException) -> ingest.Rejected:
    log.debug("%s: %s", article.source_path, reason, exc_info=exc)  # the traceback, with -v
    return ingest.Rejected(article.source_path, article.sha256, reason, describe_error(exc))


def _results(records: list[Record], cache: ResultCache | None) -> list[tuple]:
    """(article or Rejected, rows, from_cache) for each record, in order. Every record is parsed in
    this run (cheap); spaCy is imported only when some article's rows are not in the cache."""
    results: list[tuple | None] = [None] * len(records)
    todo: list[tuple[int, Record, ingest.Article]] = []
    for i, record in enumerate(records):
        entry = cache.entry(record) if cache is not None else None
        try:
            article = ingest.parse_record(record, entry["language"] if entry is not None else None)
            cached = cache.rows(entry, record, article) if cache is not None and entry is not None else None
            if entry is not None and cached is None:  # the language came with rows that cannot be used
                article = ingest.parse_record(record)
        except Undecodable as exc:
            results[i] = (ingest.Rejected(record.source_path, record.sha256, "binary", str(exc)), None, False)
            continue
        except Exception as exc:
            results[i] = (ingest.Rejected(record.source_path, record.sha256, "parse_error", describe_error(exc)),
                          None, False)
            continue
        if not article.text.strip():
            results[i] = (ingest.Rejected(record.source_path, record.sha256, "no_text",
                                          "no article body after the header"), None, False)
            continue
        if cached is not None:
            results[i] = (article, cached, True)
        elif article.language != "en":
            results[i] = (article, not_extracted(article), False)
            if cache is not None:
                cache.put(record, article, not_extracted(article))
        else:
            todo.append((i, record, article))
    if todo:
        for (i, record, article), (rows, error) in zip(todo, _annotate_and_extract([a for _, _, a in todo])):
            if error is not None or rows is None:
                results[i] = (_rejected(article, "extraction_error", error or ValueError("no rows")), None, False)
                continue
            results[i] = (article, rows, False)
            if cache is not None:
                cache.put(record, article, rows)
    return results  # type: ignore[return-value]


def _annotate_and_extract(articles: list[ingest.Article]) -> list[tuple[dict | None, BaseException | None]]:
    """One nlp.pipe pass over the articles of common length, and one article at a time, section by section,
    for each text longer than `SECTION_CHARS`; (rows, None) for each article, or (None, the error) for an
    article that could not be annotated or extracted: the others go on."""
    from pipeline.extract.article import process_article
    from pipeline.extract.sections import SECTION_CHARS

    out: list[tuple[dict | None, BaseException | None] | None] = [None] * len(articles)
    common = [i for i, a in enumerate(articles) if len(a.text) <= SECTION_CHARS]
    for i, result in zip(common, _in_one_pass([articles[i] for i in common])):
        out[i] = result
    for i, article in enumerate(articles):
        if out[i] is None:
            try:
                out[i] = (process_article(article), None)
            except Exception as exc:  # MemoryError included: this article is rejected, the others go on
                out[i] = (None, exc)
    return out  # type: ignore[return-value]


def _in_one_pass(articles: list[ingest.Article]) -> list[tuple[dict | None, BaseException | None]]:
    from pipeline.nlp.annotate import annotate_all, load_nlp
    from pipeline.extract.article import extract

    if not articles:
        return []
    nlp = load_nlp()
    out: list[tuple[dict | None, BaseException | None]] = []
    with nlp.memory_zone():
        try:
            docs: list = annotate_all((a.text for a in articles), batch_size=NLP_BATCH)
        except Exception as exc:
            log.warning("batch annotation failed (%s); annotating one article at a time", describe_error(exc))
            docs = []
            for a in articles:
                try:
                    docs.append(annotate_all([a.text])[0])
                except Exception as one:
                    docs.append(one)
        for article, doc in zip(articles, docs):
            if isinstance(doc, BaseException):
                out.append((None, doc))
                continue
            try:
                out.append((extract(article, doc), None))
            except Exception as exc:
                out.append((None, exc))
    return out
