"""column-total-mismatch: a column printing, on each row, the sum of other columns that they do
not add up to: "Cộng vùng" beside the provinces of a region, "Tổng giai đoạn" beside the
years, "Cả năm" beside the quarters. Which columns, and on which rows, is the table shape's to
say (``TableReading.column_totals``: a stock's year is its latest count, no sum)."""

from __future__ import annotations

from decimal import Decimal

from transforms.model import Finding, cell_address, column_letter, finding
from transforms.numbers import differs, format_plain
from transforms.reading.cells import Cell, read_cell
from transforms.reading.readings import TableReading
from transforms.rules import RuleCode

RULE = RuleCode.COLUMN_TOTAL_MISMATCH


def check(reading: TableReading) -> list[Finding]:
    findings: list[Finding] = []
    ctx = reading.ctx
    for total, parts, rows in reading.column_totals:
        named = ", ".join(f"{column_letter(p.index)} ({p.levels[-1]})" for p in parts)
        for row in rows:
            stated = read_cell(ctx, row.index, total.index, whole=False)
            cells = [read_cell(ctx, row.index, part.index, whole=False) for part in parts]
            added = sum((c.value for c in cells if isinstance(c, Cell)), Decimal(0))
            if isinstance(stated, Cell) and differs(stated.value, added):
                findings.append(
                    finding(
                        RULE,
                        sheet=ctx.sheet.name,
                        cell=cell_address(row.index, total.index),
                        value=stated.raw,
                        expected=format_plain(added),
                        columns=named,
                    )
                )
    return findings
