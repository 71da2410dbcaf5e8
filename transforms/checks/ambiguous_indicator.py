"""ambiguous-indicator: a row label or a column header that names several indicators at once
("Số lớp / mô hình / cơ sở"): its figures are never added up as one, nor dropped in silence."""

from __future__ import annotations

from transforms.indicators import IndicatorMatch
from transforms.model import Finding, cell_address, finding
from transforms.reading.cells import SheetContext
from transforms.reading.columns import Column, is_current
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row
from transforms.rules import RuleCode

RULE = RuleCode.AMBIGUOUS_INDICATOR


def check(reading: TableReading) -> list[Finding]:
    ctx = reading.ctx
    # a column the shape read as the actuals was settled row by row (by_indicator's sections)
    unsettled = tuple(c for c in ctx.table.columns_of("value") if c not in reading.actual_columns)
    columns = _ambiguous_columns(ctx, unsettled, list(reading.data_rows))
    rows = [
        ambiguity(ctx, match, row.label, address) for row, match, address in reading.ambiguous_rows
    ]
    return columns + rows


def _ambiguous_columns(
    ctx: SheetContext, values: tuple[Column, ...], data_rows: list[Row]
) -> list[Finding]:
    """An error for each column of the period whose header names several indicators at once
    ("Số lớp / mô hình / cơ sở") and that holds figures: they are never added up as one, nor
    dropped in silence."""
    return [
        finding(
            RULE,
            sheet=ctx.sheet.name,
            cell=cell_address(ctx.table.header_rows[0], column.index),
            value=" / ".join(column.levels),
            label=" / ".join(column.levels),
            candidates=", ".join(column.indicator.candidates),
        )
        for column in values
        if column.indicator.ambiguous
        and is_current(column, ctx.period)
        and any(ctx.sheet.value(r.index, column.index) not in (None, "") for r in data_rows)
    ]


def ambiguity(ctx: SheetContext, match: IndicatorMatch, label: str, address: str) -> Finding:
    return finding(
        RULE,
        sheet=ctx.sheet.name,
        cell=address,
        value=label,
        label=label,
        candidates=", ".join(match.candidates),
    )
