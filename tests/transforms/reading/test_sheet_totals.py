"""Two lists on one sheet, one per source of funding, closed by a grand total of both: each
list is read with its own header, and the grand total is compared with their closing totals."""

from __future__ import annotations

from decimal import Decimal

from tests.sheets import sheet, workbook
from tests.transforms.readings import actuals, rules_of
from transforms.model import CellValue, Reading
from transforms.reading.workbook import understand_workbook

HEADER = [
    "STT",
    "Tên đề án",
    "Đơn vị thụ hưởng",
    "Kinh phí ({})",
    "Vốn đối ứng",
    "Số LĐ được đào tạo",
]


def header(source: str) -> list[CellValue]:
    return [text.format(source) for text in HEADER]


def two_lists(grand_funding: CellValue = 4715, grand: str = "(13 đề án)") -> list[list[CellValue]]:
    return [
        ["SỞ CÔNG THƯƠNG TỈNH PHÚ THỌ"],
        ["DANH MỤC ĐỀ ÁN KHUYẾN CÔNG THỰC HIỆN NĂM 2011"],
        [None, None, None, None, None, "Đơn vị: triệu đồng"],
        ["A. ĐỀ ÁN SỬ DỤNG KINH PHÍ KHUYẾN CÔNG QUỐC GIA"],
        header("KCQG"),
        [1, "Hỗ trợ ứng dụng máy móc thiết bị may công nghiệp", "HTX Phú Vinh", 1000, 440, None],
        [2, "Đào tạo nghề chế biến gỗ", "Công ty Minh Phát", 1150, 600, 30],
        [None, "Cộng (7 đề án)", None, 2150, None, 30],
        [None],
        ["B. ĐỀ ÁN SỬ DỤNG KINH PHÍ KHUYẾN CÔNG ĐỊA PHƯƠNG"],
        header("KCĐP"),
        [1, "Hỗ trợ ứng dụng máy móc thiết bị đan lát", "Công ty Hoàng Long", 2160, 670, None],
        [2, "Đào tạo nghề sản xuất gạch không nung", "HTX Đồng Kỵ", 405, 405, 35],
        [None, "Cộng (6 đề án)", None, 2565, None, 35],
        [None],
        [None, f"TỔNG CỘNG CẢ HAI NGUỒN {grand}", None, grand_funding, None, 65],
    ]


def read(rows: list[list[CellValue]], *more: tuple[str, list[list[CellValue]]]) -> Reading:
    sheets = [sheet(name, content) for name, content in more]
    return understand_workbook(workbook("PhuTho_DeAn_2011.xlsx", *sheets, sheet("Danh muc", rows)))


def test_each_list_is_read_with_its_own_source_and_the_grand_total_adds_them_up() -> None:
    reading = read(two_lists())
    assert actuals(reading) == {
        ("25", "2011", "extension_funding_national"): Decimal(2150),
        ("25", "2011", "extension_funding_local"): Decimal(2565),
        ("25", "2011", "extension_funding"): Decimal(4715),
        ("25", "2011", "extension_projects"): Decimal(13),
        ("25", "2011", "trained_workers"): Decimal(65),
    }
    assert rules_of(reading) == []
    counted = [f for f in reading.facts if f.indicator in ("extension_projects", "trained_workers")]
    assert sorted((f.indicator, f.cell) for f in counted) == [
        ("extension_projects", "B16"),
        ("trained_workers", "F16"),
    ]
    outcomes = {c.cell: (c.outcome, c.why) for c in reading.sheets[0].cells}
    assert outcomes["D16"] == ("total", "total of the sheet's tables")


def test_a_grand_total_its_lists_contradict_is_a_total_mismatch() -> None:
    reading = read(two_lists(grand_funding=4815))
    assert ("total-mismatch", "D16") in rules_of(reading)


def test_counts_of_two_lists_that_the_grand_total_does_not_state_are_never_added() -> None:
    reading = read(two_lists(grand=""))
    assert ("duplicate-indicator", "B14") in rules_of(reading)


def test_a_list_beside_a_cover_letter_is_the_report_itself() -> None:
    letter: list[list[CellValue]] = [
        ["UBND TỈNH PHÚ THỌ"],
        ["V/v báo cáo kết quả công tác khuyến công năm 2011"],
    ]
    reading = read(two_lists(), ("Cong van", letter))
    assert actuals(reading)[("25", "2011", "extension_funding_national")] == Decimal(2150)
