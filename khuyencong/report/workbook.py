"""The ministry workbook: the report's national summary as the ministry's own tables lay it out.

Four sheets, each with a title block, Vietnamese headers and status words, units, a frozen
header with filters, columns wide enough for their contents, and a print setup (A4 landscape,
fitted to the page width, header rows repeated on every page):

* ``Tổng hợp``: one row per indicator, one column per year, the period and its provinces;
* ``Theo tỉnh``: one row per province, one column per indicator, and a totals row (Cả nước)
  that is the national figure of the period;
* ``Tình hình báo cáo``: the completeness grid, provinces by years, and the number of
  provinces whose annual report was received each year;
* ``Chất lượng số liệu``: files and findings per province, with totals.

Numbers are written as values, never formulas, and text as text: a province or rule name
that starts with ``=``, ``+``, ``-`` or ``@`` gets Excel's quote prefix (``khuyencong.inert``,
as every writer of a spreadsheet here), so no cell of the workbook can run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from khuyencong.inert import inert_cell
from khuyencong.report.figures import Figures, labels
from warehouse.docs import column_docs

TITLE = "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG"
TOTAL = "Cả nước"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WIDEST = 48  # characters; longer headers wrap


@dataclass(frozen=True)
class Table:
    """One sheet's table: header rows (the last one names the columns), body and totals."""

    sheet: str
    subtitle: str
    headers: Sequence[Sequence[Any]]
    rows: Sequence[Sequence[Any]]
    totals: Sequence[Any] | None
    frozen_columns: int
    fills: dict[tuple[int, int], str] | None = None  # (body row, column) -> colour


