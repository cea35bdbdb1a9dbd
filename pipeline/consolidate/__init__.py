"""Consolidate the mention tables: one row per fact reported across articles, and its cluster id on every mention."""
from __future__ import annotations

import pandas as pd

from pipeline.tables import assemble
from pipeline.consolidate.choose import consolidated_row
from pipeline.consolidate.cluster import cluster
from pipeline.consolidate.match import RULES, Mention, interval_of
from pipeline.base.registry import CONSOLIDATED, TABLES
from schemas.fields import CLUSTER_IDS, COLUMNS

# what matching needs besides the consolidated table's columns
_NEEDED = frozenset({"visit_id", "document_id", "trade_id", "event_id", "article_id", "date_start", "date_end"})
# the events columns that link the row an event is, and the table of that row
_LINKS = (("visit_id", "visits"), ("document_id", "documents"), ("trade_id", "trade"))


def consolidate(frames: dict[str, pd.DataFrame], previous: dict[str, dict[str, str]] | None = None
                ) -> dict[str, pd.DataFrame]:
    """The mention tables with their `*_cluster_id` filled in, and the consolidated tables.

    A pure function of the mention tables (and `articles`, for the publication dates and the reprints, which
    count as articles reporting their original's facts) and, to consolidate
    incrementally, `previous`: per mention table, mention id -> cluster id of an earlier run. Mentions
    known there keep their cluster and its id; only new mentions are matched. Events are consolidated
    last: an event that is a visit, signing or figure joins the cluster of the same one's event."""
    previous = previous or {}
    articles = frames["articles"]
    published = dict(zip(articles["article_id"], articles["published_date"]))
    reprints: dict[str, list] = {}  # original's article id -> its reprints' publication dates
    if "reprint_of" in articles.columns:
        for aid, of in zip(articles["article_id"], articles["reprint_of"]):
            if isinstance(of, str):
                reprints.setdefault(of, []).append(published.get(aid))
    out: dict[str, pd.DataFrame] = {}
    cluster_of: dict[str, dict[str, str]] = {}  # table -> mention id -> cluster id
    for name, target in CONSOLIDATED.items():
        df = frames[name]
        id_col, cluster_col = TABLES[name].id_column, CLUSTER_IDS[name]
        assert id_col is not None
        wanted = [c for c in df.columns if c in _NEEDED or c in COLUMNS[target]]
        part = df[wanted].astype(object)
        rows = part.where(part.notna(), None).to_dict("records")  # every missing value as None
        for r in rows:
            r["_id"] = r[id_col]
        if name == "events":
            for r in rows:
                for link, table in _LINKS:
                    r[CLUSTER_IDS[table]] = cluster_of[table].get(r[link]) if r[link] else None
                anchor = next(((link, r[CLUSTER_IDS[t]]) for link, t in _LINKS if r[CLUSTER_IDS[t]]), None)
                r["_anchor"] = anchor
        rules = RULES[name]
        mentions = [Mention(k, r["_id"], r["article_id"],
                            None if r.get("_anchor") else interval_of(r["date_start"], r["date_end"]),
                            rules.pair(r), r) for k, r in enumerate(rows)]
        clusters = cluster(mentions, rules, previous.get(name, {}), f"c{id_col[:3]}")
        ids = [""] * len(rows)
        consolidated = []
        for c in clusters:
            assert c.cluster_id is not None
            for m in c.members:
                ids[m.row] = c.cluster_id
            members = [rows[m.row] for m in c.members]
            consolidated.append(consolidated_row(COLUMNS[target], c.cluster_id, members,
                                                 [published.get(r["article_id"]) for r in members], reprints))
        cluster_of[name] = dict(zip(df[id_col], ids))
        out[name] = df.assign(**{cluster_col: ids}) if len(df) else df
        out[target] = assemble.frame(target, consolidated)
    return out


