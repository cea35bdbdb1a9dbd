"""What every visit rule shares: the visit type a text states and the row a visit becomes."""
from __future__ import annotations

from collections.abc import Iterable

from pipeline.nlp import titles
from pipeline.extract.context import date_fields, status_of
from pipeline.extract.rows import Fact, VisitRow
from pipeline.nlp.rules import cue_regex, first_cue
from pipeline.nlp.temporal import DateMention

_TYPE = cue_regex("visits", "visit_type", any_case=True)
MULTILATERAL = cue_regex("visits", "multilateral", any_case=True)
_REMOTE = cue_regex("visits", "remote", any_case=True)


def stated_type(text: str) -> str | None:
    """"state" / "official" / "working" when the text says so ("an official visit")."""
    m = _TYPE.search(text)
    return m.group(1).lower() if m else None


def visit_type(text: str, occasion: str | None, multilateral: bool = False) -> str:
    """The stated type, else multilateral_event when the occasion is a gathering of many."""
    stated = stated_type(text)
    if stated:
        return stated
    if multilateral or (occasion and MULTILATERAL.search(occasion)):
        return "multilateral_event"
    return "unspecified"


def remote(text: str) -> bool:
    """A clause of a meeting held at a distance ("by video link", "a phone call", "online"): no travel."""
    return bool(_REMOTE.search(text))


def visit_status(text: str) -> str | None:
    """occurred / planned / ongoing / cancelled for a visit clause (the `status` cues of
    pipeline/rules/visits.yaml, then the common ones); None when the clause is negated."""
    label = first_cue("visits", "status", text)
    if label == "cancelled":
        return "cancelled"
    status = status_of(text)
    return "ongoing" if label == "ongoing" and status == "occurred" else status


def visit_row(span: tuple[int, int], evidence: str, name: str | None, title: str | None, visitor: str, host: str,
              host_city: str | None, vtype: str, occasion: str | None, status: str, date: DateMention | None,
              extractor: str, anchor: int, inferred: Iterable[str] = ()) -> Fact[VisitRow]:
    """The visit as a typed row, anchored at the character offset of its trigger; `inferred`: the columns
    the rule took from elsewhere than the evidence."""
    row: VisitRow = {
        "char_start": span[0], "char_end": span[1], "evidence": evidence,
        "visitor_name": name, "visitor_title": title, "visitor_role": titles.role_of(title),
        "visitor_country": visitor, "host_country": host, "host_city": host_city,
        "visit_type": vtype, "occasion": occasion, "status": status, **date_fields(date),
        "extractor": extractor, "inferred_fields": list(inferred),
    }
    return Fact(row, anchor)
