"""ambiguous-actual-column: several columns of a table could be the period's actuals.

The shape stops reading the table's rows at the first one it would have to pick for
(``TableReading.stopped``): a figure is never taken from a guessed column.
"""

from __future__ import annotations

from transforms.model import Finding, finding
from transforms.reading.readings import TableReading
from transforms.rules import RuleCode

RULE = RuleCode.AMBIGUOUS_ACTUAL_COLUMN


def check(reading: TableReading) -> list[Finding]:
    if not reading.stopped:
        return []
    return [
        finding(
            RULE,
            sheet=reading.ctx.sheet.name,
            columns="; ".join(c.label for c in reading.actual_columns),
        )
    ]
