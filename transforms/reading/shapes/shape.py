"""What a table shape is: which tables it reads, and how it turns one into facts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from transforms.model import Fact, Finding, Sheet
from transforms.periods import Period
from transforms.reading.cells import SheetContext
from transforms.reading.readings import TableReading
from transforms.reading.tables import Table


@dataclass(frozen=True)
class Shape:
    name: str  # as ``SheetOutcome.layout`` and ``khuyencong inspect`` show it
    matches: Callable[[Sheet, Table], bool]  # the table's body may settle it
    # a table whose rows are provinces names no reporting province: only the period is needed
    rows_are_provinces: bool
    read: Callable[[SheetContext], tuple[list[Fact], list[Finding], TableReading]]
    # the period a table's body states, for a table whose title states none (its rows do)
    period_of: Callable[[Sheet, Table], Period | None] | None = None
