"""Reading legacy .xls workbooks: error cells, and an .xls whatever its name."""

from __future__ import annotations

from pathlib import Path

import xlwt

from khuyencong.workbook_files import read_workbook_file


def test_error_cells_are_not_read_as_blanks(tmp_path: Path) -> None:
    legacy = xlwt.Workbook()
    legacy.add_sheet("S").row(1).set_cell_error(1, "#DIV/0!")
    legacy.save(str(tmp_path / "errors.xls"))
    xls = read_workbook_file(tmp_path / "errors.xls").sheets[0]
    assert xls.value(1, 1) == "#DIV/0!"


def test_an_xls_workbook_renamed_xlsx_is_read_as_what_it_is(tmp_path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("BC")
    for col, text in enumerate(("Chỉ tiêu", "Năm 2010")):
        sheet.write(0, col, text)
    sheet.write(1, 0, "Số lớp")
    sheet.write(1, 1, 12)
    book.save(str(tmp_path / "bc.xlsx"))
    workbook = read_workbook_file(tmp_path / "bc.xlsx")
    assert workbook.file_name == "bc.xlsx"
    assert workbook.sheets[0].value(1, 0) == "Số lớp"
    assert workbook.sheets[0].value(1, 1) == 12
