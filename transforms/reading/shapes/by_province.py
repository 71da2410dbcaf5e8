"""The by-province shape (regional compilations): each row is one province's report, each
column an indicator. A table has it when one of its columns names a province per row
(``transforms.reading.columns.settle_province_column``)."""

from __future__ import annotations

from dataclasses import replace

from transforms.model import Fact, Finding, Sheet, cell_address
from transforms.reading.cells import SheetContext, cell_fact, collect
from transforms.reading.columns import is_current
from transforms.reading.identity import (
    former_province_findings,
    listed_twice,
    resolve_province_label,
    unknown_province,
)
from transforms.reading.labels import names_region, strip_numbering
from transforms.reading.readings import TableReading, TotalsToCheck
from transforms.reading.rows import Row, blank_in, classify_rows
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table


def read(ctx: SheetContext) -> tuple[list[Fact], list[Finding], TableReading]:
    """Facts of a regional compilation, and the table as read, for its checks."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    columns = tuple(
        c
        for c in ctx.table.columns_of("value")
        if c.indicator.indicator and is_current(c, ctx.period)
    )
    province_col = ctx.table.first_of("province")
    assert province_col is not None
    rows = _regions_as_sections(classify_rows(ctx.sheet, ctx.table), ctx)
    listed: dict[str, str] = {}  # province code -> the cell of the row that reports it
    for row in rows:
        if row.kind != "detail":
            continue
        address = cell_address(row.index, province_col.index)
        match = resolve_province_label(strip_numbering(row.label), ctx.period.end)
        if match is None and names_region(row.label):
            continue  # "Vùng Tây Nguyên": a region's subtotal row, a check like a total
        if match is None and blank_in(ctx.sheet, row, ctx.table.columns_of("value")):
            continue  # "(Số liệu Cao Bằng là số ước ...)": a note between the rows, no number
        if match is None:
            findings.append(unknown_province(ctx.sheet.name, address, row.label))
            continue
        if match.unit.code in listed:
            findings.append(
                listed_twice(ctx.sheet.name, address, row.label, match, listed[match.unit.code])
            )
            continue
        listed[match.unit.code] = address
        findings += former_province_findings(match, ctx.period, address)
        for column in columns:
            indicator = column.indicator.indicator
            assert indicator is not None
            collect(cell_fact(ctx, match, indicator, row, column), facts, findings)
    details = tuple(r for r in rows if r.kind == "detail")
    reading = TableReading(ctx, rows, details, (TotalsToCheck(columns),), indicator_columns=columns)
    return facts, findings, reading


def _regions_as_sections(rows: tuple[Row, ...], ctx: SheetContext) -> tuple[Row, ...]:
    """A region's row ("Vùng Đông Bắc") carries the sum of the provinces under it, numbered
    with a Roman numeral or not: under "Cả nước" it is one of the parts the national total adds,
    and its provinces are its breakdown, never added to the national total a second time."""
    return tuple(
        replace(row, heads_section=True)
        if row.kind == "detail"
        and names_region(row.label)
        and resolve_province_label(strip_numbering(row.label), ctx.period.end) is None
        else row
        for row in rows
    )


def _has_province_column(sheet: Sheet, table: Table) -> bool:
    return table.first_of("province") is not None


SHAPE: Shape = Shape(
    name="by_province", matches=_has_province_column, rows_are_provinces=True, read=read
)
