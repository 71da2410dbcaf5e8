"""row-not-read: a row with a figure of the period that names no indicator.

Every number of a read table ends as a fact, a checked total, a part of a fact, a row the
schemas know is no indicator, or this warning.
"""

from __future__ import annotations

from transforms.model import Finding, cell_address, finding
from transforms.reading.cells import SheetContext, read_cell
from transforms.reading.columns import Column
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row
from transforms.rules import RuleCode
from transforms.words import contains_phrase, phrase_list, words_of

RULE = RuleCode.ROW_NOT_READ


def check(reading: TableReading) -> list[Finding]:
    if not reading.actual_columns:
        return []
    actual = reading.actual_columns[0]
    return [found for row in reading.unread_rows for found in _unread_row(reading.ctx, row, actual)]


def _unread_row(ctx: SheetContext, row: Row, column: Column) -> list[Finding]:
    """A warning for a row with a figure of the period that names no indicator, unless the
    schemas know it as a row the programme reports beside its indicators (workshops, study
    tours, counterpart funds...): every number of a read table is accounted for."""
    value = ctx.sheet.value(row.index, column.index)
    if value in (None, "") or isinstance(read_cell(ctx, row.index, column.index, False), Finding):
        return []
    if any(contains_phrase(words_of(row.label), p) for p in phrase_list("not_indicator_rows")):
        return []
    return [
        finding(
            RULE,
            sheet=ctx.sheet.name,
            cell=cell_address(row.index, column.index),
            value=value,
            label=row.label,
        )
    ]
