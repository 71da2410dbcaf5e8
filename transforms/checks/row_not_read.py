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
    return [unread_finding(reading, row, column, RULE) for row, column in unread_figures(reading)]


def unread_finding(
    reading: TableReading, row: Row, column: Column, rule: RuleCode, **params: str
) -> Finding:
    """A finding at an unread row's figure, naming its label (and ``params`` of the rule)."""
    return finding(
        rule,
        sheet=reading.ctx.sheet.name,
        cell=cell_address(row.index, column.index),
        value=reading.ctx.sheet.value(row.index, column.index),
        label=row.label,
        **params,
    )


def unread_figures(reading: TableReading) -> list[tuple[Row, Column]]:
    """The rows with a figure of the period that name no indicator, with the column of their
    figure, leaving out the rows the schemas know as ones the programme reports beside its
    indicators (workshops, study tours, counterpart funds...): every number of a read table
    is accounted for."""
    if not reading.actual_columns:
        return []
    column = reading.actual_columns[0]
    return [(row, column) for row in reading.unread_rows if _has_figure(reading.ctx, row, column)]


def _has_figure(ctx: SheetContext, row: Row, column: Column) -> bool:
    value = ctx.sheet.value(row.index, column.index)
    if value in (None, "") or isinstance(read_cell(ctx, row.index, column.index, False), Finding):
        return False
    return not any(
        contains_phrase(words_of(row.label), p) for p in phrase_list("not_indicator_rows")
    )
