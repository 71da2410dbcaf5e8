"""no-actual-column: a table whose rows name indicators but no column holds the period's
actuals (only a plan, last year, a comparison)."""

from __future__ import annotations

from transforms.indicators import match_indicator
from transforms.model import Finding, finding
from transforms.reading.readings import TableReading
from transforms.rules import RuleCode

RULE = RuleCode.NO_ACTUAL_COLUMN


def check(reading: TableReading) -> list[Finding]:
    if (
        not reading.rows_name_indicators
        or reading.actual_columns
        or reading.indicator_columns
        or not any(match_indicator(r.label).indicator for r in reading.data_rows)
    ):
        return []
    ctx = reading.ctx
    return [
        finding(
            RULE,
            sheet=ctx.sheet.name,
            period=ctx.period.label,
            columns="; ".join(c.label for c in ctx.table.columns_of("value")),
        )
    ]