def write_workbook(figures: Figures, generated_at: datetime, path: Path) -> None:
    """Write the ministry workbook of ``figures`` to ``path``."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    made = f"Nguồn: kho dữ liệu khuyến công; lập ngày {generated_at:%d/%m/%Y %H:%M} (UTC)"
    for table in (
        _summary(figures),
        _by_province(figures),
        _completeness(figures),
        _quality(figures),
    ):
        _write(workbook.create_sheet(table.sheet), table, made)
    workbook.save(path)


def _summary(figures: Figures) -> Table:
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", *figures.years, f"Cả giai đoạn {figures.span}"]
    header.append(f"Số tỉnh có số liệu ({figures.span})")
    rows = []
    for number, national in enumerate(figures.national, start=1):
        by_year = {year.year: year.value for year in national.by_year}
        indicator = national.indicator
        rows.append(
            [number, indicator.name_vi, indicator.unit_vi]
            + [by_year.get(year) for year in figures.years]
            + [national.value, national.provinces]
        )
    note = f"chỉ tiêu tồn (số làng nghề) lấy giá trị năm {figures.years[-1]}"
    return Table(
        "Tổng hợp", f"Số liệu toàn quốc, giai đoạn {figures.span}; {note}", [header], rows, None, 2
    )


def _by_province(figures: Figures) -> Table:
    names = ["STT", "Mã tỉnh", "Tên tỉnh", *(i.name_vi for i in figures.indicators)]
    units = ["", "", "", *(f"({i.unit_vi})" for i in figures.indicators)]
    rows = [
        [number, province.code, province.name]
        + [figures.province_values.get((province.code, i.code)) for i in figures.indicators]
        for number, province in enumerate(figures.provinces, start=1)
    ]
    totals = ["", "", TOTAL, *(national.value for national in figures.national)]
    return Table(
        "Theo tỉnh",
        f"Số liệu theo tỉnh, giai đoạn {figures.span}, theo địa giới của kỳ báo cáo",
        [names, units],
        rows,
        totals,
        3,
    )


def _completeness(figures: Figures) -> Table:
    words = labels()
    header = ["STT", "Mã tỉnh", "Tên tỉnh", *figures.gap_years]
    rows, fills = [], {}
    for index, province in enumerate(figures.provinces):
        statuses = [figures.completeness[province.code, year] for year in figures.gap_years]
        rows.append(
            [index + 1, province.code, province.name, *(words.status(s).vi for s in statuses)]
        )
        for offset, status in enumerate(statuses):
            fills[index, 3 + offset] = words.status(status).colour.lstrip("#")
    totals: list[Any] = ["", "", "Số tỉnh đã gửi báo cáo năm"]
    totals += [figures.annual_reports_received(year) for year in figures.gap_years]
    return Table(
        "Tình hình báo cáo",
        f"Tình hình gửi báo cáo năm của các tỉnh, {figures.gap_span}",
        [header],
        rows,
        totals,
        3,
        fills,
    )


def _quality(figures: Figures) -> Table:
    docs = column_docs()
    columns = figures.quality_columns
    header = ["STT"] + [
        doc.header_vi if (doc := docs.get("quality_by_province", c)) else c for c in columns
    ]
    rows = [
        [number]
        + [
            row[c] if row[c] is not None or c != "province_name" else "(không rõ tỉnh)"
            for c in columns
        ]
        for number, row in enumerate(figures.quality, start=1)
    ]
    counted = {
        "submissions_received",
        "loaded",
        "quarantined",
        "duplicates",
        "superseded",
        "errors",
        "warnings",
    }
    totals = [
        "",
        *(sum(row[c] for row in figures.quality) if c in counted else "" for c in columns),
    ]
    totals[columns.index("province_name") + 1] = TOTAL
    return Table(
        "Chất lượng số liệu",
        "Tệp đã nhận và phát hiện về chất lượng số liệu theo tỉnh, qua mọi lần chạy",
        [header],
        rows,
        totals,
        3,
    )


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Any:
    """Write one value; text that Excel would run as a formula is stored as quoted text."""
    cell = inert_cell(sheet.cell(row=row, column=column), value)
    if isinstance(value, float):
        cell.number_format = "#,##0.0"
    elif isinstance(value, int) and column > 1:
        cell.number_format = "#,##0"
    return cell


def _write(sheet: Worksheet, table: Table, made: str) -> None:
    width = len(table.headers[-1])
    for row, (text, font) in enumerate(
        (
            (TITLE, Font(bold=True, size=14)),
            (table.subtitle, Font(italic=True)),
            (made, Font(size=9)),
        ),
        start=1,
    ):
        _put(sheet, row, 1, text).font = font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")
    first_header = 5
    for offset, header in enumerate(table.headers):
        for column, text in enumerate(header, start=1):
            cell = _put(sheet, first_header + offset, column, text)
            cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    last_header = first_header + len(table.headers) - 1
    for index, values in enumerate(table.rows):
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, last_header + 1 + index, column, value)
            cell.border = BOX
            if table.fills and (colour := table.fills.get((index, column - 1))):
                cell.fill = PatternFill("solid", fgColor=colour)
    last_row = last_header + len(table.rows)
    if table.totals is not None:
        for column, value in enumerate(table.totals, start=1):
            cell = _put(sheet, last_row + 1, column, value)
            cell.font, cell.border, cell.fill = BOLD, BOX, HEADER_FILL
    sheet.freeze_panes = sheet.cell(row=last_header + 1, column=table.frozen_columns + 1)
    sheet.auto_filter.ref = f"A{last_header}:{get_column_letter(width)}{last_row}"
    _fit_columns(sheet, table)
    _print_setup(sheet, first_header, last_header)


def _fit_columns(sheet: Worksheet, table: Table) -> None:
    """Each column as wide as its longest value, its units and its name on three lines, up to
    ``WIDEST`` characters."""
    for column in range(1, len(table.headers[-1]) + 1):
        rows = [*table.rows, table.totals or []]
        texts = [_shown(row[column - 1]) for row in rows if len(row) >= column]
        name, *below = (str(header[column - 1]) for header in table.headers)
        # a column's name wraps on at most three lines; the rows below it (units) do not wrap
        lines = [-(-len(name) // 3), *(len(word) for word in name.split()), *map(len, below)]
        longest = max([len(text) for text in texts] + lines + [4])
        sheet.column_dimensions[get_column_letter(column)].width = min(longest + 3, WIDEST)


def _shown(value: Any) -> str:
    """A value as Excel shows it with the number formats of ``_put``."""
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _print_setup(sheet: Worksheet, first_header: int, last_header: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages as it takes, down
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{first_header}:{last_header}"
    sheet.print_options.horizontalCentered = True
