"""A project list's money lines, kept as one running sum per column rather than one fact each.

A project list (an annex, see ``workbook.read_project_list``) holds a line per đề án, and its
money ("Tổng số | KCQG | KCĐP") reaches nothing the reading returns: the lines only feed
checks that add them up (the funding split, the comparison with the summary) and the
accounting, which says of each line's cell that it is a part of the summary's figures. A
20,000-row list made 60,000 ``Fact``s for that, which the checks then summed again. Here each
money column naming an indicator keeps its first line as a real fact, at its place among the
table's facts, whose value becomes the column's sum; every other line is read exactly as
before (``cells.money_value``: its cell, its unit, the limit) and only adds its value, in row
order, and its cell to the lines the accounting names. A line holding a plain number, in a
unit its row and column settle, is read by ``cells.money_line``, which gives what ``money_value``
would without asking the row's unit again for each of its money cells.

Nothing else changes: a line whose cell holds no plain number (text, an Excel error, a merged
figure, a blank), or whose unit is missing or in conflict, gives the same finding or nothing,
as it did; counts stay one fact a line (an annex's counts may stand for the report, see
``projects.counted_in_annex``); and the checks see the same sums. Exact: the sum is Decimal
arithmetic over the very values the facts held, in the order they would have been added (the
first line's from zero, as the checks add), so a check adding this fact adds the same number.
Only where a list's lines would need more than the Decimal context's 28 significant digits
(amounts fifteen orders of magnitude apart) could the rounding of the last digit differ.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from transforms.indicators import Indicator
from transforms.model import Fact, Finding
from transforms.reading.cells import (
    SheetContext,
    cell_fact,
    collect,
    column_money_unit,
    money_line,
    money_value,
    row_money_unit,
)
from transforms.reading.columns import Column
from transforms.reading.rows import Row
from transforms.units import Unit


class AnnexLines:
    """The money lines of one table read as a project list's, by column (``ctx.annex``); for
    any other table, every line is a fact as usual."""

    def __init__(self, ctx: SheetContext) -> None:
        self._ctx = ctx
        self._first: dict[int, int] = {}  # column -> the index of its first line's fact
        self._sums: dict[int, Decimal] = {}  # column -> the sum of its lines' values
        # (row, column) -> indicator of every line but the first: the cells a fact stood for
        self.cells: dict[tuple[int, int], str] = {}
        # each money column's unit for rows stating none, and the unit the last row read
        # states itself: a line's unit told without asking again for each of its cells
        self._units: dict[int, Unit | None] = {}
        self._row: Row | None = None
        self._own: Unit | str | None = None

    def read(
        self,
        indicator: Indicator,
        row: Row,
        column: Column,
        facts: list[Fact],
        findings: list[Finding],
    ) -> None:
        """The figure of ``row`` in ``column``, naming ``indicator``: a fact or a finding in
        ``facts`` or ``findings``, or a line added to its column's sum."""
        ctx = self._ctx
        if column.index not in self._first:  # not a money column of an annex, or no fact yet
            assert ctx.province is not None
            outcome = cell_fact(ctx, ctx.province, indicator, row, column)
            collect(outcome, facts, findings)
            if ctx.annex and indicator.measure == "money" and isinstance(outcome, Fact):
                self._first[column.index] = len(facts) - 1
                self._sums[column.index] = Decimal(0) + outcome.value
                self._units[column.index] = column_money_unit(ctx, indicator, column)
            return
        if row is not self._row:  # the row's own unit, once for its money columns
            self._row, self._own = row, row_money_unit(row)
        own = self._own
        unit = own or self._units[column.index] if not isinstance(own, str) else None
        plain = money_line(ctx, row.index, column.index, unit) if unit is not None else None
        if plain is not None:  # most lines: a plain number in a known unit
            self._sums[column.index] += plain
            self.cells[(row.index, column.index)] = indicator.code
            return
        value = money_value(ctx, indicator, row, column)
        if isinstance(value, Finding):
            findings.append(value)
        elif value is not None:
            self._sums[column.index] += value
            self.cells[(row.index, column.index)] = indicator.code

    def summed(self, facts: list[Fact]) -> list[Fact]:
        """``facts`` with each column's first line holding the sum of all its lines."""
        summed = list(facts)
        for column, index in self._first.items():
            summed[index] = replace(facts[index], value=self._sums[column])
        return summed
