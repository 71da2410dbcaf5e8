"""Reading OpenDocument spreadsheets, merged headers included."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from khuyencong.workbook_files import read_workbook_file
from tests.ods import save_ods
from transforms.reading.workbook import understand_workbook


def test_an_ods_submission_is_read_like_any_spreadsheet(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["SỞ CÔNG THƯƠNG TỈNH THÁI NGUYÊN"],
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG NĂM 2010"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", "1.250"],
        [2, "Kinh phí khuyến công", "triệu đồng", 1381.5],
    ]
    path = save_ods(tmp_path / "bao_cao.ods", "BC", rows)
    reading = understand_workbook(read_workbook_file(path))
    assert [(f.indicator, f.value, f.cell) for f in reading.facts] == [
        ("trained_workers", 1250, "D4"),
        ("extension_funding", Decimal("1381.5"), "D5"),
    ]


def test_merged_blocks_calamine_does_not_give_are_read(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Kinh phí (triệu đồng)", None, None], ["Tổng", "KCQG", "KCĐP"]]
    path = save_ods(tmp_path / "bao_cao.ods", "BC", rows, ("A1:C1",))
    (sheet,) = read_workbook_file(path).sheets
    assert [(m.first_row, m.first_col, m.last_row, m.last_col) for m in sheet.merged] == [
        (0, 0, 0, 2)
    ]
