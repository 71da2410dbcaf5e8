"""The ministry workbook read back: headers, totals that are the marts' figures, columns that
fit, a print setup for A4 landscape, and no cell a spreadsheet would run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from khuyencong.inert import FORMULA_STARTS
from khuyencong.query import plain, run_query
from khuyencong.report import ReportFiles
from khuyencong.report.workbook import write_workbook
from tests.khuyencong.report.conftest import YEARS
from tests.khuyencong.report.figures import HOSTILE, tiny_figures
from tests.nightly import Run

SHEETS = ["Tổng hợp", "Theo tỉnh", "Tình hình báo cáo", "Chất lượng số liệu"]
HEADER_ROW = 5


@pytest.fixture(scope="module")
def workbook(report_files: ReportFiles) -> openpyxl.Workbook:
    return openpyxl.load_workbook(report_files.workbook)


def row_values(sheet: Worksheet, row: int) -> list[object]:
    return [cell.value for cell in sheet[row]]


def test_it_has_the_four_sheets_with_a_title_block_and_vietnamese_headers(
    workbook: openpyxl.Workbook,
) -> None:
    assert workbook.sheetnames == SHEETS
    for sheet in workbook:
        assert sheet["A1"].value == "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG"
        assert "2005-2009" in sheet["A2"].value or sheet.title == "Chất lượng số liệu"
    assert row_values(workbook["Tổng hợp"], HEADER_ROW) == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        *YEARS,
        "Cả giai đoạn 2005-2009",
        "Số tỉnh có số liệu (2005-2009)",
    ]
    by_province = workbook["Theo tỉnh"]
    assert row_values(by_province, HEADER_ROW)[:3] == ["STT", "Mã tỉnh", "Tên tỉnh"]
    assert "Lao động nông thôn được đào tạo nghề" in row_values(by_province, HEADER_ROW)
    assert "(người)" in row_values(by_province, HEADER_ROW + 1)  # the units' row
    quality = row_values(workbook["Chất lượng số liệu"], HEADER_ROW)
    assert quality[:4] == ["STT", "Mã tỉnh (GSO)", "Tên tỉnh", "Số tệp đã nhận"]


def test_the_totals_row_of_the_provinces_is_the_national_figure_of_the_mart(
    workbook: openpyxl.Workbook, nightly_run: Run
) -> None:
    """Flows added up over the years, stocks as of 2009: marts.national_indicator_year."""
    national = run_query(
        nightly_run.home,
        """select i.name_vi,
                  case when i.kind = 'stock' then sum(n.value) filter (where n.year = 2009)
                       else sum(n.value) end
           from marts.national_indicator_year n
           inner join marts.indicators i on i.indicator = n.indicator
           where n.year between 2005 and 2009
           group by i.name_vi, i.kind""",
    )[0].rows
    sheet = workbook["Theo tỉnh"]
    totals = dict(zip(row_values(sheet, HEADER_ROW), row_values(sheet, sheet.max_row), strict=True))
    assert totals["Tên tỉnh"] == "Cả nước"
    assert {name: pytest.approx(plain(value)) for name, value in national} == {
        name: totals[name] for name, _ in national
    }
    assert totals["Lao động nông thôn được đào tạo nghề"] == 329_620


def test_the_completeness_grid_is_provinces_by_years_with_vietnamese_status_words(
    workbook: openpyxl.Workbook, nightly_run: Run
) -> None:
    received = dict(
        run_query(
            nightly_run.home,
            "select year, count(*) filter (where expected and received) "
            "from marts.reporting_completeness where year between 2005 and 2009 group by year",
        )[0].rows
    )
    sheet = workbook["Tình hình báo cáo"]
    assert row_values(sheet, HEADER_ROW) == ["STT", "Mã tỉnh", "Tên tỉnh", *YEARS]
    body = [row_values(sheet, row) for row in range(HEADER_ROW + 1, sheet.max_row)]
    assert {row[1] for row in body} >= {"01", "28", "96"}
    assert {word for row in body for word in row[3:]} <= {
        "Đã nhận",
        "Nộp muộn",
        "Chỉ có báo cáo kỳ",
        "Bị từ chối",
        "Chưa nhận",
        "Không phải báo cáo",
    }
    ha_tay = next(row for row in body if row[1] == "28")
    assert ha_tay[3:] == ["Đã nhận"] * 3 + ["Không phải báo cáo"] * 2
    totals = row_values(sheet, sheet.max_row)
    assert totals[2] == "Số tỉnh đã gửi báo cáo năm"
    assert dict(zip(YEARS, totals[3:], strict=True)) == received


def test_columns_are_wide_enough_for_what_they_hold(workbook: openpyxl.Workbook) -> None:
    for sheet in workbook:
        for column in sheet.iter_cols(min_row=HEADER_ROW + 1):
            shown = [
                f"{c.value:,}" if isinstance(c.value, int | float) else str(c.value)
                for c in column
                if c.value is not None
            ]
            width = sheet.column_dimensions[column[0].column_letter].width
            assert width >= min(max(map(len, shown), default=0), 48), (sheet.title, column[0])


def test_each_sheet_prints_landscape_fitted_to_the_width_with_its_header_repeated(
    workbook: openpyxl.Workbook,
) -> None:
    for sheet in workbook:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        last_header = HEADER_ROW + (sheet.title == "Theo tỉnh")
        assert sheet.print_title_rows == f"${HEADER_ROW}:${last_header}"
        assert sheet.freeze_panes.endswith(str(last_header + 1))
        assert sheet.auto_filter.ref.startswith(f"A{last_header}:")


def test_no_cell_is_a_formula(workbook: openpyxl.Workbook) -> None:
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)


def test_text_a_spreadsheet_would_run_is_written_as_quoted_text(tmp_path: Path) -> None:
    """A province or rule named like a formula (the names come from the files sent in)."""
    path = tmp_path / "hostile.xlsx"
    write_workbook(tiny_figures(HOSTILE), datetime(2026, 1, 15, tzinfo=UTC), path)
    cells = [
        cell
        for sheet in openpyxl.load_workbook(path)
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)
    ]
    assert {cell.value for cell in cells} >= {HOSTILE, "@SUM(A1:A9) (3)"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)
