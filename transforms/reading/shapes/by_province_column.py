"""The by-province-column shape: rows name indicators, each column is one province's report.

A regional office's table "Chỉ tiêu | ĐVT | Hà Giang | Cao Bằng | Lào Cai | Cộng vùng": each
cell is a province's figure of the indicator its row names, for the period of the title. A
column of totals ("Cộng vùng", "Tổng số") is a check: in every row it must be the sum of the
provinces' columns (``total-mismatch`` otherwise), and it is never a fact. The province names
are never taken as indicator labels, and no reporting province is needed from the title.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.indicators import IndicatorMatch
from transforms.model import Fact, Finding, Sheet, cell_address
from transforms.provinces import ProvinceMatch
from transforms.reading.cells import SheetContext, cell_fact, collect
from transforms.reading.columns import ANY_TIME, Column, is_current
from transforms.reading.identity import (
    former_province_findings,
    listed_twice,
    resolve_province_label,
)
from transforms.reading.labels import is_total_label
from transforms.reading.readings import ColumnTotal, TableReading, TotalsToCheck
from transforms.reading.rows import Row, classify_rows, row_indicator, set_aside
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table

PROVINCE_COLUMNS = 2  # the fewest columns naming provinces that make a table this shape


def _split_parts(rows: tuple[Row, ...]) -> list[Row]:
    """Part rows naming another indicator than their row ("Tổng kinh phí" over "- Kinh phí
    KCQG", "- Kinh phí KCĐP"): the split of its figure, facts of their own (checked against it
    by funding-split-mismatch). A part naming the same indicator, or none, is its breakdown."""
    parts: list[Row] = []
    parent: Row | None = None
    for row in rows:
        if row.kind == "detail":
            parent = row
        elif row.kind != "part":
            parent = None
        elif parent is not None and row.aside is None:
            named = row_indicator(row).indicator
            if named is not None and named != row_indicator(parent).indicator:
                parts.append(row)
    return parts


def read(ctx: SheetContext) -> tuple[list[Fact], list[Finding], TableReading]:
    """Facts of a table whose columns are provinces, and the table as read, for its checks."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    provinces: list[tuple[ProvinceMatch, Column]] = []
    listed: dict[str, str] = {}  # province code -> the header cell that names it
    for column, name in _province_columns(ctx.table):
        match = resolve_province_label(name, ctx.period.end)
        as_value = replace(column, kind="value", role=column.role or "actual")
        if match is None or not is_current(as_value, ctx.period):
            continue  # a plan or last year's column of a province: not the period's actuals
        address = cell_address(ctx.table.header_rows[-1], column.index)
        if match.unit.code in listed:
            findings.append(
                listed_twice(ctx.sheet.name, address, name, match, listed[match.unit.code])
            )
            continue
        listed[match.unit.code] = address
        findings += former_province_findings(match, ctx.period, address)
        provinces.append((match, as_value))
    rows = set_aside(classify_rows(ctx.sheet, ctx.table), ctx.period)
    data_rows = [r for r in rows if r.kind == "detail" and r.aside is None] + _split_parts(rows)
    label_col = ctx.table.first_of("label")
    unread: list[Row] = []
    ambiguous: list[tuple[Row, IndicatorMatch, str]] = []
    for row in data_rows:
        named = row_indicator(row)
        if named.ambiguous:
            address = cell_address(row.index, label_col.index if label_col else 0)
            ambiguous.append((row, named, address))
        elif named.indicator is None:
            unread.append(row)
        else:
            for province, column in provinces:
                collect(cell_fact(ctx, province, named.indicator, row, column), facts, findings)
    columns = tuple(column for _, column in provinces)
    totals = tuple(
        ColumnTotal(column, columns, tuple(data_rows))
        for column in ctx.table.columns_of("value")
        if column.levels and is_total_label(column.levels[-1])
    )
    reading = TableReading(
        ctx,
        rows,
        tuple(data_rows),
        (TotalsToCheck(columns, frozenset({"subtotal"})),),  # its rows name several indicators
        rows_name_indicators=True,
        actual_columns=columns[:1],
        unread_rows=tuple(unread),
        ambiguous_rows=tuple(ambiguous),
        column_totals=totals,
    )
    return facts, findings, reading


def _province_columns(table: Table) -> list[tuple[Column, str]]:
    """The columns whose header names a province (its lowest level that does), and that name."""
    found = []
    for column in table.columns:
        if column.kind in ("sequence", "label", "unit"):
            continue
        named = (lv for lv in reversed(column.levels) if resolve_province_label(lv, ANY_TIME))
        if (name := next(named, None)) is not None:
            found.append((column, name))
    return found


def _has_province_columns(sheet: Sheet, table: Table) -> bool:
    return table.first_of("label") is not None and len(_province_columns(table)) >= PROVINCE_COLUMNS


# a table whose columns are provinces names no reporting province: only the period is needed
SHAPE: Shape = Shape(
    name="by_province_column", matches=_has_province_columns, rows_are_provinces=True, read=read
)
