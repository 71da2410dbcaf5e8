"""A digit grouping that the file's own totals settle.

"1.520" in a column where nothing else shows the clerk's convention is either one thousand
five hundred and twenty or one and a half: ``transforms.numbers`` never guesses it. But when
that cell is a printed total whose parts are in the file ("Tổng kinh phí | 1.520" over
"KCQG | 600" and "KCĐP | 920"), only one reading of the table makes its totals reconcile. The
table is then read with that convention, as the reading in which every printed total of the
file holds: nothing is guessed, the file's own arithmetic decides. When both readings
reconcile (the cell is in no total) or neither does, the cell stays ambiguous and is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from transforms.model import CellOutcome, Fact, Finding
from transforms.numbers import AMBIGUOUS_GROUPING, ENGLISH, VIETNAMESE
from transforms.reading.cells import SheetContext
from transforms.rules import RuleCode


@dataclass(frozen=True)
class CheckedTable:
    """A table's facts and findings (its checks' included), whether its totals hold, and what
    became of each of its numbers (``transforms.reading.accounting``)."""

    facts: list[Fact]
    findings: list[Finding]
    reconciled: bool
    cells: tuple[CellOutcome, ...] = ()


def settled(ctx: SheetContext, read: Callable[[SheetContext], CheckedTable]) -> CheckedTable:
    """``read(ctx)``, or, when a digit grouping is left open and exactly one convention for
    the table's unsettled columns makes its totals hold, the table read with that one."""
    first = read(ctx)
    if not any(_ambiguous(found) for found in first.findings):
        return first
    unsettled = [column for column, convention in ctx.conventions.items() if convention is None]
    reconciled = [
        trial
        for convention in (VIETNAMESE, ENGLISH)
        if (
            trial := read(
                replace(
                    ctx, conventions={**ctx.conventions, **dict.fromkeys(unsettled, convention)}
                )
            )
        ).reconciled
    ]
    return reconciled[0] if len(reconciled) == 1 else first


def _ambiguous(found: Finding) -> bool:
    return found.rule == RuleCode.UNPARSEABLE_NUMBER and ("reason", AMBIGUOUS_GROUPING) in (
        found.params
    )
