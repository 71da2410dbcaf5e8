"""Legacy text in real workbooks: a sheet typed in TCVN3 settles the cells that cannot say it.

Each workbook is written as a real file (``.xlsx`` by openpyxl, ``.xls`` by xlwt) with the
cell fonts a clerk's template has, and read through the formats as the pipeline reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from khuyencong.workbook_files import read_workbook_file
from tests.transforms.readings import facts_by_period, rules_of
from transforms.legacy_text import encode_tcvn3
from transforms.model import CellValue
from transforms.reading.workbook import understand_workbook

Cell = tuple[CellValue, str | None]  # a value and its font (None: the workbook's default)
VNTIME = ".VnTime"


def _tcvn3(text: str) -> Cell:
    return encode_tcvn3(text), VNTIME


def _plain(value: CellValue) -> Cell:
    return value, None


def _write_xlsx(path: Path, rows: list[list[Cell]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "BC"
    for r, row in enumerate(rows, start=1):
        for c, (value, font) in enumerate(row, start=1):
            cell = sheet.cell(r, c, value)
            if font is not None:
                cell.font = Font(name=font)
    book.save(path)


def _write_xls(path: Path, rows: list[list[Cell]]) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("BC")
    styles: dict[str | None, xlwt.XFStyle] = {None: xlwt.XFStyle()}
    for r, row in enumerate(rows):
        for c, (value, font) in enumerate(row):
            if font not in styles:
                styles[font] = xlwt.easyxf(f"font: name {font}")
            if value is not None:
                sheet.write(r, c, value, styles[font])
    book.save(str(path))


WRITERS: dict[str, Callable[[Path, list[list[Cell]]], None]] = {
    "xlsx": _write_xlsx,
    "xls": _write_xls,
}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_a_short_header_in_the_default_font_follows_its_tcvn3_sheet(
    tmp_path: Path, suffix: str
) -> None:
    """ "Ghi chó" reads as Vietnamese as it stands; among headers typed in TCVN3 it is "Ghi chú",
    the notes column, and its figures are no second column of actuals."""
    rows = [
        [_tcvn3("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN")],
        [_tcvn3("Báo cáo kết quả công tác khuyến công năm 2010")],
        [
            _plain("STT"),
            _tcvn3("Chỉ tiêu"),
            _tcvn3("Đơn vị tính"),
            _tcvn3("Thực hiện"),
            _plain(encode_tcvn3("Ghi chú")),  # typed in TCVN3, the cell's font left at default
        ],
        [
            _plain(1),
            _tcvn3("Số lao động được đào tạo nghề"),
            _tcvn3("người"),
            _plain(1250),
            _tcvn3("Nghề mây tre đan"),
        ],
        [
            _plain(2),
            _tcvn3("Kinh phí khuyến công"),
            _tcvn3("triệu đồng"),
            _plain(1381),
            _plain(800),
        ],
        [_plain(3), _tcvn3("Số lớp đào tạo nghề"), _tcvn3("lớp"), _plain(12), _plain(None)],
    ]
    path = tmp_path / f"bc.{suffix}"
    WRITERS[suffix](path, rows)
    assert encode_tcvn3("Ghi chú") == "Ghi chó"  # the trap: both are Vietnamese syllables

    reading = understand_workbook(read_workbook_file(path))

    assert rules_of(reading) == [("legacy-encoding-repaired", "A1")]
    assert facts_by_period(reading) == {
        ("trained_workers", "2010"): 1250,
        ("extension_funding", "2010"): Decimal(1381),
        ("training_classes", "2010"): 12,
    }
    assert {f.identity.province_code for f in reading.facts} == {"19"}
