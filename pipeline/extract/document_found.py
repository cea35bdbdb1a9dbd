"""A document row while the article is read (`Found`), and the visit rows that date documents (`Visit`)."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, cast

from pipeline.extract.rows import DocumentRow

Visit = Mapping[str, Any]  # a visit row (its published columns): documents signed during a visit take its dates


@dataclasses.dataclass(frozen=True)
class Found:
    """A document row while the article is read: the row, where it was stated (`anchor`), whether it is a set
    of instruments of unknown size, and the anchor of the package row that lists it, if any."""

    row: DocumentRow
    anchor: int
    is_set: bool = False
    member_of: int | None = None

    def with_columns(self, **columns: Any) -> Found:
        return dataclasses.replace(self, row=cast(DocumentRow, {**self.row, **columns}))
