"""Repeats: the same figure in two tables or on two sheets counts once."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.readings import actuals, errors, facts_by, rules_of
from tests.transforms.reports import ACTIVITY_MERGES, activity_rows
from transforms.reading.workbook import understand_workbook


def test_the_same_figures_on_two_sheets_count_once() -> None:
    first = sheet("BC", activity_rows(), ACTIVITY_MERGES)
    copy = sheet("BC (2)", activity_rows(), ACTIVITY_MERGES)
    reading = understand_workbook(workbook("bc.xlsx", first, copy))
    assert facts_by(reading)[("19", "trained_workers")] == 1250
    assert rules_of(reading) == []


def test_a_detail_table_below_its_summary_is_a_repeat_not_more_of_the_same() -> None:
    rows = [
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC KHUYẾN CÔNG TỈNH NAM ĐỊNH NĂM 2010"],
        [None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        [1, "Số lao động được đào tạo nghề", "người", 270],
        [2, "Số lớp đào tạo nghề", "lớp", 9],
        [None],
        ["CHI TIẾT CÁC LỚP ĐÀO TẠO NGHỀ"],
        ["STT", "Nội dung", "Địa điểm", "Số lao động được đào tạo nghề"],
        [1, "Lớp mây tre đan", "Ý Yên", 30],
        [2, "Lớp thêu ren", "Hải Hậu", 35],
        [3, "Lớp sơn mài", "Nam Trực", 205],
    ]
    reading = understand_workbook(
        workbook("BaoCao_KhuyenCong_NamDinh_2010.xlsx", sheet("BC", rows))
    )
    assert actuals(reading)[("36", "2010", "trained_workers")] == Decimal(270)
    assert "duplicate-indicator" not in errors(reading)

    rows[10][3] = 305  # the detail no longer adds up to the summary: never added, an error
    reading = understand_workbook(
        workbook("BaoCao_KhuyenCong_NamDinh_2010.xlsx", sheet("BC", rows))
    )
    assert "duplicate-indicator" in errors(reading)
