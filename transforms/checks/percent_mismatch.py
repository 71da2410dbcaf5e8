"""percent-mismatch: a stated percentage (So sánh %, TH/KH %) its row's own values contradict.

Percentages are never loaded (the marts recompute rates from values), so a stated one that
disagrees is a warning for the province, like the source document's 36.8 % growth.
"""

from __future__ import annotations

from decimal import Decimal

from transforms.model import Finding, cell_address, finding
from transforms.periods import Period
from transforms.reading.cells import Cell, SheetContext, read_cell
from transforms.reading.columns import Column
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row, row_indicator
from transforms.rules import RuleCode
from transforms.words import has_phrase, words_of

RULE = RuleCode.PERCENT_MISMATCH


def check(reading: TableReading) -> list[Finding]:
    """Only a table whose rows name indicators and whose actuals are one column states them."""
    if not reading.rows_name_indicators or len(reading.actual_columns) != 1:
        return []
    values = reading.ctx.table.columns_of("value")
    now = _compared(reading.actual_columns[0], values, reading.ctx.period)
    return _check_stated_percentages(reading.ctx, list(reading.data_rows), now, values)


def _compared(actual: Column, values: tuple[Column, ...], period: Period) -> Column:
    """The column a comparison compares with its base: the actuals; in a range's table of one
    column per year ("Năm 2008 | Năm 2009 | So sánh 2009/2008 (%)"), its last year's."""
    if period.kind != "multi_year":
        return actual
    last = [c for c in values if c.role in (None, "actual") and c.year == period.year]
    return last[0] if len(last) == 1 else actual


PERCENT_TOLERANCE = Decimal("1")  # percentage points: sources round to whole or tenth percents


def _comparison_base(column: Column, values: tuple[Column, ...], period: Period) -> Column | None:
    """What a comparison column compares the actuals with: the plan (TH/KH) or last year."""
    words = words_of(column.label)
    if has_phrase(words, "plan_comparisons"):
        wanted = [c for c in values if c.role == "plan" and c.year in (None, period.year)]
    else:
        wanted = [
            c
            for c in values
            if c.role == "previous" or (c.role in (None, "actual") and c.year == period.year - 1)
        ]
    return wanted[0] if len(wanted) == 1 else None


def _check_stated_percentages(
    ctx: SheetContext, rows: list[Row], actual: Column, values: tuple[Column, ...]
) -> list[Finding]:
    """A stated percentage (So sánh %, TH/KH %) must agree with the one its values give.

    Percentages are never loaded (they are recomputed from values in the marts), so a stated
    one that disagrees is a warning for the province, like the source document's 36.8 % growth.
    """
    findings = []
    for column in (c for c in values if c.role == "comparison"):
        base = _comparison_base(column, values, ctx.period)
        if base is None:
            continue
        for row in rows:
            if row_indicator(row).indicator is None:
                continue
            # the stated percentage first, then its base: a row without either is not read on
            stated_cell = read_cell(ctx, row.index, column.index, whole=False)
            if not isinstance(stated_cell, Cell):
                continue
            before_cell = read_cell(ctx, row.index, base.index, whole=False)
            if not isinstance(before_cell, Cell) or before_cell.value <= 0:
                continue
            now_cell = read_cell(ctx, row.index, actual.index, whole=False)
            if not isinstance(now_cell, Cell):
                continue
            now, before, stated = now_cell.value, before_cell.value, stated_cell.value
            recomputed = now / before * 100
            as_percent = stated * 100 if stated < 10 < recomputed else stated
            if abs(as_percent - recomputed) > PERCENT_TOLERANCE:
                findings.append(
                    finding(
                        RULE,
                        sheet=ctx.sheet.name,
                        cell=cell_address(row.index, column.index),
                        value=stated_cell.raw,
                        expected=f"{recomputed:.1f}",
                    )
                )
    return findings
