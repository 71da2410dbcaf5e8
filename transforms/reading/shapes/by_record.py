"""The by-record shape (data exports): one row per province, indicator and period.

Web reporting systems and provincial databases export "long" tables: "Mã tỉnh | Tên tỉnh |
Chỉ tiêu | ĐVT | Kỳ báo cáo | Giá trị", one row a figure. Each row is one fact: of the province
its province column names, for the period its period column states (or the title, when the
table has no such column), of the indicator its label and ĐVT name, valued in the table's one
column of figures. A table has this shape when it has a province column, a label column whose
rows name indicators, and one column of figures (besides a column of periods, if any).

A row's period inside a period the title states is that row's ("6 tháng đầu năm 2018" under
"Kỳ báo cáo: Năm 2018"); one outside it is a conflict, never settled by picking one.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.model import CellValue, Fact, Finding, Sheet, cell_address, finding
from transforms.periods import Period, multi_year_period, parse_period
from transforms.reading.cells import SheetContext, cell_fact, collect
from transforms.reading.columns import Column
from transforms.reading.identity import (
    former_province_findings,
    resolve_province_label,
    unknown_province,
)
from transforms.reading.labels import strip_numbering
from transforms.reading.readings import TableReading
from transforms.reading.rows import Row, classify_rows, row_indicator
from transforms.reading.shapes.shape import Shape
from transforms.reading.tables import Table
from transforms.reading.values import holds_number, text_of
from transforms.rules import RuleCode
from transforms.words import has_phrase, words_of

PERIOD_SHARE = 0.8  # of a column's filled body cells that state a period, to hold the periods
INDICATOR_SHARE = 0.5  # of the label column's rows that name an indicator, to be records


def _period_column(sheet: Sheet, table: Table) -> Column | None:
    """The column whose body states a period in (nearly) every row: "Năm 2015", "Q3/2019";
    or a year typed as a number under a header naming periods ("Năm | 2017")."""
    for column in table.columns:
        if column.kind in ("label", "province", "unit", "sequence"):
            continue
        years = bool(column.levels) and has_phrase(words_of(column.levels[-1]), "period_columns")
        texts = [_period_text(sheet.value(r, column.index)) for r in table.data_rows]
        filled = [t for t in texts if t]
        stated = [
            t for t in filled if (years or not holds_number(t)) and parse_period(t) is not None
        ]
        if filled and len(stated) >= PERIOD_SHARE * len(filled):
            return column
    return None


def _period_text(value: CellValue) -> str:
    """A period cell's text; a year typed as a number (2017.0 in a spreadsheet) as "2017"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text_of(value)


def _figures(table: Table, periods: Column | None) -> Column | None:
    """The one column of figures: a value column naming no indicator, not the periods'."""
    found = [
        c
        for c in table.columns_of("value")
        if c is not periods
        and c.role in (None, "actual")
        and c.indicator.indicator is None
        and not c.indicator.ambiguous
    ]
    return found[0] if len(found) == 1 else None


def _matches(sheet: Sheet, table: Table) -> bool:
    label = table.first_of("label")
    if table.first_of("province") is None or label is None:
        return False
    # no column of periods: the title's period is every record's ("Kỳ: Quý IV/2025")
    if _figures(table, _period_column(sheet, table)) is None:
        return False
    rows = [r for r in classify_rows(sheet, table) if r.kind == "detail"]
    named = [r for r in rows if row_indicator(r).indicator is not None]
    return bool(rows) and len(named) >= INDICATOR_SHARE * len(rows)


def records_span(sheet: Sheet, table: Table) -> Period | None:
    """The period the records cover, the table's own when no title states one: the one they
    share, or the years from the first to the last ("2017-2019" for three years' records)."""
    periods = _period_column(sheet, table)
    if periods is None:
        return None
    texts = (_period_text(sheet.value(r, periods.index)) for r in table.data_rows)
    stated = {p for t in texts if t and (p := parse_period(t)) is not None}
    if len(stated) == 1:
        return stated.pop()
    if not stated:
        return None
    return multi_year_period(min(p.start.year for p in stated), max(p.end.year for p in stated))


def read(ctx: SheetContext) -> tuple[list[Fact], list[Finding], TableReading]:
    """A fact per record, and the table as read, for its checks."""
    facts: list[Fact] = []
    findings: list[Finding] = []
    sheet, table = ctx.sheet, ctx.table
    periods = _period_column(sheet, table)
    figures = _figures(table, periods)
    province_col = table.first_of("province")
    assert figures is not None and province_col is not None
    rows = classify_rows(sheet, table)
    unread: list[Row] = []
    ambiguous = []
    for row in rows:
        if row.kind not in ("detail", "part"):
            continue  # "- KCQG" under total funding is a record of its own, as every row is
        period = _period_of(ctx, row, periods, findings)
        if period is None:
            continue
        name = text_of(sheet.value(row.index, province_col.index))
        address = cell_address(row.index, province_col.index)
        province = resolve_province_label(strip_numbering(name), period.end)
        if province is None:
            findings.append(unknown_province(sheet.name, address, name))
            continue
        match = row_indicator(row)
        if match.ambiguous:
            label = table.first_of("label")
            ambiguous.append((row, match, cell_address(row.index, label.index if label else 0)))
            continue
        if match.indicator is None:
            unread.append(row)
            continue
        findings += former_province_findings(province, period, address)
        of_row = replace(ctx, period=period)
        collect(cell_fact(of_row, province, match.indicator, row, figures), facts, findings)
    details = tuple(r for r in rows if r.kind in ("detail", "part"))
    reading = TableReading(
        ctx,
        rows,
        details,
        (),
        rows_name_indicators=True,
        actual_columns=(figures,),
        unread_rows=tuple(unread),
        ambiguous_rows=tuple(ambiguous),
        label_columns=(periods.index,) if periods is not None else (),  # "2010": a period
    )
    return facts, findings, reading


def _period_of(
    ctx: SheetContext, row: Row, periods: Column | None, findings: list[Finding]
) -> Period | None:
    """The record's period: its own, inside the table's; a conflict when outside it."""
    if periods is None:
        return ctx.period
    text = _period_text(ctx.sheet.value(row.index, periods.index))
    stated = parse_period(text) if text else None
    if stated is None:
        return None
    table_period = ctx.period  # the title's, or the span of the records (``records_span``)
    if table_period.start <= stated.start and stated.end <= table_period.end:
        return stated
    address = cell_address(row.index, periods.index)
    findings.append(
        finding(
            RuleCode.PERIOD_CONFLICT,
            sheet=ctx.sheet.name,
            cell=address,
            first=stated.label,
            first_source=f"ô / cell {address}",
            second=table_period.label,
            second_source="tiêu đề / title",
        )
    )
    return None


SHAPE: Shape = Shape(
    name="by_record",
    matches=_matches,
    rows_are_provinces=True,
    read=read,
    period_of=records_span,
)
