"""money-column-not-read: a column of money of the period that no indicator takes."""

from __future__ import annotations

from transforms.model import Finding, column_letter, finding
from transforms.reading.cells import SheetContext
from transforms.reading.columns import Column, in_indicator_group, names_money
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row
from transforms.rules import RuleCode

RULE = RuleCode.MONEY_COLUMN_NOT_READ


def check(reading: TableReading) -> list[Finding]:
    if not reading.rows_name_indicators:
        return []
    return _unread_money_columns(
        reading.ctx,
        list(reading.unnamed_columns),
        [*reading.actual_columns, *reading.read_columns],
        reading.ctx.table.columns_of("value"),
        list(reading.data_rows),
    )


def _unread_money_columns(
    ctx: SheetContext,
    plain: list[Column],
    current: list[Column],
    values: tuple[Column, ...],
    data_rows: list[Row],
) -> list[Finding]:
    """A warning for each column of money of the period that no indicator takes.

    "Kinh phí (triệu đồng)" beside "Số lượng" may be KCQG + KCĐP, or include counterpart funds:
    it is not loaded as extension funding on a guess, but the clerk is told it was not read.
    """
    unread = [
        c
        for c in plain
        if names_money(c)
        and c not in current
        and c.role in (None, "actual")
        and c.year in (None, ctx.period.year)
        and not in_indicator_group(c, values)
    ]
    return [
        finding(
            RULE,
            sheet=ctx.sheet.name,
            column=column_letter(c.index),
            label=c.label,
        )
        for c in unread
        if any(ctx.sheet.value(r.index, c.index) not in (None, "") for r in data_rows)
    ]
