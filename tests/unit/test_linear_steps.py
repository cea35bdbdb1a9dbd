"""Steps that once compared every item with every other, now indexed: they must decide exactly what the
pairwise comparison decides (checked against it on random inputs). How the cost grows with the text is
measured by benchmarks/long_text.py, not timed here."""
import datetime as dt
import random

from pipeline.extract import event_occurrences
from pipeline.nlp import temporal
from pipeline.nlp.date_interval import DateMention

DAY = dt.date(2019, 1, 1)


def _event(rng: random.Random) -> dict:
    start = DAY + dt.timedelta(days=rng.randrange(60))
    end = start + dt.timedelta(days=rng.choice([0, 0, 1, 5, 30, 364]))
    dated = rng.random() > 0.1
    return {"event_type": rng.choice(["meeting", "agreement", "other"]), "countries": rng.choice([["GHA", "KEN"], ["KEN"]]),
            "date_start": start if dated else None, "date_end": end if dated else None}


def _restated_pairwise(r: dict, rows: list[dict]) -> bool:
    start, end = r["date_start"], r["date_end"]
    if start is None or end is None or r["event_type"] == "other":
        return False
    return any(o["event_type"] == r["event_type"] and o["countries"] == r["countries"]
               and o["date_start"] is not None and o["date_end"] is not None
               and start <= o["date_start"] and o["date_end"] <= end
               and (o["date_start"], o["date_end"]) != (start, end) for o in rows)


def test_restated_precisely_decides_as_the_pairwise_comparison():
    rng = random.Random(7)
    for _ in range(200):
        rows = [_event(rng) for _ in range(rng.randrange(1, 25))]
        precise = event_occurrences._PreciseDates(rows)
        assert [precise.restates(r) for r in rows] == [_restated_pairwise(r, rows) for r in rows]


def _mention(s: int, e: int) -> DateMention:
    return DateMention(s, e, "x" * (e - s), DAY, DAY, "day", "explicit")


def _kept_pairwise(found: list) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for s, _, _, dm in sorted(found, key=lambda t: (t[1], t[2], t[0])):
        if not any(s < te and ts < dm.end for ts, te in taken):
            taken.append((s, dm.end))
    return sorted(taken)


def test_overlapping_dates_are_resolved_as_the_pairwise_comparison():
    rng = random.Random(11)
    for _ in range(300):
        found = []
        for _ in range(rng.randrange(1, 30)):
            s = rng.randrange(100)
            e = s + rng.randrange(1, 15)
            found.append((s, -(e - s), rng.randrange(4), _mention(s, e)))
        kept = [(d.start, d.end) for d in temporal._without_overlaps(found)]
        assert kept == _kept_pairwise(found)
