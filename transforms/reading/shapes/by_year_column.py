"""The by-year-column shape: under a range title, rows name indicators, one column per year.

"KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN 2006-2010" over "Chỉ tiêu | ĐVT | 2006 | 2007 ... | 2010 | Tổng
giai đoạn": each year's column is the province's report of that year, so each cell is a fact of
that year. A column totalling the range ("Tổng giai đoạn", "Cộng") is a check: in every row of
a flow it must be the sum of the years (``total-mismatch`` otherwise), and is never a fact of
the range, nor of a year.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.indicators import IndicatorMatch
from transforms.model import Fact, Finding, Sheet, cell_address, column_letter, finding
from transforms.periods import year_period
from transforms.reading.cells import SheetContext, cell_fact, collect
from transforms.reading.columns import Column
from transforms.reading.labels import is_total_label
from transforms.reading.readings import ColumnTotal, TableReading
from transforms.reading.rows import Row, blank_in, classify_rows, row_indicator, set_aside
from transforms.reading.shapes.by_year_row import range_of
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table
from transforms.rules import RuleCode
from transforms.words import has_phrase, words_of

YEAR_COLUMNS = 2  # the fewest columns of a year of the range that make a table this shape


def read(ctx: SheetContext) -> tuple[list[Fact], list[Finding], TableReading]:
    """Facts of a table of one column per year, and the table as read, for its checks."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    in_range = _year_columns(ctx.table)
    years = tuple(column for column in in_range if not _is_estimate(column))
    span = range_of(ctx.table.title_lines) or ctx.period
    rows = set_aside(classify_rows(ctx.sheet, ctx.table), span)
    data_rows = _rows_of_figures(ctx, rows, years)
    label_col = ctx.table.first_of("label")
    unread: list[Row] = []
    ambiguous: list[tuple[Row, IndicatorMatch, str]] = []
    flows: list[Row] = []
    for row in data_rows:
        match = row_indicator(row)
        if match.ambiguous and blank_in(ctx.sheet, row, years):
            continue  # "6 | Đề án, làng nghề, giá trị sản xuất" over its items: no figure to tell
        if match.ambiguous:
            ambiguous.append(
                (row, match, cell_address(row.index, label_col.index if label_col else 0))
            )
            continue
        if match.indicator is None or ctx.province is None:
            unread.append(row)
            continue
        if match.indicator.kind == "flow":
            flows.append(row)  # a stock's years never add up: its range column is no total
        for column in years:
            assert column.year is not None
            of_year = replace(ctx, period=year_period(column.year))
            collect(cell_fact(of_year, ctx.province, match.indicator, row, column), facts, findings)
    findings += [_estimate_not_loaded(ctx, column) for column in in_range if column not in years]
    totals = tuple(  # an estimated year is still one of the years the range's total adds up
        ColumnTotal(column, in_range, tuple(flows))
        for column in ctx.table.columns_of("value")
        if column.year is None and column.levels and _totals_the_range(column, ctx)
    )
    reading = TableReading(
        ctx,
        rows,
        tuple(flows),
        (),
        rows_name_indicators=True,
        actual_columns=years[:1],
        unread_rows=tuple(unread),
        ambiguous_rows=tuple(ambiguous),
        column_totals=totals,
    )
    return facts, findings, reading


def _rows_of_figures(
    ctx: SheetContext, rows: tuple[Row, ...], years: tuple[Column, ...]
) -> list[Row]:
    """The rows whose figures are the years' data, as in a table of one actuals column:
    detail rows, and the of-which rows under one that are not counted in it: under a heading
    with no figures ("1 | Đào tạo nghề, truyền nghề" over "1.1 Số lao động ..."), or naming
    an indicator of their own ("- KCQG" and "- KCĐP" under "Tổng kinh phí"). A part naming
    its row's own indicator ("- Nghề mộc" under "Đào tạo nghề"), or none, is counted in it."""
    found: list[Row] = []
    above: Row | None = None
    for row in rows:
        if row.kind != "part":
            above = row
        if row.aside is not None:
            continue
        if row.kind == "detail":
            found.append(row)
        elif row.kind == "part" and above is not None and above.kind == "detail":
            named = row_indicator(row).indicator
            own = named is not None and named != row_indicator(above).indicator
            if above.aside is None and (own or blank_in(ctx.sheet, above, years)):
                found.append(row)
    return found


def _totals_the_range(column: Column, ctx: SheetContext) -> bool:
    """ "Tổng giai đoạn", "Cộng", "Cả giai đoạn", or a header naming the title's range
    ("Giai đoạn 2006-2010")."""
    leaf = column.levels[-1]
    words = words_of(leaf)
    return (
        is_total_label(leaf)
        or has_phrase(words, "range_total_columns")
        or range_of((leaf,)) == range_of(ctx.table.title_lines)
    )


def _is_estimate(column: Column) -> bool:
    """ "Ước TH năm 2025" beside the actuals of 2021-2024: the year is not over, and its final
    figures come in its own report later (``layout.yaml`` ``estimate_columns``)."""
    return any(has_phrase(words_of(level), "estimate_columns") for level in column.levels)


def _estimate_not_loaded(ctx: SheetContext, column: Column) -> Finding:
    """Said at the column's header, so its figures are accounted as this finding's."""
    return finding(
        RuleCode.ESTIMATE_NOT_LOADED,
        sheet=ctx.sheet.name,
        cell=cell_address(ctx.table.header_rows[-1], column.index),
        column=column_letter(column.index),
        header=column.levels[-1],
        year=column.year,
    )


def _year_columns(table: Table) -> tuple[Column, ...]:
    """The value columns of one year of the title's range, actuals or unqualified."""
    span = range_of(table.title_lines)
    if span is None:
        return ()
    return tuple(
        c
        for c in table.columns_of("value")
        if c.year is not None
        and span.start.year <= c.year <= span.end.year
        and c.role in (None, "actual")
        and c.indicator.indicator is None
    )


def _has_year_columns(sheet: Sheet, table: Table) -> bool:
    """Two columns or more, each of its own year: two columns of one year (plan and actuals
    of 2008) say nothing of which is the report's."""
    years = [column.year for column in _year_columns(table)]
    return len(set(years)) >= YEAR_COLUMNS and len(set(years)) == len(years)


SHAPE: Shape = Shape(
    name="by_year_column", matches=_has_year_columns, rows_are_provinces=False, read=read
)
