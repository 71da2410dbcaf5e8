"""Reading .xlsx/.xlsm: cell positions, visibility, error cells, legacy fonts, hidden cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook as XlsxWorkbook

from khuyencong.formats.xlsx import NO_CACHED_VALUE
from khuyencong.workbook_files import UnreadableFile, read_workbook_file
from transforms.model import cell_address


def test_cells_keep_the_address_a_clerk_sees_when_the_sheet_starts_late(tmp_path: Path) -> None:
    book = XlsxWorkbook()
    book.active["C5"] = "Số lượng"
    book.active["D7"] = 1250.0
    book.save(tmp_path / "late.xlsx")
    sheet = read_workbook_file(tmp_path / "late.xlsx").sheets[0]
    assert sheet.value(4, 2) == "Số lượng"
    assert sheet.value(6, 3) == 1250  # whole floats become ints, as .xls gives them
    assert isinstance(sheet.value(6, 3), int)
    assert cell_address(6, 3) == "D7"


def test_hidden_sheets_and_merged_ranges_are_read(tmp_path: Path) -> None:
    book = XlsxWorkbook()
    book.active["A1"] = "Kinh phí"
    book.active.merge_cells("A1:C1")
    hidden = book.create_sheet("Ẩn")
    hidden["A1"] = 1
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "merged.xlsx")
    first, second = read_workbook_file(tmp_path / "merged.xlsx").sheets
    assert (first.merged[0].first_col, first.merged[0].last_col) == (0, 2)
    assert first.visible and not second.visible


def test_error_cells_are_not_read_as_blanks(tmp_path: Path) -> None:
    book = XlsxWorkbook()
    book.active["B2"] = "#REF!"  # openpyxl stores this as an error cell (t="e")
    book.active["C2"] = "=1/0"  # a formula saved without its value
    book.save(tmp_path / "errors.xlsx")
    xlsx = read_workbook_file(tmp_path / "errors.xlsx").sheets[0]
    assert (xlsx.value(1, 1), xlsx.value(1, 2)) == ("#REF!", NO_CACHED_VALUE)


def test_a_legacy_font_name_is_read_and_restores_capitals(tmp_path: Path) -> None:
    from openpyxl.styles import Font

    from transforms.legacy_text import encode_tcvn3
    from transforms.reading.workbook import understand_workbook

    book = XlsxWorkbook()
    sheet = book.active
    sheet["A1"] = encode_tcvn3("SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN")
    sheet["A2"] = encode_tcvn3("BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010")
    for cell in ("A1", "A2"):
        sheet[cell].font = Font(name=".VnTimeH")  # the all-capitals TCVN3 font
    sheet.append(["Chỉ tiêu", "ĐVT", "Thực hiện"])
    sheet.append(["Số lớp đào tạo nghề", "lớp", 12])
    book.save(tmp_path / "bc.xlsx")
    workbook = read_workbook_file(tmp_path / "bc.xlsx")
    assert {(r, c, name) for r, c, name in workbook.sheets[0].fonts} == {
        (0, 0, ".VnTimeH"),
        (1, 0, ".VnTimeH"),
    }
    reading = understand_workbook(workbook)
    assert reading.sheets[0].title[1] == "BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"
    assert [(f.indicator, f.value) for f in reading.facts] == [("training_classes", 12)]


@pytest.mark.parametrize("sheet", ["BC", "KC & CN <2010>"])
def test_hidden_rows_and_columns_are_not_read_and_the_clerk_is_told(
    tmp_path: Path, sheet: str
) -> None:
    """Also under a sheet name the workbook's XML escapes ("&amp;", "&lt;")."""
    from openpyxl import load_workbook

    from tests.sheets import save_xlsx
    from transforms.reading.workbook import understand_workbook

    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH HÒA BÌNH"],
        ["BÁO CÁO KẾT QUẢ KHUYẾN CÔNG NĂM 2010"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2009 (cũ)", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 250, 280],
        [1, "Số lao động được đào tạo nghề", "người", 300, 310],
    ]
    path = save_xlsx(tmp_path / "BC_KC_2010_HoaBinh.xlsx", sheet, rows)
    book = load_workbook(path)
    book[sheet].row_dimensions[4].hidden = True  # last version's row, kept out of sight
    book[sheet].column_dimensions["D"].hidden = True
    book.save(path)

    workbook = read_workbook_file(path)
    assert (workbook.sheets[0].hidden_rows, workbook.sheets[0].hidden_cols) == ((3,), (3,))
    reading = understand_workbook(workbook)
    assert [(f.indicator, f.value) for f in reading.facts] == [("trained_workers", 310)]
    assert [f.rule for f in reading.findings] == ["hidden-cells-ignored"]


@pytest.mark.parametrize("name", ["bc.xlsx", "bc.xlsm", "bc.xlsb"])
def test_a_password_protected_workbook_is_diagnosed_as_such(tmp_path: Path, name: str) -> None:
    """Excel encrypts an .xlsx into an OLE container holding an ``EncryptedPackage`` stream."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    (tmp_path / name).write_bytes(ole + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(tmp_path / name)
    assert (raised.value.rule, raised.value.reason) == (
        "password-protected",
        "encrypted Office container",
    )


def test_a_sheet_part_failing_its_checksum_is_a_damaged_file(tmp_path: Path) -> None:
    """The budgets' pass over the sheet's XML meets the bad part first: a damaged file, not a
    reader's failure (found by the fuzz, tests/fuzz)."""
    book = XlsxWorkbook()
    book.active["A1"] = "Số lượng"
    book.save(tmp_path / "bc.xlsx")
    data = bytearray((tmp_path / "bc.xlsx").read_bytes())
    header = data.index(b"xl/worksheets/sheet1.xml")  # the local header's name, then its data
    data[header + 40] ^= 0xFF
    (tmp_path / "bc.xlsx").write_bytes(bytes(data))
    with pytest.raises(UnreadableFile) as raised:
        read_workbook_file(tmp_path / "bc.xlsx")
    assert (raised.value.rule, raised.value.reason) == (
        "unreadable-file",
        "the file is damaged (error)",  # zlib.error: the deflated data is no longer valid
    )
