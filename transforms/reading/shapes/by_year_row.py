"""The by-year-row shape: under a range title, one row per year, columns naming indicators.

"KẾT QUẢ KHUYẾN CÔNG GIAI ĐOẠN 2006-2010" over "Năm | Số lao động được đào tạo | Số đề án |
Kinh phí" and the rows 2006, 2007 ... 2010, Cộng: each row is the province's report of its year,
so each cell is a fact of that year, never of the whole range. The "Cộng" row is a check: it
must be the sum of the years of every flow (``total-mismatch`` otherwise), and is never a fact.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.model import CellValue, Fact, Finding, Sheet
from transforms.periods import Period, parse_period, year_period
from transforms.reading.cells import SheetContext, cell_fact, collect
from transforms.reading.labels import is_total_label
from transforms.reading.readings import TableReading, TotalsToCheck
from transforms.reading.rows import Row
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table
from transforms.reading.values import text_of

YEAR_ROWS = 2  # the fewest rows naming a year of the range that make a table this shape


def read(ctx: SheetContext) -> tuple[list[Fact], list[Finding], TableReading]:
    """Facts of a table of one row per year, and the table as read, for its checks."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    span = range_of(ctx.table.title_lines) or ctx.period
    rows = _year_rows(ctx, span)
    columns = tuple(
        c
        for c in ctx.table.columns_of("value")
        if c.indicator.indicator is not None and c.role in (None, "actual") and c.year is None
    )
    if ctx.province is not None:
        for row in rows:
            if row.kind != "detail":
                continue
            of_year = replace(ctx, period=year_period(int(row.label)))
            for column in columns:
                indicator = column.indicator.indicator
                assert indicator is not None
                collect(cell_fact(of_year, ctx.province, indicator, row, column), facts, findings)
    flows = tuple(
        c for c in columns if c.indicator.indicator and c.indicator.indicator.kind == "flow"
    )
    details = tuple(r for r in rows if r.kind == "detail")
    reading = TableReading(
        ctx,
        rows,
        details,
        (TotalsToCheck(flows, frozenset({"total"})),),  # a stock's years never add up
        indicator_columns=columns,
        label_columns=_labels_at(ctx, span),
    )
    return facts, findings, reading


def range_of(title_lines: tuple[str, ...]) -> Period | None:
    """The range of years a title names ("GIAI ĐOẠN 2006-2010"), or None."""
    stated = (parse_period(line) for line in title_lines)
    return next((p for p in stated if p is not None and p.kind == "multi_year"), None)


def year_in(value: CellValue, span: Period) -> int | None:
    """The year of the range a cell names: 2006 typed as a number, "2006" or "Năm 2006"."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        year = int(value)
    else:
        stated = parse_period(text_of(value)) if text_of(value) else None
        year = stated.start.year if stated is not None and stated.kind == "year" else 0
    return year if span.start.year <= year <= span.end.year else None


def _labels_at(ctx: SheetContext, span: Period) -> tuple[int, ...]:
    """The column naming each row's year: labels, not figures."""
    at = _year_column(ctx.table, [ctx.sheet.rows[index] for index in ctx.table.data_rows], span)
    return () if at is None else (at,)


def _year_column(table: Table, rows: list[tuple[CellValue, ...]], span: Period) -> int | None:
    """The column naming a year of the range in two rows or more, if any."""
    for column in table.columns:
        if sum(year_in(row[column.index], span) is not None for row in rows) >= YEAR_ROWS:
            return column.index
    return None


def _year_rows(ctx: SheetContext, span: Period) -> tuple[Row, ...]:
    """Each body row as a year's row (its label the year), a total, or a note."""
    values = [ctx.sheet.rows[index] for index in ctx.table.data_rows]
    at = _year_column(ctx.table, values, span)
    rows = []
    for index, row in zip(ctx.table.data_rows, values, strict=True):
        year = year_in(row[at], span) if at is not None and at < len(row) else None
        texts = [text_of(v) for v in row if text_of(v)]
        if year is not None:
            rows.append(Row(index, str(year), "", "detail"))
        elif texts and is_total_label(texts[0]):
            rows.append(Row(index, texts[0], "", "total"))
        else:
            rows.append(Row(index, " ".join(texts), "", "note"))
    return tuple(rows)


def _has_year_rows(sheet: Sheet, table: Table) -> bool:
    span = range_of(table.title_lines)
    if span is None or not any(c.indicator.indicator for c in table.columns_of("value")):
        return False
    return _year_column(table, [sheet.rows[index] for index in table.data_rows], span) is not None


SHAPE: Shape = Shape(
    name="by_year_row", matches=_has_year_rows, rows_are_provinces=False, read=read
)
