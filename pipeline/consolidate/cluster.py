"""Group mentions into clusters, one per fact: new mentions join the best compatible cluster of their block."""
from __future__ import annotations

import hashlib
import itertools
from collections import defaultdict

from pipeline.consolidate.match import Cluster, Mention, Rules, years


def cluster(mentions: list[Mention], rules: Rules, previous: dict[str, str], prefix: str) -> list[Cluster]:
    """Clusters of `mentions`. Mentions whose id is in `previous` (mention id -> cluster id of an earlier
    run) stay in that cluster, under its id, and are not compared again; the others, the most precisely
    dated first, join the best-scoring compatible cluster in their blocks (same pair, a year their date
    covers; a mention without a date looks at every cluster of its pair) that has no mention of their
    article yet, or start a new one. Cost: each new mention against the clusters of its block."""
    clusters: list[Cluster] = []
    # block -> its clusters by id(), in the order they were made (so that ties go to the oldest)
    by_block: dict[tuple, dict[int, Cluster]] = defaultdict(dict)
    by_pair: dict[tuple, dict[int, Cluster]] = defaultdict(dict)

    def index(c: Cluster, m: Mention) -> None:
        for y in years(m.interval):
            by_block[(m.pair, y)].setdefault(id(c), c)
        by_pair[m.pair].setdefault(id(c), c)

    known: dict[str, Cluster] = {}
    new: list[Mention] = []
    for m in mentions:
        cid = previous.get(m.mention_id)
        if cid is None:
            new.append(m)
            continue
        if cid not in known:
            known[cid] = Cluster(cid)
            clusters.append(known[cid])
        known[cid].add(m)
        index(known[cid], m)
    new.sort(key=_precision_order)
    for m in new:
        if m.interval is None:
            candidates = list(by_pair.get(m.pair, {}).values())
        else:
            candidates = list({k: c for y in [*years(m.interval), None]
                               for k, c in by_block.get((m.pair, y), {}).items()}.values())
        best, best_key = None, None
        for c in candidates:
            if m.article_id in c.articles:
                continue  # one article's mentions of one fact are already one row
            score = rules.score(m, c)
            if score is None:
                continue
            key = (score, len(c.members))
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is None:
            best = Cluster(None)
            clusters.append(best)
        best.add(m)
        index(best, m)
    _name(clusters, prefix)
    return clusters


def _precision_order(m: Mention) -> tuple:
    if m.interval is None:
        return (1, 0, "", m.mention_id)
    return (0, (m.interval[1] - m.interval[0]).days, m.interval[0].isoformat(), m.mention_id)


def _name(clusters: list[Cluster], prefix: str) -> None:
    """A new cluster is named after the mention that started it; the names of earlier runs are kept."""
    taken = {c.cluster_id for c in clusters if c.cluster_id}
    for c in clusters:
        if c.cluster_id:
            continue
        seed = c.members[0].mention_id
        for n in itertools.count():  # another cluster may hold the name (its first mention left, came back)
            cid = f"{prefix}_{hashlib.sha256((f'{seed}#{n}' if n else seed).encode()).hexdigest()[:16]}"
            if cid not in taken:
                break
        c.cluster_id = cid
        taken.add(cid)
