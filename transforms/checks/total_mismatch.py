"""total-mismatch: a printed total, section or subtotal that its detail rows do not add up to.

Which columns' totals are checked, and which kinds of total, is the table shape's to say
(``TableReading.totals``): a column of rows naming several indicators has only subtotals. A
column that totals other columns row by row is ``column_total_mismatch``'s.
"""

from __future__ import annotations

from decimal import Decimal

from transforms.model import Finding, cell_address, finding
from transforms.numbers import differs, format_plain
from transforms.reading.cells import Cell, SheetContext, read_cell
from transforms.reading.columns import Column
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row, breakdowns, counted_by_parent, section_heads
from transforms.rules import RuleCode
from transforms.words import words_of

RULE = RuleCode.TOTAL_MISMATCH


def check(reading: TableReading) -> list[Finding]:
    return [
        found
        for totals in reading.totals
        for found in _check_totals(reading.ctx, reading.rows, totals.columns, totals.kinds)
    ] + _check_breakdowns(reading)


def _check_breakdowns(reading: TableReading) -> list[Finding]:
    """A detail row broken down into numbered parts ("1. Đào tạo nghề | lao động | 1499" over
    "1.1 Lớp cơ khí | lao động | 80", "1.2 ...") must be their sum, in every checked column
    where a part has a figure. In a column of rows naming several indicators, only parts in
    the parent's own unit are its breakdown ("1.1 Số lớp | lớp" under trained workers is not).
    """
    findings: list[Finding] = []
    ctx = reading.ctx
    columns = {c.index: c for totals in reading.totals for c in totals.columns}.values()
    for parent, parts in breakdowns(reading.rows):
        for column in columns:
            indicator = column.indicator.indicator
            if indicator is None and any(
                p.unit_text and words_of(p.unit_text) != words_of(parent.unit_text) for p in parts
            ):
                continue
            whole = indicator is not None and indicator.measure == "count"
            stated = read_cell(ctx, parent.index, column.index, whole=whole)
            cells = [read_cell(ctx, p.index, column.index, whole=whole) for p in parts]
            figures = [c.value for c in cells if isinstance(c, Cell)]
            added = sum(figures, Decimal(0))
            if isinstance(stated, Cell) and figures and differs(stated.value, added):
                findings.append(_mismatch(ctx, parent, column, stated, added))
    return findings


def _check_totals(
    ctx: SheetContext, rows: tuple[Row, ...], columns: tuple[Column, ...], kinds: frozenset[str]
) -> list[Finding]:
    """Compare every total (of ``kinds``) with the detail rows it sums.

    A section row sums the details under it, a total all the details above it, a subtotal
    ("Tổng số lao động được đào tạo" under rows of trained workers) the details since the
    previous section, total or subtotal. A total written above its details (the first body
    row) sums all of them. A total is compared only with details there are: with none, "they
    add up to 0" would be no check at all.
    """
    if not any(("section" if row.heads_section else row.kind) in kinds for row in rows):
        return []  # no row is a total of the kinds checked: no detail needs reading
    findings: list[Finding] = []
    heads = section_heads(rows)
    # the readings of cells the shape read already (a long list's every line): looked up
    # here, ``read_cell`` called only for the others (a blank's None is read again, cheaply)
    known = ctx.cells_read.get
    for column in columns:
        indicator = column.indicator.indicator
        whole = indicator is not None and indicator.measure == "count"
        section: tuple[Row, Decimal, int] | None = None  # the open section, its sum and rows
        grand, grand_rows = Decimal(0), 0
        run, run_rows = Decimal(0), 0  # the details since the last section, total or subtotal
        leading: Row | None = None  # a total above every detail row
        checks: list[tuple[Row, Decimal, *tuple[Decimal, ...]]] = []
        for row in rows:
            if row.kind == "section" or row.heads_section:
                if section is not None and section[2]:
                    checks.append((section[0], section[1]))
                section = (row, Decimal(0), 0)
                run, run_rows = Decimal(0), 0
            if row.kind == "detail" and row.aside != "comparison":
                cell = known((row.index, column.index, whole)) or read_cell(
                    ctx, row.index, column.index, whole=whole
                )
                amount = cell.value if isinstance(cell, Cell) else Decimal(0)
                if section is not None and not row.heads_section:
                    section = (section[0], section[1] + amount, section[2] + 1)
                head = heads.get(row.index)
                if head is not None and counted_by_parent(ctx.sheet, row, head)(column):
                    continue  # the section row's own figure holds it
                grand, grand_rows = grand + amount, grand_rows + 1
                run, run_rows = run + amount, run_rows + 1
            elif row.kind == "total":
                if grand_rows:
                    # "Cộng" under a section's details may be that section's subtotal: either
                    # reading reconciles it ("Cộng mục II" is not the sum of I and II)
                    checks.append((row, grand, *((run,) if run_rows else ())))
                else:
                    leading = leading or row
                run, run_rows = Decimal(0), 0
            elif row.kind == "subtotal":
                if run_rows:
                    checks.append((row, run))
                run, run_rows = Decimal(0), 0
        if section is not None and section[2]:
            checks.append((section[0], section[1]))
        if leading is not None and grand_rows:
            checks.append((leading, grand))
        for row, expected, *alternatives in checks:
            if ("section" if row.heads_section else row.kind) not in kinds:
                continue
            stated = read_cell(ctx, row.index, column.index, whole=whole)
            if isinstance(stated, Cell) and all(
                differs(stated.value, sum_) for sum_ in (expected, *alternatives)
            ):
                findings.append(_mismatch(ctx, row, column, stated, expected))
    return findings


def _mismatch(ctx: SheetContext, row: Row, column: Column, stated: Cell, added: Decimal) -> Finding:
    """The finding at a total's cell: what it prints and what its details add up to."""
    return finding(
        RULE,
        sheet=ctx.sheet.name,
        cell=cell_address(row.index, column.index),
        value=stated.raw,
        expected=format_plain(added),  # "2100", never "2.1E+3"
    )
